/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A disassembler of the x86-64 instructions the kernel's BPF JIT emits,
 * printed in the AT&T syntax of LLVM's disassembler (llvm-objdump 14,
 * and bpftool's "prog dump jited" built with LLVM): "movq 8(%rdi), %rsi",
 * decimal immediates and displacements, branch targets as addresses.
 * Pure: no I/O, no allocation.
 */
#ifndef __BPFCTL_DISASM_X86_H
#define __BPFCTL_DISASM_X86_H

#include <stdbool.h>
#include <stddef.h>

#define X86_MNEMONIC_MAX	16
#define X86_OPERANDS_MAX	96
#define X86_INSN_MAX		15	/* the architecture's longest instruction */

struct x86_insn {
	unsigned int len;	/* bytes the instruction takes, 1 to X86_INSN_MAX */
	bool bad;		/* not decoded: "(bad)" and the byte, one byte taken */
	char mnemonic[X86_MNEMONIC_MAX];
	char operands[X86_OPERANDS_MAX];	/* "" when there are none */
};

/*
 * Decode the instruction at code (size bytes readable, at least 1) loaded
 * at address addr, which branch targets are relative to. Bytes that are
 * no instruction of the subset, or one cut short by size, give a bad
 * instruction of one byte.
 */
void x86_disasm(const unsigned char *code, size_t size, unsigned long long addr,
		struct x86_insn *insn);

#endif /* __BPFCTL_DISASM_X86_H */
