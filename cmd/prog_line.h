/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A program's source line annotations (its BTF line_info records) as
 * bpftool prints them in "prog dump": "; source [file:F line_num:N
 * line_col:C]" in text, "src", "file", "line_num", "line_col" in JSON.
 */
#ifndef __BPFCTL_PROG_LINE_H
#define __BPFCTL_PROG_LINE_H

#include <stdbool.h>
#include <linux/bpf.h>

struct btf;

/* The line of li as a text line; linum adds file, line and column. */
void prog_line_text(const struct btf *btf, const struct bpf_line_info *li, bool linum);

/* The fields of li into the JSON object being written. */
void prog_line_json(const struct btf *btf, const struct bpf_line_info *li, bool linum);

#endif /* __BPFCTL_PROG_LINE_H */
