// SPDX-License-Identifier: BSD-2-Clause
/*
 * For api_runtime.bats: a syscall program that writes "stream 42 N\n" to
 * its BPF stdout (Linux 6.17 streams; the kfunc is bpf_stream_vprintk_impl
 * since 6.18), N being its context's first word.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

extern int bpf_stream_vprintk_impl(int stream_id, const char *fmt__str, const void *args,
				   __u32 len__sz, void *aux__prog) __ksym;

SEC("syscall")
int stream_write(__u64 *ctx)
{
	static const char fmt[] = "stream 42 %llu\n";
	__u64 args[1] = { *ctx };

	return bpf_stream_vprintk_impl(1, fmt, args, sizeof(args), NULL);
}

char LICENSE[] SEC("license") = "GPL";
