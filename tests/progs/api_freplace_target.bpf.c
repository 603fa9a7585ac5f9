// SPDX-License-Identifier: BSD-2-Clause
/*
 * api.bats: the target of a freplace program: an XDP program whose
 * verdict comes from a global function, XDP_PASS until replaced.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__noinline int api_verdict(struct xdp_md *ctx)
{
	return ctx ? XDP_PASS : XDP_ABORTED;
}

SEC("xdp")
int api_target(struct xdp_md *ctx)
{
	return api_verdict(ctx);
}
