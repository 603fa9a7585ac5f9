// SPDX-License-Identifier: BSD-2-Clause
/*
 * Linked with linker_b.bpf.c, a conflict: a second strong definition of
 * the global function lk_add.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__noinline int lk_add(int a, int b)
{
	return a - b;
}

SEC("xdp")
int lk_xdp_dup(struct xdp_md *ctx)
{
	return lk_add(3, 1);
}

char LICENSE[] SEC("license") = "GPL";
