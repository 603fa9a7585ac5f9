// SPDX-License-Identifier: BSD-2-Clause
/*
 * One program per kind of link the link tests create (raw tracepoint,
 * BTF tracepoint, perf tracepoint, perf event, uprobe, cgroup, XDP, tcx, iterator,
 * flow dissector), each doing nothing, and a hash map with typed key and
 * value for "btf dump map". Needs only the UAPI headers. The map element
 * iterator, which kernels may refuse, is alone in link_iter_elem.bpf.c.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct link_key {
	__u32 ifindex;
	__u16 port;
	__u8 proto;
};

enum link_verdict { LINK_PASS = 1, LINK_DROP = 2 };

struct link_value {
	__u64 packets;
	enum link_verdict verdict;
	char tag[6];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, struct link_key);
	__type(value, struct link_value);
} link_stats SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)BPF_FUNC_map_lookup_elem;

SEC("raw_tracepoint/sys_enter")
int link_raw_tp(void *ctx)
{
	return 0;
}

SEC("tp_btf/sys_enter")
int link_tp_btf(void *ctx)
{
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int link_tp(void *ctx)
{
	return 0;
}

SEC("uprobe")
int link_uprobe(void *ctx)
{
	return 0;
}

SEC("perf_event")
int link_perf(void *ctx)
{
	return 0;
}

SEC("cgroup_skb/egress")
int link_cgroup(struct __sk_buff *skb)
{
	return 1;
}

SEC("xdp")
int link_xdp(struct xdp_md *ctx)
{
	struct link_key key = { .ifindex = ctx->ingress_ifindex };

	return bpf_map_lookup_elem(&link_stats, &key) ? XDP_DROP : XDP_PASS;
}

SEC("tc")
int link_tcx(struct __sk_buff *skb)
{
	return -1;	/* TCX_NEXT */
}

SEC("iter/bpf_map")
int link_iter(void *ctx)
{
	return 0;
}

SEC("flow_dissector")
int link_dissect(struct __sk_buff *skb)
{
	return BPF_DROP;
}

char LICENSE[] SEC("license") = "GPL";
