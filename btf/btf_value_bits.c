// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reading integers and bitfields out of values laid out by BTF (map
 * values, global data), for the two value printers: bpftool's JSON form
 * (typed_value*.c) and libbpf's C initializer form (btf_dump_data.c).
 * Values are in the host's byte order; bitfields are numbered from the
 * least significant bit, as on the little-endian targets BPF runs on.
 */
#include <string.h>

#include "btf_internal.h"

__u64 btf_load_uint(const __u8 *p, unsigned int n)
{
	__u64 v = 0;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(&v, p, n);
#else
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (__u64)p[i] << (8 * i);
#endif
	return v;
}

void btf_bits_extract(const __u8 *data, unsigned int bit_off, unsigned int nr_bits,
		      __u64 *lo, __u64 *hi)
{
	/* 7 bits of offset and 128 of field span at most 17 bytes */
	__u8 buf[24] = { 0 };
	__u64 w0, w1, w2;

	memcpy(buf, data, (bit_off + nr_bits + 7) / 8);
	w0 = btf_load_uint(buf, 8);
	w1 = btf_load_uint(buf + 8, 8);
	w2 = buf[16];
	if (bit_off) {
		w0 = w0 >> bit_off | w1 << (64 - bit_off);
		w1 = w1 >> bit_off | w2 << (64 - bit_off);
	}
	if (nr_bits < 64) {
		w0 &= (1ULL << nr_bits) - 1;
		w1 = 0;
	} else if (nr_bits < 128) {
		w1 &= nr_bits == 64 ? 0 : (1ULL << (nr_bits - 64)) - 1;
	}
	*lo = w0;
	*hi = w1;
}
