// SPDX-License-Identifier: BSD-2-Clause
/* Many programs, one global each reads: tables of a large skeleton. */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 hits[48];

#define PROG(i)					\
	SEC("xdp")				\
	int gen_prog_##i(struct xdp_md *ctx)	\
	{					\
		hits[i]++;			\
		return XDP_PASS;		\
	}

PROG(0)
PROG(1)
PROG(2)
PROG(3)
PROG(4)
PROG(5)
PROG(6)
PROG(7)
PROG(8)
PROG(9)
PROG(10)
PROG(11)
PROG(12)
PROG(13)
PROG(14)
PROG(15)
PROG(16)
PROG(17)
PROG(18)
PROG(19)
PROG(20)
PROG(21)
PROG(22)
PROG(23)
PROG(24)
PROG(25)
PROG(26)
PROG(27)
PROG(28)
PROG(29)
PROG(30)
PROG(31)
PROG(32)
PROG(33)
PROG(34)
PROG(35)
PROG(36)
PROG(37)
PROG(38)
PROG(39)
PROG(40)
PROG(41)
PROG(42)
PROG(43)
PROG(44)
PROG(45)
PROG(46)
PROG(47)

char LICENSE[] SEC("license") = "GPL";
