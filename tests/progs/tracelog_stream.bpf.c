// SPDX-License-Identifier: BSD-2-Clause
/*
 * For tracelog.bats: a syscall program that writes "tracelog stream N\n"
 * to its BPF stdout stream, N being its context's first word. This kernel
 * may refuse the write (-ENOMEM), leaving the stream empty.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

extern int bpf_stream_vprintk_impl(int stream_id, const char *fmt__str, const void *args,
				   __u32 len__sz, void *aux__prog) __ksym;

SEC("syscall")
int tracelog_stream(__u64 *ctx)
{
	static const char fmt[] = "tracelog stream %llu\n";
	__u64 args[1] = { *ctx };

	return bpf_stream_vprintk_impl(1, fmt, args, sizeof(args), NULL);
}

char LICENSE[] SEC("license") = "GPL";
