// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_map__*: a map of an object, its definition (changeable until load),
 * its initial value, reuse of an existing map and pinning.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "log.h"
#include "object_internal.h"

const char *bpf_map__name(const struct bpf_map *map)
{
	return map ? map->name : NULL;
}

int bpf_map__fd(const struct bpf_map *map)
{
	if (!map)
		return libbpf_err(-EINVAL);
	return map->fd >= 0 ? map->fd : libbpf_err(-ENOENT);
}

/* Definition setters refuse once the map exists in the kernel. */
static int map_busy(const struct bpf_map *map)
{
	if (map->obj->prepared || map->obj->loaded || map->fd >= 0)
		return libbpf_err(-EBUSY);
	return 0;
}

#define MAP_FIELD(get, set, field, type)				\
	type bpf_map__##get(const struct bpf_map *map)			\
	{								\
		return map->field;					\
	}								\
	int bpf_map__##set(struct bpf_map *map, type v)			\
	{								\
		int err = map_busy(map);				\
									\
		if (!err)						\
			map->field = v;					\
		return err;						\
	}

MAP_FIELD(type, set_type, type, enum bpf_map_type)
MAP_FIELD(key_size, set_key_size, key_size, __u32)
MAP_FIELD(max_entries, set_max_entries, max_entries, __u32)
MAP_FIELD(map_flags, set_map_flags, map_flags, __u32)
MAP_FIELD(numa_node, set_numa_node, numa_node, __u32)
MAP_FIELD(map_extra, set_map_extra, map_extra, __u64)
MAP_FIELD(ifindex, set_ifindex, ifindex, __u32)

__u32 bpf_map__value_size(const struct bpf_map *map)
{
	return map->value_size;
}

int bpf_map__set_value_size(struct bpf_map *map, __u32 size)
{
	int err = map_busy(map);
	void *data;

	if (err)
		return err;
	if (map->data && size != map->value_size) {
		data = realloc(map->data, size ? size : 1);
		if (!data)
			return libbpf_err(-ENOMEM);
		if (size > map->value_size)
			memset((char *)data + map->value_size, 0, size - map->value_size);
		map->data = data;
	}
	map->value_size = size;
	return 0;
}

__u32 bpf_map__btf_key_type_id(const struct bpf_map *map)
{
	return map->btf_key_type_id;
}

__u32 bpf_map__btf_value_type_id(const struct bpf_map *map)
{
	return map->btf_value_type_id;
}

bool bpf_map__is_internal(const struct bpf_map *map)
{
	return map_is_internal(map);
}

bool bpf_map__autocreate(const struct bpf_map *map)
{
	return map->autocreate;
}

int bpf_map__set_autocreate(struct bpf_map *map, bool autocreate)
{
	int err = map_busy(map);

	if (!err)
		map->autocreate = autocreate;
	return err;
}

/* Only struct_ops maps are attached by skeletons; the flag means nothing for others. */
bool bpf_map__autoattach(const struct bpf_map *map)
{
	return map->type == BPF_MAP_TYPE_STRUCT_OPS && map->autoattach;
}

int bpf_map__set_autoattach(struct bpf_map *map, bool autoattach)
{
	if (map->type != BPF_MAP_TYPE_STRUCT_OPS) {
		pr_warn("map '%s': autoattach is for struct_ops maps, this is a %s map\n",
			map->name, libbpf_bpf_map_type_str(map->type) ?: "?");
		return libbpf_err(-EINVAL);
	}
	map->autoattach = autoattach;
	return 0;
}

struct bpf_map *bpf_map__inner_map(struct bpf_map *map)
{
	return map->inner;
}

static bool map_is_map_in_map(const struct bpf_map *map)
{
	return map->type == BPF_MAP_TYPE_ARRAY_OF_MAPS || map->type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

/* The caller's inner map replaces the template from the definition; the caller owns fd. */
int bpf_map__set_inner_map_fd(struct bpf_map *map, int fd)
{
	int err = map_busy(map);

	if (err)
		return err;
	if (!map_is_map_in_map(map)) {
		pr_warn("map '%s': an inner map fd needs a map-in-map, this is a %s map\n",
			map->name, libbpf_bpf_map_type_str(map->type) ?: "?");
		return libbpf_err(-EINVAL);
	}
	if (map->inner_map_fd >= 0) {
		pr_warn("map '%s': inner map fd already set\n", map->name);
		return libbpf_err(-EINVAL);
	}
	if (map->inner) {
		map_free(map->inner);
		free(map->inner);
		map->inner = NULL;
	}
	map->inner_map_fd = fd;
	return 0;
}

/* Checked when the map is created, when the program's instructions are final. */
int bpf_map__set_exclusive_program(struct bpf_map *map, struct bpf_program *prog)
{
	if (map->obj->prepared || map->obj->loaded || map->fd >= 0) {
		pr_warn("map '%s': the exclusive program must be set before the map is created\n",
			map->name);
		return libbpf_err(-EINVAL);
	}
	if (!prog || prog->obj != map->obj) {
		pr_warn("map '%s': the exclusive program must be of the map's object\n",
			map->name);
		return libbpf_err(-EINVAL);
	}
	map->excl_prog = prog;
	return 0;
}

struct bpf_program *bpf_map__exclusive_program(struct bpf_map *map)
{
	return map->excl_prog;
}

void *bpf_map__initial_value(const struct bpf_map *map, size_t *psize)
{
	if (map->st_ops)
		return struct_ops_shadow(map, psize);
	if (!map->data)
		return NULL;
	if (psize)
		*psize = map->value_size;
	return map->data;
}

int bpf_map__set_initial_value(struct bpf_map *map, const void *data, size_t size)
{
	int err = map_busy(map);

	if (err)
		return err;
	if (!map->data || size != map->value_size) {
		pr_warn("map '%s': initial value has %zu bytes, expected %u\n", map->name, size,
			map->value_size);
		return libbpf_err(-EINVAL);
	}
	memcpy(map->data, data, size);
	return 0;
}

int bpf_map__reuse_fd(struct bpf_map *map, int fd)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int err, new_fd;

	err = bpf_map_get_info_by_fd(fd, &info, &len);
	if (err) {
		pr_warn("map '%s': fd %d is not a map: %s\n", map->name, fd, strerror(-err));
		return libbpf_err(err);
	}
	new_fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (new_fd < 0)
		return libbpf_err(-errno);
	if (map->fd >= 0)
		close(map->fd);
	map->fd = new_fd;
	map->reused = true;
	map->type = info.type;
	map->key_size = info.key_size;
	map->value_size = info.value_size;
	map->max_entries = info.max_entries;
	map->map_flags = info.map_flags;
	map->btf_key_type_id = info.btf_key_type_id;
	map->btf_value_type_id = info.btf_value_type_id;
	return 0;
}

int bpf_map__set_pin_path(struct bpf_map *map, const char *path)
{
	char *p = NULL;

	if (path && !(p = strdup(path)))
		return libbpf_err(-ENOMEM);
	free(map->pin_path);
	map->pin_path = p;
	return 0;
}

const char *bpf_map__pin_path(const struct bpf_map *map)
{
	return map->pin_path;
}

const char *bpf_map__get_pin_path(const struct bpf_map *map)
{
	return bpf_map__pin_path(map);
}

bool bpf_map__is_pinned(const struct bpf_map *map)
{
	return map->pinned;
}

int bpf_map__pin(struct bpf_map *map, const char *path)
{
	int err;

	if (!path)
		path = map->pin_path;
	if (!path) {
		pr_warn("map '%s': no pin path given\n", map->name);
		return libbpf_err(-EINVAL);
	}
	if (map->fd < 0) {
		pr_warn("map '%s': cannot pin a map that is not created\n", map->name);
		return libbpf_err(-EINVAL);
	}
	if (map->pinned && map->pin_path && !strcmp(path, map->pin_path))
		return 0;
	err = bpf_map__set_pin_path(map, path);
	if (err)
		return err;
	err = bpf_obj_pin(map->fd, map->pin_path);
	if (err) {
		pr_warn("map '%s': cannot pin at '%s': %s\n", map->name, path, strerror(-err));
		return libbpf_err(err);
	}
	map->pinned = true;
	pr_debug("map '%s': pinned at '%s'\n", map->name, path);
	return 0;
}

int bpf_map__unpin(struct bpf_map *map, const char *path)
{
	if (!path)
		path = map->pin_path;
	if (!path)
		return libbpf_err(-EINVAL);
	if (unlink(path)) {
		int err = -errno;

		pr_warn("map '%s': cannot unpin '%s': %s\n", map->name, path, strerror(errno));
		return libbpf_err(err);
	}
	map->pinned = false;
	map->pinned_here = false;
	return 0;
}
