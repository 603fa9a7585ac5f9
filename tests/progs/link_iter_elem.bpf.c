// SPDX-License-Identifier: BSD-2-Clause
/*
 * A map element iterator, alone in its object: some kernels refuse
 * iter/bpf_map_elem (6.18 here answers EPERM), and a refusal must cost only
 * the tests of this program type (link.bats).
 */
#define SEC(name) __attribute__((section(name), used))

SEC("iter/bpf_map_elem")
int link_iter_elem(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
