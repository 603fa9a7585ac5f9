/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The walk behind btf_typed_value_json(), shared by its files: one walker
 * that runs twice, first over the types alone to check that every byte it
 * will read lies inside the value and that the output stays bounded, then
 * over the data to write. Both runs take the same paths, so the second one
 * cannot fail half-way.
 */
#ifndef __BPFCORE_TYPED_VALUE_INTERNAL_H
#define __BPFCORE_TYPED_VALUE_INTERNAL_H

#include <stddef.h>
#include <linux/types.h>

#include "btf_internal.h"

struct json_writer;

/* Deepest recursion through types (containers and the modifiers between them). */
#define TV_MAX_DEPTH 128
/* Output values allowed for any value, beyond TV_NODES_PER_BYTE per byte of data. */
#define TV_MIN_NODE_BUDGET (1ULL << 20)
#define TV_NODES_PER_BYTE 8

struct tv_walk {
	const struct btf *btf;
	/* NULL in the checking run */
	const __u8 *data;
	struct json_writer *jw;
	/* checking run: types visited and values to write, both against budget */
	__u64 visits;
	__u64 nodes;
	__u64 budget;
	/* 0 until a pointer is met */
	size_t ptr_size;
};

/* The place of one value: byte offset into the data and bytes it may use. */
struct tv_place {
	size_t off;
	size_t avail;
	/* bit offset inside the first byte: only integers use it (bitfields) */
	unsigned int bit_off;
};

static inline bool tv_checking(const struct tv_walk *w)
{
	return !w->jw;
}

/* Logs why the value can't be formatted (checking run only); returns err. */
__attribute__((format(printf, 4, 5)))
int tv_fail(const struct tv_walk *w, __u32 id, int err, const char *fmt, ...);

/* The bytes the value needs are there, or -EINVAL with the reason logged. */
int tv_need(const struct tv_walk *w, __u32 id, const struct tv_place *p, __u64 need);

/* Name at offset, "" for none or a bad offset (never NULL). */
const char *tv_name(const struct tv_walk *w, __u32 name_off);

/* Leaf values: check (checking run) or write one scalar of type t. */
int tv_int(struct tv_walk *w, __u32 id, const struct btf_type *t, const struct tv_place *p);
int tv_enum(struct tv_walk *w, __u32 id, const struct btf_type *t, const struct tv_place *p);
int tv_float(struct tv_walk *w, __u32 id, const struct btf_type *t, const struct tv_place *p);
int tv_ptr(struct tv_walk *w, __u32 id, const struct tv_place *p);

/* A bitfield of nr_bits at bit_off bits into the bytes at data, as "0x..". */
void tv_write_bitfield(struct json_writer *jw, const __u8 *data, unsigned int bit_off,
		       unsigned int nr_bits);

#endif /* __BPFCORE_TYPED_VALUE_INTERNAL_H */
