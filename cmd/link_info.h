/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the kernel tells about a BPF link, in the layout of Linux 6.18.
 *
 * We build with the UAPI headers of Linux 6.1, whose struct bpf_link_info
 * stops at the xdp member: it lacks the cookies of raw_tracepoint and
 * tracing links and the struct_ops, netfilter, kprobe_multi, uprobe_multi,
 * perf_event, tcx, netkit and sockmap members that kernels since 6.2 fill
 * in. struct link_info_uapi mirrors the 6.18 layout (taken from the
 * kernel's BTF) so that those links can be shown; the kernel accepts a
 * struct larger than the one it knows as long as the tail is zero, and an
 * older kernel just leaves the members it does not know zero.
 */
#ifndef __BPFCTL_LINK_INFO_H
#define __BPFCTL_LINK_INFO_H

#include <limits.h>
#include <linux/bpf.h>
#include <linux/types.h>

/* Link types after BPF_LINK_TYPE_STRUCT_OPS (6.1's last), from 6.18. */
enum {
	LINK_TYPE_NETFILTER	= 10,
	LINK_TYPE_TCX		= 11,
	LINK_TYPE_UPROBE_MULTI	= 12,
	LINK_TYPE_NETKIT	= 13,
	LINK_TYPE_SOCKMAP	= 14,
};

/* enum bpf_perf_event_type (6.6): what a perf_event link is attached to. */
enum {
	LINK_PERF_UNSPEC	= 0,
	LINK_PERF_UPROBE	= 1,
	LINK_PERF_URETPROBE	= 2,
	LINK_PERF_KPROBE	= 3,
	LINK_PERF_KRETPROBE	= 4,
	LINK_PERF_TRACEPOINT	= 5,
	LINK_PERF_EVENT		= 6,
};

/* Flags of kprobe_multi and uprobe_multi links: the probe is a return probe. */
#define LINK_MULTI_RETURN	(1U << 0)

struct link_info_uapi {
	__u32 type;
	__u32 id;
	__u32 prog_id;
	union {
		struct {
			__aligned_u64 tp_name;
			__u32 tp_name_len;
			__u64 cookie;
		} raw_tracepoint;
		struct {
			__u32 attach_type;
			__u32 target_obj_id;
			__u32 target_btf_id;
			__u64 cookie;
		} tracing;
		struct {
			__u64 cgroup_id;
			__u32 attach_type;
		} cgroup;
		struct {
			__aligned_u64 target_name;
			__u32 target_name_len;
			union {
				struct {
					__u32 map_id;
				} map;
			};
			union {
				struct {
					__u64 cgroup_id;
					__u32 order;
				} cgroup;
				struct {
					__u32 tid;
					__u32 pid;
				} task;
			};
		} iter;
		struct {
			__u32 netns_ino;
			__u32 attach_type;
		} netns;
		struct {
			__u32 ifindex;
		} xdp;
		struct {
			__u32 map_id;
		} struct_ops;
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct {
			__aligned_u64 addrs;
			__u32 count;
			__u32 flags;
			__u64 missed;
			__aligned_u64 cookies;
		} kprobe_multi;
		struct {
			__aligned_u64 path;
			__aligned_u64 offsets;
			__aligned_u64 ref_ctr_offsets;
			__aligned_u64 cookies;
			__u32 path_size;
			__u32 count;
			__u32 flags;
			__u32 pid;
		} uprobe_multi;
		struct {
			__u32 type;
			union {
				struct {
					__aligned_u64 file_name;
					__u32 name_len;
					__u32 offset;
					__u64 cookie;
					__u64 ref_ctr_offset;
				} uprobe;
				struct {
					__aligned_u64 func_name;
					__u32 name_len;
					__u32 offset;
					__u64 addr;
					__u64 missed;
					__u64 cookie;
				} kprobe;
				struct {
					__aligned_u64 tp_name;
					__u32 name_len;
					__u64 cookie;
				} tracepoint;
				struct {
					__u64 config;
					__u32 type;
					__u64 cookie;
				} event;
			};
		} perf_event;
		struct {
			__u32 ifindex;
			__u32 attach_type;
		} tcx;
		struct {
			__u32 ifindex;
			__u32 attach_type;
		} netkit;
		struct {
			__u32 map_id;
			__u32 attach_type;
		} sockmap;
	};
} __attribute__((aligned(8)));

_Static_assert(sizeof(struct link_info_uapi) == 64, "struct bpf_link_info of Linux 6.18");

/* A link's info and the name its info points to, if its type has one. */
struct link_info {
	struct link_info_uapi info;
	/*
	 * Raw tracepoint or perf tracepoint name, iterator target, kprobe
	 * function, uprobe or uprobe_multi file: "" for other types.
	 */
	char name[PATH_MAX];
};

/*
 * Fill li for the link behind fd, with the name its type carries.
 * Reports the error (naming the link's id when known) and returns -errno.
 */
int link_info_get(int fd, struct link_info *li);

/* The per-probe arrays of a uprobe_multi link, cnt entries each. */
struct uprobe_funcs {
	__u32 cnt;
	__u64 *offsets;
	__u64 *ref_ctr_offsets;
	__u64 *cookies;
};

/*
 * Fill uf with the probes of the uprobe_multi link behind fd, whose info
 * li holds (none for other links). Reports the error and returns -errno;
 * free with uprobe_funcs_free() either way.
 */
int link_info_uprobe_funcs(int fd, const struct link_info *li, struct uprobe_funcs *uf);

void uprobe_funcs_free(struct uprobe_funcs *uf);

#endif /* __BPFCTL_LINK_INFO_H */
