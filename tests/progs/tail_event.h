/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The event of the map tail tests, as tests/helpers/tail_prog.h's
 * hand-assembled producer writes it (24 bytes), for the BTF of the
 * tail_*.bpf.c objects.
 */
#ifndef __TAIL_EVENT_H
#define __TAIL_EVENT_H

#include <linux/types.h>

#define SEC(name) __attribute__((section(name), used))

struct tail_event {
	__u64 seq;
	__u32 pid;
	__u32 kind;
	char tag[8];
};

#endif /* __TAIL_EVENT_H */
