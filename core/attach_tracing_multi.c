// SPDX-License-Identifier: BSD-2-Clause
/*
 * fentry.multi, fexit.multi and fsession.multi: one BPF link putting a
 * tracing program on many kernel functions through trampolines, named by
 * their BTF ids. A glob pattern is resolved here against the functions of
 * vmlinux BTF (or of a module's, "MODULE:pattern") that a trampoline can
 * take: at most 12 arguments of at most 16 bytes, no varargs, no struct
 * returned by value.
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "bpf_attr_recent.h"
#include "log.h"
#include "opts.h"

#define TRAMPOLINE_MAX_ARGS	12
#define TRAMPOLINE_MAX_ARG_SIZE	16

/* Size of type id seen through modifiers and typedefs (0 for void), or -EINVAL. */
static int arg_size(const struct btf *btf, __u32 id, const struct btf_type **out)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int depth;

	*out = t;
	if (!id)
		return 0;
	for (depth = 0; t && (btf_is_mod(t) || btf_is_typedef(t) || btf_is_type_tag(t)); depth++) {
		if (depth == 32)
			return -EINVAL;
		t = btf__type_by_id(btf, t->type);
	}
	*out = t;
	if (!t)
		return -EINVAL;
	if (btf_is_ptr(t))
		return sizeof(void *);
	if (btf_is_int(t) || btf_is_any_enum(t) || btf_is_composite(t))
		return t->size;
	return -EINVAL;
}

/* A trampoline can be put on function t. */
static bool traceable(const struct btf *btf, const struct btf_type *t)
{
	const struct btf_type *proto = btf__type_by_id(btf, t->type), *rt;
	const struct btf_param *p;
	__u16 i, n;
	int size;

	if (!proto || !btf_is_func_proto(proto))
		return false;
	n = btf_vlen(proto);
	if (n > TRAMPOLINE_MAX_ARGS)
		return false;
	size = arg_size(btf, proto->type, &rt);
	if (size < 0 || (proto->type && btf_is_composite(rt)))
		return false;
	p = btf_params(proto);
	for (i = 0; i < n; i++) {
		if (!p[i].type)		/* varargs */
			return false;
		size = arg_size(btf, p[i].type, &rt);
		if (size <= 0 || size > TRAMPOLINE_MAX_ARG_SIZE)
			return false;
	}
	return true;
}

/* Append id to *ids (*cnt of *cap). */
static int ids_add(__u32 **ids, size_t *cnt, size_t *cap, __u32 id)
{
	__u32 *p;

	if (*cnt == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		p = realloc(*ids, *cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		*ids = p;
	}
	(*ids)[(*cnt)++] = id;
	return 0;
}

/* Ids of the traceable functions of btf from first on whose names match pattern. */
static int match_funcs(const struct btf *btf, __u32 first, const char *pattern, __u32 **ids)
{
	__u32 id, n = btf__type_cnt(btf);
	size_t cnt = 0, cap = 0;
	int err;

	*ids = NULL;
	for (id = first; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (!btf_is_func(t) || fnmatch(pattern, btf__name_by_offset(btf, t->name_off), 0) ||
		    !traceable(btf, t))
			continue;
		err = ids_add(ids, &cnt, &cap, id);
		if (err) {
			free(*ids);
			*ids = NULL;
			return err;
		}
	}
	return cnt;
}

int tracing_multi_ids(const char *prog, const char *pattern, __u32 **ids)
{
	const char *colon = strchr(pattern, ':');
	struct btf *vmlinux, *mod = NULL;
	char path[PATH_MAX];
	int cnt;

	*ids = NULL;
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux) {
		cnt = -errno;
		pr_warn("prog '%s': can't resolve '%s': no kernel BTF: %s\n", prog, pattern,
			strerror(-cnt));
		return cnt;
	}
	if (colon) {
		snprintf(path, sizeof(path), "/sys/kernel/btf/%.*s", (int)(colon - pattern),
			 pattern);
		mod = btf__parse_split(path, vmlinux);
		if (!mod) {
			cnt = -errno;
			pr_warn("prog '%s': can't resolve '%s': no BTF of module '%.*s' (%s)\n",
				prog, pattern, (int)(colon - pattern), pattern, strerror(-cnt));
			goto out;
		}
		cnt = match_funcs(mod, btf__type_cnt(vmlinux), colon + 1, ids);
	} else {
		cnt = match_funcs(vmlinux, 1, pattern, ids);
	}
	if (cnt == 0)
		pr_warn("prog '%s': no traceable kernel function matches '%s'\n", prog, pattern);
out:
	btf__free(mod);
	btf__free(vmlinux);
	return cnt == 0 ? -EINVAL : cnt;
}

static bool is_tracing_multi(enum bpf_attach_type type)
{
	return (__u32)type == ATTACH_TRACE_FENTRY_MULTI ||
	       (__u32)type == ATTACH_TRACE_FEXIT_MULTI ||
	       (__u32)type == ATTACH_TRACE_FSESSION_MULTI;
}

/* The arguments name the functions one way: a pattern, or ids (with cookies). */
static bool args_valid(const char *prog, const char *pattern, const __u32 *ids,
		       const __u64 *cookies, size_t cnt)
{
	const char *why = NULL;

	if (!ids != !cnt)
		why = "ids and cnt go together";
	else if (pattern && (ids || cookies))
		why = "a pattern excludes ids and cookies";
	else if (!pattern && !ids)
		why = "neither a pattern nor ids";
	else if (cnt > UINT32_MAX)
		why = "too many ids";
	if (why)
		pr_warn("prog '%s': can't attach tracing multi: %s\n", prog, why);
	return !why;
}

struct bpf_link *bpf_program__attach_tracing_multi(const struct bpf_program *prog,
						   const char *pattern,
						   const struct bpf_tracing_multi_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	enum bpf_attach_type type = bpf_program__expected_attach_type(prog);
	const char *name = bpf_program__name(prog);
	const __u32 *ids = OPTS_GET(opts, ids, NULL);
	size_t cnt = OPTS_GET(opts, cnt, 0);
	__u32 *found = NULL;
	int prog_fd, fd, n;

	if (!OPTS_VALID(opts, bpf_tracing_multi_opts))
		return libbpf_err_ptr(-EINVAL);
	prog_fd = attach_prog_fd(prog);
	if (prog_fd < 0)
		return libbpf_err_ptr(prog_fd);
	if (!is_tracing_multi(type)) {
		pr_warn("prog '%s': can't attach tracing multi: not an fentry.multi, fexit.multi "
			"or fsession.multi program\n", name);
		return libbpf_err_ptr(-EINVAL);
	}
	if (!args_valid(name, pattern, ids, OPTS_GET(opts, cookies, NULL), cnt))
		return libbpf_err_ptr(-EINVAL);
	if (pattern) {
		n = tracing_multi_ids(name, pattern, &found);
		if (n < 0)
			return libbpf_err_ptr(n);
		ids = found;
		cnt = n;
	}
	lopts.tracing_multi.ids = ids;
	lopts.tracing_multi.cookies = OPTS_GET(opts, cookies, NULL);
	lopts.tracing_multi.cnt = cnt;
	fd = bpf_link_create(prog_fd, 0, type, &lopts);
	n = -errno;
	free(found);
	if (fd < 0) {
		pr_warn("prog '%s': can't attach to %zu kernel functions%s%s: %s\n", name, cnt,
			pattern ? " matching " : "", pattern ? pattern : "", strerror(-n));
		return libbpf_err_ptr(n);
	}
	return link_new(fd);
}
