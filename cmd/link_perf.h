/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Names of perf events as "link show" prints the event a perf_event link
 * is attached to: the type ("hardware", "software", "hw-cache", ...) and
 * the event within it ("cpu-cycles", "L1-dcache-load-misses"), spelled as
 * perf and bpftool spell them.
 */
#ifndef __BPFCTL_LINK_PERF_H
#define __BPFCTL_LINK_PERF_H

#include <stddef.h>
#include <linux/types.h>

/* The name of perf event type type, or NULL for one we don't know. */
const char *perf_type_name(__u32 type);

/*
 * The name of event config of type type, written into buf when it is
 * built from parts: NULL when the type's events have no names (tracepoint,
 * raw, breakpoint) or config is not one we know.
 */
const char *perf_config_name(__u32 type, __u64 config, char *buf, size_t size);

#endif /* __BPFCTL_LINK_PERF_H */
