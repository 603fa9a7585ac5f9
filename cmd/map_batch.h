/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A map's entries read in batches (BPF_MAP_LOOKUP_BATCH), one batch ahead
 * in a thread of its own so that the kernel's copying overlaps the
 * printing of the batch before. Memory: two batches of about
 * MAP_BATCH_BYTES each, whatever the size of the map.
 */
#ifndef __BPFCTL_MAP_BATCH_H
#define __BPFCTL_MAP_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define MAP_BATCH_BYTES	(1U << 19)

struct map_batch;

struct map_batch_opts {
	int fd;
	__u32 key_size;
	size_t value_size;	/* one value with every CPU's copy */
	__u32 max_entries;
};

/*
 * Read the first batch. Returns 0 with *b set, 1 if the kernel has no
 * batch lookups for this map (nothing was read; use get-next-key), or
 * -errno (nothing reported: the caller names the map).
 */
int map_batch_open(const struct map_batch_opts *opts, struct map_batch **b);

/*
 * The next batch: 0 with *cnt entries at *keys and *values (key_size and
 * value_size bytes apart), valid until the next call; *cnt == 0 at the
 * end. -errno if the kernel failed, after the entries returned so far.
 */
int map_batch_next(struct map_batch *b, const __u8 **keys, const __u8 **values, __u32 *cnt);

/*
 * err (-errno) of a map operation says the kernel has no such operation
 * for the map's type (EINVAL, EOPNOTSUPP, or its internal ENOTSUPP).
 */
bool map_op_unsupported(int err);

/* Stop reading and free; NULL is a no-op. */
void map_batch_close(struct map_batch *b);

#endif /* __BPFCTL_MAP_BATCH_H */
