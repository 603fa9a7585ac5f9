// SPDX-License-Identifier: BSD-2-Clause
/*
 * Attach kinds of api_runtime.bats, one line per check:
 *   cgroup CG OBJ	bpf_program__attach_cgroup_opts: placement, revision
 *   sockmap OBJ	bpf_program__attach_sockmap on a sockmap and an array
 *   netfilter OBJ	bpf_program__attach_netfilter on NF_INET_LOCAL_OUT
 *   netkit OBJ IFINDEX	bpf_program__attach_netkit
 *   multi OBJ OTHER	bpf_program__attach_tracing_multi (OBJ: an fentry.multi
 *			program the kernel may refuse; OTHER: a loaded
 *			program of another kind)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cgroup_order.h"

#ifndef BPF_F_BEFORE
#define BPF_F_BEFORE	(1U << 3)
#endif
#ifndef BPF_F_LINK
#define BPF_F_LINK	(1U << 13)
#endif
#define NFPROTO_IPV4		2
#define NF_INET_LOCAL_OUT	3

static struct bpf_object *load(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);

	if (!obj || bpf_object__load(obj)) {
		printf("load %s: %s\n", path, strerror(errno));
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

static struct bpf_program *prog(struct bpf_object *obj, const char *name)
{
	return bpf_object__find_program_by_name(obj, name);
}

/* "link" or the error, and the link destroyed unless kept. */
static const char *outcome(struct bpf_link **link, bool keep)
{
	static char buf[64];

	if (!*link) {
		snprintf(buf, sizeof(buf), "%s", strerror(errno));
		return buf;
	}
	if (!keep) {
		bpf_link__destroy(*link);
		*link = NULL;
	}
	return "link";
}

static __u32 link_type(struct bpf_link *link)
{
	struct bpf_link_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return bpf_link_get_info_by_fd(bpf_link__fd(link), &info, &len) ? 0 : info.type;
}

static int check_cgroup(const char *cgroup, const char *path)
{
	LIBBPF_OPTS(bpf_cgroup_opts, opts);
	struct bpf_object *obj = load(path);
	struct bpf_link *a, *b = NULL;
	int cg = open(cgroup, O_DIRECTORY | O_RDONLY);
	__u64 rev = 0;

	if (!obj || cg < 0)
		return 1;
	a = bpf_program__attach_cgroup_opts(prog(obj, "cg_first"), cg, NULL);
	printf("first: %s (link type %u)\n", outcome(&a, true), a ? link_type(a) : 0);
	show_cgroup(cg, obj, &rev);
	opts.flags = BPF_F_BEFORE;
	opts.relative_fd = bpf_program__fd(prog(obj, "cg_first"));
	opts.expected_revision = rev + 1;
	b = bpf_program__attach_cgroup_opts(prog(obj, "cg_second"), cg, &opts);
	printf("second before first at a later revision: %s\n", outcome(&b, false));
	opts.relative_id = 1;
	b = bpf_program__attach_cgroup_opts(prog(obj, "cg_second"), cg, &opts);
	printf("second with relative_fd and relative_id: %s\n", outcome(&b, false));
	opts.relative_id = 0;
	opts.expected_revision = rev;
	b = bpf_program__attach_cgroup_opts(prog(obj, "cg_second"), cg, &opts);
	printf("second before first's program, which a link holds: %s\n", outcome(&b, false));
	/* a program attached by a link is named by its link */
	opts.flags = BPF_F_BEFORE | BPF_F_LINK;
	opts.relative_fd = bpf_link__fd(a);
	b = bpf_program__attach_cgroup_opts(prog(obj, "cg_second"), cg, &opts);
	printf("second before first's link at the revision: %s\n", outcome(&b, true));
	show_cgroup(cg, obj, &rev);
	bpf_link__destroy(b);
	bpf_link__destroy(a);
	show_cgroup(cg, obj, &rev);
	close(cg);
	bpf_object__close(obj);
	return 0;
}

static int check_sockmap(const char *path)
{
	struct bpf_object *obj = load(path);
	struct bpf_program *p;
	struct bpf_link *l;

	if (!obj)
		return 1;
	p = prog(obj, "msg_pass");
	l = bpf_program__attach_sockmap(p, bpf_map__fd(bpf_object__find_map_by_name(obj,
										"socks")));
	printf("sockmap: %s (link type %u)\n", outcome(&l, true), l ? link_type(l) : 0);
	bpf_link__destroy(l);
	l = bpf_program__attach_sockmap(p, bpf_map__fd(bpf_object__find_map_by_name(obj,
										"not_socks")));
	printf("array: %s\n", outcome(&l, false));
	l = bpf_program__attach_sockmap(p, -1);
	printf("fd -1: %s\n", outcome(&l, false));
	bpf_object__close(obj);
	return 0;
}

static int check_netfilter(const char *path)
{
	LIBBPF_OPTS(bpf_netfilter_opts, opts, .pf = NFPROTO_IPV4, .hooknum = NF_INET_LOCAL_OUT,
		    .priority = -128);
	struct bpf_object *obj = load(path);
	struct bpf_program *p;
	struct bpf_link *l;

	if (!obj)
		return 1;
	p = prog(obj, "nf_accept");
	l = bpf_program__attach_netfilter(p, &opts);
	printf("ipv4 local out: %s (link type %u)\n", outcome(&l, true), l ? link_type(l) : 0);
	bpf_link__destroy(l);
	opts.pf = 99;
	l = bpf_program__attach_netfilter(p, &opts);
	printf("family 99: %s\n", outcome(&l, false));
	opts.pf = NFPROTO_IPV4;
	opts.hooknum = 42;
	l = bpf_program__attach_netfilter(p, &opts);
	printf("hook 42: %s\n", outcome(&l, false));
	l = bpf_program__attach_netfilter(p, NULL);
	printf("no opts: %s\n", outcome(&l, false));
	bpf_object__close(obj);
	return 0;
}

static int check_netkit(const char *path, int ifindex)
{
	LIBBPF_OPTS(bpf_netkit_opts, opts);
	struct bpf_object *obj = load(path);
	struct bpf_program *p;
	struct bpf_link *l;

	if (!obj)
		return 1;
	p = prog(obj, "nk_pass");
	l = bpf_program__attach_netkit(p, ifindex, NULL);
	printf("netkit: %s\n", outcome(&l, false));
	l = bpf_program__attach_netkit(p, 0, NULL);
	printf("ifindex 0: %s\n", outcome(&l, false));
	opts.relative_fd = bpf_program__fd(p);
	opts.relative_id = 1;
	l = bpf_program__attach_netkit(p, ifindex, &opts);
	printf("relative_fd and relative_id: %s\n", outcome(&l, false));
	bpf_object__close(obj);
	return 0;
}

static int check_multi(const char *path, const char *other_path)
{
	__u32 ids[1] = { 1 };
	LIBBPF_OPTS(bpf_tracing_multi_opts, opts, .ids = ids, .cnt = 1);
	struct bpf_object *obj, *other;
	struct bpf_program *p;
	struct bpf_link *l;
	int err;

	obj = bpf_object__open_file(path, NULL);
	if (!obj)
		return printf("open: %s\n", strerror(errno)), 1;
	p = prog(obj, "multi_entry");
	l = bpf_program__attach_tracing_multi(p, "bpf_fentry_test*", NULL);
	printf("not loaded: %s\n", outcome(&l, false));
	err = bpf_object__load(obj);
	printf("load fentry.multi: %s\n", err ? strerror(-err) : "ok");
	if (!err) {
		l = bpf_program__attach_tracing_multi(p, "bpf_fentry_test*", NULL);
		printf("attach bpf_fentry_test*: %s\n", outcome(&l, false));
	}
	bpf_object__close(obj);

	other = load(other_path);
	if (!other)
		return 1;
	p = bpf_object__next_program(other, NULL);
	l = bpf_program__attach_tracing_multi(p, "bpf_fentry_test*", NULL);
	printf("another kind of program: %s\n", outcome(&l, false));
	bpf_object__close(other);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 4 && !strcmp(argv[1], "cgroup"))
		return check_cgroup(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "sockmap"))
		return check_sockmap(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "netfilter"))
		return check_netfilter(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "netkit"))
		return check_netkit(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "multi"))
		return check_multi(argv[2], argv[3]);
	fprintf(stderr, "usage: %s cgroup CG OBJ | sockmap OBJ | netfilter OBJ | "
		"netkit OBJ IFINDEX | multi OBJ OTHER\n", argv[0]);
	return 2;
}
