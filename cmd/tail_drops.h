/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "map tail ... drops VAR": BPF ring buffers keep no count of the records
 * they refused when full, so programs count failed reservations in a
 * global variable of their own; this reads it for the summary.
 */
#ifndef __BPFCTL_TAIL_DROPS_H
#define __BPFCTL_TAIL_DROPS_H

#include <linux/types.h>

struct tail_drops;

/*
 * Find the integer global variable var in the data maps (.bss, .data) of
 * the programs that use the ring with id ring_id (ring_desc names it in
 * messages). Reports the error and returns -errno: not found, ambiguous,
 * not an integer.
 */
int tail_drops_open(__u32 ring_id, const char *ring_desc, const char *var,
		    struct tail_drops **drops);

/* The variable's value now; reports the error and returns -errno. */
int tail_drops_read(const struct tail_drops *drops, __u64 *count);

void tail_drops_free(struct tail_drops *drops);

#endif /* __BPFCTL_TAIL_DROPS_H */
