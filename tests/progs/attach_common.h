/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the attach test programs share: counts[] of events per kind, kept
 * only for the process whose tgid is in filter[0] (0: any process), and
 * the kernel types a task iterator sees (relocated by CO-RE).
 */
#ifndef ATTACH_COMMON_H
#define ATTACH_COMMON_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* the kernel's types an iterator sees, relocated by CO-RE */
struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
} __attribute__((preserve_access_index));
struct task_struct {
	int tgid;
} __attribute__((preserve_access_index));
struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
} __attribute__((preserve_access_index));

enum { CNT_TP, CNT_RAW_TP, CNT_TP_BTF, CNT_UPROBE, CNT_URETPROBE, CNT_ITER, CNT_PERF,
       CNT_LEGACY, CNT_MAX };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CNT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} filter SEC(".maps");

static __always_inline int count(__u32 slot)
{
	__u32 zero = 0, *tgid = bpf_map_lookup_elem(&filter, &zero);
	__u64 *c;

	if (tgid && *tgid && *tgid != bpf_get_current_pid_tgid() >> 32)
		return 0;
	c = bpf_map_lookup_elem(&counts, &slot);
	if (c)
		__sync_fetch_and_add(c, 1);
	return 0;
}

/* one line per task: "tgid N" */
static __always_inline int print_task(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (task)
		BPF_SEQ_PRINTF(ctx->meta->seq, "tgid %d\n", task->tgid);
	return 0;
}

#endif
