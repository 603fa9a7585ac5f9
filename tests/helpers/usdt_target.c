// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fires USDT probes (usdt_sdt.h) a known number of times with known
 * arguments, for tests/bats/usdt.bats:
 *
 *	usdt_target N
 *
 * bpfctl_test:tick(int i, int -i, long i * 1000)	N times, i = 1..N
 * bpfctl_test:mixed(signed char -i, unsigned short 60000 + i,
 *		     unsigned long from memory 0x1122334455667788 + i)
 *							N times, i = 1..N
 * bpfctl_test:twice(int i, constant 7)		at two sites, N times each
 * bpfctl_test:none()					N times
 * bpfctl_test:global(a global: "%rip" relative, unsupported)	N times
 * bpfctl_test:gated(int i)				N times, if its semaphore is set
 *
 * and prints "semaphore N" (the gated probe's semaphore as seen before
 * the first probe fires).
 */
#include <stdio.h>
#include <stdlib.h>

#include "usdt_sdt.h"

USDT_SEMAPHORE(bpfctl_test, gated);

/* Not inlined: the probe's operands differ between the two call sites. */
static __attribute__((noinline)) void twice_a(int i)
{
	USDT_PROBE(bpfctl_test, twice, i, 7);
}

/* i in another register: a second site with a spec of its own */
static __attribute__((noinline)) void twice_b(int unused, int i)
{
	(void)unused;
	USDT_PROBE(bpfctl_test, twice, i, 7);
}

volatile int usdt_global = 42;

static __attribute__((noinline)) void fire(int i)
{
	/* volatile: a stack slot, so the operand is a memory reference */
	volatile unsigned long big = 0x1122334455667788UL + i;
	signed char c = (signed char)-i;
	unsigned short s = (unsigned short)(60000 + i);
	long prod = (long)i * 1000;
	int neg = -i;

	USDT_PROBE(bpfctl_test, tick, i, neg, prod);
	USDT_PROBE(bpfctl_test, mixed, c, s, big);
	twice_a(i);
	twice_b(0, i);
	USDT_PROBE(bpfctl_test, none);
	USDT_PROBE(bpfctl_test, global, usdt_global);
	if (bpfctl_test_gated_semaphore) {
		USDT_PROBE_SEMA(bpfctl_test, gated, i);
	}
}

int main(int argc, char **argv)
{
	int i, n = argc > 1 ? atoi(argv[1]) : 1;

	printf("semaphore %u\n", (unsigned int)bpfctl_test_gated_semaphore);
	fflush(stdout);
	for (i = 1; i <= n; i++)
		fire(i);
	return 0;
}
