/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Options structs of the public API start with their size (sz), so that
 * callers built against an older or newer header keep working: a field
 * counts only if sz covers it, and bytes past the fields we know must be
 * zero.
 */
#ifndef __BPFCORE_OPTS_H
#define __BPFCORE_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "log.h"

/* opts covers field. */
#define OPTS_HAS(opts, field) \
	((opts) && (opts)->sz >= offsetof(typeof(*(opts)), field) + sizeof((opts)->field))

/* opts->field if covered, else fallback. */
#define OPTS_GET(opts, field, fallback) \
	(OPTS_HAS(opts, field) ? (opts)->field : (fallback))

/* Store value into opts->field if covered. */
#define OPTS_SET(opts, field, value) \
	do { \
		if (OPTS_HAS(opts, field)) \
			(opts)->field = (value); \
	} while (0)

/* Bytes [from, to) of opts are all zero. */
static inline bool opts_zero_tail(const char *opts, size_t from, size_t to)
{
	for (; from < to; from++)
		if (opts[from])
			return false;
	return true;
}

/*
 * opts is NULL or well-formed: sz at least sizeof(size_t), and any bytes
 * past the struct we know are zero. Logs which struct was bad.
 */
static inline bool opts_valid(const void *opts, size_t known_sz, const char *type_name)
{
	size_t sz;

	if (!opts)
		return true;
	sz = *(const size_t *)opts;
	if (sz < sizeof(size_t)) {
		pr_warn("%s: size %zu is too small\n", type_name, sz);
		return false;
	}
	if (sz > known_sz && !opts_zero_tail(opts, known_sz, sz)) {
		pr_warn("%s: has non-zero fields this library does not know\n", type_name);
		return false;
	}
	return true;
}

#define OPTS_VALID(opts, type) opts_valid(opts, sizeof(struct type), #type)

#endif /* __BPFCORE_OPTS_H */
