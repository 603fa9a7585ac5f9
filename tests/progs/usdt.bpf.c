// SPDX-License-Identifier: BSD-2-Clause
/*
 * USDT programs for tests/helpers/usdt_attach.c: each records the hits
 * and arguments of one probe of tests/helpers/usdt_target.c. Only five
 * spec slots, so that a sixth spec finds the map full.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define BPF_USDT_MAX_SPEC_CNT 5
#include <bpf/usdt.bpf.h>

#include "../helpers/usdt_results.h"

struct usdt_results res;

SEC("usdt")
int BPF_USDT(on_tick, int i, int neg, long prod)
{
	long unused;

	res.tick_hits++;
	res.tick_sum_i += i;
	res.tick_sum_neg += neg;
	res.tick_sum_prod += prod;
	res.tick_cookie = bpf_usdt_cookie(ctx);
	res.tick_arg_cnt = bpf_usdt_arg_cnt(ctx);
	res.tick_size0 = bpf_usdt_arg_size(ctx, 0);
	res.tick_size2 = bpf_usdt_arg_size(ctx, 2);
	res.tick_arg3_err = bpf_usdt_arg(ctx, 3, &unused);
	return 0;
}

SEC("usdt")
int BPF_USDT(on_mixed, signed char c, unsigned short s, unsigned long big)
{
	res.mixed_hits++;
	res.mixed_sum_c += c;
	res.mixed_sum_s += s;
	res.mixed_last_big = big;
	return 0;
}

SEC("usdt")
int BPF_USDT(on_twice, int i, int k)
{
	res.twice_hits++;
	res.twice_sum_i += i;
	res.twice_sum_const += k;
	return 0;
}

SEC("usdt")
int BPF_USDT(on_none)
{
	res.none_hits++;
	res.none_arg_cnt = bpf_usdt_arg_cnt(ctx);
	return 0;
}

SEC("usdt")
int BPF_USDT(on_gated, int i)
{
	res.gated_hits++;
	res.gated_sum_i += i;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
