// SPDX-License-Identifier: BSD-2-Clause
/*
 * For bpf_object__gen_loader(): maps whose slots the loader program fills
 * at run time: a program array holding a tail-call target and a
 * map-in-map holding an inner map, both initialised in .maps. Socket
 * filter programs only, loaded and never attached.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct inner_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} inner1 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner_map);
} outer SEC(".maps") = {
	.values = { [1] = &inner1 },
};

SEC("socket")
int slot_target(struct __sk_buff *skb)
{
	(void)skb;
	return 7;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, int (void *));
} jmp SEC(".maps") = {
	.values = { [2] = (void *)&slot_target },
};

SEC("socket")
int slot_entry(struct __sk_buff *skb)
{
	__u32 one = 1;

	bpf_tail_call(skb, &jmp, 2);
	return bpf_map_lookup_elem(&outer, &one) ? 1 : 0;
}
