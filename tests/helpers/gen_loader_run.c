// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper for bpf_object__gen_loader(): record OBJ's loader program,
 * then do by hand what a light skeleton's bpf_load_and_run() does (data
 * map, BPF_PROG_TYPE_SYSCALL load with the map as fd_array[0], one
 * BPF_PROG_TEST_RUN with the context) through libbpfcore's own API, and
 * print what the run gave back:
 *
 *   gen_loader_run args OBJ    the argument checks: prints "args ok"
 *   gen_loader_run run OBJ [hash] [resize]
 *                              prints "loader insns N data N", then
 *                              "retval R" and, when R is 0, one
 *                              "map NAME TYPE fd-ok" / "prog NAME TYPE fd-ok"
 *                              line per fd, named as the kernel has it, and
 *                              one "slot MAP KEY NAME" line per filled slot
 *                              of a program array or map-in-map. "hash"
 *                              sets gen_hash; "resize" asks through the
 *                              context for a first map of 2^32 - 1 entries.
 *                              Socket filter and tc programs are then run
 *                              on a zeroed packet: "test NAME RETVAL".
 *                              A failed run prints "failed step: WHAT",
 *                              read from the header of the run's data.
 *                              Last, "fds leaked N": fds the run left open.
 *
 * Built against libbpfcore.a. Exits 0 when every step it could do worked.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "fd_count.h"

/* The context skel_internal.h gives the loader, without including it. */
struct loader_ctx {
	__u32 sz;
	__u32 flags;
	__u32 log_level;
	__u32 log_size;
	__u64 log_buf;
};

struct map_desc {
	int map_fd;
	__u32 max_entries;
	__u64 initial_value;
};

static int fail(const char *what, int err)
{
	fprintf(stderr, "gen_loader_run: %s: %s\n", what, strerror(err < 0 ? -err : err));
	return 1;
}

static int check_args(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct gen_loader_opts bad = { .sz = 1 }, opts = { .sz = sizeof(opts) };
	int err;

	if (!obj)
		return fail(path, -errno);
	err = bpf_object__gen_loader(obj, NULL);
	if (err != -EFAULT || errno != EFAULT)
		return fail("NULL opts not refused with EFAULT", err);
	err = bpf_object__gen_loader(obj, &bad);
	if (err != -EINVAL)
		return fail("opts with sz 1 not refused with EINVAL", err);
	err = bpf_object__gen_loader(NULL, &opts);
	if (err != -EINVAL)
		return fail("NULL object not refused with EINVAL", err);
	if (bpf_object__gen_loader(obj, &opts) || bpf_object__load(obj))
		return fail("recording", -errno);
	err = bpf_object__gen_loader(obj, &opts);
	if (err != -EINVAL)
		return fail("a loaded object not refused with EINVAL", err);
	bpf_object__close(obj);
	printf("args ok\n");
	return 0;
}

/* What the kernel says of the fds the loader returned. */
struct fd_info {
	int fd;
	__u32 id;
	__u32 prog_type;
	__u32 type;
	__u32 max_entries;
	char name[BPF_OBJ_NAME_LEN];
};

static void describe(const char *kind, int fd, struct fd_info *fi)
{
	struct bpf_prog_info pinfo = {};
	struct bpf_map_info minfo = {};
	__u32 len;

	fi->fd = fd;
	if (!strcmp(kind, "map")) {
		len = sizeof(minfo);
		if (bpf_map_get_info_by_fd(fd, &minfo, &len)) {
			printf("map ? fd-bad\n");
			return;
		}
		fi->id = minfo.id;
		fi->type = minfo.type;
		fi->max_entries = minfo.max_entries;
		memcpy(fi->name, minfo.name, sizeof(fi->name));
		printf("map %s %s fd-ok\n", fi->name, libbpf_bpf_map_type_str(minfo.type));
		return;
	}
	len = sizeof(pinfo);
	if (bpf_prog_get_info_by_fd(fd, &pinfo, &len)) {
		printf("prog ? fd-bad\n");
		return;
	}
	fi->id = pinfo.id;
	fi->prog_type = pinfo.type;
	memcpy(fi->name, pinfo.name, sizeof(fi->name));
	printf("prog %s %s fd-ok\n", fi->name, libbpf_bpf_prog_type_str(pinfo.type));
}

static const char *name_of_id(const struct fd_info *fi, int cnt, __u32 id)
{
	int i;

	for (i = 0; i < cnt; i++)
		if (fi[i].id == id)
			return fi[i].name;
	return "?";
}

/* The slots of program arrays and maps-in-map: user space reads ids from them. */
static void print_slots(const struct fd_info *maps, int nr_maps, const struct fd_info *progs,
			int nr_progs)
{
	__u32 key, id;
	int i;

	for (i = 0; i < nr_maps; i++) {
		bool of_progs = maps[i].type == BPF_MAP_TYPE_PROG_ARRAY;

		if (!of_progs && maps[i].type != BPF_MAP_TYPE_ARRAY_OF_MAPS)
			continue;
		for (key = 0; key < maps[i].max_entries; key++)
			if (!bpf_map_lookup_elem(maps[i].fd, &key, &id))
				printf("slot %s %u %s\n", maps[i].name, key,
				       of_progs ? name_of_id(progs, nr_progs, id) :
						  name_of_id(maps, nr_maps, id));
	}
}

/* The step a failed run was at: the blob header's failed_step, its description. */
static void print_failed_step(int map_fd, __u32 data_sz)
{
	char *data = calloc(1, data_sz + 1);
	__u32 key = 0, hdr[4], off;

	if (!data || bpf_map_lookup_elem(map_fd, &key, data)) {
		printf("failed step: unreadable\n");
		free(data);
		return;
	}
	memcpy(hdr, data, sizeof(hdr));
	/* magic, failed_step (1-based), steps_off, nr_steps */
	if (hdr[1] && hdr[1] <= hdr[3] && hdr[2] + 4 * hdr[3] <= data_sz) {
		memcpy(&off, data + hdr[2] + 4 * (hdr[1] - 1), sizeof(off));
		printf("failed step: %s\n", off < data_sz ? data + off : "?");
	} else {
		printf("failed step: none recorded\n");
	}
	free(data);
}

/* The programs that BPF_PROG_TEST_RUN takes a packet for. */
static void test_progs(const struct fd_info *progs, int nr_progs)
{
	char pkt[64] = { 0 };
	int i;

	for (i = 0; i < nr_progs; i++) {
		LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = pkt, .data_size_in = sizeof(pkt));

		if (progs[i].prog_type != BPF_PROG_TYPE_SOCKET_FILTER &&
		    progs[i].prog_type != BPF_PROG_TYPE_SCHED_CLS)
			continue;
		if (bpf_prog_test_run_opts(progs[i].fd, &t))
			printf("test %s failed: %s\n", progs[i].name, strerror(errno));
		else
			printf("test %s %u\n", progs[i].name, t.retval);
	}
}

/* Run the loader of opts with a context for nr_maps maps and nr_progs programs. */
static int run_loader(const struct gen_loader_opts *g, int nr_maps, int nr_progs, bool resize)
{
	LIBBPF_OPTS(bpf_prog_load_opts, lopts);
	LIBBPF_OPTS(bpf_test_run_opts, ropts);
	size_t ctx_sz = sizeof(struct loader_ctx) + nr_maps * sizeof(struct map_desc) +
			nr_progs * sizeof(int);
	char *ctx = calloc(1, ctx_sz);
	int map_fd, prog_fd, i, err, zero = 0;
	struct map_desc *maps = (struct map_desc *)(ctx + sizeof(struct loader_ctx));
	int *progs = (int *)(maps + nr_maps);
	struct fd_info *info = calloc(nr_maps + nr_progs + 1, sizeof(*info));

	((struct loader_ctx *)ctx)->sz = ctx_sz;
	if (resize && nr_maps)
		maps[0].max_entries = 0xffffffff;
	map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "gloader_data", 4, g->data_sz, 1, NULL);
	if (map_fd < 0)
		return fail("loader data map", map_fd);
	err = bpf_map_update_elem(map_fd, &zero, g->data, 0);
	if (err)
		return fail("loader data", err);
	lopts.fd_array = &map_fd;
	lopts.prog_flags = BPF_F_SLEEPABLE;
	prog_fd = bpf_prog_load(BPF_PROG_TYPE_SYSCALL, "gloader_prog", "Dual BSD/GPL",
				(const struct bpf_insn *)g->insns, g->insns_sz / 8, &lopts);
	if (prog_fd < 0)
		return fail("loading the loader program", prog_fd);
	ropts.ctx_in = ctx;
	ropts.ctx_size_in = ctx_sz;
	err = bpf_prog_test_run_opts(prog_fd, &ropts);
	if (err)
		return fail("running the loader program", err);
	printf("retval %d\n", (int)ropts.retval);
	if (ropts.retval)
		print_failed_step(map_fd, g->data_sz);
	for (i = 0; !ropts.retval && i < nr_maps; i++)
		describe("map", maps[i].map_fd, &info[i]);
	for (i = 0; !ropts.retval && i < nr_progs; i++)
		describe("prog", progs[i], &info[nr_maps + i]);
	if (!ropts.retval) {
		print_slots(info, nr_maps, info + nr_maps, nr_progs);
		test_progs(info + nr_maps, nr_progs);
	}
	for (i = 0; !ropts.retval && i < nr_maps + nr_progs; i++)
		close(info[i].fd);
	close(prog_fd);
	close(map_fd);
	free(info);
	free(ctx);
	return ropts.retval ? 1 : 0;
}

static int run(const char *path, bool hash, bool resize)
{
	struct gen_loader_opts opts = { .sz = sizeof(opts), .gen_hash = hash };
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog;
	struct bpf_map *map;
	int nr_maps = 0, nr_progs = 0, fds, err;

	if (!obj)
		return fail(path, -errno);
	err = bpf_object__gen_loader(obj, &opts);
	if (!err)
		err = bpf_object__load(obj);
	if (err)
		return fail("recording the loader", err);
	printf("loader insns %u data %u\n", opts.insns_sz, opts.data_sz);
	bpf_object__for_each_map(map, obj)
		nr_maps++;
	bpf_object__for_each_program(prog, obj) {
		nr_progs++;
		if (bpf_program__fd(prog) >= 0)
			return fail("a program was loaded while recording", -EEXIST);
	}
	fds = open_fds();
	err = run_loader(&opts, nr_maps, nr_progs, resize);
	printf("fds leaked %d\n", open_fds() - fds);
	bpf_object__close(obj);
	return err;
}

int main(int argc, char **argv)
{
	int i;
	bool hash = false, resize = false;

	if (argc == 3 && !strcmp(argv[1], "args"))
		return check_args(argv[2]);
	for (i = 3; i < argc; i++) {
		hash |= !strcmp(argv[i], "hash");
		resize |= !strcmp(argv[i], "resize");
	}
	if (argc >= 3 && !strcmp(argv[1], "run"))
		return run(argv[2], hash, resize);
	fprintf(stderr, "usage: gen_loader_run args OBJ | run OBJ [hash] [resize]\n");
	return 2;
}
