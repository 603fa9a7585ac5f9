/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Definitions shared by the public headers of the bpfcore library.
 *
 * Names and semantics follow libbpf's libbpf_common.h so that code written
 * against libbpf compiles against bpfcore unchanged.
 */
#ifndef __BPFCORE_LIBBPF_COMMON_H
#define __BPFCORE_LIBBPF_COMMON_H

#include <string.h>
#include "libbpf_version.h"

#ifndef LIBBPF_API
#define LIBBPF_API __attribute__((visibility("default")))
#endif

/*
 * Declare and zero-initialise an options struct, setting its sz field so
 * the library can tell which fields the caller knows about.
 */
#define LIBBPF_OPTS(TYPE, NAME, ...)					\
	struct TYPE NAME = ({						\
		memset(&NAME, 0, sizeof(struct TYPE));			\
		(struct TYPE) {						\
			.sz = sizeof(struct TYPE),			\
			__VA_ARGS__					\
		};							\
	})

/* The older name, still used by many programs (libbpf-bootstrap's tc.c). */
#define DECLARE_LIBBPF_OPTS LIBBPF_OPTS

#define LIBBPF_OPTS_RESET(NAME, ...)					\
	do {								\
		typeof(NAME) ___##NAME = ({				\
			memset(&___##NAME, 0, sizeof(NAME));		\
			(typeof(NAME)) {				\
				.sz = sizeof(NAME),			\
				__VA_ARGS__				\
			};						\
		});							\
		memcpy(&NAME, &___##NAME, sizeof(NAME));		\
	} while (0)

#endif /* __BPFCORE_LIBBPF_COMMON_H */
