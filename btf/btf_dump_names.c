// SPDX-License-Identifier: BSD-2-Clause
/*
 * Name de-duplication of the C emitter. C has one namespace for struct,
 * union and enum tags and another for typedefs and enumerators; BTF can
 * hold several types of one name (from different compilation units), so
 * the second and later claimants of a name get a "___N" suffix. Names are
 * claimed lazily, when first emitted, so N follows emission order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "btf_dump_internal.h"

/* libbpf formats renamed identifiers into a buffer of this size. */
#define RENAMED_MAX 256

static __u32 name_hash(const char *s)
{
	__u32 h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void name_map_free(struct name_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->mask = 0;
	m->used = 0;
}

static struct name_slot *name_map_find(struct name_map *m, const char *name, __u32 h)
{
	__u32 i = h & m->mask;

	for (;; i = (i + 1) & m->mask) {
		struct name_slot *s = &m->slots[i];

		if (!s->key || (s->hash == h && strcmp(s->key, name) == 0))
			return s;
	}
}

static int name_map_grow(struct name_map *m)
{
	__u32 old_cap = m->slots ? m->mask + 1 : 0;
	__u32 cap = old_cap ? old_cap * 2 : 256;
	struct name_slot *old = m->slots;
	__u32 i;

	if (cap < old_cap)
		return -ENOMEM;
	m->slots = calloc(cap, sizeof(*m->slots));
	if (!m->slots) {
		m->slots = old;
		return -ENOMEM;
	}
	m->mask = cap - 1;
	for (i = 0; i < old_cap; i++) {
		if (old[i].key)
			*name_map_find(m, old[i].key, old[i].hash) = old[i];
	}
	free(old);
	return 0;
}

/*
 * Claim name once more; returns how many times it has been claimed so far
 * (1 for its first user) or -ENOMEM. Keys point into the BTF string
 * section, which outlives the emitter, so they are not copied.
 */
long name_map_claim(struct name_map *m, const char *name)
{
	struct name_slot *s;
	__u32 h = name_hash(name);

	/* keep the load factor under 3/4 so that probes stay short */
	if (!m->slots || (m->used + 1) * 4 > (m->mask + 1) * 3) {
		if (name_map_grow(m))
			return -ENOMEM;
	}
	s = name_map_find(m, name, h);
	if (!s->key) {
		s->key = name;
		s->hash = h;
		m->used++;
	}
	return ++s->count;
}

static const char *resolve_name(struct btf_dump *d, __u32 id, struct name_map *m)
{
	struct dump_type_state *st = &d->states[id];
	const struct btf_type *t = dump_type(d, id);
	const char *name = dump_str(d, t->name_off);
	char buf[RENAMED_MAX];
	long cnt;

	if (!t->name_off)
		return "";
	if (st->name_done)
		return d->renamed[id] ? d->renamed[id] : name;
	/* forward declarations never conflict with the definition they announce */
	if (btf_is_fwd(t) || (btf_is_enum(t) && btf_vlen(t) == 0)) {
		st->name_done = 1;
		return name;
	}
	cnt = name_map_claim(m, name);
	if (cnt < 0)
		return NULL;
	if (cnt > 1) {
		snprintf(buf, sizeof(buf), "%s___%ld", name, cnt);
		d->renamed[id] = strdup(buf);
		if (!d->renamed[id])
			return NULL;
	}
	st->name_done = 1;
	return d->renamed[id] ? d->renamed[id] : name;
}

/* Name of a struct, union, enum (or int) id in the tag namespace; NULL on ENOMEM. */
const char *dump_tag_name(struct btf_dump *d, __u32 id)
{
	return resolve_name(d, id, &d->tags);
}

/* Name of a typedef id in the ordinary identifier namespace; NULL on ENOMEM. */
const char *dump_ident_name(struct btf_dump *d, __u32 id)
{
	return resolve_name(d, id, &d->idents);
}
