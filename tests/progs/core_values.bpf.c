// SPDX-License-Identifier: BSD-2-Clause
/*
 * CO-RE queries whose relocated values a test can read back after a run:
 * the program stores each into a global array, so the test compares what
 * the loaded (relocated) program computed with the target BTF.
 */
#include <linux/types.h>
#include <bpf/bpf_core_read.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct___v2 {
	int tgid;
	int pid;
	char comm[8];
	struct task_struct___v2 *real_parent;
	int no_such_field___really;
	unsigned int flags;
} __attribute__((preserve_access_index));

struct bpfctl_no_such_type {
	int x;
} __attribute__((preserve_access_index));

enum pid_type___local {
	PIDTYPE_MAX___local = 40,
	PIDTYPE_BPFCTL_NOPE = 7,
};

/* the order is the one tests/bats/core_relo.bats lists */
__u64 out[14];

SEC("xdp")
int core_values(void *ctx)
{
	out[0] = bpf_core_field_offset(struct task_struct___v2, pid);
	out[1] = bpf_core_field_offset(struct task_struct___v2, tgid);
	out[2] = bpf_core_field_offset(struct task_struct___v2, comm);
	out[3] = bpf_core_field_size(struct task_struct___v2, comm);
	out[4] = bpf_core_field_exists(struct task_struct___v2, flags);
	out[5] = bpf_core_field_exists(struct task_struct___v2, no_such_field___really);
	out[6] = bpf_core_field_signed(struct task_struct___v2, pid);
	out[7] = bpf_core_type_size(struct task_struct___v2);
	out[8] = bpf_core_type_exists(struct task_struct___v2);
	out[9] = bpf_core_type_exists(struct bpfctl_no_such_type);
	out[10] = bpf_core_type_id_kernel(struct task_struct___v2);
	out[11] = bpf_core_enum_value(enum pid_type___local, PIDTYPE_MAX___local);
	out[12] = bpf_core_enum_value_exists(enum pid_type___local, PIDTYPE_BPFCTL_NOPE);
	out[13] = bpf_core_field_offset(struct task_struct___v2, real_parent);
	return 2;	/* XDP_PASS */
}

char _license[] SEC("license") = "GPL";
