// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf(2) wrappers for maps: creation, element operations and batches.
 */
#include <string.h>

#include <bpf/bpf.h>
#include "bpf_attr_recent.h"
#include "bpf_sys.h"
#include "opts.h"

/*
 * BPF_MAP_CREATE's fields of Linux 6.18 past map_extra, where the 6.1 UAPI
 * headers we build against end: the token (6.9) and the hash of the map's
 * exclusive program (6.18).
 */
struct map_create_tail {
	__s32 value_type_btf_obj_fd;
	__s32 map_token_fd;
	__aligned_u64 excl_prog_hash;
	__u32 excl_prog_hash_size;
};

#define MAP_CREATE_TAIL_OFF	attr_size(map_extra)
#define MAP_CREATE_TAIL_SZ \
	(offsetof(struct map_create_tail, excl_prog_hash_size) + sizeof(__u32))

_Static_assert(MAP_CREATE_TAIL_OFF + MAP_CREATE_TAIL_SZ <= sizeof(union bpf_attr),
	       "the 6.18 map_create attr fits in union bpf_attr");

/* A token sets BPF_F_TOKEN_FD itself: the kernel wants both or neither. */
int bpf_map_create(enum bpf_map_type map_type, const char *map_name, __u32 key_size,
		   __u32 value_size, __u32 max_entries, const struct bpf_map_create_opts *opts)
{
	const void *hash = OPTS_GET(opts, excl_prog_hash, NULL);
	__u32 hash_size = OPTS_GET(opts, excl_prog_hash_size, 0);
	__s32 vtype_fd = OPTS_GET(opts, value_type_btf_obj_fd, 0);
	__u32 token_fd = OPTS_GET(opts, token_fd, 0);
	size_t sz = attr_size(map_extra);
	struct map_create_tail tail = {};
	union bpf_attr attr;

	if (!OPTS_VALID(opts, bpf_map_create_opts) || !hash != !hash_size)
		return libbpf_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.map_type = map_type;
	if (map_name)
		strncpy(attr.map_name, map_name, sizeof(attr.map_name) - 1);
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.btf_fd = OPTS_GET(opts, btf_fd, 0);
	attr.btf_key_type_id = OPTS_GET(opts, btf_key_type_id, 0);
	attr.btf_value_type_id = OPTS_GET(opts, btf_value_type_id, 0);
	attr.btf_vmlinux_value_type_id = OPTS_GET(opts, btf_vmlinux_value_type_id, 0);
	attr.inner_map_fd = OPTS_GET(opts, inner_map_fd, 0);
	attr.map_flags = OPTS_GET(opts, map_flags, 0);
	attr.map_extra = OPTS_GET(opts, map_extra, 0);
	attr.numa_node = OPTS_GET(opts, numa_node, 0);
	attr.map_ifindex = OPTS_GET(opts, map_ifindex, 0);
	if (token_fd) {
		attr.map_flags |= F_TOKEN_FD;
		tail.map_token_fd = token_fd;
	}
	tail.value_type_btf_obj_fd = vtype_fd;
	tail.excl_prog_hash = ptr_to_u64(hash);
	tail.excl_prog_hash_size = hash_size;
	memcpy((char *)&attr + MAP_CREATE_TAIL_OFF, &tail, MAP_CREATE_TAIL_SZ);
	/* the longer attr only when needed: older kernels refuse what they don't know */
	if (hash)
		sz = MAP_CREATE_TAIL_OFF + MAP_CREATE_TAIL_SZ;
	else if (token_fd)
		sz = MAP_CREATE_TAIL_OFF + offsetofend(struct map_create_tail, map_token_fd);
	else if (vtype_fd)
		sz = MAP_CREATE_TAIL_OFF + offsetofend(struct map_create_tail, value_type_btf_obj_fd);
	return sys_bpf_err(BPF_MAP_CREATE, &attr, sz);
}

/* The element commands share one attr layout. */
static int map_elem(enum bpf_cmd cmd, int fd, const void *key, const void *value, __u64 flags)
{
	const size_t sz = attr_size(flags);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	attr.key = ptr_to_u64(key);
	attr.value = ptr_to_u64(value);
	attr.flags = flags;
	return sys_bpf_err(cmd, &attr, sz);
}

int bpf_map_update_elem(int fd, const void *key, const void *value, __u64 flags)
{
	return map_elem(BPF_MAP_UPDATE_ELEM, fd, key, value, flags);
}

int bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	return map_elem(BPF_MAP_LOOKUP_ELEM, fd, key, value, 0);
}

int bpf_map_lookup_elem_flags(int fd, const void *key, void *value, __u64 flags)
{
	return map_elem(BPF_MAP_LOOKUP_ELEM, fd, key, value, flags);
}

int bpf_map_lookup_and_delete_elem(int fd, const void *key, void *value)
{
	return map_elem(BPF_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value, 0);
}

int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key, void *value, __u64 flags)
{
	return map_elem(BPF_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value, flags);
}

int bpf_map_delete_elem(int fd, const void *key)
{
	return map_elem(BPF_MAP_DELETE_ELEM, fd, key, NULL, 0);
}

int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags)
{
	return map_elem(BPF_MAP_DELETE_ELEM, fd, key, NULL, flags);
}

int bpf_map_get_next_key(int fd, const void *key, void *next_key)
{
	const size_t sz = attr_size(next_key);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	attr.key = ptr_to_u64(key);
	attr.next_key = ptr_to_u64(next_key);
	return sys_bpf_err(BPF_MAP_GET_NEXT_KEY, &attr, sz);
}

int bpf_map_freeze(int fd)
{
	const size_t sz = attr_size(map_fd);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	return sys_bpf_err(BPF_MAP_FREEZE, &attr, sz);
}

/* The batch commands share one attr layout; count is in/out. */
static int map_batch(enum bpf_cmd cmd, int fd, void *in_batch, void *out_batch, void *keys,
		     void *values, __u32 *count, const struct bpf_map_batch_opts *opts)
{
	const size_t sz = attr_size(batch);
	union bpf_attr attr;
	int ret;

	if (!OPTS_VALID(opts, bpf_map_batch_opts))
		return libbpf_err(-EINVAL);
	memset(&attr, 0, sz);
	attr.batch.map_fd = fd;
	attr.batch.in_batch = ptr_to_u64(in_batch);
	attr.batch.out_batch = ptr_to_u64(out_batch);
	attr.batch.keys = ptr_to_u64(keys);
	attr.batch.values = ptr_to_u64(values);
	attr.batch.count = *count;
	attr.batch.elem_flags = OPTS_GET(opts, elem_flags, 0);
	attr.batch.flags = OPTS_GET(opts, flags, 0);
	ret = sys_bpf(cmd, &attr, sz);
	/* the kernel reports how far it got, on failure too */
	*count = attr.batch.count;
	return libbpf_err(ret);
}

int bpf_map_lookup_batch(int fd, void *in_batch, void *out_batch, void *keys, void *values,
			 __u32 *count, const struct bpf_map_batch_opts *opts)
{
	return map_batch(BPF_MAP_LOOKUP_BATCH, fd, in_batch, out_batch, keys, values, count, opts);
}

int bpf_map_lookup_and_delete_batch(int fd, void *in_batch, void *out_batch, void *keys,
				    void *values, __u32 *count,
				    const struct bpf_map_batch_opts *opts)
{
	return map_batch(BPF_MAP_LOOKUP_AND_DELETE_BATCH, fd, in_batch, out_batch, keys, values,
			 count, opts);
}

int bpf_map_update_batch(int fd, const void *keys, const void *values, __u32 *count,
			 const struct bpf_map_batch_opts *opts)
{
	return map_batch(BPF_MAP_UPDATE_BATCH, fd, NULL, NULL, (void *)keys, (void *)values,
			 count, opts);
}

int bpf_map_delete_batch(int fd, const void *keys, __u32 *count,
			 const struct bpf_map_batch_opts *opts)
{
	return map_batch(BPF_MAP_DELETE_BATCH, fd, NULL, NULL, (void *)keys, NULL, count, opts);
}
