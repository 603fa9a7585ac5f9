// SPDX-License-Identifier: BSD-2-Clause
/*
 * api.bats: replaces api_verdict() of api_freplace_target.bpf.c (given by
 * bpf_program__set_attach_target()) to return XDP_DROP. Two maps: one used
 * (autocreate off makes the load fail, naming it), one not (skipped).
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
} api_used SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} api_unused SEC(".maps");

SEC("freplace/api_verdict")
int api_new_verdict(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *calls = bpf_map_lookup_elem(&api_used, &key);

	(void)ctx;
	if (calls)
		__sync_fetch_and_add(calls, 1);
	return XDP_DROP;
}

/* a loadable user of api_used: freplace programs need trampolines */
SEC("xdp")
int api_map_user(struct xdp_md *ctx)
{
	__u32 key = 0;

	(void)ctx;
	return bpf_map_lookup_elem(&api_used, &key) ? XDP_PASS : XDP_DROP;
}
