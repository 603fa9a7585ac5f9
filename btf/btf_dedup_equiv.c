// SPDX-License-Identifier: BSD-2-Clause
/*
 * Structs and unions: a struct equals an earlier one when the type graphs
 * reachable from both are equivalent, walked side by side (candidate and
 * canonical graph) in depth-first order. hypot_map records which candidate
 * type each canonical-graph type stands for; meeting a type again with a
 * different counterpart is a contradiction (graphs differ), with the same
 * one a cycle (fine). A FWD meets the struct or union of its name and
 * kind. Within one compilation unit the compiler already deduplicated
 * types, so this one-to-one correspondence is what equal graphs give;
 * where it did not, identical types are accepted as the same.
 *
 * The walk keeps its own stack of pairs, so that long chains of types
 * cannot overflow the C stack.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dedup.h"
#include "log.h"

/* How deep identical_types() may compare before giving up. */
#define IDENTICAL_MAX_DEPTH 16

static __u16 fwd_kind(const struct btf_type *t)
{
	return btf_kflag(t) ? BTF_KIND_UNION : BTF_KIND_STRUCT;
}

/* A FWD's struct or union if it was resolved to one, else id itself. */
static __u32 resolve_fwd(const struct btf_dedup *d, __u32 id)
{
	__u32 r;

	if (!btf_is_fwd(dedup_type(d, id)))
		return id;
	r = dedup_resolve(d, id);
	return btf_is_fwd(dedup_type(d, r)) ? id : r;
}

static bool identical_types(const struct btf_dedup *d, __u32 id1, __u32 id2, int depth);

/* Both ids equal, or the types identical one level deeper. */
static bool same_or_identical(const struct btf_dedup *d, __u32 id1, __u32 id2, int depth)
{
	return id1 == id2 || identical_types(d, id1, id2, depth - 1);
}

static bool identical_members(const struct btf_dedup *d, const struct btf_type *t1,
			      const struct btf_type *t2, int depth)
{
	const struct btf_member *m1 = btf_members(t1), *m2 = btf_members(t2);
	__u16 i, n = btf_vlen(t1);

	if (!dedup_shallow_equal_struct(t1, t2))
		return false;
	for (i = 0; i < n; i++)
		if (!same_or_identical(d, m1[i].type, m2[i].type, depth))
			return false;
	return true;
}

static bool identical_params(const struct btf_dedup *d, const struct btf_type *t1,
			     const struct btf_type *t2, int depth)
{
	const struct btf_param *p1 = btf_params(t1), *p2 = btf_params(t2);
	__u16 i, n = btf_vlen(t1);

	if (!dedup_compat_fnproto(t1, t2) || !same_or_identical(d, t1->type, t2->type, depth))
		return false;
	for (i = 0; i < n; i++)
		if (!same_or_identical(d, p1[i].type, p2[i].type, depth))
			return false;
	return true;
}

/*
 * Two types described alike down to the same ids, or to types identical
 * themselves, within depth levels: what a compiler may emit twice in one
 * compilation unit.
 */
static bool identical_types(const struct btf_dedup *d, __u32 id1, __u32 id2, int depth)
{
	const struct btf_type *t1, *t2;
	int chain;

	/* modifiers cost no depth, but a (malformed) cycle of them must end */
	for (chain = 0; depth > 0 && chain < BTF_MAX_CHAIN_DEPTH;
	     chain++, id1 = t1->type, id2 = t2->type) {
		t1 = dedup_type(d, id1);
		t2 = dedup_type(d, id2);
		if (btf_kind(t1) != btf_kind(t2))
			return false;
		if (dedup_is_chain_kind(btf_kind(t1))) {
			if (t1->info != t2->info || t1->name_off != t2->name_off)
				return false;
			continue;	/* on to the referenced types, at the same depth */
		}
		switch (btf_kind(t1)) {
		case BTF_KIND_UNKN:
			return true;
		case BTF_KIND_INT:
			return dedup_equal_int_tag(t1, t2);
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			return dedup_compat_enum(t1, t2);
		case BTF_KIND_FWD:
		case BTF_KIND_FLOAT:
			return dedup_equal_common(t1, t2);
		case BTF_KIND_ARRAY:
			return dedup_compat_array(t1, t2) &&
			       same_or_identical(d, btf_array(t1)->index_type,
						 btf_array(t2)->index_type, depth) &&
			       same_or_identical(d, btf_array(t1)->type, btf_array(t2)->type,
						 depth);
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			return identical_members(d, t1, t2, depth);
		case BTF_KIND_FUNC_PROTO:
			return identical_params(d, t1, t2, depth);
		default:
			return false;
		}
	}
	return false;
}

static int push_pair(struct btf_dedup *d, __u32 cand, __u32 canon)
{
	return dedup_stack_push(&d->pairs, cand, canon);
}

static void hypot_add(struct btf_dedup *d, __u32 canon, __u32 cand)
{
	/* each canonical id is added once per check: the list has room for all */
	d->hypot_list[d->hypot_cnt++] = canon;
	d->hypot_map[canon] = cand;
}

static void hypot_clear(struct btf_dedup *d)
{
	__u32 i;

	for (i = 0; i < d->hypot_cnt; i++)
		d->hypot_map[d->hypot_list[i]] = DEDUP_UNMAPPED;
	d->hypot_cnt = 0;
	d->hypot_adjust_canon = false;
}

/* A FWD against a struct or union: equal if the kinds agree. */
static int compare_fwd(struct btf_dedup *d, const struct btf_type *cand, __u32 canon_id,
		       const struct btf_type *canon)
{
	__u16 real_kind, decl_kind;

	if (btf_is_fwd(cand)) {
		real_kind = btf_kind(canon);
		decl_kind = fwd_kind(cand);
	} else {
		real_kind = btf_kind(cand);
		decl_kind = fwd_kind(canon);
		/* equal, but only by resolving a base FWD, which must not change */
		if (decl_kind == real_kind && canon_id < d->btf->start_id)
			d->hypot_adjust_canon = true;
	}
	return decl_kind == real_kind;
}

/* Queue the member (parameter) pairs so that the first is compared first. */
static int push_struct_members(struct btf_dedup *d, const struct btf_type *cand,
			       const struct btf_type *canon)
{
	const struct btf_member *mc = btf_members(cand), *mk = btf_members(canon);
	int i, err = 0;

	for (i = btf_vlen(cand) - 1; !err && i >= 0; i--)
		err = push_pair(d, mc[i].type, mk[i].type);
	return err;
}

static int push_proto_params(struct btf_dedup *d, const struct btf_type *cand,
			     const struct btf_type *canon)
{
	const struct btf_param *pc = btf_params(cand), *pk = btf_params(canon);
	int i, err = 0;

	for (i = btf_vlen(cand) - 1; !err && i >= 0; i--)
		err = push_pair(d, pc[i].type, pk[i].type);
	return err ?: push_pair(d, cand->type, canon->type);
}

/* Compare two types of one kind, queueing the pairs they refer to. */
static int compare_kind(struct btf_dedup *d, const struct btf_type *cand,
			const struct btf_type *canon)
{
	int err;

	if (dedup_is_chain_kind(btf_kind(cand))) {
		if (cand->info != canon->info)
			return 0;
		err = push_pair(d, cand->type, canon->type);
		return err ?: 1;
	}
	switch (btf_kind(cand)) {
	case BTF_KIND_INT:
		return dedup_equal_int_tag(cand, canon);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return dedup_compat_enum(cand, canon);
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		return dedup_equal_common(cand, canon);
	case BTF_KIND_ARRAY:
		if (!dedup_compat_array(cand, canon))
			return 0;
		err = push_pair(d, btf_array(cand)->type, btf_array(canon)->type);
		err = err ?: push_pair(d, btf_array(cand)->index_type, btf_array(canon)->index_type);
		return err ?: 1;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!dedup_shallow_equal_struct(cand, canon))
			return 0;
		err = push_struct_members(d, cand, canon);
		return err ?: 1;
	case BTF_KIND_FUNC_PROTO:
		if (!dedup_compat_fnproto(cand, canon))
			return 0;
		err = push_proto_params(d, cand, canon);
		return err ?: 1;
	default:
		pr_warn("btf__dedup: %s type in a struct's type graph\n",
			btf_kind_str(btf_kind(cand)));
		return -EINVAL;
	}
}

/* One step of the walk: 1 if the pair may be equivalent, 0 if not, or -errno. */
static int compare_pair(struct btf_dedup *d, __u32 cand_id, __u32 canon_id)
{
	const struct btf_type *cand, *canon;
	__u32 hypot;

	if (dedup_resolve(d, cand_id) == dedup_resolve(d, canon_id))
		return 1;
	canon_id = resolve_fwd(d, canon_id);
	hypot = d->hypot_map[canon_id];
	if (hypot < DEDUP_IN_PROGRESS)
		return hypot == cand_id ||
		       identical_types(d, hypot, cand_id, IDENTICAL_MAX_DEPTH);
	hypot_add(d, canon_id, cand_id);
	cand = dedup_type(d, cand_id);
	canon = dedup_type(d, canon_id);
	if (cand->name_off != canon->name_off)
		return 0;
	if ((btf_is_fwd(cand) || btf_is_fwd(canon)) && btf_kind(cand) != btf_kind(canon))
		return compare_fwd(d, cand, canon_id, canon);
	if (btf_kind(cand) != btf_kind(canon))
		return 0;
	return compare_kind(d, cand, canon);
}

/* Are the graphs of cand_id and canon_id equivalent? 1, 0 or -errno. */
static int is_equiv(struct btf_dedup *d, __u32 cand_id, __u32 canon_id)
{
	struct dedup_frame p;
	int ret;

	d->pairs.cnt = 0;
	ret = push_pair(d, cand_id, canon_id);
	if (ret)
		return ret;
	while (d->pairs.cnt) {
		p = d->pairs.frames[--d->pairs.cnt];
		ret = compare_pair(d, p.a, p.b);
		if (ret <= 0)
			return ret;
	}
	return 1;
}

/*
 * Make what the successful check assumed permanent: forward declarations
 * resolve to their structs, and structs of the candidate graph map to
 * their counterparts when those are canonical (saves checking them again).
 */
static void merge_hypot(struct btf_dedup *d)
{
	__u32 i, t_id, c_id;
	__u16 t_kind, c_kind;

	for (i = 0; i < d->hypot_cnt; i++) {
		c_id = dedup_resolve(d, d->hypot_list[i]);
		t_id = dedup_resolve(d, d->hypot_map[d->hypot_list[i]]);
		t_kind = btf_kind(dedup_type(d, t_id));
		c_kind = btf_kind(dedup_type(d, c_id));
		/* a base FWD too: the split FWDs resolve through it */
		if (t_kind != BTF_KIND_FWD && c_kind == BTF_KIND_FWD)
			d->map[c_id] = t_id;
		if (d->hypot_adjust_canon)
			continue;
		if (t_kind == BTF_KIND_FWD && c_kind != BTF_KIND_FWD)
			d->map[t_id] = c_id;
		if ((t_kind == BTF_KIND_STRUCT || t_kind == BTF_KIND_UNION) &&
		    c_kind != BTF_KIND_FWD && dedup_is_mapped(d, c_id) &&
		    !dedup_is_mapped(d, t_id))
			d->map[t_id] = c_id;
	}
}

static int dedup_struct_type(struct btf_dedup *d, __u32 id)
{
	const struct btf_type *t = dedup_type(d, id);
	const struct dedup_entry *e;
	__u32 canon = id;
	__u64 hash;
	int eq;

	/* mapped already, by an earlier check that met it */
	if (dedup_is_mapped(d, id) || !btf_is_composite(t))
		return 0;
	hash = dedup_hash_struct(t);
	for (e = dedup_table_first(&d->table, hash); e; e = dedup_table_next(&d->table, e)) {
		/* same kind too: a FWD of equal hash would end up mapped both ways */
		if (!dedup_shallow_equal_struct(t, dedup_type(d, e->id)))
			continue;
		hypot_clear(d);
		eq = is_equiv(d, id, e->id);
		if (eq < 0)
			return eq;
		if (!eq)
			continue;
		merge_hypot(d);
		if (d->hypot_adjust_canon)
			continue;
		canon = e->id;
		break;
	}
	d->map[id] = canon;
	if (canon == id)
		dedup_table_add(&d->table, hash, id);
	return 0;
}

int btf_dedup_struct_types(struct btf_dedup *d)
{
	__u32 i;
	int err;

	for (i = 0; i < d->btf->nr_types; i++) {
		err = dedup_struct_type(d, d->btf->start_id + i);
		if (err)
			return err;
	}
	return 0;
}
