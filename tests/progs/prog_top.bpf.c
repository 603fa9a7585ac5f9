// SPDX-License-Identifier: BSD-2-Clause
/*
 * For prog_top.bats: a tracepoint program on a syscall hardly anything
 * calls, sched_rr_get_interval, so that its run count is the test's calls.
 * (A pid filter inside the program could not help: the kernel counts every
 * run of the program, whatever it then does.)
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 calls;

SEC("tp/syscalls/sys_enter_sched_rr_get_interval")
int prog_top_tp(void *ctx)
{
	__sync_fetch_and_add(&calls, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
