// SPDX-License-Identifier: BSD-2-Clause
/*
 * For iter.bats: a map element iterator, alone in its object (6.18 here
 * refuses iter/bpf_map_elem with EPERM, a refusal "iter pin" must report).
 */
#define SEC(name) __attribute__((section(name), used))

SEC("iter/bpf_map_elem")
int iter_elem(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
