// SPDX-License-Identifier: BSD-2-Clause
/*
 * Linked with linker_a.bpf.c, a conflict: lk_counts is declared extern
 * here with more entries than its definition there has.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "linker_common.h"

extern struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct lk_stats);
} lk_counts __attribute__((section(".maps")));

SEC("xdp")
int lk_xdp_map(struct xdp_md *ctx)
{
	__u32 key = 0;

	return bpf_map_lookup_elem(&lk_counts, &key) ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
