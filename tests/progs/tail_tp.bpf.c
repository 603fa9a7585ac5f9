// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tracepoint producers for map_tail.bats: a getpgid(PID) call with one of
 * the magic PIDs below (no such process: the call fails with ESRCH, and no
 * other process makes it) emits one typed event into a ring buffer or a
 * perf event array. The tests make the calls and count what arrives.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

#define MAGIC_RING	0x7ead0001
#define MAGIC_PERF	0x7ead0002
#define MAGIC_SMALL	0x7ead0003

struct tp_event {
	__u64 seq;	/* per destination, from 0 */
	__u64 arg;	/* the magic PID */
	__u32 pid;	/* of the caller (its thread group) */
	__u32 tid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 16);
} tp_ring SEC(".maps");

/* one page: 85 events of 40 bytes (48 in the ring) fill it */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} tp_small SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} tp_perf SEC(".maps");

__u64 ring_seq, perf_seq, small_seq;
/* events tp_small refused: for "map tail ... drops dropped" */
__u64 dropped;
/* not a counter: "drops note" must be refused */
char note[8] = "tail";

/* The tracepoint's record, as tracefs's format file gives it. */
struct getpgid_args {
	__u64 common;
	__s32 syscall_nr;
	__u32 pad;
	__u64 pid;
};

/* not inlined: its argument puts struct tp_event into the program's BTF */
static __attribute__((noinline)) void fill(struct tp_event *e, __u64 seq, __u64 arg)
{
	__u64 id = bpf_get_current_pid_tgid();

	e->seq = seq;
	e->arg = arg;
	e->pid = id >> 32;
	e->tid = (__u32)id;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
}

SEC("tracepoint/syscalls/sys_enter_getpgid")
int tp_to_ring(struct getpgid_args *ctx)
{
	struct tp_event *e;

	if (ctx->pid != MAGIC_RING || !note[0])
		return 0;
	e = bpf_ringbuf_reserve(&tp_ring, sizeof(*e), 0);
	if (!e)
		return 0;
	fill(e, ring_seq++, ctx->pid);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getpgid")
int tp_to_small(struct getpgid_args *ctx)
{
	struct tp_event *e;

	if (ctx->pid != MAGIC_SMALL)
		return 0;
	e = bpf_ringbuf_reserve(&tp_small, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&dropped, 1);
		return 0;
	}
	fill(e, small_seq++, ctx->pid);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getpgid")
int tp_to_perf(struct getpgid_args *ctx)
{
	struct tp_event e = {};

	if (ctx->pid != MAGIC_PERF)
		return 0;
	fill(&e, perf_seq++, ctx->pid);
	bpf_perf_event_output(ctx, &tp_perf, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
