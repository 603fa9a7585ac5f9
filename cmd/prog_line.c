// SPDX-License-Identifier: BSD-2-Clause
/*
 * Source line annotations of "prog dump xlated" and "prog dump jited".
 */
#include <stdio.h>

#include <bpf/btf.h>

#include "json_writer.h"
#include "output.h"
#include "prog_line.h"

static const char *ltrim(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\v' || *s == '\f' || *s == '\r')
		s++;
	return s;
}

void prog_line_text(const struct btf *btf, const struct bpf_line_info *li, bool linum)
{
	const char *src = btf__name_by_offset(btf, li->line_off);
	const char *file = btf__name_by_offset(btf, li->file_name_off);
	FILE *f = out_stream();

	if (!src)
		return;
	fprintf(f, "; %s", ltrim(src));
	if (linum)
		fprintf(f, " [file:%s line_num:%u line_col:%u]", file ? file : "",
			BPF_LINE_INFO_LINE_NUM(li->line_col), BPF_LINE_INFO_LINE_COL(li->line_col));
	fputc('\n', f);
}

void prog_line_json(const struct btf *btf, const struct bpf_line_info *li, bool linum)
{
	const char *src = btf__name_by_offset(btf, li->line_off);
	const char *file = btf__name_by_offset(btf, li->file_name_off);
	struct json_writer *w = out_json();

	if (src)
		jsonw_string_field(w, "src", ltrim(src));
	if (!linum)
		return;
	if (file)
		jsonw_string_field(w, "file", file);
	if (BPF_LINE_INFO_LINE_NUM(li->line_col))
		jsonw_int_field(w, "line_num", BPF_LINE_INFO_LINE_NUM(li->line_col));
	if (BPF_LINE_INFO_LINE_COL(li->line_col))
		jsonw_int_field(w, "line_col", BPF_LINE_INFO_LINE_COL(li->line_col));
}
