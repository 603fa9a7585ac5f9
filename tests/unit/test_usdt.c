// SPDX-License-Identifier: BSD-2-Clause
/*
 * USDT argument specs and stapsdt notes: every operand form compilers
 * print for x86_64 and arm64 becomes the right register offset, constant,
 * size and signedness; anything else, hostile or truncated, is refused
 * with an error and never read past its end.
 */
#include <elf.h>
#include <errno.h>

#include <bpf/libbpf.h>

#include "unit.h"
#include "usdt.h"

/* offsets in struct pt_regs */
#define X86_AX 80
#define X86_BX 40
#define X86_DI 112
#define X86_SP 152
#define X86_BP 32
#define X86_R8 72
#define X86_R15 0
#define ARM64_SP 248

static int parse(unsigned int machine, const char *args, struct usdt_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	return usdt_parse_args(machine, args, spec, "test");
}

static bool arg_is(const struct usdt_arg_spec *a, int kind, int size, bool is_signed, int reg,
		   long long val)
{
	return a->kind == kind && a->size == size && a->is_signed == is_signed &&
	       (kind == USDT_ARG_CONST || a->reg_off == reg) && (__s64)a->val_off == val;
}

static void test_x86_valid(void)
{
	struct usdt_spec s;
	const struct usdt_arg_spec *a = s.args;

	CHECK(!parse(EM_X86_64, "-4@%eax 8@%rdi 4@$5 -8@-20(%rbp) 8@8(%rsp)", &s) &&
	      s.arg_cnt == 5, "x86: five arguments");
	CHECK(arg_is(&a[0], USDT_ARG_REG, 4, true, X86_AX, 0), "x86: -4@%%eax");
	CHECK(arg_is(&a[1], USDT_ARG_REG, 8, false, X86_DI, 0), "x86: 8@%%rdi");
	CHECK(arg_is(&a[2], USDT_ARG_CONST, 4, false, 0, 5), "x86: 4@$5");
	CHECK(arg_is(&a[3], USDT_ARG_REG_DEREF, 8, true, X86_BP, -20), "x86: -8@-20(%%rbp)");
	CHECK(arg_is(&a[4], USDT_ARG_REG_DEREF, 8, false, X86_SP, 8), "x86: 8@8(%%rsp)");

	CHECK(!parse(EM_X86_64, "1@%dil -2@%r8w -1@%al 8@(%rdi) 4@$-3 8@0x10(%r15b)", &s) &&
	      s.arg_cnt == 6, "x86: 8- and 16-bit registers, (%%reg), hex offsets");
	CHECK(arg_is(&a[0], USDT_ARG_REG, 1, false, X86_DI, 0), "x86: 1@%%dil");
	CHECK(arg_is(&a[1], USDT_ARG_REG, 2, true, X86_R8, 0), "x86: -2@%%r8w");
	CHECK(arg_is(&a[3], USDT_ARG_REG_DEREF, 8, false, X86_DI, 0), "x86: 8@(%%rdi)");
	CHECK(arg_is(&a[4], USDT_ARG_CONST, 4, false, 0, -3), "x86: 4@$-3");
	CHECK(arg_is(&a[5], USDT_ARG_REG_DEREF, 8, false, X86_R15, 16), "x86: 8@0x10(%%r15b)");

	CHECK(!parse(EM_X86_64, "-4@8(%rax,%rbx,4) 8@(%rdi,%r8)", &s) && s.arg_cnt == 2,
	      "x86: base+index*scale");
	CHECK(a[0].kind == USDT_ARG_SIB && a[0].reg_off == X86_AX && a[0].idx_reg_off == X86_BX &&
	      a[0].idx_scale_shift == 2 && (__s64)a[0].val_off == 8, "x86: 8(%%rax,%%rbx,4)");
	CHECK(a[1].kind == USDT_ARG_SIB && a[1].idx_reg_off == X86_R8 && a[1].idx_scale_shift == 0,
	      "x86: (%%rdi,%%r8) scale 1");

	CHECK(!parse(EM_X86_64, "", &s) && s.arg_cnt == 0, "no arguments");
	CHECK(!parse(EM_X86_64, "  8@%rax  \t 4@$1 ", &s) && s.arg_cnt == 2, "extra spaces");
	CHECK(!parse(EM_X86_64, "8@%rax 8@%rax 8@%rax 8@%rax 8@%rax 8@%rax 8@%rax 8@%rax 8@%rax "
			       "8@%rax 8@%rax 8@%rax", &s) && s.arg_cnt == 12, "12 arguments");
}

static void test_arm64_valid(void)
{
	struct usdt_spec s;
	const struct usdt_arg_spec *a = s.args;

	CHECK(!parse(EM_AARCH64, "8@x0 -4@[sp, 12] 8@[x1] 4@5 -4@[x29, -12] 4@w3 8@sp -8@-7", &s) &&
	      s.arg_cnt == 8, "arm64: eight arguments");
	CHECK(arg_is(&a[0], USDT_ARG_REG, 8, false, 0, 0), "arm64: 8@x0");
	CHECK(arg_is(&a[1], USDT_ARG_REG_DEREF, 4, true, ARM64_SP, 12), "arm64: -4@[sp, 12]");
	CHECK(arg_is(&a[2], USDT_ARG_REG_DEREF, 8, false, 8, 0), "arm64: 8@[x1]");
	CHECK(arg_is(&a[3], USDT_ARG_CONST, 4, false, 0, 5), "arm64: 4@5");
	CHECK(arg_is(&a[4], USDT_ARG_REG_DEREF, 4, true, 29 * 8, -12), "arm64: -4@[x29, -12]");
	CHECK(arg_is(&a[5], USDT_ARG_REG, 4, false, 24, 0), "arm64: 4@w3");
	CHECK(arg_is(&a[6], USDT_ARG_REG, 8, false, ARM64_SP, 0), "arm64: 8@sp");
	CHECK(arg_is(&a[7], USDT_ARG_CONST, 8, true, 0, -7), "arm64: -8@-7");
}

static void test_invalid(void)
{
	static const char *const x86_bad[] = {
		"4@%rip", "4@foo(%rip)", "-4@8(%rip)", "3@%eax", "16@%rax", "0@%eax", "4%eax",
		"4@%xyz", "4@", "@%eax", "4@$", "4@$sym", "4@8(%rax", "4@8(%rax,%rbx,3)",
		"4@8(%rax)x", "99999999999999999999@%eax", "4@%eaxx", "-4@%ah", "\x01\xff@%eax",
		"4@$99999999999999999999", "4@(,%rax,4)", "4@sym", "4@%", "4@()", "8@x0",
		"4@8(%rax,%rbx,4,5)", "4@-(%rax)", "4@0x(%rax)", "4@--5(%rax)",
	};
	static const char *const arm64_bad[] = {
		"8@x31", "8@[x1, ]", "8@[x1", "8@[q1]", "8@x01", "8@%rax", "8@[sp, 12]x",
		"8@w", "8@[]", "8@-", "8@5x",
	};
	char long_arg[200];
	struct usdt_spec s;
	size_t i;
	int err;

	for (i = 0; i < sizeof(x86_bad) / sizeof(x86_bad[0]); i++) {
		err = parse(EM_X86_64, x86_bad[i], &s);
		CHECK(err == -EINVAL, "x86 refuses '%s' (%d)", x86_bad[i], err);
	}
	for (i = 0; i < sizeof(arm64_bad) / sizeof(arm64_bad[0]); i++) {
		err = parse(EM_AARCH64, arm64_bad[i], &s);
		CHECK(err == -EINVAL, "arm64 refuses '%s' (%d)", arm64_bad[i], err);
	}
	CHECK(parse(EM_X86_64, "8@%rax 8@%rax 8@%rax 8@%rax 8@%rax 8@%rax 8@%rax 8@%rax 8@%rax "
			      "8@%rax 8@%rax 8@%rax 8@%rax", &s) == -E2BIG, "13 arguments: E2BIG");
	memset(long_arg, '1', sizeof(long_arg) - 1);
	long_arg[sizeof(long_arg) - 1] = '\0';
	CHECK(parse(EM_X86_64, long_arg, &s) == -EINVAL, "200-character argument");
	memcpy(long_arg, "8@", 2);
	long_arg[2] = '(';
	CHECK(parse(EM_X86_64, long_arg, &s) == -EINVAL, "unterminated bracket");
	CHECK(parse(EM_386, "4@%eax", &s) == -EOPNOTSUPP, "i386: not supported");
}

/* Random text over the operand alphabet: parses or fails, never crashes. */
static void test_random(void)
{
	static const char alphabet[] = "%$()[]@,- 0123456789abcdeilprsxwq";
	unsigned int seed = 1, i, j, len, ok = 0;
	struct usdt_spec s;
	char buf[48];

	for (i = 0; i < 20000; i++) {
		len = rand_r(&seed) % (sizeof(buf) - 1);
		for (j = 0; j < len; j++)
			buf[j] = alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)];
		buf[len] = '\0';
		if (!parse(i & 1 ? EM_AARCH64 : EM_X86_64, buf, &s))
			ok += s.arg_cnt <= USDT_MAX_ARGS;
		else
			ok++;
	}
	CHECK(ok == 20000, "20000 random specs: each parsed within bounds or refused");
}

/* A note description: three addresses, then the strings (len bytes of them). */
static size_t make_desc(unsigned char *buf, const char *strs, size_t len)
{
	__u64 addrs[3] = { 0x1234, 0x2000, 0x4028 };

	memcpy(buf, addrs, sizeof(addrs));
	memcpy(buf + sizeof(addrs), strs, len);
	return sizeof(addrs) + len;
}

static void test_notes(void)
{
	unsigned char buf[128];
	struct usdt_note note;
	size_t n;

	n = make_desc(buf, "prov\0name\0-4@%eax", 18);
	CHECK(!usdt_note_parse(buf, n, &note) && note.pc == 0x1234 && note.base == 0x2000 &&
	      note.sema == 0x4028 && !strcmp(note.provider, "prov") &&
	      !strcmp(note.name, "name") && !strcmp(note.args, "-4@%eax"), "note decoded");
	CHECK(usdt_note_parse(buf, n - 1, &note) == -EINVAL, "args not terminated: refused");
	CHECK(usdt_note_parse(buf, 24 + 5, &note) == -EINVAL, "name missing: refused");
	CHECK(usdt_note_parse(buf, 23, &note) == -EINVAL, "shorter than the addresses: refused");
	CHECK(usdt_note_parse(buf, 24, &note) == -EINVAL, "no strings: refused");
	n = make_desc(buf, "\0name\0", 7);
	CHECK(usdt_note_parse(buf, n, &note) == -EINVAL, "empty provider: refused");
	n = make_desc(buf, "p\0n\0", 5);
	CHECK(!usdt_note_parse(buf, n, &note) && !*note.args, "no arguments: empty string");
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

int main(void)
{
	libbpf_set_print(quiet);
	test_x86_valid();
	test_arm64_valid();
	test_invalid();
	test_random();
	test_notes();
	return unit_done();
}
