// SPDX-License-Identifier: BSD-2-Clause
/*
 * "feature probe", what the kernel (or an offload device) can run: the
 * bpf() syscall, program types, map types, helpers per program type and
 * the instruction set features. The kernel probes are the library's;
 * a device gets its own loads with its ifindex, and only the types that
 * can be offloaded (XDP and TC programs, hash and array maps).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "feature.h"
#include "insn_print.h"
#include "json_writer.h"
#include "output.h"

#define MAX_TYPES	128
#define MAX_INSNS	4096	/* BPF_MAXINSNS: the old limit of program size */

static const struct bpf_insn insn_exit = { .code = BPF_JMP | BPF_EXIT };

static struct bpf_insn insn_mov(__s32 imm)
{
	return (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .imm = imm };
}

static struct bpf_insn insn_jmp(__u8 cls, __u8 op, __s32 imm, __s16 off)
{
	return (struct bpf_insn){ .code = cls | op | BPF_K, .imm = imm, .off = off };
}

/* "name" + suffix, upper-cased for macros. */
static void type_names(const char *name, const char *kind, char *json, char *macro, size_t sz)
{
	size_t i;

	snprintf(json, sz, "have_%s_%s", name, kind);
	snprintf(macro, sz, "%s_%s", name, kind);
	for (i = 0; macro[i]; i++)
		macro[i] = toupper((unsigned char)macro[i]);
}

/*
 * Load insns as a program of type on the device: true if it loaded. A
 * device that does not offload refuses with EINVAL or EOPNOTSUPP.
 */
static bool device_prog_load(const struct feature_run *run, enum bpf_prog_type type,
			     const struct bpf_insn *insns, size_t cnt, char *log, size_t log_sz)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .prog_ifindex = run->ifindex);
	int fd;

	if (log) {
		log[0] = '\0';
		opts.log_buf = log;
		opts.log_size = log_sz;
		opts.log_level = 1;
	}
	fd = bpf_prog_load(type, NULL, "GPL", insns, cnt, &opts);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static bool offloadable_prog(enum bpf_prog_type type)
{
	return type == BPF_PROG_TYPE_SCHED_CLS || type == BPF_PROG_TYPE_XDP;
}

static bool probe_prog_type(const struct feature_run *run, enum bpf_prog_type type)
{
	/* exit(2): some offload firmware refuses a TC program returning 0 */
	const struct bpf_insn insns[] = { insn_mov(2), insn_exit };
	bool ok;

	errno = 0;
	if (run->device)
		ok = device_prog_load(run, type, insns, 2, NULL, 0);
	else
		ok = libbpf_probe_bpf_prog_type(type, NULL) > 0;
	/* without capabilities a refusal for EPERM says nothing of the type */
	return ok && !(run->unprivileged && errno == EPERM);
}

static void section_prog_types(const struct feature_run *run, bool *supported)
{
	char json[128], macro[128], text[160];
	const char *name;
	unsigned int t;

	feature_section_begin(run, "program_types", "Scanning eBPF program types...",
			      "/*** eBPF program types ***/");
	for (t = 1; t < MAX_TYPES && (name = libbpf_bpf_prog_type_str(t)); t++) {
		if (run->device && !offloadable_prog(t))
			continue;
		supported[t] = probe_prog_type(run, t);
		type_names(name, "prog_type", json, macro, sizeof(json));
		snprintf(text, sizeof(text), "eBPF program_type %s", name);
		feature_print_bool(run, json, text, macro, supported[t]);
	}
	feature_section_end(run);
}

static bool probe_map_type(const struct feature_run *run, enum bpf_map_type type)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_ifindex = run->ifindex);
	int fd;

	if (!run->device)
		return libbpf_probe_bpf_map_type(type, NULL) > 0;
	fd = bpf_map_create(type, NULL, 4, 4, 1, &opts);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static void section_map_types(const struct feature_run *run)
{
	char json[128], macro[128], text[160];
	const char *name;
	unsigned int t;

	feature_section_begin(run, "map_types", "Scanning eBPF map types...",
			      "/*** eBPF map types ***/");
	for (t = 1; t < MAX_TYPES && (name = libbpf_bpf_map_type_str(t)); t++) {
		if (run->device && t != BPF_MAP_TYPE_HASH && t != BPF_MAP_TYPE_ARRAY)
			continue;
		type_names(name, "map_type", json, macro, sizeof(json));
		snprintf(text, sizeof(text), "eBPF map_type %s", name);
		feature_print_bool(run, json, text, macro, probe_map_type(run, t));
	}
	feature_section_end(run);
}

/* The verifier's words for a helper it does not allow, device firmware's too. */
static bool device_helper_refused(const char *log)
{
	static const char *const words[] = {
		"invalid func ", "unknown func ", "program of this type cannot use helper ",
		"not supported by FW", "unsupported function id",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(log, words[i]))
			return true;
	return false;
}

static bool probe_helper(const struct feature_run *run, enum bpf_prog_type type, __u32 id)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = (__s32)id }, insn_exit,
	};
	char log[4096];
	bool ok;

	errno = 0;
	if (run->device) {
		ok = device_prog_load(run, type, insns, 2, log, sizeof(log));
		return ok || (*log && !device_helper_refused(log));
	}
	ok = libbpf_probe_bpf_helper(type, id, NULL) > 0;
	return ok && !(run->unprivileged && errno == EPERM);
}

/* Helpers whose use writes to the kernel log: probed only in full mode. */
static bool noisy_helper(__u32 id)
{
	return id == BPF_FUNC_trace_printk || id == BPF_FUNC_probe_write_user ||
	       id == BPF_FUNC_trace_vprintk;
}

static void print_helper(const struct feature_run *run, const char *type_name,
			 const char *helper, bool ok)
{
	if (out_json() && ok)
		jsonw_string(out_json(), helper);
	else if (!out_json() && run->prefix)
		fprintf(out_stream(), "#define %sBPF__PROG_TYPE_%s__HELPER_%s %d\n", run->prefix,
			type_name, helper, ok);
	else if (!out_json() && ok)
		fprintf(out_stream(), "\n\t- %s", helper);
}

static void helpers_of_type(const struct feature_run *run, enum bpf_prog_type type,
			    const char *name, bool supported)
{
	bool any = false, ok;
	const char *helper;
	char field[128];
	__u32 id;

	if (out_json()) {
		snprintf(field, sizeof(field), "%s_available_helpers", name);
		jsonw_name(out_json(), field);
		jsonw_start_array(out_json());
	} else if (!run->prefix) {
		fprintf(out_stream(), "eBPF helpers supported for program type %s:", name);
	}
	for (id = 1; (helper = insn_helper_name(id)); id++) {
		if (noisy_helper(id) && !run->full)
			continue;
		ok = supported && probe_helper(run, type, id);
		print_helper(run, name, helper, ok);
		any |= ok;
	}
	if (out_json())
		jsonw_end_array(out_json());
	else if (!run->prefix && any)
		fprintf(out_stream(), "\n");
	else if (!run->prefix)
		fprintf(out_stream(), "\n\t%s\n",
			supported ? "Could not determine which helpers are available" :
				    "Program type not supported");
}

static void section_helpers(const struct feature_run *run, const bool *supported)
{
	const char *p = run->prefix, *name;
	unsigned int t;

	feature_section_begin(run, "helpers", "Scanning eBPF helper functions...",
			      "/*** eBPF helper functions ***/");
	if (p && !out_json())
		fprintf(out_stream(),
			"/*\n"
			" * Use %sHAVE_PROG_TYPE_HELPER(prog_type_name, helper_name)\n"
			" * to determine if <helper_name> is available for <prog_type_name>,\n"
			" * e.g.\n"
			" *	#if %sHAVE_PROG_TYPE_HELPER(xdp, bpf_redirect)\n"
			" *		// do stuff with this helper\n"
			" *	#elif\n"
			" *		// use a workaround\n"
			" *	#endif\n"
			" */\n"
			"#define %sHAVE_PROG_TYPE_HELPER(prog_type, helper)	\\\n"
			"	%sBPF__PROG_TYPE_ ## prog_type ## __HELPER_ ## helper\n",
			p, p, p, p);
	for (t = 1; t < MAX_TYPES && (name = libbpf_bpf_prog_type_str(t)); t++) {
		if (run->device && !offloadable_prog(t))
			continue;
		helpers_of_type(run, t, name, supported[t]);
	}
	feature_section_end(run);
}

/* Load insns as a socket filter (on the device, if any): does the kernel take them? */
static bool probe_insns(const struct feature_run *run, const struct bpf_insn *insns, size_t cnt)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .prog_ifindex = run->ifindex);
	int fd;

	errno = 0;
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, cnt, &opts);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* More than the old 4096-instruction limit (5.3). */
static bool probe_large_insn_limit(const struct feature_run *run)
{
	static struct bpf_insn insns[MAX_INSNS + 1];
	int i;

	for (i = 0; i < MAX_INSNS; i++)
		insns[i] = insn_mov(1);
	insns[MAX_INSNS] = insn_exit;
	return probe_insns(run, insns, MAX_INSNS + 1);
}

/* A loop counting down from 10 (5.3). */
static bool probe_bounded_loops(const struct feature_run *run)
{
	const struct bpf_insn insns[] = {
		insn_mov(10),
		{ .code = BPF_ALU64 | BPF_SUB | BPF_K, .imm = 1 },
		insn_jmp(BPF_JMP, BPF_JNE, 0, -2),
		insn_exit,
	};

	return probe_insns(run, insns, 4);
}

/* v2: the jumps JLT, JLE, JSLT, JSLE (4.14); v3: 32-bit jumps (5.1). */
static bool probe_isa_v2_v3(const struct feature_run *run, __u8 cls)
{
	const struct bpf_insn insns[] = {
		insn_mov(0), insn_jmp(cls, BPF_JLT, 0, 1), insn_mov(1), insn_exit,
	};

	return probe_insns(run, insns, 4);
}

/* v4: sign extension, bswap, sdiv/smod and the 32-bit offset goto "gotol" (6.6). */
static bool probe_isa_v4(const struct feature_run *run)
{
	const struct bpf_insn insns[] = {
		insn_mov(0),
		insn_jmp(BPF_JMP32, BPF_JEQ, 1, 1),
		insn_jmp(BPF_JMP32, BPF_JA, 1, 0),	/* gotol +1: offset in imm */
		insn_mov(1),
		insn_exit,
	};

	return probe_insns(run, insns, 5);
}

static void section_misc(const struct feature_run *run)
{
	feature_section_begin(run, "misc", "Scanning miscellaneous eBPF features...",
			      "/*** eBPF misc features ***/");
	feature_print_bool(run, "have_large_insn_limit", "Large program size limit",
			   "LARGE_INSN_LIMIT", probe_large_insn_limit(run));
	feature_print_bool(run, "have_bounded_loops", "Bounded loop support", "BOUNDED_LOOPS",
			   probe_bounded_loops(run));
	feature_print_bool(run, "have_v2_isa_extension", "ISA extension v2", "V2_ISA_EXTENSION",
			   probe_isa_v2_v3(run, BPF_JMP));
	feature_print_bool(run, "have_v3_isa_extension", "ISA extension v3", "V3_ISA_EXTENSION",
			   probe_isa_v2_v3(run, BPF_JMP32));
	feature_print_bool(run, "have_v4_isa_extension", "ISA extension v4", "V4_ISA_EXTENSION",
			   probe_isa_v4(run));
	feature_section_end(run);
}

/* bpf(2) exists unless the call fails with ENOSYS. */
static bool probe_bpf_syscall(void)
{
	bpf_prog_load(BPF_PROG_TYPE_UNSPEC, NULL, NULL, NULL, 0, NULL);
	return errno != ENOSYS;
}

void feature_kernel(const struct feature_run *run)
{
	bool supported[MAX_TYPES] = { false };
	bool have_bpf = probe_bpf_syscall();

	feature_section_begin(run, "syscall_config", "Scanning system call availability...",
			      "/*** System call availability ***/");
	feature_print_bool(run, "have_bpf_syscall", "bpf() syscall", "BPF_SYSCALL", have_bpf);
	feature_section_end(run);
	/* without bpf(), every other probe would only repeat ENOSYS */
	if (!have_bpf)
		return;
	section_prog_types(run, supported);
	section_map_types(run);
	section_helpers(run, supported);
	section_misc(run);
}
