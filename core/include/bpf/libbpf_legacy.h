/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Calls kept from before libbpf 1.0 that applications still make; they
 * behave as in libbpf 1.x.
 */
#ifndef __BPFCORE_LIBBPF_LEGACY_H
#define __BPFCORE_LIBBPF_LEGACY_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* libbpf 0.x's opt-in strictness bits: all of them are always on since 1.0. */
enum libbpf_strict_mode {
	LIBBPF_STRICT_ALL = 0xffffffff,
	LIBBPF_STRICT_NONE = 0x00,
	LIBBPF_STRICT_CLEAN_PTRS = 0x01,
	LIBBPF_STRICT_DIRECT_ERRS = 0x02,
	LIBBPF_STRICT_SEC_NAME = 0x04,
	LIBBPF_STRICT_NO_OBJECT_LIST = 0x08,
	LIBBPF_STRICT_AUTO_RLIMIT_MEMLOCK = 0x10,
	LIBBPF_STRICT_MAP_DEFINITIONS = 0x20,
	__LIBBPF_STRICT_LAST,
};

/**
 * @brief **libbpf_set_strict_mode()** is kept for applications written for
 * libbpf 0.x: the 1.x behaviour is the only one, so any mode is accepted.
 * @param mode ignored
 * @return 0
 */
LIBBPF_API int libbpf_set_strict_mode(enum libbpf_strict_mode mode);

/**
 * @brief **libbpf_get_error()** extracts the error code from a pointer that
 * an API function returned.
 * @param ptr the returned pointer
 * @return -errno if ptr is NULL (valid only if errno was not changed since
 * the call); the error if ptr is an error pointer of libbpf 0.x; else 0
 *
 * Prefer checking the pointer for NULL and reading errno.
 */
LIBBPF_API long libbpf_get_error(const void *ptr);

/* Pre-1.0 names of getters, kept as libbpf keeps them (in libbpf_legacy.h). */

struct bpf_program;
struct bpf_map;

/** @brief Old name of bpf_program__type(). @param prog program @return its type */
LIBBPF_API enum bpf_prog_type bpf_program__get_type(const struct bpf_program *prog);
/** @brief Old name of bpf_program__expected_attach_type(). @param prog program @return type */
LIBBPF_API enum bpf_attach_type
bpf_program__get_expected_attach_type(const struct bpf_program *prog);
/** @brief Old name of bpf_map__pin_path(). @param map map @return pin path or NULL */
LIBBPF_API const char *bpf_map__get_pin_path(const struct bpf_map *map);

#ifdef __cplusplus
}
#endif

#endif /* __BPFCORE_LIBBPF_LEGACY_H */
