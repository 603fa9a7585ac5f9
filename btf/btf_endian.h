/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Byte swapping of raw BTF and .BTF.ext, for data of the other byte order.
 */
#ifndef __BPFCORE_BTF_ENDIAN_H
#define __BPFCORE_BTF_ENDIAN_H

#include <stdbool.h>
#include <stddef.h>
#include <bpf/btf.h>

bool btf_host_big_endian(void);

/* The byte order of data that is (swapped) or is not in the host's order. */
enum btf_endianness btf_endian_of(bool swapped);

/* Whether endian is the other order than the host's; 0 or -EINVAL for a bad value. */
int btf_endian_swapped(enum btf_endianness endian, bool *swapped);

/* Whether raw starts with the BTF magic of the other byte order. */
bool btf_raw_is_swapped(const void *raw, size_t size);

/*
 * Swap the fields of a BTF header of hdr_len bytes (either way): the
 * kind layout fields too if it has them.
 */
void btf_bswap_header(void *hdr, __u32 hdr_len);

/* Bytes of the header fields this library knows in a host-order raw BTF. */
size_t btf_header_len(const void *raw);

/*
 * Swap the type records of a type section of len bytes, to the host's
 * order (to_native) or from it. Stops at a record that does not fit.
 */
void btf_bswap_types(void *types, __u32 len, bool to_native);

/* Swap the fields of a .BTF.ext header of hdr_len bytes (either way). */
void btf_ext_bswap_header(void *hdr, __u32 hdr_len);

/*
 * Swap the .BTF.ext info area [off, off + len) of data (size bytes after
 * the header), whose records have min_rec bytes of UAPI fields.
 */
void btf_ext_bswap_area(void *data, size_t size, __u32 off, __u32 len, size_t min_rec,
			bool to_native);

#endif /* __BPFCORE_BTF_ENDIAN_H */
