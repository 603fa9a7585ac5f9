// SPDX-License-Identifier: BSD-2-Clause
/*
 * Lookup of types by name and kind through an open-addressing hash table,
 * built on the first lookup. The first (lowest) id wins for duplicate
 * names, as a linear search would return.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf_internal.h"
#include "log.h"

struct btf_name_index {
	__u32 mask, cnt;
	/* type ids; 0 marks an empty slot (void is never indexed) */
	__u32 *slots;
};

static __u32 name_kind_hash(const char *name, __u32 kind)
{
	__u32 h = 2166136261u ^ kind;

	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

static bool slot_matches(const struct btf *btf, __u32 id, const char *name, __u32 kind)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	return btf_kind(t) == kind && !strcmp(btf__name_by_offset(btf, t->name_off), name);
}

/* Slot holding (name, kind), or the empty slot where it would go. */
static __u32 *index_slot(const struct btf *btf, const struct btf_name_index *idx,
			 const char *name, __u32 kind)
{
	__u32 pos = name_kind_hash(name, kind) & idx->mask;

	while (idx->slots[pos] && !slot_matches(btf, idx->slots[pos], name, kind))
		pos = (pos + 1) & idx->mask;
	return &idx->slots[pos];
}

static struct btf_name_index *index_build(const struct btf *btf)
{
	struct btf_name_index *idx;
	__u32 id, size = 16, cnt = btf__type_cnt(btf), *slot;
	const struct btf_type *t;

	while (size < 2 * btf->nr_types)
		size *= 2;
	idx = calloc(1, sizeof(*idx));
	if (!idx)
		return NULL;
	idx->mask = size - 1;
	idx->slots = calloc(size, sizeof(*idx->slots));
	if (!idx->slots) {
		free(idx);
		return NULL;
	}
	for (id = btf->start_id; id < cnt; id++) {
		t = btf__type_by_id(btf, id);
		if (!t->name_off)
			continue;
		slot = index_slot(btf, idx, btf__name_by_offset(btf, t->name_off), btf_kind(t));
		if (!*slot) {
			*slot = id;
			idx->cnt++;
		}
	}
	return idx;
}

void btf_name_index_add(struct btf *btf, __u32 id)
{
	struct btf_name_index *idx = btf->name_index;
	const struct btf_type *t = btf__type_by_id(btf, id);
	__u32 *slot;

	if (!idx || !t->name_off)
		return;
	if (2 * (idx->cnt + 1) > idx->mask + 1) {
		/* full enough: rebuilt larger on the next lookup */
		btf_name_index_free(idx);
		btf->name_index = NULL;
		return;
	}
	slot = index_slot(btf, idx, btf__name_by_offset(btf, t->name_off), btf_kind(t));
	if (!*slot) {
		*slot = id;
		idx->cnt++;
	}
}

void btf_name_index_free(struct btf_name_index *idx)
{
	if (!idx)
		return;
	free(idx->slots);
	free(idx);
}

__s32 btf__find_by_name_kind(const struct btf *btf, const char *type_name, __u32 kind)
{
	struct btf *cache = (struct btf *)btf;
	__s32 id;

	/* void has no type record: it is id 0 whatever kind is asked for */
	if (kind == BTF_KIND_UNKN || !strcmp(type_name, "void"))
		return 0;
	if (btf->base) {
		id = btf__find_by_name_kind(btf->base, type_name, kind);
		if (id > 0)
			return id;
	}
	if (!btf->name_index) {
		cache->name_index = index_build(btf);
		if (!btf->name_index)
			return libbpf_err(-ENOMEM);
	}
	id = *index_slot(btf, btf->name_index, type_name, kind);
	return id ? id : libbpf_err(-ENOENT);
}

__s32 btf__find_by_name(const struct btf *btf, const char *type_name)
{
	__s32 id, best = -ENOENT;
	__u32 kind;

	if (!strcmp(type_name, "void"))
		return 0;
	for (kind = 1; kind < NR_BTF_KINDS; kind++) {
		id = btf__find_by_name_kind(btf, type_name, kind);
		if (id > 0 && (best < 0 || id < best))
			best = id;
	}
	return best > 0 ? best : libbpf_err(-ENOENT);
}
