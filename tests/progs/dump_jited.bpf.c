// SPDX-License-Identifier: BSD-2-Clause
/*
 * Machine code for "prog dump jited": built with -mcpu=v3, a socket
 * filter whose JIT image holds the atomics (fetch-add, fetch-and/or/xor,
 * exchange, compare-exchange), 32-bit ALU and jumps, multiply, divide and
 * modulo by registers and constants, negation, shifts by registers and
 * byte swaps of each width. Needs only the UAPI headers.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 jited_counter;
__u32 jited_word;

SEC("socket")
int dump_jited_ops(struct __sk_buff *skb)
{
	__u32 a = skb->len, b = skb->mark | 1, c = skb->priority;
	__u64 x = (__u64)skb->hash << 7, y;
	__u16 h = (__u16)skb->protocol;

	y = __sync_fetch_and_add(&jited_counter, x);
	y ^= __sync_fetch_and_and(&jited_counter, ~x);
	y += __sync_fetch_and_or(&jited_counter, a);
	y -= __sync_fetch_and_xor(&jited_counter, b);
	y += __sync_lock_test_and_set(&jited_counter, y);
	y += __sync_val_compare_and_swap(&jited_counter, y, x);
	__sync_fetch_and_add(&jited_word, a);
	a = a / b + a % b;
	a = (a * 7) >> (c & 31);
	a = -a;
	x = x / (y | 1) + x % 13;
	x = x * y - (x >> (c & 63));
	if ((int)a < (int)c)
		a ^= __builtin_bswap32(a);
	if (a > 100 && a != c)
		x += __builtin_bswap64(x);
	h = __builtin_bswap16(h);
	return (int)(a + x + h);
}

char LICENSE[] SEC("license") = "GPL";
