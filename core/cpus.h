/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CPU lists of sysfs ("0-3,6"): which CPUs are online or possible.
 */
#ifndef __BPFCORE_CPUS_H
#define __BPFCORE_CPUS_H

#include <stdbool.h>

#define CPUS_MAX 8192		/* the kernel's largest NR_CPUS */
#define CPUS_ONLINE "/sys/devices/system/cpu/online"
#define CPUS_POSSIBLE "/sys/devices/system/cpu/possible"

/*
 * Set set[cpu] (CPUS_MAX entries, cleared first) for every CPU in the list
 * of file path. Returns 0, or -errno with a warning naming the file.
 */
int cpu_list_read(const char *path, bool *set);

#endif /* __BPFCORE_CPUS_H */
