// SPDX-License-Identifier: BSD-2-Clause
/*
 * kprobe.multi: one BPF link (BPF_TRACE_KPROBE_MULTI) probing many kernel
 * functions, named by a glob pattern resolved here against the functions
 * ftrace can probe (or, where that list is unreadable, the kernel's text
 * symbols), or given as symbol or address arrays.
 */
#include <errno.h>
#include <limits.h>
#include <fnmatch.h>
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
#define KPROBE_MULTI_RETURN (1U << 0)
#define ATTACH_KPROBE_SESSION 56

struct sym_list {
	char **names;
	size_t cnt;
	size_t cap;
};

static int sym_list_add(struct sym_list *l, const char *name)
{
	char **p;

	if (l->cnt == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		p = realloc(l->names, l->cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		l->names = p;
	}
	l->names[l->cnt] = strdup(name);
	if (!l->names[l->cnt])
		return -ENOMEM;
	l->cnt++;
	return 0;
}

static void sym_list_free(struct sym_list *l)
{
	size_t i;

	for (i = 0; i < l->cnt; i++)
		free(l->names[i]);
	free(l->names);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop repeats: static functions of one name appear more than once. */
static void sym_list_unique(struct sym_list *l)
{
	size_t i, n = 0;

	qsort(l->names, l->cnt, sizeof(*l->names), cmp_names);
	for (i = 0; i < l->cnt; i++) {
		if (n && !strcmp(l->names[n - 1], l->names[i]))
			free(l->names[i]);
		else
			l->names[n++] = l->names[i];
	}
	l->cnt = n;
}

/*
 * Functions of the kernel proper matching pattern: from ftrace's list of
 * probe-able functions, or from the text symbols of /proc/kallsyms.
 */
static int match_kernel_functions(const char *pattern, struct sym_list *l)
{
	char root[PATH_MAX], path[PATH_MAX + 32], line[512], sym[256], type;
	bool kallsyms = true;
	FILE *f = NULL;
	int err = 0;

	if (!tracefs_root(root, sizeof(root))) {
		snprintf(path, sizeof(path), "%s/available_filter_functions", root);
		f = fopen(path, "re");
		kallsyms = !f;
	}
	if (!f)
		f = fopen("/proc/kallsyms", "re");
	if (!f)
		return -errno;
	while (!err && fgets(line, sizeof(line), f)) {
		if (kallsyms) {
			if (sscanf(line, "%*x %c %255s", &type, sym) != 2 ||
			    (type != 't' && type != 'T') || strchr(line, '['))
				continue;
		} else if (sscanf(line, "%255s", sym) != 1 || strchr(line, '[')) {
			continue;
		}
		if (!fnmatch(pattern, sym, 0))
			err = sym_list_add(l, sym);
	}
	fclose(f);
	if (!err)
		sym_list_unique(l);
	return err;
}

static void multi_failed(const char *prog, const char *what, int err)
{
	if (err == -EOPNOTSUPP || err == -ENOTSUP || err == -524 /* ENOTSUPP */)
		pr_warn("prog '%s': can't attach %s: kernel built without kprobe.multi "
			"support (fprobe)\n", prog, what);
	else if (err == -ESRCH || err == -ENOENT)
		pr_warn("prog '%s': can't attach %s: a function is not in the kernel or can't "
			"be probed\n", prog, what);
	else
		pr_warn("prog '%s': can't attach %s: %s\n", prog, what, strerror(-err));
}

struct bpf_link *bpf_program__attach_kprobe_multi_opts(const struct bpf_program *prog,
						       const char *pattern,
						       const struct bpf_kprobe_multi_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	const char *name = bpf_program__name(prog);
	struct sym_list syms = {};
	int prog_fd, fd = -1, err;
	bool session, retprobe;
	const char *kind;
	char what[300];
	size_t cnt;

	if (!OPTS_VALID(opts, bpf_kprobe_multi_opts))
		return libbpf_err_ptr(-EINVAL);
	session = OPTS_GET(opts, session, false);
	retprobe = OPTS_GET(opts, retprobe, false);
	kind = session ? "kprobe.session" : retprobe ? "kretprobe.multi" : "kprobe.multi";
	if (session && retprobe) {
		pr_warn("prog '%s': kprobe.session can't be a return probe: the session runs the "
			"program at both entry and return\n", name);
		return libbpf_err_ptr(-EINVAL);
	}
	cnt = OPTS_GET(opts, cnt, 0);
	if (!pattern == !cnt || (cnt && !OPTS_GET(opts, syms, NULL) == !OPTS_GET(opts, addrs, NULL)) ||
	    (pattern && OPTS_GET(opts, cookies, NULL))) {
		pr_warn("prog '%s': %s needs a pattern, or cnt with syms or addrs\n", name, kind);
		return libbpf_err_ptr(-EINVAL);
	}
	prog_fd = attach_prog_fd(prog);
	if (prog_fd < 0)
		return libbpf_err_ptr(prog_fd);
	if (pattern)
		snprintf(what, sizeof(what), "%s to '%s'", kind, pattern);
	else
		snprintf(what, sizeof(what), "%s to %zu functions", kind, cnt);
	if (pattern) {
		err = match_kernel_functions(pattern, &syms);
		if (err) {
			pr_warn("prog '%s': can't attach %s: can't list kernel functions: %s\n",
				name, what, strerror(-err));
			goto out;
		}
		if (!syms.cnt) {
			pr_warn("prog '%s': can't attach %s: no kernel function matches\n", name,
				what);
			err = -ENOENT;
			goto out;
		}
		lopts.kprobe_multi.syms = (const char **)syms.names;
		lopts.kprobe_multi.cnt = syms.cnt;
	} else {
		lopts.kprobe_multi.syms = OPTS_GET(opts, syms, NULL);
		lopts.kprobe_multi.addrs = OPTS_GET(opts, addrs, NULL);
		lopts.kprobe_multi.cookies = OPTS_GET(opts, cookies, NULL);
		lopts.kprobe_multi.cnt = cnt;
	}
	if (retprobe)
		lopts.kprobe_multi.flags = KPROBE_MULTI_RETURN;
	fd = bpf_link_create(prog_fd, 0,
			     session ? ATTACH_KPROBE_SESSION : BPF_TRACE_KPROBE_MULTI, &lopts);
	err = fd < 0 ? -errno : 0;
	if (err)
		multi_failed(name, what, err);
out:
	sym_list_free(&syms);
	return err ? libbpf_err_ptr(err) : link_new(fd);
}
