// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog profile PROG [duration DURATION] METRICs": count hardware
 * events (cycles, instructions, cache and TLB misses) inside one program
 * for DURATION seconds or until interrupted, through an fentry and an
 * fexit program attached to it (core/profiler.c), and report them as
 * bpftool does (profile_metrics.c).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "profile_metrics.h"
#include "profiler.h"
#include "report.h"

#define USAGE "prog profile PROG [duration DURATION] METRICs"
#define VERIFIER_LOG_SIZE (64 * 1024)

struct profile_args {
	unsigned int duration;		/* seconds */
	unsigned int nr;
	unsigned int metric[PROFILE_MAX_METRICS];	/* ascending: the report's order */
};

static const char *const side_names[] = { "fentry", "fexit" };

/* Index of the metric arg names (unique prefix), or -EINVAL after reporting. */
static int match_metric(const char *arg)
{
	return keyword_match(arg, profile_metrics, sizeof(profile_metrics[0]), profile_nr_metrics,
			     "metric");
}

/* METRIC...: each once, at most PROFILE_MAX_METRICS; kept in report order. */
static int parse_metrics(int argc, char **argv, struct profile_args *a)
{
	unsigned int seen = 0, m;
	int i;

	for (i = 0; i < argc; i++) {
		int k = match_metric(argv[i]);

		if (k < 0)
			return k;
		if (seen & (1u << k)) {
			p_err("metric '%s' given twice", profile_metrics[k].kw.name);
			return -EINVAL;
		}
		seen |= 1u << k;
	}
	if (argc > PROFILE_MAX_METRICS) {
		p_err("too many metrics (%d): at most %d at a time", argc, PROFILE_MAX_METRICS);
		return -E2BIG;
	}
	for (m = 0; m < profile_nr_metrics; m++) {
		if (seen & (1u << m))
			a->metric[a->nr++] = m;
	}
	return 0;
}

/*
 * Whether arg is "duration" by unique prefix: 1 or 0, or -EINVAL when it
 * is as much a metric's prefix ("d": duration or dtlb_misses).
 */
static int is_duration(const char *arg)
{
	size_t len = strlen(arg);
	unsigned int i;

	if (!len || strncmp(arg, "duration", len))
		return 0;
	for (i = 0; i < profile_nr_metrics; i++) {
		if (!strncmp(arg, profile_metrics[i].kw.name, len)) {
			p_err("ambiguous '%s': duration or %s?", arg, profile_metrics[i].kw.name);
			return -EINVAL;
		}
	}
	return 1;
}

/* [duration DURATION] METRIC... */
static int parse_args(int argc, char **argv, struct profile_args *a)
{
	int err;

	a->duration = UINT_MAX;
	a->nr = 0;
	err = argc ? is_duration(argv[0]) : 0;
	if (err < 0)
		return err;
	if (err) {
		if (argc < 2) {
			p_err("missing a number of seconds after 'duration'");
			return -EINVAL;
		}
		err = parse_u32(argv[1], "duration", &a->duration);
		if (err)
			return err;
		argc -= 2;
		argv += 2;
	}
	if (!argc) {
		p_err("missing METRIC: '%s' needs at least one of cycles, instructions, "
		      "l1d_loads, llc_misses, itlb_misses, dtlb_misses", USAGE);
		return -EINVAL;
	}
	return parse_metrics(argc, argv, a);
}

/* The BTF id of the program's main function: what fentry/fexit attach to. */
static int target_func_id(int fd, __u32 id, __u32 *func_id)
{
	struct bpf_func_info fi = { 0 };
	struct bpf_prog_info info;
	__u32 len = sizeof(info), rec_size;
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_prog_get_info_by_fd(fd, &info, &len);
	if (err) {
		p_err("can't get the info of program id %u: %s", id, strerror(-err));
		return err;
	}
	if (!info.btf_id) {
		p_err("can't profile program id %u: it has no BTF (fentry/fexit attach to its "
		      "function's BTF)", id);
		return -EINVAL;
	}
	if (!info.nr_func_info || info.func_info_rec_size < sizeof(fi)) {
		p_err("can't profile program id %u: it has no BTF func info", id);
		return -EINVAL;
	}
	rec_size = info.func_info_rec_size;
	memset(&info, 0, sizeof(info));
	info.nr_func_info = 1;
	info.func_info_rec_size = rec_size;
	info.func_info = (__u64)(unsigned long)&fi;
	len = sizeof(info);
	err = bpf_prog_get_info_by_fd(fd, &info, &len);
	if (err) {
		p_err("can't get the func info of program id %u: %s", id, strerror(-err));
		return err;
	}
	*func_id = fi.type_id;
	return 0;
}

/* Report a refused load or attach; the verifier's log, if any, on stderr first. */
static int refused(const char *what, enum profiler_side side, __u32 id, int err,
		   const char *log)
{
	bool has_log = log && log[0];

	if (has_log)
		fprintf(stderr, "%s%s", log, log[strlen(log) - 1] == '\n' ? "" : "\n");
	p_err("the kernel refused to %s the %s program for program id %u: %s (errno %d)%s", what,
	      side_names[side], id, strerror(-err), -err,
	      has_log ? "; verifier log above" : "");
	return err;
}

static int load_programs(struct profiler *p, __u32 id)
{
	char *log = malloc(VERIFIER_LOG_SIZE);
	int side, err = 0;

	for (side = PROFILER_FENTRY; side <= PROFILER_FEXIT && !err; side++) {
		err = profiler_load(p, side, log, log ? VERIFIER_LOG_SIZE : 0);
		if (err)
			refused("load", side, id, err, log);
	}
	free(log);
	return err;
}

static int open_events(struct profiler *p, const struct profile_args *a)
{
	unsigned int i, cpu;
	int err;

	for (i = 0; i < a->nr; i++) {
		const struct profile_metric *m = &profile_metrics[a->metric[i]];
		struct perf_event_attr attr = {
			.type = m->perf_type,
			.config = m->perf_config,
			.exclude_user = 1,
		};

		for (cpu = 0; cpu < p->nr_cpus; cpu++) {
			err = profiler_open_event(p, i, cpu, &attr);
			if (err == -ENODEV) {
				p_info("cpu %u may be offline, skip %s profiling", cpu, m->kw.name);
				continue;
			}
			if (err) {
				p_err("can't open the %s counter on cpu %u: %s", m->kw.name, cpu,
				      strerror(-err));
				return err;
			}
		}
	}
	return 0;
}

static int attach_programs(struct profiler *p, __u32 id)
{
	int side, err;

	for (side = PROFILER_FENTRY; side <= PROFILER_FEXIT; side++) {
		err = profiler_attach(p, side);
		if (err)
			return refused("attach", side, id, err, NULL);
	}
	return 0;
}

/*
 * Wait for seconds, or until SIGINT or SIGTERM, which end the count (and are
 * consumed): they stay blocked, so one arriving at any moment is seen.
 */
static void wait_duration(unsigned int seconds)
{
	struct timespec end, now, left;
	sigset_t stop, saved;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, &saved);
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += seconds;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left.tv_sec = end.tv_sec - now.tv_sec;
		left.tv_nsec = end.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (left.tv_sec < 0)
			break;
		/* a stop signal, or the time is up; another signal just wakes it */
		if (sigtimedwait(&stop, NULL, &left) >= 0 || errno != EINTR)
			break;
	}
	sigprocmask(SIG_SETMASK, &saved, NULL);
}

static int report(struct profiler *p, const struct profile_args *a)
{
	struct bpf_perf_event_value *readings;
	struct profile_result res = { .nr = a->nr };
	unsigned int i;
	__u64 *counts;
	int err;

	counts = calloc(p->nr_cpus, sizeof(*counts));
	readings = calloc((size_t)p->nr_cpus * a->nr, sizeof(*readings));
	err = counts && readings ? profiler_read(p, counts, readings) : -ENOMEM;
	if (err) {
		p_err("can't read the profiler's totals: %s", strerror(-err));
		goto out;
	}
	res.run_cnt = profile_sum_runs(counts, p->nr_cpus);
	for (i = 0; i < a->nr; i++) {
		res.metric[i] = a->metric[i];
		res.total[i] = profile_sum_readings(readings + i * p->nr_cpus, p->nr_cpus);
	}
	if (out_json())
		profile_print_json(out_json(), &res);
	else
		profile_print_text(out_stream(), &res);
out:
	free(readings);
	free(counts);
	return err;
}

static int profile(int fd, const struct profile_args *a)
{
	__u32 id = obj_fd_id(OBJ_PROG, fd), func_id;
	struct profiler p;
	int nr_cpus, err;

	err = target_func_id(fd, id, &func_id);
	if (err)
		return err;
	nr_cpus = libbpf_num_possible_cpus();
	if (nr_cpus <= 0) {
		p_err("can't count the possible CPUs: %s", strerror(nr_cpus ? -nr_cpus : EINVAL));
		return nr_cpus ? nr_cpus : -EINVAL;
	}
	err = profiler_init(&p, fd, func_id, (unsigned int)nr_cpus, a->nr);
	if (err) {
		p_err("can't set up the profiler for %d CPUs: %s", nr_cpus, strerror(-err));
		goto out;
	}
	err = profiler_create_maps(&p);
	if (err) {
		p_err("can't create the profiler's maps: %s", strerror(-err));
		goto out;
	}
	err = load_programs(&p, id);
	if (!err)
		err = open_events(&p, a);
	if (!err)
		err = attach_programs(&p, id);
	if (err)
		goto out;
	wait_duration(a->duration);
	profiler_close_events(&p);
	err = report(&p, a);
out:
	profiler_close(&p);
	return err;
}

int do_prog_profile(int argc, char **argv)
{
	struct profile_args a;
	int fd, err;

	if (!argc) {
		p_err("missing PROG: '%s', %s", USAGE, obj_selector_usage(OBJ_PROG));
		return -EINVAL;
	}
	fd = obj_select_one(OBJ_PROG, &argc, &argv);
	if (fd < 0)
		return fd;
	err = parse_args(argc, argv, &a);
	if (!err)
		err = profile(fd, &a);
	close(fd);
	return err;
}
