// SPDX-License-Identifier: BSD-2-Clause
/*
 * uprobe.multi and uprobe.session: one BPF link (BPF_TRACE_UPROBE_MULTI or
 * BPF_TRACE_UPROBE_SESSION, Linux 6.6 and 6.13) probing many functions of
 * one binary, named by a glob over its symbol tables, by exact names, or
 * given as file offsets.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "log.h"
#include "opts.h"

/* Not in the 6.1 UAPI headers. */
#define ATTACH_UPROBE_MULTI	48
#define ATTACH_UPROBE_SESSION	57
#define UPROBE_MULTI_RETURN	(1U << 0)

/* What one call attaches, resolved from its arguments. */
struct umulti {
	const char *prog;
	const char *pattern;
	const char **syms;
	const unsigned long *offsets;
	const unsigned long *ref_ctr_offsets;
	const __u64 *cookies;
	size_t cnt;
	bool retprobe;
	bool session;
	char path[PATH_MAX];
	char what[PATH_MAX + 300];	/* "uprobe.multi to '/bin/x:f*'" for errors */
};

static const char *umulti_kind(const struct umulti *u)
{
	if (u->session)
		return "uprobe.session";
	return u->retprobe ? "uretprobe.multi" : "uprobe.multi";
}

/*
 * The two ways of naming the probes: a pattern alone, or cnt with syms or
 * offsets (one of them) and optional ref_ctr_offsets and cookies.
 */
static int umulti_check_args(const struct umulti *u, const char *binary_path)
{
	const char *why = NULL;

	if (!binary_path || !*binary_path)
		why = "no binary given";
	else if (u->retprobe && u->session)
		why = "a session can't be a return probe: it runs at both entry and return";
	else if (u->pattern && (u->syms || u->offsets || u->ref_ctr_offsets || u->cookies ||
				u->cnt))
		why = "a pattern excludes syms, offsets, ref_ctr_offsets, cookies and cnt";
	else if (!u->pattern && !u->cnt)
		why = "needs a pattern, or cnt with syms or offsets";
	else if (!u->pattern && !u->syms == !u->offsets)
		why = "needs either syms or offsets (one of them) with cnt";
	if (!why)
		return 0;
	pr_warn("prog '%s': can't attach %s: %s\n", u->prog, umulti_kind(u), why);
	return -EINVAL;
}

/*
 * The kernel attaches only programs loaded for the link's attach type;
 * saying so here beats its bare EINVAL.
 */
static int umulti_check_prog(const struct bpf_program *prog, const struct umulti *u)
{
	__u32 want = u->session ? ATTACH_UPROBE_SESSION : ATTACH_UPROBE_MULTI;

	if ((__u32)bpf_program__expected_attach_type(prog) == want)
		return 0;
	pr_warn("prog '%s': can't attach %s: the program was not loaded as %s "
		"(SEC(\"%s\") declares %s)\n", u->prog, u->what,
		u->session ? "uprobe.session" : "uprobe.multi", bpf_program__section_name(prog),
		libbpf_bpf_attach_type_str(bpf_program__expected_attach_type(prog)) ?: "?");
	return -EINVAL;
}

/* File offsets of the probes: as given, or resolved from the pattern or names. */
static int umulti_offsets(struct umulti *u, unsigned long **resolved)
{
	int err;

	*resolved = NULL;
	if (u->pattern)
		return elf_pattern_offsets(u->prog, u->what, u->path, u->pattern, resolved,
					   &u->cnt);
	if (!u->syms)
		return 0;
	*resolved = calloc(u->cnt, sizeof(**resolved));
	if (!*resolved)
		return -ENOMEM;
	err = elf_syms_offsets(u->prog, u->what, u->path, (const char *const *)u->syms, u->cnt,
			       *resolved);
	if (err) {
		free(*resolved);
		*resolved = NULL;
	}
	return err;
}

/*
 * Whether the kernel knows uprobe_multi links of attach type: one on a
 * directory fails with EBADF (not a regular file) where it does, EINVAL
 * where the attach type is unknown.
 */
static bool kernel_has_umulti(int prog_fd, __u32 attach_type)
{
	int err = uprobe_multi_try(prog_fd, attach_type, 0);

	return !err || err == EBADF;
}

static void umulti_failed(const struct umulti *u, int prog_fd, __u32 attach_type, int pid,
			  int err)
{
	const char *why;

	switch (err) {
	case -EOPNOTSUPP:
	case -524:	/* ENOTSUPP */
		why = "kernel lacks uprobe_multi links";
		break;
	case -EINVAL:
		why = kernel_has_umulti(prog_fd, attach_type) ?
			"the kernel refused an offset (not at an instruction of the file?)" :
			u->session ? "kernel lacks uprobe.session links (Linux 6.13)" :
				     "kernel lacks uprobe_multi links (Linux 6.6)";
		break;
	case -ESRCH:
		pr_warn("prog '%s': can't attach %s: no process %d\n", u->prog, u->what, pid);
		return;
	case -EBADF:
		why = "not a regular file";
		break;
	case -E2BIG:
		why = "too many probes for one link";
		break;
	default:
		why = strerror(-err);
		break;
	}
	pr_warn("prog '%s': can't attach %s: %s\n", u->prog, u->what, why);
}

/* Describe the target for errors: "uprobe.multi to '/bin/x:f*'" or "... 3 functions". */
static void umulti_describe(struct umulti *u, const char *binary)
{
	if (u->pattern)
		snprintf(u->what, sizeof(u->what), "%s to '%s:%s'", umulti_kind(u), binary,
			 u->pattern);
	else
		snprintf(u->what, sizeof(u->what), "%s to %zu %s%s in '%s'", umulti_kind(u),
			 u->cnt, u->syms ? "function" : "offset", u->cnt == 1 ? "" : "s", binary);
}

static struct bpf_link *umulti_link(const struct bpf_program *prog, struct umulti *u,
				    const unsigned long *offsets, pid_t pid)
{
	__u32 attach_type = u->session ? ATTACH_UPROBE_SESSION : ATTACH_UPROBE_MULTI;
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	int prog_fd = bpf_program__fd(prog), fd;

	lopts.uprobe_multi.path = u->path;
	lopts.uprobe_multi.offsets = offsets;
	lopts.uprobe_multi.ref_ctr_offsets = u->ref_ctr_offsets;
	lopts.uprobe_multi.cookies = u->cookies;
	lopts.uprobe_multi.cnt = u->cnt;
	lopts.uprobe_multi.flags = u->retprobe ? UPROBE_MULTI_RETURN : 0;
	/* the kernel takes 0 for "every process" */
	lopts.uprobe_multi.pid = pid > 0 ? (__u32)pid : 0;
	fd = bpf_link_create(prog_fd, 0, attach_type, &lopts);
	if (fd < 0) {
		fd = -errno;
		umulti_failed(u, prog_fd, attach_type, pid, fd);
		return libbpf_err_ptr(fd);
	}
	return link_new(fd);
}

struct bpf_link *bpf_program__attach_uprobe_multi(const struct bpf_program *prog, pid_t pid,
						  const char *binary_path,
						  const char *func_pattern,
						  const struct bpf_uprobe_multi_opts *opts)
{
	unsigned long *resolved = NULL;
	struct bpf_link *link = NULL;
	struct umulti *u;
	int err;

	if (!OPTS_VALID(opts, bpf_uprobe_multi_opts))
		return libbpf_err_ptr(-EINVAL);
	u = calloc(1, sizeof(*u));
	if (!u)
		return libbpf_err_ptr(-ENOMEM);
	u->prog = bpf_program__name(prog);
	u->pattern = func_pattern;
	u->syms = OPTS_GET(opts, syms, NULL);
	u->offsets = OPTS_GET(opts, offsets, NULL);
	u->ref_ctr_offsets = OPTS_GET(opts, ref_ctr_offsets, NULL);
	u->cookies = OPTS_GET(opts, cookies, NULL);
	u->cnt = OPTS_GET(opts, cnt, 0);
	u->retprobe = OPTS_GET(opts, retprobe, false);
	u->session = OPTS_GET(opts, session, false);
	err = umulti_check_args(u, binary_path);
	if (err)
		goto out;
	umulti_describe(u, binary_path);
	err = attach_prog_fd(prog);
	if (err < 0)
		goto out;
	err = umulti_check_prog(prog, u);
	if (err)
		goto out;
	err = elf_resolve_path(binary_path, u->path, sizeof(u->path));
	if (err) {
		pr_warn("prog '%s': can't attach %s: no such binary or library '%s'\n", u->prog,
			u->what, binary_path);
		goto out;
	}
	err = umulti_offsets(u, &resolved);
	if (err)
		goto out;
	if (pid == 0)
		pid = getpid();
	link = umulti_link(prog, u, resolved ? resolved : u->offsets, pid);
	err = link ? 0 : -errno;
out:
	free(resolved);
	free(u);
	return err ? libbpf_err_ptr(err) : link;
}
