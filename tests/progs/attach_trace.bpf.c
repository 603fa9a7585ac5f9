// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tracing programs whose SEC() leaves the target to the caller: attached
 * by the explicit attach functions (tracepoint, raw tracepoint, uprobes by
 * function name, perf event); each counts into its slot of counts[].
 */
#include "attach_common.h"

SEC("tracepoint")
int trace_tp(void *ctx)
{
	return count(CNT_TP);
}

SEC("raw_tp")
int trace_raw_tp(void *ctx)
{
	return count(CNT_RAW_TP);
}

SEC("tp_btf/sys_enter")
int trace_tp_btf(void *ctx)
{
	return count(CNT_TP_BTF);
}

SEC("uprobe")
int trace_uprobe(void *ctx)
{
	return count(CNT_UPROBE);
}

SEC("uretprobe")
int trace_uretprobe(void *ctx)
{
	return count(CNT_URETPROBE);
}

SEC("uprobe")
int trace_legacy(void *ctx)
{
	return count(CNT_LEGACY);
}

/* a tracepoint program on a perf event the caller opened */
SEC("tracepoint")
int trace_perf(void *ctx)
{
	return count(CNT_PERF);
}

SEC("iter/task")
int trace_iter(struct bpf_iter__task *ctx)
{
	return print_task(ctx);
}

char LICENSE[] SEC("license") = "GPL";
