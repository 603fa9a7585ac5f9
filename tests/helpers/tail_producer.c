// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper for map_tail.bats, built against libbpfcore.a:
 *
 *   tail_producer setup DIR [OBJ|- [RB_BYTES]]   create and pin under DIR:
 *       rb (ring buffer of RB_BYTES, default 64 KiB), pa (perf event
 *       array), hash (neither), prog_rb and prog_pa (the producers of
 *       tail_prog.h into rb and pa, with the BTF of the clang-built OBJ as
 *       program BTF when given)
 *   tail_producer run PROG N [PER_SEC]   run the pinned producer PROG N
 *       times, at once or paced at PER_SEC runs a second (in 1 ms steps)
 *
 * Exits 0 on success, 1 with a message on stderr otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "tail_prog.h"

static int fail(const char *what, const char *on, int err)
{
	fprintf(stderr, "tail_producer: %s %s: %s\n", what, on, strerror(err < 0 ? -err : err));
	return 1;
}

static int pin(int fd, const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (fd < 0)
		return fail("can't create", name, fd);
	if (bpf_obj_pin(fd, path))
		return fail("can't pin", path, errno);
	return 0;
}

/* Load OBJ's BTF into the kernel: its fd, and the id of FUNC tail_producer. */
static int load_obj_btf(const char *obj, __u32 *func_id)
{
	struct btf *btf = btf__parse_elf(obj, NULL);
	const void *raw;
	__u32 size;
	__s32 id;
	int fd;

	if (!btf)
		return -errno;
	id = btf__find_by_name_kind(btf, "tail_producer", BTF_KIND_FUNC);
	raw = btf__raw_data(btf, &size);
	fd = id > 0 && raw ? bpf_btf_load(raw, size, NULL) : -ENOENT;
	if (fd < 0)
		fd = -errno;
	btf__free(btf);
	*func_id = id > 0 ? id : 0;
	return fd;
}

static int setup(const char *dir, const char *obj, __u32 rb_size)
{
	static char log[1 << 16];
	int counter_fd, rb_fd, pa_fd, hash_fd, btf_fd = 0, fd;
	__u32 func_id = 0;

	if (obj) {
		btf_fd = load_obj_btf(obj, &func_id);
		if (btf_fd < 0)
			return fail("can't load the BTF of", obj, btf_fd);
	}
	counter_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "tail_seq", 4, 8, 1, NULL);
	rb_fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "tail_rb", 0, 0, rb_size, NULL);
	pa_fd = bpf_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, "tail_pa", 4, 4,
			       sysconf(_SC_NPROCESSORS_CONF), NULL);
	hash_fd = bpf_map_create(BPF_MAP_TYPE_HASH, "tail_hash", 4, 4, 8, NULL);
	if (counter_fd < 0)
		return fail("can't create", "tail_seq", counter_fd);
	if (pin(rb_fd, dir, "rb") || pin(pa_fd, dir, "pa") || pin(hash_fd, dir, "hash"))
		return 1;
	fd = tail_prog_load(TAIL_RINGBUF_OUTPUT, counter_fd, rb_fd, btf_fd, func_id, log,
			    sizeof(log));
	if (fd < 0)
		fprintf(stderr, "%s", log);
	if (pin(fd, dir, "prog_rb"))
		return 1;
	fd = tail_prog_load(TAIL_PERF_OUTPUT, counter_fd, pa_fd, btf_fd, func_id, log,
			    sizeof(log));
	if (fd < 0)
		fprintf(stderr, "%s", log);
	return pin(fd, dir, "prog_pa");
}

/* Run fd n times, per_sec a second: a batch every millisecond. */
static int run_paced(int fd, long n, long per_sec)
{
	long batch = per_sec / 1000 ? per_sec / 1000 : 1, k;
	struct timespec next;
	int err = 0;

	clock_gettime(CLOCK_MONOTONIC, &next);
	for (; n > 0 && !err; n -= k) {
		k = n < batch ? n : batch;
		err = tail_prog_run(fd, k);
		next.tv_nsec += 1000000;
		if (next.tv_nsec >= 1000000000) {
			next.tv_nsec -= 1000000000;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	return err;
}

static int run(const char *path, const char *count, const char *per_sec)
{
	int fd = bpf_obj_get(path), err;

	if (fd < 0)
		return fail("can't open", path, errno);
	if (per_sec)
		err = run_paced(fd, atol(count), atol(per_sec));
	else
		err = tail_prog_run(fd, atoi(count));
	return err ? fail("can't run", path, err) : 0;
}

int main(int argc, char **argv)
{
	const char *obj = argc >= 4 && strcmp(argv[3], "-") ? argv[3] : NULL;

	if (argc >= 3 && argc <= 5 && !strcmp(argv[1], "setup"))
		return setup(argv[2], obj, argc == 5 ? strtoul(argv[4], NULL, 0) : 1 << 16);
	if (argc >= 4 && argc <= 5 && !strcmp(argv[1], "run"))
		return run(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	fprintf(stderr, "usage: tail_producer setup DIR [OBJ|- [RB_BYTES]] | run PROG N [PER_SEC]\n");
	return 2;
}
