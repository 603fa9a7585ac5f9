// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel objects of the profiler (see profiler.h): its maps, its two
 * programs loaded against the target, the perf counters and the links,
 * and the final read of the totals.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "attach_internal.h"
#include "profiler.h"

/* The longest program profiler_build_prog() makes is under 200 instructions. */
#define PROFILER_MAX_INSNS 256

static const char *const prog_names[] = { "bpfctl_fentry", "bpfctl_fexit" };
static const enum bpf_attach_type attach_types[] = { BPF_TRACE_FENTRY, BPF_TRACE_FEXIT };

int profiler_init(struct profiler *p, int target_fd, __u32 target_func_id,
		  unsigned int nr_cpus, unsigned int nr_metrics)
{
	size_t i, n = (size_t)nr_cpus * nr_metrics;

	memset(p, 0, sizeof(*p));
	p->events_fd = p->entry_fd = p->accum_fd = -1;
	p->prog_fd[0] = p->prog_fd[1] = p->link_fd[0] = p->link_fd[1] = -1;
	if (!nr_cpus || !nr_metrics || nr_metrics > PROFILER_MAX_METRICS || nr_cpus > 65536)
		return -EINVAL;
	p->perf_fds = malloc(n * sizeof(*p->perf_fds));
	if (!p->perf_fds)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		p->perf_fds[i] = -1;
	p->target_fd = target_fd;
	p->target_func_id = target_func_id;
	p->nr_cpus = nr_cpus;
	p->nr_metrics = nr_metrics;
	return 0;
}

int profiler_create_maps(struct profiler *p)
{
	__u32 readings = p->nr_metrics * sizeof(struct bpf_perf_event_value);
	int fd;

	fd = bpf_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, "bpfctl_events", 4, 4,
			    p->nr_metrics * p->nr_cpus, NULL);
	if (fd < 0)
		return fd;
	p->events_fd = fd;
	fd = bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "bpfctl_entry", 4, readings, 1, NULL);
	if (fd < 0)
		return fd;
	p->entry_fd = fd;
	fd = bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "bpfctl_accum", 4, 8 + readings, 1, NULL);
	if (fd < 0)
		return fd;
	p->accum_fd = fd;
	return 0;
}

int profiler_load(struct profiler *p, enum profiler_side side, char *log, size_t log_size)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts,
		.expected_attach_type = attach_types[side],
		.attach_prog_fd = (__u32)p->target_fd,
		.attach_btf_id = p->target_func_id,
	);
	struct bpf_insn insns[PROFILER_MAX_INSNS];
	int cnt, fd;

	if (log && log_size) {
		log[0] = '\0';
		opts.log_buf = log;
		opts.log_size = (__u32)log_size;
		opts.log_level = 1;
	}
	cnt = profiler_build_prog(p, side, insns, PROFILER_MAX_INSNS);
	if (cnt < 0)
		return cnt;
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, prog_names[side], "Dual BSD/GPL", insns,
			   (size_t)cnt, &opts);
	if (fd < 0)
		return fd;
	p->prog_fd[side] = fd;
	return 0;
}

int profiler_open_event(struct profiler *p, unsigned int metric, unsigned int cpu,
			const struct perf_event_attr *attr)
{
	__u32 key = metric * p->nr_cpus + cpu;
	struct perf_event_attr a = *attr;
	int fd, err;

	a.size = sizeof(a);
	fd = perf_event_open_fd(&a, -1, (int)cpu);
	if (fd < 0)
		return fd;
	err = bpf_map_update_elem(p->events_fd, &key, &fd, BPF_ANY);
	if (!err && ioctl(fd, PERF_EVENT_IOC_ENABLE, 0))
		err = -errno;
	if (err) {
		close(fd);
		return err;
	}
	p->perf_fds[key] = fd;
	return 0;
}

int profiler_attach(struct profiler *p, enum profiler_side side)
{
	int fd = bpf_link_create(p->prog_fd[side], 0, attach_types[side], NULL);

	if (fd < 0)
		return fd;
	p->link_fd[side] = fd;
	return 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void profiler_close_events(struct profiler *p)
{
	size_t i, n = (size_t)p->nr_cpus * p->nr_metrics;

	for (i = 0; p->perf_fds && i < n; i++)
		close_fd(&p->perf_fds[i]);
}

int profiler_read(const struct profiler *p, __u64 *counts, struct bpf_perf_event_value *readings)
{
	size_t value_sz = 8 + p->nr_metrics * sizeof(*readings);
	unsigned int cpu, m;
	__u32 key = 0;
	char *values;
	int err;

	values = calloc(p->nr_cpus, value_sz);
	if (!values)
		return -ENOMEM;
	err = bpf_map_lookup_elem(p->accum_fd, &key, values);
	if (err) {
		free(values);
		return err;
	}
	for (cpu = 0; cpu < p->nr_cpus; cpu++) {
		const char *v = values + cpu * value_sz;

		memcpy(&counts[cpu], v, 8);
		for (m = 0; m < p->nr_metrics; m++)
			memcpy(&readings[m * p->nr_cpus + cpu], v + 8 + m * sizeof(*readings),
			       sizeof(*readings));
	}
	free(values);
	return 0;
}

void profiler_close(struct profiler *p)
{
	close_fd(&p->link_fd[PROFILER_FEXIT]);
	close_fd(&p->link_fd[PROFILER_FENTRY]);
	profiler_close_events(p);
	close_fd(&p->prog_fd[PROFILER_FEXIT]);
	close_fd(&p->prog_fd[PROFILER_FENTRY]);
	close_fd(&p->accum_fd);
	close_fd(&p->entry_fd);
	close_fd(&p->events_fd);
	free(p->perf_fds);
	p->perf_fds = NULL;
}
