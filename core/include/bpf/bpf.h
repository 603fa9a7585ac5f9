/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Thin wrappers of the bpf(2) system call, one per command, with libbpf's
 * names. Each returns a non-negative result (often an fd) or a negative
 * errno, and also leaves the error in errno.
 */
#ifndef __BPFCORE_BPF_H
#define __BPFCORE_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/types.h>

#include "libbpf_common.h"
#include "libbpf_legacy.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief **libbpf_set_memlock_rlim()** sets RLIMIT_MEMLOCK for kernels that
 * still charge BPF memory to it (before 5.11); later kernels ignore it.
 * @param memlock_bytes new soft and hard limit; 0 leaves the limit alone
 * @return 0, or a negative errno (e.g. -EPERM without CAP_SYS_RESOURCE)
 */
LIBBPF_API int libbpf_set_memlock_rlim(size_t memlock_bytes);

/**
 * @brief Next id after start_id among loaded programs.
 * @param start_id id to start after (0 for the first)
 * @param next_id receives the next id
 * @return 0, or -ENOENT when there is none, or another negative errno
 */
LIBBPF_API int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id);
/** @brief As bpf_prog_get_next_id(), for maps. @param start_id start @param next_id next @return 0 or -errno */
LIBBPF_API int bpf_map_get_next_id(__u32 start_id, __u32 *next_id);
/** @brief As bpf_prog_get_next_id(), for BTF objects. @param start_id start @param next_id next @return 0 or -errno */
LIBBPF_API int bpf_btf_get_next_id(__u32 start_id, __u32 *next_id);
/** @brief As bpf_prog_get_next_id(), for links. @param start_id start @param next_id next @return 0 or -errno */
LIBBPF_API int bpf_link_get_next_id(__u32 start_id, __u32 *next_id);

struct bpf_get_fd_by_id_opts {
	size_t sz;
	__u32 open_flags; /* BPF_F_RDONLY etc. */
	__u32 token_fd;	/* BTF only (Linux 6.15), as in libbpf; ignored for others */
	size_t :0;
};
#define bpf_get_fd_by_id_opts__last_field token_fd

/** @brief Open a program by id. @param id program id @return fd or -errno */
LIBBPF_API int bpf_prog_get_fd_by_id(__u32 id);
/** @brief Open a program by id. @param id id @param opts options or NULL @return fd or -errno */
LIBBPF_API int bpf_prog_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts);
/** @brief Open a map by id. @param id map id @return fd or -errno */
LIBBPF_API int bpf_map_get_fd_by_id(__u32 id);
/** @brief Open a map by id. @param id id @param opts options or NULL @return fd or -errno */
LIBBPF_API int bpf_map_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts);
/** @brief Open a BTF object by id. @param id BTF id @return fd or -errno */
LIBBPF_API int bpf_btf_get_fd_by_id(__u32 id);
/** @brief Open a BTF object by id. @param id id @param opts options or NULL @return fd or -errno */
LIBBPF_API int bpf_btf_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts);
/** @brief Open a link by id. @param id link id @return fd or -errno */
LIBBPF_API int bpf_link_get_fd_by_id(__u32 id);
/** @brief Open a link by id. @param id id @param opts options or NULL @return fd or -errno */
LIBBPF_API int bpf_link_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts);

/**
 * @brief BPF_OBJ_GET_INFO_BY_FD for any object.
 * @param bpf_fd object fd
 * @param info info struct, zeroed except for fields that request data
 * @param info_len in: size of info; out: size the kernel filled
 * @return 0 or -errno
 */
LIBBPF_API int bpf_obj_get_info_by_fd(int bpf_fd, void *info, __u32 *info_len);
/** @brief Typed bpf_obj_get_info_by_fd(). @param prog_fd fd @param info info @param info_len len @return 0 or -errno */
LIBBPF_API int bpf_prog_get_info_by_fd(int prog_fd, struct bpf_prog_info *info, __u32 *info_len);
/** @brief Typed bpf_obj_get_info_by_fd(). @param map_fd fd @param info info @param info_len len @return 0 or -errno */
LIBBPF_API int bpf_map_get_info_by_fd(int map_fd, struct bpf_map_info *info, __u32 *info_len);
/** @brief Typed bpf_obj_get_info_by_fd(). @param btf_fd fd @param info info @param info_len len @return 0 or -errno */
LIBBPF_API int bpf_btf_get_info_by_fd(int btf_fd, struct bpf_btf_info *info, __u32 *info_len);
/** @brief Typed bpf_obj_get_info_by_fd(). @param link_fd fd @param info info @param info_len len @return 0 or -errno */
LIBBPF_API int bpf_link_get_info_by_fd(int link_fd, struct bpf_link_info *info, __u32 *info_len);

struct bpf_obj_pin_opts {
	size_t sz;
	__u32 file_flags;	/* BPF_F_PATH_FD (1 << 14): path_fd is set */
	int path_fd;		/* directory fd for a relative pathname (Linux 6.5) */
	size_t :0;
};
#define bpf_obj_pin_opts__last_field path_fd

/**
 * @brief Pin an object on bpffs.
 * @param fd object fd
 * @param pathname path on a bpffs mount
 * @return 0 or -errno
 */
LIBBPF_API int bpf_obj_pin(int fd, const char *pathname);
/**
 * @brief **bpf_obj_pin_opts()** pins an object, with pathname relative to
 * the directory opts->path_fd when file_flags has BPF_F_PATH_FD.
 * @param fd object fd
 * @param pathname path on a bpffs mount
 * @param opts file_flags and path_fd, or NULL
 * @return 0 or -errno
 */
LIBBPF_API int bpf_obj_pin_opts(int fd, const char *pathname,
				const struct bpf_obj_pin_opts *opts);
/**
 * @brief Open a pinned object.
 * @param pathname path on a bpffs mount
 * @return fd or -errno
 */
LIBBPF_API int bpf_obj_get(const char *pathname);

struct bpf_obj_get_opts {
	size_t sz;
	__u32 file_flags;	/* BPF_F_RDONLY, BPF_F_WRONLY */
	int path_fd;		/* directory fd for a relative pathname, with BPF_F_PATH_FD */
	size_t :0;
};
#define bpf_obj_get_opts__last_field path_fd

/**
 * @brief bpf_obj_get() with flags, and a pathname relative to opts->path_fd
 * with BPF_F_PATH_FD.
 * @param pathname path on bpffs
 * @param opts file_flags, path_fd, or NULL
 * @return fd or -errno
 */
LIBBPF_API int bpf_obj_get_opts(const char *pathname, const struct bpf_obj_get_opts *opts);

struct bpf_btf_load_opts {
	size_t sz;
	char *log_buf;
	__u32 log_level;
	__u32 log_size;
	__u32 btf_flags;
	__u32 token_fd;	/* BPF token (Linux 6.9); BPF_F_TOKEN_FD is set for it */
	size_t :0;
};
#define bpf_btf_load_opts__last_field token_fd

/**
 * @brief Load raw BTF into the kernel.
 * @param btf_data raw BTF
 * @param btf_size its size
 * @param opts options (verifier log), or NULL
 * @return BTF fd or -errno
 */
LIBBPF_API int bpf_btf_load(const void *btf_data, size_t btf_size, struct bpf_btf_load_opts *opts);

/* ---- maps ---- */

struct bpf_map_create_opts {
	size_t sz;
	__u32 btf_fd;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;
	__u32 inner_map_fd;
	__u32 map_flags;
	__u64 map_extra;
	__u32 numa_node;
	__u32 map_ifindex;
	__s32 value_type_btf_obj_fd;
	__u32 token_fd;	/* BPF token (Linux 6.9); BPF_F_TOKEN_FD is set for it */
	const void *excl_prog_hash;	/* SHA-256 of the one program allowed to use the map */
	__u32 excl_prog_hash_size;	/* 32, or 0 */
	size_t :0;
};
#define bpf_map_create_opts__last_field excl_prog_hash_size

/**
 * @brief Create a map (BPF_MAP_CREATE).
 * @param map_type BPF_MAP_TYPE_*
 * @param map_name name, truncated to BPF_OBJ_NAME_LEN - 1, or NULL
 * @param key_size key bytes
 * @param value_size value bytes
 * @param max_entries capacity
 * @param opts BTF ids, flags, inner map, ... or NULL
 * @return map fd or -errno
 */
LIBBPF_API int bpf_map_create(enum bpf_map_type map_type, const char *map_name, __u32 key_size,
			      __u32 value_size, __u32 max_entries,
			      const struct bpf_map_create_opts *opts);

/** @brief Update or insert. @param fd map @param key key @param value value @param flags BPF_ANY, BPF_NOEXIST, BPF_EXIST, BPF_F_LOCK @return 0 or -errno */
LIBBPF_API int bpf_map_update_elem(int fd, const void *key, const void *value, __u64 flags);
/** @brief Look up key. @param fd map @param key key (NULL for queues/stacks) @param value receives the value @return 0 or -errno (-ENOENT: no such key) */
LIBBPF_API int bpf_map_lookup_elem(int fd, const void *key, void *value);
/** @brief bpf_map_lookup_elem() with flags. @param fd map @param key key @param value value @param flags BPF_F_LOCK @return 0 or -errno */
LIBBPF_API int bpf_map_lookup_elem_flags(int fd, const void *key, void *value, __u64 flags);
/** @brief Look up and delete (pop for queues/stacks). @param fd map @param key key or NULL @param value value @return 0 or -errno */
LIBBPF_API int bpf_map_lookup_and_delete_elem(int fd, const void *key, void *value);
/** @brief bpf_map_lookup_and_delete_elem() with flags. @param fd map @param key key @param value value @param flags flags @return 0 or -errno */
LIBBPF_API int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key, void *value,
						    __u64 flags);
/** @brief Delete key. @param fd map @param key key @return 0 or -errno */
LIBBPF_API int bpf_map_delete_elem(int fd, const void *key);
/** @brief Delete key with flags. @param fd map @param key key @param flags flags @return 0 or -errno */
LIBBPF_API int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags);
/** @brief Key after key (the first with key NULL). @param fd map @param key key or NULL @param next_key receives it @return 0 or -errno (-ENOENT at the end) */
LIBBPF_API int bpf_map_get_next_key(int fd, const void *key, void *next_key);
/** @brief Make a map read-only for user space. @param fd map @return 0 or -errno */
LIBBPF_API int bpf_map_freeze(int fd);

struct bpf_map_batch_opts {
	size_t sz;
	__u64 elem_flags;
	__u64 flags;
	size_t :0;
};
#define bpf_map_batch_opts__last_field flags

/**
 * @brief Look up up to *count entries (BPF_MAP_LOOKUP_BATCH).
 * @param fd map
 * @param in_batch position to resume from, NULL to start
 * @param out_batch receives the position to resume from (key_size bytes suffice for hash maps)
 * @param keys receives the keys
 * @param values receives the values
 * @param count in: room; out: entries returned
 * @param opts flags or NULL
 * @return 0, or -ENOENT with the last entries returned, or another -errno
 */
LIBBPF_API int bpf_map_lookup_batch(int fd, void *in_batch, void *out_batch, void *keys,
				    void *values, __u32 *count,
				    const struct bpf_map_batch_opts *opts);
/** @brief As bpf_map_lookup_batch(), deleting. @param fd map @param in_batch in @param out_batch out @param keys keys @param values values @param count count @param opts opts @return 0 or -errno */
LIBBPF_API int bpf_map_lookup_and_delete_batch(int fd, void *in_batch, void *out_batch,
					       void *keys, void *values, __u32 *count,
					       const struct bpf_map_batch_opts *opts);
/** @brief Update *count entries. @param fd map @param keys keys @param values values @param count in: entries; out: done @param opts opts @return 0 or -errno */
LIBBPF_API int bpf_map_update_batch(int fd, const void *keys, const void *values, __u32 *count,
				    const struct bpf_map_batch_opts *opts);
/** @brief Delete *count keys. @param fd map @param keys keys @param count in: keys; out: done @param opts opts @return 0 or -errno */
LIBBPF_API int bpf_map_delete_batch(int fd, const void *keys, __u32 *count,
				    const struct bpf_map_batch_opts *opts);

/* ---- programs ---- */

struct bpf_prog_load_opts {
	size_t sz;
	int attempts;		/* retries on EAGAIN, default 5 */
	enum bpf_attach_type expected_attach_type;
	__u32 prog_btf_fd;
	__u32 prog_flags;
	__u32 prog_ifindex;
	__u32 kern_version;
	__u32 attach_btf_id;
	__u32 attach_prog_fd;
	__u32 attach_btf_obj_fd;
	const int *fd_array;
	const void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;
	const void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;
	__u32 log_level;
	__u32 log_size;
	char *log_buf;
	__u32 log_true_size;	/* out: bytes the full log needs (not filled: old UAPI) */
	__u32 token_fd;	/* BPF token (Linux 6.9); BPF_F_TOKEN_FD is set for it */
	__u32 fd_array_cnt;
	size_t :0;
};
#define bpf_prog_load_opts__last_field fd_array_cnt

/**
 * @brief Load a program (BPF_PROG_LOAD).
 * @param prog_type BPF_PROG_TYPE_*
 * @param prog_name name or NULL
 * @param license "GPL", ...
 * @param insns instructions
 * @param insn_cnt their number
 * @param opts attach type, BTF, verifier log, ... or NULL
 * @return program fd or -errno
 */
LIBBPF_API int bpf_prog_load(enum bpf_prog_type prog_type, const char *prog_name,
			     const char *license, const struct bpf_insn *insns, size_t insn_cnt,
			     struct bpf_prog_load_opts *opts);

struct bpf_test_run_opts {
	size_t sz;
	const void *data_in;
	void *data_out;
	__u32 data_size_in;
	__u32 data_size_out;	/* in: room in data_out; out: bytes written */
	const void *ctx_in;
	void *ctx_out;
	__u32 ctx_size_in;
	__u32 ctx_size_out;	/* in: room in ctx_out; out: bytes written */
	__u32 retval;		/* out */
	int repeat;
	__u32 duration;		/* out: average ns per run */
	__u32 flags;
	__u32 cpu;
	__u32 batch_size;
};
#define bpf_test_run_opts__last_field batch_size

/** @brief Run a program on test input (BPF_PROG_TEST_RUN). @param prog_fd program @param opts input and output @return 0 or -errno */
LIBBPF_API int bpf_prog_test_run_opts(int prog_fd, struct bpf_test_run_opts *opts);

struct bpf_prog_attach_opts {
	size_t sz;
	__u32 flags;
	union {
		int replace_prog_fd;
		int replace_fd;
	};
	int relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_prog_attach_opts__last_field expected_revision

/** @brief Attach to a cgroup, map, netns, ... (BPF_PROG_ATTACH). @param prog_fd program @param attachable_fd target @param type attach type @param flags BPF_F_ALLOW_* @return 0 or -errno */
LIBBPF_API int bpf_prog_attach(int prog_fd, int attachable_fd, enum bpf_attach_type type,
			       unsigned int flags);
/** @brief bpf_prog_attach() with options. @param prog_fd program @param target target fd @param type attach type @param opts flags, replace_prog_fd @return 0 or -errno */
LIBBPF_API int bpf_prog_attach_opts(int prog_fd, int target, enum bpf_attach_type type,
				    const struct bpf_prog_attach_opts *opts);
/** @brief Detach what is attached (single-program targets). @param attachable_fd target @param type attach type @return 0 or -errno */
LIBBPF_API int bpf_prog_detach(int attachable_fd, enum bpf_attach_type type);
/** @brief Detach one program. @param prog_fd program @param attachable_fd target @param type attach type @return 0 or -errno */
LIBBPF_API int bpf_prog_detach2(int prog_fd, int attachable_fd, enum bpf_attach_type type);

struct bpf_prog_detach_opts {
	size_t sz;
	__u32 flags;		/* BPF_F_BEFORE, BPF_F_AFTER, ... */
	int relative_fd;
	__u32 relative_id;
	__u64 expected_revision;	/* fail with -ESTALE unless the target is at it */
	size_t :0;
};
#define bpf_prog_detach_opts__last_field expected_revision

/**
 * @brief **bpf_prog_detach_opts()** detaches prog_fd from target (an fd or
 * an ifindex), checking the program's place (relative_fd or relative_id)
 * and the target's revision where given.
 * @param prog_fd program, or 0 for the only one
 * @param target target fd or ifindex
 * @param type attach type
 * @param opts placement and revision, or NULL
 * @return 0 or -errno
 */
LIBBPF_API int bpf_prog_detach_opts(int prog_fd, int target, enum bpf_attach_type type,
				    const struct bpf_prog_detach_opts *opts);

/**
 * @brief Programs attached to a target (BPF_PROG_QUERY).
 * @param target_fd cgroup, netns, ... fd
 * @param type attach type
 * @param query_flags BPF_F_QUERY_EFFECTIVE or 0
 * @param attach_flags receives the attach flags, or NULL
 * @param prog_ids receives the ids, or NULL
 * @param prog_cnt in: room; out: programs attached
 * @return 0 or -errno
 */
LIBBPF_API int bpf_prog_query(int target_fd, enum bpf_attach_type type, __u32 query_flags,
			      __u32 *attach_flags, __u32 *prog_ids, __u32 *prog_cnt);

struct bpf_prog_query_opts {
	size_t sz;
	__u32 query_flags;
	__u32 attach_flags;	/* out */
	__u32 *prog_ids;
	union {
		__u32 prog_cnt;	/* in: room; out: programs attached */
		__u32 count;
	};
	__u32 *prog_attach_flags;
	__u32 *link_ids;	/* tcx and netkit: the link of each program, or 0 */
	__u32 *link_attach_flags;
	__u64 revision;		/* out: tcx and netkit */
	size_t :0;
};
#define bpf_prog_query_opts__last_field revision

/**
 * @brief Programs attached to a target, with per-program flags and links.
 * @param target cgroup or netns fd, or an ifindex for tcx and netkit
 * @param type attach type
 * @param opts arrays to fill and their room
 * @return 0 or -errno
 */
LIBBPF_API int bpf_prog_query_opts(int target, enum bpf_attach_type type,
				   struct bpf_prog_query_opts *opts);

struct bpf_prog_bind_opts {
	size_t sz;
	__u32 flags;
};
#define bpf_prog_bind_opts__last_field flags

/** @brief Keep map alive as long as the program. @param prog_fd program @param map_fd map @param opts opts or NULL @return 0 or -errno */
LIBBPF_API int bpf_prog_bind_map(int prog_fd, int map_fd, const struct bpf_prog_bind_opts *opts);

struct bpf_prog_assoc_struct_ops_opts {
	size_t sz;
	__u32 flags;
	size_t :0;
};
#define bpf_prog_assoc_struct_ops_opts__last_field flags

/**
 * @brief Associate a program with a struct_ops map (BPF_PROG_ASSOC_STRUCT_OPS,
 * a command kernels up to 6.18 don't have: they refuse it with EINVAL).
 * @param prog_fd program
 * @param map_fd struct_ops map
 * @param opts optional options (flags), can be NULL
 * @return 0 or -errno
 */
LIBBPF_API int bpf_prog_assoc_struct_ops(int prog_fd, int map_fd,
					 struct bpf_prog_assoc_struct_ops_opts *opts);

/** @brief Turn on run-time statistics while the fd is open. @param type BPF_STATS_RUN_TIME @return fd or -errno */
LIBBPF_API int bpf_enable_stats(enum bpf_stats_type type);

/**
 * @brief What fd of process pid is attached to (BPF_TASK_FD_QUERY).
 * @param pid process
 * @param fd its fd (perf event or raw tracepoint)
 * @param flags 0
 * @param buf receives tracepoint name / function / path
 * @param buf_len in: room; out: length
 * @param prog_id receives the program id
 * @param fd_type receives BPF_FD_TYPE_*
 * @param probe_offset receives the probe offset
 * @param probe_addr receives the probe address
 * @return 0 or -errno
 */
LIBBPF_API int bpf_task_fd_query(int pid, int fd, __u32 flags, char *buf, __u32 *buf_len,
				 __u32 *prog_id, __u32 *fd_type, __u64 *probe_offset,
				 __u64 *probe_addr);

/* ---- links ---- */

struct bpf_link_create_opts {
	size_t sz;
	__u32 flags;
	union bpf_iter_link_info *iter_info;
	__u32 iter_info_len;
	__u32 target_btf_id;
	union {
		struct {
			__u64 bpf_cookie;
		} perf_event;
		struct {
			__u32 flags;
			__u32 cnt;
			const char **syms;
			const unsigned long *addrs;
			const __u64 *cookies;
		} kprobe_multi;
		struct {
			__u32 flags;		/* BPF_F_UPROBE_MULTI_RETURN (1) */
			__u32 cnt;
			const char *path;
			const unsigned long *offsets;
			const unsigned long *ref_ctr_offsets;
			const __u64 *cookies;
			__u32 pid;		/* 0: every process */
		} uprobe_multi;
		struct {
			__u64 cookie;
		} tracing;
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} tcx;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} netkit;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} cgroup;
		struct {
			const __u32 *ids;
			const __u64 *cookies;
			__u32 cnt;
		} tracing_multi;
	};
	size_t :0;
};
#define bpf_link_create_opts__last_field tcx

/**
 * @brief Create a link (BPF_LINK_CREATE).
 * @param prog_fd program
 * @param target_fd target fd (or ifindex for XDP and tcx)
 * @param attach_type attach type
 * @param opts type-specific options, or NULL
 * @return link fd or -errno
 */
LIBBPF_API int bpf_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type,
			       const struct bpf_link_create_opts *opts);
/** @brief Detach a link's program, keeping the link. @param link_fd link @return 0 or -errno */
LIBBPF_API int bpf_link_detach(int link_fd);

struct bpf_link_update_opts {
	size_t sz;
	__u32 flags;
	__u32 old_prog_fd;
	__u32 old_map_fd;
	size_t :0;
};
#define bpf_link_update_opts__last_field old_map_fd

/**
 * @brief Replace a link's program, or a struct_ops link's map.
 * @param link_fd link
 * @param new_prog_fd program (for a struct_ops link: map)
 * @param opts flags, old_prog_fd or old_map_fd (with BPF_F_REPLACE), or NULL
 * @return 0 or -errno
 */
LIBBPF_API int bpf_link_update(int link_fd, int new_prog_fd,
			       const struct bpf_link_update_opts *opts);
/** @brief Open a BPF iterator from its link. @param link_fd iter link @return readable fd or -errno */
LIBBPF_API int bpf_iter_create(int link_fd);

/** @brief Attach to a raw tracepoint. @param name tracepoint, or NULL for BTF-typed programs @param prog_fd program @return link fd or -errno */
LIBBPF_API int bpf_raw_tracepoint_open(const char *name, int prog_fd);

struct bpf_raw_tp_opts {
	size_t sz;
	const char *tp_name;
	__u64 cookie;
	size_t :0;
};
#define bpf_raw_tp_opts__last_field cookie

/** @brief bpf_raw_tracepoint_open() with options (cookie needs kernel 6.10). @param prog_fd program @param opts name, cookie @return link fd or -errno */
LIBBPF_API int bpf_raw_tracepoint_open_opts(int prog_fd, struct bpf_raw_tp_opts *opts);

struct bpf_token_create_opts {
	size_t sz;
	__u32 flags;
	size_t :0;
};
#define bpf_token_create_opts__last_field flags

/**
 * @brief **bpf_token_create()** derives a BPF token from a bpffs instance
 * mounted with delegation options (delegate_cmds=, ...) in a user namespace,
 * to pass as token_fd to later commands.
 * @param bpffs_fd fd of the bpffs mount's root
 * @param opts flags (none defined yet), or NULL
 * @return token fd, or -errno (-EOPNOTSUPP from a bpffs without delegation,
 * or owned by the initial user namespace)
 */
LIBBPF_API int bpf_token_create(int bpffs_fd, struct bpf_token_create_opts *opts);

struct bpf_prog_stream_read_opts {
	size_t sz;
	size_t :0;
};
#define bpf_prog_stream_read_opts__last_field sz

/**
 * @brief **bpf_prog_stream_read()** reads what a program wrote to one of its
 * BPF streams (bpf_stream_printk(), Linux 6.17); what is read is consumed.
 * @param prog_fd program
 * @param stream_id BPF_STDOUT (1) or BPF_STDERR (2)
 * @param buf where to read
 * @param buf_len its size
 * @param opts NULL
 * @return bytes read (0: stream empty), or -errno
 */
LIBBPF_API int bpf_prog_stream_read(int prog_fd, __u32 stream_id, void *buf, __u32 buf_len,
				    struct bpf_prog_stream_read_opts *opts);

#ifdef __cplusplus
}
#endif

#endif /* __BPFCORE_BPF_H */
