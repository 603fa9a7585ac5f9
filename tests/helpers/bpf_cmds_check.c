// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf(2) commands of api_runtime.bats, one line per check:
 *   pin DIR		bpf_obj_pin_opts (and bpf_obj_get_opts) relative to a
 *			directory fd with BPF_F_PATH_FD, DIR on bpffs
 *   detach CG OBJ	bpf_prog_detach_opts on cgroup CG, with the programs of
 *			api_cgroup_mprog.bpf.c placed by bpf_prog_attach_opts
 *   token BPFFS	bpf_token_create on a bpffs mount
 *   stream OBJ		bpf_prog_stream_read of api_stream.bpf.c's output
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cgroup_order.h"

#ifndef BPF_F_PATH_FD
#define BPF_F_PATH_FD	(1U << 14)
#endif
#ifndef BPF_F_BEFORE
#define BPF_F_BEFORE	(1U << 3)
#endif

static const char *err_name(int ret)
{
	return ret >= 0 ? "ok" : strerror(-ret);
}

static __u32 map_id(int fd)
{
	struct bpf_map_info info = { 0 };
	__u32 len = sizeof(info);

	return bpf_map_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

static int check_pin(const char *dir)
{
	LIBBPF_OPTS(bpf_obj_pin_opts, pin, .file_flags = BPF_F_PATH_FD);
	LIBBPF_OPTS(bpf_obj_get_opts, get, .file_flags = BPF_F_PATH_FD);
	int fd, dfd, got, ret;
	char path[4096];

	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "rt_pin", 4, 4, 1, NULL);
	dfd = open(dir, O_DIRECTORY | O_RDONLY);
	if (fd < 0 || dfd < 0)
		return printf("FAIL setup\n"), 1;
	pin.path_fd = dfd;
	get.path_fd = dfd;
	printf("pin relative to the directory: %s\n", err_name(bpf_obj_pin_opts(fd, "m", &pin)));
	got = bpf_obj_get_opts("m", &get);
	printf("get relative to the directory: %s, %s map\n", err_name(got),
	       got >= 0 && map_id(got) == map_id(fd) ? "the same" : "another");
	printf("pin again: %s\n", err_name(bpf_obj_pin_opts(fd, "m", &pin)));
	pin.path_fd = -1;
	ret = bpf_obj_pin_opts(fd, "m2", &pin);
	printf("pin with path_fd -1: %s, errno %s\n", err_name(ret), strerror(errno));
	/* a path_fd needs the flag */
	pin.file_flags = 0;
	pin.path_fd = dfd;
	printf("pin with path_fd, without BPF_F_PATH_FD: %s\n",
	       err_name(bpf_obj_pin_opts(fd, "m3", &pin)));
	/* without both, relative to the working directory: "/", no bpffs */
	pin.path_fd = 0;
	if (chdir("/"))
		return 1;
	printf("pin relative to /: %s\n", err_name(bpf_obj_pin_opts(fd, "rt_pin_nowhere", &pin)));
	snprintf(path, sizeof(path), "%s/abs", dir);
	printf("pin with NULL opts: %s\n", err_name(bpf_obj_pin_opts(fd, path, NULL)));
	close(got);
	close(dfd);
	close(fd);
	return 0;
}

static int prog_fd_of(struct bpf_object *obj, const char *name)
{
	return bpf_program__fd(bpf_object__find_program_by_name(obj, name));
}

static int check_detach(const char *cgroup, const char *path)
{
	LIBBPF_OPTS(bpf_prog_attach_opts, a, .flags = BPF_F_ALLOW_MULTI);
	LIBBPF_OPTS(bpf_prog_detach_opts, d);
	struct bpf_object *obj;
	int cg, first, second, ret;
	__u64 rev = 0;

	obj = bpf_object__open_file(path, NULL);
	cg = open(cgroup, O_DIRECTORY | O_RDONLY);
	if (!obj || bpf_object__load(obj) || cg < 0)
		return printf("FAIL setup\n"), 1;
	first = prog_fd_of(obj, "cg_first");
	second = prog_fd_of(obj, "cg_second");
	printf("attach first: %s\n",
	       err_name(bpf_prog_attach_opts(first, cg, BPF_CGROUP_INET_EGRESS, &a)));
	a.flags = BPF_F_ALLOW_MULTI | BPF_F_BEFORE;
	a.relative_fd = first;
	printf("attach second before first: %s\n",
	       err_name(bpf_prog_attach_opts(second, cg, BPF_CGROUP_INET_EGRESS, &a)));
	show_cgroup(cg, obj, &rev);
	d.expected_revision = rev + 1;
	printf("detach second at a later revision: %s\n",
	       err_name(bpf_prog_detach_opts(second, cg, BPF_CGROUP_INET_EGRESS, &d)));
	d.relative_fd = first;
	d.relative_id = 1;
	d.expected_revision = 0;
	printf("detach with relative_fd and relative_id: %s\n",
	       err_name(bpf_prog_detach_opts(second, cg, BPF_CGROUP_INET_EGRESS, &d)));
	d.relative_id = 0;
	d.relative_fd = 0;
	d.expected_revision = rev;
	printf("detach second at the revision: %s\n",
	       err_name(bpf_prog_detach_opts(second, cg, BPF_CGROUP_INET_EGRESS, &d)));
	show_cgroup(cg, obj, &rev);
	ret = bpf_prog_detach_opts(second, cg, BPF_CGROUP_INET_EGRESS, NULL);
	printf("detach second again: %s\n", err_name(ret));
	printf("detach first: %s\n",
	       err_name(bpf_prog_detach_opts(first, cg, BPF_CGROUP_INET_EGRESS, NULL)));
	show_cgroup(cg, obj, &rev);
	close(cg);
	bpf_object__close(obj);
	return 0;
}

static int check_token(const char *bpffs)
{
	LIBBPF_OPTS(bpf_token_create_opts, opts);
	int fd = open(bpffs, O_DIRECTORY | O_RDONLY), tok;

	if (fd < 0)
		return printf("FAIL open %s\n", bpffs), 1;
	tok = bpf_token_create(fd, &opts);
	printf("token from %s: %s (errno %s)\n", bpffs, tok >= 0 ? "token" : err_name(tok),
	       tok >= 0 ? "-" : strerror(errno));
	if (tok >= 0)
		close(tok);
	opts.flags = 1;
	tok = bpf_token_create(fd, &opts);
	printf("token with unknown flags: %s\n", err_name(tok));
	close(fd);
	printf("token from fd -1: %s\n", err_name(bpf_token_create(-1, NULL)));
	return 0;
}

static int check_stream(const char *path)
{
	__u64 ctx = 7;
	LIBBPF_OPTS(bpf_test_run_opts, run, .ctx_in = &ctx, .ctx_size_in = sizeof(ctx));
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	char buf[128];
	int fd, n;

	if (!obj || bpf_object__load(obj))
		return printf("FAIL load\n"), 1;
	fd = prog_fd_of(obj, "stream_write");
	if (bpf_prog_test_run_opts(fd, &run))
		return printf("FAIL run: %s\n", strerror(errno)), 1;
	printf("bpf_stream_vprintk_impl: %d\n", (int)run.retval);
	n = bpf_prog_stream_read(fd, 1, buf, sizeof(buf) - 1, NULL);
	buf[n > 0 ? n : 0] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	printf("stdout: %d bytes '%s'\n", n, buf);
	printf("stdout again: %d\n", bpf_prog_stream_read(fd, 1, buf, sizeof(buf), NULL));
	printf("stderr: %d\n", bpf_prog_stream_read(fd, 2, buf, sizeof(buf), NULL));
	printf("stream 3: %s\n", err_name(bpf_prog_stream_read(fd, 3, buf, sizeof(buf), NULL)));
	printf("stream of fd -1: %s\n",
	       err_name(bpf_prog_stream_read(-1, 1, buf, sizeof(buf), NULL)));
	bpf_object__close(obj);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 3 && !strcmp(argv[1], "pin"))
		return check_pin(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "detach"))
		return check_detach(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "token"))
		return check_token(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "stream"))
		return check_stream(argv[2]);
	fprintf(stderr, "usage: %s pin DIR | detach CGROUP OBJ | token BPFFS | stream OBJ\n",
		argv[0]);
	return 2;
}
