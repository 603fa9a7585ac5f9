// SPDX-License-Identifier: BSD-2-Clause
/*
 * "-m/--mapcompat": map definitions the loader does not know. Built with
 * LEGACY_MAPS: a pre-BTF "maps" section of struct bpf_map_def (refused
 * with or without -m, as libbpf v1 does). Built plain: a BTF-defined map
 * with a field no loader knows (refused, skipped under -m).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#ifdef LEGACY_MAPS
/* the layout libbpf v0.x read from "maps" */
struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") compat_counts = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 1,
};
#else
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
	__uint(future_attr, 7);	/* unknown to every loader */
} compat_counts SEC(".maps");
#endif

SEC("tc")
int compat_count(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&compat_counts, &key);

	if (n)
		__sync_fetch_and_add(n, 1);
	return TC_ACT_OK;
}
