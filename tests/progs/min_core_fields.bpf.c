// SPDX-License-Identifier: BSD-2-Clause
/*
 * For gen_min_core_btf.bats: field-based CO-RE relocations on the calling
 * task, recorded per tgid when a process whose name starts with "mc_"
 * calls getpgid. Pointers followed (real_parent, cred, signal), a struct
 * inside a struct (cred->uid.val, through a typedef of an anonymous
 * struct), an array of structs (signal->rlim[RLIMIT_NOFILE]), a char
 * array, bitfields, and field existence, size, offset and signedness.
 * Local types carry only the members used, as a "___mc" flavour.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

typedef struct {
	unsigned int val;
} kuid_t___mc;

struct cred___mc {
	kuid_t___mc uid;
} __attribute__((preserve_access_index));

struct rlimit___mc {
	unsigned long rlim_cur;
	unsigned long rlim_max;
} __attribute__((preserve_access_index));

struct signal_struct___mc {
	struct rlimit___mc rlim[16];
} __attribute__((preserve_access_index));

struct task_struct___mc {
	int pid;
	int tgid;
	struct task_struct___mc *real_parent;
	struct task_struct___mc *group_leader;
	char comm[16];
	const struct cred___mc *cred;
	struct signal_struct___mc *signal;
	unsigned int user_dumpable:1;
	unsigned int in_execve:1;
	int bpfctl_no_such_field;
} __attribute__((preserve_access_index));

/* field order: what gen_min_core_btf.bats reads */
struct mc_fields {
	__u64 pid, tgid, ppid, leader_pid, uid, nofile;
	char comm[16];
	__u64 user_dumpable, in_execve;
	__u64 comm_size, comm_off, pid_signed, has_pid, has_bogus, nofile_size;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct mc_fields);
} mc_fields SEC(".maps");

SEC("tp/syscalls/sys_enter_getpgid")
int min_core_fields(void *ctx)
{
	struct task_struct___mc *t = (void *)bpf_get_current_task();
	struct mc_fields v = {};
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	char name[16];

	bpf_get_current_comm(name, sizeof(name));
	if (name[0] != 'm' || name[1] != 'c' || name[2] != '_')
		return 0;
	v.pid = BPF_CORE_READ(t, pid);
	v.tgid = BPF_CORE_READ(t, tgid);
	v.ppid = BPF_CORE_READ(t, real_parent, tgid);
	v.leader_pid = BPF_CORE_READ(t, group_leader, pid);
	v.uid = BPF_CORE_READ(t, cred, uid.val);
	v.nofile = BPF_CORE_READ(t, signal, rlim[7].rlim_cur);
	BPF_CORE_READ_INTO(&v.comm, t, comm);
	v.user_dumpable = BPF_CORE_READ_BITFIELD_PROBED(t, user_dumpable);
	v.in_execve = BPF_CORE_READ_BITFIELD_PROBED(t, in_execve);
	v.comm_size = bpf_core_field_size(t->comm);
	v.comm_off = bpf_core_field_offset(t->comm);
	v.pid_signed = bpf_core_field_signed(t->pid);
	v.has_pid = bpf_core_field_exists(t->pid);
	v.has_bogus = bpf_core_field_exists(t->bpfctl_no_such_field);
	v.nofile_size = bpf_core_field_size(struct signal_struct___mc, rlim[7].rlim_cur);
	bpf_map_update_elem(&mc_fields, &tgid, &v, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
