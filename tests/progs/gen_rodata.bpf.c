// SPDX-License-Identifier: BSD-2-Clause
/* Only read-only globals: the program returns one set before load. */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

const volatile __u32 verdict = XDP_DROP;
const volatile __u64 unused_wide = 1;

SEC("xdp")
int gen_verdict(struct xdp_md *ctx)
{
	return verdict + (int)(unused_wide - unused_wide);
}

char LICENSE[] SEC("license") = "GPL";
