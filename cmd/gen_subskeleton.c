// SPDX-License-Identifier: BSD-2-Clause
/*
 * The subskeleton header: the view a BPF library has of the object it was
 * linked into. It names the library's maps, programs and global variables
 * and finds them, by name, in an object the application opened with its
 * own skeleton; variables are reached through pointers, since where they
 * land in the final sections is known only then.
 */
#include <errno.h>
#include <stdio.h>

#include <bpf/libbpf.h>

#include "gen_skel.h"
#include "report.h"

static int emit_head(const struct gen_object *g)
{
	gen_header_start(g, "Subskeleton");
	fprintf(g->out,
		"struct %s {\n"
		"\tstruct bpf_object *obj;\n"
		"\tstruct bpf_object_subskeleton *subskel;\n",
		g->name);
	return gen_handles(g);
}

struct var_table {
	size_t cnt;
	bool emit;
};

static int var_entry(const struct gen_object *g, const struct gen_map *m,
		     const struct gen_var *v, void *ctx)
{
	struct var_table *t = ctx;

	if (t->emit)
		fprintf(g->out,
			"\ts->vars[%1$zu].name = \"%2$s\";\n"
			"\ts->vars[%1$zu].map = &skel->maps.%3$s;\n"
			"\ts->vars[%1$zu].addr = (void **)&skel->%3$s.%4$s;\n",
			t->cnt, v->name, m->ident, v->ident);
	t->cnt++;
	return 0;
}

static int for_each_typed_var(const struct gen_object *g, struct var_table *t)
{
	size_t i;
	int err = 0;

	for (i = 0; g->btf && i < g->map_cnt && !err; i++)
		if (g->maps[i].mmaped && g->maps[i].sec_id)
			err = gen_for_each_var(g, &g->maps[i], var_entry, t);
	return err;
}

static int emit_vars(const struct gen_object *g)
{
	struct var_table t = { 0 };
	int err = for_each_typed_var(g, &t);

	if (err || !t.cnt)
		return err;
	fprintf(g->out,
		"\n"
		"\ts->var_cnt = %zu;\n"
		"\ts->vars = (struct bpf_var_skeleton *)calloc(s->var_cnt, s->var_skel_sz);\n"
		"\tif (!s->vars)\n"
		"\t\tgoto err_nomem;\n",
		t.cnt);
	t = (struct var_table){ .emit = true };
	return for_each_typed_var(g, &t);
}

static void emit_maps_progs(const struct gen_object *g)
{
	size_t i;

	if (g->map_cnt)
		fprintf(g->out,
			"\n"
			"\ts->map_cnt = %zu;\n"
			"\ts->maps = (struct bpf_map_skeleton *)\n"
			"\t\tcalloc(s->map_cnt, s->map_skel_sz);\n"
			"\tif (!s->maps)\n"
			"\t\tgoto err_nomem;\n",
			g->map_cnt);
	for (i = 0; i < g->map_cnt; i++)
		fprintf(g->out,
			"\ts->maps[%1$zu].name = \"%2$s\";\n"
			"\ts->maps[%1$zu].map = &skel->maps.%3$s;\n",
			i, g->maps[i].sec_name, g->maps[i].ident);
	if (g->prog_cnt)
		fprintf(g->out,
			"\n"
			"\ts->prog_cnt = %zu;\n"
			"\ts->progs = (struct bpf_prog_skeleton *)\n"
			"\t\tcalloc(s->prog_cnt, s->prog_skel_sz);\n"
			"\tif (!s->progs)\n"
			"\t\tgoto err_nomem;\n",
			g->prog_cnt);
	for (i = 0; i < g->prog_cnt; i++)
		fprintf(g->out,
			"\ts->progs[%1$zu].name = \"%2$s\";\n"
			"\ts->progs[%1$zu].prog = &skel->progs.%2$s;\n",
			i, bpf_program__name(g->progs[i]));
}

static int emit_open(const struct gen_object *g)
{
	int err;

	fprintf(g->out,
		"};\n"
		"\n"
		"static inline void\n"
		"%1$s__destroy(struct %1$s *skel)\n"
		"{\n"
		"\tif (!skel)\n"
		"\t\treturn;\n"
		"\tif (skel->subskel)\n"
		"\t\tbpf_object__destroy_subskeleton(skel->subskel);\n"
		"\tfree(skel);\n"
		"}\n"
		"\n"
		"static inline struct %1$s *\n"
		"%1$s__open(const struct bpf_object *src)\n"
		"{\n"
		"\tstruct bpf_object_subskeleton *s;\n"
		"\tstruct %1$s *skel;\n"
		"\tint err;\n"
		"\n"
		"\tskel = (struct %1$s *)calloc(1, sizeof(*skel));\n"
		"\tif (!skel) {\n"
		"\t\terrno = ENOMEM;\n"
		"\t\treturn NULL;\n"
		"\t}\n"
		"\ts = (struct bpf_object_subskeleton *)calloc(1, sizeof(*s));\n"
		"\tif (!s)\n"
		"\t\tgoto err_nomem;\n"
		"\tskel->subskel = s;\n"
		"\tskel->obj = (struct bpf_object *)src;\n"
		"\ts->sz = sizeof(*s);\n"
		"\ts->obj = src;\n"
		"\ts->map_skel_sz = sizeof(*s->maps);\n"
		"\ts->prog_skel_sz = sizeof(*s->progs);\n"
		"\ts->var_skel_sz = sizeof(*s->vars);\n",
		g->name);
	emit_maps_progs(g);
	err = emit_vars(g);
	fputs("\n"
	      "\terr = bpf_object__open_subskeleton(s);\n"
	      "\tif (err)\n"
	      "\t\tgoto err_out;\n", g->out);
	gen_st_ops_init(g);
	fprintf(g->out,
		"\treturn skel;\n"
		"err_nomem:\n"
		"\terr = -ENOMEM;\n"
		"err_out:\n"
		"\t%1$s__destroy(skel);\n"
		"\terrno = -err;\n"
		"\treturn NULL;\n"
		"}\n",
		g->name);
	return err;
}

int gen_subskeleton_write(const struct gen_object *g)
{
	int err;

	err = emit_head(g);
	if (!err)
		err = gen_datasecs(g, DATASEC_SUBSKELETON);
	if (!err)
		err = emit_open(g);
	if (err)
		return err;
	fprintf(g->out, "\n#endif /* %s */\n", g->guard);
	return 0;
}
