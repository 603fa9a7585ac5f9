// SPDX-License-Identifier: BSD-2-Clause
/*
 * For api_runtime.bats: getpgid(MAGIC_PERF_RAW) (no such process, so no
 * one else makes the call) sends the sequence number of the call, 8 bytes,
 * to the perf event array at the current CPU.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

#define MAGIC_PERF_RAW	0x7ead0101

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} raw_perf SEC(".maps");

__u64 seq;

/* The tracepoint's record, as tracefs's format file gives it. */
struct getpgid_args {
	__u64 common;
	__s32 syscall_nr;
	__u32 pad;
	__u64 pid;
};

SEC("tracepoint/syscalls/sys_enter_getpgid")
int perf_raw_emit(struct getpgid_args *ctx)
{
	__u64 v;

	if (ctx->pid != MAGIC_PERF_RAW)
		return 0;
	v = __sync_fetch_and_add(&seq, 1);
	bpf_perf_event_output(ctx, &raw_perf, BPF_F_CURRENT_CPU, &v, sizeof(v));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
