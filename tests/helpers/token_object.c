// SPDX-License-Identifier: BSD-2-Clause
/*
 * A BPF object loaded with a BPF token (api_token.bats).
 *
 *   token_object userns OBJ DIR   in a user namespace (token_userns.h):
 *                                 the loads that only a token allows,
 *                                 the ways to ask for one or refuse it
 *   token_object root OBJ         as root: no token, the same load
 *
 * OBJ is api_token.bpf.o; DIR an empty directory the child mounts its
 * delegated bpffs on (in its own mount namespace). Prints one line per
 * step, and the library's messages about tokens; exits 0 if every step
 * ran.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <linux/btf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "token_userns.h"

static const char *obj_path, *mnt_dir;

/* The library's messages about tokens, whatever their level. */
static int print_token_msgs(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char buf[512];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (strstr(buf, "BPF token") && !strstr(buf, "token created"))
		printf("  %s: %s", level == LIBBPF_WARN ? "warn" : "debug", buf);
	return 0;
}

/* One test run: the program's return value, or -errno. */
static int run_filter(struct bpf_object *obj)
{
	struct bpf_program *prog = bpf_object__find_program_by_name(obj, "token_filter");
	char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt));

	if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts))
		return -errno;
	return opts.retval;
}

/* The object's global .bss variable, as the program left it. */
static int seen_len(struct bpf_object *obj)
{
	struct bpf_map *bss = bpf_object__find_map_by_name(obj, ".bss");
	unsigned int key = 0;
	int val = 0;

	if (bpf_map__lookup_elem(bss, &key, sizeof(key), &val, sizeof(val), 0))
		return -errno;
	return val;
}

/* What a low-level call gave: an fd (closed) or its error. */
static void report(const char *what, int fd)
{
	printf("  %s: %s\n", what, fd < 0 ? strerror(errno) : "fd");
	if (fd >= 0)
		close(fd);
}

/* The smallest BTF: one int. */
static int load_int_btf(__u32 token_fd)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .token_fd = token_fd);
	struct {
		struct btf_header h;
		__u32 t[4];
		char s[5];
	} raw = {
		.h = { .magic = BTF_MAGIC, .version = BTF_VERSION, .hdr_len = sizeof(raw.h),
		       .type_len = sizeof(raw.t), .str_off = sizeof(raw.t),
		       .str_len = sizeof(raw.s) },
		.t = { 1, BTF_KIND_INT << 24, 4, 32 },
		.s = "\0int",
	};

	return bpf_btf_load(&raw, offsetof(typeof(raw), s) + sizeof(raw.s), &opts);
}

/*
 * The same token the object used loads BTF and a program (the caller's
 * own BPF_F_TOKEN_FD, as libbpf's callers set it, is fine too), opens
 * the object's BTF by id and creates a map: without it, all are refused.
 */
static void low_level(struct bpf_object *obj)
{
	const struct bpf_insn ret0[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, prog_opts, .token_fd = bpf_object__token_fd(obj),
		    .prog_flags = 1U << 16 /* BPF_F_TOKEN_FD */);
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, id_opts, .token_fd = bpf_object__token_fd(obj));
	LIBBPF_OPTS(bpf_map_create_opts, map_opts, .token_fd = bpf_object__token_fd(obj));
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	int fd;

	fd = load_int_btf(0);
	report("btf load without token", fd);
	fd = load_int_btf(bpf_object__token_fd(obj));
	report("btf load with token", fd);
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "token_low", "GPL", ret0, 2, NULL);
	report("prog load without token", fd);
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "token_low", "GPL", ret0, 2, &prog_opts);
	report("prog load with token and BPF_F_TOKEN_FD", fd);
	if (bpf_btf_get_info_by_fd(bpf_object__btf_fd(obj), &info, &len)) {
		printf("  btf info: %s\n", strerror(errno));
		return;
	}
	fd = bpf_btf_get_fd_by_id(info.id);
	report("btf by id without token", fd);
	fd = bpf_btf_get_fd_by_id_opts(info.id, &id_opts);
	report("btf by id with token", fd);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "token_low", 4, 4, 1, NULL);
	report("map create without token", fd);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "token_low", 4, 4, 1, &map_opts);
	report("map create with token", fd);
}

/*
 * Open and load OBJ with bpf_token_path = path (NULL: not set) and
 * LIBBPF_BPF_TOKEN_PATH = env (NULL: unset); print what came of it.
 */
static void load_case(const char *what, const char *path, const char *env, bool deep)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .bpf_token_path = path);
	struct bpf_object *obj;
	int err;

	printf("%s:\n", what);
	if (env)
		setenv("LIBBPF_BPF_TOKEN_PATH", env, 1);
	else
		unsetenv("LIBBPF_BPF_TOKEN_PATH");
	obj = bpf_object__open_file(obj_path, &opts);
	if (!obj) {
		printf("  open: %s\n", strerror(errno));
		return;
	}
	err = bpf_object__load(obj);
	if (err) {
		printf("  load: %s (errno %s), token_fd %d\n", strerror(-err), strerror(errno),
		       bpf_object__token_fd(obj));
	} else {
		int ret = run_filter(obj);

		printf("  load: ok, token_fd %s, btf_fd %s, test run %d, .bss %d\n",
		       bpf_object__token_fd(obj) >= 0 ? ">= 0" : "-1",
		       bpf_object__btf_fd(obj) >= 0 ? ">= 0" : "-1", ret, seen_len(obj));
		if (deep)
			low_level(obj);
	}
	bpf_object__close(obj);
}

static int userns_child(int sock)
{
	int mnt_fd = userns_bpffs_mount(sock);

	if (mnt_fd < 0)
		return 1;
	if (move_mount(mnt_fd, "", AT_FDCWD, mnt_dir, MOVE_MOUNT_F_EMPTY_PATH))
		return printf("move_mount to the directory: %s\n", strerror(errno)), 1;
	load_case("no token path, /sys/fs/bpf not delegated", NULL, NULL, false);
	load_case("bpf_token_path to the delegated bpffs", mnt_dir, NULL, true);
	load_case("LIBBPF_BPF_TOKEN_PATH to the delegated bpffs", NULL, mnt_dir, false);
	load_case("bpf_token_path over LIBBPF_BPF_TOKEN_PATH", mnt_dir, "/nonexistent", false);
	load_case("bpf_token_path to a bpffs not delegated", "/sys/fs/bpf", NULL, false);
	load_case("LIBBPF_BPF_TOKEN_PATH to a missing directory", NULL, "/nonexistent", false);
	/* the delegated bpffs becomes this namespace's default */
	if (move_mount(AT_FDCWD, mnt_dir, AT_FDCWD, "/sys/fs/bpf", 0))
		return printf("move_mount to /sys/fs/bpf: %s\n", strerror(errno)), 1;
	load_case("no token path, /sys/fs/bpf delegated", NULL, NULL, false);
	load_case("LIBBPF_BPF_TOKEN_PATH empty, /sys/fs/bpf delegated", NULL, "", false);
	load_case("bpf_token_path empty, /sys/fs/bpf delegated", "", NULL, false);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	libbpf_set_print(print_token_msgs);
	if (argc == 4 && !strcmp(argv[1], "userns")) {
		obj_path = argv[2];
		mnt_dir = argv[3];
		return userns_run(userns_child, "map_create:prog_load:btf_load:btf_get_fd_by_id",
				  "array", "socket_filter", "any");
	}
	if (argc == 3 && !strcmp(argv[1], "root")) {
		obj_path = argv[2];
		load_case("as root, no token path", NULL, NULL, false);
		load_case("as root, bpf_token_path to /sys/fs/bpf", "/sys/fs/bpf", NULL, false);
		return 0;
	}
	fprintf(stderr, "usage: %s userns OBJ DIR | root OBJ\n", argv[0]);
	return 2;
}
