// SPDX-License-Identifier: BSD-2-Clause
/*
 * Types that refer to others (modifiers, PTR, TYPEDEF, ARRAY, FUNC,
 * FUNC_PROTO, tags), once everything they can end at is canonical: each
 * is deduplicated after the types it refers to, its references rewritten
 * to canonical ids, so that plain equality finds its duplicates. Only a
 * struct or union can close a cycle in C; a cycle of these kinds alone
 * is refused (-ELOOP). A depth-first walk with its own stack gives the
 * order a recursion would, without its depth limit.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dedup.h"
#include "log.h"

static bool is_ref_kind(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_ARRAY:
	case BTF_KIND_FUNC_PROTO:
		return true;
	default:
		return dedup_is_chain_kind(btf_kind(t));
	}
}

/* The i-th type id t refers to, in the order they are deduplicated; NULL past the last. */
static __u32 *ref_field(struct btf_type *t, __u32 i)
{
	switch (btf_kind(t)) {
	case BTF_KIND_ARRAY:
		if (i < 2)
			return i ? &btf_array(t)->index_type : &btf_array(t)->type;
		return NULL;
	case BTF_KIND_FUNC_PROTO:
		if (i <= btf_vlen(t))
			return i ? &btf_params(t)[i - 1].type : &t->type;
		return NULL;
	default:
		return i ? NULL : &t->type;
	}
}

/* Walk into id: frame (id, index of its next reference to visit). */
static int walk_push(struct btf_dedup *d, struct dedup_stack *w, __u32 id)
{
	d->map[id] = DEDUP_IN_PROGRESS;
	return dedup_stack_push(w, id, 0);
}

/* First canonical candidate equal to t (whose references are canonical), or 0. */
static __u32 find_equal_ref(struct btf_dedup *d, const struct btf_type *t, __u64 *hash)
{
	bool (*eq)(const struct btf_type *, const struct btf_type *);
	const struct dedup_entry *e;

	switch (btf_kind(t)) {
	case BTF_KIND_DECL_TAG:
		*hash = dedup_hash_int_tag(t);
		eq = dedup_equal_int_tag;
		break;
	case BTF_KIND_ARRAY:
		*hash = dedup_hash_array(t);
		eq = dedup_equal_array;
		break;
	case BTF_KIND_FUNC_PROTO:
		*hash = dedup_hash_fnproto(t);
		eq = dedup_equal_fnproto;
		break;
	default:
		*hash = dedup_hash_common(t);
		eq = dedup_equal_common;
		break;
	}
	for (e = dedup_table_first(&d->table, *hash); e; e = dedup_table_next(&d->table, e))
		if (eq(t, dedup_type(d, e->id)))
			return e->id;
	return 0;
}

/* All of id's references are canonical: rewrite them, then deduplicate id. */
static void finish_ref(struct btf_dedup *d, __u32 id)
{
	struct btf_type *t = dedup_type(d, id);
	__u32 i, *field, canon;
	__u64 hash;

	for (i = 0; (field = ref_field(t, i)); i++)
		*field = dedup_resolve(d, *field);
	canon = find_equal_ref(d, t, &hash);
	d->map[id] = canon ? canon : id;
	if (!canon)
		dedup_table_add(&d->table, hash, id);
}

/* One step on the top frame: descend into its next reference, or finish it. */
static int walk_step(struct btf_dedup *d, struct dedup_stack *w)
{
	struct dedup_frame *top = dedup_stack_top(w);
	struct btf_type *t = dedup_type(d, top->a);
	__u32 *field = ref_field(t, top->b), ref;

	if (!field) {
		finish_ref(d, top->a);
		w->cnt--;
		return 0;
	}
	top->b++;
	ref = *field;
	if (d->map[ref] == DEDUP_IN_PROGRESS) {
		pr_warn("btf__dedup: type [%u] refers to itself through modifiers, "
			"pointers or functions only\n", ref);
		return -ELOOP;
	}
	if (dedup_is_mapped(d, ref))
		return 0;
	if (!is_ref_kind(dedup_type(d, ref))) {
		pr_warn("btf__dedup: type [%u] is of unknown kind %u\n", ref,
			btf_kind(dedup_type(d, ref)));
		return -EINVAL;
	}
	return walk_push(d, w, ref);
}

static int dedup_ref_type(struct btf_dedup *d, struct dedup_stack *w, __u32 id)
{
	int err;

	if (dedup_is_mapped(d, id) || !is_ref_kind(dedup_type(d, id)))
		return 0;
	err = walk_push(d, w, id);
	while (!err && w->cnt)
		err = walk_step(d, w);
	return err;
}

int btf_dedup_ref_types(struct btf_dedup *d)
{
	struct dedup_stack w = {};
	__u32 i;
	int err = 0;

	for (i = 0; !err && i < d->btf->nr_types; i++)
		err = dedup_ref_type(d, &w, d->btf->start_id + i);
	dedup_stack_free(&w);
	return err;
}
