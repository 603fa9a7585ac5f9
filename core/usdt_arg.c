// SPDX-License-Identifier: BSD-2-Clause
/*
 * USDT argument specs: the third string of a stapsdt note lists each
 * argument as "[-]SIZE@OPERAND" (a negative size is a signed value),
 * separated by spaces, with OPERAND in the assembler syntax of the
 * binary's architecture, as the compiler printed it:
 *
 *	x86_64:	$5  %eax  -20(%rbp)  (%rdi)  8(%rax,%rbx,4)
 *	arm64:	5  x0  [sp, 12]  [x1]
 *
 * Registers become byte offsets into the kernel's struct pt_regs of
 * that architecture, which is what a uprobe program's context is.
 */
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "usdt.h"

/* Longest argument text we look at; compilers print far shorter ones. */
#define ARG_TEXT_MAX 64

struct usdt_reg {
	const char *name;
	short off;		/* in struct pt_regs */
};

/* x86_64 struct pt_regs: r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si di ... */
#define X86_R15	0
#define X86_R14	8
#define X86_R13	16
#define X86_R12	24
#define X86_BP	32
#define X86_BX	40
#define X86_R11	48
#define X86_R10	56
#define X86_R9	64
#define X86_R8	72
#define X86_AX	80
#define X86_CX	88
#define X86_DX	96
#define X86_SI	104
#define X86_DI	112
#define X86_SP	152

#if defined(__x86_64__)
#include <stddef.h>
#include <asm/ptrace.h>
_Static_assert(offsetof(struct pt_regs, rdi) == X86_DI && offsetof(struct pt_regs, rsp) == X86_SP &&
	       offsetof(struct pt_regs, r15) == X86_R15 && offsetof(struct pt_regs, rax) == X86_AX,
	       "x86_64 struct pt_regs layout");
#endif

/* Every name of a general-purpose register: 64, 32, 16 and 8 bits. */
#define X86_REG(r64, r32, r16, r8, off) \
	{ r64, off }, { r32, off }, { r16, off }, { r8, off }

static const struct usdt_reg x86_regs[] = {
	X86_REG("rax", "eax", "ax", "al", X86_AX),
	X86_REG("rbx", "ebx", "bx", "bl", X86_BX),
	X86_REG("rcx", "ecx", "cx", "cl", X86_CX),
	X86_REG("rdx", "edx", "dx", "dl", X86_DX),
	X86_REG("rsi", "esi", "si", "sil", X86_SI),
	X86_REG("rdi", "edi", "di", "dil", X86_DI),
	X86_REG("rbp", "ebp", "bp", "bpl", X86_BP),
	X86_REG("rsp", "esp", "sp", "spl", X86_SP),
	X86_REG("r8", "r8d", "r8w", "r8b", X86_R8),
	X86_REG("r9", "r9d", "r9w", "r9b", X86_R9),
	X86_REG("r10", "r10d", "r10w", "r10b", X86_R10),
	X86_REG("r11", "r11d", "r11w", "r11b", X86_R11),
	X86_REG("r12", "r12d", "r12w", "r12b", X86_R12),
	X86_REG("r13", "r13d", "r13w", "r13b", X86_R13),
	X86_REG("r14", "r14d", "r14w", "r14b", X86_R14),
	X86_REG("r15", "r15d", "r15w", "r15b", X86_R15),
};

/* arm64 struct pt_regs starts with user_pt_regs: x0..x30, sp, pc, pstate. */
#define ARM64_SP	(31 * 8)

/* The register named s (NUL-terminated) in regs, or NULL. */
static const struct usdt_reg *reg_find(const struct usdt_reg *regs, size_t cnt, const char *s)
{
	size_t i;

	for (i = 0; i < cnt; i++)
		if (!strcmp(regs[i].name, s))
			return &regs[i];
	return NULL;
}

/*
 * arm64: x0..x30 (w0..w30, their low halves, read the same way) and sp;
 * -1 for anything else.
 */
static int arm64_reg_off(const char *s)
{
	char *end;
	long n;

	if (!strcmp(s, "sp"))
		return ARM64_SP;
	if ((s[0] != 'x' && s[0] != 'w') || !isdigit((unsigned char)s[1]))
		return -1;
	n = strtol(s + 1, &end, 10);
	if (*end || n > 30 || (s[1] == '0' && s[2]))
		return -1;
	return (int)n * 8;
}

/*
 * A signed integer at *p, decimal or 0x-prefixed hex, moving *p past
 * it; false when there is none or it overflows 64 bits.
 */
static bool parse_int(const char **p, __s64 *val)
{
	const char *s = *p;
	bool neg = false;
	unsigned long long v;
	char *end;
	int base = 10;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!isxdigit((unsigned char)*s) || (base == 10 && !isdigit((unsigned char)*s)))
		return false;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || v > (neg ? (unsigned long long)INT64_MAX + 1 : UINT64_MAX))
		return false;
	*val = neg ? (__s64)(0 - v) : (__s64)v;
	*p = end;
	return true;
}

/* Copy a register name ending at one of stops (or the end) into buf. */
static bool take_name(const char **p, const char *stops, char *buf, size_t size)
{
	size_t n = strcspn(*p, stops);

	if (!n || n >= size)
		return false;
	memcpy(buf, *p, n);
	buf[n] = '\0';
	*p += n;
	return true;
}

/* An x86 register "%name" at *p, up to one of stops, as an offset. */
static const char *x86_reg(const char **p, const char *stops, short *off)
{
	const struct usdt_reg *reg;
	char name[16];

	if (**p != '%')
		return "expected a register (%name)";
	(*p)++;
	if (!take_name(p, stops, name, sizeof(name)))
		return "expected a register (%name)";
	if (!strcmp(name, "rip") || !strcmp(name, "eip"))
		return "%rip-relative operands are not supported";
	reg = reg_find(x86_regs, sizeof(x86_regs) / sizeof(x86_regs[0]), name);
	if (!reg)
		return "unknown register";
	*off = reg->off;
	return NULL;
}

/* "disp(%base[,%index[,scale]])" at s. */
static const char *x86_memory(const char *s, struct usdt_arg_spec *arg)
{
	const char *why;
	__s64 disp = 0, scale = 1;
	short off;

	if (strstr(s, "(%rip)") || strstr(s, "(%eip)"))
		return "%rip-relative operands are not supported";
	if (*s != '(' && !parse_int(&s, &disp))
		return "expected $CONSTANT, %REGISTER or OFFSET(%REGISTER)";
	if (*s++ != '(')
		return "expected OFFSET(%REGISTER)";
	why = x86_reg(&s, ",)", &off);
	if (why)
		return why;
	arg->kind = USDT_ARG_REG_DEREF;
	arg->reg_off = off;
	arg->val_off = (__u64)disp;
	if (*s == ',') {
		s++;
		why = x86_reg(&s, ",)", &off);
		if (why)
			return why;
		if (*s == ',') {
			s++;
			if (!parse_int(&s, &scale) || (scale != 1 && scale != 2 && scale != 4 &&
							scale != 8))
				return "index scale must be 1, 2, 4 or 8";
		}
		arg->kind = USDT_ARG_SIB;
		arg->idx_reg_off = off;
		arg->idx_scale_shift = __builtin_ctzll(scale);
	}
	if (*s++ != ')' || *s)
		return "unexpected text after the memory operand";
	return NULL;
}

/* An x86_64 operand (NUL-terminated) into arg; the reason it is bad, or NULL. */
static const char *x86_operand(const char *s, struct usdt_arg_spec *arg)
{
	const char *why;
	__s64 val;
	short off;

	if (*s == '$') {
		s++;
		if (!parse_int(&s, &val) || *s)
			return "expected $CONSTANT (symbolic constants are not supported)";
		arg->kind = USDT_ARG_CONST;
		arg->val_off = (__u64)val;
		return NULL;
	}
	if (*s == '%') {
		why = x86_reg(&s, "", &off);
		if (why)
			return why;
		arg->kind = USDT_ARG_REG;
		arg->reg_off = off;
		return NULL;
	}
	return x86_memory(s, arg);
}

/* An arm64 operand (NUL-terminated) into arg; the reason it is bad, or NULL. */
static const char *arm64_operand(const char *s, struct usdt_arg_spec *arg)
{
	char name[16];
	__s64 val = 0;
	int off;

	if (*s == '[') {
		s++;
		if (!take_name(&s, ",]", name, sizeof(name)) || (off = arm64_reg_off(name)) < 0)
			return "expected [REGISTER] or [REGISTER, OFFSET]";
		if (*s == ',') {
			s++;
			while (*s == ' ')
				s++;
			if (!parse_int(&s, &val))
				return "expected [REGISTER, OFFSET]";
		}
		if (*s++ != ']' || *s)
			return "unexpected text after the memory operand";
		arg->kind = USDT_ARG_REG_DEREF;
		arg->reg_off = off;
		arg->val_off = (__u64)val;
		return NULL;
	}
	if (*s == '-' || isdigit((unsigned char)*s)) {
		if (!parse_int(&s, &val) || *s)
			return "expected a constant";
		arg->kind = USDT_ARG_CONST;
		arg->val_off = (__u64)val;
		return NULL;
	}
	off = arm64_reg_off(s);
	if (off < 0)
		return "unknown register";
	arg->kind = USDT_ARG_REG;
	arg->reg_off = off;
	return NULL;
}

/* "[-]SIZE@OPERAND" (NUL-terminated) into arg; the reason it is bad, or NULL. */
static const char *parse_one(unsigned int machine, const char *s, struct usdt_arg_spec *arg)
{
	__s64 size;

	memset(arg, 0, sizeof(*arg));
	if (!parse_int(&s, &size) || *s++ != '@')
		return "expected SIZE@OPERAND";
	arg->is_signed = size < 0;
	size = size < 0 ? -size : size;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return "size must be 1, 2, 4 or 8 bytes";
	arg->size = size;
	if (machine == EM_X86_64)
		return x86_operand(s, arg);
	return arm64_operand(s, arg);
}

/* Where the argument starting at s ends: at a space outside brackets. */
static const char *arg_end(const char *s)
{
	int depth = 0;

	for (; *s && (depth || !isspace((unsigned char)*s)); s++) {
		if (*s == '[' || *s == '(')
			depth++;
		else if ((*s == ']' || *s == ')') && depth)
			depth--;
	}
	return s;
}

int usdt_parse_args(unsigned int machine, const char *args, struct usdt_spec *spec,
		    const char *what)
{
	char text[ARG_TEXT_MAX + 1];
	const char *p = args, *end, *why;
	size_t len;

	if (machine != EM_X86_64 && machine != EM_AARCH64) {
		pr_warn("%s: USDT arguments of ELF machine %u are not supported (x86_64 and "
			"arm64 are)\n", what, machine);
		return -EOPNOTSUPP;
	}
	spec->arg_cnt = 0;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			return 0;
		end = arg_end(p);
		len = end - p;
		if (spec->arg_cnt >= USDT_MAX_ARGS) {
			pr_warn("%s: more than %d arguments in '%s'\n", what, USDT_MAX_ARGS, args);
			return -E2BIG;
		}
		why = "argument too long";
		if (len <= ARG_TEXT_MAX) {
			memcpy(text, p, len);
			text[len] = '\0';
			why = parse_one(machine, text, &spec->args[spec->arg_cnt]);
		}
		if (why) {
			pr_warn("%s: can't use argument #%d '%.*s': %s\n", what, spec->arg_cnt,
				(int)(len > ARG_TEXT_MAX ? ARG_TEXT_MAX : len), p, why);
			return -EINVAL;
		}
		spec->arg_cnt++;
		p = end;
	}
}
