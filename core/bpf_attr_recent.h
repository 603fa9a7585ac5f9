/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bpf(2) attr layouts and constants newer than the Linux 6.1 UAPI headers
 * we build against, as the kernel defines them. Each struct overlays the
 * start of union bpf_attr for its command.
 */
#ifndef __BPFCORE_BPF_ATTR_RECENT_H
#define __BPFCORE_BPF_ATTR_RECENT_H

#include <stddef.h>
#include <linux/bpf.h>

#define offsetofend(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))

#define CMD_TOKEN_CREATE		36	/* 6.9 */
#define CMD_PROG_STREAM_READ_BY_FD	37	/* 6.17 */

#define ATTACH_NETFILTER		45	/* 6.4 */
#define ATTACH_NETKIT_PRIMARY		54	/* 6.7 */
#define ATTACH_NETKIT_PEER		55
#define ATTACH_TRACE_FENTRY_MULTI	59
#define ATTACH_TRACE_FEXIT_MULTI	60
#define ATTACH_TRACE_FSESSION_MULTI	61

#define F_ID		(1U << 5)	/* mprog placement (6.6): relative_fd holds an id */
#define F_TOKEN_FD	(1U << 16)	/* 6.9: the command's token fd field is set */

/*
 * BPF_PROG_LOAD's fields past core_relo_rec_size, where the 6.1 union
 * ends: the log's true size (6.4), the token (6.9), fd_array's length (6.13).
 */
struct attr_prog_load_tail {
	__u32 log_true_size;
	__s32 prog_token_fd;
	__u32 fd_array_cnt;
};

/* BPF_BTF_LOAD with btf_flags and the token (6.9). */
struct attr_btf_load {
	__aligned_u64 btf;
	__aligned_u64 btf_log_buf;
	__u32 btf_size;
	__u32 btf_log_size;
	__u32 btf_log_level;
	__u32 btf_log_true_size;
	__u32 btf_flags;
	__s32 btf_token_fd;
};

/* BPF_*_GET_FD_BY_ID with a token (BTF only, 6.15). */
struct attr_get_fd_by_id {
	__u32 id;
	__u32 next_id;
	__u32 open_flags;
	__s32 fd_by_id_token_fd;
};

/* BPF_OBJ_PIN and BPF_OBJ_GET with path_fd (6.5). */
struct attr_obj {
	__aligned_u64 pathname;
	__u32 bpf_fd;
	__u32 file_flags;
	__s32 path_fd;
};

/* BPF_PROG_ATTACH and BPF_PROG_DETACH with mprog placement (6.6). */
struct attr_prog_attach {
	__u32 target_fd;
	__u32 attach_bpf_fd;
	__u32 attach_type;
	__u32 attach_flags;
	__u32 replace_bpf_fd;
	__u32 relative_fd;	/* or relative_id with F_ID */
	__aligned_u64 expected_revision;
};

/* BPF_TOKEN_CREATE (6.9). */
struct attr_token_create {
	__u32 flags;
	__u32 bpffs_fd;
};

/* BPF_PROG_STREAM_READ_BY_FD (6.17). */
struct attr_prog_stream_read {
	__aligned_u64 stream_buf;
	__u32 stream_buf_len;
	__u32 stream_id;
	__u32 prog_fd;
};

/*
 * BPF_LINK_CREATE's head, followed by the part of the attach type: the
 * kinds whose fields the 6.1 union lacks.
 */
struct attr_link_create_recent {
	__u32 prog_fd;
	__u32 target_fd;	/* or target_ifindex */
	__u32 attach_type;
	__u32 flags;
	union {
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct {
			__u32 relative_fd;	/* or relative_id with F_ID */
			__aligned_u64 expected_revision;
		} mprog;	/* tcx, netkit, cgroup */
		struct {
			__aligned_u64 ids;
			__aligned_u64 cookies;
			__u32 cnt;
		} tracing_multi;
	};
};

/* Room for any of the above, with the zero tail the kernel checks. */
union attr_recent {
	union bpf_attr attr;
	struct attr_obj obj;
	struct attr_prog_attach prog_attach;
	struct attr_token_create token_create;
	struct attr_btf_load btf_load;
	struct attr_get_fd_by_id get_fd_by_id;
	struct attr_prog_stream_read stream_read;
	struct attr_link_create_recent link_create;
};

#endif /* __BPFCORE_BPF_ATTR_RECENT_H */
