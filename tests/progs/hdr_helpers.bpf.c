// SPDX-License-Identifier: BSD-2-Clause
/*
 * The rest of bpf_helpers.h, against vmlinux.h: BTF-defined maps of
 * every shape (map-in-map, prog array with initial slots, map_extra,
 * pinning), BTF tags (__kptr, __kptr_untrusted, __percpu_kptr,
 * __contains, __arg_*), __ksym externs, linkage attributes, bpf_printk
 * with 0 to 12 arguments, BPF_SEQ_PRINTF, BPF_SNPRINTF, bpf_for,
 * bpf_repeat and bpf_tail_call_static. Compile-only: bpf_headers.bats
 * reads the object's code and BTF. HDR_VARIABLE_SLOT adds a misuse
 * that must not compile: bpf_tail_call_static with a non-constant slot.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { &inner_a, &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 16);
	__type(value, __u32);
	__ulong(map_extra, 3);
} bloom SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} pinned_hash SEC(".maps");

struct hdr_node {
	long value;
	struct bpf_list_node node;
};

struct hdr_value {
	struct task_struct __kptr *task;
	struct task_struct __kptr_untrusted *untrusted;
	struct hdr_node __percpu_kptr *percpu;
	struct bpf_spin_lock lock;
	struct bpf_list_head head __contains(hdr_node, node);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct hdr_value);
} kptrs SEC(".maps");

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;
extern const int bpf_prog_active __ksym;

int results[16];
char buf[32];

__hidden int hdr_hidden(int x)
{
	return x + 1;
}

__weak int hdr_weak(int x)
{
	return x * 2;
}

__noinline int hdr_global(void *ctx __arg_ctx, int *p __arg_nonnull, int *q __arg_nullable)
{
	return ctx && q ? *p + *q : *p;
}

static __always_inline int hdr_inline(int x)
{
	return x - 1;
}

SEC("tc")
int hdr_printk(struct __sk_buff *skb)
{
	bpf_printk("0");
	bpf_printk("1 %d", 1);
	bpf_printk("2 %d %d", 1, 2);
	bpf_printk("3 %d %d %d", 1, 2, 3);
	bpf_printk("4 %d %d %d %d", 1, 2, 3, 4);
	bpf_printk("5 %d %d %d %d %d", 1, 2, 3, 4, 5);
	bpf_printk("6 %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6);
	bpf_printk("7 %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7);
	bpf_printk("8 %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8);
	bpf_printk("9 %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9);
	bpf_printk("10 %d %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
	bpf_printk("11 %d %d %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
	bpf_printk("12 %d %d %d %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
		   12);
	return 0;
}

SEC("tc")
int hdr_snprintf(struct __sk_buff *skb)
{
	results[0] = BPF_SNPRINTF(buf, sizeof(buf), "%d %s %x", skb->len, "x", 0x1f);
	results[1] = BPF_SNPRINTF(buf, sizeof(buf), "constant");
	return 0;
}

SEC("iter/task")
int hdr_seq(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	BPF_SEQ_PRINTF(ctx->meta->seq, "%d %s\n", task->pid, task->comm);
	BPF_SEQ_PRINTF(ctx->meta->seq, "task\n");
	return 0;
}

SEC("tc")
int hdr_tail(struct __sk_buff *skb)
{
	return 1;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (void *));
} tails SEC(".maps") = {
	.values = { [1] = (void *)&hdr_tail },
};

SEC("tc")
int hdr_tail_static(struct __sk_buff *skb)
{
	bpf_tail_call_static(skb, &tails, 1);
#ifdef HDR_VARIABLE_SLOT
	bpf_tail_call_static(skb, &tails, skb->len);
#endif
	return 0;
}

SEC("tc")
int hdr_loops(struct __sk_buff *skb)
{
	int i, sum = 0, n = 0;

	bpf_for(i, 0, 10)
		sum += i;
	bpf_repeat(3)
		n++;
	results[2] = sum;
	results[3] = n;
	return 0;
}

SEC("tc")
int hdr_misc(struct __sk_buff *skb)
{
	int a = 1, b = 2;
	__u32 key = 0;

	results[4] = hdr_global(skb, &a, &b) + hdr_hidden(a) + hdr_weak(b) + hdr_inline(a);
	results[5] = bpf_ksym_exists(bpf_task_acquire);
	results[7] = bpf_prog_active;
	results[8] = bpf_htons(skb->protocol) + bpf_ntohl(skb->mark) +
		     (int)bpf_be64_to_cpu(skb->tstamp) + bpf_htonl(skb->hash);
	results[9] = bpf_map_lookup_elem(&kptrs, &key) != 0;
	results[10] = bpf_map_lookup_elem(&pinned_hash, &key) != 0;
	results[11] = bpf_map_peek_elem(&bloom, &key);
	results[12] = bpf_map_lookup_elem(&outer, &key) != 0;
	if (unlikely(results[12] > 1))
		results[13] = 1;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
