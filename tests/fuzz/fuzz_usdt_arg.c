// SPDX-License-Identifier: BSD-2-Clause
/*
 * The argument specs of a USDT note ("-4@%eax 8@-16(%rbp)"): the first
 * byte of the input picks the machine (even: x86_64, odd: arm64), the rest
 * is the text.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "usdt.h"

static volatile unsigned long sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct usdt_spec spec;
	unsigned int machine;
	char *text;
	int i;

	if (!size)
		return 0;
	machine = data[0] & 1 ? EM_AARCH64 : EM_X86_64;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	memset(&spec, 0, sizeof(spec));
	if (!usdt_parse_args(machine, text, &spec, "fuzz")) {
		for (i = 0; i < spec.arg_cnt && i < USDT_MAX_ARGS; i++)
			sink += spec.args[i].val_off + spec.args[i].kind + spec.args[i].size +
				spec.args[i].reg_off + spec.args[i].idx_reg_off;
	}
	free(text);
	return 0;
}
