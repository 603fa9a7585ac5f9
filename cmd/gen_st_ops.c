// SPDX-License-Identifier: BSD-2-Clause
/*
 * The struct_ops part of a skeleton, in bpftool's shape: for each
 * struct_ops map a pointer, in skel->struct_ops, to a "shadow" of its
 * struct (the map's initial value, bpf_map__initial_value()) through which
 * the application changes scalar members and swaps programs before load:
 * function pointers become struct bpf_program *, scalars keep their type
 * (without modifiers), anything else is opaque bytes (__unsupported_N),
 * with explicit padding so that every member sits at its offset. Each such
 * map also gets a link in skel->links, which X__attach() registers.
 */
#include <errno.h>
#include <stdio.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "gen_skel.h"
#include "report.h"

static void dump_printf(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

size_t gen_st_ops_cnt(const struct gen_object *g)
{
	size_t i, n = 0;

	for (i = 0; i < g->map_cnt; i++)
		n += g->maps[i].st_ops;
	return n;
}

static const struct btf_type *skip_mods_typedefs(const struct btf *btf, __u32 id, __u32 *res)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	*res = id;
	return t;
}

static bool is_func_ptr(const struct btf *btf, const struct btf_type *t)
{
	__u32 id;

	if (!btf_is_ptr(t))
		return false;
	t = skip_mods_typedefs(btf, t->type, &id);
	return t && btf_is_func_proto(t);
}

/* One member at off; *next is where the previous one ended. */
static int shadow_member(const struct gen_object *g, struct btf_dump *d,
			 const struct btf_member *m, int i, __u32 off)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .indent_level = 3);
	const char *name = btf__name_by_offset(g->btf, m->name_off);
	const struct btf_type *t;
	__u32 id;
	__s64 size;
	int err;

	t = skip_mods_typedefs(g->btf, m->type, &id);
	size = btf__resolve_size(g->btf, id);
	if (!t || size < 0) {
		p_err("struct_ops member %s: can't resolve its size", name);
		return -EINVAL;
	}
	if (btf_is_int(t) || btf_is_float(t) || btf_is_any_enum(t)) {
		fputs("\t\t\t", g->out);
		opts.field_name = name;
		err = btf_dump__emit_type_decl(d, id, &opts);
		if (err) {
			p_err("can't declare struct_ops member %s: %s", name, strerror(-err));
			return err;
		}
		fputs(";\n", g->out);
	} else if (is_func_ptr(g->btf, t)) {
		fprintf(g->out, "\t\t\tstruct bpf_program *%s;\n", name);
		size = sizeof(void *);
	} else {
		fprintf(g->out, "\t\t\tchar __unsupported_%d[%lld];\n", i, (long long)size);
	}
	return (int)(off + size);
}

static int shadow_type(const struct gen_object *g, struct btf_dump *d, const struct gen_map *m)
{
	__u32 id = bpf_map__btf_value_type_id(m->map);
	const struct btf_type *t = btf__type_by_id(g->btf, id);
	const struct btf_member *mb;
	__u32 off, next = 0;
	int i, end;

	if (!t || !btf_is_struct(t)) {
		p_err("struct_ops map %s: no struct type in the object's BTF", m->name);
		return -EINVAL;
	}
	fprintf(g->out, "\t\tstruct %s__%s__%s {\n", g->name, m->ident,
		btf__name_by_offset(g->btf, t->name_off));
	mb = btf_members(t);
	for (i = 0; i < btf_vlen(t); i++, mb++) {
		off = btf_member_bit_offset(t, i) / 8;
		if (next < off)
			fprintf(g->out, "\t\t\tchar __padding_%d[%u];\n", i, off - next);
		end = shadow_member(g, d, mb, i, off);
		if (end < 0)
			return end;
		next = end;
	}
	if (next < t->size)
		fprintf(g->out, "\t\t\tchar __padding_end[%u];\n", t->size - next);
	fprintf(g->out, "\t\t} *%s;\n", m->ident);
	return 0;
}

int gen_st_ops_shadow(const struct gen_object *g)
{
	struct btf_dump *d;
	size_t i;
	int err = 0;

	if (!g->btf || !gen_st_ops_cnt(g))
		return 0;
	d = btf_dump__new(g->btf, dump_printf, g->out, NULL);
	if (!d) {
		p_err("can't write the struct_ops types of '%s': %s", g->file, strerror(errno));
		return -errno;
	}
	fputs("\tstruct {\n", g->out);
	for (i = 0; i < g->map_cnt && !err; i++)
		if (g->maps[i].st_ops)
			err = shadow_type(g, d, &g->maps[i]);
	fputs("\t} struct_ops;\n", g->out);
	btf_dump__free(d);
	return err;
}

void gen_st_ops_init(const struct gen_object *g)
{
	size_t i;

	if (!g->btf)
		return;
	for (i = 0; i < g->map_cnt; i++) {
		if (!g->maps[i].st_ops)
			continue;
		fprintf(g->out,
			"\tskel->struct_ops.%1$s = (__typeof__(skel->struct_ops.%1$s))\n"
			"\t\tbpf_map__initial_value(skel->maps.%1$s, NULL);\n",
			g->maps[i].ident);
	}
}
