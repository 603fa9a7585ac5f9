// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct_ops.bats: the struct_ops API of libbpfcore.a against the kernel.
 *   struct_ops_api link A.o B.o CC: A and B are .struct_ops.link objects
 *     of congestion control CC. bpf_map__attach_struct_ops(A) registers
 *     CC through a link; bpf_link__update_map() puts B behind that link
 *     (the link's map id follows), bpf_link_update() with old_map_fd puts
 *     A back; destroying the link unregisters CC.
 *   struct_ops_api map C.o CC: C is a .struct_ops object: attach registers
 *     CC by updating the map, bpf_link__update_map() refuses such a link,
 *     bpf_link__detach() and bpf_link__destroy() unregister.
 *   struct_ops_api assoc C.o OTHER.o: bpf_prog_assoc_struct_ops() and
 *     bpf_program__assoc_struct_ops(), whose command kernels up to 6.18
 *     lack: prints the kernel's answer.
 * Prints one line per step; exits non-zero on the first unexpected result.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static int fail(const char *what, int err)
{
	fprintf(stderr, "FAIL %s: %d (%s)\n", what, err, strerror(err < 0 ? -err : err));
	return 1;
}

/* Congestion control name is in /proc/sys/net/ipv4/tcp_available_congestion_control. */
static int available(const char *name)
{
	char buf[4096], *tok, *save;
	FILE *f = fopen("/proc/sys/net/ipv4/tcp_available_congestion_control", "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (tok = strtok_r(buf, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		if (!strcmp(tok, name))
			return 1;
	return 0;
}

/* The kernel unregisters after an RCU grace period: wait up to 2 s. */
static int gone(const char *name)
{
	int i;

	for (i = 0; i < 20 && available(name) == 1; i++)
		usleep(100000);
	return available(name) == 0;
}

static struct bpf_object *load(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);

	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "FAIL load %s: %s\n", path, strerror(errno));
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

static struct bpf_map *st_ops_map(struct bpf_object *obj)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj)
		if (bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS)
			return map;
	return NULL;
}

static __u32 map_id(const struct bpf_map *map)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return bpf_map_get_info_by_fd(bpf_map__fd(map), &info, &len) ? 0 : info.id;
}

/*
 * The map id of a struct_ops link: struct_ops.map_id, the first field of
 * the union of struct bpf_link_info, at offset 16 (newer than the 6.1
 * UAPI headers this builds with).
 */
static __u32 link_map_id(const struct bpf_link *link)
{
	__u64 raw[16] = { 0 };
	__u32 len = sizeof(raw), id;

	if (bpf_link_get_info_by_fd(bpf_link__fd(link), (struct bpf_link_info *)raw, &len))
		return 0;
	memcpy(&id, (char *)raw + 16, sizeof(id));
	return id;
}

static int do_link(const char *a_path, const char *b_path, const char *cc)
{
	struct bpf_object *a = load(a_path), *b = a ? load(b_path) : NULL;
	struct bpf_link *link;
	int err, ret = 1;

	if (!a || !b)
		goto out;
	link = bpf_map__attach_struct_ops(st_ops_map(a));
	if (!link) {
		fail("attach A", -errno);
		goto out;
	}
	if (available(cc) != 1 || link_map_id(link) != map_id(st_ops_map(a))) {
		fail("A registered behind the link", -EINVAL);
		goto out_link;
	}
	printf("attached A map %u\n", map_id(st_ops_map(a)));
	err = bpf_link__update_map(link, st_ops_map(b));
	if (err || link_map_id(link) != map_id(st_ops_map(b)) || available(cc) != 1) {
		fail("update_map to B", err);
		goto out_link;
	}
	printf("updated to B map %u\n", link_map_id(link));
	/* back to A with BPF_F_REPLACE: only if B is the one behind the link */
	{
		LIBBPF_OPTS(bpf_link_update_opts, opts, .flags = BPF_F_REPLACE,
			    .old_map_fd = bpf_map__fd(st_ops_map(a)));

		err = bpf_link_update(bpf_link__fd(link), bpf_map__fd(st_ops_map(a)), &opts);
		if (err != -EPERM) {
			fail("replace with the wrong old map", err);
			goto out_link;
		}
		opts.old_map_fd = bpf_map__fd(st_ops_map(b));
		err = bpf_link_update(bpf_link__fd(link), bpf_map__fd(st_ops_map(a)), &opts);
		if (err || link_map_id(link) != map_id(st_ops_map(a))) {
			fail("replace B with A", err);
			goto out_link;
		}
	}
	printf("replaced B with A (old_map_fd), wrong old map: EPERM\n");
	err = bpf_link__update_map(link, bpf_object__find_map_by_name(b, ".bss") ?:
				   bpf_object__next_map(b, NULL));
	if (err != -EINVAL || errno != EINVAL) {
		fail("update_map with a map that is no struct_ops", err);
		goto out_link;
	}
	printf("non-struct_ops map refused\n");
	ret = 0;
out_link:
	bpf_link__destroy(link);
	if (!gone(cc))
		ret = fail("unregistered by destroying the link", -EBUSY);
	else if (!ret)
		printf("destroyed, %s gone\n", cc);
out:
	bpf_object__close(b);
	bpf_object__close(a);
	return ret;
}

static int do_map(const char *path, const char *cc)
{
	struct bpf_object *obj = load(path), *obj2;
	struct bpf_link *link;
	int err;

	if (!obj)
		return 1;
	link = bpf_map__attach_struct_ops(st_ops_map(obj));
	if (!link || available(cc) != 1)
		return fail("attach", -errno);
	printf("attached\n");
	err = bpf_link__update_map(link, st_ops_map(obj));
	if (err != -EINVAL)
		return fail("update_map of a map without link", err);
	printf("update_map refused\n");
	err = bpf_link__detach(link);
	if (err || !gone(cc))
		return fail("detach", err);
	printf("detached, %s gone\n", cc);
	bpf_link__destroy(link);
	/* the kernel takes a struct_ops map's value once only */
	link = bpf_map__attach_struct_ops(st_ops_map(obj));
	if (link || errno != EBUSY)
		return fail("attach of a map unregistered before", -errno);
	printf("attach again: kernel says EBUSY\n");
	if (bpf_map__attach_struct_ops(bpf_object__next_map(obj, NULL)) || errno != EINVAL)
		return fail("attach of a map that is no struct_ops", -errno);
	printf("non-struct_ops map refused\n");
	bpf_object__close(obj);
	obj2 = load(path);
	if (!obj2)
		return 1;
	link = bpf_map__attach_struct_ops(st_ops_map(obj2));
	if (!link || available(cc) != 1)
		return fail("attach a fresh map", -errno);
	bpf_link__destroy(link);
	if (!gone(cc))
		return fail("destroy", -EBUSY);
	printf("destroyed, %s gone\n", cc);
	bpf_object__close(obj2);
	return 0;
}

static int do_assoc(const char *st_path, const char *other_path)
{
	struct bpf_object *st = load(st_path), *other = st ? load(other_path) : NULL;
	LIBBPF_OPTS(bpf_prog_assoc_struct_ops_opts, opts);
	struct bpf_program *st_prog, *prog;
	struct bpf_map *map;
	int err;

	if (!st || !other)
		return 1;
	map = st_ops_map(st);
	st_prog = bpf_object__next_program(st, NULL);
	prog = bpf_object__next_program(other, NULL);
	err = bpf_program__assoc_struct_ops(st_prog, map, NULL);
	if (err != -EINVAL)
		return fail("assoc of a struct_ops program", err);
	printf("struct_ops program refused\n");
	err = bpf_program__assoc_struct_ops(prog, bpf_object__next_map(st, NULL), NULL);
	if (err != -EINVAL)
		return fail("assoc with a map that is no struct_ops", err);
	printf("non-struct_ops map refused\n");
	opts.sz = 1;
	err = bpf_prog_assoc_struct_ops(bpf_program__fd(prog), bpf_map__fd(map), &opts);
	if (err != -EINVAL)
		return fail("bad opts", err);
	opts.sz = sizeof(opts);
	err = bpf_prog_assoc_struct_ops(bpf_program__fd(prog), bpf_map__fd(map), &opts);
	printf("kernel: bpf_prog_assoc_struct_ops %d errno %d\n", err, err ? errno : 0);
	err = bpf_program__assoc_struct_ops(prog, map, NULL);
	printf("kernel: bpf_program__assoc_struct_ops %d errno %d\n", err, err ? errno : 0);
	bpf_object__close(other);
	bpf_object__close(st);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "link"))
		return do_link(argv[2], argv[3], argv[4]);
	if (argc == 4 && !strcmp(argv[1], "map"))
		return do_map(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "assoc"))
		return do_assoc(argv[2], argv[3]);
	fprintf(stderr, "usage: %s link A.o B.o CC | map C.o CC | assoc C.o OTHER.o\n", argv[0]);
	return 2;
}
