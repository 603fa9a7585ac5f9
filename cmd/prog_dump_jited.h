/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "prog dump jited PROG [opcodes] [linum]": a program's machine code,
 * disassembled on x86-64, per function as bpftool prints it.
 */
#ifndef __BPFCTL_PROG_DUMP_JITED_H
#define __BPFCTL_PROG_DUMP_JITED_H

#include <stdbool.h>

#include "prog_info.h"
#include "prog_ksyms.h"

struct btf;

struct jited_src {
	const struct prog_info *pi;	/* with PROG_INFO_XLATED | PROG_INFO_JITED */
	const struct btf *btf;		/* the program's, or NULL */
	const struct ksyms *ks;		/* for function names; may be NULL */
	bool opcodes, linum;
};

/* Print the image of src (text or JSON). Returns 0 or -errno (reported). */
int dump_jited_code(const struct jited_src *src);

#endif /* __BPFCTL_PROG_DUMP_JITED_H */
