/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Object-level API of the bpfcore library, named as in libbpf's libbpf.h.
 */
#ifndef __BPFCORE_LIBBPF_H
#define __BPFCORE_LIBBPF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

enum libbpf_print_level {
	LIBBPF_WARN,
	LIBBPF_INFO,
	LIBBPF_DEBUG,
};

typedef int (*libbpf_print_fn_t)(enum libbpf_print_level level, const char *, va_list ap);

/**
 * @brief Set the callback that receives the library's log messages.
 * @param fn new callback, or NULL to silence the library
 * @return the previous callback
 */
LIBBPF_API libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn);

/**
 * @brief Describe a (positive or negative) libbpf error code.
 * @param err error code
 * @param buf output buffer
 * @param size size of buf
 * @return 0, or -EINVAL if buf is too small
 */
LIBBPF_API int libbpf_strerror(int err, char *buf, size_t size);

/**
 * @brief Version of the library as "v<major>.<minor>".
 * @return static string
 */
LIBBPF_API const char *libbpf_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* __BPFCORE_LIBBPF_H */
