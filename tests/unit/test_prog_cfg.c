// SPDX-License-Identifier: BSD-2-Clause
/*
 * The control flow graph of "prog dump xlated visual" on hand-made
 * programs: blocks split where bpftool splits them (jump targets, after
 * conditional jumps, not after calls or exits), the edges it draws,
 * functions numbered in the order calls reveal them, and hostile jump
 * offsets. cmd/ isn't a library, so the one source file is built in.
 */
#include <string.h>

#include "cmd/prog_cfg.c"
#include "unit.h"

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV(d, i)	INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define JEQ(d, i, o)	INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JA(o)		INSN(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define CALL_PC(o)	INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, o, 0)
#define CALL_HELPER(i)	INSN(BPF_JMP | BPF_CALL, 0, 0, 0, i)
#define EXIT		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* "src>dst src>dst ..." of fn's edges */
static const char *edges_of(const struct cfg_func *fn, char *buf, size_t size)
{
	size_t n = 0;
	int k;

	buf[0] = '\0';
	for (k = 0; k < fn->nr_edges && n < size; k++)
		n += snprintf(buf + n, size - n, "%s%d>%d", k ? " " : "", fn->edges[k].src,
			      fn->edges[k].dst);
	return buf;
}

/* "head-tail ..." of fn's real blocks */
static const char *blocks_of(const struct cfg_func *fn, char *buf, size_t size)
{
	size_t n = 0;
	int k;

	buf[0] = '\0';
	for (k = 1; k < fn->nr_blocks - 1 && n < size; k++)
		n += snprintf(buf + n, size - n, "%s%u-%u", k > 1 ? " " : "", fn->blocks[k].head,
			      fn->blocks[k].tail);
	return buf;
}

static void test_straight_line(void)
{
	const struct bpf_insn p[] = { MOV(0, 1), CALL_HELPER(7), EXIT };
	struct prog_cfg cfg;
	char b[256];

	CHECK(!prog_cfg_build(p, 3, &cfg), "builds");
	CHECK(cfg.nr_funcs == 1 && cfg.funcs[0].nr_blocks == 3, "one function, one block");
	CHECK(!strcmp(blocks_of(&cfg.funcs[0], b, sizeof(b)), "0-2"), "block 0-2: %s", b);
	CHECK(!strcmp(edges_of(&cfg.funcs[0], b, sizeof(b)), "0>2 2>1"), "edges: %s", b);
	CHECK(cfg.funcs[0].blocks[0].idx == CFG_ENTRY && cfg.funcs[0].blocks[2].idx == CFG_EXIT,
	      "ENTRY first, EXIT last");
	prog_cfg_free(&cfg);
}

static void test_branches(void)
{
	/* 0: if r1 == 0 goto 3; 1: r0 = 1; 2: goto 4; 3: r0 = 2; 4: exit; 5: r0 = 3 (dead) */
	const struct bpf_insn p[] = {
		JEQ(1, 0, 2), MOV(0, 1), JA(1), MOV(0, 2), EXIT, MOV(0, 3), EXIT,
	};
	struct prog_cfg cfg;
	char b[256];

	CHECK(!prog_cfg_build(p, 7, &cfg), "builds");
	/* the dead code after the exit stays in the exit's block, as in bpftool */
	CHECK(!strcmp(blocks_of(&cfg.funcs[0], b, sizeof(b)), "0-0 1-2 3-3 4-6"), "blocks: %s",
	      b);
	CHECK(!strcmp(edges_of(&cfg.funcs[0], b, sizeof(b)), "0>2 2>3 2>4 3>5 4>5 5>1"),
	      "edges: %s", b);
	prog_cfg_free(&cfg);
}

static void test_loop_and_exit_fallthrough(void)
{
	/* 0: r0 = 0; 1: r0 += 1 (loop head); 2: if r0 != 9 goto 1; 3: exit */
	const struct bpf_insn p[] = {
		MOV(0, 0), INSN(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1),
		INSN(BPF_JMP | BPF_JNE | BPF_K, 0, 0, -2, 9), EXIT,
	};
	struct prog_cfg cfg;
	char b[256];

	CHECK(!prog_cfg_build(p, 4, &cfg), "builds");
	CHECK(!strcmp(blocks_of(&cfg.funcs[0], b, sizeof(b)), "0-0 1-2 3-3"), "blocks: %s", b);
	CHECK(!strcmp(edges_of(&cfg.funcs[0], b, sizeof(b)), "0>2 2>3 3>4 3>3 4>1"), "edges: %s",
	      b);
	prog_cfg_free(&cfg);
}

static void test_functions(void)
{
	/*
	 * main 0-3 calls g (at 6) before f (at 4): functions are numbered
	 * by the calls' order, listed by address
	 */
	const struct bpf_insn p[] = {
		CALL_PC(5), CALL_PC(2), MOV(0, 0), EXIT,
		MOV(0, 1), EXIT,
		MOV(0, 2), EXIT,
	};
	struct prog_cfg cfg;

	CHECK(!prog_cfg_build(p, 8, &cfg), "builds");
	CHECK(cfg.nr_funcs == 3, "three functions, got %d", cfg.nr_funcs);
	CHECK(cfg.funcs[0].start == 0 && cfg.funcs[0].end == 3 && cfg.funcs[0].idx == 0, "main");
	CHECK(cfg.funcs[1].start == 4 && cfg.funcs[1].end == 5 && cfg.funcs[1].idx == 2,
	      "f second by address, numbered 2");
	CHECK(cfg.funcs[2].start == 6 && cfg.funcs[2].end == 7 && cfg.funcs[2].idx == 1,
	      "g last by address, numbered 1");
	CHECK(cfg.funcs[0].nr_blocks == 3, "calls split no block");
	prog_cfg_free(&cfg);
}

static void test_hostile(void)
{
	const struct bpf_insn p[] = {
		JEQ(1, 0, 32000), JA(-100), CALL_PC(-5), CALL_PC(30000), JEQ(1, 0, -1),
		INSN(BPF_JMP | BPF_JGT | BPF_K, 0, 0, 0, 0),
	};
	struct prog_cfg cfg;
	int f, e;
	bool ok = true;

	CHECK(!prog_cfg_build(p, 6, &cfg), "builds despite jumps out of the program");
	CHECK(cfg.nr_funcs == 1, "calls out of the program name no function");
	for (f = 0; f < cfg.nr_funcs; f++)
		for (e = 0; e < cfg.funcs[f].nr_edges; e++)
			ok &= cfg.funcs[f].edges[e].dst >= 0 &&
			      cfg.funcs[f].edges[e].dst < cfg.funcs[f].nr_blocks;
	CHECK(ok, "every edge joins blocks of the function");
	prog_cfg_free(&cfg);
	CHECK(prog_cfg_build(p, 0, &cfg) == -EINVAL, "no instruction: -EINVAL");
}

int main(void)
{
	test_straight_line();
	test_branches();
	test_loop_and_exit_fallthrough();
	test_functions();
	test_hostile();
	return unit_done();
}
