// SPDX-License-Identifier: BSD-2-Clause
/*
 * The jited image of a program, as bpftool built with LLVM prints it: per
 * function (the kernel's jited_func_lens) its signature from BTF and its
 * kallsyms name ("bpf_prog_<tag>_<name>"), then one line per instruction
 * ("%4x:\t<mnemonic>\t<operands>", the offset in the function), with
 * "opcodes" its bytes on the next line, source lines from the jited line
 * info before the instructions they start. In JSON, an array of
 * {"proto", "name", "insns": [{"pc", "operation", "operands",
 * "opcodes"}]}. Only x86-64 code is disassembled; other images print
 * as bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "disasm_x86.h"
#include "json_writer.h"
#include "output.h"
#include "prog_dump_jited.h"
#include "prog_func_sig.h"
#include "prog_line.h"
#include "report.h"

#define FUNC_SIG_MAX	1024
#define SYM_NAME_MAX	128
#define BYTES_PER_ROW	4	/* images we can't disassemble */

/* One function of the image being printed. */
struct jited_func {
	const struct jited_src *src;
	const unsigned char *img;
	__u32 len;
	__u64 ksym;			/* its address, 0 if unknown */
	__u32 idx;
	const struct bpf_prog_linfo *linfo;	/* NULL: no source lines */
	__u32 nr_skip;			/* line records printed */
};

static bool can_disassemble(const struct jited_src *s)
{
#if defined(__x86_64__)
	return !s->pi->info.ifindex;	/* offloaded code is the device's */
#else
	(void)s;
	return false;
#endif
}

/* The instruction at pc, or a row of raw bytes where we don't disassemble. */
static void decode(const struct jited_func *fn, __u32 pc, struct x86_insn *xi)
{
	__u32 n = fn->len - pc, i;
	size_t at = 0;

	if (can_disassemble(fn->src)) {
		x86_disasm(fn->img + pc, n, fn->ksym + pc, xi);
		return;
	}
	memset(xi, 0, sizeof(*xi));
	xi->len = n < BYTES_PER_ROW ? n : BYTES_PER_ROW;
	snprintf(xi->mnemonic, sizeof(xi->mnemonic), ".byte");
	for (i = 0; i < xi->len; i++)
		at += snprintf(xi->operands + at, sizeof(xi->operands) - at, "%s0x%02x",
			       i ? ", " : "", fn->img[pc + i]);
}

/* bpftool's operand list: the operand text cut at blanks, commas, parentheses. */
static void operands_json(struct json_writer *w, const char *text)
{
	char buf[X86_OPERANDS_MAX], *tok, *save;
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", text);
	jsonw_name(w, "operands");
	jsonw_start_array(w);
	for (tok = strtok_r(buf, " \t,()", &save); tok; tok = strtok_r(NULL, " \t,()", &save)) {
		jsonw_string(w, tok);
		n++;
	}
	if (!n)
		jsonw_null(w);
	jsonw_end_array(w);
}

static void insn_json(const struct jited_func *fn, __u32 pc, const struct x86_insn *xi,
		      const struct bpf_line_info *li)
{
	struct json_writer *w = out_json();
	char hex[16];
	__u32 i;

	jsonw_start_object(w);
	if (li)
		prog_line_json(fn->src->btf, li, fn->src->linum);
	snprintf(hex, sizeof(hex), "0x%x", pc);
	jsonw_string_field(w, "pc", hex);
	jsonw_string_field(w, "operation", xi->mnemonic);
	operands_json(w, xi->operands);
	if (fn->src->opcodes) {
		jsonw_name(w, "opcodes");
		jsonw_start_array(w);
		for (i = 0; i < xi->len; i++) {
			snprintf(hex, sizeof(hex), "0x%02x", fn->img[pc + i]);
			jsonw_string(w, hex);
		}
		jsonw_end_array(w);
	}
	jsonw_end_object(w);
}

static void insn_text(const struct jited_func *fn, __u32 pc, const struct x86_insn *xi,
		      const struct bpf_line_info *li)
{
	FILE *f = out_stream();
	__u32 i;

	if (li)
		prog_line_text(fn->src->btf, li, fn->src->linum);
	fprintf(f, "%4x:\t%s%s%s", pc, xi->mnemonic, xi->operands[0] ? "\t" : "", xi->operands);
	if (fn->src->opcodes) {
		fputs("\n\t", f);
		for (i = 0; i < xi->len; i++)
			fprintf(f, "%02x ", fn->img[pc + i]);
	}
	fputc('\n', f);
}

static void print_insns(struct jited_func *fn)
{
	const struct bpf_line_info *li = NULL;
	struct x86_insn xi;
	__u32 pc;

	if (out_json())
		jsonw_start_array(out_json());
	for (pc = 0; pc < fn->len; pc += xi.len) {
		if (fn->linfo) {
			li = bpf_prog_linfo__lfind_addr_func(fn->linfo, fn->ksym + pc, fn->idx,
							     fn->nr_skip);
			fn->nr_skip += li != NULL;
		}
		decode(fn, pc, &xi);
		if (out_json())
			insn_json(fn, pc, &xi, li);
		else
			insn_text(fn, pc, &xi, li);
	}
	if (out_json())
		jsonw_end_array(out_json());
}

/* The function's signature from its func_info record, "" if none. */
static void func_proto(const struct jited_src *s, __u32 i, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!s->btf || i >= s->pi->info.nr_func_info)
		return;
	if (func_sig(s->btf, prog_func_info(s->pi, i)->type_id, buf, size))
		buf[0] = '\0';
}

static void func_name(const struct jited_src *s, __u64 ksym, bool known, char *buf, size_t size)
{
	const char *name = known ? ksyms_name(s->ks, ksym) : NULL;

	if (name)
		snprintf(buf, size, "%s", name);
	else if (known)
		snprintf(buf, size, "0x%016llx", (unsigned long long)ksym);
	else
		snprintf(buf, size, "unknown");
}

static void print_func(struct jited_func *fn)
{
	const struct jited_src *s = fn->src;
	const __u64 *ksyms = (const void *)(uintptr_t)s->pi->info.jited_ksyms;
	bool known = ksyms && fn->idx < s->pi->info.nr_jited_ksyms;
	char sig[FUNC_SIG_MAX], name[SYM_NAME_MAX];
	struct json_writer *w = out_json();

	fn->ksym = known ? ksyms[fn->idx] : 0;
	if (!known)
		fn->linfo = NULL;	/* line info maps kernel addresses */
	func_proto(s, fn->idx, sig, sizeof(sig));
	func_name(s, fn->ksym, known, name, sizeof(name));
	if (w) {
		jsonw_start_object(w);
		if (sig[0])
			jsonw_string_field(w, "proto", sig);
		jsonw_string_field(w, "name", name);
		jsonw_name(w, "insns");
	} else {
		if (sig[0])
			fprintf(out_stream(), "%s:\n", sig);
		fprintf(out_stream(), "%s:\n", name);
	}
	print_insns(fn);
	if (w)
		jsonw_end_object(w);
	else
		fputc('\n', out_stream());
}

/* Function lengths that don't add up to the image: print it whole. */
static bool funcs_fit(const struct bpf_prog_info *info)
{
	const __u32 *lens = (const void *)(uintptr_t)info->jited_func_lens;
	__u64 total = 0;
	__u32 i;

	if (!info->nr_jited_func_lens || !lens)
		return false;
	for (i = 0; i < info->nr_jited_func_lens; i++)
		total += lens[i];
	return total <= info->jited_prog_len;
}

static void print_funcs(const struct jited_src *s, struct bpf_prog_linfo *linfo)
{
	const struct bpf_prog_info *info = &s->pi->info;
	const __u32 *lens = (const void *)(uintptr_t)info->jited_func_lens;
	struct jited_func fn = { .src = s, .img = (const void *)(uintptr_t)info->jited_prog_insns };
	__u32 i;

	if (out_json())
		jsonw_start_array(out_json());
	for (i = 0; i < info->nr_jited_func_lens; i++) {
		fn.len = lens[i];
		fn.idx = i;
		fn.linfo = linfo;
		fn.nr_skip = 0;
		print_func(&fn);
		fn.img += lens[i];
	}
	if (out_json())
		jsonw_end_array(out_json());
}

int dump_jited_code(const struct jited_src *s)
{
	const struct bpf_prog_info *info = &s->pi->info;
	struct jited_func whole = {
		.src = s, .img = (const void *)(uintptr_t)info->jited_prog_insns,
		.len = info->jited_prog_len,
	};
	struct bpf_prog_linfo *linfo = NULL;

	if (!can_disassemble(s))
		p_info("bpfctl disassembles x86-64 code only: the image of program id %u "
		       "follows as bytes", info->id);
	if (!funcs_fit(info)) {
		print_insns(&whole);
		return 0;
	}
	if (s->btf && info->nr_line_info && info->nr_jited_line_info) {
		linfo = bpf_prog_linfo__new(info);
		if (!linfo)
			p_info("can't use the line info of program id %u: %s; continuing without",
			       info->id, strerror(errno));
	}
	print_funcs(s, linfo);
	bpf_prog_linfo__free(linfo);
	return 0;
}
