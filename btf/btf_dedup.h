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
 * Multimap from signature hash to type ids. Sized once for every type,
 * since each type is added at most once. When several candidates match
 * (an enum declaration and two enums of its name), the first one wins:
 * candidates of one hash come in the order libbpf's hashmap gives them,
 * newest first but reversed at each of its growths, which ours mimics.
 */
struct dedup_table {
	__u32 *buckets;	/* index + 1 of the bucket's first entry, 0 if empty */
	struct dedup_entry *entries;
	__u32 cnt, cap, bits;
	__u32 lib_cap;	/* the capacity libbpf's hashmap would have now */
	bool collide;	/* one bucket for all hashes: tests the chain walks */
};

/*
 * Explicit depth-first stack of two-word frames: pairs of types for the
 * equivalence check, (type, next reference) for the reference walk.
 */
struct dedup_frame {
	__u32 a, b;
};

struct dedup_stack {
	struct dedup_frame *frames;
	__u32 cnt, cap;
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
	/* pairs (cand, canon) still to compare by the equivalence check */
	struct dedup_stack pairs;
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

/*
 * Kinds made of a name, info and one referenced type, equal when those
 * are: modifiers, PTR, TYPEDEF, FUNC, TYPE_TAG.
 */
static inline bool dedup_is_chain_kind(__u16 kind)
{
	switch (kind) {
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FUNC:
	case BTF_KIND_TYPE_TAG:
		return true;
	default:
		return false;
	}
}

/* btf_dedup_stack.c: push a frame (0 or -ENOMEM); the top frame, NULL if empty */
int dedup_stack_push(struct dedup_stack *s, __u32 a, __u32 b);
static inline struct dedup_frame *dedup_stack_top(struct dedup_stack *s)
{
	return s->cnt ? &s->frames[s->cnt - 1] : NULL;
}
void dedup_stack_free(struct dedup_stack *s);

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
