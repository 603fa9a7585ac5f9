/* SPDX-License-Identifier: BSD-2-Clause */
/* What tests/progs/usdt.bpf.c records of the probes of usdt_target. */
#ifndef USDT_RESULTS_H
#define USDT_RESULTS_H

struct usdt_results {
	long long tick_hits, tick_sum_i, tick_sum_neg, tick_sum_prod;
	long long tick_cookie, tick_arg_cnt, tick_size0, tick_size2, tick_arg3_err;
	long long mixed_hits, mixed_sum_c, mixed_sum_s, mixed_last_big;
	long long twice_hits, twice_sum_i, twice_sum_const;
	long long none_hits, none_arg_cnt;
	long long gated_hits, gated_sum_i;
};

#endif /* USDT_RESULTS_H */
