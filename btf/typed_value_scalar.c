// SPDX-License-Identifier: BSD-2-Clause
/*
 * Scalars of the value formatter: integers (with bool, char, 128-bit and
 * bitfields), enums, floats and pointers, in the shapes of bpftool's BTF
 * dumper. Byte order is the host's, which is what map values are in.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "typed_value_internal.h"

static __s64 sign_extend(__u64 v, unsigned int bits)
{
	unsigned int shift = 64 - bits;

	if (!bits || bits >= 64)
		return bits ? (__s64)v : 0;
	return (__s64)(v << shift) >> shift;
}

/* Hex digits of v before end, at least min_digits of them; returns the first. */
static char *put_hex(char *end, __u64 v, int min_digits)
{
	static const char digits[] = "0123456789abcdef";

	while (v || min_digits > 0) {
		*--end = digits[v & 0xf];
		v >>= 4;
		min_digits--;
	}
	return end;
}

/*
 * lo/hi halves as bpftool prints 128-bit numbers: "0x" and no leading
 * zeros. Without printf: bitfields are common in map values.
 */
static void write_hex128(struct json_writer *jw, __u64 lo, __u64 hi)
{
	char buf[40], *end = buf + sizeof(buf), *p;

	if (hi)
		p = put_hex(put_hex(end, lo, 16), hi, 1);
	else
		p = put_hex(end, lo, 1);
	*--p = 'x';
	*--p = '0';
	jsonw_string_len(jw, p, end - p);
}

void tv_write_bitfield(struct json_writer *jw, const __u8 *data, unsigned int bit_off,
		       unsigned int nr_bits)
{
	__u64 lo, hi;

	btf_bits_extract(data, bit_off, nr_bits, &lo, &hi);
	write_hex128(jw, lo, hi);
}

/*
 * bpftool's rule: an integer at a bit offset, or not a whole number of
 * bytes, or of a width C has no type for, is printed as a bitfield.
 */
static bool int_is_bitfield(const struct btf_type *t, unsigned int bit_off)
{
	unsigned int bits = btf_int_bits(t), enc = btf_int_encoding(t);

	if (bit_off || btf_int_offset(t) || bits % 8)
		return true;
	if (bits == 128 || enc == BTF_INT_CHAR || enc == BTF_INT_BOOL)
		return false;
	return bits != 8 && bits != 16 && bits != 32 && bits != 64;
}

static int int_check(const struct tv_walk *w, __u32 id, const struct btf_type *t)
{
	unsigned int enc = btf_int_encoding(t);

	if (t->size < 1 || t->size > 16)
		return tv_fail(w, id, -EINVAL, "size %u is not 1 to 16", t->size);
	if (btf_int_bits(t) > 128 || btf_int_offset(t) + btf_int_bits(t) > t->size * 8)
		return tv_fail(w, id, -EINVAL, "its bits do not fit in its size");
	if (enc != 0 && enc != BTF_INT_SIGNED && enc != BTF_INT_CHAR && enc != BTF_INT_BOOL)
		return tv_fail(w, id, -EINVAL, "encoding %u is not one of the known ones", enc);
	return 0;
}

static void write_char(struct json_writer *jw, char c)
{
	/* printable or not, a one-character string; the writer escapes the rest */
	jsonw_string_len(jw, &c, 1);
}

static void write_int(struct json_writer *jw, const struct btf_type *t, const __u8 *data)
{
	unsigned int bits = btf_int_bits(t);
	__u64 v;

	if (bits == 128) {
		write_hex128(jw, btf_load_uint(data, 8), btf_load_uint(data + 8, 8));
		return;
	}
	switch (btf_int_encoding(t)) {
	case BTF_INT_CHAR:
		write_char(jw, (char)data[0]);
		return;
	case BTF_INT_BOOL:
		jsonw_bool(jw, btf_load_uint(data, bits / 8 > 8 ? 8 : bits / 8) != 0);
		return;
	case BTF_INT_SIGNED:
		jsonw_int(jw, sign_extend(btf_load_uint(data, bits / 8), bits));
		return;
	default:
		v = btf_load_uint(data, bits / 8);
		jsonw_uint(jw, v);
		return;
	}
}

int tv_int(struct tv_walk *w, __u32 id, const struct btf_type *t, const struct tv_place *p)
{
	unsigned int bit_off = p->bit_off + btf_int_offset(t);
	bool bitfield = int_is_bitfield(t, p->bit_off);
	int err;

	err = int_check(w, id, t);
	err = err ?: tv_need(w, id, p, bitfield ? (bit_off + btf_int_bits(t) + 7) / 8 : t->size);
	if (err || tv_checking(w))
		return err;
	if (bitfield)
		tv_write_bitfield(w->jw, w->data + p->off + bit_off / 8, bit_off % 8,
				  btf_int_bits(t));
	else
		write_int(w->jw, t, w->data + p->off);
	return 0;
}

/* Name offset of the enumerator whose value the data holds, or false. */
static bool enum_find(const struct btf_type *t, __u64 raw, __s64 value, __u32 *name_off)
{
	const struct btf_enum64 *e64 = btf_enum64(t);
	const struct btf_enum *e = btf_enum(t);
	__u32 i;

	for (i = 0; i < btf_vlen(t); i++) {
		if (btf_is_enum(t) ? value == e[i].val : raw == btf_enum64_value(&e64[i])) {
			*name_off = btf_is_enum(t) ? e[i].name_off : e64[i].name_off;
			return true;
		}
	}
	return false;
}

/*
 * An enumerator's name, or the number when none matches. 32-bit enums are
 * read signed whatever their kind flag says (old compilers never set it;
 * bpftool does the same), enum64 follows the flag.
 */
int tv_enum(struct tv_walk *w, __u32 id, const struct btf_type *t, const struct tv_place *p)
{
	unsigned int size = t->size;
	__u32 name_off;
	__u64 raw;
	__s64 value;
	int err;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return tv_fail(w, id, -EINVAL, "size %u is not 1, 2, 4 or 8", size);
	err = tv_need(w, id, p, size);
	if (err || tv_checking(w))
		return err;
	raw = btf_load_uint(w->data + p->off, size);
	value = sign_extend(raw, size * 8);
	if (btf_is_enum64(t) && btf_kflag(t))
		raw = value;
	if (enum_find(t, raw, value, &name_off))
		jsonw_string(w->jw, tv_name(w, name_off));
	else if (btf_is_enum(t) || btf_kflag(t))
		jsonw_int(w->jw, value);
	else
		jsonw_uint(w->jw, raw);
	return 0;
}

/* The shortest of the %g forms from min_prec digits up that reads back as v. */
static void write_real(struct json_writer *jw, long double v, int min_prec, int max_prec,
		       size_t size)
{
	char buf[64];
	int prec;

	if (!isfinite(v)) {
		jsonw_null(jw);
		return;
	}
	for (prec = min_prec; prec <= max_prec; prec++) {
		snprintf(buf, sizeof(buf), "%.*Lg", prec, v);
		if (size == sizeof(float) ? strtof(buf, NULL) == (float)v :
		    size == sizeof(double) ? strtod(buf, NULL) == (double)v :
		    strtold(buf, NULL) == v)
			break;
	}
	jsonw_printf(jw, "%s", buf);
}

/* IEEE 754 binary16, which C has no portable type for. */
static float half_to_float(__u16 h)
{
	int exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
	float v;

	if (exp == 0x1f)
		v = mant ? NAN : INFINITY;
	else if (exp)
		v = ldexpf(1024 + mant, exp - 25);
	else
		v = ldexpf(mant, -24);
	return h & 0x8000 ? -v : v;
}

static void write_float(struct json_writer *jw, const __u8 *data, size_t size)
{
	long double ld = 0;
	double d;
	float f;

	switch (size) {
	case 2:
		write_real(jw, half_to_float(btf_load_uint(data, 2)), 3, 9, sizeof(float));
		return;
	case 4:
		memcpy(&f, data, sizeof(f));
		write_real(jw, f, 6, 9, sizeof(float));
		return;
	case 8:
		memcpy(&d, data, sizeof(d));
		write_real(jw, d, 15, 17, sizeof(double));
		return;
	}
#if LDBL_MANT_DIG == 64
	/* x87 extended precision: 10 significant bytes in 12 or 16 */
	memcpy(&ld, data, 10);
	write_real(jw, ld, 18, 21, sizeof(long double));
#elif LDBL_MANT_DIG == 113
	if (size == 16) {
		memcpy(&ld, data, 16);
		write_real(jw, ld, 33, 36, sizeof(long double));
		return;
	}
	tv_write_bitfield(jw, data, 0, size * 8);
#else
	(void)ld;
	tv_write_bitfield(jw, data, 0, size * 8);
#endif
}

int tv_float(struct tv_walk *w, __u32 id, const struct btf_type *t, const struct tv_place *p)
{
	int err;

	if (t->size != 2 && t->size != 4 && t->size != 8 && t->size != 12 && t->size != 16)
		return tv_fail(w, id, -EINVAL, "size %u is not 2, 4, 8, 12 or 16", t->size);
	err = tv_need(w, id, p, t->size);
	if (err || tv_checking(w))
		return err;
	write_float(w->jw, w->data + p->off, t->size);
	return 0;
}

/* A pointer as the number it holds, in the width of the BTF's target. */
int tv_ptr(struct tv_walk *w, __u32 id, const struct tv_place *p)
{
	int err;

	if (!w->ptr_size)
		w->ptr_size = btf__pointer_size(w->btf) ?: sizeof(void *);
	err = tv_need(w, id, p, w->ptr_size);
	if (err || tv_checking(w))
		return err;
	jsonw_uint(w->jw, btf_load_uint(w->data + p->off, w->ptr_size));
	return 0;
}
