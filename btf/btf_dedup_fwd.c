// SPDX-License-Identifier: BSD-2-Clause
/*
 * Forward declarations no struct comparison met (a CU that only declares
 * "struct foo;" and uses pointers to it): resolved to the canonical
 * struct or union of their name and kind, when exactly one has that name.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dedup.h"

/* Open-addressing map from a name offset to a struct id, 0 when ambiguous. */
struct names_map {
	struct {
		__u32 name_off;
		__u32 id;
		bool used;
	} *slots;
	__u32 mask;
};

static __u32 name_slot(const struct names_map *m, __u32 name_off)
{
	__u32 pos = (__u32)(name_off * 0x9e3779b1U) & m->mask;

	while (m->slots[pos].used && m->slots[pos].name_off != name_off)
		pos = (pos + 1) & m->mask;
	return pos;
}

static bool is_canonical_composite(const struct btf_dedup *d, __u32 id)
{
	return btf_is_composite(dedup_type(d, id)) && d->map[id] == id;
}

static int names_map_fill(struct btf_dedup *d, struct names_map *m)
{
	__u32 id, pos, n = 0, size = 16;

	for (id = 1; id < d->type_cnt; id++)
		n += is_canonical_composite(d, id);
	while (size < 2 * n)
		size *= 2;
	m->slots = calloc(size, sizeof(*m->slots));
	if (!m->slots)
		return -ENOMEM;
	m->mask = size - 1;
	for (id = 1; id < d->type_cnt; id++) {
		if (!is_canonical_composite(d, id))
			continue;
		pos = name_slot(m, dedup_type(d, id)->name_off);
		m->slots[pos].id = m->slots[pos].used ? 0 : id;
		m->slots[pos].name_off = dedup_type(d, id)->name_off;
		m->slots[pos].used = true;
	}
	return 0;
}

static void resolve_fwd(struct btf_dedup *d, const struct names_map *m, __u32 id)
{
	const struct btf_type *t = dedup_type(d, id);
	__u32 pos, cand;

	if (!btf_is_fwd(t) || d->map[id] != id)
		return;
	pos = name_slot(m, t->name_off);
	cand = m->slots[pos].used ? m->slots[pos].id : 0;
	if (cand && btf_kind(dedup_type(d, cand)) ==
		    (btf_kflag(t) ? BTF_KIND_UNION : BTF_KIND_STRUCT))
		d->map[id] = cand;
}

int btf_dedup_resolve_fwds(struct btf_dedup *d)
{
	struct names_map m;
	__u32 i;
	int err;

	err = names_map_fill(d, &m);
	if (err)
		return err;
	for (i = 0; i < d->btf->nr_types; i++)
		resolve_fwd(d, &m, d->btf->start_id + i);
	free(m.slots);
	return 0;
}
