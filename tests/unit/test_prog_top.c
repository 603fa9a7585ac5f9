// SPDX-License-Identifier: BSD-2-Clause
/*
 * The arithmetic of "prog top" (core/prog_stats.c) on hand-made samples:
 * runs, run time, average, rate and CPU share over an interval; programs
 * new, gone, reloaded under a reused id; counters that go backwards; the
 * orderings and their ties.
 */
#include <math.h>

#include "prog_stats.h"
#include "unit.h"

#define MS 1000000ULL
#define SEC 1000000000ULL

static bool near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (fabs(a) + fabs(b)) + 1e-12;
}

static struct prog_sample sample(__u32 id, const char *name, __u64 load_time, __u64 ns,
				 __u64 cnt)
{
	struct prog_sample s = { .id = id, .type = 5, .load_time = load_time,
				 .run_time_ns = ns, .run_cnt = cnt };

	snprintf(s.name, sizeof(s.name), "%s", name);
	return s;
}

static void test_compute(void)
{
	struct prog_sample prev = sample(7, "p", 10, 1000, 10);
	struct prog_sample cur = sample(7, "p", 10, 1000 + 4 * MS, 10 + 2000);
	struct prog_rate r;

	/* 2000 runs, 4 ms of run time in 500 ms on 4 CPUs: 0.2 % */
	prog_rate_compute(&prev, &cur, 500 * MS, 4, &r);
	CHECK(r.id == 7 && r.type == 5 && !strcmp(r.name, "p"), "id, type and name carried");
	CHECK(r.runs == 2000, "runs: %llu", (unsigned long long)r.runs);
	CHECK(r.run_time_ns == 4 * MS, "run time: %llu", (unsigned long long)r.run_time_ns);
	CHECK(r.total_runs == 2010, "total runs are the kernel's totals");
	CHECK(near(r.avg_ns, 2000.0), "average 2000 ns: %g", r.avg_ns);
	CHECK(near(r.runs_per_sec, 4000.0), "4000 runs/s: %g", r.runs_per_sec);
	CHECK(near(r.cpu_percent, 0.2), "0.2 %% CPU: %g", r.cpu_percent);

	/* a whole CPU of two, busy for the whole interval */
	prev = sample(1, "busy", 0, 0, 0);
	cur = sample(1, "busy", 0, SEC, 1);
	prog_rate_compute(&prev, &cur, SEC, 2, &r);
	CHECK(near(r.cpu_percent, 50.0), "one busy CPU of two is 50 %%: %g", r.cpu_percent);

	prog_rate_compute(&cur, &cur, SEC, 2, &r);
	CHECK(!r.runs && !r.run_time_ns && r.avg_ns == 0 && r.runs_per_sec == 0 &&
	      r.cpu_percent == 0, "no runs: all zero, no division by zero");

	prog_rate_compute(NULL, &cur, SEC, 2, &r);
	CHECK(r.runs == 1 && r.run_time_ns == SEC, "no previous sample: counted from zero");

	/* counters reset (can't happen for one program, but never wrap) */
	prog_rate_compute(&cur, &prev, SEC, 2, &r);
	CHECK(!r.runs && !r.run_time_ns, "counters going back give zero, not a huge delta");

	prog_rate_compute(&prev, &cur, 0, 2, &r);
	CHECK(r.runs == 1 && r.runs_per_sec == 0 && r.cpu_percent == 0,
	      "a zero interval gives no rate and no share");
	prog_rate_compute(&prev, &cur, SEC, 0, &r);
	CHECK(r.cpu_percent == 0, "zero CPUs give no share");
}

static void test_diff(void)
{
	struct prog_sample pv[] = {
		sample(3, "gone", 100, 50, 5),
		sample(5, "kept", 100, 1000, 10),
		sample(8, "reused", 100, 500, 50),
	};
	struct prog_sample cv[] = {
		sample(5, "kept", 100, 3000, 30),
		sample(6, "old_unseen", 150, 7000, 70),	/* loaded before prev, not seen */
		sample(8, "reused", 2500, 40, 4),	/* id 8 again: another program */
		sample(9, "new", 2100, 900, 9),		/* loaded after prev */
	};
	struct prog_samples prev = { .v = pv, .cnt = 3, .boot_ns = 2000, .mono_ns = SEC };
	struct prog_samples cur = { .v = cv, .cnt = 4, .boot_ns = 3000, .mono_ns = 3 * SEC };
	struct prog_rate out[4];
	size_t n;

	n = prog_rates_diff(&prev, &cur, 1, out);
	CHECK(n == 4, "one rate per program of cur: %zu", n);
	CHECK(out[0].id == 5 && out[0].runs == 20 && out[0].run_time_ns == 2000,
	      "kept program: the difference");
	CHECK(near(out[0].runs_per_sec, 10.0), "over the 2 s between the passes: %g",
	      out[0].runs_per_sec);
	CHECK(out[1].id == 6 && out[1].runs == 0 && out[1].total_runs == 70,
	      "first seen but loaded before the last pass: counts from its totals now");
	CHECK(out[2].id == 8 && out[2].runs == 4 && out[2].run_time_ns == 40,
	      "reused id with a new load time: a new program, counted from zero");
	CHECK(out[3].id == 9 && out[3].runs == 9 && out[3].run_time_ns == 900,
	      "loaded after the last pass: all its runs are in the interval");

	cur.cnt = 0;
	CHECK(prog_rates_diff(&prev, &cur, 1, out) == 0, "every program gone: no rates");
}

static struct prog_rate rate(__u32 id, const char *name, __u64 runs, __u64 ns)
{
	struct prog_rate r = { .id = id, .name = name, .runs = runs, .run_time_ns = ns };

	r.avg_ns = runs ? (double)ns / (double)runs : 0;
	return r;
}

static bool order_is(const struct prog_rate *r, size_t n, const __u32 *ids)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i].id != ids[i])
			return false;
	}
	return true;
}

static void test_sort(void)
{
	struct prog_rate base[] = {
		rate(4, "beta", 10, 1000),	/* avg 100 */
		rate(2, "alpha", 100, 500),	/* avg 5 */
		rate(9, "alpha", 0, 0),		/* avg 0 */
		rate(1, "gamma", 10, 1000),	/* avg 100, ties with 4 */
		rate(7, "delta", 1, 300),	/* avg 300 */
	};
	static const __u32 by_cpu[] = { 1, 4, 2, 7, 9 };
	static const __u32 by_runs[] = { 2, 1, 4, 7, 9 };
	static const __u32 by_avg[] = { 7, 1, 4, 2, 9 };
	static const __u32 by_name[] = { 2, 9, 4, 7, 1 };
	struct prog_rate r[5];

	memcpy(r, base, sizeof(r));
	prog_rates_sort(r, 5, PROG_SORT_CPU);
	CHECK(order_is(r, 5, by_cpu), "cpu: most run time first, ties by id");
	memcpy(r, base, sizeof(r));
	prog_rates_sort(r, 5, PROG_SORT_RUNS);
	CHECK(order_is(r, 5, by_runs), "runs: most runs first, ties by id");
	memcpy(r, base, sizeof(r));
	prog_rates_sort(r, 5, PROG_SORT_AVG);
	CHECK(order_is(r, 5, by_avg), "avg: longest average first, ties by id");
	memcpy(r, base, sizeof(r));
	prog_rates_sort(r, 5, PROG_SORT_NAME);
	CHECK(order_is(r, 5, by_name), "name: alphabetical, ties by id");
	prog_rates_sort(r, 0, PROG_SORT_NAME);
	CHECK(true, "sorting nothing is fine");
}

int main(void)
{
	test_compute();
	test_diff();
	test_sort();
	return unit_done();
}
