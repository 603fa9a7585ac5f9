// SPDX-License-Identifier: BSD-2-Clause
/*
 * Output files named as arguments, replaced atomically: see atomic_file.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "report.h"

int atomic_file_create(const char *path, char **tmp)
{
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;
	mode_t mask;
	int fd;

	if (asprintf(tmp, "%.*s.%s.XXXXXX", dir_len, path, slash ? slash + 1 : path) < 0) {
		*tmp = NULL;
		p_err("can't create '%s': %s", path, strerror(ENOMEM));
		return -ENOMEM;
	}
	fd = mkstemp(*tmp);
	if (fd < 0) {
		fd = -errno;
		p_err("can't create '%s': %s", path, strerror(-fd));
		free(*tmp);
		*tmp = NULL;
		return fd;
	}
	/* the mode a plain create would give, not mkstemp's 0600 */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0644 & ~mask);
	return fd;
}

int atomic_file_finish(int fd, char **tmp, const char *path, int err)
{
	if (!err && (fsync(fd) || rename(*tmp, path))) {
		err = -errno;
		p_err("can't write '%s': %s", path, strerror(-err));
	}
	close(fd);
	if (err)
		unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	return err;
}
