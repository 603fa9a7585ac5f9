// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sorted order of a C header dump, as bpftool computes it, so that the
 * header does not change when only type ids do. Every rule here (ranks,
 * names followed through references, the hash and its arithmetic) is
 * bpftool's: a different but equally sensible order would change the
 * output.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "c_sort.h"

/* Unnamed types of these kinds sort last, after everything with a name. */
#define RANK_LAST 10

/* References are at most a few dozen deep in valid BTF; stop anyway. */
#define SORT_MAX_DEPTH 512

struct sort_key {
	const char *sort_name;
	const char *own_name;
	__u64 hash;
	__u32 id;
	int rank;
};

static const char *type_name(const struct btf *btf, __u32 name_off)
{
	const char *s = btf__name_by_offset(btf, name_off);

	return s ? s : "";
}

/*
 * Anonymous enums (global constants) first, then named enums, scalars,
 * structs and unions, function prototypes; typedefs and other named
 * references rank as what they lead to, and has_name remembers that a
 * name was met on the way.
 */
static int type_rank(const struct btf *btf, __u32 id, bool has_name, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	if (!t || depth > SORT_MAX_DEPTH)
		return RANK_LAST;
	has_name = has_name || t->name_off;
	switch (btf_kind(t)) {
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return has_name ? 1 : 0;
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		return 2;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return has_name ? 3 : RANK_LAST;
	case BTF_KIND_FUNC_PROTO:
		return has_name ? 4 : RANK_LAST;
	case BTF_KIND_ARRAY:
		if (!has_name)
			return RANK_LAST;
		return type_rank(btf, btf_array(t)->type, true, depth + 1);
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_CONST:
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_DECL_TAG:
		if (!has_name)
			return RANK_LAST;
		return type_rank(btf, t->type, true, depth + 1);
	default:
		return RANK_LAST;
	}
}

/*
 * The name a type sorts under: that of the type it refers to, for
 * references; the first enumerator's, for an anonymous enum met directly.
 */
static const char *sort_name(const struct btf *btf, __u32 id, bool from_ref, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	__u32 name_off;

	if (!t || depth > SORT_MAX_DEPTH)
		return "";
	switch (btf_kind(t)) {
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		name_off = t->name_off;
		if (!from_ref && !name_off && btf_vlen(t))
			name_off = btf_is_enum64(t) ? btf_enum64(t)->name_off : btf_enum(t)->name_off;
		return type_name(btf, name_off);
	case BTF_KIND_ARRAY:
		return sort_name(btf, btf_array(t)->type, true, depth + 1);
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_CONST:
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_DECL_TAG:
		return sort_name(btf, t->type, true, depth + 1);
	default:
		return type_name(btf, t->name_off);
	}
}

static __u64 mix(__u64 h, __u64 v)
{
	return h * 31 + v;
}

/* libbpf's str_hash, over plain char as bpftool sees it on this platform. */
static __u64 str_hash(const char *s)
{
	size_t h = 0;

	for (; *s; s++)
		h = h * 31 + *s;
	return h;
}

static __u64 mix_name(const struct btf *btf, __u64 h, __u32 name_off)
{
	return name_off ? mix(h, str_hash(type_name(btf, name_off))) : h;
}

static size_t hash_enum(const struct btf *btf, const struct btf_type *t, size_t h)
{
	__u16 i, n = btf_vlen(t);

	for (i = 0; i < n; i++) {
		__u32 off = btf_is_enum(t) ? btf_enum(t)[i].name_off : btf_enum64(t)[i].name_off;

		h = mix_name(btf, h, off);
	}
	return h;
}

static __u64 type_hash(const struct btf *btf, __u32 id, bool members, int depth);

static size_t hash_members(const struct btf *btf, const struct btf_type *t, size_t h,
			   int depth)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);

	for (i = 0; i < n; i++) {
		h = mix_name(btf, h, m[i].name_off);
		/* member types contribute their names, not their own members */
		h = mix(h, type_hash(btf, m[i].type, false, depth + 1));
	}
	return h;
}

/*
 * Tells apart types of equal rank and names: enumerators, members, array
 * sizes. bpftool accumulates in a size_t, truncating 32-bit hosts' hashes.
 */
static __u64 type_hash(const struct btf *btf, __u32 id, bool members, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	size_t h;

	if (!t || depth > SORT_MAX_DEPTH)
		return 0;
	h = mix_name(btf, 0, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return hash_enum(btf, t, h);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return members ? hash_members(btf, t, h, depth) : h;
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_CONST:
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_DECL_TAG:
		return mix(h, type_hash(btf, t->type, members, depth + 1));
	case BTF_KIND_ARRAY:
		h = mix(h, btf_array(t)->nelems);
		return mix(h, type_hash(btf, btf_array(t)->type, members, depth + 1));
	default:
		return h;
	}
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	int r;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	r = strcmp(a->sort_name, b->sort_name);
	if (r)
		return r;
	r = strcmp(a->own_name, b->own_name);
	if (r)
		return r;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void fill_key(const struct btf *btf, __u32 id, struct sort_key *k)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	k->id = id;
	k->rank = type_rank(btf, id, false, 0);
	k->sort_name = sort_name(btf, id, false, 0);
	k->own_name = t ? type_name(btf, t->name_off) : "";
	k->hash = type_hash(btf, id, true, 0);
}

int btf_c_sort_ids(const struct btf *btf, __u32 **ids_out)
{
	__u32 i, n = btf__type_cnt(btf);
	struct sort_key *keys;
	__u32 *ids;

	keys = malloc((size_t)n * sizeof(*keys));
	ids = malloc((size_t)n * sizeof(*ids));
	if (!keys || !ids) {
		free(ids);
		free(keys);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		fill_key(btf, i, &keys[i]);
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (i = 0; i < n; i++)
		ids[i] = keys[i].id;
	free(keys);
	*ids_out = ids;
	return 0;
}
