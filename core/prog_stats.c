// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sampling the run-time statistics of loaded programs and turning two
 * samples into per-interval rates.
 *
 * A pass costs about three syscalls a program (next id, fd by id, info;
 * the fds of up to 64 programs are closed together with close_range()):
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

/* Programs opened together: fewer syscalls to close them. */
#define BATCH 64

struct batch {
	__u32 ids[BATCH];
	int fds[BATCH];		/* -1 for a program gone */
	size_t n;
};

/* Gone programs, and those whose device went away (ENODEV), are skipped. */
static bool sample_skippable(int err)
{
	return err == -ENOENT || err == -ENODEV;
}

/* Close fds lo..hi, ours all: one syscall. */
static void close_run(int lo, int hi)
{
	int fd;

	if (lo == hi || close_range((unsigned int)lo, (unsigned int)hi, 0)) {
		for (fd = lo; fd <= hi; fd++)
			close(fd);
	}
}

/*
 * Close the batch's fds, a run of consecutive ones with one close_range():
 * the kernel hands out the lowest free fd, so the fds of a batch ascend,
 * and mostly without gaps (a gap is an fd of someone else's, left open).
 */
static void batch_close(struct batch *b)
{
	int lo = -1, hi = -1;
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (b->fds[i] < 0)
			continue;
		if (lo >= 0 && b->fds[i] == hi + 1) {
			hi = b->fds[i];
			continue;
		}
		if (lo >= 0)
			close_run(lo, hi);
		lo = hi = b->fds[i];
	}
	if (lo >= 0)
		close_run(lo, hi);
}

static void sample_fill(struct prog_sample *p, const struct bpf_prog_info *info)
{
	p->id = info->id;
	p->type = info->type;
	memcpy(p->name, info->name, sizeof(p->name));
	p->name[sizeof(p->name) - 1] = '\0';
	p->load_time = info->load_time;
	p->run_time_ns = info->run_time_ns;
	p->run_cnt = info->run_cnt;
}

/* Sample the programs of b into s, skipping those gone. */
static int batch_sample(struct prog_samples *s, struct batch *b)
{
	struct bpf_prog_info info;
	size_t i;
	__u32 len;
	int err = 0;

	while (s->cap - s->cnt < b->n) {
		err = samples_grow(s);
		if (err)
			return err;
	}
	for (i = 0; i < b->n; i++) {
		b->fds[i] = bpf_prog_get_fd_by_id(b->ids[i]);
		if (b->fds[i] < 0 && !err && !sample_skippable(b->fds[i]))
			err = b->fds[i];
	}
	for (i = 0; i < b->n && !err; i++) {
		if (b->fds[i] < 0)
			continue;
		len = INFO_PREFIX_LEN;
		memset(&info, 0, INFO_PREFIX_LEN);
		err = bpf_prog_get_info_by_fd(b->fds[i], &info, &len);
		if (!err)
			sample_fill(&s->v[s->cnt++], &info);
		else if (sample_skippable(err))
			err = 0;
	}
	batch_close(b);
	b->n = 0;
	return err;
}

int prog_samples_take(struct prog_samples *s, const __u32 *ids, size_t nids)
{
	struct batch b = { .n = 0 };
	__u32 id = 0;
	size_t i, n;
	int err;

	s->cnt = 0;
	s->boot_ns = clock_ns(CLOCK_BOOTTIME);
	s->mono_ns = clock_ns(CLOCK_MONOTONIC);
	if (ids) {
		for (i = 0; i < nids; i += n) {
			n = nids - i < BATCH ? nids - i : BATCH;
			memcpy(b.ids, ids + i, n * sizeof(*ids));
			b.n = n;
			err = batch_sample(s, &b);
			if (err)
				return err;
		}
		return 0;
	}
	for (;;) {
		err = bpf_prog_get_next_id(id, &id);
		if (err == -ENOENT)
			break;
		if (err)
			return err;
		b.ids[b.n++] = id;
		if (b.n == BATCH) {
			err = batch_sample(s, &b);
			if (err)
				return err;
		}
	}
	return b.n ? batch_sample(s, &b) : 0;
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
