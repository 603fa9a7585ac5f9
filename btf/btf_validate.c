// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reference checks of parsed BTF: every name offset and type id must be in
 * range, sizes must be sane, and chains of references that do not pass
 * through a struct or union (modifiers, typedefs, arrays, functions and
 * their parameters) must be loop-free and not absurdly deep. Everything
 * that later walks the types recursively relies on these guarantees.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "btf_internal.h"
#include "log.h"

struct btf_check {
	const struct btf *btf;
	__u32 id;
	const struct btf_type *t;
};

static int check_fail(const struct btf_check *c, const char *what)
{
	const char *name = btf__name_by_offset(c->btf, c->t->name_off);

	pr_warn("BTF type [%u] %s '%s': %s\n", c->id, btf_kind_str(btf_kind(c->t)),
		name && name[0] ? name : "(anon)", what);
	return -EINVAL;
}

static int check_name(const struct btf_check *c, __u32 name_off, const char *whose)
{
	char msg[96];

	if (btf__name_by_offset(c->btf, name_off))
		return 0;
	snprintf(msg, sizeof(msg), "%s name offset %u is past the string section", whose,
		 name_off);
	return check_fail(c, msg);
}

static int check_type_id(const struct btf_check *c, __u32 id, bool void_ok, const char *whose)
{
	char msg[128];

	if (id >= btf__type_cnt(c->btf)) {
		snprintf(msg, sizeof(msg), "%s refers to type %u, past the last type %u", whose,
			 id, btf__type_cnt(c->btf) - 1);
		return check_fail(c, msg);
	}
	if (!id && !void_ok) {
		snprintf(msg, sizeof(msg), "%s refers to void", whose);
		return check_fail(c, msg);
	}
	return 0;
}

static bool size_is_one_of(__u32 size, __u32 mask)
{
	return size <= 16 && (mask >> size) & 1;
}

#define SIZES(...) sizes_mask(__VA_ARGS__, 0)
static __u32 sizes_mask(int first, ...)
{
	__u32 mask = 0;
	va_list ap;
	int s;

	va_start(ap, first);
	for (s = first; s; s = va_arg(ap, int))
		mask |= 1U << s;
	va_end(ap);
	return mask;
}

/*
 * The kernel's rule: the bits must fit in 128 and in the size, whatever the
 * size (it accepts a 3-byte INT of 24 bits, and so does libbpf).
 */
static int check_int(const struct btf_check *c)
{
	const struct btf_type *t = c->t;
	__u32 bits = btf_int_offset(t) + btf_int_bits(t);

	if (bits > 128)
		return check_fail(c, "offset and bits exceed 128 bits");
	if ((bits + 7) / 8 > t->size)
		return check_fail(c, "bits do not fit in its size");
	if (t->size > BTF_MAX_TYPE_SIZE)
		return check_fail(c, "size is absurd");
	if (btf_int_encoding(t) & ~(BTF_INT_SIGNED | BTF_INT_CHAR | BTF_INT_BOOL))
		return check_fail(c, "unknown encoding");
	return 0;
}

static int check_members(const struct btf_check *c)
{
	const struct btf_type *t = c->t;
	const struct btf_member *m = btf_members(t);
	__u32 i;
	int err;

	if (t->size > BTF_MAX_TYPE_SIZE)
		return check_fail(c, "size is absurd");
	for (i = 0; i < btf_vlen(t); i++, m++) {
		err = check_name(c, m->name_off, "member");
		err = err ?: check_type_id(c, m->type, false, "member");
		if (err)
			return err;
		if (btf_member_bit_offset(t, i) > (__u64)t->size * 8)
			return check_fail(c, "member offset is past its end");
		if (btf_member_bitfield_size(t, i) > 128)
			return check_fail(c, "bitfield is wider than 128 bits");
	}
	return 0;
}

static int check_enum(const struct btf_check *c)
{
	const struct btf_type *t = c->t;
	__u32 i, name_off;
	char msg[64];
	int err;

	/*
	 * clang encodes a forward-declared enum (enum e; used through a
	 * pointer) as size 0 without enumerators; libbpf dumps it as a
	 * forward declaration. Size 0 with enumerators is no such thing.
	 */
	if (t->size == 0 && btf_vlen(t) == 0)
		return 0;
	if (t->size == 0) {
		snprintf(msg, sizeof(msg), "size is 0 but it has %u enumerators", btf_vlen(t));
		return check_fail(c, msg);
	}
	if (!size_is_one_of(t->size, SIZES(1, 2, 4, 8))) {
		snprintf(msg, sizeof(msg), "size %u is not 1, 2, 4 or 8", t->size);
		return check_fail(c, msg);
	}
	for (i = 0; i < btf_vlen(t); i++) {
		name_off = btf_is_enum(t) ? btf_enum(t)[i].name_off : btf_enum64(t)[i].name_off;
		err = check_name(c, name_off, "enumerator");
		if (err)
			return err;
	}
	return 0;
}

static int check_func_proto(const struct btf_check *c)
{
	const struct btf_param *p = btf_params(c->t);
	__u32 i, vlen = btf_vlen(c->t);
	int err;

	err = check_type_id(c, c->t->type, true, "return type");
	for (i = 0; !err && i < vlen; i++, p++) {
		err = check_name(c, p->name_off, "parameter");
		/* void is allowed as the last parameter only: it stands for "..." */
		err = err ?: check_type_id(c, p->type, i == vlen - 1, "parameter");
	}
	return err;
}

static int check_datasec(const struct btf_check *c)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(c->t);
	__u32 i;
	int err;

	if (c->t->size > BTF_MAX_TYPE_SIZE)
		return check_fail(c, "size is absurd");
	for (i = 0; i < btf_vlen(c->t); i++, v++) {
		err = check_type_id(c, v->type, false, "variable");
		if (err)
			return err;
	}
	return 0;
}

static int check_kind(const struct btf_check *c)
{
	const struct btf_type *t = c->t;

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return check_int(c);
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
		return check_type_id(c, t->type, true, "it");
	case BTF_KIND_ARRAY:
		return check_type_id(c, btf_array(t)->type, false, "element type") ?:
		       check_type_id(c, btf_array(t)->index_type, true, "index type");
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return check_members(c);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return check_enum(c);
	case BTF_KIND_FWD:
		return 0;
	case BTF_KIND_FUNC:
		if (btf_vlen(t) > BTF_FUNC_EXTERN)
			return check_fail(c, "unknown linkage");
		if (check_type_id(c, t->type, false, "it"))
			return -EINVAL;
		if (!btf_is_func_proto(btf_type_fast(c->btf, t->type)))
			return check_fail(c, "does not refer to a FUNC_PROTO");
		return 0;
	case BTF_KIND_FUNC_PROTO:
		return check_func_proto(c);
	case BTF_KIND_VAR:
		if (btf_var(t)->linkage > BTF_VAR_GLOBAL_EXTERN)
			return check_fail(c, "unknown linkage");
		return check_type_id(c, t->type, false, "it");
	case BTF_KIND_DATASEC:
		return check_datasec(c);
	case BTF_KIND_FLOAT:
		if (!size_is_one_of(t->size, SIZES(2, 4, 8, 12, 16)))
			return check_fail(c, "size is not 2, 4, 8, 12 or 16");
		return 0;
	case BTF_KIND_DECL_TAG:
		if (btf_decl_tag(t)->component_idx < -1)
			return check_fail(c, "component index is below -1");
		return check_type_id(c, t->type, false, "it");
	default:
		return check_fail(c, "unknown kind");
	}
}

/*
 * Two graphs are checked for loops: references that no struct or union
 * breaks (a typedef of itself, a function taking a pointer to itself), and
 * embedding, which only a pointer breaks (a struct containing itself).
 */
enum chain_graph { CHAIN_REFS, CHAIN_EMBED };

/* The edge_idx-th outgoing embedding edge of t; *more is false past the last. */
static __u32 embed_edge(const struct btf_type *t, __u32 edge_idx, bool *more)
{
	*more = false;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		*more = edge_idx < btf_vlen(t);
		return *more ? btf_members(t)[edge_idx].type : 0;
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
		*more = edge_idx == 0;
		return edge_idx == 0 ? t->type : 0;
	case BTF_KIND_ARRAY:
		*more = edge_idx == 0;
		return edge_idx == 0 ? btf_array(t)->type : 0;
	default:
		return 0;
	}
}

/*
 * The edge_idx-th outgoing reference of t that is not broken by a struct or
 * union, or 0 when there is none (void ends every chain).
 */
static __u32 chain_edge(const struct btf_type *t, __u32 edge_idx, bool *more)
{
	*more = false;
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_FUNC:
		*more = edge_idx == 0;
		return edge_idx == 0 ? t->type : 0;
	case BTF_KIND_ARRAY:
		*more = edge_idx == 0;
		return edge_idx == 0 ? btf_array(t)->type : 0;
	case BTF_KIND_FUNC_PROTO:
		*more = edge_idx <= btf_vlen(t);
		if (edge_idx == 0)
			return t->type;
		return *more ? btf_params(t)[edge_idx - 1].type : 0;
	default:
		return 0;
	}
}

struct chain_frame {
	__u32 id;
	__u32 next_edge;
};

struct chain_walk {
	const struct btf *btf;
	enum chain_graph graph;
	int max_depth;
	/* per own type: 0 unvisited, 1 on the stack, 2 done */
	__u8 *state;
	/* per own type: longest chain below it, capped */
	__u16 *depth;
	struct chain_frame *stack;
	__u32 top;
};

static int chain_loop_error(const struct chain_walk *w, __u32 id)
{
	if (w->graph == CHAIN_EMBED)
		pr_warn("BTF type [%u] contains itself: a struct or union loop without a pointer\n",
			id);
	else
		pr_warn("BTF type [%u] is part of a reference loop that no struct or union breaks\n",
			id);
	return -EINVAL;
}

static int chain_depth_error(const struct chain_walk *w, __u32 id)
{
	pr_warn("BTF type [%u] starts a chain of %s deeper than %d\n", id,
		w->graph == CHAIN_EMBED ? "embedded types" : "references", w->max_depth);
	return -EINVAL;
}

/* Record that parent's chain is at least child_depth + 1 long. */
static int chain_raise(struct chain_walk *w, __u32 parent, __u32 child_depth)
{
	__u32 idx = parent - w->btf->start_id;

	if (child_depth + 1 > (__u32)w->max_depth)
		return chain_depth_error(w, parent);
	if (child_depth + 1 > w->depth[idx])
		w->depth[idx] = child_depth + 1;
	return 0;
}

/* Visit the next edge of the frame on top; push a new frame or pop this one. */
static int chain_step(struct chain_walk *w)
{
	struct chain_frame *f = &w->stack[w->top - 1];
	const struct btf_type *t = btf_type_fast(w->btf, f->id);
	__u32 start = w->btf->start_id, target, idx;
	bool more;

	if (w->graph == CHAIN_EMBED)
		target = embed_edge(t, f->next_edge, &more);
	else
		target = chain_edge(t, f->next_edge, &more);
	if (!more) {
		idx = f->id - start;
		w->state[idx] = 2;
		w->top--;
		return w->top ? chain_raise(w, w->stack[w->top - 1].id, w->depth[idx]) : 0;
	}
	f->next_edge++;
	/* base types were checked with their own BTF */
	if (target < start)
		return 0;
	idx = target - start;
	if (w->state[idx] == 1)
		return chain_loop_error(w, target);
	if (w->state[idx] == 2)
		return chain_raise(w, f->id, w->depth[idx]);
	w->state[idx] = 1;
	w->stack[w->top++] = (struct chain_frame){ .id = target };
	return 0;
}

static int check_chains(const struct btf *btf, enum chain_graph graph, int max_depth)
{
	struct chain_walk w = { .btf = btf, .graph = graph, .max_depth = max_depth };
	__u32 i, n = btf->nr_types;
	int err = -ENOMEM;

	w.state = calloc(n ? n : 1, 1);
	w.depth = calloc(n ? n : 1, sizeof(*w.depth));
	w.stack = malloc((n ? n : 1) * sizeof(*w.stack));
	if (!w.state || !w.depth || !w.stack)
		goto out;
	err = 0;
	for (i = 0; i < n && !err; i++) {
		if (w.state[i])
			continue;
		w.state[i] = 1;
		w.stack[0] = (struct chain_frame){ .id = btf->start_id + i };
		w.top = 1;
		while (w.top && !err)
			err = chain_step(&w);
	}
out:
	free(w.stack);
	free(w.depth);
	free(w.state);
	return err;
}

int btf_validate(const struct btf *btf)
{
	struct btf_check c = { .btf = btf };
	__u32 cnt = btf__type_cnt(btf);
	int err;

	for (c.id = btf->start_id; c.id < cnt; c.id++) {
		c.t = btf_type_fast(btf, c.id);
		err = check_name(&c, c.t->name_off, "its");
		err = err ?: check_kind(&c);
		if (err)
			return err;
	}
	return check_chains(btf, CHAIN_REFS, BTF_MAX_CHAIN_DEPTH) ?:
	       check_chains(btf, CHAIN_EMBED, BTF_MAX_EMBED_DEPTH);
}
