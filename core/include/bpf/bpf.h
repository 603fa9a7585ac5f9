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
#include <linux/bpf.h>
#include <linux/types.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

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
	__u32 token_fd;
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

/**
 * @brief Pin an object on bpffs.
 * @param fd object fd
 * @param pathname path on a bpffs mount
 * @return 0 or -errno
 */
LIBBPF_API int bpf_obj_pin(int fd, const char *pathname);
/**
 * @brief Open a pinned object.
 * @param pathname path on a bpffs mount
 * @return fd or -errno
 */
LIBBPF_API int bpf_obj_get(const char *pathname);

struct bpf_btf_load_opts {
	size_t sz;
	char *log_buf;
	__u32 log_level;
	__u32 log_size;
	__u32 btf_flags;
	__u32 token_fd;
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

#ifdef __cplusplus
}
#endif

#endif /* __BPFCORE_BPF_H */
