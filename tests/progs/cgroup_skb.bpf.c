// SPDX-License-Identifier: BSD-2-Clause
/*
 * A cgroup_skb program that lets every packet through: something to
 * attach to a test cgroup. Needs only the UAPI headers.
 */
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/ingress")
int cg_pass_ingress(struct __sk_buff *skb)
{
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
