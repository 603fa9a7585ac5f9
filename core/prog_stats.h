/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Run-time statistics of loaded programs, sampled and compared between two
 * passes: what "bpfctl prog top" shows. The sampling pass reads the least
 * the kernel can give (a prefix of bpf_prog_info, no arrays); the interval
 * arithmetic and the ordering are pure functions, unit tested.
 *
 * Internal to bpfctl and bpfcore (hidden symbols).
 */
#ifndef __BPFCORE_PROG_STATS_H
#define __BPFCORE_PROG_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>
#include <linux/types.h>

/* One program as one pass saw it. */
struct prog_sample {
	__u32 id;
	__u32 type;
	char name[BPF_OBJ_NAME_LEN];
	__u64 load_time;	/* ns since boot */
	__u64 run_time_ns;	/* totals while statistics were on */
	__u64 run_cnt;
};

/* The programs one pass saw, by ascending id. */
struct prog_samples {
	struct prog_sample *v;
	size_t cnt, cap;
	__u64 boot_ns;		/* CLOCK_BOOTTIME when the pass started */
	__u64 mono_ns;		/* CLOCK_MONOTONIC when the pass started */
};

/*
 * Sample every loaded program, or only the nids programs of ids (ascending)
 * when ids is not NULL, into s (its array reused). Programs that go away
 * meanwhile are skipped. Returns 0, or -errno when listing the programs
 * fails (ENOMEM included).
 */
int prog_samples_take(struct prog_samples *s, const __u32 *ids, size_t nids);

void prog_samples_free(struct prog_samples *s);

/* A program's activity over one interval. */
struct prog_rate {
	__u32 id;
	__u32 type;
	const char *name;	/* cur's name; the caller may point it at a longer one */
	__u64 runs;
	__u64 run_time_ns;
	__u64 total_runs;
	double avg_ns;		/* per run; 0 without runs */
	double runs_per_sec;
	double cpu_percent;	/* of interval x CPUs */
};

/*
 * The interval from prev to cur for one program: prev is its sample in the
 * previous pass, NULL when it had none (the program is new, or was not
 * loaded when prev was taken: then its totals all fall in the interval).
 * interval_ns is the time between the passes, cpus the possible CPUs.
 * r->name points into cur.
 */
void prog_rate_compute(const struct prog_sample *prev, const struct prog_sample *cur,
		       __u64 interval_ns, unsigned int cpus, struct prog_rate *r);

/*
 * The rates of every program of cur against prev, into out (room for
 * cur->cnt). A program cur has but prev lacks counts from zero if it was
 * loaded after prev was taken, else from its totals now (it was loaded
 * before but not sampled: nothing of its past is known to be recent).
 * Programs prev has but cur lacks are gone and left out. Returns the count.
 */
size_t prog_rates_diff(const struct prog_samples *prev, const struct prog_samples *cur,
		       unsigned int cpus, struct prog_rate *out);

enum prog_sort {
	PROG_SORT_CPU,		/* run time in the interval, largest first */
	PROG_SORT_RUNS,		/* runs in the interval, most first */
	PROG_SORT_AVG,		/* average run time, longest first */
	PROG_SORT_NAME,		/* name, then id */
};

/* Order rates by key; ties by ascending id. */
void prog_rates_sort(struct prog_rate *rates, size_t cnt, enum prog_sort key);

#endif /* __BPFCORE_PROG_STATS_H */
