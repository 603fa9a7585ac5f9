/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * For the test helpers: where tracefs is, and the id of a tracepoint,
 * which perf_event_open() takes as the config of a PERF_TYPE_TRACEPOINT
 * event.
 */
#ifndef __TEST_HELPERS_TRACEFS_H
#define __TEST_HELPERS_TRACEFS_H

#include <mntent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* tracefs's mount point into buf (its usual places, else /proc/mounts); 0 or -1. */
static inline int tracefs_dir(char *buf, size_t size)
{
	static const char *const usual[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	struct mntent *m;
	unsigned int i;
	int err = -1;
	FILE *f;

	for (i = 0; i < sizeof(usual) / sizeof(usual[0]); i++) {
		snprintf(buf, size, "%s/events", usual[i]);
		if (!access(buf, F_OK)) {
			snprintf(buf, size, "%s", usual[i]);
			return 0;
		}
	}
	f = setmntent("/proc/mounts", "r");
	while (f && err && (m = getmntent(f))) {
		if (!strcmp(m->mnt_type, "tracefs")) {
			snprintf(buf, size, "%s", m->mnt_dir);
			err = 0;
		}
	}
	if (f)
		endmntent(f);
	return err;
}

/* The id of tracepoint CATEGORY/NAME from tracefs, or -1. */
static inline int tracepoint_id(const char *category, const char *name)
{
	char root[2048], path[4096];
	FILE *f;
	int id;

	if (tracefs_dir(root, sizeof(root)))
		return -1;
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", root, category, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &id) != 1)
		id = -1;
	fclose(f);
	return id;
}

#endif /* __TEST_HELPERS_TRACEFS_H */
