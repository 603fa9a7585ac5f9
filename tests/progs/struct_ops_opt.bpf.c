// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct_ops.bats: which programs load. bpfctl_cco is created and
 * registered; bpfctl_cco_off sits in SEC("?.struct_ops"), so it is not
 * created and its own program (off_ssthresh) is not loaded either, while
 * the programs both share are. Built with -DUNUSED, the object also has a
 * struct_ops program no map uses, which the load refuses.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/opt_ssthresh")
__u32 BPF_PROG(opt_ssthresh, struct sock *sk)
{
	return 2;
}

SEC("struct_ops/off_ssthresh")
__u32 BPF_PROG(off_ssthresh, struct sock *sk)
{
	return 4;
}

SEC("struct_ops/opt_cong_avoid")
void BPF_PROG(opt_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
}

SEC("struct_ops/opt_undo_cwnd")
__u32 BPF_PROG(opt_undo_cwnd, struct sock *sk)
{
	return 10;
}

#ifdef UNUSED
SEC("struct_ops/opt_unused")
__u32 BPF_PROG(opt_unused, struct sock *sk)
{
	return 0;
}
#endif

SEC(".struct_ops")
struct tcp_congestion_ops bpfctl_cco = {
	.ssthresh	= (void *)opt_ssthresh,
	.cong_avoid	= (void *)opt_cong_avoid,
	.undo_cwnd	= (void *)opt_undo_cwnd,
	.name		= "bpfctl_cco",
};

SEC("?.struct_ops")
struct tcp_congestion_ops bpfctl_cco_off = {
	.ssthresh	= (void *)off_ssthresh,
	.cong_avoid	= (void *)opt_cong_avoid,
	.undo_cwnd	= (void *)opt_undo_cwnd,
	.name		= "bpfctl_cco_off",
};
