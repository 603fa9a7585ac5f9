// SPDX-License-Identifier: BSD-2-Clause
/*
 * The candidate table of btf__dedup(): a chained hash multimap from a
 * type's signature hash to type ids, allocated once for its largest size
 * (one entry per type) so that adding never fails and never rehashes.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dedup.h"

static __u32 bucket_of(const struct dedup_table *tab, __u64 hash)
{
	if (tab->collide)
		return 0;
	/* Fibonacci hashing: the signature hashes are sums, weak in low bits */
	return (__u32)((hash * 0x9e3779b97f4a7c15ULL) >> (64 - tab->bits));
}

/* Reverse every chain: what a growth of libbpf's hashmap does to one hash's entries. */
static void reverse_chains(struct dedup_table *tab)
{
	__u32 b, pos, prev, next;

	for (b = 0; b < (1U << tab->bits); b++) {
		for (prev = 0, pos = tab->buckets[b]; pos; prev = pos, pos = next) {
			next = tab->entries[pos - 1].next;
			tab->entries[pos - 1].next = prev;
		}
		tab->buckets[b] = prev;
	}
}

/* libbpf's hashmap grows (to at least 4) before an add that fills it past 3/4. */
static void mimic_growth(struct dedup_table *tab)
{
	if (tab->lib_cap && (tab->cnt + 1) * 4 / 3 <= tab->lib_cap)
		return;
	tab->lib_cap = tab->lib_cap ? tab->lib_cap * 2 : 4;
	reverse_chains(tab);
}

int dedup_table_init(struct dedup_table *tab, __u32 cap, bool collide)
{
	__u32 bits = 4;

	while ((1ULL << bits) < cap)
		bits++;
	tab->buckets = calloc(1ULL << bits, sizeof(*tab->buckets));
	tab->entries = malloc((cap ? cap : 1) * sizeof(*tab->entries));
	if (!tab->buckets || !tab->entries) {
		dedup_table_free(tab);
		return -ENOMEM;
	}
	tab->bits = bits;
	tab->cap = cap;
	tab->cnt = 0;
	tab->lib_cap = 0;
	tab->collide = collide;
	return 0;
}

void dedup_table_free(struct dedup_table *tab)
{
	free(tab->buckets);
	free(tab->entries);
	tab->buckets = NULL;
	tab->entries = NULL;
}

void dedup_table_add(struct dedup_table *tab, __u64 hash, __u32 id)
{
	struct dedup_entry *e = &tab->entries[tab->cnt];
	__u32 *head;

	mimic_growth(tab);
	head = &tab->buckets[bucket_of(tab, hash)];
	e->hash = hash;
	e->id = id;
	e->next = *head;
	*head = ++tab->cnt;
}

/* The entry at index + 1 pos of the chain, or the first after it, under hash. */
static const struct dedup_entry *chain_find(const struct dedup_table *tab, __u32 pos,
					    __u64 hash)
{
	const struct dedup_entry *e;

	for (; pos; pos = e->next) {
		e = &tab->entries[pos - 1];
		if (e->hash == hash)
			return e;
	}
	return NULL;
}

const struct dedup_entry *dedup_table_first(const struct dedup_table *tab, __u64 hash)
{
	return chain_find(tab, tab->buckets[bucket_of(tab, hash)], hash);
}

const struct dedup_entry *dedup_table_next(const struct dedup_table *tab,
					   const struct dedup_entry *e)
{
	return chain_find(tab, e->next, e->hash);
}
