// SPDX-License-Identifier: BSD-2-Clause
/*
 * Map snapshots and their differences (see map_diff.h). Entries live in
 * dense arrays in the order they were put; the slot table, at most half
 * full, maps a key's hash to its entry by linear probing. Each entry's
 * hash is kept, so that probes compare key bytes only on a hash match and
 * the table regrows without rehashing keys.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "map_diff.h"

#define SNAP_MIN_CAP	64

/* A multiply-xorshift hash of the key, 8 bytes at a time. */
static __u32 key_hash(const void *key, size_t size)
{
	const __u64 mul = 0x9e3779b97f4a7c15ULL;
	const __u8 *p = key;
	__u64 h = size * mul, w;

	for (; size >= 8; size -= 8, p += 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * mul;
		h ^= h >> 32;
	}
	if (size) {
		w = 0;
		memcpy(&w, p, size);
		h = (h ^ w) * mul;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return (__u32)h;
}

void map_snap_init(struct map_snap *s, size_t key_size, size_t value_size)
{
	memset(s, 0, sizeof(*s));
	s->key_size = key_size;
	s->value_size = value_size;
}

void map_snap_clear(struct map_snap *s)
{
	s->cnt = 0;
	if (s->slots)
		memset(s->slots, 0, s->nslots * sizeof(*s->slots));
}

void map_snap_free(struct map_snap *s)
{
	free(s->keys);
	free(s->values);
	free(s->hashes);
	free(s->slots);
	map_snap_init(s, s->key_size, s->value_size);
}

/* The slot that holds key (hash h), or the empty slot where it would go. */
static size_t find_slot(const struct map_snap *s, const void *key, __u32 h)
{
	size_t mask = s->nslots - 1, i = h & mask;
	__u32 e;

	while ((e = s->slots[i])) {
		e--;
		if (s->hashes[e] == h &&
		    !memcmp(s->keys + e * s->key_size, key, s->key_size))
			break;
		i = (i + 1) & mask;
	}
	return i;
}

static int grow_entries(struct map_snap *s)
{
	size_t cap = s->cap ? s->cap * 2 : SNAP_MIN_CAP;
	void *keys, *values, *hashes;

	/* one spare byte each: sizes of 0 still allocate */
	keys = realloc(s->keys, cap * s->key_size + 1);
	if (keys)
		s->keys = keys;
	values = realloc(s->values, cap * s->value_size + 1);
	if (values)
		s->values = values;
	hashes = realloc(s->hashes, cap * sizeof(*s->hashes));
	if (hashes)
		s->hashes = hashes;
	if (!keys || !values || !hashes)
		return -ENOMEM;
	s->cap = cap;
	return 0;
}

/* A slot table of twice cap slots, refilled from the entries' hashes. */
static int grow_slots(struct map_snap *s)
{
	size_t n = s->nslots ? s->nslots : 1, mask, i, e;
	__u32 *slots;

	while (n < 2 * s->cap)
		n *= 2;
	slots = calloc(n, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	free(s->slots);
	s->slots = slots;
	s->nslots = n;
	mask = n - 1;
	for (e = 0; e < s->cnt; e++) {
		i = s->hashes[e] & mask;
		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = e + 1;
	}
	return 0;
}

int map_snap_put(struct map_snap *s, const void *key, const void *value)
{
	__u32 h = key_hash(key, s->key_size);
	size_t i, e;
	int err;

	if (s->cnt == s->cap) {
		err = grow_entries(s);
		if (err)
			return err;
	}
	if (s->nslots < 2 * s->cap) {
		err = grow_slots(s);
		if (err)
			return err;
	}
	i = find_slot(s, key, h);
	if (s->slots[i]) {
		e = s->slots[i] - 1;
	} else {
		e = s->cnt++;
		s->slots[i] = e + 1;
		s->hashes[e] = h;
		memcpy(s->keys + e * s->key_size, key, s->key_size);
	}
	memcpy(s->values + e * s->value_size, value, s->value_size);
	return 0;
}

/* The value of the key (hash h) in s, or NULL. */
static const __u8 *get_hashed(const struct map_snap *s, const void *key, __u32 h)
{
	size_t i;

	if (!s->cnt)
		return NULL;
	i = find_slot(s, key, h);
	return s->slots[i] ? s->values + (s->slots[i] - 1) * s->value_size : NULL;
}

const __u8 *map_snap_get(const struct map_snap *s, const void *key)
{
	return get_hashed(s, key, key_hash(key, s->key_size));
}

size_t map_snap_diff(const struct map_snap *old, const struct map_snap *cur, map_change_fn fn,
		     void *ctx)
{
	const __u8 *key, *value, *was;
	size_t e, n = 0;

	for (e = 0; e < cur->cnt; e++) {
		key = cur->keys + e * cur->key_size;
		value = cur->values + e * cur->value_size;
		was = get_hashed(old, key, cur->hashes[e]);
		if (was && !memcmp(was, value, cur->value_size))
			continue;
		fn(ctx, was ? MAP_CHANGE_UPDATE : MAP_CHANGE_ADD, key, value);
		n++;
	}
	for (e = 0; e < old->cnt; e++) {
		key = old->keys + e * old->key_size;
		if (get_hashed(cur, key, old->hashes[e]))
			continue;
		fn(ctx, MAP_CHANGE_DELETE, key, old->values + e * old->value_size);
		n++;
	}
	return n;
}
