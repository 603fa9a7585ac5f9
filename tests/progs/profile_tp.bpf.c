// SPDX-License-Identifier: BSD-2-Clause
/*
 * For prog_profile.bats: a tracepoint program to profile, counting the
 * calls of getpgid. Compiled with -g it has BTF and func info (fentry and
 * fexit can name it); without, it has neither.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 profile_tp_calls;

SEC("tp/syscalls/sys_enter_getpgid")
int profile_tp(void *ctx)
{
	__sync_fetch_and_add(&profile_tp_calls, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
