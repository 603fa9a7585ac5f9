/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SHA-256 (FIPS 180-4), for the program hashes of exclusive maps: the
 * kernel compares a map's excl_prog_hash with the SHA-256 digest it takes
 * of each program that uses the map.
 */
#ifndef __BPFCORE_SHA256_H
#define __BPFCORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32

/* The digest of len bytes at data into out. */
void sha256_digest(const void *data, size_t len, uint8_t out[SHA256_DIGEST_LEN]);

#endif /* __BPFCORE_SHA256_H */
