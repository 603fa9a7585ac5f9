// SPDX-License-Identifier: BSD-2-Clause
/*
 * The control flow graph of "prog dump xlated visual" on any instructions:
 * the input is read as BPF instructions, with jump and call offsets
 * anywhere. Every block must lie within its function and every edge join
 * blocks of the same function.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "prog_cfg.h"

static void check_func(const struct cfg_func *fn)
{
	int k;

	for (k = 1; k < fn->nr_blocks - 1; k++)
		if (fn->blocks[k].head < fn->start || fn->blocks[k].tail > fn->end ||
		    fn->blocks[k].head > fn->blocks[k].tail)
			abort();
	for (k = 0; k < fn->nr_edges; k++)
		if (fn->edges[k].src < 0 || fn->edges[k].dst < 0 ||
		    fn->edges[k].src >= fn->nr_blocks || fn->edges[k].dst >= fn->nr_blocks)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cnt = size / sizeof(struct bpf_insn);
	struct bpf_insn *insns;
	struct prog_cfg cfg;
	int f;

	if (!cnt || cnt > 1 << 16)
		return 0;
	insns = malloc(cnt * sizeof(*insns));
	if (!insns)
		return 0;
	memcpy(insns, data, cnt * sizeof(*insns));
	if (!prog_cfg_build(insns, cnt, &cfg)) {
		for (f = 0; f < cfg.nr_funcs; f++)
			check_func(&cfg.funcs[f]);
		prog_cfg_free(&cfg);
	}
	free(insns);
	return 0;
}
