// SPDX-License-Identifier: BSD-2-Clause
/*
 * Order in which named definitions must be emitted for the header to
 * compile: a depth-first walk that queues a definition after everything
 * it needs complete.
 *
 * C needs a complete type where it is embedded (a struct member, an array
 * element) but only a declared one behind a pointer. So every edge is
 * strong (the target must be defined first) or weak (a forward declaration
 * is enough). An edge is weak when the path crosses a pointer and reaches
 * a named type; an anonymous struct behind a pointer is still defined
 * inline, so whatever it embeds stays strongly needed. dump_order()
 * returns 1 for strong, 0 for weak, or a negative errno; a cycle of strong
 * edges cannot be written in C and fails with -ELOOP.
 *
 * Only types that can be definitions (struct, union, enum, fwd, typedef)
 * get an ordering state, and scalars are simply marked done. Pointers are
 * marked done once walked as well, so any later visit of an already done
 * type reports strong: for a typedef that is what lets it be queued.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dump_internal.h"
#include "log.h"

static int queue_push(struct btf_dump *d, __u32 id)
{
	if (d->queue_cnt == d->queue_cap) {
		__u32 cap = d->queue_cap ? d->queue_cap * 2 : 64;
		__u32 *q = realloc(d->queue, (size_t)cap * sizeof(*q));

		if (!q)
			return -ENOMEM;
		d->queue = q;
		d->queue_cap = cap;
	}
	d->queue[d->queue_cnt++] = id;
	return 0;
}

static int order_composite(struct btf_dump *d, __u32 id, const struct btf_type *t,
			   bool via_ptr, int depth)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);
	int err;

	/* a named struct behind a pointer only needs its forward declaration */
	if (via_ptr && t->name_off)
		return 0;

	d->states[id].order = ORDER_BUSY;
	for (i = 0; i < n; i++) {
		err = dump_order(d, m[i].type, false, depth + 1);
		if (err < 0)
			return err;
	}
	/* anonymous ones are emitted inline by whoever embeds them */
	if (t->name_off) {
		err = queue_push(d, id);
		if (err)
			return err;
	}
	d->states[id].order = ORDER_DONE;
	return 1;
}

/*
 * Named enums and forward declarations are top-level definitions, and so
 * are anonymous enums nothing refers to (they just declare constants).
 */
static int order_enum_or_fwd(struct btf_dump *d, __u32 id, const struct btf_type *t)
{
	int err;

	if (t->name_off || !d->states[id].referenced) {
		err = queue_push(d, id);
		if (err)
			return err;
	}
	d->states[id].order = ORDER_DONE;
	return 1;
}

static int order_typedef(struct btf_dump *d, __u32 id, const struct btf_type *t,
			 bool via_ptr, int depth)
{
	int strong, err;

	strong = dump_order(d, t->type, via_ptr, depth + 1);
	if (strong < 0)
		return strong;
	/* like a struct, a typedef used through a pointer may wait */
	if (via_ptr && !strong)
		return 0;
	err = queue_push(d, id);
	if (err)
		return err;
	d->states[id].order = ORDER_DONE;
	return 1;
}

static int order_func_proto(struct btf_dump *d, const struct btf_type *t, bool via_ptr,
			    int depth)
{
	const struct btf_param *p = btf_params(t);
	__u16 i, n = btf_vlen(t);
	bool strong;
	int err;

	err = dump_order(d, t->type, via_ptr, depth + 1);
	if (err < 0)
		return err;
	strong = err > 0;
	for (i = 0; i < n; i++) {
		err = dump_order(d, p[i].type, via_ptr, depth + 1);
		if (err < 0)
			return err;
		strong = strong || err > 0;
	}
	return strong;
}

/* A type met again while its own members are being ordered. */
static int order_revisit(__u32 id, const struct btf_type *t, bool via_ptr)
{
	/* a pointer back to a named struct is what forward declarations are for */
	if (btf_is_composite(t) && via_ptr && t->name_off)
		return 0;
	pr_warn("unsatisfiable type cycle, id:[%u]\n", id);
	return -ELOOP;
}

int dump_order(struct btf_dump *d, __u32 id, bool via_ptr, int depth)
{
	struct dump_type_state *st = &d->states[id];
	const struct btf_type *t;
	int err;

	if (st->order == ORDER_DONE)
		return 1;
	t = dump_type(d, id);
	if (st->order == ORDER_BUSY)
		return order_revisit(id, t, via_ptr);
	if (depth > BTF_DUMP_MAX_DEPTH) {
		pr_warn("type [%u] nested too deeply\n", id);
		return -ELOOP;
	}

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		st->order = ORDER_DONE;
		return 0;
	case BTF_KIND_PTR:
		err = dump_order(d, t->type, true, depth + 1);
		d->states[id].order = ORDER_DONE;
		return err;
	case BTF_KIND_ARRAY:
		return dump_order(d, btf_array(t)->type, false, depth + 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return order_composite(d, id, t, via_ptr, depth);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		return order_enum_or_fwd(d, id, t);
	case BTF_KIND_TYPEDEF:
		return order_typedef(d, id, t, via_ptr, depth);
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return dump_order(d, t->type, via_ptr, depth + 1);
	case BTF_KIND_FUNC_PROTO:
		return order_func_proto(d, t, via_ptr, depth);
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_DECL_TAG:
		/* not emitted as C; nothing to order */
		st->order = ORDER_DONE;
		return 0;
	default:
		return -EINVAL;
	}
}
