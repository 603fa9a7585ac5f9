// SPDX-License-Identifier: BSD-2-Clause
/*
 * Types that refer to no other type (INT, FLOAT, ENUM, ENUM64, FWD): each
 * maps to the first equal type seen, or is canonical itself. An enum
 * forward declaration (no values) maps to a full enum of its name, and a
 * full enum takes over canonical forward declarations seen before it.
 */
#include "btf_dedup.h"

/* First candidate under hash that eq() finds equal to t, or 0. */
static __u32 find_equal(struct btf_dedup *d, const struct btf_type *t, __u64 hash,
			bool (*eq)(const struct btf_type *, const struct btf_type *))
{
	const struct dedup_entry *e;

	for (e = dedup_table_first(&d->table, hash); e; e = dedup_table_next(&d->table, e))
		if (eq(t, dedup_type(d, e->id)))
			return e->id;
	return 0;
}

static __u32 dedup_enum(struct btf_dedup *d, __u32 id, const struct btf_type *t, __u64 hash)
{
	const struct dedup_entry *e;
	const struct btf_type *cand;

	for (e = dedup_table_first(&d->table, hash); e; e = dedup_table_next(&d->table, e)) {
		cand = dedup_type(d, e->id);
		if (dedup_equal_enum(t, cand))
			return e->id;
		if (!dedup_compat_enum(t, cand))
			continue;
		if (dedup_is_enum_fwd(t))
			return e->id;
		/* cand is a forward declaration of t */
		d->map[e->id] = id;
	}
	return 0;
}

static void dedup_prim_type(struct btf_dedup *d, __u32 id)
{
	const struct btf_type *t = dedup_type(d, id);
	__u32 canon;
	__u64 hash;

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		hash = dedup_hash_int_tag(t);
		canon = find_equal(d, t, hash, dedup_equal_int_tag);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		hash = dedup_hash_enum(t);
		canon = dedup_enum(d, id, t, hash);
		break;
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		hash = dedup_hash_common(t);
		canon = find_equal(d, t, hash, dedup_equal_common);
		break;
	default:
		return;
	}
	d->map[id] = canon ? canon : id;
	if (!canon)
		dedup_table_add(&d->table, hash, id);
}

int btf_dedup_prim_types(struct btf_dedup *d)
{
	__u32 i;

	for (i = 0; i < d->btf->nr_types; i++)
		dedup_prim_type(d, d->btf->start_id + i);
	return 0;
}
