// SPDX-License-Identifier: BSD-2-Clause
/*
 * For iter.bats: an object whose first program is no iterator (a socket
 * filter, which every kernel loads), so "iter pin" must refuse it.
 */
#define SEC(name) __attribute__((section(name), used))

SEC("socket")
int iter_none(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
