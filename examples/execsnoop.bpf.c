// SPDX-License-Identifier: BSD-2-Clause
/*
 * Count the execve() calls of the processes user space puts in the
 * "watched" map (or of every process, if told so before load), and
 * remember the last one.
 */
#include "vmlinux.h"

#define SEC(name) __attribute__((section(name), used))

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)BPF_FUNC_map_lookup_elem;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)BPF_FUNC_get_current_pid_tgid;

struct {
	int (*type)[BPF_MAP_TYPE_HASH];
	int (*max_entries)[1024];
	__u32 *key;
	__u32 *value;
} watched SEC(".maps");

const volatile bool watch_all;	/* set by user space before load */

__u64 execs;
__u32 last_pid;

SEC("tracepoint/syscalls/sys_enter_execve")
int on_execve(struct trace_event_raw_sys_enter *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;

	if (!watch_all && !bpf_map_lookup_elem(&watched, &pid))
		return 0;
	__sync_fetch_and_add(&execs, 1);
	last_pid = pid;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
