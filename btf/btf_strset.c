// SPDX-License-Identifier: BSD-2-Clause
/*
 * String set of a writable BTF: the section bytes plus an open-addressing
 * hash table of offsets. The table is built on the first lookup, so that
 * parsing BTF never pays for it, and covers every string of the section,
 * the first occurrence winning for duplicates as libbpf's does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf_strset.h"

struct btf_strset {
	const char *data;	/* owned or borrowed bytes */
	char *owned;		/* == data once copied, else NULL */
	__u32 len, cap, max_len;
	/* offset + 1 of each indexed string; 0 marks an empty slot */
	__u32 *slots;
	__u32 mask, cnt;
};

static __u32 str_hash(const char *s)
{
	__u32 h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Slot holding s, or the empty slot where it would go. */
static __u32 *find_slot(const struct btf_strset *set, const char *s)
{
	__u32 pos = str_hash(s) & set->mask;

	while (set->slots[pos] && strcmp(set->data + set->slots[pos] - 1, s))
		pos = (pos + 1) & set->mask;
	return &set->slots[pos];
}

static void index_insert(struct btf_strset *set, __u32 off)
{
	__u32 *slot = find_slot(set, set->data + off);

	if (!*slot) {
		*slot = off + 1;
		set->cnt++;
	}
}

/* (Re)build the table for at least want strings at load <= 1/2. */
static int index_build(struct btf_strset *set, __u32 want)
{
	__u32 size = 64, off, *slots;

	while (size < 2 * want)
		size *= 2;
	slots = calloc(size, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	free(set->slots);
	set->slots = slots;
	set->mask = size - 1;
	set->cnt = 0;
	for (off = 0; off < set->len; off += strlen(set->data + off) + 1)
		index_insert(set, off);
	return 0;
}

/* Make room in the table for one more string. */
static int index_ensure(struct btf_strset *set)
{
	__u32 off, n = 0;

	if (set->slots && 2 * (set->cnt + 1) <= set->mask + 1)
		return 0;
	if (set->slots)
		return index_build(set, 2 * (set->cnt + 1));
	/* first use: count the strings to size the table once */
	for (off = 0; off < set->len; off += strlen(set->data + off) + 1)
		n++;
	return index_build(set, n + 1);
}

struct btf_strset *btf_strset_new(const char *data, __u32 len, __u32 max_len)
{
	struct btf_strset *set = calloc(1, sizeof(*set));

	if (!set)
		return NULL;
	set->data = data;
	set->len = len;
	set->max_len = max_len;
	return set;
}

void btf_strset_free(struct btf_strset *set)
{
	if (!set)
		return;
	free(set->owned);
	free(set->slots);
	free(set);
}

const char *btf_strset_data(const struct btf_strset *set)
{
	return set->data;
}

__u32 btf_strset_len(const struct btf_strset *set)
{
	return set->len;
}

int btf_strset_own(struct btf_strset *set)
{
	__u32 cap = set->len < 256 ? 256 : set->len + set->len / 4;

	if (set->owned)
		return 0;
	set->owned = malloc(cap);
	if (!set->owned)
		return -ENOMEM;
	memcpy(set->owned, set->data, set->len);
	set->data = set->owned;
	set->cap = cap;
	return 0;
}

int btf_strset_find(struct btf_strset *set, const char *s)
{
	__u32 slot;
	int err;

	err = index_ensure(set);
	if (err)
		return err;
	slot = *find_slot(set, s);
	return slot ? (int)(slot - 1) : -ENOENT;
}

static int grow(struct btf_strset *set, __u32 need)
{
	__u32 cap = set->cap;
	char *p;

	if (need <= cap)
		return 0;
	while (cap < need)
		cap = cap < (1U << 30) ? cap * 2 : need;
	p = realloc(set->owned, cap);
	if (!p)
		return -ENOMEM;
	set->owned = p;
	set->data = p;
	set->cap = cap;
	return 0;
}

int btf_strset_add(struct btf_strset *set, const char *s)
{
	size_t n = strlen(s) + 1;
	__u32 *slot, off;
	int err;

	err = btf_strset_own(set);
	err = err ?: index_ensure(set);
	if (err)
		return err;
	slot = find_slot(set, s);
	if (*slot)
		return *slot - 1;
	if (n > set->max_len || set->len > set->max_len - n)
		return -E2BIG;
	err = grow(set, set->len + n);
	if (err)
		return err;
	off = set->len;
	memcpy(set->owned + off, s, n);
	set->len += n;
	/* the table was sized for one more, and the slot is still the free one */
	slot = find_slot(set, s);
	*slot = off + 1;
	set->cnt++;
	return off;
}

int btf_strset_reserve(struct btf_strset *set, __u32 len, __u32 cnt)
{
	int err;

	err = btf_strset_own(set);
	err = err ?: grow(set, len);
	if (err)
		return err;
	if (set->slots && 2 * (set->cnt + cnt + 1) <= set->mask + 1)
		return 0;
	return index_build(set, set->cnt + cnt + 1);
}

__u32 btf_strset_count(const struct btf_strset *set)
{
	__u32 off, n = 0;

	for (off = 0; off < set->len; off += strlen(set->data + off) + 1)
		n++;
	return n;
}

void btf_strset_truncate(struct btf_strset *set, __u32 len)
{
	if (len >= set->len)
		return;
	set->len = len;
	/* stale offsets are dropped by rebuilding on the next lookup */
	free(set->slots);
	set->slots = NULL;
	set->cnt = 0;
	set->mask = 0;
}
