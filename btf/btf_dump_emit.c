// SPDX-License-Identifier: BSD-2-Clause
/*
 * Definitions of the C emitter: walks a queued type and what it refers to,
 * emitting forward declarations where a type is needed before it can be
 * defined, then writes struct, union, enum and typedef definitions with
 * the explicit padding that reproduces the original layout.
 */
#include <errno.h>

#include "btf_dump_internal.h"
#include "log.h"

#define PUT(d, lit) dout_mem(&(d)->out, lit, sizeof(lit) - 1)

/* Compilers know this one; redefining it breaks a header built by another compiler. */
static bool is_builtin_typedef(struct btf_dump *d, const struct btf_type *t)
{
	return t->name_off && strcmp(dump_str(d, t->name_off), "__builtin_va_list") == 0;
}

static int typedef_def(struct btf_dump *d, __u32 id, const struct btf_type *t, int lvl)
{
	const char *name = dump_ident_name(d, id);

	if (!name)
		return -ENOMEM;
	/* old GCC pointed this typedef at void, which does not compile */
	if (t->type == 0 && strcmp(name, "__gnuc_va_list") == 0) {
		PUT(d, "typedef __builtin_va_list __gnuc_va_list");
		return 0;
	}
	PUT(d, "typedef ");
	return dump_decl(d, t->type, name, lvl);
}

static int typedef_top(struct btf_dump *d, __u32 id, const struct btf_type *t)
{
	int err;

	if (is_builtin_typedef(d, t))
		return 0;
	err = typedef_def(d, id, t, 0);
	PUT(d, ";\n\n");
	return err;
}

/* GCC's Arm SIMD typedefs name internal types no other compiler has. */
static int missing_alias(struct btf_dump *d, __u32 id)
{
	static const char *const aliases[][2] = {
		{ "__Poly8_t", "unsigned char" },
		{ "__Poly16_t", "unsigned short" },
		{ "__Poly64_t", "unsigned long long" },
		{ "__Poly128_t", "unsigned __int128" },
	};
	const char *name = dump_tag_name(d, id);
	size_t i;

	if (!name)
		return -ENOMEM;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcmp(name, aliases[i][0]) == 0) {
			PUT(d, "typedef ");
			dout_str(&d->out, aliases[i][1]);
			dout_chr(&d->out, ' ');
			dout_str(&d->out, name);
			PUT(d, ";\n\n");
			break;
		}
	}
	return 0;
}

/* The type is already being emitted further up: a forward may break the cycle. */
static int emit_revisit(struct btf_dump *d, __u32 id, const struct btf_type *t, __u32 cont_id)
{
	struct dump_type_state *st = &d->states[id];
	int err = 0;

	if (st->fwd_done)
		return 0;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		/* a struct may point to itself without any forward */
		if (id == cont_id)
			return 0;
		if (!t->name_off) {
			pr_warn("anonymous struct/union loop, id:[%u]\n", id);
			return 0;
		}
		err = dump_struct_fwd(d, id, t);
		PUT(d, ";\n\n");
		st->fwd_done = 1;
		break;
	case BTF_KIND_TYPEDEF:
		/* the typedef stands in for its own forward; usable through pointers only */
		err = typedef_top(d, id, t);
		st->fwd_done = 1;
		break;
	default:
		break;
	}
	return err;
}

static int emit_typedef(struct btf_dump *d, __u32 id, const struct btf_type *t, int depth)
{
	struct dump_type_state *st = &d->states[id];
	int err;

	st->emit = EMIT_BUSY;
	err = dump_emit(d, t->type, id, depth + 1);
	if (err)
		return err;
	/* a cycle through a pointer may have emitted it already */
	if (!st->fwd_done) {
		err = typedef_top(d, id, t);
		if (err)
			return err;
	}
	st->emit = EMIT_DONE;
	return 0;
}

static int emit_members(struct btf_dump *d, const struct btf_type *t, __u32 cont_id, int depth)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);
	int err;

	for (i = 0; i < n; i++) {
		err = dump_emit(d, m[i].type, cont_id, depth + 1);
		if (err)
			return err;
	}
	return 0;
}

/*
 * A struct written out in full (at top level, or inline because it is
 * anonymous) needs what its members refer to declared first; one merely
 * named needs only its own forward declaration.
 */
static int emit_composite(struct btf_dump *d, __u32 id, const struct btf_type *t,
			  __u32 cont_id, int depth)
{
	struct dump_type_state *st = &d->states[id];
	bool top = cont_id == 0;
	int err;

	st->emit = EMIT_BUSY;
	if (top || !t->name_off) {
		err = emit_members(d, t, t->name_off ? id : cont_id, depth);
		if (err)
			return err;
	} else if (!st->fwd_done && id != cont_id) {
		err = dump_struct_fwd(d, id, t);
		PUT(d, ";\n\n");
		if (err)
			return err;
		st->fwd_done = 1;
	}
	if (!top) {
		st->emit = EMIT_NONE;
		return 0;
	}
	err = dump_struct_def(d, id, t, 0);
	PUT(d, ";\n\n");
	if (err)
		return err;
	st->emit = EMIT_DONE;
	return 0;
}

static int emit_func_proto(struct btf_dump *d, const struct btf_type *t, __u32 cont_id,
			   int depth)
{
	const struct btf_param *p = btf_params(t);
	__u16 i, n = btf_vlen(t);
	int err;

	err = dump_emit(d, t->type, cont_id, depth + 1);
	for (i = 0; !err && i < n; i++)
		err = dump_emit(d, p[i].type, cont_id, depth + 1);
	return err;
}

static int emit_simple(struct btf_dump *d, __u32 id, const struct btf_type *t, bool top)
{
	int err = 0;

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		err = missing_alias(d, id);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		/* an enum inside a declaration is written there, inline */
		if (top) {
			err = dump_enum_def(d, id, t, 0);
			PUT(d, ";\n\n");
		}
		break;
	case BTF_KIND_FWD:
		err = dump_fwd_def(d, id, t);
		PUT(d, ";\n\n");
		break;
	}
	if (!err)
		d->states[id].emit = EMIT_DONE;
	return err;
}

/*
 * Emit the definition of id if it is a top-level one (cont_id 0), after the
 * declarations it needs. cont_id is the named struct being defined, whose
 * own name needs no forward declaration inside it.
 */
int dump_emit(struct btf_dump *d, __u32 id, __u32 cont_id, int depth)
{
	struct dump_type_state *st = &d->states[id];
	const struct btf_type *t;

	if (st->emit == EMIT_DONE)
		return 0;
	t = dump_type(d, id);
	if (st->emit == EMIT_BUSY)
		return emit_revisit(d, id, t, cont_id);
	if (depth > BTF_DUMP_MAX_DEPTH) {
		pr_warn("type [%u] nested too deeply\n", id);
		return -ELOOP;
	}

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		return emit_simple(d, id, t, cont_id == 0);
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return dump_emit(d, t->type, cont_id, depth + 1);
	case BTF_KIND_ARRAY:
		return dump_emit(d, btf_array(t)->type, cont_id, depth + 1);
	case BTF_KIND_TYPEDEF:
		return emit_typedef(d, id, t, depth);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return emit_composite(d, id, t, cont_id, depth);
	case BTF_KIND_FUNC_PROTO:
		return emit_func_proto(d, t, cont_id, depth);
	default:
		return 0;
	}
}

int dump_struct_fwd(struct btf_dump *d, __u32 id, const struct btf_type *t)
{
	const char *name = dump_tag_name(d, id);

	if (!name)
		return -ENOMEM;
	if (btf_is_struct(t))
		PUT(d, "struct");
	else
		PUT(d, "union");
	if (t->name_off)
		dout_chr(&d->out, ' ');
	dout_str(&d->out, name);
	return 0;
}

int dump_enum_fwd(struct btf_dump *d, __u32 id)
{
	const char *name = dump_tag_name(d, id);

	if (!name)
		return -ENOMEM;
	PUT(d, "enum ");
	dout_str(&d->out, name);
	return 0;
}

int dump_fwd_def(struct btf_dump *d, __u32 id, const struct btf_type *t)
{
	const char *name = dump_tag_name(d, id);

	if (!name)
		return -ENOMEM;
	/* the kind flag of a forward tells a union from a struct */
	if (btf_kflag(t))
		PUT(d, "union ");
	else
		PUT(d, "struct ");
	dout_str(&d->out, name);
	return 0;
}
