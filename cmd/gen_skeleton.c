// SPDX-License-Identifier: BSD-2-Clause
/*
 * The skeleton header: a struct that names every map, program, link and
 * global variable of the object, functions that open, load, attach and
 * destroy it through the skeleton API of libbpf (which the core implements
 * too), and the object file itself embedded as a string.
 */
#include <errno.h>
#include <stdio.h>

#include <bpf/libbpf.h>

#include "gen_skel.h"
#include "report.h"

static void emit_head(const struct gen_object *g)
{
	gen_header_start(g, "Skeleton");
	fprintf(g->out,
		"struct %s {\n"
		"\tstruct bpf_object_skeleton *skeleton;\n"
		"\tstruct bpf_object *obj;\n",
		g->name);
}

int gen_handles(const struct gen_object *g)
{
	size_t i;
	int err;

	if (g->map_cnt) {
		fputs("\tstruct {\n", g->out);
		for (i = 0; i < g->map_cnt; i++)
			fprintf(g->out, "\t\tstruct bpf_map *%s;\n", g->maps[i].ident);
		fputs("\t} maps;\n", g->out);
	}
	err = gen_st_ops_shadow(g);
	if (err)
		return err;
	if (g->prog_cnt) {
		fputs("\tstruct {\n", g->out);
		for (i = 0; i < g->prog_cnt; i++)
			fprintf(g->out, "\t\tstruct bpf_program *%s;\n",
				bpf_program__name(g->progs[i]));
		fputs("\t} progs;\n", g->out);
	}
	return 0;
}

/* Maps, struct_ops shadows, programs, and links of programs and struct_ops maps. */
static int emit_handles(const struct gen_object *g)
{
	size_t i;
	int err;

	err = gen_handles(g);
	if (err)
		return err;
	if (!g->prog_cnt && !gen_st_ops_cnt(g))
		return 0;
	fputs("\tstruct {\n", g->out);
	for (i = 0; i < g->prog_cnt; i++)
		fprintf(g->out, "\t\tstruct bpf_link *%s;\n", bpf_program__name(g->progs[i]));
	for (i = 0; i < g->map_cnt; i++)
		if (g->maps[i].st_ops)
			fprintf(g->out, "\t\tstruct bpf_link *%s;\n", g->maps[i].ident);
	fputs("\t} links;\n", g->out);
	return 0;
}

static void emit_lifecycle(const struct gen_object *g)
{
	fprintf(g->out,
		"};\n"
		"\n"
		"static void\n"
		"%1$s__destroy(struct %1$s *skel)\n"
		"{\n"
		"\tif (!skel)\n"
		"\t\treturn;\n"
		"\tif (skel->skeleton)\n"
		"\t\tbpf_object__destroy_skeleton(skel->skeleton);\n"
		"\tfree(skel);\n"
		"}\n"
		"\n"
		"static inline int\n"
		"%1$s__create_skeleton(struct %1$s *skel);\n"
		"\n"
		"static inline struct %1$s *\n"
		"%1$s__open_opts(const struct bpf_object_open_opts *opts)\n"
		"{\n"
		"\tstruct %1$s *skel;\n"
		"\tint err;\n"
		"\n"
		"\tskel = (struct %1$s *)calloc(1, sizeof(*skel));\n"
		"\tif (!skel) {\n"
		"\t\terrno = ENOMEM;\n"
		"\t\treturn NULL;\n"
		"\t}\n"
		"\terr = %1$s__create_skeleton(skel);\n"
		"\tif (!err)\n"
		"\t\terr = bpf_object__open_skeleton(skel->skeleton, opts);\n"
		"\tif (err) {\n"
		"\t\t%1$s__destroy(skel);\n"
		"\t\terrno = -err;\n"
		"\t\treturn NULL;\n"
		"\t}\n",
		g->name);
	gen_st_ops_init(g);
	fprintf(g->out,
		"\treturn skel;\n"
		"}\n"
		"\n"
		"static inline struct %1$s *\n"
		"%1$s__open(void)\n"
		"{\n"
		"\treturn %1$s__open_opts(NULL);\n"
		"}\n"
		"\n"
		"static inline int\n"
		"%1$s__load(struct %1$s *skel)\n"
		"{\n"
		"\treturn bpf_object__load_skeleton(skel->skeleton);\n"
		"}\n"
		"\n"
		"static inline struct %1$s *\n"
		"%1$s__open_and_load(void)\n"
		"{\n"
		"\tstruct %1$s *skel = %1$s__open();\n"
		"\tint err;\n"
		"\n"
		"\tif (!skel)\n"
		"\t\treturn NULL;\n"
		"\terr = %1$s__load(skel);\n"
		"\tif (err) {\n"
		"\t\t%1$s__destroy(skel);\n"
		"\t\terrno = -err;\n"
		"\t\treturn NULL;\n"
		"\t}\n"
		"\treturn skel;\n"
		"}\n"
		"\n"
		"static inline int\n"
		"%1$s__attach(struct %1$s *skel)\n"
		"{\n"
		"\treturn bpf_object__attach_skeleton(skel->skeleton);\n"
		"}\n"
		"\n"
		"static inline void\n"
		"%1$s__detach(struct %1$s *skel)\n"
		"{\n"
		"\tbpf_object__detach_skeleton(skel->skeleton);\n"
		"}\n"
		"\n"
		"static inline const void *%1$s__elf_bytes(size_t *sz);\n",
		g->name);
}

/* The allocation of the skeleton's table of cnt KINDs (map, prog). */
static void emit_table_alloc(const struct gen_object *g, const char *kind, size_t cnt)
{
	fprintf(g->out,
		"\n"
		"\ts->%1$s_cnt = %2$zu;\n"
		"\ts->%1$s_skel_sz = sizeof(*s->%1$ss);\n"
		"\ts->%1$ss = (struct bpf_%1$s_skeleton *)calloc(s->%1$s_cnt, s->%1$s_skel_sz);\n"
		"\tif (!s->%1$ss)\n"
		"\t\treturn -ENOMEM;\n",
		kind, cnt);
}

static void emit_map_table(const struct gen_object *g)
{
	size_t i;

	if (!g->map_cnt)
		return;
	emit_table_alloc(g, "map", g->map_cnt);
	for (i = 0; i < g->map_cnt; i++) {
		const struct gen_map *m = &g->maps[i];

		fprintf(g->out, "\ts->maps[%zu].name = \"%s\";\n", i, m->name);
		fprintf(g->out, "\ts->maps[%zu].map = &skel->maps.%s;\n", i, m->ident);
		if (m->mmaped)
			fprintf(g->out, "\ts->maps[%zu].mmaped = (void **)&skel->%s;\n", i,
				m->ident);
		if (m->st_ops)
			fprintf(g->out, "\ts->maps[%zu].link = &skel->links.%s;\n", i, m->ident);
	}
}

static void emit_prog_table(const struct gen_object *g)
{
	size_t i;

	if (!g->prog_cnt)
		return;
	emit_table_alloc(g, "prog", g->prog_cnt);
	for (i = 0; i < g->prog_cnt; i++) {
		const char *name = bpf_program__name(g->progs[i]);

		fprintf(g->out,
			"\ts->progs[%1$zu].name = \"%2$s\";\n"
			"\ts->progs[%1$zu].prog = &skel->progs.%2$s;\n"
			"\ts->progs[%1$zu].link = &skel->links.%2$s;\n",
			i, name);
	}
}

/* The tables are freed by __destroy() through skel->skeleton, set first. */
static void emit_create(const struct gen_object *g)
{
	fprintf(g->out,
		"\n"
		"static inline int\n"
		"%1$s__create_skeleton(struct %1$s *skel)\n"
		"{\n"
		"\tstruct bpf_object_skeleton *s;\n"
		"\n"
		"\ts = (struct bpf_object_skeleton *)calloc(1, sizeof(*s));\n"
		"\tif (!s)\n"
		"\t\treturn -ENOMEM;\n"
		"\tskel->skeleton = s;\n"
		"\ts->sz = sizeof(*s);\n"
		"\ts->name = \"%1$s\";\n"
		"\ts->obj = &skel->obj;\n",
		g->name);
	emit_map_table(g);
	emit_prog_table(g);
	fprintf(g->out,
		"\n"
		"\ts->data = (void *)%s__elf_bytes(&s->data_sz);\n"
		"\treturn 0;\n"
		"}\n",
		g->name);
}

static int emit_elf_bytes(const struct gen_object *g)
{
	int err;

	fprintf(g->out,
		"\n"
		"static inline const void *%s__elf_bytes(size_t *sz)\n"
		"{\n"
		"\tstatic const char data[] __attribute__((__aligned__(8))) = \"\\\n",
		g->name);
	err = gen_bytes_literal(g->out, g->bytes, g->size);
	fputs("\";\n"
	      "\n"
	      "\t*sz = sizeof(data) - 1;\n"
	      "\treturn (const void *)data;\n"
	      "}\n", g->out);
	return err;
}

int gen_skeleton_write(const struct gen_object *g)
{
	int err;

	emit_head(g);
	err = emit_handles(g);
	if (!err)
		err = gen_datasecs(g, DATASEC_SKELETON);
	if (err)
		return err;
	emit_lifecycle(g);
	emit_create(g);
	err = emit_elf_bytes(g);
	if (err)
		return err;
	gen_datasec_asserts(g);
	fprintf(g->out, "\n#endif /* %s */\n", g->guard);
	return 0;
}
