// SPDX-License-Identifier: BSD-2-Clause
/*
 * The metrics of "prog profile" and the arithmetic on their readings. The
 * report has bpftool's shape: raw totals over all runs (not per run), a
 * ratio where one metric is meaningful relative to another, and, for a
 * counter that shared the PMU with others, the percentage of time it
 * actually counted, so that the reader can judge the total.
 */
#include <linux/perf_event.h>

#include "json_writer.h"
#include "profile_metrics.h"

/* A cache event's config: which cache, which operation, which result. */
#define CACHE_EVENT(cache, result) \
	((cache) | (PERF_COUNT_HW_CACHE_OP_READ << 8) | ((__u64)(result) << 16))

enum { CYCLES, INSTRUCTIONS };

const struct profile_metric profile_metrics[] = {
	{ { "cycles" }, PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, -1, NULL, 0 },
	{ { "instructions" }, PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, CYCLES,
	  "insns per cycle", 1.0 },
	{ { "l1d_loads" }, PERF_TYPE_HW_CACHE,
	  CACHE_EVENT(PERF_COUNT_HW_CACHE_L1D, PERF_COUNT_HW_CACHE_RESULT_ACCESS), -1, NULL, 0 },
	{ { "llc_misses" }, PERF_TYPE_HW_CACHE,
	  CACHE_EVENT(PERF_COUNT_HW_CACHE_LL, PERF_COUNT_HW_CACHE_RESULT_MISS), INSTRUCTIONS,
	  "LLC misses per million insns", 1e6 },
	{ { "itlb_misses" }, PERF_TYPE_HW_CACHE,
	  CACHE_EVENT(PERF_COUNT_HW_CACHE_ITLB, PERF_COUNT_HW_CACHE_RESULT_MISS), INSTRUCTIONS,
	  "itlb misses per million insns", 1e6 },
	{ { "dtlb_misses" }, PERF_TYPE_HW_CACHE,
	  CACHE_EVENT(PERF_COUNT_HW_CACHE_DTLB, PERF_COUNT_HW_CACHE_RESULT_MISS), INSTRUCTIONS,
	  "dtlb misses per million insns", 1e6 },
};

const unsigned int profile_nr_metrics = sizeof(profile_metrics) / sizeof(profile_metrics[0]);

__u64 profile_sum_runs(const __u64 *counts, unsigned int nr_cpus)
{
	__u64 sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpus; cpu++)
		sum += counts[cpu];
	return sum;
}

struct bpf_perf_event_value profile_sum_readings(const struct bpf_perf_event_value *per_cpu,
					    unsigned int nr_cpus)
{
	struct bpf_perf_event_value sum = { 0 };
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		sum.counter += per_cpu[cpu].counter;
		sum.enabled += per_cpu[cpu].enabled;
		sum.running += per_cpu[cpu].running;
	}
	return sum;
}

/* The slot of res holding metric m, or -1. */
static int result_slot(const struct profile_result *res, int m)
{
	unsigned int i;

	for (i = 0; i < res->nr; i++) {
		if ((int)res->metric[i] == m)
			return (int)i;
	}
	return -1;
}

bool profile_ratio(const struct profile_result *res, unsigned int i, double *ratio)
{
	const struct profile_metric *m = &profile_metrics[res->metric[i]];
	int of = m->ratio_of < 0 ? -1 : result_slot(res, m->ratio_of);

	if (of < 0 || !res->total[of].counter)
		return false;
	*ratio = res->total[i].counter * m->ratio_mul / res->total[of].counter;
	return true;
}

bool profile_running_pct(const struct bpf_perf_event_value *r, double *pct)
{
	if (r->enabled <= r->running)
		return false;
	*pct = r->running * 100.0 / r->enabled;
	return true;
}

void profile_print_text(FILE *f, const struct profile_result *res)
{
	unsigned int i;
	double v;

	fprintf(f, "\n%18llu %-20s\n", (unsigned long long)res->run_cnt, "run_cnt");
	for (i = 0; i < res->nr; i++) {
		const struct profile_metric *m = &profile_metrics[res->metric[i]];

		fprintf(f, "%18llu %-20s", (unsigned long long)res->total[i].counter, m->kw.name);
		if (profile_ratio(res, i, &v))
			fprintf(f, "# %8.2f %-30s", v, m->ratio_desc);
		else
			fprintf(f, "%-41s", "");
		if (profile_running_pct(&res->total[i], &v))
			fprintf(f, "(%4.2f%%)", v);
		fputc('\n', f);
	}
}

void profile_print_json(struct json_writer *w, const struct profile_result *res)
{
	unsigned int i;

	jsonw_start_array(w);
	for (i = 0; i < res->nr; i++) {
		jsonw_start_object(w);
		jsonw_string_field(w, "metric", profile_metrics[res->metric[i]].kw.name);
		jsonw_uint_field(w, "run_cnt", res->run_cnt);
		jsonw_uint_field(w, "value", res->total[i].counter);
		jsonw_uint_field(w, "enabled", res->total[i].enabled);
		jsonw_uint_field(w, "running", res->total[i].running);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}
