// SPDX-License-Identifier: BSD-2-Clause
/*
 * BTF for "map tail" tests: the event that tests/helpers/tail_prog.h's
 * hand-assembled producer emits, as the one struct of its size (24 bytes).
 * Only the BTF of this object is used (by "btf FILE", and loaded with the
 * producer as its program BTF), so it has no maps or other globals, whose
 * sections the kernel would refuse in raw BTF.
 */
#include <linux/bpf.h>

#include "tail_event.h"

static __attribute__((noinline)) int tail_event_kind(struct tail_event *e)
{
	return e->kind;
}

SEC("tc")
int tail_producer(struct __sk_buff *skb)
{
	struct tail_event e = { .seq = skb->len, .kind = 7 };

	return tail_event_kind(&e);
}
