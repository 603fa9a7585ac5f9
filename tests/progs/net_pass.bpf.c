// SPDX-License-Identifier: BSD-2-Clause
/*
 * Programs that pass every packet: XDP and tc (for tcx), to attach to a
 * test device. Needs only the UAPI headers.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int net_xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("tc")
int net_tc_pass(struct __sk_buff *skb)
{
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
