// SPDX-License-Identifier: BSD-2-Clause
/*
 * For api_runtime.bats: a netkit program (Linux 6.7) for the primary
 * device, passing every packet on (NETKIT_PASS).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define NETKIT_PASS 0

SEC("netkit/primary")
int nk_pass(struct __sk_buff *skb)
{
	return NETKIT_PASS;
}

char LICENSE[] SEC("license") = "GPL";
