// SPDX-License-Identifier: BSD-2-Clause
/*
 * The log callback: one of the library's two pieces of global mutable state
 * (the other is the registry of custom SEC() handlers, core/prog_handler.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

static int print_stderr(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static libbpf_print_fn_t print_fn = print_stderr;

libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn)
{
	libbpf_print_fn_t old = print_fn;

	print_fn = fn;
	return old;
}

void libbpf_print(enum libbpf_print_level level, const char *fmt, ...)
{
	int saved_errno = errno;
	va_list ap;

	if (!print_fn)
		return;
	va_start(ap, fmt);
	print_fn(level, fmt, ap);
	va_end(ap);
	errno = saved_errno;
}

int libbpf_strerror(int err, char *buf, size_t size)
{
	if (!buf || !size)
		return -EINVAL;
	if (err < 0)
		err = -err;
	snprintf(buf, size, "%s", strerror(err));
	return 0;
}

const char *libbpf_version_string(void)
{
	return "v1.8";
}
