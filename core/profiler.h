/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Counting hardware events inside one BPF program ("prog profile"): an
 * fentry and an fexit program attached to it read one perf counter per
 * metric on the running CPU, and the fexit one adds what each run cost
 * to per-CPU totals, with a count of runs. Both programs are built as
 * instructions here, so no compiler is needed.
 *
 * Maps: "events", a perf event array of nr_metrics * nr_cpus counters
 * (metric m on CPU c at m * nr_cpus + c); "entry", a per-CPU array of one
 * value holding the readings at entry; "accum", a per-CPU array of one
 * value: the run count (u64), then the summed differences per metric.
 */
#ifndef __BPFCORE_PROFILER_H
#define __BPFCORE_PROFILER_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>

#define PROFILER_MAX_METRICS 4

enum profiler_side { PROFILER_FENTRY, PROFILER_FEXIT };

struct profiler {
	int target_fd;			/* borrowed */
	__u32 target_func_id;		/* BTF id of the target's FUNC, from its func info */
	unsigned int nr_cpus;
	unsigned int nr_metrics;
	int events_fd;
	int entry_fd;
	int accum_fd;
	int prog_fd[2];			/* by enum profiler_side */
	int link_fd[2];
	int *perf_fds;			/* nr_metrics * nr_cpus, -1 where not opened */
};

/* Prepare p for target (no kernel object yet); all fds -1. -EINVAL on bad counts. */
int profiler_init(struct profiler *p, int target_fd, __u32 target_func_id,
		  unsigned int nr_cpus, unsigned int nr_metrics);

/* Create the three maps. -errno from the kernel. */
int profiler_create_maps(struct profiler *p);

/*
 * The instructions of one side's program (maps created), into insns
 * (room for max); the count, or -E2BIG.
 */
int profiler_build_prog(const struct profiler *p, enum profiler_side side,
			struct bpf_insn *insns, size_t max);

/*
 * Load one side's program against the target. The verifier's log, if it
 * wrote one, is left in log (log_size bytes, may be NULL). -errno.
 */
int profiler_load(struct profiler *p, enum profiler_side side, char *log, size_t log_size);

/*
 * Open the counter of metric on cpu, store it in the events map and
 * enable it. -ENODEV when the CPU is offline (nothing is counted there).
 */
int profiler_open_event(struct profiler *p, unsigned int metric, unsigned int cpu,
			const struct perf_event_attr *attr);

/* Attach one side's loaded program with a BPF link. -errno. */
int profiler_attach(struct profiler *p, enum profiler_side side);

/* Stop and close the counters (before reading, so that the totals stop moving). */
void profiler_close_events(struct profiler *p);

/*
 * Read the totals: counts[cpu] runs, readings[metric * nr_cpus + cpu].
 * -errno from the lookup.
 */
int profiler_read(const struct profiler *p, __u64 *counts,
		  struct bpf_perf_event_value *readings);

/* Close every kernel object p holds (links first); p can be freed after. */
void profiler_close(struct profiler *p);

#endif /* __BPFCORE_PROFILER_H */
