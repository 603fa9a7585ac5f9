// SPDX-License-Identifier: BSD-2-Clause
/*
 * For light skeletons (gen skeleton -L): a map, a ring buffer, .rodata set
 * before load, .data and .bss read after the run, a tracepoint program on
 * sys_enter_getpgid (attached by the user program through a perf event), a
 * raw tracepoint and a BTF-typed tracepoint program that the skeleton's
 * __attach() attaches (the loader finds the latter's target in the
 * kernel's BTF when it runs), and a CO-RE relocation the kernel applies
 * when the loader program loads it.
 * With -DGEN_LIGHT_REJECT, a third program the verifier rejects.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

/* Only the field the program reads; the kernel's offset comes from CO-RE. */
struct task_struct___light {
	int tgid;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

const volatile __u32 target_tgid;
const volatile long getpgid_nr;

__u32 step = 1;
__u64 tp_hits;
__u64 raw_hits;
__u64 btf_hits;
__u32 core_tgid;

SEC("tracepoint/syscalls/sys_enter_getpgid")
int handle_getpgid(void *ctx)
{
	struct task_struct___light *task = (void *)bpf_get_current_task();
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u32 zero = 0, *ev;
	__u64 *cnt;

	(void)ctx;
	if (tgid != target_tgid)
		return 0;
	tp_hits += step;
	core_tgid = BPF_CORE_READ(task, tgid);
	cnt = bpf_map_lookup_elem(&counts, &zero);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (ev) {
		*ev = tgid;
		bpf_ringbuf_submit(ev, 0);
	}
	return 0;
}

SEC("raw_tracepoint/sys_enter")
int handle_sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	if ((__u32)(bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	if ((long)ctx->args[1] == getpgid_nr)
		raw_hits++;
	return 0;
}

/* tp_btf/sys_enter: (struct pt_regs *regs, long id) */
SEC("tp_btf/sys_enter")
int handle_btf_enter(__u64 *ctx)
{
	if ((__u32)(bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	if ((long)ctx[1] == getpgid_nr)
		btf_hits++;
	return 0;
}

#ifdef GEN_LIGHT_REJECT
SEC("tracepoint/syscalls/sys_enter_getpgid")
int handle_unchecked(void *ctx)
{
	__u32 zero = 0;
	__u64 *cnt = bpf_map_lookup_elem(&counts, &zero);

	(void)ctx;
	return cnt ? cnt[1] : 0;	/* past the 8-byte value */
}
#endif
