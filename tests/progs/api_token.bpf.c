// SPDX-License-Identifier: BSD-2-Clause
/*
 * api_token.bats: a socket filter with an array map and global data
 * (.data, .bss), loaded in a user namespace thanks to a BPF token. Its
 * first test run returns base + 1 + 1 = 42.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} token_runs SEC(".maps");

int token_base = 40;
__u32 token_seen_len;

SEC("socket")
int token_filter(struct __sk_buff *skb)
{
	__u32 key = 0, *runs = bpf_map_lookup_elem(&token_runs, &key);

	if (!runs)
		return 0;
	*runs += 1;
	token_seen_len = skb->len;
	return token_base + *runs + 1;
}
