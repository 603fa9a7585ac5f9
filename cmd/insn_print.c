// SPDX-License-Identifier: BSD-2-Clause
/*
 * A disassembler of the whole BPF instruction set: ALU and ALU64 (signed
 * division and modulo, sign-extending moves, byte swaps), jumps (32-bit
 * conditions, "gotol", may_goto), loads and stores (sign-extending loads,
 * atomics, acquire/release), 64-bit immediates with their pseudo sources,
 * helper, sub-program and kfunc calls. Each instruction prints as
 * "(OPCODE) TEXT", the syntax users know from the verifier log.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "insn_print.h"
#include "keyword.h"

/* Encodings newer than the UAPI headers the project builds against. */
#ifndef BPF_MEMSX
#define BPF_MEMSX	0x80
#endif
#ifndef BPF_JCOND
#define BPF_JCOND	0xe0
#endif
#ifndef BPF_LOAD_ACQ
#define BPF_LOAD_ACQ	0x100
#endif
#ifndef BPF_STORE_REL
#define BPF_STORE_REL	0x110
#endif
#define INSN_MAY_GOTO		0	/* src_reg of BPF_JCOND */
#define INSN_ADDR_SPACE_CAST	1	/* off of a 64-bit register move */
#define INSN_PERCPU_ADDR	(-1)	/* off of a 64-bit register move (kernel-internal) */
#define INSN_NOSPEC		0xc0	/* mode of BPF_ST (kernel-internal) */

#define HELPER_NAME(x) [BPF_FUNC_ ## x] = "bpf_" #x
static const char *const helper_names[] = {
	__BPF_FUNC_MAPPER(HELPER_NAME)
};
#undef HELPER_NAME

/* The helpers after the installed (6.1) UAPI header's last, by id. */
static const char *const newer_helper_names[] = {
	"bpf_cgrp_storage_get",		/* 210 */
	"bpf_cgrp_storage_delete",	/* 211 */
};
#define NEWER_HELPERS_FROM 210

const char *insn_helper_name(__s32 id)
{
	if (id < 0)
		return NULL;
	if ((size_t)id < ARRAY_SIZE(helper_names) && helper_names[id])
		return helper_names[id];
	if (id >= NEWER_HELPERS_FROM &&
	    (size_t)(id - NEWER_HELPERS_FROM) < ARRAY_SIZE(newer_helper_names))
		return newer_helper_names[id - NEWER_HELPERS_FROM];
	return NULL;
}

static const char *const alu_ops[16] = {
	[BPF_ADD >> 4] = "+=", [BPF_SUB >> 4] = "-=", [BPF_MUL >> 4] = "*=",
	[BPF_DIV >> 4] = "/=", [BPF_OR >> 4] = "|=", [BPF_AND >> 4] = "&=",
	[BPF_LSH >> 4] = "<<=", [BPF_RSH >> 4] = ">>=", [BPF_NEG >> 4] = "neg",
	[BPF_MOD >> 4] = "%=", [BPF_XOR >> 4] = "^=", [BPF_MOV >> 4] = "=",
	[BPF_ARSH >> 4] = "s>>=", [BPF_END >> 4] = "endian",
};

static const char *const atomic_ops[16] = {
	[BPF_ADD >> 4] = "add", [BPF_AND >> 4] = "and",
	[BPF_OR >> 4] = "or", [BPF_XOR >> 4] = "xor",
};

static const char *const jmp_ops[16] = {
	[BPF_JA >> 4] = "jmp", [BPF_JEQ >> 4] = "==", [BPF_JGT >> 4] = ">",
	[BPF_JLT >> 4] = "<", [BPF_JGE >> 4] = ">=", [BPF_JLE >> 4] = "<=",
	[BPF_JSET >> 4] = "&", [BPF_JNE >> 4] = "!=", [BPF_JSGT >> 4] = "s>",
	[BPF_JSLT >> 4] = "s<", [BPF_JSGE >> 4] = "s>=", [BPF_JSLE >> 4] = "s<=",
	[BPF_CALL >> 4] = "call", [BPF_EXIT >> 4] = "exit",
};

/* Access sizes, by BPF_SIZE() >> 3, unsigned and sign-extending. */
static const char *const size_u[4] = { "u32", "u16", "u8", "u64" };
static const char *const size_s[4] = { "s32", "s16", "s8", NULL };

__attribute__((format(printf, 3, 4)))
static void put(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

static const char *size_name(__u8 code)
{
	return size_u[BPF_SIZE(code) >> 3];
}

static const char *op_or_bug(const char *op)
{
	return op ? op : "BUG";
}

/* The operator of an ALU instruction, signed division and modulo included. */
static const char *alu_op(const struct bpf_insn *insn)
{
	__u8 op = BPF_OP(insn->code);

	if (insn->off == 1 && op == BPF_DIV)
		return "s/=";
	if (insn->off == 1 && op == BPF_MOD)
		return "s%=";
	return op_or_bug(alu_ops[op >> 4]);
}

/* "(s8)" etc. for a sign-extending register move, "" otherwise. */
static const char *movsx_cast(const struct bpf_insn *insn)
{
	if (BPF_OP(insn->code) != BPF_MOV)
		return "";
	switch (insn->off) {
	case 8:
		return "(s8)";
	case 16:
		return "(s16)";
	case 32:
		return "(s32)";
	default:
		return "";
	}
}

static void print_alu(const struct bpf_insn *insn, char *buf, size_t size)
{
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64;
	char r = is64 ? 'r' : 'w';
	__u8 op = BPF_OP(insn->code), c = insn->code;

	if (op == BPF_END && is64)
		put(buf, size, "(%02x) r%d = bswap%d r%d", c, insn->dst_reg, insn->imm,
		    insn->dst_reg);
	else if (op == BPF_END)
		put(buf, size, "(%02x) r%d = %s%d r%d", c, insn->dst_reg,
		    BPF_SRC(c) == BPF_TO_BE ? "be" : "le", insn->imm, insn->dst_reg);
	else if (op == BPF_NEG)
		put(buf, size, "(%02x) %c%d = -%c%d", c, r, insn->dst_reg, r, insn->dst_reg);
	else if (c == (BPF_ALU64 | BPF_MOV | BPF_X) && insn->off == INSN_ADDR_SPACE_CAST)
		put(buf, size, "(%02x) r%d = addr_space_cast(r%d, %u, %u)", c, insn->dst_reg,
		    insn->src_reg, (__u32)insn->imm >> 16, (__u16)insn->imm);
	else if (c == (BPF_ALU64 | BPF_MOV | BPF_X) && insn->off == INSN_PERCPU_ADDR)
		put(buf, size, "(%02x) r%d = &(void __percpu *)(r%d)", c, insn->dst_reg,
		    insn->src_reg);
	else if (BPF_SRC(c) == BPF_X)
		put(buf, size, "(%02x) %c%d %s %s%c%d", c, r, insn->dst_reg, alu_op(insn),
		    movsx_cast(insn), r, insn->src_reg);
	else
		put(buf, size, "(%02x) %c%d %s %d", c, r, insn->dst_reg, alu_op(insn), insn->imm);
}

static void print_atomic(const struct bpf_insn *insn, char *buf, size_t size)
{
	const char *bits = BPF_SIZE(insn->code) == BPF_DW ? "64" : "";
	__s32 op = insn->imm & ~BPF_FETCH;
	__u8 c = insn->code;

	if (insn->imm == BPF_CMPXCHG)
		put(buf, size, "(%02x) r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)", c, bits,
		    size_name(c), insn->dst_reg, insn->off, insn->src_reg);
	else if (insn->imm == BPF_XCHG)
		put(buf, size, "(%02x) r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)", c,
		    insn->src_reg, bits, size_name(c), insn->dst_reg, insn->off, insn->src_reg);
	else if (insn->imm == BPF_LOAD_ACQ)
		put(buf, size, "(%02x) r%d = load_acquire((%s *)(r%d %+d))", c, insn->dst_reg,
		    size_name(c), insn->src_reg, insn->off);
	else if (insn->imm == BPF_STORE_REL)
		put(buf, size, "(%02x) store_release((%s *)(r%d %+d), r%d)", c, size_name(c),
		    insn->dst_reg, insn->off, insn->src_reg);
	else if (op < 0 || op > 0xf0 || (op & 0xf) || !atomic_ops[op >> 4])
		put(buf, size, "BUG_%02x", c);
	else if (insn->imm & BPF_FETCH)
		put(buf, size, "(%02x) r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)", c,
		    insn->src_reg, bits, atomic_ops[op >> 4], size_name(c), insn->dst_reg,
		    insn->off, insn->src_reg);
	else
		put(buf, size, "(%02x) lock *(%s *)(r%d %+d) %s r%d", c, size_name(c),
		    insn->dst_reg, insn->off, alu_ops[op >> 4], insn->src_reg);
}

static void print_store(const struct bpf_insn *insn, char *buf, size_t size)
{
	__u8 c = insn->code;

	if (BPF_CLASS(c) == BPF_STX && BPF_MODE(c) == BPF_MEM)
		put(buf, size, "(%02x) *(%s *)(r%d %+d) = r%d", c, size_name(c), insn->dst_reg,
		    insn->off, insn->src_reg);
	else if (BPF_CLASS(c) == BPF_STX && BPF_MODE(c) == BPF_ATOMIC)
		print_atomic(insn, buf, size);
	else if (BPF_CLASS(c) == BPF_STX)
		put(buf, size, "BUG_%02x", c);
	else if (BPF_MODE(c) == BPF_MEM)
		put(buf, size, "(%02x) *(%s *)(r%d %+d) = %d", c, size_name(c), insn->dst_reg,
		    insn->off, insn->imm);
	else if (BPF_MODE(c) == INSN_NOSPEC)
		put(buf, size, "(%02x) nospec", c);
	else
		put(buf, size, "BUG_st_%02x", c);
}

static void print_ldx(const struct bpf_insn *insn, char *buf, size_t size)
{
	__u8 c = insn->code;
	const char *sz = BPF_MODE(c) == BPF_MEM ? size_name(c) :
			 BPF_MODE(c) == BPF_MEMSX ? size_s[BPF_SIZE(c) >> 3] : NULL;

	if (!sz)
		put(buf, size, "BUG_ldx_%02x", c);
	else
		put(buf, size, "(%02x) r%d = *(%s *)(r%d %+d)", c, insn->dst_reg, sz,
		    insn->src_reg, insn->off);
}

/* The value a 64-bit immediate load puts in its register. */
static void print_imm64(const struct bpf_insn *insn, char *buf, size_t size)
{
	__u64 imm = (__u64)(__u32)insn[1].imm << 32 | (__u32)insn[0].imm;

	switch (insn->src_reg) {
	case BPF_PSEUDO_MAP_FD:
		put(buf, size, "map[id:%u]", (__u32)insn->imm);
		break;
	case BPF_PSEUDO_MAP_VALUE:
		put(buf, size, "map[id:%u][0]+%u", (__u32)insn->imm, (__u32)insn[1].imm);
		break;
	case BPF_PSEUDO_MAP_IDX:
		put(buf, size, "map[idx:%u]", (__u32)insn->imm);
		break;
	case BPF_PSEUDO_MAP_IDX_VALUE:
		put(buf, size, "map[idx:%u][0]+%u", (__u32)insn->imm, (__u32)insn[1].imm);
		break;
	case BPF_PSEUDO_FUNC:
		put(buf, size, "subprog[%+d]", insn->imm);
		break;
	default:
		put(buf, size, "0x%llx", (unsigned long long)imm);
		break;
	}
}

static unsigned int print_ld(const struct bpf_insn *insn, size_t cnt, char *buf, size_t size)
{
	char val[64];
	__u8 c = insn->code;

	if (BPF_MODE(c) == BPF_ABS) {
		put(buf, size, "(%02x) r0 = *(%s *)skb[%d]", c, size_name(c), insn->imm);
	} else if (BPF_MODE(c) == BPF_IND) {
		put(buf, size, "(%02x) r0 = *(%s *)skb[r%d + %d]", c, size_name(c), insn->src_reg,
		    insn->imm);
	} else if (BPF_MODE(c) == BPF_IMM && BPF_SIZE(c) == BPF_DW && cnt > 1) {
		print_imm64(insn, val, sizeof(val));
		put(buf, size, "(%02x) r%d = %s", c, insn->dst_reg, val);
		return 2;
	} else {
		put(buf, size, "BUG_ld_%02x", c);
	}
	return 1;
}

/* The callee of a call, by the resolver or else by what the insn says. */
static const char *callee(const struct bpf_insn *insn, const struct insn_resolver *res,
			  char *buf, size_t size)
{
	const char *name = insn->src_reg ? NULL : insn_helper_name(insn->imm);

	if (name)
		return name;
	if (res && res->call) {
		name = res->call(res->ctx, insn, buf, size);
		if (name)
			return name;
	}
	if (insn->src_reg == BPF_PSEUDO_CALL)
		put(buf, size, "%+d", insn->imm);
	else if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
		put(buf, size, "kernel-function");
	else
		put(buf, size, "unknown");
	return buf;
}

static void print_call(const struct bpf_insn *insn, const struct insn_resolver *res, char *buf,
		       size_t size)
{
	char tmp[128];
	const char *name = callee(insn, res, tmp, sizeof(tmp));

	if (insn->src_reg == BPF_PSEUDO_CALL)
		put(buf, size, "(%02x) call pc%s", insn->code, name);
	else
		put(buf, size, "(%02x) call %s#%d", insn->code, name, insn->imm);
}

static void print_jmp(const struct bpf_insn *insn, const struct insn_resolver *res, char *buf,
		      size_t size)
{
	char r = BPF_CLASS(insn->code) == BPF_JMP32 ? 'w' : 'r';
	__u8 c = insn->code, op = BPF_OP(c);

	if (op == BPF_CALL)
		print_call(insn, res, buf, size);
	else if (c == (BPF_JMP | BPF_JA))
		put(buf, size, "(%02x) goto pc%+d", c, insn->off);
	else if (c == (BPF_JMP | BPF_JA | BPF_X))
		put(buf, size, "(%02x) gotox r%d", c, insn->dst_reg);
	else if (c == (BPF_JMP | BPF_JCOND) && insn->src_reg == INSN_MAY_GOTO)
		put(buf, size, "(%02x) may_goto pc%+d", c, insn->off);
	else if (c == (BPF_JMP32 | BPF_JA))
		put(buf, size, "(%02x) gotol pc%+d", c, insn->imm);
	else if (c == (BPF_JMP | BPF_EXIT))
		put(buf, size, "(%02x) exit", c);
	else if (BPF_SRC(c) == BPF_X)
		put(buf, size, "(%02x) if %c%d %s %c%d goto pc%+d", c, r, insn->dst_reg,
		    op_or_bug(jmp_ops[op >> 4]), r, insn->src_reg, insn->off);
	else
		put(buf, size, "(%02x) if %c%d %s 0x%x goto pc%+d", c, r, insn->dst_reg,
		    op_or_bug(jmp_ops[op >> 4]), (__u32)insn->imm, insn->off);
}

unsigned int insn_print(const struct bpf_insn *insn, size_t cnt, const struct insn_resolver *res,
			char *buf, size_t size)
{
	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		print_alu(insn, buf, size);
		break;
	case BPF_ST:
	case BPF_STX:
		print_store(insn, buf, size);
		break;
	case BPF_LDX:
		print_ldx(insn, buf, size);
		break;
	case BPF_LD:
		return print_ld(insn, cnt, buf, size);
	default:	/* BPF_JMP, BPF_JMP32 */
		print_jmp(insn, res, buf, size);
		break;
	}
	return 1;
}
