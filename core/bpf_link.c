// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf(2) wrappers for links: create, update, detach, iterators and raw
 * tracepoints.
 */
#include <string.h>

#include <bpf/bpf.h>
#include "bpf_attr_recent.h"
#include "bpf_sys.h"
#include "opts.h"

/* Attach types after Linux 6.1, whose UAPI headers we build against. */
#define ATTACH_TCX_INGRESS	46
#define ATTACH_TCX_EGRESS	47
#define ATTACH_UPROBE_MULTI	48
#define ATTACH_CGROUP_UNIX_CONNECT	49
#define ATTACH_CGROUP_UNIX_GETSOCKNAME	53
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

/* Attach types whose links go on a cgroup (mprog placement since 6.16). */
static bool is_cgroup_attach(__u32 type)
{
	switch (type) {
	case BPF_CGROUP_INET_INGRESS ... BPF_CGROUP_SOCK_OPS:
	case BPF_CGROUP_DEVICE:
	case BPF_CGROUP_INET4_BIND ... BPF_CGROUP_UDP6_SENDMSG:
	case BPF_CGROUP_SYSCTL ... BPF_CGROUP_SETSOCKOPT:
	case BPF_CGROUP_INET4_GETPEERNAME ... BPF_CGROUP_INET6_GETSOCKNAME:
	case BPF_CGROUP_INET_SOCK_RELEASE:
	case BPF_LSM_CGROUP:
	case ATTACH_CGROUP_UNIX_CONNECT ... ATTACH_CGROUP_UNIX_GETSOCKNAME:
		return true;
	default:
		return false;
	}
}

/* A program placed relative to another one (by fd, or by id with F_ID), at a revision. */
static int link_create_mprog(struct attr_link_create_recent *lc, __u32 relative_fd,
			     __u32 relative_id, __u64 revision)
{
	if (relative_fd && relative_id)
		return -EINVAL;
	if (relative_id)
		lc->flags |= F_ID;
	lc->mprog.relative_fd = relative_id ?: relative_fd;
	lc->mprog.expected_revision = revision;
	return 0;
}

/* The part of BPF_LINK_CREATE for the kinds newer than the 6.1 union. */
static int link_create_recent(struct attr_link_create_recent *lc, __u32 attach_type,
			      const struct bpf_link_create_opts *opts)
{
	switch (attach_type) {
	case ATTACH_NETFILTER:
		lc->netfilter.pf = OPTS_GET(opts, netfilter.pf, 0);
		lc->netfilter.hooknum = OPTS_GET(opts, netfilter.hooknum, 0);
		lc->netfilter.priority = OPTS_GET(opts, netfilter.priority, 0);
		lc->netfilter.flags = OPTS_GET(opts, netfilter.flags, 0);
		return 0;
	case ATTACH_TCX_INGRESS:
	case ATTACH_TCX_EGRESS:
		return link_create_mprog(lc, OPTS_GET(opts, tcx.relative_fd, 0),
					 OPTS_GET(opts, tcx.relative_id, 0),
					 OPTS_GET(opts, tcx.expected_revision, 0));
	case ATTACH_NETKIT_PRIMARY:
	case ATTACH_NETKIT_PEER:
		return link_create_mprog(lc, OPTS_GET(opts, netkit.relative_fd, 0),
					 OPTS_GET(opts, netkit.relative_id, 0),
					 OPTS_GET(opts, netkit.expected_revision, 0));
	case ATTACH_TRACE_FENTRY_MULTI:
	case ATTACH_TRACE_FEXIT_MULTI:
	case ATTACH_TRACE_FSESSION_MULTI:
		lc->tracing_multi.ids = ptr_to_u64(OPTS_GET(opts, tracing_multi.ids, NULL));
		lc->tracing_multi.cookies = ptr_to_u64(OPTS_GET(opts, tracing_multi.cookies, NULL));
		lc->tracing_multi.cnt = OPTS_GET(opts, tracing_multi.cnt, 0);
		return 0;
	default:
		/* cgroup: the caller checked */
		return link_create_mprog(lc, OPTS_GET(opts, cgroup.relative_fd, 0),
					 OPTS_GET(opts, cgroup.relative_id, 0),
					 OPTS_GET(opts, cgroup.expected_revision, 0));
	}
}

static bool is_recent_link(__u32 type)
{
	switch (type) {
	case ATTACH_NETFILTER:
	case ATTACH_TCX_INGRESS:
	case ATTACH_TCX_EGRESS:
	case ATTACH_NETKIT_PRIMARY:
	case ATTACH_NETKIT_PEER:
	case ATTACH_TRACE_FENTRY_MULTI:
	case ATTACH_TRACE_FEXIT_MULTI:
	case ATTACH_TRACE_FSESSION_MULTI:
		return true;
	default:
		return is_cgroup_attach(type);
	}
}

/* The type-specific part of BPF_LINK_CREATE for the kinds the 6.1 union has. */
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
		attr->link_create.target_btf_id = btf_id;
		return 0;
	}
}

int bpf_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type,
		    const struct bpf_link_create_opts *opts)
{
	const size_t sz = attr_size(link_create);
	union attr_recent u;
	int err;

	if (!OPTS_VALID(opts, bpf_link_create_opts))
		return libbpf_err(-EINVAL);
	if (attach_type == ATTACH_UPROBE_MULTI || attach_type == ATTACH_UPROBE_SESSION)
		return link_create_uprobe_multi(prog_fd, target_fd, attach_type, opts);
	memset(&u, 0, sizeof(u));
	u.attr.link_create.prog_fd = prog_fd;
	u.attr.link_create.target_fd = target_fd;
	u.attr.link_create.attach_type = attach_type;
	u.attr.link_create.flags = OPTS_GET(opts, flags, 0);
	/* a target BTF id (freplace, LSM cgroup) takes the place of the rest */
	if (is_recent_link(attach_type) && !OPTS_GET(opts, target_btf_id, 0))
		err = link_create_recent(&u.link_create, attach_type, opts);
	else
		err = link_create_extra(&u.attr, attach_type, opts);
	if (err)
		return libbpf_err(err);
	return sys_bpf_err(BPF_LINK_CREATE, &u.attr, sz);
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
