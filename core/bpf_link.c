// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf(2) wrappers for links: create, update, detach, iterators and raw
 * tracepoints.
 */
#include <string.h>

#include <bpf/bpf.h>
#include "bpf_sys.h"
#include "opts.h"

/* Attach types after Linux 6.1, whose UAPI headers we build against. */
#define ATTACH_UPROBE_MULTI	48
#define ATTACH_KPROBE_SESSION	56
#define ATTACH_UPROBE_SESSION	57

/*
 * BPF_LINK_CREATE for uprobe_multi links (Linux 6.6): the 6.1 union
 * bpf_attr has no such member, and it ends past 6.1's link_create.
 */
struct link_create_uprobe_multi {
	__u32 prog_fd;
	__u32 target_fd;
	__u32 attach_type;
	__u32 flags;
	__aligned_u64 path;
	__aligned_u64 offsets;
	__aligned_u64 ref_ctr_offsets;
	__aligned_u64 cookies;
	__u32 cnt;
	__u32 probe_flags;
	__u32 pid;
};

union link_create_attr {
	union bpf_attr attr;
	struct link_create_uprobe_multi um;
};

_Static_assert(sizeof(union bpf_attr) >= sizeof(struct link_create_uprobe_multi),
	       "uprobe_multi attr fits in union bpf_attr");

static int link_create_uprobe_multi(int prog_fd, int target_fd, __u32 attach_type,
				    const struct bpf_link_create_opts *opts)
{
	union link_create_attr u;

	memset(&u, 0, sizeof(u));
	u.um.prog_fd = prog_fd;
	u.um.target_fd = target_fd;
	u.um.attach_type = attach_type;
	u.um.flags = OPTS_GET(opts, flags, 0);
	u.um.path = ptr_to_u64(OPTS_GET(opts, uprobe_multi.path, NULL));
	u.um.offsets = ptr_to_u64(OPTS_GET(opts, uprobe_multi.offsets, NULL));
	u.um.ref_ctr_offsets = ptr_to_u64(OPTS_GET(opts, uprobe_multi.ref_ctr_offsets, NULL));
	u.um.cookies = ptr_to_u64(OPTS_GET(opts, uprobe_multi.cookies, NULL));
	u.um.cnt = OPTS_GET(opts, uprobe_multi.cnt, 0);
	u.um.probe_flags = OPTS_GET(opts, uprobe_multi.flags, 0);
	u.um.pid = OPTS_GET(opts, uprobe_multi.pid, 0);
	return sys_bpf_err(BPF_LINK_CREATE, &u.attr, sizeof(u.um));
}

/*
 * The type-specific part of BPF_LINK_CREATE. tcx needs no field of its own
 * unless it is placed relative to another program, which the UAPI headers
 * we build against cannot express.
 */
static int link_create_extra(union bpf_attr *attr, enum bpf_attach_type attach_type,
			     const struct bpf_link_create_opts *opts)
{
	__u32 iter_len = OPTS_GET(opts, iter_info_len, 0);
	__u32 btf_id = OPTS_GET(opts, target_btf_id, 0);

	if (iter_len || OPTS_GET(opts, iter_info, NULL)) {
		attr->link_create.iter_info = ptr_to_u64(OPTS_GET(opts, iter_info, NULL));
		attr->link_create.iter_info_len = iter_len;
		return 0;
	}
	switch ((__u32)attach_type) {
	case BPF_PERF_EVENT:
		attr->link_create.perf_event.bpf_cookie = OPTS_GET(opts, perf_event.bpf_cookie, 0);
		return 0;
	case BPF_TRACE_KPROBE_MULTI:
	case ATTACH_KPROBE_SESSION:
		attr->link_create.kprobe_multi.flags = OPTS_GET(opts, kprobe_multi.flags, 0);
		attr->link_create.kprobe_multi.cnt = OPTS_GET(opts, kprobe_multi.cnt, 0);
		attr->link_create.kprobe_multi.syms =
			ptr_to_u64(OPTS_GET(opts, kprobe_multi.syms, NULL));
		attr->link_create.kprobe_multi.addrs =
			ptr_to_u64(OPTS_GET(opts, kprobe_multi.addrs, NULL));
		attr->link_create.kprobe_multi.cookies =
			ptr_to_u64(OPTS_GET(opts, kprobe_multi.cookies, NULL));
		return 0;
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
	case BPF_LSM_MAC:
		attr->link_create.tracing.target_btf_id = btf_id;
		attr->link_create.tracing.cookie = OPTS_GET(opts, tracing.cookie, 0);
		return 0;
	default:
		if (OPTS_GET(opts, tcx.relative_fd, 0) || OPTS_GET(opts, tcx.relative_id, 0) ||
		    OPTS_GET(opts, tcx.expected_revision, 0))
			return -EINVAL;
		attr->link_create.target_btf_id = btf_id;
		return 0;
	}
}

int bpf_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type,
		    const struct bpf_link_create_opts *opts)
{
	const size_t sz = attr_size(link_create);
	union bpf_attr attr;
	int err;

	if (!OPTS_VALID(opts, bpf_link_create_opts))
		return libbpf_err(-EINVAL);
	if (attach_type == ATTACH_UPROBE_MULTI || attach_type == ATTACH_UPROBE_SESSION)
		return link_create_uprobe_multi(prog_fd, target_fd, attach_type, opts);
	memset(&attr, 0, sz);
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.target_fd = target_fd;
	attr.link_create.attach_type = attach_type;
	attr.link_create.flags = OPTS_GET(opts, flags, 0);
	err = link_create_extra(&attr, attach_type, opts);
	if (err)
		return libbpf_err(err);
	return sys_bpf_err(BPF_LINK_CREATE, &attr, sz);
}

int bpf_link_detach(int link_fd)
{
	const size_t sz = attr_size(link_detach);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.link_detach.link_fd = link_fd;
	return sys_bpf_err(BPF_LINK_DETACH, &attr, sz);
}

int bpf_link_update(int link_fd, int new_prog_fd, const struct bpf_link_update_opts *opts)
{
	const size_t sz = attr_size(link_update);
	union bpf_attr attr;

	if (!OPTS_VALID(opts, bpf_link_update_opts) ||
	    (OPTS_GET(opts, old_prog_fd, 0) && OPTS_GET(opts, old_map_fd, 0)))
		return libbpf_err(-EINVAL);
	memset(&attr, 0, sz);
	attr.link_update.link_fd = link_fd;
	/* a struct_ops link reads new_prog_fd and old_prog_fd as map fds (6.4's union) */
	attr.link_update.new_prog_fd = new_prog_fd;
	attr.link_update.flags = OPTS_GET(opts, flags, 0);
	attr.link_update.old_prog_fd = OPTS_GET(opts, old_prog_fd, 0) ?:
				       OPTS_GET(opts, old_map_fd, 0);
	return sys_bpf_err(BPF_LINK_UPDATE, &attr, sz);
}

int bpf_iter_create(int link_fd)
{
	const size_t sz = attr_size(iter_create);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.iter_create.link_fd = link_fd;
	return sys_bpf_err(BPF_ITER_CREATE, &attr, sz);
}

int bpf_raw_tracepoint_open_opts(int prog_fd, struct bpf_raw_tp_opts *opts)
{
	const size_t sz = attr_size(raw_tracepoint);
	union bpf_attr attr;

	/* a cookie needs the 6.10 layout, newer than our UAPI headers */
	if (!OPTS_VALID(opts, bpf_raw_tp_opts) || OPTS_GET(opts, cookie, 0))
		return libbpf_err(-EINVAL);
	memset(&attr, 0, sz);
	attr.raw_tracepoint.prog_fd = prog_fd;
	attr.raw_tracepoint.name = ptr_to_u64(OPTS_GET(opts, tp_name, NULL));
	return sys_bpf_err(BPF_RAW_TRACEPOINT_OPEN, &attr, sz);
}

int bpf_raw_tracepoint_open(const char *name, int prog_fd)
{
	LIBBPF_OPTS(bpf_raw_tp_opts, opts, .tp_name = name);

	return bpf_raw_tracepoint_open_opts(prog_fd, &opts);
}
