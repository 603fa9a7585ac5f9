// SPDX-License-Identifier: BSD-2-Clause
/*
 * For api_runtime.bats: an fentry.multi program on the bpf_fentry_test*
 * functions, which kernels without tracing multi links (or without
 * trampolines for us) refuse to load.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

__u64 hits;

SEC("fentry.multi/bpf_fentry_test*")
int multi_entry(void *ctx)
{
	__sync_fetch_and_add(&hits, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
