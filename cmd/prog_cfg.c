// SPDX-License-Identifier: BSD-2-Clause
/*
 * The control flow graph of "prog dump xlated visual". bpftool's rules,
 * which its users' graphs depend on: sub-program calls name functions,
 * numbered in the order the calls appear; jump targets start blocks, and
 * so does the instruction after a conditional jump, but not the one
 * after a "goto", an exit or a call; a block ending in anything but a
 * jump falls through to the next block (an exit included), a "goto"
 * only jumps, a conditional jump falls through and jumps.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "prog_cfg.h"

static bool is_jump(__u8 code)
{
	return BPF_CLASS(code) == BPF_JMP || BPF_CLASS(code) == BPF_JMP32;
}

/* A jump that ends a block: neither a call nor an exit. */
static bool is_branch(__u8 code)
{
	return is_jump(code) && BPF_OP(code) != BPF_CALL && BPF_OP(code) != BPF_EXIT;
}

/* Where insn i jumps or calls to; may be out of any range. */
static long long target(const struct bpf_insn *insns, __u32 i)
{
	return (long long)i + insns[i].off + 1;
}

/* Add a function starting at start, numbered idx, kept sorted; no twice. */
static void add_func(struct prog_cfg *cfg, __u32 start)
{
	int i, n = cfg->nr_funcs;

	for (i = 0; i < n && cfg->funcs[i].start < start; i++)
		;
	if (i < n && cfg->funcs[i].start == start)
		return;
	memmove(&cfg->funcs[i + 1], &cfg->funcs[i], (size_t)(n - i) * sizeof(cfg->funcs[0]));
	memset(&cfg->funcs[i], 0, sizeof(cfg->funcs[i]));
	cfg->funcs[i].start = start;
	cfg->funcs[i].idx = n;
	cfg->nr_funcs++;
}

static void find_funcs(const struct bpf_insn *insns, __u32 cnt, struct prog_cfg *cfg)
{
	long long t;
	__u32 i;
	int f;

	add_func(cfg, 0);
	for (i = 0; i < cnt; i++) {
		if (insns[i].code != (BPF_JMP | BPF_CALL) || insns[i].src_reg != BPF_PSEUDO_CALL)
			continue;
		t = target(insns, i);
		if (t > 0 && t < cnt)
			add_func(cfg, t);
	}
	for (f = 0; f < cfg->nr_funcs; f++)
		cfg->funcs[f].end = f + 1 < cfg->nr_funcs ? cfg->funcs[f + 1].start - 1 : cnt - 1;
}

/* Mark in head[] (one per instruction of fn) where blocks start. */
static int mark_heads(const struct bpf_insn *insns, const struct cfg_func *fn, bool *head)
{
	int n = 1;
	long long t;
	__u32 i;

	head[0] = true;
	for (i = fn->start; i <= fn->end; i++) {
		if (!is_branch(insns[i].code))
			continue;
		t = target(insns, i);
		if (t >= fn->start && t <= fn->end && !head[t - fn->start]) {
			head[t - fn->start] = true;
			n++;
		}
		if (BPF_OP(insns[i].code) == BPF_JA || i + 1 > fn->end || head[i + 1 - fn->start])
			continue;
		head[i + 1 - fn->start] = true;
		n++;
	}
	return n;
}

/* The index of the block starting at insn, -1 if none does. */
static int block_at(const struct cfg_func *fn, long long insn)
{
	int b;

	for (b = 1; b < fn->nr_blocks - 1; b++)
		if (fn->blocks[b].head == insn)
			return fn->blocks[b].idx;
	return -1;
}

static void add_edge(struct cfg_func *fn, int src, int dst)
{
	if (dst < 0)
		return;
	fn->edges[fn->nr_edges].src = src;
	fn->edges[fn->nr_edges].dst = dst;
	fn->nr_edges++;
}

static void link_blocks(const struct bpf_insn *insns, struct cfg_func *fn)
{
	const struct cfg_block *b, *next;
	const struct bpf_insn *t;
	int k;

	add_edge(fn, CFG_ENTRY, fn->blocks[1].idx);
	for (k = 1; k < fn->nr_blocks - 1; k++) {
		b = &fn->blocks[k];
		next = &fn->blocks[k + 1];
		t = &insns[b->tail];
		if (!is_branch(t->code)) {
			add_edge(fn, b->idx, next->idx);
		} else if (BPF_OP(t->code) == BPF_JA) {
			add_edge(fn, b->idx, block_at(fn, target(insns, b->tail)));
		} else {
			add_edge(fn, b->idx, next->idx);
			add_edge(fn, b->idx, block_at(fn, target(insns, b->tail)));
		}
	}
}

static int split_func(const struct bpf_insn *insns, struct cfg_func *fn)
{
	__u32 len = fn->end - fn->start + 1, i;
	bool *head = calloc(len, sizeof(*head));
	int n, k;

	if (!head)
		return -ENOMEM;
	n = mark_heads(insns, fn, head);
	fn->blocks = calloc(n + 2, sizeof(*fn->blocks));
	fn->edges = calloc(2 * n + 1, sizeof(*fn->edges));
	if (!fn->blocks || !fn->edges) {
		free(head);
		return -ENOMEM;
	}
	fn->blocks[0].idx = CFG_ENTRY;
	for (i = 0, k = 0; i < len; i++) {
		if (!head[i])
			continue;
		if (k)
			fn->blocks[k].tail = fn->start + i - 1;
		k++;
		fn->blocks[k].head = fn->start + i;
		fn->blocks[k].idx = k + 1;
	}
	fn->blocks[k].tail = fn->end;
	fn->blocks[k + 1].idx = CFG_EXIT;
	fn->nr_blocks = n + 2;
	free(head);
	link_blocks(insns, fn);
	return 0;
}

int prog_cfg_build(const struct bpf_insn *insns, __u32 cnt, struct prog_cfg *cfg)
{
	int f, err;

	memset(cfg, 0, sizeof(*cfg));
	if (!cnt)
		return -EINVAL;
	cfg->funcs = calloc(cnt, sizeof(*cfg->funcs));
	if (!cfg->funcs)
		return -ENOMEM;
	find_funcs(insns, cnt, cfg);
	for (f = 0; f < cfg->nr_funcs; f++) {
		err = split_func(insns, &cfg->funcs[f]);
		if (err) {
			prog_cfg_free(cfg);
			return err;
		}
	}
	return 0;
}

void prog_cfg_free(struct prog_cfg *cfg)
{
	int f;

	for (f = 0; f < cfg->nr_funcs; f++) {
		free(cfg->funcs[f].blocks);
		free(cfg->funcs[f].edges);
	}
	free(cfg->funcs);
	memset(cfg, 0, sizeof(*cfg));
}
