// SPDX-License-Identifier: BSD-2-Clause
/*
 * api.bats: the open-coded iterators bpf_for, bpf_for_each and bpf_repeat
 * compile. Compile-only: clang 14 emits no BTF for bpf_iter_num_destroy,
 * called only from the cleanup attribute, so neither libbpf nor we can
 * resolve it; newer clang does.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 sum, steps, each;

SEC("xdp")
int api_iter(struct xdp_md *ctx)
{
	__u64 n = 0;
	int i, *v;

	(void)ctx;
	bpf_for(i, 0, 10)
		n += i;
	sum = n;
	bpf_repeat(3)
		steps++;
	bpf_for_each(num, v, 5, 8)
		each += *v;
	return sum == 45 && steps == 3 && each == 18 ? XDP_PASS : XDP_DROP;
}
