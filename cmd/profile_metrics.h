/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hardware counters "prog profile" can measure, and what it makes of
 * their readings: totals over CPUs, ratios between metrics, the share of
 * time a multiplexed counter was counting, and the text and JSON reports.
 * Pure functions: no kernel, no global state.
 */
#ifndef __BPFCTL_PROFILE_METRICS_H
#define __BPFCTL_PROFILE_METRICS_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/bpf.h>

#include "keyword.h"

struct json_writer;

/* At most this many metrics at a time (as bpftool): the BPF programs read each one per run. */
#define PROFILE_MAX_METRICS 4

struct profile_metric {
	struct keyword kw;	/* first: metrics are matched as keywords */
	__u32 perf_type;	/* perf_event_attr.type */
	__u64 perf_config;	/* perf_event_attr.config */
	int ratio_of;		/* index of the metric the ratio divides by, or -1 */
	const char *ratio_desc;
	double ratio_mul;
};

/* The metrics, in the order they are reported. */
extern const struct profile_metric profile_metrics[];
extern const unsigned int profile_nr_metrics;

/* The metrics chosen (indices into profile_metrics, ascending) and their totals. */
struct profile_result {
	unsigned int nr;
	unsigned int metric[PROFILE_MAX_METRICS];
	struct bpf_perf_event_value total[PROFILE_MAX_METRICS];
	__u64 run_cnt;
};

/* Sum of the per-CPU run counts. */
__u64 profile_sum_runs(const __u64 *counts, unsigned int nr_cpus);

/* Sum of the per-CPU readings of one metric, field by field. */
struct bpf_perf_event_value profile_sum_readings(const struct bpf_perf_event_value *per_cpu,
					    unsigned int nr_cpus);

/*
 * The ratio printed beside slot i of res (e.g. instructions per cycle):
 * false when the metric has none, or the metric it divides by was not
 * measured or counted nothing.
 */
bool profile_ratio(const struct profile_result *res, unsigned int i, double *ratio);

/*
 * The percentage of its enabled time a counter was running, when it was
 * multiplexed with others (running < enabled); false otherwise.
 */
bool profile_running_pct(const struct bpf_perf_event_value *r, double *pct);

/* bpftool's text report: the run count, then one line per metric. */
void profile_print_text(FILE *f, const struct profile_result *res);

/* bpftool's JSON report: an array with one object per metric. */
void profile_print_json(struct json_writer *w, const struct profile_result *res);

#endif /* __BPFCTL_PROFILE_METRICS_H */
