// SPDX-License-Identifier: BSD-2-Clause
/*
 * Every read and query macro of bpf_core_read.h, against kernel types seen
 * through local flavours: the tests check that the header compiles with
 * -Wall -Werror and that each relocation it produces resolves as the
 * target BTF says (anonymous members, arrays, bitfields, chains).
 */
#include <linux/types.h>
#include <bpf/bpf_core_read.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;
static long (*bpf_probe_read_kernel_str)(void *dst, __u32 size, const void *src) = (void *)115;
static long (*bpf_probe_read_user)(void *dst, __u32 size, const void *src) = (void *)112;
static long (*bpf_probe_read_user_str)(void *dst, __u32 size, const void *src) = (void *)114;
static __u64 (*bpf_get_current_task)(void) = (void *)35;

struct list_head___l {
	struct list_head___l *next;
} __attribute__((preserve_access_index));

struct mm_struct___l {
	unsigned long task_size;
} __attribute__((preserve_access_index));

struct task_struct___l {
	struct mm_struct___l *mm;
	struct task_struct___l *group_leader;
	struct list_head___l children;
	char comm[16];
	int pid;
	unsigned int sched_reset_on_fork : 1;
	unsigned int sched_contributes_to_load : 1;
	int prio;
} __attribute__((preserve_access_index));

volatile __u64 out[32];

SEC("raw_tp/sys_enter")
int core_macros(void *ctx)
{
	struct task_struct___l *t = (void *)bpf_get_current_task();
	char name[16];
	int pid = 0;

	/* chains of one to four fields */
	out[0] = BPF_CORE_READ(t, group_leader, group_leader, mm, task_size);
	out[1] = (unsigned long)BPF_CORE_READ(t, children.next);
	BPF_CORE_READ_INTO(&pid, t, group_leader, pid);
	out[2] = pid;
	BPF_CORE_READ_STR_INTO(&name, t, comm);
	out[3] = name[1];
	bpf_core_read(&pid, sizeof(pid), &t->prio);
	out[4] = pid;
	bpf_core_read_str(name, sizeof(name), &t->group_leader->comm);
	out[5] = name[2];
	/* user-space flavours: same relocations, other helpers */
	out[6] = BPF_CORE_READ_USER(t, pid);
	BPF_CORE_READ_USER_INTO(&pid, t, prio);
	out[7] = pid;
	BPF_CORE_READ_USER_STR_INTO(&name, t, comm);
	bpf_core_read_user(&pid, sizeof(pid), &t->pid);
	bpf_core_read_user_str(name, sizeof(name), &t->comm);
	out[8] = name[0] + pid;
	/* plain probe reads, relocated only through preserve_access_index */
	out[9] = BPF_PROBE_READ(t, group_leader, pid);
	BPF_PROBE_READ_INTO(&pid, t, prio);
	BPF_PROBE_READ_STR_INTO(&name, t, comm);
	out[10] = pid + name[3];
	/* bitfields, probed and direct */
	out[11] = BPF_CORE_READ_BITFIELD_PROBED(t, sched_contributes_to_load);
	out[12] = BPF_CORE_READ_BITFIELD(t, sched_reset_on_fork);
	/* queries in both forms */
	out[13] = bpf_core_field_exists(struct task_struct___l, comm);
	out[14] = bpf_core_field_size(struct task_struct___l, children);
	out[15] = bpf_core_field_offset(t->children.next);
	out[16] = bpf_core_field_signed(struct task_struct___l, prio);
	out[17] = bpf_core_field_offset(t->comm[3]);
	out[18] = bpf_core_type_size(struct mm_struct___l);
	out[19] = bpf_core_type_exists(struct list_head___l);
	out[20] = bpf_core_type_id_kernel(struct mm_struct___l);
	return 0;
}

char _license[] SEC("license") = "GPL";
