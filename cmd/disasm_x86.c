// SPDX-License-Identifier: BSD-2-Clause
/*
 * x86-64 decoding for "prog dump jited": prefixes (REX, operand size,
 * segment, a lone lock), ModRM and SIB addressing, the one-byte and 0f
 * opcode maps as far as the BPF JIT uses them (moves, ALU groups, shifts,
 * multiply and divide, byte swaps, atomics, branches, calls, nops,
 * fences, endbr64, time stamp counter reads) and the BMI2 shifts of the VEX 0f38 map. The text
 * follows LLVM's AT&T printer, which users of bpftool know: size
 * suffixes on every sized mnemonic, source before destination, a lock
 * prefix as an instruction of its own (as LLVM 14 shows it), immediates
 * in decimal, negative only where the encoding sign-extends into a
 * 64-bit operand or from 8 bits.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "disasm_x86.h"

static const char *const reg64[16] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const reg32[16] = {
	"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
	"r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
};
static const char *const reg16[16] = {
	"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
	"r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w",
};
static const char *const reg8_rex[16] = {
	"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
	"r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b",
};
static const char *const reg8_legacy[8] = { "al", "cl", "dl", "bl", "ah", "ch", "dh", "bh" };

static const char *const cond[16] = {
	"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
};
static const char *const group1[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };
static const char *const group2[8] = { "rol", "ror", "rcl", "rcr", "shl", "shr", NULL, "sar" };
static const char *const group3[8] = { "test", NULL, "not", "neg", "mul", "imul", "div", "idiv" };

/* Where decoding stands in one instruction. */
struct dec {
	const unsigned char *code;
	size_t size, pos;
	unsigned long long addr;
	bool rex, w, r, x, b, opsz16, fail;
	const char *seg;	/* "%gs:" etc., or "" */
	int bits;		/* operand size: 8, 16, 32 or 64 */
	struct x86_insn *out;
};

/* ModRM operands: the reg field, and the r/m field as register or memory text. */
struct modrm {
	int mod, reg, rm;	/* reg and rm with their REX bits */
	char mem[64];		/* when mod != 3 */
};

static unsigned int fetch(struct dec *d, int n)
{
	unsigned int v = 0;
	int i;

	if (d->pos + n > d->size || d->pos + n > X86_INSN_MAX) {
		d->fail = true;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (unsigned int)d->code[d->pos + i] << (8 * i);
	d->pos += n;
	return v;
}

static long long fetch_s(struct dec *d, int n)
{
	unsigned int v = fetch(d, n);

	return n == 1 ? (int8_t)v : n == 2 ? (int16_t)v : (int32_t)v;
}

static char suffix(int bits)
{
	return bits == 8 ? 'b' : bits == 16 ? 'w' : bits == 32 ? 'l' : 'q';
}

static const char *reg_name(const struct dec *d, int n, int bits)
{
	if (bits == 64)
		return reg64[n];
	if (bits == 32)
		return reg32[n];
	if (bits == 16)
		return reg16[n];
	return d->rex ? reg8_rex[n] : reg8_legacy[n & 7];
}

__attribute__((format(printf, 2, 3)))
static void mnem(struct dec *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->out->mnemonic, sizeof(d->out->mnemonic), fmt, ap);
	va_end(ap);
}

/* A sized mnemonic: "add" and 64 bits make "addq". */
static void mnem_sized(struct dec *d, const char *name, int bits)
{
	mnem(d, "%s%c", name, suffix(bits));
}

__attribute__((format(printf, 2, 3)))
static void operand(struct dec *d, const char *fmt, ...)
{
	char *ops = d->out->operands;
	size_t n = strlen(ops);
	va_list ap;

	if (n && n < sizeof(d->out->operands))
		n += snprintf(ops + n, sizeof(d->out->operands) - n, ", ");
	if (n >= sizeof(d->out->operands))
		return;
	va_start(ap, fmt);
	vsnprintf(ops + n, sizeof(d->out->operands) - n, fmt, ap);
	va_end(ap);
}

static void op_reg(struct dec *d, int n, int bits)
{
	operand(d, "%%%s", reg_name(d, n, bits));
}

/* An immediate of n bytes into an operand of bits bits, as LLVM prints it. */
static void op_imm(struct dec *d, int n, int bits)
{
	long long v = fetch_s(d, n);

	if (n == 1 && bits != 8)		/* sign-extended from 8 bits */
		operand(d, "$%lld", v);
	else if (bits == 64)
		operand(d, "$%lld", v);
	else if (bits == 8)
		operand(d, "$%u", (unsigned int)(uint8_t)v);
	else if (bits == 16)
		operand(d, "$%u", (unsigned int)(uint16_t)v);
	else
		operand(d, "$%u", (unsigned int)(uint32_t)v);
}

/* A relative branch target of n bytes, as the address it reaches. */
static void op_rel(struct dec *d, int n)
{
	long long rel = fetch_s(d, n);

	operand(d, "0x%llx", d->addr + d->pos + (unsigned long long)rel);
}

static void format_mem(const struct dec *d, int base, int index, int scale, long long disp,
		       char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s", d->seg);

	if (disp || (base < 0 && index < 0))
		n += snprintf(buf + n, size - n, "%lld", disp);
	if (base < 0 && index < 0)
		return;
	n += snprintf(buf + n, size - n, "(");
	if (base == 16)
		n += snprintf(buf + n, size - n, "%%rip");
	else if (base >= 0)
		n += snprintf(buf + n, size - n, "%%%s", reg64[base]);
	if (index >= 0)
		n += snprintf(buf + n, size - n, ",%%%s", reg64[index]);
	if (index >= 0 && scale > 1)
		n += snprintf(buf + n, size - n, ",%d", scale);
	snprintf(buf + n, size - n, ")");
}

static void decode_modrm(struct dec *d, struct modrm *m)
{
	unsigned int v = fetch(d, 1), sib;
	int base, index = -1, scale = 1;
	long long disp = 0;

	m->mod = v >> 6;
	m->reg = (v >> 3 & 7) | (d->r ? 8 : 0);
	m->rm = (v & 7) | (d->b ? 8 : 0);
	if (m->mod == 3)
		return;
	base = m->rm;
	if ((v & 7) == 4) {
		sib = fetch(d, 1);
		scale = 1 << (sib >> 6);
		index = (sib >> 3 & 7) | (d->x ? 8 : 0);
		if (index == 4)
			index = -1;
		base = (sib & 7) | (d->b ? 8 : 0);
		if ((sib & 7) == 5 && m->mod == 0)
			base = -1;
	} else if ((v & 7) == 5 && m->mod == 0) {
		base = 16;	/* rip */
	}
	if (m->mod == 1)
		disp = fetch_s(d, 1);
	else if (m->mod == 2 || base < 0 || base == 16)
		disp = fetch_s(d, 4);
	format_mem(d, base, index, scale, disp, m->mem, sizeof(m->mem));
}

/* The r/m operand, a register of bits bits or memory. */
static void op_rm(struct dec *d, const struct modrm *m, int bits)
{
	if (m->mod == 3)
		op_reg(d, m->rm, bits);
	else
		operand(d, "%s", m->mem);
}

/* add/or/.../cmp in their six forms at 00-3d. */
static void alu_classic(struct dec *d, unsigned int op)
{
	int bits = op & 1 ? d->bits : 8;
	struct modrm m;

	mnem_sized(d, group1[op >> 3], bits);
	switch (op & 7) {
	case 0:
	case 1:
		decode_modrm(d, &m);
		op_reg(d, m.reg, bits);
		op_rm(d, &m, bits);
		break;
	case 2:
	case 3:
		decode_modrm(d, &m);
		op_rm(d, &m, bits);
		op_reg(d, m.reg, bits);
		break;
	case 4:
		op_imm(d, 1, 8);
		op_reg(d, 0, 8);
		break;
	case 5:
		op_imm(d, bits == 16 ? 2 : 4, bits);
		op_reg(d, 0, bits);
		break;
	default:
		d->fail = true;
	}
}

/* reg, r/m (AT&T: "%reg, r/m") forms: test, xchg, mov to r/m, xadd, cmpxchg. */
static void reg_to_rm(struct dec *d, const char *name, int bits)
{
	struct modrm m;

	decode_modrm(d, &m);
	mnem_sized(d, name, bits);
	op_reg(d, m.reg, bits);
	op_rm(d, &m, bits);
}

/* r/m, reg forms: mov from r/m, imul, lea. */
static void rm_to_reg(struct dec *d, const char *name, int bits)
{
	struct modrm m;

	decode_modrm(d, &m);
	mnem_sized(d, name, bits);
	op_rm(d, &m, bits);
	op_reg(d, m.reg, bits);
}

/* movzx/movsx: "movz" + source size + destination size. */
static void move_extend(struct dec *d, char kind, int src_bits)
{
	struct modrm m;

	decode_modrm(d, &m);
	mnem(d, "mov%c%c%c", kind, suffix(src_bits), suffix(d->bits));
	op_rm(d, &m, src_bits);
	op_reg(d, m.reg, d->bits);
}

static void group_imm(struct dec *d, unsigned int op)
{
	int bits = op == 0x80 ? 8 : d->bits;
	struct modrm m;

	decode_modrm(d, &m);
	mnem_sized(d, group1[m.reg & 7], bits);
	op_imm(d, op == 0x81 ? (bits == 16 ? 2 : 4) : 1, bits);
	op_rm(d, &m, bits);
}

static void group_shift(struct dec *d, unsigned int op)
{
	int bits = op & 1 ? d->bits : 8;
	struct modrm m;

	decode_modrm(d, &m);
	if (!group2[m.reg & 7]) {
		d->fail = true;
		return;
	}
	mnem_sized(d, group2[m.reg & 7], bits);
	if (op == 0xc0 || op == 0xc1)
		op_imm(d, 1, 8);
	else if (op == 0xd2 || op == 0xd3)
		operand(d, "%%cl");
	op_rm(d, &m, bits);
}

static void group_unary(struct dec *d, unsigned int op)
{
	int bits = op == 0xf6 ? 8 : d->bits;
	struct modrm m;

	decode_modrm(d, &m);
	if (!group3[m.reg & 7]) {
		d->fail = true;
		return;
	}
	mnem_sized(d, group3[m.reg & 7], bits);
	if ((m.reg & 7) == 0)
		op_imm(d, bits == 8 ? 1 : bits == 16 ? 2 : 4, bits);
	op_rm(d, &m, bits);
}

/* ff: inc, dec, indirect call and jump, push. */
static void group_ff(struct dec *d)
{
	struct modrm m;

	decode_modrm(d, &m);
	switch (m.reg & 7) {
	case 0:
	case 1:
		mnem_sized(d, m.reg & 1 ? "dec" : "inc", d->bits);
		op_rm(d, &m, d->bits);
		return;
	case 2:
	case 4:
		mnem(d, "%s", (m.reg & 7) == 2 ? "callq" : "jmpq");
		operand(d, "*%s%s", m.mod == 3 ? "%" : "", m.mod == 3 ? reg64[m.rm] : m.mem);
		return;
	case 6:
		mnem(d, "pushq");
		op_rm(d, &m, 64);
		return;
	default:
		d->fail = true;
	}
}

static void mov_imm(struct dec *d, unsigned int op)
{
	int bits = op == 0xc6 ? 8 : d->bits;
	struct modrm m;

	decode_modrm(d, &m);
	if (m.reg & 7) {
		d->fail = true;
		return;
	}
	mnem_sized(d, "mov", bits);
	op_imm(d, bits == 8 ? 1 : bits == 16 ? 2 : 4, bits);
	op_rm(d, &m, bits);
}

/* b0-bf: an immediate into a register, movabsq for 64 bits. */
static void mov_reg_imm(struct dec *d, unsigned int op)
{
	int n = (op & 7) | (d->b ? 8 : 0), bits = op < 0xb8 ? 8 : d->bits;
	unsigned long long lo, hi;

	if (bits == 64) {
		lo = fetch(d, 4);
		hi = fetch(d, 4);
		mnem(d, "movabsq");
		operand(d, "$%lld", (long long)(hi << 32 | lo));
	} else {
		mnem_sized(d, "mov", bits);
		op_imm(d, bits == 8 ? 1 : bits == 16 ? 2 : 4, bits);
	}
	op_reg(d, n, bits);
}

static void imul_imm(struct dec *d, unsigned int op)
{
	struct modrm m;

	decode_modrm(d, &m);
	mnem_sized(d, "imul", d->bits);
	op_imm(d, op == 0x6b ? 1 : d->bits == 16 ? 2 : 4, d->bits);
	op_rm(d, &m, d->bits);
	op_reg(d, m.reg, d->bits);
}

static void fence_or_bad(struct dec *d)
{
	unsigned int v = fetch(d, 1);

	if (v == 0xe8)
		mnem(d, "lfence");
	else if (v == 0xf0)
		mnem(d, "mfence");
	else if (v == 0xf8)
		mnem(d, "sfence");
	else
		d->fail = true;
}

static void two_byte(struct dec *d, bool rep)
{
	unsigned int op = fetch(d, 1);
	struct modrm m;

	if (rep && op == 0x1e && fetch(d, 1) == 0xfa) {
		mnem(d, "endbr64");
	} else if (rep) {
		d->fail = true;
	} else if (op == 0x0b) {
		mnem(d, "ud2");
	} else if (op == 0x31) {
		mnem(d, "rdtsc");	/* the inlined bpf_get_cpu_time_counter() */
	} else if (op == 0x01 && fetch(d, 1) == 0xf9) {
		mnem(d, "rdtscp");
	} else if (op == 0x1f) {
		decode_modrm(d, &m);
		mnem_sized(d, "nop", d->bits);
		op_rm(d, &m, d->bits);
	} else if (op >= 0x40 && op <= 0x4f) {
		rm_to_reg(d, "cmov", d->bits);
		mnem(d, "cmov%s%c", cond[op & 15], suffix(d->bits));
	} else if (op >= 0x80 && op <= 0x8f) {
		mnem(d, "j%s", cond[op & 15]);
		op_rel(d, 4);
	} else if (op >= 0x90 && op <= 0x9f) {
		decode_modrm(d, &m);
		mnem(d, "set%s", cond[op & 15]);
		op_rm(d, &m, 8);
	} else if (op == 0xae) {
		fence_or_bad(d);
	} else if (op == 0xaf) {
		rm_to_reg(d, "imul", d->bits);
	} else if (op == 0xb0 || op == 0xb1) {
		reg_to_rm(d, "cmpxchg", op & 1 ? d->bits : 8);
	} else if (op == 0xb6 || op == 0xb7 || op == 0xbe || op == 0xbf) {
		move_extend(d, op < 0xb8 ? 'z' : 's', op & 1 ? 16 : 8);
	} else if (op == 0xc0 || op == 0xc1) {
		reg_to_rm(d, "xadd", op & 1 ? d->bits : 8);
	} else if (op >= 0xc8 && op <= 0xcf) {
		mnem_sized(d, "bswap", d->bits);
		op_reg(d, (op & 7) | (d->b ? 8 : 0), d->bits);
	} else {
		d->fail = true;
	}
}

/* c4: three-byte VEX; only the BMI2 shifts shlx, sarx, shrx of map 0f38. */
static void vex3(struct dec *d)
{
	static const char *const shifts[4] = { NULL, "shlx", "sarx", "shrx" };
	unsigned int b1 = fetch(d, 1), b2 = fetch(d, 1), op = fetch(d, 1);
	int bits, vreg;
	struct modrm m;

	if (d->fail || d->rex || d->opsz16 || (b1 & 0x1f) != 2 || op != 0xf7 || !(b2 & 3) ||
	    (b2 & 4)) {
		d->fail = true;
		return;
	}
	d->r = !(b1 & 0x80);
	d->x = !(b1 & 0x40);
	d->b = !(b1 & 0x20);
	bits = b2 & 0x80 ? 64 : 32;
	vreg = (~b2 >> 3) & 15;
	decode_modrm(d, &m);
	mnem_sized(d, shifts[b2 & 3], bits);
	op_reg(d, vreg, bits);
	op_rm(d, &m, bits);
	op_reg(d, m.reg, bits);
}

static void one_byte_misc(struct dec *d, unsigned int op)
{
	switch (op) {
	case 0x63:
		if (!d->w) {
			d->fail = true;
			return;
		}
		move_extend(d, 's', 32);
		return;
	case 0x68:
	case 0x6a:
		mnem(d, "pushq");
		op_imm(d, op == 0x6a ? 1 : 4, 64);
		return;
	case 0x69:
	case 0x6b:
		imul_imm(d, op);
		return;
	case 0x84:
	case 0x85:
		reg_to_rm(d, "test", op & 1 ? d->bits : 8);
		return;
	case 0x86:
	case 0x87:
		reg_to_rm(d, "xchg", op & 1 ? d->bits : 8);
		return;
	case 0x88:
	case 0x89:
		reg_to_rm(d, "mov", op & 1 ? d->bits : 8);
		return;
	case 0x8a:
	case 0x8b:
		rm_to_reg(d, "mov", op & 1 ? d->bits : 8);
		return;
	case 0x8d:
		rm_to_reg(d, "lea", d->bits);
		return;
	case 0x90:
		mnem(d, d->b ? "xchgq" : "nop");
		if (d->b) {
			op_reg(d, 8, 64);
			op_reg(d, 0, 64);
		}
		return;
	case 0x99:
		mnem(d, "%s", d->w ? "cqto" : d->opsz16 ? "cwtd" : "cltd");
		return;
	case 0xa8:
	case 0xa9:
		mnem_sized(d, "test", op & 1 ? d->bits : 8);
		op_imm(d, op == 0xa8 ? 1 : d->bits == 16 ? 2 : 4, op & 1 ? d->bits : 8);
		op_reg(d, 0, op & 1 ? d->bits : 8);
		return;
	default:
		break;
	}
	d->fail = true;
}

static void one_byte(struct dec *d, unsigned int op)
{
	if (op < 0x40 && (op & 7) < 6) {
		alu_classic(d, op);
	} else if (op >= 0x50 && op <= 0x5f) {
		mnem(d, op < 0x58 ? "pushq" : "popq");
		op_reg(d, (op & 7) | (d->b ? 8 : 0), 64);
	} else if (op >= 0x70 && op <= 0x7f) {
		mnem(d, "j%s", cond[op & 15]);
		op_rel(d, 1);
	} else if (op == 0x80 || op == 0x81 || op == 0x83) {
		group_imm(d, op);
	} else if (op >= 0xb0 && op <= 0xbf) {
		mov_reg_imm(d, op);
	} else if (op == 0xc0 || op == 0xc1 || (op >= 0xd0 && op <= 0xd3)) {
		group_shift(d, op);
	} else if (op == 0xc3) {
		mnem(d, "retq");
	} else if (op == 0xc6 || op == 0xc7) {
		mov_imm(d, op);
	} else if (op == 0xc9) {
		mnem(d, "leave");
	} else if (op == 0xcc) {
		mnem(d, "int3");
	} else if (op == 0xe8 || op == 0xe9 || op == 0xeb) {
		mnem(d, op == 0xe8 ? "callq" : "jmp");
		op_rel(d, op == 0xeb ? 1 : 4);
	} else if (op == 0xf6 || op == 0xf7) {
		group_unary(d, op);
	} else if (op == 0xff) {
		group_ff(d);
	} else {
		one_byte_misc(d, op);
	}
}

/* Legacy prefixes and REX; returns the opcode byte after them. */
static unsigned int prefixes(struct dec *d, bool *rep)
{
	unsigned int v;

	for (;;) {
		v = fetch(d, 1);
		if (d->fail)
			return 0;
		if (v == 0x66 && !d->rex)
			d->opsz16 = true;
		else if ((v == 0x64 || v == 0x65) && !d->rex)
			d->seg = v == 0x64 ? "%fs:" : "%gs:";
		else if (v == 0xf3 && !d->rex)
			*rep = true;
		else if (v >= 0x40 && v <= 0x4f && !d->rex)
			break;
		else
			return v;
	}
	d->rex = true;
	d->w = v & 8;
	d->r = v & 4;
	d->x = v & 2;
	d->b = v & 1;
	return fetch(d, 1);
}

static void decode(struct dec *d)
{
	bool rep = false;
	unsigned int op;

	if (d->code[0] == 0xf0) {	/* LLVM 14 shows lock as an instruction */
		mnem(d, "lock");
		d->pos = 1;
		return;
	}
	op = prefixes(d, &rep);
	d->bits = d->w ? 64 : d->opsz16 ? 16 : 32;
	if (d->fail)
		return;
	if (rep && op == 0x90)
		mnem(d, "pause");
	else if (op == 0x0f)
		two_byte(d, rep);
	else if (rep)
		d->fail = true;
	else if (op == 0xc4)
		vex3(d);
	else
		one_byte(d, op);
}

void x86_disasm(const unsigned char *code, size_t size, unsigned long long addr,
		struct x86_insn *insn)
{
	struct dec d = { .code = code, .size = size, .addr = addr, .seg = "", .out = insn };

	memset(insn, 0, sizeof(*insn));
	if (size)
		decode(&d);
	if (!size || d.fail || !insn->mnemonic[0]) {
		memset(insn, 0, sizeof(*insn));
		insn->bad = true;
		insn->len = 1;
		snprintf(insn->mnemonic, sizeof(insn->mnemonic), "(bad)");
		if (size)
			snprintf(insn->operands, sizeof(insn->operands), "0x%02x", code[0]);
		return;
	}
	insn->len = d.pos;
}
