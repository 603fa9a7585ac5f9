/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The control flow graph of translated instructions, as bpftool draws it
 * for "prog dump xlated visual": the program split into functions at the
 * targets of sub-program calls, each function into basic blocks at jump
 * targets and after conditional jumps, with a fixed entry and exit block
 * and the edges between blocks.
 */
#ifndef __BPFCTL_PROG_CFG_H
#define __BPFCTL_PROG_CFG_H

#include <linux/bpf.h>

#define CFG_ENTRY	0	/* index of a function's entry block */
#define CFG_EXIT	1	/* index of its exit block */

/* A basic block: instructions head..tail (absolute indexes). */
struct cfg_block {
	__u32 head, tail;
	int idx;		/* CFG_ENTRY, CFG_EXIT or 2 and up, in order */
};

/* An edge between two blocks of one function, by block index. */
struct cfg_edge {
	int src, dst;
};

struct cfg_func {
	__u32 start, end;	/* first and last instruction */
	int idx;		/* in the order calls reveal functions */
	/* ENTRY, the blocks by address, EXIT: the order bpftool prints */
	struct cfg_block *blocks;
	int nr_blocks;
	/* each block's successors, blocks in the order above */
	struct cfg_edge *edges;
	int nr_edges;
};

struct prog_cfg {
	struct cfg_func *funcs;	/* by start address */
	int nr_funcs;
};

/*
 * Build the graph of the cnt instructions at insns. Targets outside the
 * program or the function are ignored. Returns 0 or -ENOMEM (-EINVAL for
 * no instruction); on success release cfg with prog_cfg_free().
 */
int prog_cfg_build(const struct bpf_insn *insns, __u32 cnt, struct prog_cfg *cfg);

void prog_cfg_free(struct prog_cfg *cfg);

#endif /* __BPFCTL_PROG_CFG_H */
