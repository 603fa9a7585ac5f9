// SPDX-License-Identifier: BSD-2-Clause
/*
 * For api_runtime.bats: an sk_msg verdict program and a sockmap to link
 * it to, and an array that is no sockmap.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} not_socks SEC(".maps");

SEC("sk_msg")
int msg_pass(struct sk_msg_md *msg)
{
	return SK_PASS;
}

char LICENSE[] SEC("license") = "GPL";
