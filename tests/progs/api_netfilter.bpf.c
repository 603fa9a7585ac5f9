// SPDX-License-Identifier: BSD-2-Clause
/*
 * For api_runtime.bats: a netfilter program (Linux 6.4) accepting every
 * packet.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define NF_ACCEPT 1

SEC("netfilter")
int nf_accept(void *ctx)
{
	return NF_ACCEPT;
}

char LICENSE[] SEC("license") = "GPL";
