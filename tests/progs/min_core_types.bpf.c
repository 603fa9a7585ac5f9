// SPDX-License-Identifier: BSD-2-Clause
/*
 * For gen_min_core_btf.bats: type-based and enum value CO-RE relocations,
 * recorded per tgid when a process whose name starts with "mc_" calls
 * getpgid: type existence, size and kernel type id (of existing and
 * missing types, through a typedef and a pointer), and enumerator
 * existence and value. (No bpf_core_type_matches(): it needs clang 15.)
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct___mc {
	int pid;
} __attribute__((preserve_access_index));

struct cred___mc {
	int usage;
} __attribute__((preserve_access_index));

struct bpfctl_no_such_type {
	int x;
} __attribute__((preserve_access_index));

/* a typedef of a function pointer: the type relocation keeps the prototype and rcu_head */
struct rcu_head___mc {
	void *next;
};
typedef void (*rcu_callback_t___mc)(struct rcu_head___mc *head);

enum pid_type___mc {
	PIDTYPE_TGID___mc = 50,
	PIDTYPE_MAX___mc = 51,
	PIDTYPE_BPFCTL_NOPE = 52,
};

/* field order: what gen_min_core_btf.bats reads */
struct mc_types {
	__u64 task_exists, cred_size, no_type_exists, task_id, rcu_cb_size, rcu_cb_exists;
	__u64 tgid_val, max_val, max_exists, nope_exists;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct mc_types);
} mc_types SEC(".maps");

SEC("tp/syscalls/sys_enter_getpgid")
int min_core_types(void *ctx)
{
	struct mc_types v = {};
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	char name[16];

	bpf_get_current_comm(name, sizeof(name));
	if (name[0] != 'm' || name[1] != 'c' || name[2] != '_')
		return 0;
	v.task_exists = bpf_core_type_exists(struct task_struct___mc);
	v.cred_size = bpf_core_type_size(struct cred___mc);
	v.no_type_exists = bpf_core_type_exists(struct bpfctl_no_such_type);
	v.task_id = bpf_core_type_id_kernel(struct task_struct___mc);
	v.rcu_cb_size = bpf_core_type_size(rcu_callback_t___mc);
	v.rcu_cb_exists = bpf_core_type_exists(rcu_callback_t___mc);
	v.tgid_val = bpf_core_enum_value(enum pid_type___mc, PIDTYPE_TGID___mc);
	v.max_val = bpf_core_enum_value(enum pid_type___mc, PIDTYPE_MAX___mc);
	v.max_exists = bpf_core_enum_value_exists(enum pid_type___mc, PIDTYPE_MAX___mc);
	v.nope_exists = bpf_core_enum_value_exists(enum pid_type___mc, PIDTYPE_BPFCTL_NOPE);
	bpf_map_update_elem(&mc_types, &tgid, &v, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
