// SPDX-License-Identifier: BSD-2-Clause
/*
 * Global variables: each .data, .rodata, .bss, .data.* and .rodata.*
 * section becomes a one-element array map holding the section's bytes.
 * The maps are created BPF_F_MMAPABLE so a skeleton can map them into user
 * space; read-only sections are frozen once filled, so the verifier can
 * treat their contents as constants.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "log.h"
#include "object_internal.h"

/*
 * The largest value of an array map: the kernel refuses a value_size above
 * KMALLOC_MAX_SIZE (array_map_alloc_check(), kernel/bpf/arraymap.c), which
 * is 4 MiB with 4 KiB pages.
 */
#define MAP_VALUE_SIZE_MAX	(4u << 20)

/*
 * The kernel's name for a data map: as much of the object name as fits
 * before the section name, unless the section name has its own dot
 * suffix (".data.custom"), which is kept whole instead.
 */
static char *internal_map_name(const struct bpf_object *obj, const char *sec_name)
{
	char buf[BPF_OBJ_NAME_LEN];
	size_t sfx_len = strlen(sec_name) > 7 ? strlen(sec_name) : 7;
	size_t pfx_len = 0;
	char *p;

	if (!strchr(sec_name + 1, '.') && sfx_len < BPF_OBJ_NAME_LEN - 1) {
		pfx_len = BPF_OBJ_NAME_LEN - sfx_len - 1;
		if (pfx_len > strlen(obj->name))
			pfx_len = strlen(obj->name);
	}
	snprintf(buf, sizeof(buf), "%.*s%.*s", (int)pfx_len, obj->name, (int)sfx_len, sec_name);
	for (p = buf; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.')
			*p = '_';
	return strdup(buf);
}

static enum map_origin sec_origin(const char *name)
{
	if (!strncmp(name, ".rodata", 7))
		return MAP_RODATA;
	if (!strcmp(name, ".bss"))
		return MAP_BSS;
	return MAP_DATA;
}

static int data_map_add(struct bpf_object *obj, size_t sec_idx)
{
	struct elf_sec *sec = &obj->secs[sec_idx];
	size_t size = sec->shdr.sh_size;
	struct bpf_map *map;
	__s32 btf_id;

	if (!size)
		return 0;	/* nothing to hold: no references either */
	/*
	 * A .bss (SHT_NOBITS) claims its size without having the bytes: check
	 * it against what the kernel takes before allocating it.
	 */
	if (size > MAP_VALUE_SIZE_MAX) {
		pr_warn("elf: '%s': section '%s': %zu bytes, more than the %u a map value may "
			"have\n", obj->path, sec->name, size, MAP_VALUE_SIZE_MAX);
		return -E2BIG;
	}
	map = object_add_map(obj);
	if (!map)
		return -ENOMEM;
	sec->map_idx = obj->nr_maps - 1;
	map->origin = sec_origin(sec->name);
	map->sec_idx = sec_idx;
	map->type = BPF_MAP_TYPE_ARRAY;
	map->key_size = sizeof(__u32);
	map->value_size = size;
	map->max_entries = 1;
	map->map_flags = BPF_F_MMAPABLE;
	if (map->origin == MAP_RODATA)
		map->map_flags |= BPF_F_RDONLY_PROG;
	map->real_name = strdup(sec->name);
	map->name = internal_map_name(obj, sec->name);
	map->data = calloc(1, size);
	if (!map->real_name || !map->name || !map->data)
		return -ENOMEM;
	if (sec->kind == SEC_DATA)
		memcpy(map->data, sec->data->d_buf, size);
	btf_id = obj->btf ? btf__find_by_name_kind(obj->btf, sec->name, BTF_KIND_DATASEC) : -1;
	if (btf_id > 0)
		map->btf_value_type_id = btf_id;
	return 0;
}

int global_data_collect(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 1; i < obj->sec_cnt; i++) {
		if (obj->secs[i].kind != SEC_DATA && obj->secs[i].kind != SEC_BSS)
			continue;
		err = data_map_add(obj, i);
		if (err)
			return err;
	}
	return 0;
}

bool map_is_internal(const struct bpf_map *map)
{
	return map->origin != MAP_USER && map->origin != MAP_STRUCT_OPS;
}

int global_data_populate(struct bpf_map *map)
{
	__u32 zero = 0;
	int err;

	if (!map_is_internal(map) || !map->data)
		return 0;
	err = bpf_map_update_elem(map->fd, &zero, map->data, 0);
	if (err) {
		pr_warn("map '%s': cannot store the initial value: %s\n", map->name,
			strerror(-err));
		return err;
	}
	if (map->origin == MAP_RODATA || map->origin == MAP_KCONFIG) {
		err = bpf_map_freeze(map->fd);
		if (err) {
			pr_warn("map '%s': cannot freeze: %s\n", map->name, strerror(-err));
			return err;
		}
	}
	return 0;
}
