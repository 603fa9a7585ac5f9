// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog load" tests: a map pinned by name (LIBBPF_PIN_BY_NAME) under the
 * pin root, reused by the next load of the same object. The program adds
 * one to the counter in it and returns the new count.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} bpfctl_load_shared SEC(".maps");

SEC("socket")
int count_shared(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&bpfctl_load_shared, &key);

	(void)skb;
	if (!v)
		return 0;
	return (int)__sync_add_and_fetch(v, 1);
}
