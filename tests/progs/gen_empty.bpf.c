// SPDX-License-Identifier: BSD-2-Clause
/* No maps and no globals: a skeleton with programs only. */
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int gen_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
