// SPDX-License-Identifier: BSD-2-Clause
/*
 * api_objapi.bats: maps whose creation the test changes before load: an
 * array of maps without an inner definition (bpf_map__set_inner_map_fd),
 * a bloom filter (bpf_map__set_map_extra) and a hash for the NUMA node and
 * ifindex setters; one XDP program so that the object loads.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} objapi_outer SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 16);
	__type(value, __u32);
} objapi_bloom SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} objapi_plain SEC(".maps");

SEC("xdp")
int objapi_defs(struct xdp_md *ctx)
{
	__u32 v = 7;

	return bpf_map_peek_elem(&objapi_bloom, &v) ? XDP_PASS : XDP_DROP;
}
