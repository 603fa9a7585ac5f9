// SPDX-License-Identifier: BSD-2-Clause
/*
 * api_objapi.bats: maps for the bpf_map__*_elem() size checks (hash, array,
 * per-CPU hash with a 4-byte value that the kernel pads to 8), and XDP
 * programs, one with a sub-program, for prepare/load, pinning,
 * set_insns, unload, clone, func_info/line_info and bpf_prog_linfo.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} objapi_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} objapi_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} objapi_percpu SEC(".maps");

/* a sub-program: objapi_count has two func_info records */
static __noinline int objapi_bump(__u32 key)
{
	__u64 *v = bpf_map_lookup_elem(&objapi_array, &key);

	if (!v)
		return 0;
	__sync_fetch_and_add(v, 1);
	return 1;
}

SEC("xdp")
int objapi_count(struct xdp_md *ctx)
{
	return objapi_bump(ctx->ingress_ifindex & 1) ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int objapi_seen(struct xdp_md *ctx)
{
	__u32 key = 1;

	return bpf_map_lookup_elem(&objapi_hash, &key) ? XDP_DROP : XDP_PASS;
}
