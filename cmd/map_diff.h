/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Snapshots of a map's entries and the changes between two of them, for
 * "map watch". A snapshot is an open-addressing hash table of key bytes to
 * value bytes; emptying it keeps its memory, so that a watch that reuses
 * two snapshots allocates only while the map grows past its largest size.
 * Pure: no kernel, no output.
 */
#ifndef __BPFCTL_MAP_DIFF_H
#define __BPFCTL_MAP_DIFF_H

#include <stddef.h>
#include <linux/types.h>

struct map_snap {
	size_t key_size;
	size_t value_size;
	size_t cnt;		/* entries held */
	size_t cap;		/* entries the arrays hold */
	__u8 *keys;		/* entry i at i * key_size, in the order put */
	__u8 *values;
	__u32 *hashes;		/* of each entry's key */
	__u8 *seen;		/* per entry: found by the last diff against it */
	/* the key's hash << 32 | entry index + 1; 0 for an empty slot */
	__u64 *slots;
	size_t nslots;		/* a power of two, at least twice cap */
};

enum map_change {
	MAP_CHANGE_ADD,
	MAP_CHANGE_UPDATE,
	MAP_CHANGE_DELETE,
};

/*
 * One change: the key, and the new value (the old one for a delete), each
 * valid for the call only.
 */
typedef void (*map_change_fn)(void *ctx, enum map_change op, const __u8 *key,
			      const __u8 *value);

/* An empty snapshot of entries of key_size and value_size bytes. */
void map_snap_init(struct map_snap *s, size_t key_size, size_t value_size);

/* Empty s, keeping its memory for the next snapshot. */
void map_snap_clear(struct map_snap *s);

/* Insert key -> value, or replace the value of key. 0 or -ENOMEM. */
int map_snap_put(struct map_snap *s, const void *key, const void *value);

/* cnt entries, key_size and value_size bytes apart: as many puts, faster. */
int map_snap_put_many(struct map_snap *s, const void *keys, const void *values, size_t cnt);

/* The value of key, or NULL. */
const __u8 *map_snap_get(const struct map_snap *s, const void *key);

void map_snap_free(struct map_snap *s);

/*
 * Call fn for each change from old to cur: adds and updates in cur's
 * order, then deletes in old's. Returns the count of changes. Marks the
 * entries of old it finds (old->seen), hence old is not const.
 */
size_t map_snap_diff(struct map_snap *old, const struct map_snap *cur, map_change_fn fn,
		     void *ctx);

#endif /* __BPFCTL_MAP_DIFF_H */
