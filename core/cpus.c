// SPDX-License-Identifier: BSD-2-Clause
/*
 * sysfs CPU lists, and libbpf_num_possible_cpus(): how many values a
 * per-CPU map holds per key, and how many slots a perf event array needs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cpus.h"
#include "log.h"

/* Set every CPU of a list such as "0-3,6" in set. */
static int cpu_list_parse(const char *s, bool *set)
{
	unsigned int a, b;
	int n;

	while (*s && *s != '\n') {
		if (sscanf(s, "%u%n", &a, &n) != 1)
			return -EINVAL;
		s += n;
		b = a;
		if (*s == '-') {
			if (sscanf(s + 1, "%u%n", &b, &n) != 1)
				return -EINVAL;
			s += n + 1;
		}
		if (a > b || b >= CPUS_MAX)
			return -EINVAL;
		while (a <= b)
			set[a++] = true;
		if (*s == ',')
			s++;
		else if (*s && *s != '\n')
			return -EINVAL;
	}
	return 0;
}

int cpu_list_read(const char *path, bool *set)
{
	char buf[4096];
	ssize_t len;
	int fd, err;

	memset(set, 0, CPUS_MAX * sizeof(*set));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		pr_warn("can't open %s: %s\n", path, strerror(errno));
		return -errno;
	}
	len = read(fd, buf, sizeof(buf) - 1);
	err = len < 0 ? -errno : 0;
	close(fd);
	if (err) {
		pr_warn("can't read %s: %s\n", path, strerror(-err));
		return err;
	}
	buf[len] = '\0';
	err = cpu_list_parse(buf, set);
	if (err)
		pr_warn("can't parse the CPU list '%s' of %s\n", buf, path);
	return err;
}

int libbpf_num_possible_cpus(void)
{
	bool *set = calloc(CPUS_MAX, sizeof(*set));
	int err, cpu, cnt = 0;

	if (!set)
		return libbpf_err(-ENOMEM);
	err = cpu_list_read(CPUS_POSSIBLE, set);
	for (cpu = 0; !err && cpu < CPUS_MAX; cpu++)
		cnt += set[cpu];
	free(set);
	if (!err && !cnt)
		err = -EINVAL;
	return err ? libbpf_err(err) : cnt;
}
