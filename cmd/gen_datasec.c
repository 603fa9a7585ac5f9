// SPDX-License-Identifier: BSD-2-Clause
/*
 * The typed view of global data in a skeleton: for each memory-mapped data
 * map, a struct whose members are the section's variables at the offsets
 * the BTF DATASEC records, with explicit padding where natural alignment
 * would not land on them; and compile-time checks of that layout.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "gen_skel.h"
#include "report.h"

/*
 * The host the skeleton is compiled for is unknown: a 32-bit one aligns
 * 8-byte types to 4, so padding is computed with alignment capped at 4.
 * On 64-bit hosts the padding is then sometimes explicit where it would
 * have been implicit, which keeps the same offsets.
 */
#define HOST_ALIGN_MAX	4

static void dump_printf(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

int gen_for_each_var(const struct gen_object *g, const struct gen_map *m, gen_var_fn fn,
		     void *ctx)
{
	const struct btf_type *sec = btf__type_by_id(g->btf, m->sec_id);
	const struct btf_var_secinfo *vsi = btf_var_secinfos(sec);
	int i, err, vlen = btf_vlen(sec);

	for (i = 0; i < vlen; i++, vsi++) {
		const struct btf_type *var = btf__type_by_id(g->btf, vsi->type);
		struct gen_var v;

		if (!var || !btf_is_var(var)) {
			p_err("'%s': section '%s' lists type %u, which is not a variable",
			      g->file, m->name, vsi->type);
			return -EINVAL;
		}
		if (btf_var(var)->linkage == BTF_VAR_STATIC)
			continue;	/* not part of the interface */
		v.name = btf__name_by_offset(g->btf, var->name_off);
		snprintf(v.ident, sizeof(v.ident), "%s", v.name ? v.name : "");
		gen_sanitize(v.ident);
		v.type_id = var->type;
		v.offset = vsi->offset;
		v.size = vsi->size;
		err = fn(g, m, &v, ctx);
		if (err)
			return err;
	}
	return 0;
}

struct layout {
	struct btf_dump *d;
	enum gen_datasec_style style;
	bool strip_mods;
	__u32 off;		/* end of the previous member */
	int pad_cnt;
};

static bool is_array(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && btf_is_mod(t))
		t = btf__type_by_id(btf, t->type);
	return t && btf_is_array(t);
}

static int emit_pad(const struct gen_object *g, const struct gen_map *m,
		    const struct gen_var *v, struct layout *l)
{
	int align = btf__align_of(g->btf, v->type_id);
	__u32 aligned;

	if (l->off > v->offset) {
		p_err("'%s': variable '%s' of section '%s' at offset %u overlaps the one "
		      "before, up to %u", g->file, v->name, m->name, v->offset, l->off);
		return -EINVAL;
	}
	if (align <= 0) {
		p_err("'%s': can't determine the alignment of variable '%s' (type %u)",
		      g->file, v->name, v->type_id);
		return -EINVAL;
	}
	if (align > HOST_ALIGN_MAX)
		align = HOST_ALIGN_MAX;
	aligned = (l->off + align - 1) / align * align;
	if (aligned != v->offset)
		fprintf(g->out, "\t\tchar __pad%d[%u];\n", l->pad_cnt++, v->offset - l->off);
	return 0;
}

static int emit_decl(const struct gen_object *g, struct layout *l, __u32 type_id,
		     const char *field)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts,
		.field_name = field,
		.indent_level = 2,
		.strip_mods = l->strip_mods,
	);
	int err = btf_dump__emit_type_decl(l->d, type_id, &opts);

	if (err)
		p_err("'%s': can't write the C type of type %u: %s", g->file, type_id,
		      strerror(-err));
	return err;
}

static int emit_member(const struct gen_object *g, const struct gen_map *m,
		       const struct gen_var *v, void *ctx)
{
	struct layout *l = ctx;
	char field[GEN_IDENT_MAX + 1];
	int err;

	if (l->style == DATASEC_SKELETON) {
		err = emit_pad(g, m, v, l);
		if (err)
			return err;
		fputs("\t\t", g->out);
		err = emit_decl(g, l, v->type_id, v->ident);
		l->off = v->offset + v->size;
	} else if (is_array(g->btf, v->type_id)) {
		/* a pointer to an array needs the array type spelled whole */
		fputs("\t\t__typeof__(", g->out);
		err = emit_decl(g, l, v->type_id, "");
		fprintf(g->out, ") *%s", v->ident);
	} else {
		snprintf(field, sizeof(field), "*%s", v->ident);
		fputs("\t\t", g->out);
		err = emit_decl(g, l, v->type_id, field);
	}
	fputs(";\n", g->out);
	return err;
}

static int emit_datasec(const struct gen_object *g, const struct gen_map *m,
			struct btf_dump *d, enum gen_datasec_style style)
{
	struct layout l = {
		.d = d,
		.style = style,
		.strip_mods = strcmp(m->ident, "kconfig") != 0,
	};
	int err = 0;

	fprintf(g->out, "\tstruct %s__%s {\n", g->name, m->ident);
	if (m->sec_id)
		err = gen_for_each_var(g, m, emit_member, &l);
	fprintf(g->out, "\t} %s%s;\n", style == DATASEC_SKELETON ? "*" : "", m->ident);
	return err;
}

int gen_datasecs(const struct gen_object *g, enum gen_datasec_style style)
{
	struct btf_dump *d;
	size_t i;
	int err = 0;

	if (!g->btf)
		return 0;
	d = btf_dump__new(g->btf, dump_printf, g->out, NULL);
	if (!d) {
		err = -errno;
		p_err("'%s': can't prepare the C writer for its BTF: %s", g->file,
		      strerror(-err));
		return err;
	}
	for (i = 0; i < g->map_cnt && !err; i++)
		if (g->maps[i].mmaped)
			err = emit_datasec(g, &g->maps[i], d, style);
	btf_dump__free(d);
	return err;
}

static int emit_assert(const struct gen_object *g, const struct gen_map *m,
		       const struct gen_var *v, void *ctx)
{
	(void)ctx;
	fprintf(g->out,
		"\t_Static_assert(sizeof(s->%2$s->%3$s) == %4$u, \"unexpected size of '%3$s'\");\n"
		"\t_Static_assert(__builtin_offsetof(struct %1$s__%2$s, %3$s) == %5$u,\n"
		"\t\t       \"unexpected offset of '%3$s'\");\n",
		g->name, m->ident, v->ident, v->size, v->offset);
	return 0;
}

void gen_datasec_asserts(const struct gen_object *g)
{
	size_t i;

	fprintf(g->out,
		"\n"
		"__attribute__((unused)) static void\n"
		"%s__assert(struct %s *s __attribute__((unused)))\n"
		"{\n",
		g->name, g->name);
	for (i = 0; g->btf && i < g->map_cnt; i++)
		if (g->maps[i].mmaped && g->maps[i].sec_id)
			gen_for_each_var(g, &g->maps[i], emit_assert, NULL);
	fputs("}\n", g->out);
}
