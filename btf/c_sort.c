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

#include "btf_internal.h"
#include "c_sort.h"

/* Rank of everything but enums, scalars, named structs and named prototypes. */
#define RANK_LAST 10

/* Runs of ties shorter than this are sorted by comparison. */
#define RADIX_MIN_RUN 64

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
	const struct btf_type *t = btf_type_fast(btf, id);

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
	const struct btf_type *t = btf_type_fast(btf, id);
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
	const struct btf_type *t = btf_type_fast(btf, id);
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

/* Full comparison of two types whose rank and first name bytes are equal. */
static int key_cmp(struct sort_ctx *c, struct sort_key *a, struct sort_key *b)
{
	int r;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	r = name_cmp(a->sort_prefix, a->sort_name, b->sort_prefix, b->sort_name);
	if (r)
		return r;
	r = name_cmp(a->own_prefix, a->own_name, b->own_prefix, b->own_name);
	if (r)
		return r;
	/* hashes are costly and needed only here, for full name ties */
	a->hash = memo_hash(c, a->id, true, 0);
	b->hash = memo_hash(c, b->id, true, 0);
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

struct tie_ctx {
	struct sort_ctx *c;
	struct sort_key *keys;
};

static int tie_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct sort_item *a = pa, *b = pb;
	struct tie_ctx *t = ctx;

	return key_cmp(t->c, &t->keys[a->id], &t->keys[b->id]);
}

/*
 * Stable LSD radix sort by head, a byte at a time; passes in which every
 * item has the same byte are skipped. Leaves the result in items.
 */
static void radix_sort(struct sort_item *items, struct sort_item *tmp, __u32 n)
{
	enum { bytes = sizeof(items->head) };
	struct sort_item *src = items, *dst = tmp, *swap;
	__u32 count[bytes][256] = { { 0 } };
	__u32 i, sum, c;
	int b;

	if (!n)
		return;
	for (i = 0; i < n; i++)
		for (b = 0; b < bytes; b++)
			count[b][(src[i].head >> (8 * b)) & 0xff]++;
	for (b = 0; b < bytes; b++) {
		if (count[b][(src[0].head >> (8 * b)) & 0xff] == n)
			continue;
		for (sum = 0, i = 0; i < 256; i++) {
			c = count[b][i];
			count[b][i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[b][(src[i].head >> (8 * b)) & 0xff]++] = src[i];
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != items)
		memcpy(items, src, (size_t)n * sizeof(*items));
}

/*
 * Items [from, to) are in order already: true of most runs, since the
 * radix sort keeps id order and big runs (anonymous prototypes, say) tie
 * on everything but the id.
 */
static bool run_sorted(struct tie_ctx *t, const struct sort_item *items, __u32 from, __u32 to)
{
	__u32 i;

	for (i = from + 1; i < to; i++)
		if (tie_cmp(&items[i - 1], &items[i], t) > 0)
			return false;
	return true;
}

enum tie_level { TIE_SORT_NAME, TIE_OWN_NAME };

/* All items of the run have the same sort name (or own name) as the first. */
static bool run_names_equal(const struct sort_key *keys, const struct sort_item *items,
			    __u32 cnt, enum tie_level level)
{
	const struct sort_key *a = &keys[items[0].id], *b;
	__u32 i;

	for (i = 1; i < cnt; i++) {
		b = &keys[items[i].id];
		if (level == TIE_SORT_NAME ?
		    name_cmp(a->sort_prefix, a->sort_name, b->sort_prefix, b->sort_name) :
		    name_cmp(a->own_prefix, a->own_name, b->own_prefix, b->own_name))
			return false;
	}
	return true;
}

static void sort_run(struct tie_ctx *t, struct sort_item *items, struct sort_item *tmp,
		     __u32 cnt, enum tie_level level);

/* Sort the run by the next key (own name prefix, or hash), then its ties. */
static void sort_run_by(struct tie_ctx *t, struct sort_item *items, struct sort_item *tmp,
			__u32 cnt, enum tie_level level)
{
	__u32 i, j;

	for (i = 0; i < cnt; i++)
		items[i].head = level == TIE_SORT_NAME ? t->keys[items[i].id].own_prefix :
							 memo_hash(t->c, items[i].id, true, 0);
	radix_sort(items, tmp, cnt);
	if (level != TIE_SORT_NAME)
		return;	/* equal hashes: the stable sort kept id order */
	for (i = 0; i < cnt; i = j) {
		for (j = i + 1; j < cnt && items[j].head == items[i].head; j++)
			;
		if (j - i > 1)
			sort_run(t, items + i, tmp, j - i, TIE_OWN_NAME);
	}
}

/*
 * Order a run of equal heads by the rest of the key. The biggest runs
 * (anonymous types) share their names and differ by hash, which radix
 * passes order fastest; the radix sort is stable, so what ties on
 * everything stays in id order. Mixed runs are few and short: qsort.
 */
static void sort_run(struct tie_ctx *t, struct sort_item *items, struct sort_item *tmp,
		     __u32 cnt, enum tie_level level)
{
	/* a radix sort costs a few KiB of counters: not for short runs */
	if (cnt >= RADIX_MIN_RUN && run_names_equal(t->keys, items, cnt, level))
		sort_run_by(t, items, tmp, cnt, level);
	else if (!run_sorted(t, items, 0, cnt))
		qsort_r(items, cnt, sizeof(*items), tie_cmp, t);
}

/* Order each run of equal heads; the heads are spent afterwards. */
static void sort_ties(struct sort_ctx *c, struct sort_key *keys, struct sort_item *items,
		      struct sort_item *tmp, __u32 n)
{
	struct tie_ctx t = { c, keys };
	__u32 i, j;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && items[j].head == items[i].head; j++)
			;
		if (j - i > 1)
			sort_run(&t, items + i, tmp, j - i, TIE_SORT_NAME);
	}
}

static void fill_key(struct sort_ctx *c, __u32 id, struct sort_key *k)
{
	const struct btf_type *t = btf_type_fast(c->btf, id);

	k->id = id;
	k->rank = type_rank(c->btf, id, false, 0);
	k->sort_name = sort_name(c->btf, id, false, 0);
	k->sort_prefix = name_prefix(k->sort_name);
	k->own_name = t ? type_name(c->btf, t->name_off) : "";
	k->own_prefix = name_prefix(k->own_name);
}

/* The C dump of id writes nothing and orders nothing. */
static bool no_c_form(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf_type_fast(btf, id);

	if (!id || !t)
		return true;
	switch (btf_kind(t)) {
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_DECL_TAG:
		return true;
	default:
		return false;
	}
}

int btf_c_sort_ids(const struct btf *btf, __u32 **ids_out, __u32 *cnt_out)
{
	__u32 i, m = 0, n = btf__type_cnt(btf);
	struct sort_ctx c = { .btf = btf };
	struct sort_item *items = NULL, *tmp = NULL;
	struct sort_key *keys = NULL;
	__u32 *ids = NULL;
	int err = -ENOMEM;

	c.memo[0] = calloc(n, sizeof(*c.memo[0]));
	c.memo[1] = calloc(n, sizeof(*c.memo[1]));
	keys = malloc((size_t)n * sizeof(*keys));
	items = malloc((size_t)n * sizeof(*items));
	tmp = malloc((size_t)n * sizeof(*tmp));
	ids = malloc((size_t)n * sizeof(*ids));
	if (!c.memo[0] || !c.memo[1] || !keys || !items || !tmp || !ids)
		goto out;

	for (i = 0; i < n; i++) {
		if (no_c_form(btf, i))
			continue;
		fill_key(&c, i, &keys[i]);
		items[m].head = (__u64)keys[i].rank << 56 | keys[i].sort_prefix >> 8;
		items[m++].id = i;
	}
	radix_sort(items, tmp, m);
	sort_ties(&c, keys, items, tmp, m);
	for (i = 0; i < m; i++)
		ids[i] = items[i].id;
	*ids_out = ids;
	*cnt_out = m;
	ids = NULL;
	err = 0;
out:
	free(ids);
	free(tmp);
	free(items);
	free(keys);
	free(c.memo[1]);
	free(c.memo[0]);
	return err;
}
