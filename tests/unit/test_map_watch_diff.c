// SPDX-License-Identifier: BSD-2-Clause
/*
 * The snapshots and differences of "map watch" (cmd/map_diff.c): put and
 * get through growth, replacing values, every kind of change between two
 * snapshots and nothing else, reuse after clearing without new memory,
 * odd key sizes, and a large diff checked against counts.
 * cmd/ isn't a library, so the one source file is built into the test.
 */
#include <string.h>

#include "cmd/map_diff.c"
#include "unit.h"

struct change_log {
	size_t adds, updates, deletes;
	/* the last change of each kind: key as a number, and its value */
	__u64 add_key, update_key, delete_key;
	__u64 add_value, update_value, delete_value;
	size_t key_size;
};

static void log_change(void *ctx, enum map_change op, const __u8 *key, const __u8 *value)
{
	struct change_log *l = ctx;
	__u64 k = 0, v;

	memcpy(&k, key, l->key_size < 8 ? l->key_size : 8);
	memcpy(&v, value, 8);
	switch (op) {
	case MAP_CHANGE_ADD:
		l->adds++, l->add_key = k, l->add_value = v;
		break;
	case MAP_CHANGE_UPDATE:
		l->updates++, l->update_key = k, l->update_value = v;
		break;
	case MAP_CHANGE_DELETE:
		l->deletes++, l->delete_key = k, l->delete_value = v;
		break;
	}
}

static void put_u64(struct map_snap *s, __u64 k, __u64 v)
{
	if (map_snap_put(s, &k, &v))
		CHECK(0, "put %llu", (unsigned long long)k);
}

static void test_put_get(void)
{
	struct map_snap s;
	__u64 k, bad = 0;
	const __u8 *v;

	map_snap_init(&s, 8, 8);
	k = 1;
	CHECK(!map_snap_get(&s, &k), "get on an empty snapshot: none");
	for (k = 0; k < 10000; k++)
		put_u64(&s, k * 7919, k);
	CHECK(s.cnt == 10000, "10000 entries put (%zu)", s.cnt);
	CHECK(s.nslots >= 2 * s.cnt, "slot table at most half full");
	for (k = 0; k < 10000; k++) {
		__u64 key = k * 7919, val;

		v = map_snap_get(&s, &key);
		if (!v) {
			bad++;
			continue;
		}
		memcpy(&val, v, 8);
		bad += val != k;
	}
	CHECK(!bad, "every key finds its value after growth (%llu wrong)",
	      (unsigned long long)bad);
	put_u64(&s, 7919, 42);
	k = 7919;
	v = map_snap_get(&s, &k);
	CHECK(s.cnt == 10000 && v && !memcmp(v, &(__u64){ 42 }, 8),
	      "a second put of a key replaces its value");
	k = 3;
	CHECK(!map_snap_get(&s, &k), "a key never put: none");
	map_snap_free(&s);
}

static void test_diff_kinds(void)
{
	struct map_snap a, b;
	struct change_log l = { .key_size = 8 };

	map_snap_init(&a, 8, 8);
	map_snap_init(&b, 8, 8);
	CHECK(map_snap_diff(&a, &b, log_change, &l) == 0, "two empty snapshots: no changes");
	put_u64(&b, 1, 10);
	put_u64(&b, 2, 20);
	put_u64(&b, 3, 30);
	CHECK(map_snap_diff(&a, &b, log_change, &l) == 3 && l.adds == 3 && !l.updates &&
	      !l.deletes, "from empty: every entry an add");
	put_u64(&a, 1, 10);
	put_u64(&a, 2, 21);
	put_u64(&a, 4, 40);
	memset(&l, 0, sizeof(l));
	l.key_size = 8;
	/* a -> b: 2 updated (21 -> 20), 3 added, 4 deleted, 1 the same */
	CHECK(map_snap_diff(&a, &b, log_change, &l) == 3, "three changes");
	CHECK(l.adds == 1 && l.add_key == 3 && l.add_value == 30, "key 3 added with 30");
	CHECK(l.updates == 1 && l.update_key == 2 && l.update_value == 20,
	      "key 2 updated to its new value 20");
	CHECK(l.deletes == 1 && l.delete_key == 4 && l.delete_value == 40,
	      "key 4 deleted, with its old value");
	memset(&l, 0, sizeof(l));
	l.key_size = 8;
	CHECK(map_snap_diff(&b, &b, log_change, &l) == 0 && !l.adds && !l.updates && !l.deletes,
	      "a snapshot against itself: no changes");
	map_snap_free(&a);
	map_snap_free(&b);
}

static void test_clear_reuse(void)
{
	struct map_snap s;
	struct change_log l = { .key_size = 8 };
	struct map_snap empty;
	__u8 *keys;
	__u64 *slots;
	__u64 k;

	map_snap_init(&s, 8, 8);
	map_snap_init(&empty, 8, 8);
	for (k = 0; k < 1000; k++)
		put_u64(&s, k, k);
	keys = s.keys;
	slots = s.slots;
	map_snap_clear(&s);
	CHECK(s.cnt == 0 && !map_snap_get(&s, &(__u64){ 5 }), "cleared: empty");
	for (k = 1000; k < 2000; k++)
		put_u64(&s, k, k);
	CHECK(s.keys == keys && s.slots == slots && s.cnt == 1000,
	      "refilled to the same size: the same memory");
	CHECK(!map_snap_get(&s, &(__u64){ 5 }) && map_snap_get(&s, &(__u64){ 1500 }),
	      "only the new entries are there");
	CHECK(map_snap_diff(&s, &empty, log_change, &l) == 1000 && l.deletes == 1000,
	      "to an empty snapshot: every entry a delete");
	map_snap_free(&s);
	map_snap_free(&empty);
}

/* Keys of 13 bytes (not a multiple of 8), values of 3: tails hash and compare. */
static void test_odd_sizes(void)
{
	struct map_snap a, b;
	struct change_log l = { .key_size = 13 };
	__u8 key[13], value[8] = { 0 };
	int i;

	map_snap_init(&a, 13, 3);
	map_snap_init(&b, 13, 3);
	for (i = 0; i < 300; i++) {
		memset(key, 0, sizeof(key));
		key[12] = i & 0xff;	/* differs only in the tail */
		key[0] = i >> 8;
		value[0] = i & 0xff;
		map_snap_put(&a, key, value);
		value[2] = i % 3 == 0;	/* every third value changes in its last byte */
		map_snap_put(&b, key, value);
		value[2] = 0;
	}
	CHECK(a.cnt == 300 && b.cnt == 300, "300 keys that differ in their last byte");
	CHECK(map_snap_diff(&a, &b, log_change, &l) == 100 && l.updates == 100,
	      "100 updates, found by the value's last byte");
	map_snap_free(&a);
	map_snap_free(&b);
}

static void test_large(void)
{
	struct map_snap a, b;
	struct change_log l = { .key_size = 8 };
	const __u64 n = 200000;
	size_t n_changes;
	__u64 k;

	map_snap_init(&a, 8, 16);
	map_snap_init(&b, 8, 16);
	for (k = 0; k < n; k++) {
		__u64 v[2] = { k, 0 };

		map_snap_put(&a, &k, v);
		if (k % 100 == 1)
			continue;	/* deleted */
		v[1] = k % 100 == 2;	/* updated */
		map_snap_put(&b, &k, v);
	}
	for (k = n; k < n + 500; k++)
		map_snap_put(&b, &k, (__u64[2]){ k, 0 });
	n_changes = map_snap_diff(&a, &b, log_change, &l);
	CHECK(n_changes == 2000 + 2000 + 500 && l.adds == 500 && l.updates == 2000 && l.deletes == 2000,
	      "200000 entries: 500 adds, 2000 updates, 2000 deletes (%zu, %zu, %zu)",
	      l.adds, l.updates, l.deletes);
	map_snap_free(&a);
	map_snap_free(&b);
}

/* Batched puts equal single ones, duplicates in a batch included. */
static void test_put_many(void)
{
	struct map_snap a, b;
	struct change_log l = { .key_size = 8 };
	__u64 keys[1000], values[1000];
	size_t i;

	map_snap_init(&a, 8, 8);
	map_snap_init(&b, 8, 8);
	for (i = 0; i < 1000; i++) {
		keys[i] = (i * 2654435761u) % 700;	/* 700 keys, some twice */
		values[i] = i;
		map_snap_put(&a, &keys[i], &values[i]);
	}
	CHECK(!map_snap_put_many(&b, keys, values, 37) &&
	      !map_snap_put_many(&b, keys + 37, values + 37, 1000 - 37),
	      "puts in batches of 37 and 963");
	CHECK(a.cnt == b.cnt && map_snap_diff(&a, &b, log_change, &l) == 0,
	      "the same snapshot as one put at a time (%zu entries, %zu and %zu changes)",
	      b.cnt, l.adds + l.updates, l.deletes);
	map_snap_free(&a);
	map_snap_free(&b);
}

/* Keys read in another order, and shifted by deletes: the cursor is only a guess. */
static void test_diff_order(void)
{
	struct map_snap a, b;
	struct change_log l = { .key_size = 8 };
	size_t n;
	__u64 k;

	map_snap_init(&a, 8, 8);
	map_snap_init(&b, 8, 8);
	for (k = 0; k < 100; k++)
		put_u64(&a, k, k);
	/* b: reversed, without key 50, with key 7 changed and key 200 added */
	for (k = 100; k-- > 0;)
		if (k != 50)
			put_u64(&b, k, k == 7 ? 70 : k);
	put_u64(&b, 200, 1);
	n = map_snap_diff(&a, &b, log_change, &l);
	CHECK(n == 3 && l.adds == 1 && l.add_key == 200 && l.updates == 1 && l.update_key == 7 &&
	      l.deletes == 1 && l.delete_key == 50, "reversed order: one add, update, delete");
	memset(&l, 0, sizeof(l));
	l.key_size = 8;
	n = map_snap_diff(&b, &a, log_change, &l);
	CHECK(n == 3 && l.adds == 1 && l.add_key == 50 && l.updates == 1 &&
	      l.update_value == 7 && l.deletes == 1 && l.delete_key == 200,
	      "and back: the reverse changes");
	map_snap_free(&a);
	map_snap_free(&b);
}

int main(void)
{
	test_put_get();
	test_diff_kinds();
	test_clear_reuse();
	test_odd_sizes();
	test_large();
	test_put_many();
	test_diff_order();
	return unit_done();
}
