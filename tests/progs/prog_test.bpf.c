// SPDX-License-Identifier: BSD-2-Clause
/*
 * Programs for the "prog" command tests: an XDP program with a name
 * longer than the kernel keeps (15 characters), a sub-program, an array
 * map, global data and an atomic add, whose run result is known (it
 * returns XDP_PASS and writes 0x5a into the first byte of the packet);
 * and a socket filter calling helpers the kernel resolves to kernel
 * functions (a hash map lookup, a random number) and a tail call.
 * Needs only the UAPI headers.
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
	int (*max_entries)[4];
	__u32 *key;
	__u64 *value;
} prog_counts SEC(".maps");

struct {
	int (*type)[BPF_MAP_TYPE_HASH];
	int (*max_entries)[16];
	__u32 *key;
	__u64 *value;
} prog_hash SEC(".maps");

struct {
	int (*type)[BPF_MAP_TYPE_PROG_ARRAY];
	int (*max_entries)[2];
	__u32 *key;
	__u32 *value;
} prog_jumps SEC(".maps");

__u64 prog_runs;

static __noinline int scale(int x)
{
	return x * 3 + (int)prog_runs;
}

SEC("xdp")
int prog_test_xdp_long_name(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	__u32 key = 1;
	__u64 *cnt = bpf_map_lookup_elem(&prog_counts, &key);

	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	prog_runs++;
	if (data + 1 <= end)
		data[0] = 0x5a;
	return scale(ctx->ingress_ifindex) > 1000000 ? XDP_DROP : XDP_PASS;
}

SEC("socket")
int prog_test_sock(struct __sk_buff *skb)
{
	__u32 key = bpf_get_prandom_u32() & 15;
	__u64 *v = bpf_map_lookup_elem(&prog_hash, &key);

	bpf_tail_call(skb, &prog_jumps, 0);
	return v ? (int)*v : 0;
}

char LICENSE[] SEC("license") = "GPL";
