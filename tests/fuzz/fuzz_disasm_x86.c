// SPDX-License-Identifier: BSD-2-Clause
/*
 * The x86-64 disassembler of "prog dump jited" on any bytes: the input is
 * an image, decoded instruction after instruction as the dump walks it.
 * Every instruction must stay within the image.
 */
#include <stdlib.h>

#include "disasm_x86.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct x86_insn insn;
	size_t pc;

	for (pc = 0; pc < size; pc += insn.len) {
		x86_disasm(data + pc, size - pc, 0xffffffffc0000000ULL + pc, &insn);
		if (!insn.len || insn.len > size - pc)
			abort();
	}
	return 0;
}
