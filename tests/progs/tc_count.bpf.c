// SPDX-License-Identifier: BSD-2-Clause
/*
 * cls_bpf programs for the tc tests: both count the IPv4 UDP datagrams to
 * port TC_PORT that reach them; one lets them pass, the other drops them,
 * so that a filter's effect shows in the receiving namespace's UDP
 * counters.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#define TC_PORT 4242

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tc_counts SEC(".maps");

/* The packet is a UDP datagram to TC_PORT (counted if so). */
static __always_inline int count_udp(struct __sk_buff *skb)
{
	struct iphdr ip;
	struct udphdr udp;
	__u32 key = 0;
	__u64 *c;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return 0;
	if (bpf_skb_load_bytes(skb, ETH_HLEN, &ip, sizeof(ip)) || ip.protocol != IPPROTO_UDP)
		return 0;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + ip.ihl * 4, &udp, sizeof(udp)) ||
	    udp.dest != bpf_htons(TC_PORT))
		return 0;
	c = bpf_map_lookup_elem(&tc_counts, &key);
	if (c)
		__sync_fetch_and_add(c, 1);
	return 1;
}

SEC("tc")
int tc_count_udp(struct __sk_buff *skb)
{
	count_udp(skb);
	return TC_ACT_OK;
}

SEC("tc")
int tc_drop_udp(struct __sk_buff *skb)
{
	return count_udp(skb) ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
