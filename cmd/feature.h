/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "bpfctl feature probe": what the sections share. Each result is printed
 * in one of three forms, as bpftool does: a JSON field, a text line, or a
 * C macro (with "macros"), chosen once for the whole run.
 */
#ifndef __BPFCTL_FEATURE_H
#define __BPFCTL_FEATURE_H

#include <stdbool.h>
#include <linux/types.h>

struct feature_run {
	const char *prefix;	/* macros: prefix of the names ("" for none); NULL: no macros */
	bool full;		/* probe the helpers that write to the kernel log too */
	bool unprivileged;	/* capabilities dropped: EPERM means unsupported */
	bool device;		/* "dev NAME": offload probes only */
	__u32 ifindex;		/* the device of "dev NAME", or 0 */
};

/* Open a section: JSON object name, text title, macro comment. */
void feature_section_begin(const struct feature_run *run, const char *json_name,
			   const char *title, const char *comment);
void feature_section_end(const struct feature_run *run);

/*
 * One yes/no result: the JSON field json_name, the text line "text is
 * [NOT ]available", or the macro [PREFIX][NO_]HAVE_macro.
 */
void feature_print_bool(const struct feature_run *run, const char *json_name,
			const char *text, const char *macro, bool ok);

/* The section "system_config" (kernel only): sysctls and kernel config. */
void feature_system_config(const struct feature_run *run);

/*
 * The sections that ask the kernel, or the device of run: the bpf()
 * syscall, program types, map types, helpers and misc features.
 */
void feature_kernel(const struct feature_run *run);

#endif /* __BPFCTL_FEATURE_H */
