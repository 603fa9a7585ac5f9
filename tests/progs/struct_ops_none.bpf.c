// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops.bats: an object without struct_ops maps ("struct_ops register" refuses it). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int bpfctl_no_st_ops(void *ctx)
{
	return 0;
}
