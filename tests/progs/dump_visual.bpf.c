// SPDX-License-Identifier: BSD-2-Clause
/*
 * Programs for "prog dump xlated visual" and "prog dump jited": control
 * flow worth drawing and machine code worth disassembling. An XDP program
 * with branches, a bounded loop, a switch, a map lookup (a 64-bit
 * immediate), an atomic add and calls of two sub-programs, one of which
 * calls the other; a socket filter with shifts, signed and unsigned
 * division, byte swaps and a tail call; and a straight-line program with
 * no branch at all. Needs only the UAPI headers.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __noinline __attribute__((noinline))

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)BPF_FUNC_map_lookup_elem;
static __u32 (*bpf_get_prandom_u32)(void) = (void *)BPF_FUNC_get_prandom_u32;
static long (*bpf_tail_call)(void *ctx, void *map, __u32 index) = (void *)BPF_FUNC_tail_call;

struct {
	int (*type)[BPF_MAP_TYPE_ARRAY];
	int (*max_entries)[8];
	__u32 *key;
	__u64 *value;
} visual_counts SEC(".maps");

struct {
	int (*type)[BPF_MAP_TYPE_PROG_ARRAY];
	int (*max_entries)[2];
	__u32 *key;
	__u32 *value;
} visual_jumps SEC(".maps");

__u64 visual_total;

static __noinline int visual_mix(int x)
{
	if (x & 1)
		return x * 7 + (int)visual_total;
	return x >> 2;
}

static __noinline int visual_sum(unsigned char *data, unsigned char *end)
{
	int i, s = 0;

#pragma nounroll
	for (i = 0; i < 32; i++) {
		if (data + i + 1 > end)
			break;
		s += visual_mix(data[i]);
	}
	return s;
}

SEC("xdp")
int dump_visual_xdp(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	__u32 key = ctx->rx_queue_index & 7;
	__u64 *cnt = bpf_map_lookup_elem(&visual_counts, &key);
	int s;

	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	s = visual_sum(data, end);
	switch (s & 3) {
	case 0:
		visual_total += s;
		break;
	case 1:
		visual_total ^= (__u64)s << 33;
		break;
	case 2:
		return XDP_DROP;
	default:
		visual_total--;
	}
	return s > 1000 ? XDP_TX : XDP_PASS;
}

SEC("socket")
int dump_visual_sock(struct __sk_buff *skb)
{
	__u64 r = bpf_get_prandom_u32();
	__s64 d = (__s64)skb->len - 100;
	__u32 h = __builtin_bswap32(skb->hash);

	r = (r << (skb->mark & 63)) | (r >> 3);
	if (skb->priority)
		r /= skb->priority;
	if (skb->queue_mapping)
		r %= skb->queue_mapping;
	d >>= skb->tc_index & 31;
	bpf_tail_call(skb, &visual_jumps, h & 1);
	return (int)(r ^ (__u64)d ^ __builtin_bswap64(r));
}

SEC("socket")
int dump_visual_line(struct __sk_buff *skb)
{
	return skb->len * 3 + skb->mark;
}

char LICENSE[] SEC("license") = "GPL";
