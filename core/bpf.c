// SPDX-License-Identifier: BSD-2-Clause
/*
 * One wrapper per bpf(2) command. The attr union is zeroed up to the last
 * field each command uses, because the kernel rejects non-zero bytes past
 * the fields it knows.
 */
#include <string.h>

#include <bpf/bpf.h>
#include "bpf_attr_recent.h"
#include "bpf_sys.h"
#include "opts.h"

static int get_next_id(__u32 start_id, __u32 *next_id, enum bpf_cmd cmd)
{
	const size_t sz = attr_size(open_flags);
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sz);
	attr.start_id = start_id;
	err = sys_bpf(cmd, &attr, sz);
	if (!err)
		*next_id = attr.next_id;
	return libbpf_err(err);
}

int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(start_id, next_id, BPF_PROG_GET_NEXT_ID);
}

int bpf_map_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(start_id, next_id, BPF_MAP_GET_NEXT_ID);
}

int bpf_btf_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(start_id, next_id, BPF_BTF_GET_NEXT_ID);
}

int bpf_link_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(start_id, next_id, BPF_LINK_GET_NEXT_ID);
}

/*
 * The id field is a union of prog_id, map_id, btf_id and link_id. Only
 * BPF_BTF_GET_FD_BY_ID takes a token (Linux 6.15), as in libbpf: the
 * other commands ignore opts->token_fd.
 */
static int get_fd_by_id(enum bpf_cmd cmd, __u32 id, const struct bpf_get_fd_by_id_opts *opts)
{
	__u32 token_fd = cmd == BPF_BTF_GET_FD_BY_ID ? OPTS_GET(opts, token_fd, 0) : 0;
	union attr_recent u;

	if (!OPTS_VALID(opts, bpf_get_fd_by_id_opts))
		return libbpf_err(-EINVAL);
	memset(&u, 0, sizeof(u));
	u.get_fd_by_id.id = id;
	u.get_fd_by_id.open_flags = OPTS_GET(opts, open_flags, 0);
	if (!token_fd)
		return sys_bpf_err(cmd, &u.attr, attr_size(open_flags));
	u.get_fd_by_id.open_flags |= F_TOKEN_FD;
	u.get_fd_by_id.fd_by_id_token_fd = token_fd;
	return sys_bpf_err(cmd, &u.attr, sizeof(u.get_fd_by_id));
}

int bpf_prog_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts)
{
	return get_fd_by_id(BPF_PROG_GET_FD_BY_ID, id, opts);
}

int bpf_prog_get_fd_by_id(__u32 id)
{
	return bpf_prog_get_fd_by_id_opts(id, NULL);
}

int bpf_map_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts)
{
	return get_fd_by_id(BPF_MAP_GET_FD_BY_ID, id, opts);
}

int bpf_map_get_fd_by_id(__u32 id)
{
	return bpf_map_get_fd_by_id_opts(id, NULL);
}

int bpf_btf_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts)
{
	return get_fd_by_id(BPF_BTF_GET_FD_BY_ID, id, opts);
}

int bpf_btf_get_fd_by_id(__u32 id)
{
	return bpf_btf_get_fd_by_id_opts(id, NULL);
}

int bpf_link_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts)
{
	return get_fd_by_id(BPF_LINK_GET_FD_BY_ID, id, opts);
}

int bpf_link_get_fd_by_id(__u32 id)
{
	return bpf_link_get_fd_by_id_opts(id, NULL);
}

int bpf_obj_get_info_by_fd(int bpf_fd, void *info, __u32 *info_len)
{
	const size_t sz = attr_size(info);
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sz);
	attr.info.bpf_fd = bpf_fd;
	attr.info.info_len = *info_len;
	attr.info.info = ptr_to_u64(info);
	err = sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr, sz);
	if (!err)
		*info_len = attr.info.info_len;
	return libbpf_err(err);
}

int bpf_prog_get_info_by_fd(int prog_fd, struct bpf_prog_info *info, __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(prog_fd, info, info_len);
}

int bpf_map_get_info_by_fd(int map_fd, struct bpf_map_info *info, __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(map_fd, info, info_len);
}

int bpf_btf_get_info_by_fd(int btf_fd, struct bpf_btf_info *info, __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(btf_fd, info, info_len);
}

int bpf_link_get_info_by_fd(int link_fd, struct bpf_link_info *info, __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(link_fd, info, info_len);
}

/*
 * BPF_OBJ_PIN or BPF_OBJ_GET. The kernel reads path_fd only with
 * BPF_F_PATH_FD in file_flags, and kernels before 6.5 accept a zero one.
 */
static int obj_path_cmd(enum bpf_cmd cmd, int fd, const char *pathname, __u32 file_flags,
			int path_fd)
{
	union attr_recent u;

	memset(&u, 0, sizeof(u));
	u.obj.pathname = ptr_to_u64(pathname);
	u.obj.bpf_fd = fd;
	u.obj.file_flags = file_flags;
	u.obj.path_fd = path_fd;
	return sys_bpf_err(cmd, &u.attr, offsetofend(struct attr_obj, path_fd));
}

int bpf_obj_pin_opts(int fd, const char *pathname, const struct bpf_obj_pin_opts *opts)
{
	if (!OPTS_VALID(opts, bpf_obj_pin_opts))
		return libbpf_err(-EINVAL);
	return obj_path_cmd(BPF_OBJ_PIN, fd, pathname, OPTS_GET(opts, file_flags, 0),
			    OPTS_GET(opts, path_fd, 0));
}

int bpf_obj_pin(int fd, const char *pathname)
{
	return bpf_obj_pin_opts(fd, pathname, NULL);
}

int bpf_obj_get_opts(const char *pathname, const struct bpf_obj_get_opts *opts)
{
	if (!OPTS_VALID(opts, bpf_obj_get_opts))
		return libbpf_err(-EINVAL);
	return obj_path_cmd(BPF_OBJ_GET, 0, pathname, OPTS_GET(opts, file_flags, 0),
			    OPTS_GET(opts, path_fd, 0));
}

int bpf_obj_get(const char *pathname)
{
	return bpf_obj_get_opts(pathname, NULL);
}

/* A token sets BPF_F_TOKEN_FD itself: the kernel wants both or neither. */
int bpf_btf_load(const void *btf_data, size_t btf_size, struct bpf_btf_load_opts *opts)
{
	__u32 token_fd = OPTS_GET(opts, token_fd, 0);
	union attr_recent u;
	size_t sz;

	if (!OPTS_VALID(opts, bpf_btf_load_opts))
		return libbpf_err(-EINVAL);
	memset(&u, 0, sizeof(u));
	u.btf_load.btf = ptr_to_u64(btf_data);
	u.btf_load.btf_size = btf_size;
	if (OPTS_GET(opts, log_buf, NULL)) {
		u.btf_load.btf_log_buf = ptr_to_u64(opts->log_buf);
		u.btf_load.btf_log_size = opts->log_size;
		u.btf_load.btf_log_level = opts->log_level;
	}
	u.btf_load.btf_flags = OPTS_GET(opts, btf_flags, 0);
	if (token_fd) {
		u.btf_load.btf_flags |= F_TOKEN_FD;
		u.btf_load.btf_token_fd = token_fd;
	}
	/* the 6.1 size unless newer fields are used: older kernels refuse what they don't know */
	if (u.btf_load.btf_flags)
		sz = sizeof(u.btf_load);
	else
		sz = attr_size(btf_log_level);
	return sys_bpf_err(BPF_BTF_LOAD, &u.attr, sz);
}
