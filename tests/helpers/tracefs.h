/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * For the test helpers: the id of a tracepoint, which perf_event_open()
 * takes as the config of a PERF_TYPE_TRACEPOINT event.
 */
#ifndef __TEST_HELPERS_TRACEFS_H
#define __TEST_HELPERS_TRACEFS_H

#include <stdio.h>

/* The id of tracepoint CATEGORY/NAME from tracefs, or -1. */
static inline int tracepoint_id(const char *category, const char *name)
{
	static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	char path[512];
	unsigned int i;
	FILE *f;
	int id;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		snprintf(path, sizeof(path), "%s/events/%s/%s/id", roots[i], category, name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fscanf(f, "%d", &id) != 1)
			id = -1;
		fclose(f);
		return id;
	}
	return -1;
}

#endif /* __TEST_HELPERS_TRACEFS_H */
