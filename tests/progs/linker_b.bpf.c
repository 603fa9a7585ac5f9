// SPDX-License-Identifier: BSD-2-Clause
/*
 * Second of the linked objects: declares linker_a's map lk_counts extern,
 * defines the strong lk_wvar and lk_pick that beat linker_a's weak ones,
 * the global function lk_add and the variable lk_data_b linker_a uses,
 * its own .rodata/.data/.bss and CO-RE relocations, a static function
 * named as one of linker_a's, and the kconfig extern linker_a declares
 * too. Its XDP program fills slot B of the shared map.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "linker_common.h"

extern LK_COUNTS_DEF lk_counts __attribute__((section(".maps")));

const volatile __u32 lk_ro_b = 11;
__u32 lk_data_b = 42;
__u64 lk_bss_b;
__u64 lk_res_b_core;
__u64 lk_res_local_b;
__u32 lk_res_kver_b;

extern unsigned int LINUX_KERNEL_VERSION __kconfig;

/* linker_a has a static function of the same name */
static __noinline int lk_local(int x)
{
	return x * 3;
}

int lk_wvar = 2;

__noinline int lk_pick(int x)
{
	return x + 100;
}

__noinline int lk_add(int a, int b)
{
	return a + b;
}

SEC("xdp")
int lk_xdp_b(struct xdp_md *ctx)
{
	struct xdp_md___lk *md = (void *)ctx;
	__u32 slot = LK_SLOT_B;
	struct lk_stats *st;

	lk_res_b_core = bpf_core_field_exists(md->data_meta) +
			bpf_core_field_offset(struct xdp_md___lk, data_end) * 10;
	lk_bss_b += lk_add(lk_ro_b, 1);
	lk_res_local_b = lk_local(lk_ro_b);
	lk_res_kver_b = LINUX_KERNEL_VERSION != 0;
	st = bpf_map_lookup_elem(&lk_counts, &slot);
	if (st) {
		st->hits++;
		st->last = 0xb;
		st->from = lk_pick(lk_ro_b);
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
