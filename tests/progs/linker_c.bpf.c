// SPDX-License-Identifier: BSD-2-Clause
/*
 * Third of the linked objects: a weak lk_wvar that loses to linker_b's
 * strong one (linked after it), a map of its own, its own .rodata/.data/
 * .bss and a CO-RE relocation, and an XDP program using lk_counts through
 * another extern declaration.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "linker_common.h"

extern LK_COUNTS_DEF lk_counts __attribute__((section(".maps")));

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct lk_stats);
} lk_own SEC(".maps");

const volatile char lk_ro_c[4] = "lkc";
__u16 lk_data_c = 3;
__u32 lk_bss_c;

__weak int lk_wvar = 3;

SEC("xdp")
int lk_xdp_c(struct xdp_md *ctx)
{
	struct lk_stats val = { .hits = lk_data_c, .last = lk_ro_c[2] };
	__u32 slot = LK_SLOT_C, key = 1;
	struct lk_stats *st;

	lk_bss_c = bpf_core_type_exists(struct task_struct___lk) + lk_wvar * 10;
	bpf_map_update_elem(&lk_own, &key, &val, BPF_ANY);
	st = bpf_map_lookup_elem(&lk_counts, &slot);
	if (st) {
		st->hits++;
		st->last = 0xc;
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
