// SPDX-License-Identifier: BSD-2-Clause
/*
 * Network programs for the explicit attach functions, each counting what
 * it sees into its slot of counts[]: a cgroup_skb egress program that
 * drops everything (so its effect shows), XDP and tcx programs that let
 * packets pass, and a flow dissector for a network namespace.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

enum { NET_CGROUP, NET_XDP, NET_TCX, NET_MAX };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NET_MAX);
	__type(key, __u32);
	__type(value, __u64);
} net_counts SEC(".maps");

static __always_inline void count(__u32 slot)
{
	__u64 *c = bpf_map_lookup_elem(&net_counts, &slot);

	if (c)
		__sync_fetch_and_add(c, 1);
}

SEC("cgroup_skb/egress")
int net_cgroup_drop(struct __sk_buff *skb)
{
	count(NET_CGROUP);
	return 0;	/* drop */
}

SEC("xdp")
int net_xdp(struct xdp_md *ctx)
{
	count(NET_XDP);
	return XDP_PASS;
}

SEC("tcx/ingress")
int net_tcx(struct __sk_buff *skb)
{
	count(NET_TCX);
	return TC_ACT_OK;
}

SEC("flow_dissector")
int net_dissect(struct __sk_buff *skb)
{
	return BPF_DROP;	/* no flow: it runs in a namespace of its own */
}

char LICENSE[] SEC("license") = "GPL";
