// SPDX-License-Identifier: BSD-2-Clause
/*
 * A tracepoint program that does nothing: something for a perf event to
 * run. Needs only the UAPI headers.
 */
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tracepoint/syscalls/sys_enter_getppid")
int perf_tp_noop(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
