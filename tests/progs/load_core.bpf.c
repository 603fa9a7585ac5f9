// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog load" tests of CO-RE through the loader: local views of kernel
 * types, with a flavour suffix (___v2) that the match ignores, a field
 * the kernel has at another offset than the local struct says, a field
 * it lacks (guarded by bpf_core_field_exists), a missing type and an
 * enum value. Each program returns one relocated constant, which the
 * test compares with the target BTF.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

/* The kernel's struct task_struct has pid far from offset 4. */
struct task_struct___v2 {
	int bpfctl_no_such_field;
	int pid;
} __attribute__((preserve_access_index));

struct bpfctl_no_such_type {
	int x;
} __attribute__((preserve_access_index));

enum bpf_map_type___local {
	BPF_MAP_TYPE_RINGBUF___local = 1,
};

SEC("tc")
int core_pid_offset(struct __sk_buff *skb)
{
	(void)skb;
	return bpf_core_field_offset(struct task_struct___v2, pid);
}

SEC("tc")
int core_missing_field(struct __sk_buff *skb)
{
	(void)skb;
	if (bpf_core_field_exists(struct task_struct___v2, bpfctl_no_such_field))
		return 1;
	return 2 + bpf_core_field_exists(struct task_struct___v2, pid);	/* 3 */
}

SEC("tc")
int core_missing_type(struct __sk_buff *skb)
{
	(void)skb;
	return 10 + bpf_core_type_exists(struct bpfctl_no_such_type);	/* 10 */
}

SEC("tc")
int core_enum_value(struct __sk_buff *skb)
{
	(void)skb;
	return bpf_core_enum_value(enum bpf_map_type___local, BPF_MAP_TYPE_RINGBUF___local);
}
