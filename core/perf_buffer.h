/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Library-internal entry to the perf buffer consumer: buffers on chosen
 * CPUs, each stored at a chosen slot of the perf event array (what
 * "map event_pipe MAP cpu N index M" needs; perf_buffer__new() takes every
 * online CPU, each at the slot of its number).
 */
#ifndef __BPFCORE_PERF_BUFFER_H
#define __BPFCORE_PERF_BUFFER_H

#include <stddef.h>

#include <bpf/libbpf.h>

/*
 * As perf_buffer__new(), with cnt buffers: the i-th on CPU cpus[i], stored
 * at key keys[i] of the map, waking up every sample_period samples. NULL
 * with errno set on failure.
 */
struct perf_buffer *perf_buffer_new_on_cpus(int map_fd, size_t page_cnt, const int *cpus,
					    const int *keys, size_t cnt,
					    perf_buffer_sample_fn sample_cb,
					    perf_buffer_lost_fn lost_cb, void *ctx,
					    __u32 sample_period);

#endif /* __BPFCORE_PERF_BUFFER_H */
