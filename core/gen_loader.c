// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_object__gen_loader(): bpf_object__load() records what it would do as
 * a loader program (see gen_loader.h) instead of doing it. The object's
 * BTF, maps (with their initial values, frozen where read-only, inner
 * maps and map-in-map slots), programs (map references through fd_array,
 * CO-RE relocations left to the kernel, func_info and line_info) and
 * program array slots are recorded in the order the direct load makes
 * them. What depends on the kernel is left to the run: CO-RE, the BTF ids
 * of __ksym variables, kfuncs and attach targets (with the BTF fd of the
 * module that has them). kconfig values are this host's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "gen_loader.h"
#include "log.h"
#include "object_internal.h"
#include "opts.h"

#define attr_end(field) (offsetof(union bpf_attr, field) + sizeof(((union bpf_attr *)0)->field))

int bpf_object__gen_loader(struct bpf_object *obj, struct gen_loader_opts *opts)
{
	struct gen_loader *g;

	if (!obj || !opts)
		return libbpf_err(!obj ? -EINVAL : -EFAULT);
	if (!OPTS_VALID(opts, gen_loader_opts))
		return libbpf_err(-EINVAL);
	if (obj->loaded) {
		pr_warn("object '%s': already loaded, too late to generate a loader\n", obj->name);
		return libbpf_err(-EINVAL);
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return libbpf_err(-ENOMEM);
	g->opts = opts;
	g->keep_blob = OPTS_GET(opts, gen_hash, false);
	gen_free(obj->gen);
	obj->gen = g;
	return 0;
}

static __u32 map_desc_off(__u32 map_idx, __u32 field)
{
	return GEN_CTX_HDR_SZ + map_idx * GEN_MAP_DESC_SZ + field;
}

/* The context's log settings into the log fields of the attr at attr_off. */
static void gen_log_from_ctx(struct gen_loader *g, __u32 level, __u32 size, __u32 buf)
{
	gen_copy_ctx(g, level, GEN_CTX_LOG_LEVEL, 4, false);
	gen_copy_ctx(g, size, GEN_CTX_LOG_SIZE, 4, false);
	gen_copy_ctx(g, buf, GEN_CTX_LOG_BUF, 8, false);
}

static int gen_btf(struct bpf_object *obj, struct gen_loader *g)
{
	const size_t sz = attr_end(btf_log_level);
	union bpf_attr attr;
	__u32 raw_size;
	int data, off, err;
	void *raw;

	if (!obj->btf)
		return 0;
	err = externs_fixup_btf(obj, &raw, &raw_size);
	if (err)
		return err;
	data = gen_blob_add(g, raw, raw_size);
	free(raw);
	memset(&attr, 0, sizeof(attr));
	attr.btf_size = raw_size;
	off = gen_blob_add(g, &attr, sz);
	if (off < 0 || data < 0)
		return g->error;
	gen_step(g, "loading the BTF of object '%s' (%u bytes)", obj->name, raw_size);
	gen_store_blob_addr(g, off + offsetof(union bpf_attr, btf), data);
	gen_log_from_ctx(g, off + offsetof(union bpf_attr, btf_log_level),
			 off + offsetof(union bpf_attr, btf_log_size),
			 off + offsetof(union bpf_attr, btf_log_buf));
	gen_sys_bpf(g, BPF_BTF_LOAD, off, sz);
	gen_save_fd(g, g->btf_slot);
	return g->error;
}

/* BPF_MAP_CREATE of map; its fd into slot, the inner map's fd taken from the inner slot. */
static int gen_map_create(struct bpf_object *obj, struct gen_loader *g, struct bpf_map *map,
			  int map_idx, __u32 slot, bool with_inner)
{
	const size_t sz = attr_end(map_extra);
	union bpf_attr attr;
	int off, err;

	err = map_perf_array_size(map);
	if (err)
		return err;
	memset(&attr, 0, sizeof(attr));
	attr.map_type = map->type;
	attr.key_size = map->key_size;
	attr.value_size = map->value_size;
	attr.max_entries = map->max_entries;
	attr.map_flags = map->map_flags | (map->numa_node ? BPF_F_NUMA_NODE : 0);
	attr.numa_node = map->numa_node;
	attr.map_extra = map->map_extra;
	map_kernel_name(map, attr.map_name);
	if (obj->btf && map->btf_value_type_id) {
		attr.btf_key_type_id = map->btf_key_type_id;
		attr.btf_value_type_id = map->btf_value_type_id;
	}
	off = gen_blob_add(g, &attr, sz);
	if (off < 0)
		return off;
	gen_step(g, "creating %s map '%s'", libbpf_bpf_map_type_str(map->type) ?: "?",
		 map->name);
	if (attr.btf_value_type_id)
		gen_copy_blob(g, off + offsetof(union bpf_attr, btf_fd), g->btf_slot, 4);
	if (with_inner)
		gen_copy_blob(g, off + offsetof(union bpf_attr, inner_map_fd), g->inner_slot, 4);
	/* the skeleton may resize the map: a non-zero max_entries in its desc */
	if (map_idx >= 0 && !g->keep_blob)
		gen_copy_ctx(g, off + offsetof(union bpf_attr, max_entries),
			     map_desc_off(map_idx, GEN_MAP_DESC_MAX_ENTRIES), 4, true);
	gen_sys_bpf(g, BPF_MAP_CREATE, off, sz);
	gen_save_fd(g, slot);
	return g->error;
}

/* BPF_MAP_UPDATE_ELEM of key in map map_idx with value at blob[value]. */
static void gen_map_update(struct gen_loader *g, int map_idx, __u32 key, __u32 value)
{
	const size_t sz = attr_end(flags);
	union bpf_attr attr;
	int off;

	memset(&attr, 0, sizeof(attr));
	off = gen_blob_add(g, &attr, sz);
	if (off < 0)
		return;
	gen_copy_blob(g, off + offsetof(union bpf_attr, map_fd),
		      g->map_slots + map_idx * sizeof(int), 4);
	gen_store_blob_addr(g, off + offsetof(union bpf_attr, key), key);
	gen_store_blob_addr(g, off + offsetof(union bpf_attr, value), value);
	gen_sys_bpf(g, BPF_MAP_UPDATE_ELEM, off, sz);
}

/* A data map's initial value: the skeleton's memory if it gave some, else the object's. */
static int gen_map_data(struct gen_loader *g, struct bpf_map *map, int map_idx)
{
	const size_t sz = attr_end(map_fd);
	union bpf_attr attr;
	__u32 zero = 0;
	int key, value, off;

	if (!map_is_internal(map) || !map->data)
		return 0;
	value = gen_blob_add(g, map->data, map->value_size);
	key = gen_blob_add(g, &zero, sizeof(zero));
	if (value < 0 || key < 0)
		return g->error;
	if (!g->keep_blob) {
		gen_step(g, "reading the initial value of map '%s' from the skeleton", map->name);
		gen_copy_initial_value(g, value, map->value_size,
				       map_desc_off(map_idx, GEN_MAP_DESC_INIT_VALUE));
	}
	gen_step(g, "storing the initial value of map '%s'", map->name);
	gen_map_update(g, map_idx, key, value);
	if (map->origin != MAP_RODATA && map->origin != MAP_KCONFIG)
		return g->error;
	memset(&attr, 0, sizeof(attr));
	off = gen_blob_add(g, &attr, sz);
	if (off < 0)
		return off;
	gen_step(g, "freezing map '%s'", map->name);
	gen_copy_blob(g, off + offsetof(union bpf_attr, map_fd),
		      g->map_slots + map_idx * sizeof(int), 4);
	gen_sys_bpf(g, BPF_MAP_FREEZE, off, sz);
	return g->error;
}

static int gen_check_map(const struct bpf_map *map)
{
	if (map->fd >= 0) {
		pr_warn("map '%s': a map given by fd (bpf_map__reuse_fd) can't be part of a "
			"loader program\n", map->name);
		return -EOPNOTSUPP;
	}
	if (map->pin_path) {
		pr_warn("map '%s': pinned maps can't be part of a loader program\n", map->name);
		return -EOPNOTSUPP;
	}
	return 0;
}

static int gen_map(struct bpf_object *obj, struct gen_loader *g, int idx)
{
	struct bpf_map *map = &obj->maps[idx];
	__u32 slot = g->map_slots + idx * sizeof(int);
	int err;

	if (!map->autocreate)
		return 0;
	err = gen_check_map(map);
	if (err)
		return err;
	if (map->inner) {
		err = gen_map_create(obj, g, map->inner, -1, g->inner_slot, false);
		if (err)
			return err;
	}
	err = gen_map_create(obj, g, map, idx, slot, map->inner != NULL);
	if (map->inner)
		gen_close_slot(g, g->inner_slot);
	if (!err)
		err = gen_map_data(g, map, idx);
	return err;
}

/*
 * Slots of a map-in-map (maps) or a program array (programs): updates with
 * the fd the run made; slots of programs not loaded stay empty.
 */
static int gen_map_slots(struct bpf_object *obj, struct gen_loader *g, bool progs)
{
	size_t i;
	int j, key, prog_idx;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];
		bool is_prog_array = map->type == BPF_MAP_TYPE_PROG_ARRAY;

		if (!map->autocreate || is_prog_array != progs || (!progs && !map->inner))
			continue;
		for (j = 0; j < map->init_slots_sz; j++) {
			int target = map->init_slots[j];
			__u32 src;

			if (target < 0)
				continue;
			if (progs) {
				const struct bpf_program *p = &obj->progs[target];

				if (!p->autoload || p->is_subprog)
					continue;
				prog_idx = 0;
				while (p-- > obj->progs)
					prog_idx += !p->is_subprog;
				src = g->prog_slots + prog_idx * sizeof(int);
			} else {
				src = g->map_slots + target * sizeof(int);
			}
			key = gen_blob_add(g, &j, sizeof(j));
			if (key < 0)
				return key;
			gen_step(g, "storing %s '%s' in slot %d of map '%s'",
				 progs ? "program" : "map",
				 progs ? obj->progs[target].name : obj->maps[target].name, j,
				 map->name);
			gen_map_update(g, i, key, src);
		}
	}
	return g->error;
}

/* Blob offsets of what a program load points to. */
struct prog_data {
	int insns;
	int license;
	int func_info;
	int line_info;
	int core_relos;
};

static int gen_prog_data(struct gen_loader *g, const struct bpf_program *p, struct prog_data *d)
{
	d->insns = gen_blob_add(g, p->insns, p->insns_cnt * sizeof(*p->insns));
	d->license = gen_blob_add(g, p->obj->license, strlen(p->obj->license) + 1);
	d->func_info = gen_blob_add(g, p->func_info, (size_t)p->func_info_cnt *
				    p->func_info_rec_size);
	d->line_info = gen_blob_add(g, p->line_info, (size_t)p->line_info_cnt *
				    p->line_info_rec_size);
	d->core_relos = gen_blob_add(g, p->core_relos, (size_t)p->core_relo_cnt *
				     sizeof(struct bpf_core_relo));
	return g->error;
}

static bool needs_attach_target(const struct bpf_program *p)
{
	return p->sec_def && (p->sec_def->flags & SEC_ATTACH_BTF) && !p->attach_btf_id;
}

/* The attach target's BTF id (and module BTF fd) into the program load attr at attr. */
static int gen_attach_target(struct gen_loader *g, const struct bpf_program *p, __u32 attr)
{
	struct gen_btf_ref ref = { .name = NULL };
	char name[256];
	int err;

	err = btf_attach_target_name(p, name, sizeof(name), &ref.kind);
	if (err)
		return err;
	ref.name = name;
	ref.id_off = attr + offsetof(union bpf_attr, attach_btf_id);
	ref.fd_idx = g->nr_maps + g->next_extra++;
	ref.fd_off = attr + offsetof(union bpf_attr, attach_btf_obj_fd);
	ref.fd_size = 4;
	gen_step(g, "finding the attach target '%s' of program '%s' in the kernel's BTF", name,
		 p->name);
	gen_find_btf_id(g, &ref);
	return g->error;
}

/* The kernel's ids of the program's __ksym variables and kfuncs, into its instructions. */
static int gen_ksyms(struct gen_loader *g, const struct bpf_program *p, int insns)
{
	int i;

	for (i = 0; i < p->nr_ksym_sites; i++) {
		const struct ksym_site *s = &p->ksym_sites[i];
		const struct extern_desc *e = &p->obj->externs[s->ext_idx];
		__u32 insn = insns + s->insn_idx * sizeof(struct bpf_insn);
		struct gen_btf_ref ref = {
			.name = e->name,
			.kind = e->ksym.is_func ? BTF_KIND_FUNC : BTF_KIND_VAR,
			.weak = e->is_weak,
			.id_off = insn + offsetof(struct bpf_insn, imm),
			.fd_idx = g->nr_maps + g->next_extra++,
			/* a kfunc call names its module's BTF by fd_array index in off */
			.fd_off = s->call ? insn + offsetof(struct bpf_insn, off) :
					    insn + sizeof(struct bpf_insn) +
					    offsetof(struct bpf_insn, imm),
			.fd_size = s->call ? 2 : 4,
			/* missing and __weak: call 0 / load 0, as the direct load does */
			.src_off = insn + 1,
			.src_byte = p->insns[s->insn_idx].dst_reg,
		};

		gen_step(g, "finding %s '%s' of program '%s' in the kernel's BTF",
			 e->ksym.is_func ? "kfunc" : "kernel variable", e->name, p->name);
		gen_find_btf_id(g, &ref);
	}
	return g->error;
}

/* After a program load: the module BTF fds its load took are no longer needed. */
static void gen_close_extras(struct gen_loader *g, __u32 first)
{
	__u32 i;

	for (i = first; i < g->next_extra; i++)
		gen_close_slot(g, gen_fd_slot(g, g->nr_maps + i));
}

static int gen_prog_load(struct bpf_object *obj, struct gen_loader *g, struct bpf_program *p,
			 __u32 slot)
{
	__u32 first_extra = g->next_extra;
	const size_t sz = attr_end(core_relo_rec_size);
	bool with_btf = obj->btf && p->func_info_cnt;
	struct prog_data d;
	union bpf_attr attr;
	int off, err;

	if (p->attach_prog_fd) {
		pr_warn("prog '%s': programs extending another (freplace) can't be part of a "
			"loader program\n", p->name);
		return -EOPNOTSUPP;
	}
	err = gen_prog_data(g, p, &d);
	if (err)
		return err;
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = p->type;
	attr.insn_cnt = p->insns_cnt;
	attr.kern_version = obj->kern_version;
	attr.prog_flags = p->prog_flags;
	snprintf(attr.prog_name, sizeof(attr.prog_name), "%s", p->name);
	attr.prog_ifindex = p->ifindex;
	attr.expected_attach_type = p->expected_attach_type;
	attr.attach_btf_id = p->attach_btf_id;
	if (with_btf) {
		attr.func_info_rec_size = p->func_info_rec_size;
		attr.func_info_cnt = p->func_info_cnt;
		attr.line_info_rec_size = p->line_info_rec_size;
		attr.line_info_cnt = p->line_info_cnt;
		attr.core_relo_cnt = p->core_relo_cnt;
		attr.core_relo_rec_size = sizeof(struct bpf_core_relo);
	} else if (p->core_relo_cnt) {
		pr_warn("prog '%s': CO-RE relocations need the object's BTF and func_info\n",
			p->name);
		return -EINVAL;
	}
	off = gen_blob_add(g, &attr, sz);
	if (off < 0)
		return off;
	if (needs_attach_target(p))
		err = gen_attach_target(g, p, off);
	if (!err)
		err = gen_ksyms(g, p, d.insns);
	if (err)
		return err;
	gen_step(g, "loading %s program '%s' (%zu instructions, %u CO-RE relocations)",
		 libbpf_bpf_prog_type_str(p->type) ?: "?", p->name, p->insns_cnt,
		 p->core_relo_cnt);
	gen_store_blob_addr(g, off + offsetof(union bpf_attr, insns), d.insns);
	gen_store_blob_addr(g, off + offsetof(union bpf_attr, license), d.license);
	gen_store_blob_addr(g, off + offsetof(union bpf_attr, fd_array), g->map_slots);
	if (with_btf) {
		gen_copy_blob(g, off + offsetof(union bpf_attr, prog_btf_fd), g->btf_slot, 4);
		gen_store_blob_addr(g, off + offsetof(union bpf_attr, func_info), d.func_info);
		gen_store_blob_addr(g, off + offsetof(union bpf_attr, line_info), d.line_info);
		gen_store_blob_addr(g, off + offsetof(union bpf_attr, core_relos), d.core_relos);
	}
	gen_log_from_ctx(g, off + offsetof(union bpf_attr, log_level),
			 off + offsetof(union bpf_attr, log_size),
			 off + offsetof(union bpf_attr, log_buf));
	gen_sys_bpf(g, BPF_PROG_LOAD, off, sz);
	gen_save_fd(g, slot);
	gen_close_extras(g, first_extra);
	return g->error;
}

static int gen_programs(struct bpf_object *obj, struct gen_loader *g)
{
	size_t i, idx = 0;
	int err;

	for (i = 0; i < obj->nr_programs; i++) {
		struct bpf_program *p = &obj->progs[i];

		if (p->is_subprog)
			continue;
		idx++;
		if (!p->autoload)
			continue;
		if (p->type == BPF_PROG_TYPE_UNSPEC) {
			pr_warn("prog '%s': section '%s' names no known program type\n", p->name,
				p->sec_name);
			return -ESRCH;
		}
		err = gen_prog_load(obj, g, p, g->prog_slots + (idx - 1) * sizeof(int));
		if (err)
			return err;
	}
	return 0;
}

static __u32 entry_program_cnt(const struct bpf_object *obj)
{
	__u32 n = 0;
	size_t i;

	for (i = 0; i < obj->nr_programs; i++)
		n += !obj->progs[i].is_subprog;
	return n;
}

/* fd_array slots beyond the maps': module BTF fds of ksyms and attach targets. */
static __u32 extra_fd_cnt(const struct bpf_object *obj)
{
	__u32 n = 0;
	size_t i;

	for (i = 0; i < obj->nr_programs; i++) {
		const struct bpf_program *p = &obj->progs[i];

		if (p->is_subprog || !p->autoload)
			continue;
		n += p->nr_ksym_sites + needs_attach_target(p);
	}
	return n;
}

static int gen_record(struct bpf_object *obj, struct gen_loader *g)
{
	size_t i;
	int err;

	/* linking first: it tells how many module BTF fds the run may hold */
	err = reloc_link_programs(obj);
	if (!err)
		err = gen_begin(g, obj->nr_maps, entry_program_cnt(obj), extra_fd_cnt(obj));
	if (!err)
		err = gen_btf(obj, g);
	for (i = 0; i < obj->nr_maps && !err; i++)
		err = gen_map(obj, g, i);
	if (!err)
		err = gen_map_slots(obj, g, false);
	if (!err)
		err = gen_programs(obj, g);
	if (!err)
		err = gen_map_slots(obj, g, true);
	if (!err)
		err = gen_finish(g);
	return err;
}

int gen_object_load(struct bpf_object *obj)
{
	struct gen_loader *g = obj->gen;
	int err;

	err = externs_resolve(obj);
	if (!err)
		err = gen_record(obj, g);
	if (err) {
		/* the cause was reported where it was found: callers show the last warning */
		pr_debug("object '%s': no loader program: %s\n", obj->name, strerror(-err));
		return err;
	}
	OPTS_SET(g->opts, data, g->blob);
	OPTS_SET(g->opts, data_sz, g->blob_sz);
	OPTS_SET(g->opts, insns, (const char *)g->insns);
	OPTS_SET(g->opts, insns_sz, g->insn_cnt * sizeof(*g->insns));
	pr_debug("object '%s': loader program of %zu instructions, %zu bytes of data\n",
		 obj->name, g->insn_cnt, g->blob_sz);
	return 0;
}
