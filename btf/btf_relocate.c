// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__relocate(): split BTF whose base is a distilled base (see
 * btf_distill.c) moved onto a real base BTF. Each distilled type is
 * matched with the base type of its name and kind (and size where that
 * decides: ints, floats, enums, structs embedded by value, or names that
 * several base structs share); the split types' ids and strings are then
 * rewritten for the new base. All or nothing: on error btf is unchanged.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf_type_fields.h"
#include "btf_write.h"
#include "log.h"

/* A distilled id matched by a struct embedded by value: its size must match. */
#define ID_EMBEDDED ((__u32)-1)

struct name_key {
	const char *name;
	bool needs_size;
	__u32 size;
	__u32 id;
};

struct relocate {
	struct btf *btf;
	const struct btf *dist;		/* the distilled base */
	const struct btf *base;		/* the new base */
	__u32 nr_dist;			/* btf__type_cnt(dist) */
	__u32 nr_base;
	__u32 *id_map;			/* any id of btf -> its id on base */
	__u32 *str_map;			/* distilled name offset -> base name offset */
	struct name_key *keys;		/* distilled types by name, then size */
	const char **base_names;	/* names of base structs and unions, sorted */
	__u32 nr_base_names;
};

static int key_cmp(const void *a, const void *b)
{
	const struct name_key *x = a, *y = b;
	int diff = strcmp(x->name, y->name);

	if (!diff && x->needs_size && y->needs_size)
		return x->size < y->size ? 1 : x->size > y->size ? -1 : 0;
	return diff;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char * const *)a, *(const char * const *)b);
}

/* The distilled base holds named INT, FLOAT, ENUM, STRUCT, UNION and FWD only. */
static int check_distilled(const struct relocate *r)
{
	const struct btf_type *t;
	__u32 id;

	for (id = 1; id < r->nr_dist; id++) {
		t = btf__type_by_id(r->dist, id);
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
		case BTF_KIND_ENUM:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_FWD:
			if (t->name_off)
				break;
			pr_warn("btf__relocate: distilled base type [%u] %s is anonymous\n", id,
				btf_kind_str(btf_kind(t)));
			return -EINVAL;
		default:
			pr_warn("btf__relocate: distilled base type [%u] is of kind %s, which a "
				"distilled base does not hold\n", id, btf_kind_str(btf_kind(t)));
			return -EINVAL;
		}
	}
	return 0;
}

/* The struct or union a member of split type id holds by value, if distilled: mark it. */
static int mark_embedded(__u32 *member_id, void *arg)
{
	struct relocate *r = arg;
	const struct btf_type *t;
	__u32 id = *member_id, depth = 0;

	while (id && depth++ < BTF_MAX_CHAIN_DEPTH) {
		t = btf__type_by_id(r->btf, id);
		if (btf_is_mod(t) || btf_is_typedef(t)) {
			id = t->type;
		} else if (btf_is_array(t)) {
			id = btf_array(t)->type;
		} else {
			if (btf_is_composite(t) && id < r->nr_dist)
				r->id_map[id] = ID_EMBEDDED;
			break;
		}
	}
	return 0;
}

/* Whether distilled type d may stand for base type b (same name, and size where it applies). */
static bool compatible(const struct relocate *r, __u32 dist_id, const struct btf_type *d,
		       const struct btf_type *b)
{
	switch (btf_kind(d)) {
	case BTF_KIND_FWD:
		if (btf_is_fwd(b))
			return btf_kflag(d) == btf_kflag(b);
		return btf_is_struct(b) ? !btf_kflag(b) : btf_is_union(b) && btf_kflag(b);
	case BTF_KIND_INT:
		return btf_is_int(b) && btf_int_encoding(b) == btf_int_encoding(d);
	case BTF_KIND_FLOAT:
		return btf_is_float(b);
	case BTF_KIND_ENUM:
		/* a distilled ENUM stands for an ENUM64 of its size too */
		return btf_is_any_enum(b);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (btf_kind(d) != btf_kind(b))
			return false;
		return r->id_map[dist_id] != ID_EMBEDDED || b->size == d->size;
	default:
		return false;
	}
}

/* How many base structs and unions are called name. */
static __u32 base_name_count(const struct relocate *r, const char *name)
{
	const char **p = bsearch(&name, r->base_names, r->nr_base_names, sizeof(*p), str_cmp);
	const char **lo = p, **hi = p;

	if (!p)
		return 0;
	while (lo > r->base_names && !strcmp(lo[-1], name))
		lo--;
	while (hi + 1 < r->base_names + r->nr_base_names && !strcmp(hi[1], name))
		hi++;
	return hi - lo + 1;
}

/* The key for base type b (id), or false if no distilled type can stand for it. */
static bool base_key(const struct relocate *r, __u32 id, const struct btf_type *b,
		     struct name_key *key)
{
	key->id = id;
	key->name = btf__name_by_offset(r->base, b->name_off);
	key->size = b->size;
	switch (btf_kind(b)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		key->needs_size = true;
		return true;
	case BTF_KIND_FWD:
		key->needs_size = false;
		return true;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		/* size tells apart structs of one name, else it may have changed */
		key->needs_size = base_name_count(r, key->name) > 1;
		return true;
	default:
		return false;
	}
}

/* Map the distilled types matching base type id; -EINVAL if one matches twice. */
static int match_base_type(struct relocate *r, __u32 id)
{
	const struct btf_type *b = btf__type_by_id(r->base, id), *d;
	struct name_key key, *k, *end = r->keys + r->nr_dist - 1;
	__u32 did;

	if (!b->name_off || !base_key(r, id, b, &key))
		return 0;
	k = bsearch(&key, r->keys, r->nr_dist - 1, sizeof(key), key_cmp);
	if (!k)
		return 0;
	while (k > r->keys && !key_cmp(&key, k - 1))
		k--;
	for (; k < end && !key_cmp(&key, k); k++) {
		did = k->id;
		d = btf__type_by_id(r->dist, did);
		if (!compatible(r, did, d, b))
			continue;
		if (r->id_map[did] && r->id_map[did] != ID_EMBEDDED) {
			pr_warn("btf__relocate: distilled base type '%s' [%u] of size %u has two "
				"candidates in the base: [%u] and [%u]\n", key.name, did, b->size,
				r->id_map[did], id);
			return -EINVAL;
		}
		r->id_map[did] = id;
		r->str_map[d->name_off] = b->name_off;
	}
	return 0;
}

static int collect_names(struct relocate *r)
{
	const struct btf_type *t;
	__u32 id;

	r->keys = calloc(r->nr_dist, sizeof(*r->keys));
	r->base_names = calloc(r->nr_base, sizeof(*r->base_names));
	if (!r->keys || !r->base_names)
		return -ENOMEM;
	for (id = 1; id < r->nr_dist; id++) {
		t = btf__type_by_id(r->dist, id);
		r->keys[id - 1] = (struct name_key){
			.name = btf__name_by_offset(r->dist, t->name_off),
			.needs_size = true, .size = t->size, .id = id,
		};
	}
	qsort(r->keys, r->nr_dist - 1, sizeof(*r->keys), key_cmp);
	for (id = 1; id < r->nr_base; id++) {
		t = btf__type_by_id(r->base, id);
		if (btf_is_composite(t) && t->name_off)
			r->base_names[r->nr_base_names++] = btf__name_by_offset(r->base, t->name_off);
	}
	qsort(r->base_names, r->nr_base_names, sizeof(*r->base_names), str_cmp);
	return 0;
}

static int map_distilled(struct relocate *r)
{
	const struct btf_type *t;
	__u32 id;
	int err;

	err = collect_names(r);
	for (id = r->btf->start_id; !err && id < btf__type_cnt(r->btf); id++) {
		t = btf__type_by_id(r->btf, id);
		if (btf_is_composite(t))
			err = btf_type_visit_ids((struct btf_type *)t, mark_embedded, r);
	}
	for (id = 1; !err && id < r->nr_base; id++)
		err = match_base_type(r, id);
	for (id = 1; !err && id < r->nr_dist; id++) {
		if (r->id_map[id] && r->id_map[id] != ID_EMBEDDED)
			continue;
		t = btf__type_by_id(r->dist, id);
		pr_warn("btf__relocate: distilled base type '%s' [%u] matches no type of the base\n",
			btf__name_by_offset(r->dist, t->name_off), id);
		err = -EINVAL;
	}
	return err;
}

static int rewrite_id(__u32 *id, void *arg)
{
	*id = ((const struct relocate *)arg)->id_map[*id];
	return 0;
}

/* Own strings move with the base's end; the distilled base's names become the base's. */
static int rewrite_str(__u32 *off, void *arg)
{
	const struct relocate *r = arg;
	__u32 dist_end = r->btf->start_str_off;

	if (!*off)
		return 0;
	if (*off >= dist_end) {
		*off = *off - dist_end + r->base->start_str_off + r->base->strs_len;
		return 0;
	}
	if (*off >= r->dist->strs_len || !r->str_map[*off]) {
		pr_warn("btf__relocate: string '%s' at %u of the distilled base is no name of a "
			"matched type\n", btf__str_by_offset(r->dist, *off) ?: "", *off);
		return -ENOENT;
	}
	*off = r->str_map[*off];
	return 0;
}

/* Rewrite a copy of the own types; swapped in only if all went well. */
static int rewrite_types(struct relocate *r)
{
	struct btf *btf = r->btf;
	struct btf_type *t;
	char *types;
	__u32 i;
	int err = 0;

	types = malloc(btf->types_len ? btf->types_len : 1);
	if (!types)
		return -ENOMEM;
	memcpy(types, btf->types, btf->types_len);
	for (i = 0; !err && i < btf->nr_types; i++) {
		t = (struct btf_type *)(types + btf->type_offs[i]);
		err = btf_type_visit_ids(t, rewrite_id, r) ?: btf_type_visit_strs(t, rewrite_str, r);
	}
	if (err) {
		free(types);
		return err;
	}
	free(btf->types_buf);
	btf->types_buf = types;
	btf->types = types;
	btf->types_cap = btf->types_len ? btf->types_len : 1;
	return 0;
}

static int relocate(struct relocate *r)
{
	struct btf *btf = r->btf;
	__u32 id, n = btf__type_cnt(btf);
	int err;

	err = check_distilled(r);
	if (err)
		return err;
	r->id_map = calloc(n, sizeof(*r->id_map));
	r->str_map = calloc(r->dist->strs_len ? r->dist->strs_len : 1, sizeof(*r->str_map));
	if (!r->id_map || !r->str_map)
		return -ENOMEM;
	/* own types follow the base's */
	for (id = r->nr_dist; id < n; id++)
		r->id_map[id] = id - r->nr_dist + r->nr_base;
	err = map_distilled(r);
	err = err ?: btf_ensure_modifiable(btf);
	err = err ?: rewrite_types(r);
	if (err)
		return err;
	btf->base = (struct btf *)r->base;
	btf->start_id = r->nr_base;
	btf->start_str_off = r->base->start_str_off + r->base->strs_len;
	btf_drop_caches(btf);
	return 0;
}

int btf__relocate(struct btf *btf, const struct btf *base_btf)
{
	struct relocate r = { .btf = btf, .base = base_btf };
	int err;

	if (!btf || !base_btf || !btf->base || btf->base == base_btf || btf->base->base) {
		pr_warn("btf__relocate: needs split BTF on a distilled base, and another base\n");
		return libbpf_err(-EINVAL);
	}
	r.dist = btf->base;
	r.nr_dist = btf__type_cnt(r.dist);
	r.nr_base = btf__type_cnt(base_btf);
	err = relocate(&r);
	free(r.id_map);
	free(r.str_map);
	free(r.keys);
	free(r.base_names);
	return libbpf_err(err);
}
