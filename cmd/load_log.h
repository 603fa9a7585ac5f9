/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The library's warnings during an object's open and load, kept so that a
 * failure reports the first as its reason (see load_log.c).
 */
#ifndef __BPFCTL_LOAD_LOG_H
#define __BPFCTL_LOAD_LOG_H

#include <stdarg.h>

#include <bpf/libbpf.h>

/* The print callback to install (libbpf_set_print()) around open and load. */
int load_print(enum libbpf_print_level level, const char *fmt, va_list ap);

/* Forget the warnings kept. */
void load_log_reset(void);

/* Report a failed library call: the details on stderr, "what: reason" as the error. */
int load_fail(const char *what, int err);

#endif /* __BPFCTL_LOAD_LOG_H */
