// SPDX-License-Identifier: BSD-2-Clause
/*
 * BTF types written the way bpftool writes them in dump headers: every
 * type name followed by a blank ("struct sk_buff * skb"), pointers as
 * "* ", arrays as "[N]", qualifiers first.
 */
#include <stdarg.h>
#include <stdio.h>

#include <bpf/btf.h>

#include "prog_func_sig.h"

/* Types nest at most this deep in a signature (guards against loops). */
#define SIG_MAX_DEPTH 32

struct sig {
	const struct btf *btf;
	char *buf;
	size_t size, pos;
	int depth;
};

__attribute__((format(printf, 2, 3)))
static int sig_put(struct sig *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->pos, s->size - s->pos, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= s->size - s->pos)
		return -1;
	s->pos += n;
	return 0;
}

static const char *sig_name(const struct sig *s, __u32 off)
{
	const char *name = btf__name_by_offset(s->btf, off);

	return name ? name : "";
}

static int sig_type(struct sig *s, __u32 id);

static int sig_func(struct sig *s, const struct btf_type *proto, const char *name)
{
	const struct btf_param *p = btf_params(proto);
	int i;

	if (sig_type(s, proto->type) || sig_put(s, "%s(", name))
		return -1;
	for (i = 0; i < btf_vlen(proto); i++) {
		if (i && sig_put(s, ", "))
			return -1;
		if (!p[i].type) {
			if (sig_put(s, "..."))
				return -1;
			continue;
		}
		if (sig_type(s, p[i].type))
			return -1;
		if (p[i].name_off) {
			if (sig_put(s, "%s", sig_name(s, p[i].name_off)))
				return -1;
		} else if (s->pos && s->buf[s->pos - 1] == ' ') {
			s->buf[--s->pos] = '\0';	/* unnamed: no blank before ',' */
		}
	}
	return sig_put(s, ")");
}

static int sig_kind(struct sig *s, const struct btf_type *t)
{
	const struct btf_type *proto;
	const char *name = sig_name(s, t->name_off);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FLOAT:
		return sig_put(s, "%s ", name);
	case BTF_KIND_STRUCT:
		return sig_put(s, "struct %s ", name);
	case BTF_KIND_UNION:
		return sig_put(s, "union %s ", name);
	case BTF_KIND_ENUM:
		return sig_put(s, "enum %s ", name);
	case BTF_KIND_FWD:
		return sig_put(s, "%s %s ", btf_kflag(t) ? "union" : "struct", name);
	case BTF_KIND_ARRAY:
		return sig_type(s, btf_array(t)->type) ?:
		       sig_put(s, "[%d]", (int)btf_array(t)->nelems);
	case BTF_KIND_PTR:
		return sig_type(s, t->type) ?: sig_put(s, "* ");
	case BTF_KIND_VOLATILE:
		return sig_put(s, "volatile ") ?: sig_type(s, t->type);
	case BTF_KIND_CONST:
		return sig_put(s, "const ") ?: sig_type(s, t->type);
	case BTF_KIND_RESTRICT:
		return sig_put(s, "restrict ") ?: sig_type(s, t->type);
	case BTF_KIND_FUNC_PROTO:
		return sig_func(s, t, "");
	case BTF_KIND_FUNC:
		proto = btf__type_by_id(s->btf, t->type);
		if (!proto || !btf_is_func_proto(proto))
			return -1;
		return sig_func(s, proto, name);
	case BTF_KIND_VAR:
		return (btf_var(t)->linkage == BTF_VAR_STATIC ? sig_put(s, "static ") : 0) ?:
		       sig_type(s, t->type) ?: sig_put(s, " %s", name);
	case BTF_KIND_DATASEC:
		return sig_put(s, "section (\"%s\") ", name);
	default:
		return -1;
	}
}

static int sig_type(struct sig *s, __u32 id)
{
	const struct btf_type *t;
	int err;

	if (!id)
		return sig_put(s, "void ");
	t = btf__type_by_id(s->btf, id);
	if (!t || s->depth >= SIG_MAX_DEPTH)
		return -1;
	s->depth++;
	err = sig_kind(s, t);
	s->depth--;
	return err;
}

int func_sig(const struct btf *btf, __u32 type_id, char *buf, size_t size)
{
	struct sig s = { .btf = btf, .buf = buf, .size = size };

	if (!size)
		return -1;
	buf[0] = '\0';
	if (!btf || sig_type(&s, type_id)) {
		buf[0] = '\0';
		return -1;
	}
	return 0;
}
