// SPDX-License-Identifier: BSD-2-Clause
/*
 * Declarators of the C emitter. BTF stores a declaration as a chain from
 * the outermost type inwards ("array of pointer to const int"); C writes
 * the innermost type first and wraps the name in pointers, parentheses,
 * brackets and parameter lists ("const int *name[4]"). The chain is pushed
 * on a stack up to its terminal type (int, struct, typedef, ...) and then
 * emitted by popping it, which visits it in C's order.
 *
 * Qualifiers go left of a base type ("const int") but right of a pointer
 * ("int * const"). Qualifiers applied to arrays or function prototypes
 * (GCC emits those) have no C spelling and are dropped.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dump_internal.h"
#include "log.h"

#define PUT(d, lit) dout_mem(&(d)->out, lit, sizeof(lit) - 1)

/* Part of the shared stack, d->decls[base .. base + cnt), owned by one chain. */
struct decl_frame {
	__u32 base;
	__u32 cnt;
};

static int emit_chain(struct btf_dump *d, struct decl_frame *f, const char *fname, int lvl,
		      bool last_was_ptr);

/* Every nested declarator counts, so hostile nesting fails instead of overflowing. */
static int depth_enter(struct btf_dump *d)
{
	if (d->decl_depth >= BTF_DUMP_MAX_DEPTH) {
		pr_warn("declaration nested too deeply\n");
		return -ELOOP;
	}
	d->decl_depth++;
	return 0;
}

static void depth_leave(struct btf_dump *d)
{
	d->decl_depth--;
}

static int decls_push(struct btf_dump *d, __u32 id)
{
	if (d->decls_cnt == d->decls_cap) {
		__u32 cap = d->decls_cap ? d->decls_cap * 2 : 64;
		__u32 *s = realloc(d->decls, (size_t)cap * sizeof(*s));

		if (!s)
			return -ENOMEM;
		d->decls = s;
		d->decls_cap = cap;
	}
	d->decls[d->decls_cnt++] = id;
	return 0;
}

static __u32 frame_top(const struct btf_dump *d, const struct decl_frame *f)
{
	return d->decls[f->base + f->cnt - 1];
}

/* Push id and what it refers to, down to the type that ends the declarator. */
static int push_chain(struct btf_dump *d, __u32 id)
{
	const struct btf_type *t;
	int n, err;

	for (n = 0; n <= BTF_DUMP_MAX_DEPTH; n++) {
		t = dump_type(d, id);
		if (!d->strip_mods || !btf_is_mod(t)) {
			err = decls_push(d, id);
			if (err)
				return err;
		}
		if (id == 0)
			return 0;
		switch (btf_kind(t)) {
		case BTF_KIND_PTR:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_FUNC_PROTO:
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			break;
		case BTF_KIND_ARRAY:
			id = btf_array(t)->type;
			break;
		case BTF_KIND_INT:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FWD:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_FLOAT:
			return 0;
		default:
			pr_warn("unexpected type in decl chain, kind:%u, id:[%u]\n",
				btf_kind(t), id);
			return 0;
		}
	}
	pr_warn("declaration chain too long\n");
	return -ELOOP;
}

/* Qualifiers right above a base type are written before it: "const int". */
static void emit_mods(struct btf_dump *d, struct decl_frame *f)
{
	for (; f->cnt; f->cnt--) {
		switch (btf_kind(dump_type(d, frame_top(d, f)))) {
		case BTF_KIND_VOLATILE:
			PUT(d, "volatile ");
			break;
		case BTF_KIND_CONST:
			PUT(d, "const ");
			break;
		case BTF_KIND_RESTRICT:
			PUT(d, "restrict ");
			break;
		default:
			return;
		}
	}
}

static void drop_mods(struct btf_dump *d, struct decl_frame *f)
{
	while (f->cnt && btf_is_mod(dump_type(d, frame_top(d, f))))
		f->cnt--;
}

/* "int *p" but "int **p": no space after a pointer star. */
static void emit_name(struct btf_dump *d, const char *name, bool last_was_ptr)
{
	if (name[0] && !last_was_ptr)
		dout_chr(&d->out, ' ');
	dout_str(&d->out, name);
}

static void emit_type_tag(struct btf_dump *d, const struct btf_type *t)
{
	/* with the kind flag the tag is an attribute of its own, not btf_type_tag */
	if (btf_kflag(t)) {
		PUT(d, " __attribute__((");
		dout_str(&d->out, dump_str(d, t->name_off));
		PUT(d, "))");
	} else {
		PUT(d, " __attribute__((btf_type_tag(\"");
		dout_str(&d->out, dump_str(d, t->name_off));
		PUT(d, "\")))");
	}
}

/* Whatever sits between an array or prototype and the name is parenthesised. */
static int emit_inner(struct btf_dump *d, struct decl_frame *f, const char *fname, int lvl)
{
	int err = depth_enter(d);

	if (err)
		return err;
	err = emit_chain(d, f, fname, lvl, true);
	depth_leave(d);
	return err;
}

static int emit_array(struct btf_dump *d, struct decl_frame *f, const struct btf_type *t,
		      const char *fname, int lvl, bool last_was_ptr)
{
	bool multidim;
	int err;

	drop_mods(d, f);
	if (!f->cnt) {
		emit_name(d, fname, last_was_ptr);
	} else {
		/* consecutive dimensions share one pair of parentheses: "(*a)[2][3]" */
		multidim = btf_is_array(dump_type(d, frame_top(d, f)));
		if (fname[0] && !last_was_ptr)
			dout_chr(&d->out, ' ');
		if (!multidim)
			dout_chr(&d->out, '(');
		err = emit_inner(d, f, fname, lvl);
		if (err)
			return err;
		if (!multidim)
			dout_chr(&d->out, ')');
	}
	dout_chr(&d->out, '[');
	dout_uint(&d->out, btf_array(t)->nelems);
	dout_chr(&d->out, ']');
	return 0;
}

static int emit_params(struct btf_dump *d, const struct btf_type *t, int lvl)
{
	const struct btf_param *p = btf_params(t);
	__u16 i, n = btf_vlen(t);
	int err;

	/* no parameters, or the single void one clang emits, is "(void)" */
	if (n == 0 || (n == 1 && p[0].type == 0)) {
		PUT(d, "(void)");
		return 0;
	}
	dout_chr(&d->out, '(');
	for (i = 0; i < n; i++) {
		if (i)
			PUT(d, ", ");
		/* a trailing void parameter stands for the variadic part */
		if (i == n - 1 && p[i].type == 0) {
			PUT(d, "...");
			break;
		}
		err = dump_decl(d, p[i].type, dump_str(d, p[i].name_off), lvl);
		if (err)
			return err;
	}
	dout_chr(&d->out, ')');
	return 0;
}

static int emit_func_proto(struct btf_dump *d, struct decl_frame *f, const struct btf_type *t,
			   const char *fname, int lvl, bool last_was_ptr)
{
	int err;

	drop_mods(d, f);
	if (f->cnt) {
		PUT(d, " (");
		err = emit_inner(d, f, fname, lvl);
		if (err)
			return err;
		dout_chr(&d->out, ')');
	} else {
		emit_name(d, fname, last_was_ptr);
	}
	return emit_params(d, t, lvl);
}

/* The terminal type of a declarator, with the qualifiers that precede it. */
static int emit_base(struct btf_dump *d, struct decl_frame *f, __u32 id,
		     const struct btf_type *t, int lvl)
{
	const char *name;

	emit_mods(d, f);
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		dout_str(&d->out, dump_str(d, t->name_off));
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		/* anonymous types have no name to refer to: define them in place */
		if (!t->name_off && !d->skip_anon_defs)
			return dump_struct_def(d, id, t, lvl);
		return dump_struct_fwd(d, id, t);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (!t->name_off && !d->skip_anon_defs)
			return dump_enum_def(d, id, t, lvl);
		return dump_enum_fwd(d, id);
	case BTF_KIND_FWD:
		return dump_fwd_def(d, id, t);
	default:
		name = dump_ident_name(d, id);
		if (!name)
			return -ENOMEM;
		dout_str(&d->out, name);
		return 0;
	}
}

/*
 * Pop the frame and write it in C order. last_was_ptr starts true so that
 * the pointer of "(*fn)(...)" or "(*arr)[N]" is not preceded by a space.
 */
static int emit_chain(struct btf_dump *d, struct decl_frame *f, const char *fname, int lvl,
		      bool last_was_ptr)
{
	const struct btf_type *t;
	__u16 kind;
	__u32 id;
	int err;

	while (f->cnt) {
		id = d->decls[f->base + --f->cnt];
		if (id == 0) {
			emit_mods(d, f);
			PUT(d, "void");
			last_was_ptr = false;
			continue;
		}
		t = dump_type(d, id);
		kind = btf_kind(t);
		switch (kind) {
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FWD:
		case BTF_KIND_TYPEDEF:
			err = emit_base(d, f, id, t, lvl);
			if (err)
				return err;
			break;
		case BTF_KIND_PTR:
			if (last_was_ptr)
				dout_chr(&d->out, '*');
			else
				PUT(d, " *");
			break;
		case BTF_KIND_VOLATILE:
			PUT(d, " volatile");
			break;
		case BTF_KIND_CONST:
			PUT(d, " const");
			break;
		case BTF_KIND_RESTRICT:
			PUT(d, " restrict");
			break;
		case BTF_KIND_TYPE_TAG:
			emit_mods(d, f);
			emit_type_tag(d, t);
			break;
		case BTF_KIND_ARRAY:
			return emit_array(d, f, t, fname, lvl, last_was_ptr);
		case BTF_KIND_FUNC_PROTO:
			return emit_func_proto(d, f, t, fname, lvl, last_was_ptr);
		default:
			pr_warn("unexpected type in decl chain, kind:%u, id:[%u]\n", kind, id);
			return 0;
		}
		last_was_ptr = kind == BTF_KIND_PTR;
	}
	emit_name(d, fname, last_was_ptr);
	return 0;
}

/* Write the declaration of fname as type id ("int (*fname)(void)"). */
int dump_decl(struct btf_dump *d, __u32 id, const char *fname, int lvl)
{
	struct decl_frame f = { .base = d->decls_cnt };
	int err;

	err = depth_enter(d);
	if (err)
		return err;
	err = push_chain(d, id);
	if (!err) {
		f.cnt = d->decls_cnt - f.base;
		err = emit_chain(d, &f, fname, lvl, true);
	}
	/* nested declarations pushed above our frame are gone by now; drop ours */
	d->decls_cnt = f.base;
	depth_leave(d);
	return err;
}
