// SPDX-License-Identifier: BSD-2-Clause
/*
 * BTF with two structs of the event's size (24 bytes), so that "map tail"
 * can't pick one by size and prints hex with a notice.
 */
#include <linux/bpf.h>

#include "tail_event.h"

struct tail_other {
	__u64 a, b, c;
};

static __attribute__((noinline)) int tail_pick(struct tail_event *e, struct tail_other *o)
{
	return e->kind + o->a;
}

SEC("tc")
int tail_producer(struct __sk_buff *skb)
{
	struct tail_event e = { .seq = skb->len };
	struct tail_other o = { .a = skb->len };

	return tail_pick(&e, &o);
}
