// SPDX-License-Identifier: BSD-2-Clause
/*
 * Names of perf event types and of the generic events of each.
 */
#include <stdio.h>
#include <linux/perf_event.h>

#include "keyword.h"
#include "link_perf.h"

static const char *const type_names[] = {
	[PERF_TYPE_HARDWARE]	= "hardware",
	[PERF_TYPE_SOFTWARE]	= "software",
	[PERF_TYPE_TRACEPOINT]	= "tracepoint",
	[PERF_TYPE_HW_CACHE]	= "hw-cache",
	[PERF_TYPE_RAW]		= "raw",
	[PERF_TYPE_BREAKPOINT]	= "breakpoint",
};

static const char *const hw_names[] = {
	[PERF_COUNT_HW_CPU_CYCLES]		= "cpu-cycles",
	[PERF_COUNT_HW_INSTRUCTIONS]		= "instructions",
	[PERF_COUNT_HW_CACHE_REFERENCES]	= "cache-references",
	[PERF_COUNT_HW_CACHE_MISSES]		= "cache-misses",
	[PERF_COUNT_HW_BRANCH_INSTRUCTIONS]	= "branch-instructions",
	[PERF_COUNT_HW_BRANCH_MISSES]		= "branch-misses",
	[PERF_COUNT_HW_BUS_CYCLES]		= "bus-cycles",
	[PERF_COUNT_HW_STALLED_CYCLES_FRONTEND]	= "stalled-cycles-frontend",
	[PERF_COUNT_HW_STALLED_CYCLES_BACKEND]	= "stalled-cycles-backend",
	[PERF_COUNT_HW_REF_CPU_CYCLES]		= "ref-cycles",
};

static const char *const sw_names[] = {
	[PERF_COUNT_SW_CPU_CLOCK]		= "cpu-clock",
	[PERF_COUNT_SW_TASK_CLOCK]		= "task-clock",
	[PERF_COUNT_SW_PAGE_FAULTS]		= "page-faults",
	[PERF_COUNT_SW_CONTEXT_SWITCHES]	= "context-switches",
	[PERF_COUNT_SW_CPU_MIGRATIONS]		= "cpu-migrations",
	[PERF_COUNT_SW_PAGE_FAULTS_MIN]		= "minor-faults",
	[PERF_COUNT_SW_PAGE_FAULTS_MAJ]		= "major-faults",
	[PERF_COUNT_SW_ALIGNMENT_FAULTS]	= "alignment-faults",
	[PERF_COUNT_SW_EMULATION_FAULTS]	= "emulation-faults",
	[PERF_COUNT_SW_DUMMY]			= "dummy",
	[PERF_COUNT_SW_BPF_OUTPUT]		= "bpf-output",
	[PERF_COUNT_SW_CGROUP_SWITCHES]		= "cgroup-switches",
};

static const char *const cache_names[] = {
	[PERF_COUNT_HW_CACHE_L1D]	= "L1-dcache",
	[PERF_COUNT_HW_CACHE_L1I]	= "L1-icache",
	[PERF_COUNT_HW_CACHE_LL]	= "LLC",
	[PERF_COUNT_HW_CACHE_DTLB]	= "dTLB",
	[PERF_COUNT_HW_CACHE_ITLB]	= "iTLB",
	[PERF_COUNT_HW_CACHE_BPU]	= "branch",
	[PERF_COUNT_HW_CACHE_NODE]	= "node",
};

static const char *const cache_op_names[] = {
	[PERF_COUNT_HW_CACHE_OP_READ]		= "load",
	[PERF_COUNT_HW_CACHE_OP_WRITE]		= "store",
	[PERF_COUNT_HW_CACHE_OP_PREFETCH]	= "prefetch",
};

static const char *const cache_result_names[] = {
	[PERF_COUNT_HW_CACHE_RESULT_ACCESS]	= "refs",
	[PERF_COUNT_HW_CACHE_RESULT_MISS]	= "misses",
};

#define NAME_AT(table, i) ((i) < ARRAY_SIZE(table) ? (table)[i] : NULL)

const char *perf_type_name(__u32 type)
{
	return NAME_AT(type_names, type);
}

/* One part of a cache event: its name, or its number when it has none. */
static int cache_part(char *buf, size_t size, const char *name, __u64 num, const char *sep)
{
	if (name)
		return snprintf(buf, size, "%s%s", name, sep);
	return snprintf(buf, size, "%llu%s", (unsigned long long)num, sep);
}

/* "L1-dcache-load-misses": cache, operation and result, bytes 0, 1 and 2 of config. */
static const char *cache_config_name(__u64 config, char *buf, size_t size)
{
	__u64 cache = config & 0xff, op = (config >> 8) & 0xff, result = config >> 16;
	size_t len;

	len = cache_part(buf, size, NAME_AT(cache_names, cache), cache, "-");
	if (len < size)
		len += cache_part(buf + len, size - len, NAME_AT(cache_op_names, op), op, "-");
	if (len < size)
		cache_part(buf + len, size - len, NAME_AT(cache_result_names, result), result, "");
	return buf;
}

const char *perf_config_name(__u32 type, __u64 config, char *buf, size_t size)
{
	switch (type) {
	case PERF_TYPE_HARDWARE:
		return NAME_AT(hw_names, config);
	case PERF_TYPE_SOFTWARE:
		return NAME_AT(sw_names, config);
	case PERF_TYPE_HW_CACHE:
		return cache_config_name(config, buf, size);
	default:
		return NULL;
	}
}
