// SPDX-License-Identifier: BSD-2-Clause
/*
 * For light skeletons (skel_light.bats): a raw tracepoint on sys_enter
 * counting one syscall of one process, both set through .bss.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int target_pid;
long target_nr;
int hits;

SEC("raw_tp/sys_enter")
int skel_light_count(struct bpf_raw_tracepoint_args *ctx)
{
	if ((bpf_get_current_pid_tgid() >> 32) == (__u32)target_pid &&
	    (long)ctx->args[1] == target_nr)
		__sync_fetch_and_add(&hits, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
