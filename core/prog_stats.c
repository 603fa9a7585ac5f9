// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sampling the run-time statistics of loaded programs and turning two
 * samples into per-interval rates.
 *
 * A pass costs four syscalls a program (next id, fd by id, info, close):
 * the info asked for stops at run_cnt, so the kernel copies no arrays and
 * we parse nothing else.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "prog_stats.h"

#define NS_PER_SEC 1000000000ULL

/* The prefix of bpf_prog_info that holds everything a sample keeps. */
#define INFO_PREFIX_LEN \
	(offsetof(struct bpf_prog_info, run_cnt) + sizeof(((struct bpf_prog_info *)0)->run_cnt))

static __u64 clock_ns(clockid_t clk)
{
	struct timespec ts;

	if (clock_gettime(clk, &ts))
		return 0;
	return (__u64)ts.tv_sec * NS_PER_SEC + (__u64)ts.tv_nsec;
}

static int samples_grow(struct prog_samples *s)
{
	size_t cap = s->cap ? 2 * s->cap : 64;
	struct prog_sample *v = realloc(s->v, cap * sizeof(*v));

	if (!v)
		return -ENOMEM;
	s->v = v;
	s->cap = cap;
	return 0;
}

/* Append the program of id; -ENOENT if it is gone. */
static int sample_one(struct prog_samples *s, __u32 id)
{
	struct bpf_prog_info info;
	__u32 len = INFO_PREFIX_LEN;
	struct prog_sample *p;
	int fd, err;

	if (s->cnt == s->cap) {
		err = samples_grow(s);
		if (err)
			return err;
	}
	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return -errno;
	memset(&info, 0, INFO_PREFIX_LEN);
	err = bpf_prog_get_info_by_fd(fd, &info, &len);
	close(fd);
	if (err)
		return err;
	p = &s->v[s->cnt++];
	p->id = info.id;
	p->type = info.type;
	memcpy(p->name, info.name, sizeof(p->name));
	p->name[sizeof(p->name) - 1] = '\0';
	p->load_time = info.load_time;
	p->run_time_ns = info.run_time_ns;
	p->run_cnt = info.run_cnt;
	return 0;
}

/* Gone programs, and those whose device went away (ENODEV), are skipped. */
static bool sample_skippable(int err)
{
	return err == -ENOENT || err == -ENODEV;
}

int prog_samples_take(struct prog_samples *s, const __u32 *ids, size_t nids)
{
	__u32 id = 0;
	size_t i;
	int err;

	s->cnt = 0;
	s->boot_ns = clock_ns(CLOCK_BOOTTIME);
	s->mono_ns = clock_ns(CLOCK_MONOTONIC);
	if (ids) {
		for (i = 0; i < nids; i++) {
			err = sample_one(s, ids[i]);
			if (err && !sample_skippable(err))
				return err;
		}
		return 0;
	}
	for (;;) {
		err = bpf_prog_get_next_id(id, &id);
		if (err == -ENOENT)
			return 0;
		if (err)
			return err;
		err = sample_one(s, id);
		if (err && !sample_skippable(err))
			return err;
	}
}

void prog_samples_free(struct prog_samples *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static __u64 counter_delta(__u64 from, __u64 to)
{
	return to > from ? to - from : 0;
}

void prog_rate_compute(const struct prog_sample *prev, const struct prog_sample *cur,
		       __u64 interval_ns, unsigned int cpus, struct prog_rate *r)
{
	double secs = (double)interval_ns / NS_PER_SEC;

	memset(r, 0, sizeof(*r));
	r->id = cur->id;
	r->type = cur->type;
	r->name = cur->name;
	r->total_runs = cur->run_cnt;
	r->runs = counter_delta(prev ? prev->run_cnt : 0, cur->run_cnt);
	r->run_time_ns = counter_delta(prev ? prev->run_time_ns : 0, cur->run_time_ns);
	if (r->runs)
		r->avg_ns = (double)r->run_time_ns / (double)r->runs;
	if (interval_ns) {
		r->runs_per_sec = (double)r->runs / secs;
		if (cpus)
			r->cpu_percent = 100.0 * (double)r->run_time_ns /
					 ((double)interval_ns * cpus);
	}
}

/*
 * Where a program prev lacks starts counting: from zero when it was loaded
 * after prev was taken, else from cur itself.
 */
static const struct prog_sample *new_baseline(const struct prog_samples *prev,
					      const struct prog_sample *cur)
{
	return cur->load_time >= prev->boot_ns ? NULL : cur;
}

size_t prog_rates_diff(const struct prog_samples *prev, const struct prog_samples *cur,
		       unsigned int cpus, struct prog_rate *out)
{
	__u64 interval = counter_delta(prev->mono_ns, cur->mono_ns);
	const struct prog_sample *base, *c;
	size_t i, j = 0;

	/* both ascending by id: one merge walk */
	for (i = 0; i < cur->cnt; i++) {
		c = &cur->v[i];
		while (j < prev->cnt && prev->v[j].id < c->id)
			j++;
		/* a reused id is another program: its load time tells */
		if (j < prev->cnt && prev->v[j].id == c->id &&
		    prev->v[j].load_time == c->load_time)
			base = &prev->v[j];
		else
			base = new_baseline(prev, c);
		prog_rate_compute(base, c, interval, cpus, &out[i]);
	}
	return cur->cnt;
}

static int cmp_u64_desc(__u64 a, __u64 b)
{
	return a < b ? 1 : a > b ? -1 : 0;
}

static int cmp_double_desc(double a, double b)
{
	return a < b ? 1 : a > b ? -1 : 0;
}

static int rate_cmp(const void *pa, const void *pb, void *arg)
{
	const struct prog_rate *a = pa, *b = pb;
	enum prog_sort key = *(const enum prog_sort *)arg;
	int c = 0;

	switch (key) {
	case PROG_SORT_CPU:
		c = cmp_u64_desc(a->run_time_ns, b->run_time_ns);
		break;
	case PROG_SORT_RUNS:
		c = cmp_u64_desc(a->runs, b->runs);
		break;
	case PROG_SORT_AVG:
		c = cmp_double_desc(a->avg_ns, b->avg_ns);
		break;
	case PROG_SORT_NAME:
		c = strcmp(a->name, b->name);
		break;
	}
	if (c)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

void prog_rates_sort(struct prog_rate *rates, size_t cnt, enum prog_sort key)
{
	qsort_r(rates, cnt, sizeof(*rates), rate_cmp, &key);
}
