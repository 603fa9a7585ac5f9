// SPDX-License-Identifier: BSD-2-Clause
/*
 * Programs that attach to a sockmap (sk_msg verdict, sk_skb parser and
 * verdict) or to the network namespace (flow dissector). UAPI headers only.
 */
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("sk_msg")
int sk_msg_pass(struct sk_msg_md *msg)
{
	return SK_PASS;
}

SEC("sk_skb/stream_parser")
int sk_skb_parse(struct __sk_buff *skb)
{
	return skb->len;
}

SEC("flow_dissector")
int flow_dissect_ok(struct __sk_buff *skb)
{
	return BPF_OK;
}

char LICENSE[] SEC("license") = "GPL";
