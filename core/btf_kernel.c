// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fetching BTF objects loaded in the kernel, by id.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include "btf_internal.h"
#include "log.h"
#include "object_internal.h"

static inline __u64 ptr_to_u64(const void *p)
{
	return (__u64)(unsigned long)p;
}

/* Read the raw BTF behind fd; the kernel tells its size on the first call. */
static void *btf_fd_raw_data(int fd, __u32 id, __u32 *size)
{
	struct bpf_btf_info info;
	__u32 len = sizeof(info);
	void *data;
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_btf_get_info_by_fd(fd, &info, &len);
	if (err) {
		pr_warn("can't get info of BTF id %u: %s\n", id, strerror(-err));
		return libbpf_err_ptr(err);
	}
	if (!info.btf_size || info.btf_size > BTF_MAX_RAW_SIZE) {
		pr_warn("BTF id %u has an unusable size of %u bytes\n", id, info.btf_size);
		return libbpf_err_ptr(-EINVAL);
	}
	data = malloc(info.btf_size);
	if (!data)
		return libbpf_err_ptr(-ENOMEM);
	*size = info.btf_size;
	memset(&info, 0, sizeof(info));
	info.btf = ptr_to_u64(data);
	info.btf_size = *size;
	len = sizeof(info);
	err = bpf_btf_get_info_by_fd(fd, &info, &len);
	if (err || info.btf_size != *size) {
		pr_warn("can't read BTF id %u: %s\n", id, err ? strerror(-err) : "size changed");
		free(data);
		return libbpf_err_ptr(err ?: -EAGAIN);
	}
	return data;
}

/* BTF object id from the kernel, opened with token_fd (0: none), split over base_btf. */
struct btf *btf_kernel_load_by_id(__u32 id, struct btf *base_btf, __u32 token_fd)
{
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, opts, .token_fd = token_fd);
	void *data;
	__u32 size;
	int fd, err;

	fd = bpf_btf_get_fd_by_id_opts(id, &opts);
	if (fd < 0) {
		err = fd;
		pr_warn("can't get BTF object by id %u: %s\n", id, strerror(-fd));
		return libbpf_err_ptr(err);
	}
	data = btf_fd_raw_data(fd, id, &size);
	err = data ? 0 : -errno;
	close(fd);
	if (!data)
		return libbpf_err_ptr(err);
	return btf_new_owned(data, size, base_btf);
}

struct btf *btf__load_from_kernel_by_id_split(__u32 id, struct btf *base_btf)
{
	return btf_kernel_load_by_id(id, base_btf, 0);
}

struct btf *btf__load_from_kernel_by_id(__u32 id)
{
	return btf__load_from_kernel_by_id_split(id, NULL);
}
