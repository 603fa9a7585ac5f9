// SPDX-License-Identifier: BSD-2-Clause
/*
 * BTF-defined maps: the ".maps" section's variables, whose struct types
 * (written with __uint/__type/__array) describe each map; initial slots of
 * map-in-maps and program arrays; map creation with BTF, reuse of maps
 * pinned by name, and pinning.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "core_relo_internal.h"
#include "log.h"
#include "object_internal.h"

struct bpf_map *object_add_map(struct bpf_object *obj)
{
	struct bpf_map *maps, *map;

	maps = realloc(obj->maps, (obj->nr_maps + 1) * sizeof(*maps));
	if (!maps)
		return NULL;
	obj->maps = maps;
	map = &maps[obj->nr_maps++];
	memset(map, 0, sizeof(*map));
	map->obj = obj;
	map->fd = -1;
	map->sec_idx = -1;
	map->autocreate = true;
	map->autoattach = true;
	map->inner_map_fd = -1;
	return map;
}

/* __uint(name, N) is "int (*name)[N]": N is the array's length. */
static int map_def_uint(const struct btf *btf, const struct btf_member *m, const char *map,
			const char *field, __u32 *val)
{
	const struct btf_type *t = core_skip_mods_typedefs(btf, m->type, NULL);
	const struct btf_type *arr;

	if (!t || !btf_is_ptr(t))
		goto bad;
	arr = core_skip_mods_typedefs(btf, t->type, NULL);
	if (!arr || !btf_is_array(arr))
		goto bad;
	*val = btf_array(arr)->nelems;
	return 0;
bad:
	pr_warn("map '%s': attribute '%s' is not an __uint() (pointer to array)\n", map, field);
	return -EINVAL;
}

/* __type(key, T) is "T *key": the size and type id of T. */
static int map_def_type(const struct btf *btf, const struct btf_member *m, const char *map,
			const char *field, __u32 *size, __u32 *type_id)
{
	const struct btf_type *t = core_skip_mods_typedefs(btf, m->type, NULL);
	__s64 sz;

	if (!t || !btf_is_ptr(t)) {
		pr_warn("map '%s': attribute '%s' is not a __type() (pointer)\n", map, field);
		return -EINVAL;
	}
	sz = btf__resolve_size(btf, t->type);
	if (sz < 0 || sz > UINT32_MAX) {
		pr_warn("map '%s': cannot tell the size of the '%s' type\n", map, field);
		return -EINVAL;
	}
	if (*size && *size != sz) {
		pr_warn("map '%s': %s size %u and %s type size %lld differ\n", map, field, *size,
			field, (long long)sz);
		return -EINVAL;
	}
	*size = sz;
	*type_id = t->type;
	return 0;
}

static int map_def_parse(struct bpf_object *obj, struct bpf_map *map, __u32 def_id,
			 bool is_inner);

/*
 * __array(values, T): for map-in-maps T is the inner map's definition, for
 * program arrays a function prototype. Slots come later from relocations.
 */
static int map_def_values(struct bpf_object *obj, struct bpf_map *map,
			  const struct btf_member *m, bool is_inner)
{
	const struct btf *btf = obj->btf;
	const struct btf_type *t = core_skip_mods_typedefs(btf, m->type, NULL);
	const struct btf_type *ptr;
	struct bpf_map *inner;
	__u32 def_id;

	if (!t || !btf_is_array(t))
		goto bad;
	ptr = core_skip_mods_typedefs(btf, btf_array(t)->type, NULL);
	if (!ptr || !btf_is_ptr(ptr))
		goto bad;
	t = core_skip_mods_typedefs(btf, ptr->type, &def_id);
	if (!t)
		goto bad;
	map->value_size = sizeof(__u32);
	if (btf_is_func_proto(t)) {
		if (map->type != BPF_MAP_TYPE_PROG_ARRAY) {
			pr_warn("map '%s': function values need a prog_array map\n", map->name);
			return -EINVAL;
		}
		return 0;
	}
	if (!btf_is_struct(t) || is_inner) {
		pr_warn("map '%s': inner map definition must be a struct, and one level deep\n",
			map->name);
		return -EINVAL;
	}
	if (map->type != BPF_MAP_TYPE_ARRAY_OF_MAPS && map->type != BPF_MAP_TYPE_HASH_OF_MAPS) {
		pr_warn("map '%s': map values need a map-in-map type\n", map->name);
		return -EINVAL;
	}
	inner = calloc(1, sizeof(*inner));
	if (!inner)
		return -ENOMEM;
	map->inner = inner;
	inner->obj = obj;
	inner->fd = -1;
	inner->inner_map_fd = -1;
	inner->sec_idx = -1;
	if (asprintf(&inner->name, "%s.inner", map->name) < 0) {
		inner->name = NULL;
		return -ENOMEM;
	}
	inner->real_name = strdup(inner->name);
	if (!inner->real_name)
		return -ENOMEM;
	return map_def_parse(obj, inner, def_id, true);
bad:
	pr_warn("map '%s': 'values' is not an __array() of pointers\n", map->name);
	return -EINVAL;
}

static int map_def_member(struct bpf_object *obj, struct bpf_map *map,
			  const struct btf_member *m, bool is_inner)
{
	const struct btf *btf = obj->btf;
	const char *f = btf__name_by_offset(btf, m->name_off);
	const char *n = map->name;
	__u32 v = 0;
	int err;

	if (!f)
		return -EINVAL;
	if (!strcmp(f, "type"))
		return map_def_uint(btf, m, n, f, &map->type);
	if (!strcmp(f, "max_entries"))
		return map_def_uint(btf, m, n, f, &map->max_entries);
	if (!strcmp(f, "map_flags"))
		return map_def_uint(btf, m, n, f, &map->map_flags);
	if (!strcmp(f, "numa_node"))
		return map_def_uint(btf, m, n, f, &map->numa_node);
	if (!strcmp(f, "key_size"))
		return map_def_uint(btf, m, n, f, &map->key_size);
	if (!strcmp(f, "value_size"))
		return map_def_uint(btf, m, n, f, &map->value_size);
	if (!strcmp(f, "key"))
		return map_def_type(btf, m, n, f, &map->key_size, &map->btf_key_type_id);
	if (!strcmp(f, "value"))
		return map_def_type(btf, m, n, f, &map->value_size, &map->btf_value_type_id);
	if (!strcmp(f, "values"))
		return map_def_values(obj, map, m, is_inner);
	if (!strcmp(f, "map_extra")) {
		err = map_def_uint(btf, m, n, f, &v);
		map->map_extra = v;
		return err;
	}
	if (!strcmp(f, "pinning")) {
		err = map_def_uint(btf, m, n, f, &v);
		if (err)
			return err;
		if (v != LIBBPF_PIN_NONE && v != LIBBPF_PIN_BY_NAME) {
			pr_warn("map '%s': pinning %u is not supported\n", n, v);
			return -EINVAL;
		}
		if (is_inner && v) {
			pr_warn("map '%s': inner maps cannot be pinned\n", n);
			return -EINVAL;
		}
		map->pinning = v;
		return 0;
	}
	if (obj->relaxed_maps) {
		pr_debug("map '%s': ignoring unknown attribute '%s' (relaxed_maps)\n", n, f);
		return 0;
	}
	pr_warn("map '%s': unknown attribute '%s'\n", n, f);
	return -EOPNOTSUPP;
}

static int map_def_parse(struct bpf_object *obj, struct bpf_map *map, __u32 def_id,
			 bool is_inner)
{
	const struct btf_type *def = core_skip_mods_typedefs(obj->btf, def_id, NULL);
	const struct btf_member *m;
	int i, err;

	if (!def || !btf_is_struct(def)) {
		pr_warn("map '%s': definition is not a struct\n", map->name);
		return -EINVAL;
	}
	m = btf_members(def);
	for (i = 0; i < btf_vlen(def); i++, m++) {
		err = map_def_member(obj, map, m, is_inner);
		if (err)
			return err;
	}
	if (!map->type) {
		pr_warn("map '%s': no map type given\n", map->name);
		return -EINVAL;
	}
	return 0;
}

static int map_set_pin_by_name(struct bpf_object *obj, struct bpf_map *map)
{
	if (map->pinning != LIBBPF_PIN_BY_NAME)
		return 0;
	free(map->pin_path);
	if (asprintf(&map->pin_path, "%s/%s", obj->pin_root_path, map->name) < 0) {
		map->pin_path = NULL;
		return -ENOMEM;
	}
	return 0;
}

static int map_from_btf_var(struct bpf_object *obj, const struct btf_var_secinfo *vs)
{
	const struct btf_type *var = btf__type_by_id(obj->btf, vs->type);
	struct bpf_map *map;
	const char *name;
	int err;

	if (!var || !btf_is_var(var)) {
		pr_warn("elf: '%s': .maps entry of type %u is not a variable\n", obj->path,
			vs->type);
		return -EINVAL;
	}
	name = btf__name_by_offset(obj->btf, var->name_off);
	map = object_add_map(obj);
	if (!map)
		return -ENOMEM;
	map->origin = MAP_USER;
	map->sec_idx = obj->maps_shndx;
	map->sec_offset = vs->offset;
	map->btf_var_id = vs->type;
	map->name = strdup(name ? name : "");
	map->real_name = strdup(name ? name : "");
	if (!map->name || !map->real_name)
		return -ENOMEM;
	err = map_def_parse(obj, map, var->type, false);
	if (err)
		return err;
	return map_set_pin_by_name(obj, map);
}

int maps_collect_btf(struct bpf_object *obj)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	__s32 id;
	int i, err;

	if (obj->maps_shndx < 0)
		return 0;
	if (!obj->btf) {
		pr_warn("elf: '%s': '.maps' section needs BTF, and there is no '.BTF'\n",
			obj->path);
		return -EINVAL;
	}
	id = btf__find_by_name_kind(obj->btf, ".maps", BTF_KIND_DATASEC);
	if (id < 0) {
		pr_warn("elf: '%s': no DATASEC '.maps' in BTF\n", obj->path);
		return -EINVAL;
	}
	sec = btf__type_by_id(obj->btf, id);
	vs = btf_var_secinfos(sec);
	for (i = 0; i < btf_vlen(sec); i++, vs++) {
		err = map_from_btf_var(obj, vs);
		if (err)
			return err;
	}
	return 0;
}

/*
 * The .maps map whose definition covers byte off of the section: the last
 * one starting at or before it (an initialised "values" array makes the
 * variable longer than its struct type says).
 */
static struct bpf_map *map_at_offset(struct bpf_object *obj, size_t off)
{
	struct bpf_map *best = NULL;
	size_t i;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *m = &obj->maps[i];

		if (m->origin != MAP_USER || m->sec_offset > off)
			continue;
		if (!best || m->sec_offset > best->sec_offset)
			best = m;
	}
	return best;
}

/* Byte offset of the "values" member in the map's definition struct. */
static int map_values_offset(const struct bpf_object *obj, const struct bpf_map *map)
{
	const struct btf_type *var = btf__type_by_id(obj->btf, map->btf_var_id);
	const struct btf_type *def = core_skip_mods_typedefs(obj->btf, var->type, NULL);
	const struct btf_member *m = btf_members(def);
	int i;

	for (i = 0; i < btf_vlen(def); i++, m++) {
		const char *n = btf__name_by_offset(obj->btf, m->name_off);

		if (n && !strcmp(n, "values"))
			return btf_member_bit_offset(def, i) / 8;
	}
	return -ENOENT;
}

static int map_set_slot(struct bpf_map *map, int slot, int target)
{
	if (slot >= map->init_slots_sz) {
		int *s = realloc(map->init_slots, (slot + 1) * sizeof(int));
		int i;

		if (!s)
			return -ENOMEM;
		for (i = map->init_slots_sz; i <= slot; i++)
			s[i] = -1;
		map->init_slots = s;
		map->init_slots_sz = slot + 1;
	}
	map->init_slots[slot] = target;
	return 0;
}

/* One relocation of .maps: slot of map at rel.r_offset gets the symbol's map or program. */
static int map_init_slot(struct bpf_object *obj, const GElf_Rel *rel)
{
	const struct elf_sec *msec = &obj->secs[obj->maps_shndx];
	size_t msize = msec->shdr.sh_type == SHT_NOBITS ? 0 : msec->shdr.sh_size;
	struct bpf_map *map, *target;
	struct bpf_program *prog;
	GElf_Sym sym;
	const char *name;
	int values_off, slot;

	if (!elf_sym(obj, GELF_R_SYM(rel->r_info), &sym) || !(name = elf_sym_name(obj, &sym))) {
		pr_warn("elf: '%s': .maps relocation names symbol %zu which does not exist\n",
			obj->path, (size_t)GELF_R_SYM(rel->r_info));
		return -EINVAL;
	}
	/* the slot is a pointer in the file: this bounds it before any slot table is grown */
	if (rel->r_offset >= msize || msize - rel->r_offset < sizeof(void *)) {
		pr_warn("elf: '%s': .maps relocation at offset %zu against '%s' is outside the "
			"section's %zu bytes\n", obj->path, (size_t)rel->r_offset, name, msize);
		return -EINVAL;
	}
	map = map_at_offset(obj, rel->r_offset);
	if (!map || (values_off = map_values_offset(obj, map)) < 0 ||
	    rel->r_offset < map->sec_offset + values_off) {
		pr_warn("elf: '%s': .maps relocation at offset %zu against '%s' is not in a "
			"'values' array\n", obj->path, (size_t)rel->r_offset, name);
		return -EINVAL;
	}
	slot = (rel->r_offset - map->sec_offset - values_off) / sizeof(void *);
	if ((__u32)slot >= map->max_entries) {
		pr_warn("map '%s': initial slot %d beyond max_entries %u\n", map->name, slot,
			map->max_entries);
		return -EINVAL;
	}
	if (map->type == BPF_MAP_TYPE_PROG_ARRAY) {
		prog = sym.st_shndx < obj->sec_cnt ?
		       object_prog_at_insn(obj, sym.st_shndx, sym.st_value / 8) : NULL;
		if (!prog || prog->is_subprog || GELF_ST_TYPE(sym.st_info) != STT_FUNC) {
			pr_warn("map '%s': slot %d: '%s' is not a BPF program\n", map->name,
				slot, name);
			return -EINVAL;
		}
		return map_set_slot(map, slot, prog - obj->progs);
	}
	target = (int)sym.st_shndx == obj->maps_shndx ? map_at_offset(obj, sym.st_value) : NULL;
	if (!target || !map->inner) {
		pr_warn("map '%s': slot %d: '%s' is not a map\n", map->name, slot, name);
		return -EINVAL;
	}
	return map_set_slot(map, slot, target - obj->maps);
}

int maps_collect_init_slots(struct bpf_object *obj, size_t relo_sec_idx)
{
	const struct elf_sec *sec = &obj->secs[relo_sec_idx];
	size_t i, n = sec->data->d_size / sizeof(Elf64_Rel);
	GElf_Rel rel;
	int err;

	for (i = 0; i < n; i++) {
		if (!gelf_getrel(sec->data, i, &rel))
			return -EINVAL;
		err = map_init_slot(obj, &rel);
		if (err)
			return err;
	}
	return 0;
}

/* Kernel map names: at most 15 characters of [A-Za-z0-9_.]. */
void map_kernel_name(const struct bpf_map *map, char *buf)
{
	size_t i;

	snprintf(buf, BPF_OBJ_NAME_LEN, "%s", map->name);
	for (i = 0; buf[i]; i++)
		if (!(buf[i] == '_' || buf[i] == '.' || (buf[i] >= '0' && buf[i] <= '9') ||
		      (buf[i] >= 'a' && buf[i] <= 'z') || (buf[i] >= 'A' && buf[i] <= 'Z')))
			buf[i] = '_';
}

/* A perf event array without max_entries gets a slot per possible CPU, as in libbpf. */
int map_perf_array_size(struct bpf_map *map)
{
	int cpus;

	if (map->type != BPF_MAP_TYPE_PERF_EVENT_ARRAY || map->max_entries)
		return 0;
	cpus = libbpf_num_possible_cpus();
	if (cpus < 0) {
		pr_warn("map '%s': can't size the perf event array: %s\n", map->name,
			strerror(-cpus));
		return cpus;
	}
	map->max_entries = cpus;
	return 0;
}

/* Why creation failed, with what the kernel was asked for beyond the basics. */
static void map_create_failed(const struct bpf_map *map, int err)
{
	char extra[160] = "";
	int n = 0;

	if (map->ifindex)
		n += snprintf(extra + n, sizeof(extra) - n, ", offloaded to ifindex %u",
			      map->ifindex);
	if (map->numa_node && n < (int)sizeof(extra))
		n += snprintf(extra + n, sizeof(extra) - n, ", NUMA node %u", map->numa_node);
	if (map->excl_prog && n < (int)sizeof(extra))
		snprintf(extra + n, sizeof(extra) - n, ", exclusive to prog '%s'",
			 map->excl_prog->name);
	pr_warn("map '%s': failed to create %s map (key %u, value %u, max_entries %u%s): %s\n",
		map->name, libbpf_bpf_map_type_str(map->type) ?: "?", map->key_size,
		map->value_size, map->max_entries, extra, strerror(-err));
}

int map_create_one(struct bpf_map *map, int inner_fd)
{
	struct bpf_object *obj = map->obj;
	LIBBPF_OPTS(bpf_map_create_opts, opts);
	char name[BPF_OBJ_NAME_LEN];
	int fd;

	fd = map_perf_array_size(map);
	if (fd)
		return fd;
	map_kernel_name(map, name);
	opts.map_flags = map->map_flags;
	opts.numa_node = map->numa_node;
	opts.map_extra = map->map_extra;
	opts.inner_map_fd = inner_fd >= 0 ? inner_fd : 0;
	opts.map_ifindex = map->ifindex;
	opts.token_fd = object_token(obj);
	if (map->excl_prog) {
		opts.excl_prog_hash = map->excl_prog_hash;
		opts.excl_prog_hash_size = sizeof(map->excl_prog_hash);
	}
	if (map->numa_node)
		opts.map_flags |= BPF_F_NUMA_NODE;
	if (map->st_ops) {
		struct_ops_create_opts(map, &opts);
	} else if (obj->btf_fd >= 0 && map->btf_value_type_id) {
		opts.btf_fd = obj->btf_fd;
		opts.btf_key_type_id = map->btf_key_type_id;
		opts.btf_value_type_id = map->btf_value_type_id;
	}
	fd = bpf_map_create(map->type, kernel_supports(obj, FEAT_PROG_NAME) ? name : NULL,
			    map->key_size, map->value_size, map->max_entries, &opts);
	if (fd < 0 && opts.btf_fd && !map->st_ops) {
		/* not a failure yet: if the retry fails too, that failure is the reason */
		pr_info("map '%s': creating with BTF failed (%s), retrying without\n",
			map->name, strerror(-fd));
		opts.btf_fd = opts.btf_key_type_id = opts.btf_value_type_id = 0;
		map->btf_key_type_id = map->btf_value_type_id = 0;
		fd = bpf_map_create(map->type, name, map->key_size, map->value_size,
				    map->max_entries, &opts);
	}
	if (fd < 0) {
		map_create_failed(map, fd);
		return fd;
	}
	map->fd = fd;
	pr_debug("map '%s': created %s map, key %u, value %u, max_entries %u\n", map->name,
		 libbpf_bpf_map_type_str(map->type) ?: "?", map->key_size, map->value_size,
		 map->max_entries);
	return 0;
}

/* The pinned map at path matches the definition, so it can stand in for it. */
static bool map_compatible(const struct bpf_map *map, int fd)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	if (bpf_map_get_info_by_fd(fd, &info, &len))
		return false;
	if (info.type != map->type || info.key_size != map->key_size ||
	    info.value_size != map->value_size || info.max_entries != map->max_entries ||
	    info.map_flags != map->map_flags) {
		pr_warn("map '%s': pinned map at '%s' differs: %s key %u value %u max_entries "
			"%u flags 0x%x, expected %s key %u value %u max_entries %u flags 0x%x\n",
			map->name, map->pin_path, libbpf_bpf_map_type_str(info.type) ?: "?",
			info.key_size, info.value_size, info.max_entries, info.map_flags,
			libbpf_bpf_map_type_str(map->type) ?: "?", map->key_size,
			map->value_size, map->max_entries, map->map_flags);
		return false;
	}
	return true;
}

/* A map with a pin path reuses what is pinned there. Returns 1 if reused. */
static int map_reuse_pinned(struct bpf_map *map)
{
	int fd = bpf_obj_get(map->pin_path);

	if (fd < 0) {
		if (fd == -ENOENT)
			return 0;
		pr_warn("map '%s': cannot open pinned map '%s': %s\n", map->name, map->pin_path,
			strerror(-fd));
		return fd;
	}
	if (!map_compatible(map, fd)) {
		close(fd);
		return -EINVAL;
	}
	map->fd = fd;
	map->reused = true;
	map->pinned = true;
	pr_debug("map '%s': reusing pinned map at '%s'\n", map->name, map->pin_path);
	return 1;
}

static int map_fill_inner_slots(struct bpf_object *obj, struct bpf_map *map)
{
	int i, err, fd;

	for (i = 0; i < map->init_slots_sz; i++) {
		if (map->init_slots[i] < 0)
			continue;
		fd = obj->maps[map->init_slots[i]].fd;
		err = bpf_map_update_elem(map->fd, &i, &fd, 0);
		if (err) {
			pr_warn("map '%s': slot %d: cannot store map '%s': %s\n", map->name, i,
				obj->maps[map->init_slots[i]].name, strerror(-err));
			return err;
		}
	}
	return 0;
}

static int map_create_with_inner(struct bpf_map *map)
{
	int err;

	if (!map->inner)
		return map_create_one(map, map->inner_map_fd);
	err = map_create_one(map->inner, -1);
	if (err)
		return err;
	err = map_create_one(map, map->inner->fd);
	close(map->inner->fd);
	map->inner->fd = -1;
	return err;
}

static int map_pin_at_path(struct bpf_map *map);

static int map_setup(struct bpf_object *obj, struct bpf_map *map)
{
	int err;

	if (map->fd >= 0)
		return 0;	/* bpf_map__reuse_fd() */
	if (!map->autocreate) {
		pr_debug("map '%s': skipped, autocreate is off\n", map->name);
		return 0;
	}
	if (map->pin_path) {
		err = map_reuse_pinned(map);
		if (err)
			return err < 0 ? err : 0;
	}
	err = map_create_with_inner(map);
	if (err)
		return err;
	err = global_data_populate(map);
	if (!err && map->init_slots_sz && map->inner)
		err = map_fill_inner_slots(obj, map);
	if (!err && map->pin_path)
		err = map_pin_at_path(map);
	return err;
}

int maps_create(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->nr_maps; i++) {
		err = map_setup(obj, &obj->maps[i]);
		if (err)
			return err;
	}
	return 0;
}

int maps_fill_prog_slots(struct bpf_object *obj)
{
	size_t i;
	int j, err, fd;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (map->type != BPF_MAP_TYPE_PROG_ARRAY || map->reused || map->fd < 0)
			continue;
		for (j = 0; j < map->init_slots_sz; j++) {
			if (map->init_slots[j] < 0)
				continue;
			fd = obj->progs[map->init_slots[j]].fd;
			if (fd < 0)
				continue;	/* not loaded: autoload off */
			err = bpf_map_update_elem(map->fd, &j, &fd, 0);
			if (err) {
				pr_warn("map '%s': slot %d: cannot store program '%s': %s\n",
					map->name, j, obj->progs[map->init_slots[j]].name,
					strerror(-err));
				return err;
			}
		}
	}
	return 0;
}

static int map_pin_at_path(struct bpf_map *map)
{
	int err = bpf_obj_pin(map->fd, map->pin_path);

	if (err) {
		pr_warn("map '%s': cannot pin at '%s': %s\n", map->name, map->pin_path,
			strerror(-err));
		return err;
	}
	map->pinned = true;
	map->pinned_here = true;
	return 0;
}

void map_close(struct bpf_map *map)
{
	if (map->pinned_here && map->pin_path)
		unlink(map->pin_path);
	map->pinned_here = false;
	if (map->reused || map->pinned)
		map->pinned = false;
	if (map->fd >= 0)
		close(map->fd);
	map->fd = -1;
	map->reused = false;
}
