// SPDX-License-Identifier: BSD-2-Clause
/*
 * Byte order of raw BTF and .BTF.ext. Both are parsed into the host's
 * order (BTF for another target, e.g. a big-endian s390x object read on
 * x86, is swapped on read, as libbpf does) and written back in the order
 * the object is set to: the one it was read in, unless changed with
 * btf__set_endianness() or btf_ext__set_endianness().
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "btf_endian.h"
#include "btf_ext.h"
#include "btf_internal.h"
#include "log.h"

/* Raw data may sit at any offset of a buffer: swap through copies. */
static __u32 bswap32_at(void *p)
{
	__u32 v;

	memcpy(&v, p, sizeof(v));
	v = __builtin_bswap32(v);
	memcpy(p, &v, sizeof(v));
	return v;
}

static __u32 get32(const void *p, bool swapped)
{
	__u32 v;

	memcpy(&v, p, sizeof(v));
	return swapped ? __builtin_bswap32(v) : v;
}

static void bswap16_at(void *p)
{
	__u16 v;

	memcpy(&v, p, sizeof(v));
	v = __builtin_bswap16(v);
	memcpy(p, &v, sizeof(v));
}

static void bswap_words(void *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		bswap32_at((char *)p + i * 4);
}

bool btf_host_big_endian(void)
{
	return __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
}

enum btf_endianness btf_endian_of(bool swapped)
{
	return btf_host_big_endian() != swapped ? BTF_BIG_ENDIAN : BTF_LITTLE_ENDIAN;
}

int btf_endian_swapped(enum btf_endianness endian, bool *swapped)
{
	if (endian != BTF_LITTLE_ENDIAN && endian != BTF_BIG_ENDIAN)
		return -EINVAL;
	*swapped = btf_host_big_endian() != (endian == BTF_BIG_ENDIAN);
	return 0;
}

bool btf_raw_is_swapped(const void *raw, size_t size)
{
	__u16 magic;

	if (size < sizeof(magic))
		return false;
	memcpy(&magic, raw, sizeof(magic));
	return magic == __builtin_bswap16(BTF_MAGIC);
}

void btf_bswap_header(void *hdr, __u32 hdr_len)
{
	size_t words = hdr_len >= sizeof(struct btf_layout_header) ? 7 : 5;

	bswap16_at((char *)hdr + offsetof(struct btf_header, magic));
	bswap_words((char *)hdr + offsetof(struct btf_header, hdr_len), words);
}

size_t btf_header_len(const void *raw)
{
	const struct btf_header *h = raw;

	return h->hdr_len >= sizeof(struct btf_layout_header) ?
		sizeof(struct btf_layout_header) : sizeof(struct btf_header);
}

void btf_bswap_types(void *types, __u32 len, bool to_native)
{
	__u32 off = 0;

	while (len - off >= sizeof(struct btf_type)) {
		char *p = (char *)types + off;
		struct btf_type t;
		size_t rec;

		t.name_off = 0;
		t.info = get32(p + offsetof(struct btf_type, info), to_native);
		t.size = 0;
		rec = btf_type_record_size(&t);
		/* a record that does not fit is left for the parser to report */
		if (!rec || rec > len - off)
			return;
		bswap_words(p, rec / 4);
		off += rec;
	}
}

enum btf_endianness btf__endianness(const struct btf *btf)
{
	return btf_endian_of(btf->swapped_endian);
}

int btf__set_endianness(struct btf *btf, enum btf_endianness endian)
{
	bool swapped;
	int err;

	err = btf_endian_swapped(endian, &swapped);
	if (err)
		return libbpf_err(err);
	btf->swapped_endian = swapped;
	btf_raw_swapped_free(btf);
	return 0;
}

void btf_raw_swapped_free(struct btf *btf)
{
	free(btf->raw_swapped);
	btf->raw_swapped = NULL;
}

const void *btf_raw_swapped(const struct btf *btf, const void *native, __u32 size)
{
	struct btf *cache = (struct btf *)btf;
	struct btf_layout_header lh = { 0 };
	char *raw;

	if (btf->raw_swapped)
		return btf->raw_swapped;
	raw = malloc(size);
	if (!raw)
		return NULL;
	memcpy(raw, native, size);
	memcpy(&lh, raw, btf_header_len(raw));
	btf_bswap_types(raw + lh.h.hdr_len + lh.h.type_off, lh.h.type_len, false);
	btf_bswap_layout_sec(raw, size, &lh);
	btf_bswap_header(raw, lh.h.hdr_len);
	cache->raw_swapped = raw;
	return raw;
}

/* .BTF.ext */

void btf_ext_bswap_header(void *hdr, __u32 hdr_len)
{
	size_t end = hdr_len < sizeof(struct btf_ext_header) ? hdr_len :
			sizeof(struct btf_ext_header);

	bswap16_at((char *)hdr + offsetof(struct btf_ext_header, magic));
	/* a header too short for hdr_len itself leaves nothing more to swap */
	if (end < offsetof(struct btf_ext_header, hdr_len))
		return;
	bswap_words((char *)hdr + offsetof(struct btf_ext_header, hdr_len),
		    (end - offsetof(struct btf_ext_header, hdr_len)) / 4);
}

/*
 * Swap one info area: its record size, then blocks of { sec_name_off,
 * num_info, records }. Only the fields of the UAPI record are swapped (all
 * 32-bit words), as libbpf does. A block that does not fit ends the walk:
 * the parser reports it.
 */
void btf_ext_bswap_area(void *data, size_t size, __u32 off, __u32 len, size_t min_rec,
			bool to_native)
{
	size_t pos = off, end = (size_t)off + len;
	__u32 rec_size, num;
	char *p = data;

	if (len < 4 || end > size || off % 4)
		return;
	rec_size = get32(p + pos, to_native);
	bswap32_at(p + pos);
	pos += 4;
	if (rec_size < min_rec || rec_size % 4)
		return;
	while (end - pos >= 8) {
		num = get32(p + pos + 4, to_native);
		bswap_words(p + pos, 2);
		pos += 8;
		if (num > (end - pos) / rec_size)
			return;
		for (; num; num--, pos += rec_size)
			bswap_words(p + pos, min_rec / 4);
	}
}
