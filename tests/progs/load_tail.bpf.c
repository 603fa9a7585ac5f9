// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog load" tests: a program array whose slots are set in the source
 * (tail calls) and a map-in-map whose slots are inner maps.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
};

struct inner inner_a SEC(".maps");
struct inner inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { &inner_a, &inner_b },
};

int tail_target(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (void *));
} jumps SEC(".maps") = {
	.values = { [1] = (void *)&tail_target },
};

SEC("socket")
int tail_target(struct __sk_buff *skb)
{
	(void)skb;
	return 77;
}

SEC("socket")
int tail_caller(struct __sk_buff *skb)
{
	__u32 key = 0, *val, one = 1;
	void *inner;

	inner = bpf_map_lookup_elem(&outer, &one);
	if (!inner)
		return 1;
	val = bpf_map_lookup_elem(inner, &key);
	if (!val)
		return 2;
	*val = 99;
	bpf_tail_call(skb, &jumps, 1);
	return 3;
}
