// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct_ops.bats: a TCP congestion control written in BPF (Reno, more or
 * less), counting its calls in .bss. Built three times from this source:
 * as SEC(".struct_ops") (default), with -DCC_LINK as SEC(".struct_ops.link"),
 * and with -DCC=NAME for another name of both the map (the variable) and
 * the congestion control (bpfctl_cc by default).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#ifndef CC
#define CC bpfctl_cc
#endif
#define STR_(x) #x
#define STR(x) STR_(x)
#ifdef CC_LINK
#define CC_SEC ".struct_ops.link"
#else
#define CC_SEC ".struct_ops"
#endif

char LICENSE[] SEC("license") = "GPL";

__u64 cc_init_calls;
__u64 cc_ssthresh_calls;
__u64 cc_cong_avoid_calls;
__u64 cc_undo_calls;
__u64 cc_state_calls;
__u64 cc_event_calls;

static struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)sk;
}

SEC("struct_ops/cc_init")
void BPF_PROG(cc_init, struct sock *sk)
{
	__sync_fetch_and_add(&cc_init_calls, 1);
}

SEC("struct_ops/cc_ssthresh")
__u32 BPF_PROG(cc_ssthresh, struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	__u32 half = tp->snd_cwnd >> 1;

	__sync_fetch_and_add(&cc_ssthresh_calls, 1);
	return half > 2 ? half : 2;
}

SEC("struct_ops/cc_cong_avoid")
void BPF_PROG(cc_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	struct tcp_sock *tp = tcp_sk(sk);

	__sync_fetch_and_add(&cc_cong_avoid_calls, 1);
	/* slow start without limits: enough for a test on loopback */
	if (tp->snd_cwnd < 1000)
		tp->snd_cwnd += 1;
}

SEC("struct_ops/cc_undo_cwnd")
__u32 BPF_PROG(cc_undo_cwnd, struct sock *sk)
{
	__sync_fetch_and_add(&cc_undo_calls, 1);
	return tcp_sk(sk)->snd_cwnd;
}

SEC("struct_ops/cc_set_state")
void BPF_PROG(cc_set_state, struct sock *sk, __u8 new_state)
{
	__sync_fetch_and_add(&cc_state_calls, 1);
}

SEC("struct_ops/cc_cwnd_event")
void BPF_PROG(cc_cwnd_event, struct sock *sk, enum tcp_ca_event ev)
{
	__sync_fetch_and_add(&cc_event_calls, 1);
}

SEC(CC_SEC)
struct tcp_congestion_ops CC = {
	.init		= (void *)cc_init,
	.ssthresh	= (void *)cc_ssthresh,
	.cong_avoid	= (void *)cc_cong_avoid,
	.undo_cwnd	= (void *)cc_undo_cwnd,
	.set_state	= (void *)cc_set_state,
	.cwnd_event	= (void *)cc_cwnd_event,
	.name		= STR(CC),
};
