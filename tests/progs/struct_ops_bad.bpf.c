// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct_ops.bats: a struct_ops map of a type no kernel has
 * (bpf_struct_ops_bpfctl_no_such_ops): register must fail at load and
 * leave nothing registered.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct bpfctl_no_such_ops {
	int (*op)(int x);
	char name[16];
};

SEC("struct_ops/bad_op")
int BPF_PROG(bad_op, int x)
{
	return x;
}

SEC(".struct_ops")
struct bpfctl_no_such_ops bpfctl_bad = {
	.op	= (void *)bad_op,
	.name	= "bpfctl_bad",
};
