// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_core_read.h next to a generated vmlinux.h (compiled with the
 * directory of one on the include path): kernel types used directly,
 * BPF_CORE_READ chains and bpf_core_cast() through the bpf_rdonly_cast
 * kfunc that vmlinux.h declares too.
 */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>

#define SEC(name) __attribute__((section(name), used))

static __u64 (*bpf_get_current_task)(void) = (void *)35;
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;
static long (*bpf_probe_read_kernel_str)(void *dst, __u32 size, const void *src) = (void *)115;

SEC("raw_tp/sys_enter")
int core_vmlinux(void *ctx)
{
	struct task_struct *t = bpf_core_cast((void *)bpf_get_current_task(), struct task_struct);
	char comm[TASK_COMM_LEN];

	BPF_CORE_READ_STR_INTO(&comm, t, group_leader, comm);
	return t->pid + BPF_CORE_READ(t, real_parent, tgid) + comm[0] +
	       bpf_core_field_exists(t->pid) + bpf_core_enum_value(enum pid_type, PIDTYPE_SID);
}

char _license[] SEC("license") = "GPL";
