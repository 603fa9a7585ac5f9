// SPDX-License-Identifier: BSD-2-Clause
/*
 * Where tracefs is mounted. Its usual places come first; a system may also
 * mount it elsewhere only, which /proc/mounts then tells.
 */
#include <errno.h>
#include <limits.h>
#include <mntent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "attach_internal.h"

static int tracefs_dir(const char *dir, char *buf, size_t size)
{
	char events[PATH_MAX];

	/* the mount point exists even when nothing is mounted on it */
	snprintf(events, sizeof(events), "%s/events", dir);
	if (access(events, F_OK))
		return -ENOENT;
	if (snprintf(buf, size, "%s", dir) >= (int)size)
		return -ENAMETOOLONG;
	return 0;
}

static int tracefs_mounted_elsewhere(char *buf, size_t size)
{
	struct mntent *m;
	int err = -ENOENT;
	FILE *f;

	f = setmntent("/proc/mounts", "re");
	if (!f)
		return -ENOENT;
	while (err && (m = getmntent(f)))
		if (!strcmp(m->mnt_type, "tracefs"))
			err = tracefs_dir(m->mnt_dir, buf, size);
	endmntent(f);
	return err;
}

int tracefs_root(char *buf, size_t size)
{
	static const char *const usual[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	size_t i;

	for (i = 0; i < sizeof(usual) / sizeof(usual[0]); i++)
		if (!tracefs_dir(usual[i], buf, size))
			return 0;
	return tracefs_mounted_elsewhere(buf, size);
}
