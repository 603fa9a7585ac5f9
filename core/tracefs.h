/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where tracefs is mounted: shared by the attach code (tracepoint and probe
 * event ids) and "bpfctl prog tracelog" (its trace_pipe).
 */
#ifndef __BPFCORE_TRACEFS_H
#define __BPFCORE_TRACEFS_H

#include <stddef.h>

/*
 * Where tracefs is mounted ("/sys/kernel/tracing", the debugfs one, or
 * wherever /proc/mounts has it), into buf; 0, or -ENOENT when nowhere.
 */
int tracefs_root(char *buf, size_t size);

#endif /* __BPFCORE_TRACEFS_H */
