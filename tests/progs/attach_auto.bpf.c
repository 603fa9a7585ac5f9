// SPDX-License-Identifier: BSD-2-Clause
/*
 * Programs whose SEC() names where to attach, for bpf_program__attach()
 * and "prog loadall ... autoattach": each counts the events of the process
 * whose tgid is in filter[0] (0: every process) into its slot of counts[].
 * xdp and cgroup_skb name no target: loaded and pinned, never attached.
 */
#include "attach_common.h"

SEC("tp/syscalls/sys_enter_getppid")
int auto_tp(void *ctx)
{
	return count(CNT_TP);
}

SEC("raw_tp/sys_enter")
int auto_raw_tp(void *ctx)
{
	return count(CNT_RAW_TP);
}

SEC("tp_btf/sys_enter")
int auto_tp_btf(void *ctx)
{
	return count(CNT_TP_BTF);
}

SEC("uprobe/libc.so.6:getppid")
int auto_uprobe(void *ctx)
{
	return count(CNT_UPROBE);
}

SEC("uretprobe/libc.so.6:getppid")
int auto_uretprobe(void *ctx)
{
	return count(CNT_URETPROBE);
}

SEC("iter/task")
int auto_iter(struct bpf_iter__task *ctx)
{
	return print_task(ctx);
}

SEC("xdp")
int auto_xdp(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("cgroup_skb/egress")
int auto_cgroup(struct __sk_buff *skb)
{
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
