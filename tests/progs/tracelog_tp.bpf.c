// SPDX-License-Identifier: BSD-2-Clause
/*
 * For tracelog.bats: a tracepoint program that prints to trace_pipe, with
 * bpf_printk, the tgid of every process calling getpgid.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tp/syscalls/sys_enter_getpgid")
int tracelog_tp(void *ctx)
{
	bpf_printk("bpfctl-tracelog getpgid tgid %d", (int)(bpf_get_current_pid_tgid() >> 32));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
