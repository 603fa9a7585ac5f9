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

/* Rank of everything but enums, scalars, named structs and named prototypes. */
#define RANK_LAST 10

/* References are at most a few dozen deep in valid BTF; stop anyway. */
#define SORT_MAX_DEPTH 512

struct sort_key {
	/* first bytes of the names, big-endian: most comparisons end here */
	__u64 sort_prefix;
	__u64 own_prefix;
	const char *sort_name;
	const char *own_name;
	__u64 hash;
	__u32 id;
	int rank;
};

struct sort_ctx {
	const struct btf *btf;
	/*
	 * type_hash() per id, without ([0]) and with ([1]) members: pointers
	 * and typedefs of a struct would rehash it every time. 0 is "not yet".
	 */
	__u64 *memo[2];
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

static __u32 first_enumerator(const struct btf_type *t)
{
	return btf_is_enum64(t) ? btf_enum64(t)->name_off : btf_enum(t)->name_off;
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
			name_off = first_enumerator(t);
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

static __u64 type_hash(struct sort_ctx *c, __u32 id, bool members, int depth);

static __u64 memo_hash(struct sort_ctx *c, __u32 id, bool members, int depth)
{
	__u64 *memo = c->memo[members];

	if (id >= btf__type_cnt(c->btf))
		return 0;
	if (!memo[id])
		memo[id] = type_hash(c, id, members, depth);
	return memo[id];
}

static size_t hash_members(struct sort_ctx *c, const struct btf_type *t, size_t h, int depth)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);

	for (i = 0; i < n; i++) {
		h = mix_name(c->btf, h, m[i].name_off);
		/* member types contribute their names, not their own members */
		h = mix(h, memo_hash(c, m[i].type, false, depth + 1));
	}
	return h;
}

/*
 * Tells apart types of equal rank and names: enumerators, members, array
 * sizes. bpftool accumulates in a size_t, truncating 32-bit hosts' hashes.
 */
static __u64 type_hash(struct sort_ctx *c, __u32 id, bool members, int depth)
{
	const struct btf *btf = c->btf;
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
		return members ? hash_members(c, t, h, depth) : h;
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_CONST:
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_DECL_TAG:
		return mix(h, memo_hash(c, t->type, members, depth + 1));
	case BTF_KIND_ARRAY:
		h = mix(h, btf_array(t)->nelems);
		return mix(h, memo_hash(c, btf_array(t)->type, members, depth + 1));
	default:
		return h;
	}
}

/* strcmp() order of the first 8 bytes, as an integer (bytes past the NUL are 0). */
static __u64 name_prefix(const char *s)
{
	__u64 v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		v = v << 8 | (unsigned char)*s;
		if (*s)
			s++;
	}
	return v;
}

/* strcmp(a, b) given their name_prefix() values */
static int name_cmp(__u64 pa, const char *a, __u64 pb, const char *b)
{
	if (pa != pb)
		return pa < pb ? -1 : 1;
	/* equal prefixes without a NUL in them: the names go on past byte 8 */
	if ((pa & 0xff) == 0 || a == b)
		return 0;
	return strcmp(a + 8, b + 8);
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	int r;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	r = name_cmp(a->sort_prefix, a->sort_name, b->sort_prefix, b->sort_name);
	if (r)
		return r;
	r = name_cmp(a->own_prefix, a->own_name, b->own_prefix, b->own_name);
	if (r)
		return r;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * What is sorted: rank and the first 7 bytes of the sort name packed into
 * one integer, which decides most comparisons without touching the keys.
 */
struct sort_item {
	__u64 head;
	__u32 id;
};

static int item_cmp(const void *pa, const void *pb, void *keys)
{
	const struct sort_item *a = pa, *b = pb;
	const struct sort_key *k = keys;

	if (a->head != b->head)
		return a->head < b->head ? -1 : 1;
	return key_cmp(&k[a->id], &k[b->id]);
}

static void fill_key(struct sort_ctx *c, __u32 id, struct sort_key *k)
{
	const struct btf_type *t = btf__type_by_id(c->btf, id);

	k->id = id;
	k->rank = type_rank(c->btf, id, false, 0);
	k->sort_name = sort_name(c->btf, id, false, 0);
	k->sort_prefix = name_prefix(k->sort_name);
	k->own_name = t ? type_name(c->btf, t->name_off) : "";
	k->own_prefix = name_prefix(k->own_name);
	k->hash = memo_hash(c, id, true, 0);
}

int btf_c_sort_ids(const struct btf *btf, __u32 **ids_out)
{
	__u32 i, n = btf__type_cnt(btf);
	struct sort_ctx c = { .btf = btf };
	struct sort_item *items = NULL;
	struct sort_key *keys = NULL;
	__u32 *ids = NULL;
	int err = -ENOMEM;

	c.memo[0] = calloc(n, sizeof(*c.memo[0]));
	c.memo[1] = calloc(n, sizeof(*c.memo[1]));
	keys = malloc((size_t)n * sizeof(*keys));
	items = malloc((size_t)n * sizeof(*items));
	ids = malloc((size_t)n * sizeof(*ids));
	if (!c.memo[0] || !c.memo[1] || !keys || !items || !ids)
		goto out;

	for (i = 0; i < n; i++) {
		fill_key(&c, i, &keys[i]);
		items[i].head = (__u64)keys[i].rank << 56 | keys[i].sort_prefix >> 8;
		items[i].id = i;
	}
	qsort_r(items, n, sizeof(*items), item_cmp, keys);
	for (i = 0; i < n; i++)
		ids[i] = items[i].id;
	*ids_out = ids;
	ids = NULL;
	err = 0;
out:
	free(ids);
	free(items);
	free(keys);
	free(c.memo[1]);
	free(c.memo[0]);
	return err;
}
