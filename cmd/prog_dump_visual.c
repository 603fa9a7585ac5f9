// SPDX-License-Identifier: BSD-2-Clause
/*
 * The DOT text of "prog dump xlated visual", in bpftool's shape: one
 * dashed cluster per function, one record-shaped node per basic block
 * whose rows are the block's instructions (numbered from the start of
 * their function), diamond ENTRY and EXIT nodes, every edge drawn alike.
 * Rows are annotated with the function signature and source lines from
 * the program's BTF, looked up by absolute instruction (bpftool looks
 * them up by the function-relative number, which shows the main
 * function's signature and lines in every sub-program).
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <bpf/btf.h>

#include "prog_cfg.h"
#include "prog_dump_visual.h"
#include "prog_func_sig.h"
#include "report.h"

#define FUNC_SIG_MAX	1024
/* bpftool formats an instruction into 64 bytes, its newline included */
#define INSN_ROW_MAX	64
#define PATH_SHORT_MAX	32	/* longer source paths lose their head */

static bool visual_has_btf(const struct visual_src *s)
{
	return s->btf != NULL;
}

/* An instruction's text: newline as a left-aligned row end, < > | & escaped. */
static void put_insn_row(FILE *f, const char *text)
{
	char row[INSN_ROW_MAX];
	size_t n = strnlen(text, sizeof(row) - 1);
	const char *p;

	/* a text too long loses its end and its newline, as in bpftool */
	memcpy(row, text, n);
	if (n < sizeof(row) - 1)
		row[n++] = '\n';
	row[n] = '\0';
	for (p = row; *p; p++) {
		if (*p == '\n')
			fputs("\\l\\\n", f);
		else if (*p == '<' || *p == '>' || *p == '|' || *p == '&')
			fprintf(f, "\\%c", *p);
		else
			fputc(*p, f);
	}
}

/* Source text in a record label: what DOT would read as syntax escaped. */
static void put_label_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\\"{}<>| ", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* The tail of a long path, from a '/', as bpftool shortens it. */
static const char *short_path(const char *path)
{
	size_t len = strlen(path);
	const char *s;

	if (len <= PATH_SHORT_MAX)
		return path;
	s = strchr(path + len - PATH_SHORT_MAX, '/');
	if (s)
		return s < path + strlen("...") ? path : s;
	s = strrchr(path, '/');
	return s ? s : path;
}

static void put_line_info(FILE *f, const struct visual_src *s, const struct bpf_line_info *li)
{
	const char *line = btf__name_by_offset(s->btf, li->line_off);
	const char *file, *shortfile;

	if (!line || !*line)
		return;
	while (isspace((unsigned char)*line))
		line++;
	if (s->linum) {
		file = btf__name_by_offset(s->btf, li->file_name_off);
		shortfile = file ? short_path(file) : "";
		fprintf(f, "; [%s", file && shortfile > file ? "..." : "");
		put_label_text(f, shortfile);
		fprintf(f, " line:%u col:%u]\\l\\\n", BPF_LINE_INFO_LINE_NUM(li->line_col),
			BPF_LINE_INFO_LINE_COL(li->line_col));
	}
	fputs("; ", f);
	put_label_text(f, line);
	fputs("\\l\\\n", f);
}

static void put_func_sig(FILE *f, const struct visual_src *s, __u32 insn)
{
	const struct prog_info *pi = s->pi;
	const struct bpf_func_info *fi;
	char sig[FUNC_SIG_MAX];
	__u32 k;

	for (k = 0; k < pi->info.nr_func_info; k++) {
		fi = prog_func_info(pi, k);
		if (fi->insn_off != insn)
			continue;
		if (!func_sig(s->btf, fi->type_id, sig, sizeof(sig)) && sig[0])
			fprintf(f, "; %s:\\l\\\n", sig);
		return;
	}
}

/* The line_info record covering insn: the last one at or before it. */
static const struct bpf_line_info *line_covering(const struct visual_src *s, __u32 insn)
{
	const struct bpf_line_info *li = NULL, *r;
	__u32 k;

	for (k = 0; k < s->pi->info.nr_line_info; k++) {
		r = prog_line_info(s->pi, k);
		if (r->insn_off > insn)
			break;
		li = r;
	}
	return li;
}

static void put_opcodes(FILE *f, const struct bpf_insn *insn, unsigned int len)
{
	const __u8 *b = (const __u8 *)insn;
	size_t i;

	fputs("\\ \\ \\ \\ ", f);
	for (i = 0; i < len * sizeof(*insn); i++)
		fprintf(f, "%s%02x", i ? " " : "", b[i]);
	fputs("\\l\\\n", f);
}

static void put_block_rows(FILE *f, const struct visual_src *s, const struct cfg_func *fn,
			   const struct cfg_block *b)
{
	const struct bpf_insn *insns = (const void *)(uintptr_t)s->pi->info.xlated_prog_insns;
	__u32 cnt = s->pi->info.xlated_prog_len / sizeof(*insns);
	const struct bpf_line_info *li, *last = NULL;
	char text[INSN_TEXT_MAX];
	unsigned int len;
	__u32 i;

	for (i = b->head; i <= b->tail; i += len) {
		if (visual_has_btf(s)) {
			put_func_sig(f, s, i);
			li = line_covering(s, i);
			if (li && li != last)
				put_line_info(f, s, li);
			last = li ? li : last;
		}
		/* a 64-bit immediate ending a block is read whole, as bpftool does */
		len = insn_print(insns + i, cnt - i, s->res, text, sizeof(text));
		fprintf(f, "%u: ", i - fn->start);
		put_insn_row(f, text);
		if (s->opcodes)
			put_opcodes(f, insns + i, i + 1 <= b->tail ? len : 1);
		if (i != b->tail)
			fputs("| ", f);
	}
}

static void put_block(FILE *f, const struct visual_src *s, const struct cfg_func *fn,
		      const struct cfg_block *b)
{
	bool fixed = b->idx == CFG_ENTRY || b->idx == CFG_EXIT;

	fprintf(f, "\tfn_%d_bb_%d [shape=%s,style=filled,label=\"", fn->idx, b->idx,
		fixed ? "Mdiamond" : "record");
	if (b->idx == CFG_ENTRY) {
		fputs("ENTRY", f);
	} else if (b->idx == CFG_EXIT) {
		fputs("EXIT", f);
	} else {
		fputs("{\\\n", f);
		put_block_rows(f, s, fn, b);
		fputc('}', f);
	}
	fputs("\"];\n\n", f);
}

static void put_func(FILE *f, const struct visual_src *s, const struct cfg_func *fn)
{
	int k;

	fprintf(f, "subgraph \"cluster_%d\" {\n\tstyle=\"dashed\";\n\tcolor=\"black\";\n"
		"\tlabel=\"func_%d ()\";\n", fn->idx, fn->idx);
	for (k = 0; k < fn->nr_blocks; k++)
		put_block(f, s, fn, &fn->blocks[k]);
	for (k = 0; k < fn->nr_edges; k++)
		fprintf(f, "\tfn_%d_bb_%d:s -> fn_%d_bb_%d:n [style=\"solid,bold\", color=black, "
			"weight=10, constraint=true];\n", fn->idx, fn->edges[k].src, fn->idx,
			fn->edges[k].dst);
	/* bpftool's layout hint: ENTRY above EXIT */
	fprintf(f, "\tfn_%d_bb_%d:s -> fn_%d_bb_%d:n [style=\"invis\", constraint=true];\n",
		fn->idx, CFG_ENTRY, fn->idx, CFG_EXIT);
	fputs("}\n", f);
}

int dump_visual(FILE *f, const struct visual_src *s)
{
	const struct bpf_insn *insns = (const void *)(uintptr_t)s->pi->info.xlated_prog_insns;
	__u32 cnt = s->pi->info.xlated_prog_len / sizeof(*insns);
	struct prog_cfg cfg;
	int f_idx, err;

	err = prog_cfg_build(insns, cnt, &cfg);
	if (err) {
		p_err("can't build the control flow graph of program id %u: %s",
		      s->pi->info.id, strerror(-err));
		return err;
	}
	fputs("digraph \"DOT graph for eBPF program\" {\n", f);
	for (f_idx = 0; f_idx < cfg.nr_funcs; f_idx++)
		put_func(f, s, &cfg.funcs[f_idx]);
	fputs("}\n", f);
	prog_cfg_free(&cfg);
	return 0;
}
