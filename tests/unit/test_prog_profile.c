// SPDX-License-Identifier: BSD-2-Clause
/*
 * The arithmetic and reports of "prog profile" (cmd/profile_metrics.c) on
 * synthetic per-CPU readings: sums over CPUs, ratios only where the metric
 * divided by was measured and counted something, the share of time of a
 * multiplexed counter (running < enabled), zero runs, bpftool's text
 * columns and JSON keys. cmd/ isn't a library, so the source is built in.
 * Also the limits of core/profiler_prog.c's instruction builder (the
 * programs themselves run in prog_profile.bats, as raw_tp programs).
 */
#include <errno.h>
#include <string.h>

#include "cmd/profile_metrics.c"
#include "profiler.h"
#include "unit.h"

enum { M_CYCLES, M_INSNS, M_L1D, M_LLC, M_ITLB, M_DTLB };

/* The report of res into a string (static buffer). */
static const char *text_of(const struct profile_result *res)
{
	static char buf[4096];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	profile_print_text(f, res);
	fclose(f);
	return buf;
}

static const char *json_of(const struct profile_result *res)
{
	static char buf[4096];
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	struct json_writer *w = jsonw_new(f);

	profile_print_json(w, res);
	jsonw_destroy(w);
	fclose(f);
	return buf;
}

static void test_table(void)
{
	CHECK(profile_nr_metrics == 6, "six metrics");
	CHECK(!strcmp(profile_metrics[M_CYCLES].kw.name, "cycles") &&
	      !strcmp(profile_metrics[M_DTLB].kw.name, "dtlb_misses"), "bpftool's order");
	CHECK(profile_metrics[M_CYCLES].perf_type == PERF_TYPE_HARDWARE &&
	      profile_metrics[M_CYCLES].perf_config == PERF_COUNT_HW_CPU_CYCLES, "cycles event");
	CHECK(profile_metrics[M_LLC].perf_type == PERF_TYPE_HW_CACHE &&
	      profile_metrics[M_LLC].perf_config == (PERF_COUNT_HW_CACHE_LL |
						     PERF_COUNT_HW_CACHE_OP_READ << 8 |
						     PERF_COUNT_HW_CACHE_RESULT_MISS << 16),
	      "llc_misses: LL cache, read, miss");
	CHECK(profile_metrics[M_L1D].perf_config == PERF_COUNT_HW_CACHE_L1D,
	      "l1d_loads: L1D cache, read (0), access (0)");
	CHECK(profile_metrics[M_INSNS].ratio_of == M_CYCLES &&
	      profile_metrics[M_ITLB].ratio_of == M_INSNS &&
	      profile_metrics[M_CYCLES].ratio_of == -1 && profile_metrics[M_L1D].ratio_of == -1,
	      "ratios: insns per cycle, misses per million insns");
}

static void test_sums(void)
{
	const __u64 counts[4] = { 10, 0, 25, 7 };
	const struct bpf_perf_event_value per_cpu[3] = {
		{ 100, 1000, 1000 }, { 0, 0, 0 }, { 50, 2000, 500 },
	};
	struct bpf_perf_event_value s = profile_sum_readings(per_cpu, 3);

	CHECK(profile_sum_runs(counts, 4) == 42, "runs summed over CPUs");
	CHECK(profile_sum_runs(counts, 0) == 0, "no CPU: no run");
	CHECK(s.counter == 150 && s.enabled == 3000 && s.running == 1500,
	      "readings summed field by field");
	s = profile_sum_readings(per_cpu, 0);
	CHECK(!s.counter && !s.enabled && !s.running, "no CPU: zeros");
}

static void test_ratios(void)
{
	struct profile_result res = {
		.nr = 3, .metric = { M_CYCLES, M_INSNS, M_LLC },
		.total = { { 1000, 1, 1 }, { 2500, 1, 1 }, { 5, 1, 1 } },
	};
	double r = 0;

	CHECK(!profile_ratio(&res, 0, &r), "cycles: no ratio");
	CHECK(profile_ratio(&res, 1, &r) && r == 2.5, "instructions: 2.5 per cycle");
	CHECK(profile_ratio(&res, 2, &r) && r == 2000.0, "llc_misses: 2000 per million insns");
	res.total[0].counter = 0;
	CHECK(!profile_ratio(&res, 1, &r), "no ratio over a zero count");
	res.nr = 2;
	res.metric[0] = M_L1D;
	res.metric[1] = M_DTLB;
	CHECK(!profile_ratio(&res, 1, &r), "no ratio when instructions were not measured");
}

static void test_multiplexing(void)
{
	const struct bpf_perf_event_value full = { 500, 1000, 1000 }, half = { 500, 1000, 500 },
		never = { 0, 1000, 0 }, none = { 0, 0, 0 };
	double pct = 0;

	CHECK(!profile_running_pct(&full, &pct), "always counting: no percentage");
	CHECK(profile_running_pct(&half, &pct) && pct == 50.0, "half the time: 50%%");
	CHECK(profile_running_pct(&never, &pct) && pct == 0.0, "never on the PMU: 0%%");
	CHECK(!profile_running_pct(&none, &pct), "never enabled: no percentage");
}

/* bpftool's documented example, with the running shares it shows. */
static void test_text(void)
{
	const struct bpf_perf_event_value cpu0[3] = {
		{ 20000000, 100000, 83050 }, { 21000000, 100000, 83390 }, { 60, 100000, 83150 },
	}, cpu1[3] = {
		{ 20176203, 100000, 83050 }, { 21518139, 100000, 83390 }, { 63, 100000, 83150 },
	};
	struct profile_result res = { .nr = 3, .metric = { M_CYCLES, M_INSNS, M_LLC },
				      .run_cnt = 51397 };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		const struct bpf_perf_event_value both[2] = { cpu0[i], cpu1[i] };

		res.total[i] = profile_sum_readings(both, 2);
	}
	CHECK(!strcmp(text_of(&res),
		      "\n"
		      "             51397 run_cnt             \n"
		      "          40176203 cycles              "
		      "                                         (83.05%)\n"
		      "          42518139 instructions        "
		      "#     1.06 insns per cycle               (83.39%)\n"
		      "               123 llc_misses          "
		      "#     2.89 LLC misses per million insns  (83.15%)\n"),
	      "text as bpftool's example");
}

static void test_zero_runs(void)
{
	struct profile_result res = { .nr = 2, .metric = { M_CYCLES, M_INSNS } };

	CHECK(!strcmp(text_of(&res),
		      "\n"
		      "                 0 run_cnt             \n"
		      "                 0 cycles              "
		      "                                         \n"
		      "                 0 instructions        "
		      "                                         \n"),
	      "zero runs: zeros, no ratio, no percentage");
	CHECK(!strcmp(json_of(&res),
		      "[{\"metric\":\"cycles\",\"run_cnt\":0,"
		      "\"value\":0,\"enabled\":0,\"running\":0},"
		      "{\"metric\":\"instructions\",\"run_cnt\":0,\"value\":0,\"enabled\":0,"
		      "\"running\":0}]\n"),
	      "zero runs in JSON");
}

static void test_json(void)
{
	struct profile_result res = { .nr = 1, .metric = { M_ITLB }, .run_cnt = 7,
				      .total = { { 12, 3000, 1500 } } };

	CHECK(!strcmp(json_of(&res),
		      "[{\"metric\":\"itlb_misses\",\"run_cnt\":7,\"value\":12,\"enabled\":3000,"
		      "\"running\":1500}]\n"),
	      "JSON: bpftool's keys, raw totals");
}

static void test_build_limits(void)
{
	struct profiler p = { .nr_cpus = 2, .events_fd = 3, .entry_fd = 4, .accum_fd = 5 };
	struct bpf_insn insns[256];
	int fentry, fexit;

	p.nr_metrics = 0;
	CHECK(profiler_build_prog(&p, PROFILER_FENTRY, insns, 256) == -EINVAL, "no metric");
	p.nr_metrics = PROFILER_MAX_METRICS + 1;
	CHECK(profiler_build_prog(&p, PROFILER_FEXIT, insns, 256) == -EINVAL, "5 metrics");
	p.nr_metrics = PROFILER_MAX_METRICS;
	fentry = profiler_build_prog(&p, PROFILER_FENTRY, insns, 256);
	fexit = profiler_build_prog(&p, PROFILER_FEXIT, insns, 256);
	CHECK(fentry > 0 && fexit > fentry && fexit < 256, "4 metrics fit (%d, %d)", fentry, fexit);
	CHECK(insns[fexit - 1].code == (BPF_JMP | BPF_EXIT), "fexit ends with exit");
	CHECK(profiler_build_prog(&p, PROFILER_FEXIT, insns, (size_t)fexit - 1) == -E2BIG,
	      "one instruction short: -E2BIG");
	CHECK(profiler_init(&p, -1, 0, 0, 1) == -EINVAL, "init refuses no CPU");
	CHECK(profiler_init(&p, -1, 0, 1, 5) == -EINVAL, "init refuses 5 metrics");
	profiler_close(&p);
}

int main(void)
{
	test_table();
	test_sums();
	test_ratios();
	test_multiplexing();
	test_text();
	test_zero_runs();
	test_json();
	test_build_limits();
	return unit_done();
}
