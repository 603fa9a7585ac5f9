/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * State of one btf__dedup() run, shared by its phases (btf_dedup*.c).
 *
 * Every type gets a canonical representative in map[]: itself, an equal
 * type found earlier, or (for a forward declaration) the struct, union or
 * enum it declares. Candidates for "an equal type found earlier" come from
 * a table keyed by a hash of each kind's signature; equality decides.
 */
#ifndef __BPFCORE_BTF_DEDUP_H
#define __BPFCORE_BTF_DEDUP_H

#include "btf_internal.h"

/* map[] and hypot_map[] values that are not type ids */
#define DEDUP_UNMAPPED 0xffffffffU
#define DEDUP_IN_PROGRESS 0xfffffffeU

/* One candidate of the table: a type id under its signature hash. */
struct dedup_entry {
	__u64 hash;
	__u32 id;
	__u32 next;	/* index + 1 of the next entry of the bucket, 0 ends it */
};

/*
 * Multimap from signature hash to type ids, newest first. Sized once for
 * every type, since each type is added at most once.
 */
struct dedup_table {
	__u32 *buckets;	/* index + 1 of the bucket's first entry, 0 if empty */
	struct dedup_entry *entries;
	__u32 cnt, cap, bits;
	bool collide;	/* every hash is 0: tests the equality checks */
};

/* A pair of types whose graphs are checked for equivalence. */
struct dedup_pair {
	__u32 cand, canon;
};

struct btf_dedup {
	struct btf *btf;
	struct btf_ext *ext;
	__u32 type_cnt;		/* btf__type_cnt(): base and own types */
	__u32 *map;		/* canonical representative of each type id */
	/*
	 * Correspondence canonical -> candidate assumed by the equivalence
	 * check under way (hypot_list holds its keys, to clear it quickly);
	 * after compaction, old id -> new id.
	 */
	__u32 *hypot_map;
	__u32 *hypot_list;
	__u32 hypot_cnt;
	/* the check would point a base FWD at a split struct: not equal */
	bool hypot_adjust_canon;
	struct dedup_table table;
	/* pairs still to compare by the equivalence check (its DFS stack) */
	struct dedup_pair *pairs;
	__u32 pairs_cnt, pairs_cap;
};

static inline struct btf_type *dedup_type(const struct btf_dedup *d, __u32 id)
{
	return (struct btf_type *)btf_type_fast(d->btf, id);
}

static inline bool dedup_is_mapped(const struct btf_dedup *d, __u32 id)
{
	return d->map[id] < DEDUP_IN_PROGRESS;
}

/* Follow map[] to the canonical type (through resolved forward declarations). */
static inline __u32 dedup_resolve(const struct btf_dedup *d, __u32 id)
{
	while (dedup_is_mapped(d, id) && d->map[id] != id)
		id = d->map[id];
	return id;
}

/* btf_dedup_table.c */
int dedup_table_init(struct dedup_table *tab, __u32 cap, bool collide);
void dedup_table_free(struct dedup_table *tab);
/* Add id under hash: cannot fail, the table holds one entry per type. */
void dedup_table_add(struct dedup_table *tab, __u64 hash, __u32 id);
/* First candidate under hash (NULL if none), then the next one after e. */
const struct dedup_entry *dedup_table_first(const struct dedup_table *tab, __u64 hash);
const struct dedup_entry *dedup_table_next(const struct dedup_table *tab,
					   const struct dedup_entry *e);

/* btf_dedup_sig.c: signature hashes and shallow equality of one kind */
__u64 dedup_hash_common(const struct btf_type *t);
__u64 dedup_hash_int_tag(const struct btf_type *t);
__u64 dedup_hash_enum(const struct btf_type *t);
__u64 dedup_hash_struct(const struct btf_type *t);
__u64 dedup_hash_array(const struct btf_type *t);
__u64 dedup_hash_fnproto(const struct btf_type *t);
/* The hash a type is stored under when it is its own canonical type. */
int dedup_hash_by_kind(const struct btf_type *t, __u64 *hash);
bool dedup_equal_common(const struct btf_type *a, const struct btf_type *b);
bool dedup_equal_int_tag(const struct btf_type *a, const struct btf_type *b);
bool dedup_equal_enum(const struct btf_type *a, const struct btf_type *b);
bool dedup_is_enum_fwd(const struct btf_type *t);
bool dedup_compat_enum(const struct btf_type *a, const struct btf_type *b);
bool dedup_shallow_equal_struct(const struct btf_type *a, const struct btf_type *b);
bool dedup_equal_array(const struct btf_type *a, const struct btf_type *b);
bool dedup_compat_array(const struct btf_type *a, const struct btf_type *b);
bool dedup_equal_fnproto(const struct btf_type *a, const struct btf_type *b);
bool dedup_compat_fnproto(const struct btf_type *a, const struct btf_type *b);

/* The phases, in the order btf__dedup() runs them; each 0 or -errno. */
int btf_dedup_strings(struct btf_dedup *d);		/* btf_dedup_strings.c */
int btf_dedup_prim_types(struct btf_dedup *d);		/* btf_dedup_prim.c */
int btf_dedup_struct_types(struct btf_dedup *d);	/* btf_dedup_equiv.c */
int btf_dedup_resolve_fwds(struct btf_dedup *d);	/* btf_dedup_fwd.c */
int btf_dedup_ref_types(struct btf_dedup *d);		/* btf_dedup_ref.c */
void btf_dedup_compact(struct btf_dedup *d);		/* btf_dedup_compact.c */
int btf_dedup_remap(struct btf_dedup *d);		/* btf_dedup_compact.c */

#endif /* __BPFCORE_BTF_DEDUP_H */
