/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * For the test helpers: how many fds the process has open, to show that
 * a run leaves none behind.
 */
#ifndef __TEST_HELPERS_FD_COUNT_H
#define __TEST_HELPERS_FD_COUNT_H

#include <dirent.h>

/* Entries of /proc/self/fd (the directory's own fd included, consistently). */
static inline int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}

#endif /* __TEST_HELPERS_FD_COUNT_H */
