// SPDX-License-Identifier: BSD-2-Clause
/*
 * api_objapi.bats: one map used by two XDP programs, for
 * bpf_map__set_exclusive_program(): the map made exclusive to one of them.
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
} objapi_excl SEC(".maps");

SEC("xdp")
int objapi_owner(struct xdp_md *ctx)
{
	__u32 key = 0, *v = bpf_map_lookup_elem(&objapi_excl, &key);

	return v && *v == 5 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int objapi_intruder(struct xdp_md *ctx)
{
	__u32 key = 0, *v = bpf_map_lookup_elem(&objapi_excl, &key);

	return v ? XDP_PASS : XDP_ABORTED;
}
