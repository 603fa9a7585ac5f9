// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct_ops maps: each variable of a .struct_ops or .struct_ops.link
 * section is a kernel operations table (tcp_congestion_ops, ...) filled by
 * the object. At open it becomes a BPF_MAP_TYPE_STRUCT_OPS map holding the
 * variable's bytes as a "shadow" value in which the function pointers are
 * the struct bpf_program the relocations name. At load the map is matched
 * with the kernel's bpf_struct_ops_<type> (in vmlinux or a module's BTF),
 * each program learns which member it implements (attach_btf_id is the
 * kernel type, expected_attach_type the member index), and the value is
 * rebuilt in the kernel's layout, member by member, with the program fds in
 * the function pointer slots once the programs are loaded.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "core_relo_internal.h"
#include "log.h"
#include "object_internal.h"
#include "struct_ops.h"

#define ST_OPS_VALUE_PREFIX	"bpf_struct_ops_"
#define ST_OPS_LINK_SEC		".struct_ops.link"


void struct_ops_free(struct struct_ops *st_ops)
{
	if (!st_ops)
		return;
	if (st_ops->mod_btf_fd >= 0)
		close(st_ops->mod_btf_fd);
	free(st_ops->data);
	free(st_ops->progs);
	free(st_ops->kern_func_off);
	free(st_ops->kern_vdata);
	free(st_ops);
}

void *struct_ops_shadow(const struct bpf_map *map, size_t *size)
{
	if (size)
		*size = map->st_ops->size;
	return map->st_ops->data;
}

const void *struct_ops_kern_value(const struct bpf_map *map)
{
	return map->st_ops->kern_vdata;
}

static int st_ops_new(struct bpf_map *map, const struct btf_type *t, __u32 type_id,
		      const void *bytes)
{
	struct struct_ops *st = calloc(1, sizeof(*st));

	if (!st)
		return -ENOMEM;
	map->st_ops = st;
	st->mod_btf_fd = -1;
	st->type_id = type_id;
	st->size = t->size;
	st->data = malloc(t->size ? t->size : 1);
	st->progs = calloc(btf_vlen(t) + 1, sizeof(*st->progs));
	st->kern_func_off = calloc(btf_vlen(t) + 1, sizeof(*st->kern_func_off));
	if (!st->data || !st->progs || !st->kern_func_off)
		return -ENOMEM;
	memcpy(st->data, bytes, t->size);
	return 0;
}

/* One map for the variable vs of struct_ops section sec_idx. */
static int st_ops_map_add(struct bpf_object *obj, size_t sec_idx,
			  const struct btf_var_secinfo *vs)
{
	const struct elf_sec *sec = &obj->secs[sec_idx];
	const char *sec_name = sec->name + (sec->name[0] == '?');
	const struct btf_type *var = btf__type_by_id(obj->btf, vs->type), *t;
	const char *var_name;
	struct bpf_map *map;
	int type_id;

	if (!var || !btf_is_var(var)) {
		pr_warn("struct_ops: '%s': section '%s' holds something that is no variable\n",
			obj->path, sec->name);
		return -EINVAL;
	}
	var_name = btf__name_by_offset(obj->btf, var->name_off);
	type_id = btf__resolve_type(obj->btf, var->type);
	t = type_id > 0 ? btf__type_by_id(obj->btf, type_id) : NULL;
	if (!t || !btf_is_struct(t) || !t->name_off) {
		pr_warn("struct_ops: '%s': variable '%s' of section '%s' is not of a named struct "
			"type\n", obj->path, var_name, sec->name);
		return -EINVAL;
	}
	if (sec->shdr.sh_type != SHT_PROGBITS || vs->offset > sec->data->d_size ||
	    t->size > sec->data->d_size - vs->offset) {
		pr_warn("struct_ops: '%s': variable '%s' lies outside section '%s'\n",
			obj->path, var_name, sec->name);
		return -EINVAL;
	}
	map = object_add_map(obj);
	if (!map)
		return -ENOMEM;
	map->origin = MAP_STRUCT_OPS;
	map->sec_idx = sec_idx;
	map->sec_offset = vs->offset;
	map->type = BPF_MAP_TYPE_STRUCT_OPS;
	map->key_size = sizeof(__u32);
	map->value_size = t->size;
	map->max_entries = 1;
	map->btf_value_type_id = type_id;
	map->map_flags = strcmp(sec_name, ST_OPS_LINK_SEC) ? 0 : MAP_F_LINK;
	/* SEC("?.struct_ops"): not created unless asked for, like "?" programs */
	map->autocreate = sec->name[0] != '?';
	map->name = strdup(var_name);
	map->real_name = strdup(var_name);
	if (!map->name || !map->real_name)
		return -ENOMEM;
	return st_ops_new(map, t, type_id, (const char *)sec->data->d_buf + vs->offset);
}

int struct_ops_collect(struct bpf_object *obj)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *ds;
	size_t i;
	int id, err;
	__u16 j;

	for (i = 1; i < obj->sec_cnt; i++) {
		if (obj->secs[i].kind != SEC_ST_OPS)
			continue;
		id = obj->btf ? btf__find_by_name_kind(obj->btf, obj->secs[i].name,
						       BTF_KIND_DATASEC) : -ENOENT;
		if (id <= 0) {
			pr_warn("struct_ops: '%s': section '%s' has no BTF DATASEC\n", obj->path,
				obj->secs[i].name);
			return -EINVAL;
		}
		ds = btf__type_by_id(obj->btf, id);
		vs = btf_var_secinfos(ds);
		for (j = 0; j < btf_vlen(ds); j++) {
			err = st_ops_map_add(obj, i, &vs[j]);
			if (err)
				return err;
		}
	}
	return 0;
}

static struct bpf_map *st_ops_map_at(struct bpf_object *obj, size_t sec_idx, size_t off)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *m = &obj->maps[i];

		if (m->st_ops && (size_t)m->sec_idx == sec_idx && m->sec_offset <= off &&
		    off - m->sec_offset < m->st_ops->size)
			return m;
	}
	return NULL;
}

/* The member of struct t at byte offset moff; its index in *idx. */
static const struct btf_member *member_at(const struct btf_type *t, __u32 moff, __u32 *idx)
{
	const struct btf_member *m = btf_members(t);
	__u16 i;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		if (btf_member_bit_offset(t, i) == moff * 8) {
			*idx = i;
			return m;
		}
	}
	return NULL;
}

static bool is_func_ptr(const struct btf *btf, __u32 type_id)
{
	const struct btf_type *t = core_skip_mods_typedefs(btf, type_id, NULL);

	if (!t || !btf_is_ptr(t))
		return false;
	t = core_skip_mods_typedefs(btf, t->type, NULL);
	return t && btf_is_func_proto(t);
}

/* One relocation: a function pointer of a struct_ops variable set to a program. */
static int st_ops_reloc(struct bpf_object *obj, size_t sec_idx, const GElf_Rel *rel)
{
	struct bpf_map *map = st_ops_map_at(obj, sec_idx, rel->r_offset);
	const struct btf_member *m;
	const struct btf_type *t;
	struct bpf_program *prog;
	const char *mname;
	GElf_Sym sym;
	__u32 moff, idx;

	if (!map) {
		pr_warn("struct_ops: '%s': relocation at offset %llu of section '%s' is in no "
			"variable\n", obj->path, (unsigned long long)rel->r_offset,
			elf_sec_name_by_idx(obj, sec_idx));
		return -EINVAL;
	}
	moff = rel->r_offset - map->sec_offset;
	t = btf__type_by_id(obj->btf, map->st_ops->type_id);
	m = member_at(t, moff, &idx);
	if (!m || !is_func_ptr(obj->btf, m->type) || moff + sizeof(prog) > map->st_ops->size) {
		pr_warn("struct_ops %s: relocation at offset %u is no function pointer member\n",
			map->name, moff);
		return -EINVAL;
	}
	mname = btf__name_by_offset(obj->btf, m->name_off);
	if (!elf_sym(obj, GELF_R_SYM(rel->r_info), &sym) || sym.st_shndx >= obj->sec_cnt ||
	    sym.st_value % sizeof(struct bpf_insn)) {
		pr_warn("struct_ops %s: member '%s': bad symbol in its relocation\n", map->name,
			mname);
		return -EINVAL;
	}
	prog = object_prog_at_insn(obj, sym.st_shndx, sym.st_value / sizeof(struct bpf_insn));
	if (!prog || prog->is_subprog || prog->type != BPF_PROG_TYPE_STRUCT_OPS) {
		pr_warn("struct_ops %s: member '%s' points to %s'%s', not a SEC(\"struct_ops\") "
			"program\n", map->name, mname, prog ? "" : "a function in section ",
			prog ? prog->name : elf_sec_name_by_idx(obj, sym.st_shndx));
		return -EINVAL;
	}
	map->st_ops->progs[idx] = prog;
	/* what bpf_map__initial_value() shows: the program, not code address 0 */
	memcpy((char *)map->st_ops->data + moff, &prog, sizeof(prog));
	return 0;
}

int struct_ops_collect_relos(struct bpf_object *obj, size_t relo_sec_idx)
{
	const struct elf_sec *sec = &obj->secs[relo_sec_idx];
	size_t i, n = sec->data->d_size / sizeof(Elf64_Rel);
	GElf_Rel rel;
	int err;

	for (i = 0; i < n; i++) {
		if (!gelf_getrel(sec->data, (int)i, &rel))
			return -EINVAL;
		err = st_ops_reloc(obj, sec->shdr.sh_info, &rel);
		if (err)
			return err;
	}
	return 0;
}
