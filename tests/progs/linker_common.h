/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Types shared by the linker_*.bpf.c objects that "gen object" links
 * together: each file carries its own copy in its BTF, and the linked
 * object must hold each of them once.
 */
#ifndef __LINKER_COMMON_H
#define __LINKER_COMMON_H

#include <linux/types.h>

struct lk_stats {
	__u64 hits;
	__u32 last;
	__u32 from;
};

enum lk_slot { LK_SLOT_A, LK_SLOT_B, LK_SLOT_C, LK_SLOT_CNT };

/* A map defined in linker_a.bpf.c and declared extern in linker_b.bpf.c. */
#define LK_COUNTS_DEF			\
	struct {			\
		__uint(type, BPF_MAP_TYPE_ARRAY);	\
		__uint(max_entries, LK_SLOT_CNT);	\
		__type(key, __u32);		\
		__type(value, struct lk_stats);	\
	}

/* A kernel type read with CO-RE, under a local name. */
struct task_struct___lk {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

struct xdp_md___lk {
	__u32 data;
	__u32 data_end;
	__u32 data_meta;
} __attribute__((preserve_access_index));

#endif /* __LINKER_COMMON_H */
