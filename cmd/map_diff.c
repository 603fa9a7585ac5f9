// SPDX-License-Identifier: BSD-2-Clause
/*
 * Map snapshots and their differences (see map_diff.h). Entries live in
 * dense arrays in the order they were put; the slot table, at most half
 * full, maps a key's hash to its entry by linear probing. A slot holds
 * the key's hash with the entry's index, so that a probe reads key bytes
 * only on a hash match; each entry's hash is kept too, so that the table
 * regrows without rehashing keys.
 *
 * A diff walks the new snapshot in order with a cursor in the old one:
 * a map read twice mostly yields its keys in the same order, so most keys
 * are found at the cursor without a probe of the hash table, and deleted
 * entries are those of the old snapshot the walk did not mark.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "map_diff.h"

#define SNAP_MIN_CAP	64
#define PUT_AHEAD	16	/* keys whose slots are fetched together */

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
	free(s->seen);
	free(s->slots);
	map_snap_init(s, s->key_size, s->value_size);
}

#define NO_ENTRY	((size_t)-1)

static size_t slot_entry(__u64 slot)
{
	return (size_t)(__u32)slot - 1;
}

/* The slot that holds key (hash h), or the empty slot where it would go. */
static size_t find_slot(const struct map_snap *s, const void *key, __u32 h)
{
	size_t mask = s->nslots - 1, i = h & mask;
	__u64 v;

	while ((v = s->slots[i])) {
		if ((__u32)(v >> 32) == h &&
		    !memcmp(s->keys + slot_entry(v) * s->key_size, key, s->key_size))
			break;
		i = (i + 1) & mask;
	}
	return i;
}

/* The entry of key (hash h) in s, or NO_ENTRY. */
static size_t find_entry(const struct map_snap *s, const void *key, __u32 h)
{
	size_t i;

	if (!s->cnt)
		return NO_ENTRY;
	i = find_slot(s, key, h);
	return s->slots[i] ? slot_entry(s->slots[i]) : NO_ENTRY;
}

static int grow_entries(struct map_snap *s)
{
	size_t cap = s->cap ? s->cap * 2 : SNAP_MIN_CAP;
	void *keys, *values, *hashes, *seen;

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
	seen = realloc(s->seen, cap);
	if (seen)
		s->seen = seen;
	if (!keys || !values || !hashes || !seen)
		return -ENOMEM;
	s->cap = cap;
	return 0;
}

/* A slot table of twice cap slots, refilled from the entries' hashes. */
static int grow_slots(struct map_snap *s)
{
	size_t n = s->nslots ? s->nslots : 1, mask, i, e;
	__u64 *slots;

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
		slots[i] = (__u64)s->hashes[e] << 32 | (e + 1);
	}
	return 0;
}

/* Room for one more entry, and its slot. */
static int reserve(struct map_snap *s)
{
	int err;

	if (s->cnt == s->cap) {
		err = grow_entries(s);
		if (err)
			return err;
	}
	if (s->nslots < 2 * s->cap)
		return grow_slots(s);
	return 0;
}

static int put_hashed(struct map_snap *s, const void *key, const void *value, __u32 h)
{
	size_t i, e;
	int err;

	err = reserve(s);
	if (err)
		return err;
	i = find_slot(s, key, h);
	if (s->slots[i]) {
		e = slot_entry(s->slots[i]);
	} else {
		e = s->cnt++;
		s->slots[i] = (__u64)h << 32 | (e + 1);
		s->hashes[e] = h;
		memcpy(s->keys + e * s->key_size, key, s->key_size);
	}
	memcpy(s->values + e * s->value_size, value, s->value_size);
	return 0;
}

int map_snap_put(struct map_snap *s, const void *key, const void *value)
{
	return put_hashed(s, key, value, key_hash(key, s->key_size));
}

int map_snap_put_many(struct map_snap *s, const void *keys, const void *values, size_t cnt)
{
	const __u8 *k = keys, *v = values;
	__u32 h[PUT_AHEAD];
	size_t i, j, n;
	int err;

	/*
	 * The slots of a chunk of keys are fetched together: their cache
	 * misses overlap rather than follow one another.
	 */
	for (i = 0; i < cnt; i += n) {
		n = cnt - i < PUT_AHEAD ? cnt - i : PUT_AHEAD;
		for (j = 0; j < n; j++) {
			h[j] = key_hash(k + (i + j) * s->key_size, s->key_size);
			if (s->nslots)
				__builtin_prefetch(&s->slots[h[j] & (s->nslots - 1)]);
		}
		for (j = 0; j < n; j++) {
			err = put_hashed(s, k + (i + j) * s->key_size, v + (i + j) * s->value_size,
					 h[j]);
			if (err)
				return err;
		}
	}
	return 0;
}

const __u8 *map_snap_get(const struct map_snap *s, const void *key)
{
	size_t e = find_entry(s, key, key_hash(key, s->key_size));

	return e == NO_ENTRY ? NULL : s->values + e * s->value_size;
}

/*
 * The entry of old with key (hash h) of cur: old's entry at the cursor
 * when it is that key, as it mostly is, for a map read twice in the same
 * order, else by the hash table.
 */
static size_t match_old(const struct map_snap *old, size_t cursor, const __u8 *key, __u32 h)
{
	if (cursor < old->cnt && old->hashes[cursor] == h &&
	    !memcmp(old->keys + cursor * old->key_size, key, old->key_size))
		return cursor;
	return find_entry(old, key, h);
}

size_t map_snap_diff(struct map_snap *old, const struct map_snap *cur, map_change_fn fn,
		     void *ctx)
{
	size_t e, o, cursor = 0, n = 0;
	const __u8 *key, *value;

	if (old->cnt)
		memset(old->seen, 0, old->cnt);
	for (e = 0; e < cur->cnt; e++) {
		key = cur->keys + e * cur->key_size;
		value = cur->values + e * cur->value_size;
		o = match_old(old, cursor, key, cur->hashes[e]);
		if (o == NO_ENTRY) {
			fn(ctx, MAP_CHANGE_ADD, key, value);
			n++;
			continue;
		}
		old->seen[o] = 1;
		cursor = o + 1;
		if (memcmp(old->values + o * old->value_size, value, cur->value_size)) {
			fn(ctx, MAP_CHANGE_UPDATE, key, value);
			n++;
		}
	}
	for (e = 0; e < old->cnt; e++) {
		if (old->seen[e])
			continue;
		fn(ctx, MAP_CHANGE_DELETE, old->keys + e * old->key_size,
		   old->values + e * old->value_size);
		n++;
	}
	return n;
}
