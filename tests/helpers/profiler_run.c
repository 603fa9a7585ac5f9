// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper for core/profiler.c, the machinery of "prog profile":
 *
 *   profiler_run refused PROG_PIN
 *       for 1 to 4 metrics: create the maps and try to load the fentry
 *       program against the program pinned at PROG_PIN; prints
 *       "metrics N: load fentry: ERROR" (this kernel refuses fentry), then
 *       "fds leaked N" after profiler_close().
 *   profiler_run rawtp NR_METRICS
 *       the same fentry and fexit instructions, verified and run for real:
 *       loaded as raw tracepoint programs on sys_enter and sys_exit (which
 *       this kernel allows), over NR_METRICS cpu-clock counters on every
 *       CPU, while this process makes syscalls. Prints "insns fentry N
 *       fexit N", "runs N", one "metric I counter C enabled E running R"
 *       per metric, and "fds leaked N".
 *
 * Built against libbpfcore.a with -I core (profiler.h is internal). Exits 0
 * when every step worked (for refused: when each load failed cleanly).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "fd_count.h"
#include "profiler.h"

static int fail(const char *what, int err)
{
	fprintf(stderr, "profiler_run: %s: %s\n", what, strerror(err < 0 ? -err : err));
	return 1;
}

static int func_id(int prog_fd, __u32 *id)
{
	struct bpf_func_info fi = { 0 };
	struct bpf_prog_info info = { 0 };
	__u32 len = sizeof(info);

	info.nr_func_info = 1;
	info.func_info_rec_size = sizeof(fi);
	info.func_info = (__u64)(unsigned long)&fi;
	if (bpf_prog_get_info_by_fd(prog_fd, &info, &len))
		return -errno;
	*id = fi.type_id;
	return 0;
}

static int refused(const char *pin)
{
	int fds = open_fds(), fd = bpf_obj_get(pin), err, n, ret = 0;
	struct profiler p;
	__u32 id;

	if (fd < 0)
		return fail(pin, fd);
	err = func_id(fd, &id);
	if (err)
		return fail("func info", err);
	for (n = 1; n <= PROFILER_MAX_METRICS; n++) {
		err = profiler_init(&p, fd, id, (unsigned int)libbpf_num_possible_cpus(),
				    (unsigned int)n);
		if (!err)
			err = profiler_create_maps(&p);
		if (err) {
			ret = fail("maps", err);
		} else {
			err = profiler_load(&p, PROFILER_FENTRY, NULL, 0);
			printf("metrics %d: load fentry: %s\n", n, err ? strerror(-err) : "ok");
		}
		profiler_close(&p);
	}
	close(fd);
	printf("fds leaked %d\n", open_fds() - fds);
	return ret;
}

/* Load one side's instructions as a raw tracepoint program attached to tp. */
static int load_rawtp(struct profiler *p, enum profiler_side side, const char *tp, int *cnt)
{
	static char log[65536];
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log),
		    .log_level = 1);
	struct bpf_insn insns[256];
	int fd, link;

	*cnt = profiler_build_prog(p, side, insns, 256);
	if (*cnt < 0)
		return *cnt;
	fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "profiler_test", "Dual BSD/GPL", insns,
			   (size_t)*cnt, &opts);
	if (fd < 0) {
		fprintf(stderr, "%s", log);
		return fd;
	}
	p->prog_fd[side] = fd;
	link = bpf_raw_tracepoint_open(tp, fd);
	if (link < 0)
		return link;
	p->link_fd[side] = link;
	return 0;
}

static int run_events(struct profiler *p)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK,
	};
	unsigned int m, cpu;
	int err;

	for (m = 0; m < p->nr_metrics; m++) {
		for (cpu = 0; cpu < p->nr_cpus; cpu++) {
			err = profiler_open_event(p, m, cpu, &attr);
			if (err && err != -ENODEV)
				return err;
		}
	}
	return 0;
}

static int report(struct profiler *p)
{
	struct bpf_perf_event_value *r = calloc((size_t)p->nr_cpus * p->nr_metrics, sizeof(*r));
	__u64 *counts = calloc(p->nr_cpus, sizeof(*counts)), runs = 0;
	unsigned int m, cpu;
	int err = r && counts ? profiler_read(p, counts, r) : -ENOMEM;

	for (cpu = 0; !err && cpu < p->nr_cpus; cpu++)
		runs += counts[cpu];
	if (!err)
		printf("runs %llu\n", (unsigned long long)runs);
	for (m = 0; !err && m < p->nr_metrics; m++) {
		struct bpf_perf_event_value sum = { 0 };

		for (cpu = 0; cpu < p->nr_cpus; cpu++) {
			sum.counter += r[m * p->nr_cpus + cpu].counter;
			sum.enabled += r[m * p->nr_cpus + cpu].enabled;
			sum.running += r[m * p->nr_cpus + cpu].running;
		}
		printf("metric %u counter %llu enabled %llu running %llu\n", m,
		       (unsigned long long)sum.counter, (unsigned long long)sum.enabled,
		       (unsigned long long)sum.running);
	}
	free(r);
	free(counts);
	return err;
}

static int rawtp(int nr_metrics)
{
	int fds = open_fds(), cnt[2] = { 0 }, err, i;
	struct profiler p;

	err = profiler_init(&p, -1, 0, (unsigned int)libbpf_num_possible_cpus(),
			    (unsigned int)nr_metrics);
	if (!err)
		err = profiler_create_maps(&p);
	if (!err)
		err = run_events(&p);
	if (!err)
		err = load_rawtp(&p, PROFILER_FENTRY, "sys_enter", &cnt[0]);
	if (!err)
		err = load_rawtp(&p, PROFILER_FEXIT, "sys_exit", &cnt[1]);
	if (!err) {
		printf("insns fentry %d fexit %d\n", cnt[0], cnt[1]);
		for (i = 0; i < 200; i++) {
			getppid();
			if (i % 50 == 0)
				usleep(1000);
		}
		profiler_close_events(&p);
		err = report(&p);
	}
	profiler_close(&p);
	printf("fds leaked %d\n", open_fds() - fds);
	return err ? fail("rawtp", err) : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "refused"))
		return refused(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "rawtp"))
		return rawtp(atoi(argv[2]));
	fprintf(stderr, "usage: profiler_run { refused PROG_PIN | rawtp NR_METRICS }\n");
	return 2;
}
