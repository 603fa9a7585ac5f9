// SPDX-License-Identifier: BSD-2-Clause
/*
 * Linked with linker_b.bpf.c, a conflict: lk_data_b is declared a __u64
 * here and defined a __u32 there.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern __u64 lk_data_b;

SEC("xdp")
int lk_xdp_type(struct xdp_md *ctx)
{
	return lk_data_b ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
