// SPDX-License-Identifier: BSD-2-Clause
/*
 * For api_runtime.bats: two cgroup_skb egress programs that let every
 * packet through, to place one before the other on a test cgroup.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("cgroup_skb/egress")
int cg_first(struct __sk_buff *skb)
{
	return 1;
}

SEC("cgroup_skb/egress")
int cg_second(struct __sk_buff *skb)
{
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
