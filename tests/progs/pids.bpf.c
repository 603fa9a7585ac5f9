// SPDX-License-Identifier: BSD-2-Clause
/*
 * For the "pids" tests: a raw tracepoint program with a map and BTF, which
 * a holder process keeps open and attaches (raw_tp links need no special
 * privilege beyond CAP_BPF and CAP_PERFMON on this kernel).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} pids_counts SEC(".maps");

SEC("raw_tp/sys_enter")
int pids_count(void *ctx)
{
	__u32 key = 0;
	__u64 *val = bpf_map_lookup_elem(&pids_counts, &key);

	(void)ctx;
	if (val)
		__sync_fetch_and_add(val, 1);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
