// SPDX-License-Identifier: BSD-2-Clause
/*
 * The disassembler of "prog dump xlated" on hand-made instructions: every
 * class, the encodings clang 14 can't emit (signed division, sign-extending
 * moves and loads, byte swaps, gotol, may_goto, acquire/release), pseudo
 * sources of 64-bit immediates, calls of each kind, and malformed input.
 * cmd/ isn't a library, so the one source file is built into the test.
 */
#include <string.h>

#include "cmd/insn_print.c"
#include "unit.h"

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

struct insn_case {
	struct bpf_insn insn[2];
	size_t cnt;
	const char *text;
	unsigned int len;
};

static const struct insn_case cases[] = {
	/* ALU, ALU64 */
	{ { INSN(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 0) }, 1, "(b7) r1 = 0", 1 },
	{ { INSN(BPF_ALU | BPF_ADD | BPF_X, 2, 3, 0, 0) }, 1, "(0c) w2 += w3", 1 },
	{ { INSN(BPF_ALU64 | BPF_ADD | BPF_K, 10, 0, 0, -8) }, 1, "(07) r10 += -8", 1 },
	{ { INSN(BPF_ALU64 | BPF_DIV | BPF_K, 1, 0, 1, 3) }, 1, "(37) r1 s/= 3", 1 },
	{ { INSN(BPF_ALU | BPF_MOD | BPF_X, 1, 2, 1, 0) }, 1, "(9c) w1 s%= w2", 1 },
	{ { INSN(BPF_ALU64 | BPF_DIV | BPF_X, 1, 2, 0, 0) }, 1, "(3f) r1 /= r2", 1 },
	{ { INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 8, 0) }, 1, "(bf) r1 = (s8)r2", 1 },
	{ { INSN(BPF_ALU | BPF_MOV | BPF_X, 1, 2, 16, 0) }, 1, "(bc) w1 = (s16)w2", 1 },
	{ { INSN(BPF_ALU64 | BPF_MOV | BPF_X, 3, 4, 32, 0) }, 1, "(bf) r3 = (s32)r4", 1 },
	{ { INSN(BPF_ALU64 | BPF_NEG, 1, 0, 0, 0) }, 1, "(87) r1 = -r1", 1 },
	{ { INSN(BPF_ALU | BPF_ARSH | BPF_K, 5, 0, 0, 3) }, 1, "(c4) w5 s>>= 3", 1 },
	{ { INSN(BPF_ALU | BPF_END | BPF_TO_BE, 1, 0, 0, 16) }, 1, "(dc) r1 = be16 r1", 1 },
	{ { INSN(BPF_ALU | BPF_END | BPF_TO_LE, 1, 0, 0, 64) }, 1, "(d4) r1 = le64 r1", 1 },
	{ { INSN(BPF_ALU64 | BPF_END, 1, 0, 0, 32) }, 1, "(d7) r1 = bswap32 r1", 1 },
	{ { INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 1, 1 << 16) }, 1,
	  "(bf) r1 = addr_space_cast(r2, 1, 0)", 1 },
	/* jumps */
	{ { INSN(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 3, 5) }, 1, "(15) if r1 == 0x5 goto pc+3", 1 },
	{ { INSN(BPF_JMP | BPF_JNE | BPF_K, 1, 0, 1, -1) }, 1,
	  "(55) if r1 != 0xffffffff goto pc+1", 1 },
	{ { INSN(BPF_JMP32 | BPF_JSGT | BPF_X, 1, 2, -2, 0) }, 1,
	  "(6e) if w1 s> w2 goto pc-2", 1 },
	{ { INSN(BPF_JMP | BPF_JSET | BPF_X, 3, 4, 0, 0) }, 1, "(4d) if r3 & r4 goto pc+0", 1 },
	{ { INSN(BPF_JMP | BPF_JA, 0, 0, -1, 0) }, 1, "(05) goto pc-1", 1 },
	{ { INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 100000) }, 1, "(06) gotol pc+100000", 1 },
	{ { INSN(BPF_JMP | BPF_JCOND, 0, 0, 7, 0) }, 1, "(e5) may_goto pc+7", 1 },
	{ { INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) }, 1, "(95) exit", 1 },
	/* calls */
	{ { INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem) }, 1,
	  "(85) call bpf_map_lookup_elem#1", 1 },
	{ { INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_tail_call) }, 1,
	  "(85) call bpf_tail_call#12", 1 },
	{ { INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 5) }, 1, "(85) call pc+5", 1 },
	{ { INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 1234) }, 1,
	  "(85) call kernel-function#1234", 1 },
	{ { INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 100000) }, 1, "(85) call unknown#100000", 1 },
	/* 64-bit immediates */
	{ { INSN(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, 5), INSN(0, 0, 0, 0, 0) }, 2,
	  "(18) r1 = map[id:5]", 2 },
	{ { INSN(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_VALUE, 0, 5), INSN(0, 0, 0, 0, 16) },
	  2, "(18) r1 = map[id:5][0]+16", 2 },
	{ { INSN(BPF_LD | BPF_IMM | BPF_DW, 2, 0, 0, 2), INSN(0, 0, 0, 0, 1) }, 2,
	  "(18) r2 = 0x100000002", 2 },
	{ { INSN(BPF_LD | BPF_IMM | BPF_DW, 3, BPF_PSEUDO_FUNC, 0, 7), INSN(0, 0, 0, 0, 0) }, 2,
	  "(18) r3 = subprog[+7]", 2 },
	{ { INSN(BPF_LD | BPF_IMM | BPF_DW, 3, BPF_PSEUDO_BTF_ID, 0, -1), INSN(0, 0, 0, 0, -1) },
	  2, "(18) r3 = 0xffffffffffffffff", 2 },
	{ { INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 5) }, 1, "BUG_ld_18", 1 },
	/* legacy packet loads */
	{ { INSN(BPF_LD | BPF_ABS | BPF_B, 0, 0, 0, 12) }, 1, "(30) r0 = *(u8 *)skb[12]", 1 },
	{ { INSN(BPF_LD | BPF_IND | BPF_H, 0, 2, 0, 4) }, 1, "(48) r0 = *(u16 *)skb[r2 + 4]", 1 },
	/* loads and stores */
	{ { INSN(BPF_LDX | BPF_MEM | BPF_W, 0, 1, 4, 0) }, 1, "(61) r0 = *(u32 *)(r1 +4)", 1 },
	{ { INSN(BPF_LDX | BPF_MEMSX | BPF_B, 0, 1, -2, 0) }, 1, "(91) r0 = *(s8 *)(r1 -2)", 1 },
	{ { INSN(BPF_LDX | BPF_MEMSX | BPF_W, 0, 1, 0, 0) }, 1, "(81) r0 = *(s32 *)(r1 +0)", 1 },
	{ { INSN(BPF_LDX | BPF_MEMSX | BPF_DW, 0, 1, 0, 0) }, 1, "BUG_ldx_99", 1 },
	{ { INSN(BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 7) }, 1, "(62) *(u32 *)(r10 -4) = 7", 1 },
	{ { INSN(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -8, 0) }, 1, "(7b) *(u64 *)(r10 -8) = r1", 1 },
	/* atomics */
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_ADD) }, 1,
	  "(db) lock *(u64 *)(r1 +0) += r2", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_OR) }, 1,
	  "(c3) lock *(u32 *)(r1 +0) |= r2", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_ADD | BPF_FETCH) }, 1,
	  "(c3) r2 = atomic_fetch_add((u32 *)(r1 +0), r2)", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 8, BPF_AND | BPF_FETCH) }, 1,
	  "(db) r2 = atomic64_fetch_and((u64 *)(r1 +8), r2)", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_XOR | BPF_FETCH) }, 1,
	  "(db) r2 = atomic64_fetch_xor((u64 *)(r1 +0), r2)", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 3, 0, BPF_XCHG) }, 1,
	  "(db) r3 = atomic64_xchg((u64 *)(r1 +0), r3)", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_CMPXCHG) }, 1,
	  "(db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_W, 0, 1, 4, BPF_LOAD_ACQ) }, 1,
	  "(c3) r0 = load_acquire((u32 *)(r1 +4))", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_STORE_REL) }, 1,
	  "(db) store_release((u64 *)(r1 +0), r2)", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_SUB) }, 1, "BUG_db", 1 },
	{ { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, -1) }, 1, "BUG_db", 1 },
	/* mode 0xc0 of BPF_ST is the kernel's speculation barrier */
	{ { INSN(BPF_ST | BPF_ATOMIC | BPF_DW, 1, 0, 0, 0) }, 1, "(da) nospec", 1 },
	{ { INSN(BPF_ST | BPF_ABS | BPF_W, 1, 0, 0, 0) }, 1, "BUG_st_22", 1 },
};

/* A resolver that names every call it is asked about. */
static const char *name_calls(void *ctx, const struct bpf_insn *insn, char *buf, size_t size)
{
	snprintf(buf, size, "%s%d", (const char *)ctx, insn->imm);
	return buf;
}

static void test_cases(void)
{
	char text[INSN_TEXT_MAX];
	unsigned int len;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		len = insn_print(cases[i].insn, cases[i].cnt, NULL, text, sizeof(text));
		CHECK(!strcmp(text, cases[i].text) && len == cases[i].len,
		      "'%s' (%u insns): got '%s' (%u)", cases[i].text, cases[i].len, text, len);
	}
}

static void test_resolver(void)
{
	const struct insn_resolver res = { name_calls, "fn_" };
	struct bpf_insn call = INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 4242);
	char text[INSN_TEXT_MAX];

	insn_print(&call, 1, &res, text, sizeof(text));
	CHECK(!strcmp(text, "(85) call fn_4242#4242"), "resolved helper address: %s", text);
	call.imm = BPF_FUNC_trace_printk;
	insn_print(&call, 1, &res, text, sizeof(text));
	CHECK(!strcmp(text, "(85) call bpf_trace_printk#6"), "helper ids win: %s", text);
	call.src_reg = BPF_PSEUDO_CALL;
	call.imm = 3;
	insn_print(&call, 1, &res, text, sizeof(text));
	CHECK(!strcmp(text, "(85) call pcfn_3"), "resolved sub-program: %s", text);
}

static void test_helper_names(void)
{
	CHECK(!strcmp(insn_helper_name(BPF_FUNC_unspec), "bpf_unspec"), "id 0");
	CHECK(!strcmp(insn_helper_name(BPF_FUNC_ringbuf_output), "bpf_ringbuf_output"),
	      "ringbuf_output");
	CHECK(insn_helper_name(__BPF_FUNC_MAX_ID - 1) != NULL, "the last UAPI helper has a name");
	/* past the installed UAPI header (6.1 ends at 209), newer ones are named too */
	CHECK(!strcmp(insn_helper_name(210), "bpf_cgrp_storage_get") &&
	      !strcmp(insn_helper_name(211), "bpf_cgrp_storage_delete"), "helpers of Linux 6.2");
	CHECK(!insn_helper_name(212) && !insn_helper_name(100000) && !insn_helper_name(-1),
	      "ids outside the list have none");
}

/* Every encoding prints something bounded, and never reads past cnt. */
static void test_all_codes(void)
{
	char text[INSN_TEXT_MAX];
	struct bpf_insn insn;
	bool ok = true;
	int code;

	for (code = 0; code < 256; code++) {
		insn = INSN(code, 15, 15, -32768, -2147483647 - 1);
		memset(text, 0, sizeof(text));
		ok &= insn_print(&insn, 1, NULL, text, sizeof(text)) == 1 && text[0] &&
		      strlen(text) < sizeof(text) - 1;
	}
	CHECK(ok, "all 256 opcodes with extreme operands print within %d bytes", INSN_TEXT_MAX);
}

int main(void)
{
	test_cases();
	test_resolver();
	test_helper_names();
	test_all_codes();
	return unit_done();
}
