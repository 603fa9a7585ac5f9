// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__distill_base(): split BTF (a module's, on vmlinux) made robust to
 * changes of its base. The base types it uses are distilled into a small
 * new base holding only what identifies them: named INTs, FLOATs and
 * forwards as they are, named structs and unions without members (their
 * size kept), named enums as a sized ENUM. Everything else it needs from
 * the base (pointers, arrays, typedefs, modifiers, prototypes, anonymous
 * aggregates) is copied into the new split BTF after its own types.
 * btf__relocate() later maps the distilled base onto a real one.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_type_fields.h"
#include "btf_write.h"
#include "log.h"

struct distill {
	const struct btf *src;
	__u32 split_start;	/* first own id of src */
	/* old base id -> new id; first only marks that the type is needed */
	__u32 *id_map;
};

static int mark_needed(__u32 *id, void *arg);

/* What a needed base type uses in turn (named aggregates: nothing, they lose members). */
static int mark_refs(struct distill *dist, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(dist->src, id);

	if (btf_is_composite(t) && t->name_off)
		return 0;
	/* only read: the visitor's fields are not written */
	return btf_type_visit_ids((struct btf_type *)t, mark_needed, dist);
}

static int mark_needed(__u32 *id, void *arg)
{
	struct distill *dist = arg;
	const struct btf_type *t;

	if (!*id || *id >= dist->split_start || dist->id_map[*id])
		return 0;
	t = btf__type_by_id(dist->src, *id);
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_FWD:
	case BTF_KIND_ARRAY:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_FUNC_PROTO:
	case BTF_KIND_TYPE_TAG:
		break;
	default:
		pr_warn("btf__distill_base: split BTF refers to base type [%u] of kind %s, which "
			"a distilled base cannot hold\n", *id, btf_kind_str(btf_kind(t)));
		return -EINVAL;
	}
	dist->id_map[*id] = *id;
	return mark_refs(dist, *id);
}

/* Whether needed base type t goes into the distilled base (else into the split BTF). */
static bool goes_to_base(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_FWD:
		return true;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return t->name_off;
	default:
		return false;
	}
}

/* The identity of t only: a memberless aggregate or a sized enum. */
static int add_to_base(struct btf *base, const struct btf *src, const struct btf_type *t)
{
	const char *name = btf__name_by_offset(src, t->name_off);

	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
		return btf__add_struct(base, name, t->size);
	case BTF_KIND_UNION:
		return btf__add_union(base, name, t->size);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return btf__add_enum(base, name, t->size);
	default:
		return btf__add_type(base, src, t);
	}
}

/* Add the needed base types that belong in dst (the new base or the new split BTF). */
static int add_needed(struct distill *dist, struct btf *dst, bool to_base)
{
	const struct btf_type *t;
	__u32 i;
	int id;

	for (i = 1; i < dist->split_start; i++) {
		if (!dist->id_map[i])
			continue;
		t = btf__type_by_id(dist->src, i);
		if (goes_to_base(t) != to_base)
			continue;
		id = to_base ? add_to_base(dst, dist->src, t) : btf__add_type(dst, dist->src, t);
		if (id < 0)
			return id;
		dist->id_map[i] = id;
	}
	return 0;
}

struct renumber {
	const struct distill *dist;
	__u32 shift;	/* own ids move down by the base types left out */
};

static int renumber_id(__u32 *id, void *arg)
{
	const struct renumber *r = arg;

	if (*id < r->dist->split_start) {
		if (*id)
			*id = r->dist->id_map[*id];
	} else {
		*id -= r->shift;
	}
	return 0;
}

/* The new split BTF: src's own types, then the base types that go with them. */
static int build_split(struct distill *dist, struct btf *split)
{
	struct renumber r = { .dist = dist };
	__u32 i, n = btf__type_cnt(dist->src);
	int err;

	for (i = dist->split_start; i < n; i++) {
		err = btf__add_type(split, dist->src, btf__type_by_id(dist->src, i));
		if (err < 0)
			return err;
	}
	err = add_needed(dist, split, false);
	if (err)
		return err;
	/* every id still names a type of src: renumber them all at once */
	r.shift = dist->split_start - btf__type_cnt(btf__base_btf(split));
	for (i = split->start_id; i < btf__type_cnt(split); i++) {
		err = btf_type_visit_ids((struct btf_type *)btf_type_fast(split, i), renumber_id,
					 &r);
		if (err)
			return err;
	}
	btf_drop_caches(split);
	return 0;
}

int btf__distill_base(const struct btf *src_btf, struct btf **new_base_btf,
		      struct btf **new_split_btf)
{
	struct distill dist = { .src = src_btf };
	struct btf *base = NULL, *split = NULL;
	__u32 i, n;
	int err;

	if (!src_btf || !new_base_btf || !new_split_btf || !src_btf->base)
		return libbpf_err(-EINVAL);
	n = btf__type_cnt(src_btf);
	dist.split_start = src_btf->start_id;
	dist.id_map = calloc(n, sizeof(*dist.id_map));
	base = btf__new_empty();
	if (!dist.id_map || !base) {
		err = -ENOMEM;
		goto err_out;
	}
	btf__set_endianness(base, btf__endianness(src_btf));
	/* the base types the own types use, and what those use in turn */
	for (i = dist.split_start, err = 0; i < n && !err; i++)
		err = btf_type_visit_ids((struct btf_type *)btf__type_by_id(src_btf, i),
					 mark_needed, &dist);
	err = err ?: add_needed(&dist, base, true);
	if (err)
		goto err_out;
	split = btf__new_empty_split(base);
	if (!split) {
		err = -errno;
		goto err_out;
	}
	err = build_split(&dist, split);
	if (err)
		goto err_out;
	free(dist.id_map);
	*new_base_btf = base;
	*new_split_btf = split;
	return 0;

err_out:
	btf__free(split);
	btf__free(base);
	free(dist.id_map);
	return libbpf_err(err);
}
