/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Library-internal logging through the callback set with libbpf_set_print().
 */
#ifndef __BPFCORE_LOG_H
#define __BPFCORE_LOG_H

#include <bpf/libbpf.h>

__attribute__((format(printf, 2, 3)))
void libbpf_print(enum libbpf_print_level level, const char *fmt, ...);

#define pr_warn(fmt, ...)	libbpf_print(LIBBPF_WARN, fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	libbpf_print(LIBBPF_INFO, fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	libbpf_print(LIBBPF_DEBUG, fmt, ##__VA_ARGS__)

/* Set errno from a negative error code and return it, as libbpf does. */
static inline int libbpf_err(int ret)
{
	extern int *__errno_location(void);

	if (ret < 0)
		*__errno_location() = -ret;
	return ret;
}

/* Return NULL with errno set from a negative error code. */
static inline void *libbpf_err_ptr(int err)
{
	libbpf_err(err);
	return NULL;
}

#endif /* __BPFCORE_LOG_H */
