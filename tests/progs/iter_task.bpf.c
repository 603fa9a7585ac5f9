// SPDX-License-Identifier: BSD-2-Clause
/*
 * For iter.bats: a task iterator printing "pid PID tgid TGID comm COMM" for
 * every thread, so that reading its pinned link shows the reader itself.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* the kernel's types the iterator sees, relocated by CO-RE */
struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
} __attribute__((preserve_access_index));
struct task_struct {
	int pid;
	int tgid;
	char comm[16];
} __attribute__((preserve_access_index));
struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
} __attribute__((preserve_access_index));

SEC("iter/task")
int iter_task(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (task)
		BPF_SEQ_PRINTF(ctx->meta->seq, "pid %d tgid %d comm %s\n", task->pid, task->tgid,
			       task->comm);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
