// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog dump": the translated instructions of programs as bpftool
 * prints them (function signatures and source lines from the program's
 * BTF, helpers and kernel functions by name, maps by id), their raw
 * bytes or control flow graph; the jited image disassembled or into a
 * file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "cmd.h"
#include "insn_print.h"
#include "json_writer.h"
#include "object.h"
#include "output.h"
#include "prog_dump_jited.h"
#include "prog_dump_visual.h"
#include "prog_func_sig.h"
#include "prog_ksyms.h"
#include "prog_line.h"
#include "prog_show.h"
#include "report.h"

#define FUNC_SIG_MAX	1024
#define HEX_BYTE_MAX	8	/* "0xff" and a NUL, rounded up */

enum dump_mode { DUMP_XLATED, DUMP_JITED };

static const struct keyword modes[] = {
	[DUMP_XLATED] = { "xlated" },
	[DUMP_JITED] = { "jited" },
};

enum dump_option { OPT_FILE, OPT_OPCODES, OPT_VISUAL, OPT_LINUM };

static const struct keyword dump_options[] = {
	[OPT_FILE] = { "file" },
	[OPT_OPCODES] = { "opcodes" },
	[OPT_VISUAL] = { "visual" },
	[OPT_LINUM] = { "linum" },
};

struct dump_opts {
	enum dump_mode mode;
	const char *file;
	bool opcodes, visual, linum;
};

/* One program being dumped. */
struct dump_ctx {
	const struct dump_opts *o;
	const struct prog_info *pi;
	const struct btf *btf;		/* the program's, or NULL */
	const struct ksyms *ks;
	__u32 next_func;		/* func_info records printed */
	__u32 next_line;		/* line_info records printed */
};

static const struct bpf_insn *dump_insns(const struct dump_ctx *d)
{
	return (const struct bpf_insn *)(uintptr_t)d->pi->info.xlated_prog_insns;
}

static __u32 dump_insn_cnt(const struct dump_ctx *d)
{
	return d->pi->info.xlated_prog_len / sizeof(struct bpf_insn);
}

/* Calls the kernel has resolved to addresses: name them from kallsyms. */
static const char *xlated_call(void *ctx, const struct bpf_insn *insn, char *buf, size_t size)
{
	const struct dump_ctx *d = ctx;
	const struct bpf_prog_info *info = &d->pi->info;
	const __u64 *jited = (const __u64 *)(uintptr_t)info->jited_ksyms;
	__u64 addr = ksyms_call_base(d->ks) + (__s64)insn->imm;
	bool pcrel = insn->src_reg == BPF_PSEUDO_CALL;
	const char *sym;

	if (pcrel && jited && (__u32)insn->imm < info->nr_jited_ksyms)
		addr = jited[insn->imm];
	sym = ksyms_name(d->ks, addr);
	if (pcrel && !info->nr_jited_ksyms)
		snprintf(buf, size, "%+d", insn->off);	/* interpreted: no address */
	else if (pcrel && sym)
		snprintf(buf, size, "%+d#%s", insn->off, sym);
	else if (pcrel)
		snprintf(buf, size, "%+d#0x%llx", insn->off, (unsigned long long)addr);
	else if (sym)
		snprintf(buf, size, "%s", sym);
	else
		snprintf(buf, size, "0x%llx", (unsigned long long)addr);
	return buf;
}

/* The signature of the function starting at insn i, if one does. */
static const char *func_at(struct dump_ctx *d, __u32 i, char *buf, size_t size)
{
	const struct bpf_func_info *fi;

	if (!d->btf || d->next_func >= d->pi->info.nr_func_info)
		return NULL;
	fi = prog_func_info(d->pi, d->next_func);
	if (fi->insn_off != i)
		return NULL;
	d->next_func++;
	if (func_sig(d->btf, fi->type_id, buf, size) || !buf[0])
		return NULL;
	return buf;
}

/*
 * The source line recorded for insn i: the last record at or before i
 * among those not printed yet, if it is at i.
 */
static const struct bpf_line_info *line_at(struct dump_ctx *d, __u32 i)
{
	const struct bpf_line_info *li = NULL, *r;
	__u32 k;

	if (!d->btf)
		return NULL;
	for (k = d->next_line; k < d->pi->info.nr_line_info; k++) {
		r = prog_line_info(d->pi, k);
		if (r->insn_off > i)
			break;
		li = r;
	}
	if (!li || li->insn_off != i)
		return NULL;
	d->next_line++;
	return li;
}

static void hex_text(FILE *f, const void *p, size_t n)
{
	const __u8 *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "%s%02x", i ? " " : "", b[i]);
}

static void hex_json(struct json_writer *w, const char *name, const void *p, size_t n)
{
	const __u8 *b = p;
	char hex[HEX_BYTE_MAX];
	size_t i;

	jsonw_name(w, name);
	jsonw_start_array(w);
	for (i = 0; i < n; i++) {
		snprintf(hex, sizeof(hex), "0x%02x", b[i]);
		jsonw_string(w, hex);
	}
	jsonw_end_array(w);
}

static void opcodes_json(const struct bpf_insn *insn, unsigned int len)
{
	struct json_writer *w = out_json();
	char hex[HEX_BYTE_MAX];

	jsonw_name(w, "opcodes");
	jsonw_start_object(w);
	snprintf(hex, sizeof(hex), "0x%02x", insn->code);
	jsonw_string_field(w, "code", hex);
	snprintf(hex, sizeof(hex), "0x%x", insn->src_reg);
	jsonw_string_field(w, "src_reg", hex);
	snprintf(hex, sizeof(hex), "0x%x", insn->dst_reg);
	jsonw_string_field(w, "dst_reg", hex);
	hex_json(w, "off", &insn->off, sizeof(insn->off));
	/* a 64-bit immediate load: imm, and all of the second half */
	hex_json(w, "imm", &insn->imm, len == 2 ? 4 + sizeof(*insn) : 4);
	jsonw_end_object(w);
}

/* One instruction (two for a 64-bit immediate); returns how many. */
static unsigned int dump_insn(struct dump_ctx *d, __u32 i)
{
	const struct insn_resolver res = { xlated_call, d };
	const struct bpf_insn *insn = dump_insns(d) + i;
	char sig[FUNC_SIG_MAX], text[INSN_TEXT_MAX];
	const struct bpf_line_info *li;
	struct json_writer *w = out_json();
	FILE *f = out_stream();
	unsigned int len;

	if (w)
		jsonw_start_object(w);
	if (func_at(d, i, sig, sizeof(sig))) {
		if (w)
			jsonw_string_field(w, "proto", sig);
		else
			fprintf(f, "%s:\n", sig);
	}
	li = line_at(d, i);
	if (li && w)
		prog_line_json(d->btf, li, d->o->linum);
	else if (li)
		prog_line_text(d->btf, li, d->o->linum);
	len = insn_print(insn, dump_insn_cnt(d) - i, &res, text, sizeof(text));
	if (w) {
		jsonw_string_field(w, "disasm", text);
		if (d->o->opcodes)
			opcodes_json(insn, len);
		jsonw_end_object(w);
		return len;
	}
	fprintf(f, "%4u: %s\n", i, text);
	if (d->o->opcodes) {
		fputs("       ", f);
		hex_text(f, insn, len * sizeof(*insn));
		fputc('\n', f);
	}
	return len;
}

static int dump_xlated_visual(struct dump_ctx *d)
{
	const struct insn_resolver res = { xlated_call, d };
	const struct visual_src src = {
		.pi = d->pi, .btf = d->btf, .res = &res,
		.opcodes = d->o->opcodes, .linum = d->o->linum,
	};

	return dump_visual(out_stream(), &src);
}

static void dump_xlated(struct dump_ctx *d)
{
	__u32 i, cnt = dump_insn_cnt(d);

	if (out_json())
		jsonw_start_array(out_json());
	for (i = 0; i < cnt; i += dump_insn(d, i))
		;
	if (out_json())
		jsonw_end_array(out_json());
}

/* The raw instructions or image into the file of "file FILE". */
static int dump_to_file(const struct dump_opts *o, const void *data, __u32 len)
{
	ssize_t n;
	int fd;

	fd = open(o->file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		p_err("can't open '%s': %s", o->file, strerror(errno));
		return -errno;
	}
	n = write(fd, data, len);
	if (n != (ssize_t)len) {
		p_err("can't write '%s': %s", o->file, n < 0 ? strerror(errno) : "short write");
		close(fd);
		return n < 0 ? -errno : -EIO;
	}
	if (close(fd)) {
		p_err("can't write '%s': %s", o->file, strerror(errno));
		return -errno;
	}
	if (out_json())
		jsonw_null(out_json());
	return 0;
}

/* The program's BTF, or NULL for none; -errno reported. */
static int load_prog_btf(const struct prog_info *pi, struct btf **btf)
{
	*btf = NULL;
	if (!pi->info.btf_id)
		return 0;
	*btf = btf__load_from_kernel_by_id(pi->info.btf_id);
	if (!*btf) {
		p_err("can't load BTF id %u of program id %u: %s", pi->info.btf_id, pi->info.id,
		      lib_reason(errno));
		return -errno;
	}
	return 0;
}

static int dump_jited(const struct dump_opts *o, const struct prog_info *pi,
		      const struct ksyms *ks)
{
	const void *image = (const void *)(uintptr_t)pi->info.jited_prog_insns;
	struct jited_src src = { .pi = pi, .ks = ks, .opcodes = o->opcodes, .linum = o->linum };
	struct btf *btf;
	int err;

	if (!pi->info.jited_prog_len || !image) {
		p_err("program id %u has no jited image%s", pi->info.id,
		      pi->info.jited_prog_len ? " readable (kernel.kptr_restrict set?)" : "");
		return -ENOENT;
	}
	if (o->file)
		return dump_to_file(o, image, pi->info.jited_prog_len);
	err = load_prog_btf(pi, &btf);
	if (err)
		return err;
	src.btf = btf;
	err = dump_jited_code(&src);
	btf__free(btf);
	return err;
}

static int dump_prog_xlated(const struct dump_opts *o, const struct prog_info *pi,
			    const struct ksyms *ks)
{
	struct dump_ctx d = { .o = o, .pi = pi, .ks = ks };
	struct btf *btf = NULL;
	int err;

	if (!pi->info.xlated_prog_len || !pi->info.xlated_prog_insns) {
		p_err("can't read the instructions of program id %u (kernel.kptr_restrict set?)",
		      pi->info.id);
		return -EPERM;
	}
	if (o->file)
		return dump_to_file(o, dump_insns(&d), pi->info.xlated_prog_len);
	err = load_prog_btf(pi, &btf);
	if (err)
		return err;
	d.btf = btf;
	err = o->visual ? dump_xlated_visual(&d) : 0;
	if (!o->visual)
		dump_xlated(&d);
	btf__free(btf);
	return err;
}

static int dump_one(int fd, const struct dump_opts *o, const struct ksyms *ks, bool several)
{
	struct prog_info pi;
	int err;

	err = prog_info_get(fd, o->mode == DUMP_JITED ? PROG_INFO_JITED | PROG_INFO_XLATED :
			    PROG_INFO_XLATED, &pi);
	if (err)
		return err;
	if (several && out_json()) {
		jsonw_start_object(out_json());
		prog_header_json(fd, &pi);
		jsonw_name(out_json(), "insns");
	} else if (several) {
		prog_header_text(fd, &pi);
	}
	if (o->mode == DUMP_JITED)
		err = dump_jited(o, &pi, ks);
	else
		err = dump_prog_xlated(o, &pi, ks);
	if (several && out_json() && !err)
		jsonw_end_object(out_json());
	prog_info_free(&pi);
	return err;
}

static int parse_dump_options(int argc, char **argv, struct dump_opts *o)
{
	int k;

	while (argc) {
		k = KEYWORD_MATCH(argv[0], dump_options, "prog dump option");
		if (k < 0)
			return k;
		if (k == OPT_FILE) {
			o->file = keyword_value(argc, argv, "file", "a FILE");
			if (!o->file)
				return -EINVAL;
			argc--;
			argv++;
		}
		o->opcodes |= k == OPT_OPCODES;
		o->visual |= k == OPT_VISUAL;
		o->linum |= k == OPT_LINUM;
		argc--;
		argv++;
	}
	if (o->file && (o->opcodes || o->visual || o->linum)) {
		p_err("'file' can't be combined with 'opcodes', 'visual' or 'linum'");
		return -EINVAL;
	}
	if (o->visual && out_json()) {
		p_err("'visual' (a DOT graph) can't be printed as JSON");
		return -EINVAL;
	}
	if (o->visual && o->mode == DUMP_JITED) {
		p_err("'visual' draws translated instructions: use it with 'xlated'");
		return -EINVAL;
	}
	return 0;
}

static int dump_all(int *fds, int cnt, const struct dump_opts *o)
{
	struct ksyms *ks = o->file ? NULL : ksyms_load();
	int i, err = 0;

	if (out_json() && cnt > 1)
		jsonw_start_array(out_json());
	for (i = 0; !err && i < cnt; i++) {
		if (i && !out_json())
			fputc('\n', out_stream());
		err = dump_one(fds[i], o, ks, cnt > 1);
	}
	if (!err && out_json() && cnt > 1)
		jsonw_end_array(out_json());
	ksyms_free(ks);
	return err;
}

int do_prog_dump(int argc, char **argv)
{
	struct dump_opts o = { 0 };
	int *fds, cnt, k, err;

	if (!argc) {
		p_err("missing 'xlated' or 'jited' after 'prog dump'");
		return -EINVAL;
	}
	k = KEYWORD_MATCH(argv[0], modes, "prog dump mode");
	if (k < 0)
		return k;
	o.mode = k;
	argc--;
	argv++;
	cnt = obj_select(OBJ_PROG, &argc, &argv, &fds);
	if (cnt < 0)
		return cnt;
	err = parse_dump_options(argc, argv, &o);
	if (!err && cnt > 1 && o.file) {
		p_err("%d programs match, 'file' takes one; select one by id", cnt);
		err = -EINVAL;
	}
	if (!err)
		err = dump_all(fds, cnt, &o);
	obj_fds_close(fds, cnt);
	return err;
}
