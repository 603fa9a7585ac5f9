// SPDX-License-Identifier: BSD-2-Clause
/*
 * First of the objects "gen object" links (with linker_b and linker_c):
 * defines the shared map lk_counts, a weak variable and a weak function
 * that linker_b's strong ones replace, calls linker_b's global function
 * lk_add through an extern, reads linker_b's .data variable lk_data_b
 * through an extern, and has .rodata/.data/.bss variables, a kconfig
 * extern, a static function named as one of linker_b's and CO-RE
 * relocations of its own. Its XDP program writes what it
 * saw into .bss and the map; the test checks them after "prog run".
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "linker_common.h"

LK_COUNTS_DEF lk_counts SEC(".maps");

const volatile __u32 lk_ro_a = 5;
__u32 lk_data_a = 7;
__u64 lk_bss_a;
__u64 lk_res_pick;
__u64 lk_res_add;
__u64 lk_res_wvar;
__u64 lk_res_ext;
__u64 lk_res_core;
__u32 lk_res_kver;
__u64 lk_res_local_a;

__weak int lk_wvar = 1;
extern __u32 lk_data_b;
extern unsigned int LINUX_KERNEL_VERSION __kconfig;

extern int lk_add(int a, int b);

/* linker_b has a static function of the same name */
static __noinline int lk_local(int x)
{
	return x * 2;
}

__weak __noinline int lk_pick(int x)
{
	return x + 1;
}

SEC("xdp")
int lk_xdp_a(struct xdp_md *ctx)
{
	__u32 slot = LK_SLOT_A;
	struct lk_stats *st;

	lk_res_pick = lk_pick(lk_ro_a);
	lk_res_add = lk_add(lk_data_a, 30);
	lk_res_wvar = lk_wvar;
	lk_res_ext = lk_data_b;
	lk_res_core = bpf_core_field_exists(struct task_struct___lk, tgid) +
		      bpf_core_type_size(struct task_struct___lk) * 0 +
		      bpf_core_field_size(struct task_struct___lk, pid) * 10;
	lk_res_kver = LINUX_KERNEL_VERSION != 0;
	lk_res_local_a = lk_local(lk_data_a);
	lk_bss_a++;
	st = bpf_map_lookup_elem(&lk_counts, &slot);
	if (st) {
		st->hits++;
		st->last = 0xa;
		st->from = lk_ro_a;
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
