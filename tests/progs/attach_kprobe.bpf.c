// SPDX-License-Identifier: BSD-2-Clause
/*
 * kprobe-based programs: this test machine's kernel has no kprobes, so
 * attaching any of them must fail with an error that says so.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("kprobe/do_nanosleep")
int kprobe_nanosleep(void *ctx)
{
	return 0;
}

SEC("kretprobe/do_nanosleep")
int kretprobe_nanosleep(void *ctx)
{
	return 0;
}

SEC("ksyscall/getppid")
int ksyscall_getppid(void *ctx)
{
	return 0;
}

SEC("kprobe.multi/do_nano*")
int kprobe_multi_nanosleep(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
