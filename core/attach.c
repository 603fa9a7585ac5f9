// SPDX-License-Identifier: BSD-2-Clause
/*
 * Auto-attach: bpf_program__attach() reads where to attach from what
 * follows the SEC() prefix ("tp/syscalls/sys_enter_getpid",
 * "uprobe/bin:func+8", "iter/task", ...) and calls the attach function of
 * the section's kind. Sections that name no target (SEC("xdp"),
 * SEC("kprobe"), cgroups...) give EOPNOTSUPP: there is nothing to attach
 * without the caller's target.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "log.h"
#include "object_internal.h"

int attach_prog_fd(const struct bpf_program *prog)
{
	int fd = bpf_program__fd(prog);

	if (fd < 0) {
		pr_warn("prog '%s': can't attach: the program is not loaded\n",
			bpf_program__name(prog));
		return -EINVAL;
	}
	return fd;
}

/* What SEC() says of a program: its kind ("kprobe", "uprobe.s") and target. */
struct sec_target {
	char kind[32];
	const char *target;	/* after "kind/", or NULL */
};

static int sec_target_of(const struct bpf_program *prog, struct sec_target *st)
{
	const char *sec = bpf_program__section_name(prog);
	const struct sec_def *def = sec_def_find(sec);
	size_t len;

	if (!def)
		return -ESRCH;
	len = strlen(def->sec);
	if (def->sec[len - 1] == '+')
		len--;
	if (len >= sizeof(st->kind))
		return -ESRCH;
	memcpy(st->kind, def->sec, len);
	st->kind[len] = '\0';
	st->target = sec[len] == '/' && sec[len + 1] ? sec + len + 1 : NULL;
	return 0;
}

/* "name+0x10" into name and offset; false when it isn't one. */
static bool split_func_offset(const char *s, char *name, size_t size, unsigned long *off)
{
	const char *plus = strchr(s, '+');
	size_t len = plus ? (size_t)(plus - s) : strlen(s);
	char *end;

	if (!len || len >= size)
		return false;
	memcpy(name, s, len);
	name[len] = '\0';
	*off = 0;
	if (plus) {
		*off = strtoul(plus + 1, &end, 0);
		if (end == plus + 1 || *end)
			return false;
	}
	return true;
}

static struct bpf_link *bad_target(const struct bpf_program *prog, const char *why)
{
	pr_warn("prog '%s': can't auto-attach SEC(\"%s\"): %s\n", bpf_program__name(prog),
		bpf_program__section_name(prog), why);
	return libbpf_err_ptr(-EINVAL);
}

static struct bpf_link *auto_tracepoint(const struct bpf_program *prog, const char *target)
{
	const char *slash = strchr(target, '/');
	char cat[128];

	if (!slash || slash == target || !slash[1] || (size_t)(slash - target) >= sizeof(cat))
		return bad_target(prog, "expected tracepoint CATEGORY/NAME");
	snprintf(cat, sizeof(cat), "%.*s", (int)(slash - target), target);
	return bpf_program__attach_tracepoint(prog, cat, slash + 1);
}

static struct bpf_link *auto_kprobe(const struct bpf_program *prog, const char *target,
				    bool retprobe)
{
	LIBBPF_OPTS(bpf_kprobe_opts, opts, .retprobe = retprobe);
	char func[256];

	if (!split_func_offset(target, func, sizeof(func), &opts.offset))
		return bad_target(prog, "expected FUNCTION[+OFFSET]");
	return bpf_program__attach_kprobe_opts(prog, func, &opts);
}

/* "uprobe/BINARY:FUNCTION[+OFFSET]" or "uprobe/BINARY:OFFSET"; any process. */
static struct bpf_link *auto_uprobe(const struct bpf_program *prog, const char *target,
				    bool retprobe)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .retprobe = retprobe);
	const char *colon = strchr(target, ':');
	char binary[4096], func[256];
	unsigned long off;
	char *end;

	if (!colon || colon == target || !colon[1] || (size_t)(colon - target) >= sizeof(binary))
		return bad_target(prog, "expected BINARY:FUNCTION[+OFFSET]");
	snprintf(binary, sizeof(binary), "%.*s", (int)(colon - target), target);
	if (isdigit((unsigned char)colon[1])) {
		off = strtoul(colon + 1, &end, 0);
		if (*end)
			return bad_target(prog, "expected BINARY:OFFSET");
	} else {
		if (!split_func_offset(colon + 1, func, sizeof(func), &off))
			return bad_target(prog, "expected BINARY:FUNCTION[+OFFSET]");
		opts.func_name = func;
	}
	return bpf_program__attach_uprobe_opts(prog, -1, binary, off, &opts);
}

/* "usdt/BINARY:PROVIDER:NAME" */
static struct bpf_link *auto_usdt(const struct bpf_program *prog, const char *target)
{
	char binary[4096], provider[128], name[128];

	if (sscanf(target, "%4095[^:]:%127[^:]:%127s", binary, provider, name) != 3)
		return bad_target(prog, "expected BINARY:PROVIDER:NAME");
	return bpf_program__attach_usdt(prog, -1, binary, provider, name, NULL);
}

/* "uprobe.multi/BINARY:PATTERN" (and uretprobe.multi, uprobe.session); any process. */
static struct bpf_link *auto_uprobe_multi(const struct bpf_program *prog, const char *target,
					  bool retprobe, bool session)
{
	LIBBPF_OPTS(bpf_uprobe_multi_opts, opts, .retprobe = retprobe, .session = session);
	const char *colon = strchr(target, ':');
	char binary[4096];

	if (!colon || colon == target || !colon[1] || (size_t)(colon - target) >= sizeof(binary))
		return bad_target(prog, "expected BINARY:PATTERN");
	snprintf(binary, sizeof(binary), "%.*s", (int)(colon - target), target);
	return bpf_program__attach_uprobe_multi(prog, -1, binary, colon + 1, &opts);
}

/* A kind that is k, or k with the sleepable suffix ".s". */
static bool kind_is(const char *kind, const char *k)
{
	size_t len = strlen(k);

	return !strncmp(kind, k, len) && (!kind[len] || !strcmp(kind + len, ".s"));
}

static struct bpf_link *auto_kprobe_family(const struct bpf_program *prog,
					   const struct sec_target *st)
{
	LIBBPF_OPTS(bpf_kprobe_multi_opts, mopts);
	LIBBPF_OPTS(bpf_ksyscall_opts, sopts);
	const char *k = st->kind;
	bool ret = strstr(k, "ret") != NULL;

	if (!strcmp(k, "kprobe") || !strcmp(k, "kretprobe"))
		return auto_kprobe(prog, st->target, ret);
	if (!strcmp(k, "ksyscall") || !strcmp(k, "kretsyscall")) {
		sopts.retprobe = ret;
		return bpf_program__attach_ksyscall(prog, st->target, &sopts);
	}
	if (!strcmp(k, "kprobe.multi") || !strcmp(k, "kretprobe.multi")) {
		mopts.retprobe = ret;
		return bpf_program__attach_kprobe_multi_opts(prog, st->target, &mopts);
	}
	if (!strcmp(k, "kprobe.session")) {
		mopts.session = true;
		return bpf_program__attach_kprobe_multi_opts(prog, st->target, &mopts);
	}
	if (kind_is(k, "uprobe.multi") || kind_is(k, "uretprobe.multi"))
		return auto_uprobe_multi(prog, st->target, ret, false);
	if (kind_is(k, "uprobe.session"))
		return auto_uprobe_multi(prog, st->target, false, true);
	if (!strcmp(k, "uprobe") || !strcmp(k, "uretprobe") || !strcmp(k, "uprobe.s") ||
	    !strcmp(k, "uretprobe.s"))
		return auto_uprobe(prog, st->target, ret);
	if (!strcmp(k, "usdt") || !strcmp(k, "usdt.s"))
		return auto_usdt(prog, st->target);
	pr_warn("prog '%s': can't auto-attach SEC(\"%s\"): %s attachment is not supported by "
		"this library\n", bpf_program__name(prog), bpf_program__section_name(prog), k);
	return libbpf_err_ptr(-EOPNOTSUPP);
}

/*
 * Whether SEC() says enough to attach: BTF-typed programs carry their
 * target from load, the kinds below name it after the prefix.
 */
static bool has_auto_target(const struct bpf_program *prog, const struct sec_target *st)
{
	switch (bpf_program__type(prog)) {
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_EXT:
		return true;
	case BPF_PROG_TYPE_LSM:
		return bpf_program__expected_attach_type(prog) == BPF_LSM_MAC;
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
	case BPF_PROG_TYPE_KPROBE:
		return st->target != NULL;
	default:
		return false;
	}
}

/* Attach by the section's kind, which has_auto_target() accepted. */
static struct bpf_link *auto_attach(const struct bpf_program *prog, const struct sec_target *st)
{
	switch (bpf_program__type(prog)) {
	case BPF_PROG_TYPE_TRACING:
		if (bpf_program__expected_attach_type(prog) == BPF_TRACE_ITER)
			return bpf_program__attach_iter(prog, NULL);
		if (strstr(st->kind, ".multi"))
			return st->target ? bpf_program__attach_tracing_multi(prog, st->target, NULL)
					  : libbpf_err_ptr(-EOPNOTSUPP);
		return bpf_program__attach_trace(prog);
	case BPF_PROG_TYPE_LSM:
		return bpf_program__attach_lsm(prog);
	case BPF_PROG_TYPE_EXT:
		return bpf_program__attach_trace(prog);
	case BPF_PROG_TYPE_TRACEPOINT:
		return auto_tracepoint(prog, st->target);
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
		return bpf_program__attach_raw_tracepoint(prog, st->target);
	case BPF_PROG_TYPE_KPROBE:
		return auto_kprobe_family(prog, st);
	default:
		return libbpf_err_ptr(-EOPNOTSUPP);
	}
}

struct bpf_link *bpf_program__attach(const struct bpf_program *prog)
{
	struct sec_target st;
	struct bpf_link *link;
	int err;

	err = attach_prog_fd(prog);
	if (err < 0)
		return libbpf_err_ptr(err);
	if (prog->has_handler)
		return prog_handler_attach(prog);
	if (sec_target_of(prog, &st)) {
		pr_debug("prog '%s': SEC(\"%s\") names no attach point\n", bpf_program__name(prog),
			 bpf_program__section_name(prog));
		return libbpf_err_ptr(-EOPNOTSUPP);
	}
	if (!has_auto_target(prog, &st)) {
		pr_debug("prog '%s': SEC(\"%s\") can't be attached without a target\n",
			 bpf_program__name(prog), bpf_program__section_name(prog));
		return libbpf_err_ptr(-EOPNOTSUPP);
	}
	link = auto_attach(prog, &st);
	/*
	 * EOPNOTSUPP tells callers (skeletons, autoattach) the section names no
	 * target; a kernel or library lacking what the target needs is a failure.
	 */
	if (!link && errno == EOPNOTSUPP)
		return libbpf_err_ptr(-ENOSYS);
	return link;
}
