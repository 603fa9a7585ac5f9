// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_map__lookup_elem() and friends: the bpf(2) element commands on a map
 * of an object, after checking the caller's buffer sizes against the map's
 * definition, so that a wrong struct fails with a message instead of the
 * kernel reading or writing past the caller's buffer.
 */
#include <errno.h>

#include <bpf/bpf.h>

#include "log.h"
#include "object_internal.h"

/* Per-CPU value flags of Linux 6.19, newer than the UAPI headers we build against. */
#define MAP_F_CPU	8	/* one CPU's value; the CPU in the flags' upper 32 bits */
#define MAP_F_ALL_CPUS	16	/* one value, for every CPU */

static bool map_is_percpu(enum bpf_map_type type)
{
	return type == BPF_MAP_TYPE_PERCPU_ARRAY || type == BPF_MAP_TYPE_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

/* A per-CPU map's values come one per possible CPU, each padded to 8 bytes. */
static int map_check_percpu_value(const struct bpf_map *map, size_t value_sz, __u64 flags)
{
	size_t elem_sz = (map->value_size + 7) & ~(size_t)7;
	int cpus;

	if (flags & (MAP_F_CPU | MAP_F_ALL_CPUS)) {
		if ((flags & MAP_F_CPU) && (flags & MAP_F_ALL_CPUS)) {
			pr_warn("map '%s': BPF_F_CPU and BPF_F_ALL_CPUS exclude each other\n",
				map->name);
			return -EINVAL;
		}
		if (value_sz != map->value_size) {
			pr_warn("map '%s': value size %zu given for one CPU's value, expected %u\n",
				map->name, value_sz, map->value_size);
			return -EINVAL;
		}
		return 0;
	}
	cpus = libbpf_num_possible_cpus();
	if (cpus < 0)
		return cpus;
	if (value_sz != (size_t)cpus * elem_sz) {
		pr_warn("map '%s': value size %zu given for a per-CPU map, "
			"expected %d * %zu = %zu\n", map->name, value_sz, cpus, elem_sz,
			(size_t)cpus * elem_sz);
		return -EINVAL;
	}
	return 0;
}

/* The map exists and the sizes match; value_sz is checked when check_value is set. */
static int map_check_op(const struct bpf_map *map, size_t key_sz, size_t value_sz,
			bool check_value, __u64 flags)
{
	if (!map)
		return -EINVAL;
	if (!map->obj->prepared && !map->obj->loaded && !map->reused)
		return -ENOENT;	/* not created yet, as libbpf answers */
	if (key_sz != map->key_size) {
		pr_warn("map '%s': key size %zu given, expected %u\n", map->name, key_sz,
			map->key_size);
		return -EINVAL;
	}
	if (map->fd < 0) {
		pr_warn("map '%s': has no fd (not created: autocreate off or a failed load)\n",
			map->name);
		return -EINVAL;
	}
	if (!check_value)
		return 0;
	if (map_is_percpu(map->type))
		return map_check_percpu_value(map, value_sz, flags);
	if (value_sz != map->value_size) {
		pr_warn("map '%s': value size %zu given, expected %u\n", map->name, value_sz,
			map->value_size);
		return -EINVAL;
	}
	return 0;
}

int bpf_map__lookup_elem(const struct bpf_map *map, const void *key, size_t key_sz,
			 void *value, size_t value_sz, __u64 flags)
{
	int err = map_check_op(map, key_sz, value_sz, true, flags);

	if (err)
		return libbpf_err(err);
	return bpf_map_lookup_elem_flags(map->fd, key, value, flags);
}

int bpf_map__update_elem(const struct bpf_map *map, const void *key, size_t key_sz,
			 const void *value, size_t value_sz, __u64 flags)
{
	int err = map_check_op(map, key_sz, value_sz, true, flags);

	if (err)
		return libbpf_err(err);
	return bpf_map_update_elem(map->fd, key, value, flags);
}

int bpf_map__delete_elem(const struct bpf_map *map, const void *key, size_t key_sz,
			 __u64 flags)
{
	int err = map_check_op(map, key_sz, 0, false, flags);

	if (err)
		return libbpf_err(err);
	return bpf_map_delete_elem_flags(map->fd, key, flags);
}

int bpf_map__lookup_and_delete_elem(const struct bpf_map *map, const void *key, size_t key_sz,
				    void *value, size_t value_sz, __u64 flags)
{
	int err = map_check_op(map, key_sz, value_sz, true, flags);

	if (err)
		return libbpf_err(err);
	return bpf_map_lookup_and_delete_elem_flags(map->fd, key, value, flags);
}

int bpf_map__get_next_key(const struct bpf_map *map, const void *cur_key, void *next_key,
			  size_t key_sz)
{
	int err = map_check_op(map, key_sz, 0, false, 0);

	if (err)
		return libbpf_err(err);
	return bpf_map_get_next_key(map->fd, cur_key, next_key);
}
