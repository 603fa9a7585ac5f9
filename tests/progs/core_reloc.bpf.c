// SPDX-License-Identifier: BSD-2-Clause
/*
 * CO-RE relocations of every kind clang 14 emits, against local flavours of
 * kernel types whose layout differs from the kernel's: the tests apply the
 * relocations against a target BTF and compare each patched instruction
 * with what that BTF says.
 */
#include <linux/types.h>
#include <bpf/bpf_core_read.h>

#define SEC(name) __attribute__((section(name), used))

/* The helpers the reads use (ids from the UAPI helper list). */
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;
static long (*bpf_probe_read_kernel_str)(void *dst, __u32 size, const void *src) = (void *)115;
static __u64 (*bpf_get_current_task)(void) = (void *)35;

/* Fields in another order and at other offsets than the kernel's task_struct. */
struct task_struct___v2 {
	int tgid;
	int pid;
	char comm[8];
	unsigned int sched_reset_on_fork : 1;
	struct task_struct___v2 *real_parent;
	int no_such_field___really;
	unsigned int flags;
} __attribute__((preserve_access_index));

/* A type the kernel does not have at all. */
struct bpfctl_no_such_type {
	int x;
} __attribute__((preserve_access_index));

/* Enumerators by name: values differ from the kernel's, one does not exist. */
enum pid_type___local {
	PIDTYPE_MAX___local = 40,
	PIDTYPE_SID___local = 30,
	PIDTYPE_BPFCTL_NOPE = 7,
};

volatile __u64 out[24];

SEC("raw_tp/sys_enter")
int core_reloc(void *ctx)
{
	struct task_struct___v2 *t = (void *)bpf_get_current_task();
	char comm[16];

	out[0] = BPF_CORE_READ(t, pid);
	out[1] = BPF_CORE_READ(t, real_parent, tgid);
	out[2] = bpf_core_field_offset(struct task_struct___v2, tgid);
	out[3] = bpf_core_field_size(t->comm);
	out[4] = bpf_core_field_exists(t->flags);
	out[5] = bpf_core_field_exists(t->no_such_field___really);
	if (bpf_core_field_exists(t->no_such_field___really))
		out[6] = BPF_CORE_READ(t, no_such_field___really);
	out[7] = bpf_core_field_signed(t->pid);
	out[8] = bpf_core_field_signed(t->flags);
	out[9] = BPF_CORE_READ_BITFIELD_PROBED(t, sched_reset_on_fork);
	out[10] = bpf_core_type_exists(struct task_struct___v2);
	out[11] = bpf_core_type_exists(struct bpfctl_no_such_type);
	out[12] = bpf_core_type_size(struct task_struct___v2);
	out[13] = bpf_core_type_id_kernel(struct task_struct___v2);
	out[14] = bpf_core_type_id_local(struct task_struct___v2);
	out[15] = bpf_core_enum_value(enum pid_type___local, PIDTYPE_MAX___local);
	out[16] = bpf_core_enum_value(enum pid_type___local, PIDTYPE_SID___local);
	out[17] = bpf_core_enum_value_exists(enum pid_type___local, PIDTYPE_BPFCTL_NOPE);
	out[18] = bpf_core_enum_value_exists(enum pid_type___local, PIDTYPE_MAX___local);
	BPF_CORE_READ_STR_INTO(&comm, t, real_parent, comm);
	out[19] = comm[0];
	out[20] = bpf_core_field_offset(t->real_parent);
	return 0;
}

char _license[] SEC("license") = "GPL";
