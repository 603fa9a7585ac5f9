/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "prog dump xlated PROG visual": the control flow graph of a program's
 * translated instructions in the DOT language, as bpftool prints it.
 */
#ifndef __BPFCTL_PROG_DUMP_VISUAL_H
#define __BPFCTL_PROG_DUMP_VISUAL_H

#include <stdbool.h>
#include <stdio.h>

#include "insn_print.h"
#include "prog_info.h"

struct btf;

/* What the graph is drawn from, and how. */
struct visual_src {
	const struct prog_info *pi;	/* with PROG_INFO_XLATED */
	const struct btf *btf;		/* the program's, or NULL: no annotations */
	const struct insn_resolver *res;
	bool opcodes, linum;
};

/* Print the graph of src to f. Returns 0 or -ENOMEM (reported). */
int dump_visual(FILE *f, const struct visual_src *src);

#endif /* __BPFCTL_PROG_DUMP_VISUAL_H */
