/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The BPF instruction set as text, one instruction at a time, in the
 * syntax of the kernel verifier log and of bpftool's "prog dump xlated"
 * ("(b7) r1 = 0", "(85) call bpf_map_lookup_elem#1").
 */
#ifndef __BPFCTL_INSN_PRINT_H
#define __BPFCTL_INSN_PRINT_H

#include <stddef.h>
#include <linux/bpf.h>

/* Longest text of one instruction, the terminating NUL included. */
#define INSN_TEXT_MAX 256

/*
 * What the disassembler can't know by itself: the name of a call target
 * that is not a helper id (a kernel function at an address, a jited
 * sub-program). call() writes the name into buf and returns it, or
 * returns NULL to keep the default ("pc+N" offsets, "kernel-function",
 * "unknown").
 */
struct insn_resolver {
	const char *(*call)(void *ctx, const struct bpf_insn *insn, char *buf, size_t size);
	void *ctx;
};

/*
 * The helper's name for a helper id ("bpf_map_lookup_elem" for 1), from
 * the UAPI list of helpers; NULL for an id that names none.
 */
const char *insn_helper_name(__s32 id);

/*
 * Write the text of insn[0] into buf (INSN_TEXT_MAX bytes is always
 * enough). cnt is the number of instructions readable from insn: a 64-bit
 * immediate load reads insn[1] when cnt > 1. res may be NULL.
 * Returns the number of instructions insn[0] occupies (1 or 2).
 */
unsigned int insn_print(const struct bpf_insn *insn, size_t cnt, const struct insn_resolver *res,
			char *buf, size_t size);

#endif /* __BPFCTL_INSN_PRINT_H */
