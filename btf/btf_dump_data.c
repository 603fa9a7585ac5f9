// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf_dump__dump_type_data(): a value of a BTF type printed as libbpf
 * prints it, a C-like initializer with a cast on each member:
 *
 *	(struct pair){
 *		.a = (int)1,
 *		.name = (char[4])['a','b',],
 *	}
 *
 * The output is libbpf's to the byte, quirks included (a struct is
 * "zero", and hidden, when its first member is; after a char array every
 * one-byte integer prints as a character), since tools compare it.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "btf_dump_internal.h"
#include "log.h"
#include "opts.h"

#define DATA_INDENT_STR_LEN 32

struct dump_data {
	const __u8 *end;	/* end of the value's bytes */
	bool compact;
	bool skip_names;
	bool emit_zeroes;
	bool emit_strings;
	__u8 indent_lvl;	/* libbpf keeps the base level in a byte */
	char indent_str[DATA_INDENT_STR_LEN];
	int depth;
	/* inside an array: no casts, zero elements shown */
	bool is_array_member;
	/* a NUL ended the char array being printed */
	bool is_array_terminated;
	/* a char array was met: set for the rest of the call, as in libbpf */
	bool is_array_char;
};

static int dump_value(struct btf_dump *d, struct dump_data *dd, const char *fname, __u32 id,
		      const __u8 *data, __u8 bit_off, __u8 bit_sz);

__attribute__((format(printf, 2, 3)))
static void dd_printf(struct btf_dump *d, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(buf)) {
		dout_mem(&d->out, buf, n);
		return;
	}
	/* long names: format again straight into the output */
	va_start(ap, fmt);
	dout_flush(&d->out);
	d->out.fn(d->out.ctx, fmt, ap);
	va_end(ap);
}

static const char *dd_newline(const struct dump_data *dd)
{
	return dd->compact || dd->depth == 0 ? "" : "\n";
}

static const char *dd_delim(const struct dump_data *dd)
{
	return dd->depth == 0 ? "" : ",";
}

/* A value's text followed by the delimiter and newline of its depth. */
#define dd_value(d, dd, fmt, ...) \
	dd_printf(d, fmt "%s%s", ##__VA_ARGS__, dd_delim(dd), dd_newline(dd))

static void dd_indent(struct btf_dump *d, const struct dump_data *dd)
{
	int i, lvl = dd->indent_lvl + dd->depth;

	if (dd->compact)
		return;
	for (i = 0; i < lvl; i++)
		dout_str(&d->out, dd->indent_str);
}

static const struct btf_type *skip_mods_typedefs(struct btf_dump *d, __u32 id, __u32 *res_id)
{
	const struct btf_type *t = btf__type_by_id(d->btf, id);
	int depth = 0;

	while (t && (btf_is_mod(t) || btf_is_typedef(t)) && depth++ < BTF_MAX_CHAIN_DEPTH) {
		id = t->type;
		t = btf__type_by_id(d->btf, id);
	}
	if (res_id)
		*res_id = id;
	return t;
}

static bool data_aligned(struct btf_dump *d, __u32 id, const __u8 *data)
{
	int align = btf__align_of(d->btf, id);

	return align && (uintptr_t)data % align == 0;
}

/* "(type)" before a value; nothing for array elements, variables and sections. */
static void dump_cast(struct btf_dump *d, struct dump_data *dd, __u32 id, bool parens)
{
	const struct btf_type *t = btf__type_by_id(d->btf, id);

	if (dd->is_array_member || btf_is_var(t) || btf_is_datasec(t))
		return;
	if (parens)
		dout_chr(&d->out, '(');
	d->skip_anon_defs = true;
	d->strip_mods = true;
	d->decl_depth = 0;
	d->decls_cnt = 0;
	dump_decl(d, id, "", 0);
	d->strip_mods = false;
	d->skip_anon_defs = false;
	if (parens)
		dout_chr(&d->out, ')');
}

static int bitfield_value(const struct btf_type *t, const __u8 *data, __u8 bit_off,
			  __u8 bit_sz, const struct dump_data *dd, __u64 *value)
{
	__u64 hi;

	if (data + (bit_off % 8 + bit_sz + 7) / 8 > dd->end)
		return -E2BIG;
	if (t->size > 8) {
		pr_warn("unexpected bitfield size %u\n", t->size);
		return -EINVAL;
	}
	btf_bits_extract(data, bit_off, bit_sz, value, &hi);
	return 0;
}

/*
 * An enum's value, of its size and signedness. libbpf reads an unaligned
 * enum through its bitfield reader with a field of 0 bits, whose shift by
 * 64 compiles to 0 in its builds: such an enum is 0 (checked in sizes).
 */
static int enum_value(struct btf_dump *d, const struct btf_type *t, __u32 id, const __u8 *data,
		      const struct dump_data *dd, __s64 *value)
{
	bool is_signed = btf_kflag(t);
	__u64 u = 0;
	int err;

	if (!data_aligned(d, id, data)) {
		err = bitfield_value(t, data, 0, 0, dd, &u);
		*value = 0;
		return err;
	}
	switch (t->size) {
	case 8:
		*value = *(const __s64 *)data;
		return 0;
	case 4:
		*value = is_signed ? (__s64)*(const __s32 *)data : *(const __u32 *)data;
		return 0;
	case 2:
		*value = is_signed ? *(const __s16 *)data : *(const __u16 *)data;
		return 0;
	case 1:
		*value = is_signed ? *(const __s8 *)data : *(const __u8 *)data;
		return 0;
	default:
		pr_warn("unexpected size %u for enum, id:[%u]\n", t->size, id);
		return -EINVAL;
	}
}

/* Bytes of the data left at p (none when p is past the end). */
static size_t data_left(const struct dump_data *dd, const __u8 *p)
{
	return p < dd->end ? (size_t)(dd->end - p) : 0;
}

/*
 * Zero tests never read past the data (libbpf does): a value that is not
 * all there counts as non-zero, so that printing it reports -E2BIG.
 */
static int scalar_check_zero(struct btf_dump *d, const struct dump_data *dd,
			     const struct btf_type *t, __u32 id, const __u8 *data)
{
	static const __u8 zeroes[16];
	int n = btf_is_ptr(t) ? d->ptr_sz : (int)t->size;

	if (n < 1 || n > 16) {
		pr_warn("unexpected size %d for id [%u]\n", n, id);
		return -EINVAL;
	}
	if (data_left(dd, data) < (size_t)n)
		return 0;
	return memcmp(data, zeroes, n) ? 0 : -ENODATA;
}

static int check_zero(struct btf_dump *d, struct dump_data *dd, __u32 id, const __u8 *data,
		      __u8 bit_off, __u8 bit_sz);

static int array_check_zero(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
			    const __u8 *data, __u8 bit_off)
{
	const struct btf_array *a = btf_array(t);
	const struct btf_type *elem = skip_mods_typedefs(d, a->type, NULL);
	__u32 elem_size = btf__resolve_size(d->btf, a->type), i;
	bool is_char = elem && btf_is_int(elem) && elem_size == 1;
	size_t left = data_left(dd, data);
	int err;

	/* elements of no size are all zero; don't walk billions of them */
	if (!elem_size)
		return -ENODATA;
	/* any non-zero element shows the array; a char array starting with NUL is empty */
	for (i = 0; i < a->nelems; i++) {
		if ((size_t)i * elem_size >= left)
			return 0;
		if (i == 0 && is_char && data[0] == 0)
			return -ENODATA;
		err = check_zero(d, dd, a->type, data + (size_t)i * elem_size, bit_off, 0);
		if (err != -ENODATA)
			return err;
	}
	return -ENODATA;
}

static int struct_check_zero(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
			     const __u8 *data)
{
	const struct btf_member *m = btf_members(t);
	__u32 i, n = btf_vlen(t), off;
	int err;

	for (i = 0; i < n; i++, m++) {
		off = btf_member_bit_offset(t, i);
		err = check_zero(d, dd, m->type, data + off / 8, off % 8,
				 btf_member_bitfield_size(t, i));
		/* libbpf's test never matches: the first member decides */
		if (err != ENODATA)
			return err;
	}
	return -ENODATA;
}

/* -ENODATA: a zero value, hidden unless emit_zeroes; 0 to show it; or an error. */
static int check_zero(struct btf_dump *d, struct dump_data *dd, __u32 id, const __u8 *data,
		      __u8 bit_off, __u8 bit_sz)
{
	const struct btf_type *t;
	__u64 bits;
	__s64 value;
	int err;

	/* shown: asked for, at the top, and in non-char arrays (no 1,_,1 gaps) */
	if (dd->emit_zeroes || dd->depth == 0 || (dd->is_array_member && !dd->is_array_char))
		return 0;
	t = skip_mods_typedefs(d, id, NULL);
	if (!t)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		if (!bit_sz)
			return scalar_check_zero(d, dd, t, id, data);
		err = bitfield_value(t, data, bit_off, bit_sz, dd, &bits);
		return err ?: bits ? 0 : -ENODATA;
	case BTF_KIND_FLOAT:
	case BTF_KIND_PTR:
		return scalar_check_zero(d, dd, t, id, data);
	case BTF_KIND_ARRAY:
		return array_check_zero(d, dd, t, data, bit_off);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return struct_check_zero(d, dd, t, data);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (data_left(dd, data) < t->size)
			return 0;
		err = enum_value(d, t, id, data, dd, &value);
		return err ?: value ? 0 : -ENODATA;
	default:
		return 0;
	}
}

static int dump_int(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
		    __u32 id, const __u8 *data)
{
	bool sign = btf_int_encoding(t) & BTF_INT_SIGNED;
	__u8 buf[16] __attribute__((aligned(16)));
	__u64 lo, hi;
	char c;

	if (t->size == 0 || t->size > sizeof(buf)) {
		pr_warn("unexpected size %u for id [%u]\n", t->size, id);
		return -EINVAL;
	}
	memcpy(buf, data, t->size);
	switch (t->size) {
	case 16:
		lo = btf_load_uint(buf, 8);
		hi = btf_load_uint(buf + 8, 8);
		if (hi)
			dd_value(d, dd, "0x%llx%016llx", (unsigned long long)hi,
				 (unsigned long long)lo);
		else
			dd_value(d, dd, "0x%llx", (unsigned long long)lo);
		return 0;
	case 8:
		if (sign)
			dd_value(d, dd, "%lld", *(long long *)buf);
		else
			dd_value(d, dd, "%llu", *(unsigned long long *)buf);
		return 0;
	case 4:
		if (sign)
			dd_value(d, dd, "%d", *(__s32 *)buf);
		else
			dd_value(d, dd, "%u", *(__u32 *)buf);
		return 0;
	case 2:
		if (sign)
			dd_value(d, dd, "%d", *(__s16 *)buf);
		else
			dd_value(d, dd, "%u", *(__u16 *)buf);
		return 0;
	case 1:
		c = (char)buf[0];
		if (dd->is_array_char) {
			if (dd->is_array_terminated)
				return 0;
			if (c == '\0') {
				dd_value(d, dd, "'\\0'");
				dd->is_array_terminated = true;
				return 0;
			}
			if (isprint((unsigned char)c)) {
				dd_value(d, dd, "'%c'", c);
				return 0;
			}
		}
		if (sign)
			dd_value(d, dd, "%d", (__s8)buf[0]);
		else
			dd_value(d, dd, "%u", buf[0]);
		return 0;
	default:
		pr_warn("unexpected sz %u for id [%u]\n", t->size, id);
		return -EINVAL;
	}
}

static int dump_float(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
		      __u32 id, const __u8 *data)
{
	long double ld;
	double dbl;
	float f;

	switch (t->size) {
	case 16:
		memcpy(&ld, data, sizeof(ld));
		dd_value(d, dd, "%Lf", ld);
		return 0;
	case 8:
		memcpy(&dbl, data, sizeof(dbl));
		dd_value(d, dd, "%lf", dbl);
		return 0;
	case 4:
		memcpy(&f, data, sizeof(f));
		dd_value(d, dd, "%f", f);
		return 0;
	default:
		pr_warn("unexpected size %u for id [%u]\n", t->size, id);
		return -EINVAL;
	}
}

static int dump_ptr(struct btf_dump *d, struct dump_data *dd, __u32 id, const __u8 *data)
{
	/* libbpf: %p for a host-sized aligned pointer, hex otherwise */
	if (data_aligned(d, id, data) && d->ptr_sz == sizeof(void *))
		dd_value(d, dd, "%p", *(void * const *)data);
	else if (d->ptr_sz == 4)
		dd_value(d, dd, "0x%x", (unsigned int)btf_load_uint(data, 4));
	else
		dd_value(d, dd, "0x%llx", (unsigned long long)btf_load_uint(data, 8));
	return 0;
}

static int dump_enum(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
		     __u32 id, const __u8 *data)
{
	__u16 i, n = btf_vlen(t);
	__s64 value;
	int err;

	err = enum_value(d, t, id, data, dd, &value);
	if (err)
		return err;
	if (btf_is_enum(t)) {
		const struct btf_enum *e = btf_enum(t);

		for (i = 0; i < n; i++, e++) {
			if (value == e->val) {
				dd_value(d, dd, "%s", dump_str(d, e->name_off));
				return 0;
			}
		}
		if (btf_kflag(t))
			dd_value(d, dd, "%d", (int)value);
		else
			dd_value(d, dd, "%u", (unsigned int)value);
		return 0;
	}
	for (i = 0; i < n; i++) {
		const struct btf_enum64 *e = btf_enum64(t) + i;

		if ((__u64)value == btf_enum64_value(e)) {
			dd_value(d, dd, "%s", dump_str(d, e->name_off));
			return 0;
		}
	}
	if (btf_kflag(t))
		dd_value(d, dd, "%lldLL", (long long)value);
	else
		dd_value(d, dd, "%lluULL", (unsigned long long)value);
	return 0;
}

/* An enum bitfield: its bits read as a value of the enum's size. */
static int dump_enum_bits(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
			  __u32 id, const __u8 *data, __u8 bit_off, __u8 bit_sz)
{
	__u64 bits;
	__s64 value;
	int err;

	err = bitfield_value(t, data, bit_off, bit_sz, dd, &bits);
	if (err)
		return err;
	value = (__s64)bits;
	return dump_enum(d, dd, t, id, (const __u8 *)&value);
}

/* emit_strings: a NUL-terminated char array as "text"; -errno to print it as an array. */
static int dump_string(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
		       const __u8 *data)
{
	__u32 i, n = btf_array(t)->nelems;

	for (i = 0; i < n; i++) {
		if (data + i >= dd->end)
			return -E2BIG;
		if (!data[i])
			break;
	}
	if (i == n)
		return -EINVAL;
	dd_indent(d, dd);
	dout_chr(&d->out, '"');
	for (i = 0; data[i]; i++) {
		if (isprint(data[i]))
			dout_chr(&d->out, (char)data[i]);
		else
			dd_printf(d, "\\x%02x", data[i]);
	}
	dout_chr(&d->out, '"');
	return 0;
}

static int dump_array(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
		      __u32 id, const __u8 *data)
{
	const struct btf_array *a = btf_array(t);
	const struct btf_type *elem = skip_mods_typedefs(d, a->type, NULL);
	__s64 elem_size = btf__resolve_size(d->btf, a->type);
	bool was_member, was_terminated;
	__u32 i;

	if (elem_size <= 0 || !elem) {
		pr_warn("unexpected elem size %lld for array type [%u]\n", (long long)elem_size, id);
		return -EINVAL;
	}
	if (btf_is_int(elem) && elem_size == 1) {
		if (dd->emit_strings && dump_string(d, dd, t, data) == 0)
			return 0;
		dd->is_array_char = true;
	}
	/* depth first: the newline after "[" depends on it */
	dd->depth++;
	dd_printf(d, "[%s", dd_newline(dd));
	was_member = dd->is_array_member;
	was_terminated = dd->is_array_terminated;
	dd->is_array_member = true;
	dd->is_array_terminated = false;
	/* elements past the data print nothing: stop there, arrays may be huge */
	for (i = 0; i < a->nelems && !dd->is_array_terminated; i++) {
		if ((size_t)i * elem_size >= data_left(dd, data))
			break;
		dump_value(d, dd, NULL, a->type, data + (size_t)i * elem_size, 0, 0);
	}
	dd->is_array_member = was_member;
	dd->is_array_terminated = was_terminated;
	dd->depth--;
	dd_indent(d, dd);
	dd_value(d, dd, "]");
	return 0;
}

static int dump_struct(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
		       const __u8 *data)
{
	const struct btf_member *m = btf_members(t);
	__u32 i, n = btf_vlen(t), off;
	int err = 0;

	dd->depth++;
	dd_printf(d, "{%s", dd_newline(dd));
	for (i = 0; i < n; i++, m++) {
		off = btf_member_bit_offset(t, i);
		err = dump_value(d, dd, dump_str(d, m->name_off), m->type, data + off / 8, off % 8,
				 btf_member_bitfield_size(t, i));
		if (err < 0)
			return err;
	}
	dd->depth--;
	dd_indent(d, dd);
	dd_value(d, dd, "}");
	return err;
}

/* "[static |extern ]type name = (type)value" */
static int dump_var(struct btf_dump *d, struct dump_data *dd, const struct btf_type *v,
		    const __u8 *data)
{
	switch (btf_var(v)->linkage) {
	case BTF_VAR_STATIC:
		dout_str(&d->out, "static ");
		break;
	case BTF_VAR_GLOBAL_EXTERN:
		dout_str(&d->out, "extern ");
		break;
	default:
		break;
	}
	dump_cast(d, dd, v->type, false);
	dd_printf(d, " %s = ", dump_str(d, v->name_off));
	return dump_value(d, dd, NULL, v->type, data, 0, 0);
}

static int dump_datasec(struct btf_dump *d, struct dump_data *dd, const struct btf_type *t,
			const __u8 *data)
{
	const struct btf_var_secinfo *vsi = btf_var_secinfos(t);
	__u32 i;
	int err;

	dd_value(d, dd, "SEC(\"%s\") ", dump_str(d, t->name_off));
	for (i = 0; i < btf_vlen(t); i++, vsi++) {
		err = dump_value(d, dd, NULL, vsi->type, data + vsi->offset, 0, 0);
		if (err < 0)
			return err;
		dout_chr(&d->out, ';');
	}
	return 0;
}

/*
 * Size of the value of id, or -E2BIG if a scalar runs past the data:
 * aggregates are shown as far as the data goes.
 */
static int check_overflow(struct btf_dump *d, struct dump_data *dd, __u32 id, const __u8 *data,
			  __u8 bit_off, __u8 bit_sz)
{
	const struct btf_type *t;
	__u8 nr_bytes;
	__s64 size;

	if (bit_sz) {
		nr_bytes = (bit_off + bit_sz + 7) / 8;
		return data + nr_bytes > dd->end ? -E2BIG : nr_bytes;
	}
	size = btf__resolve_size(d->btf, id);
	if (size < 0 || size >= INT_MAX) {
		pr_warn("unexpected size [%zu] for id [%u]\n", (size_t)size, id);
		return -EINVAL;
	}
	t = skip_mods_typedefs(d, id, NULL);
	if (!t) {
		pr_warn("unexpected error skipping mods/typedefs for id [%u]\n", id);
		return -EINVAL;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_PTR:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (data + bit_off / 8 + size > dd->end)
			return -E2BIG;
		break;
	default:
		break;
	}
	return (int)size;
}

static int dump_kind(struct btf_dump *d, struct dump_data *dd, __u32 id, const __u8 *data,
		     __u8 bit_off, __u8 bit_sz)
{
	const struct btf_type *t = skip_mods_typedefs(d, id, NULL);

	switch (btf_kind(t)) {
	case BTF_KIND_UNKN:
	case BTF_KIND_FWD:
	case BTF_KIND_FUNC:
	case BTF_KIND_FUNC_PROTO:
	case BTF_KIND_DECL_TAG:
		dd_printf(d, "<unsupported kind:%u>", btf_kind(t));
		return -ENOTSUP;
	case BTF_KIND_INT:
		if (bit_sz) {
			__u64 v;
			int err = bitfield_value(t, data, bit_off, bit_sz, dd, &v);

			if (!err)
				dd_value(d, dd, "0x%llx", (unsigned long long)v);
			return err;
		}
		return dump_int(d, dd, t, id, data);
	case BTF_KIND_FLOAT:
		return dump_float(d, dd, t, id, data);
	case BTF_KIND_PTR:
		return dump_ptr(d, dd, id, data);
	case BTF_KIND_ARRAY:
		return dump_array(d, dd, t, id, data);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return dump_struct(d, dd, t, data);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (bit_sz)
			return dump_enum_bits(d, dd, t, id, data, bit_off, bit_sz);
		return dump_enum(d, dd, t, id, data);
	case BTF_KIND_VAR:
		return dump_var(d, dd, t, data);
	case BTF_KIND_DATASEC:
		return dump_datasec(d, dd, t, data);
	default:
		pr_warn("unexpected kind [%u] for id [%u]\n", btf_kind(t), id);
		return -EINVAL;
	}
}

/* One value, named fname in its struct: its size, or -errno. */
static int dump_value(struct btf_dump *d, struct dump_data *dd, const char *fname, __u32 id,
		      const __u8 *data, __u8 bit_off, __u8 bit_sz)
{
	int size, err;

	if (dd->depth > BTF_DUMP_MAX_DEPTH)
		return -ELOOP;
	size = check_overflow(d, dd, id, data, bit_off, bit_sz);
	if (size < 0)
		return size;
	err = check_zero(d, dd, id, data, bit_off, bit_sz);
	if (err)
		return err == -ENODATA ? size : err;
	dd_indent(d, dd);
	if (!dd->skip_names) {
		if (fname && fname[0])
			dd_printf(d, ".%s = ", fname);
		dump_cast(d, dd, id, true);
	}
	err = dump_kind(d, dd, id, data, bit_off, bit_sz);
	return err < 0 ? err : size;
}

int btf_dump__dump_type_data(struct btf_dump *d, __u32 id, const void *data, size_t data_sz,
			     const struct btf_dump_type_data_opts *opts)
{
	struct dump_data dd = { 0 };
	const char *indent;
	int ret;

	if (!OPTS_VALID(opts, btf_dump_type_data_opts))
		return libbpf_err(-EINVAL);
	if (!btf__type_by_id(d->btf, id))
		return libbpf_err(-ENOENT);
	dd.end = (const __u8 *)data + data_sz;
	dd.indent_lvl = OPTS_GET(opts, indent_level, 0);
	indent = OPTS_GET(opts, indent_str, NULL);
	snprintf(dd.indent_str, sizeof(dd.indent_str), "%s", indent ? indent : "\t");
	dd.compact = OPTS_GET(opts, compact, false);
	dd.skip_names = OPTS_GET(opts, skip_names, false);
	dd.emit_zeroes = OPTS_GET(opts, emit_zeroes, false);
	dd.emit_strings = OPTS_GET(opts, emit_strings, false);

	ret = dump_value(d, &dd, NULL, id, data, 0, 0);
	dout_flush(&d->out);
	return libbpf_err(ret);
}
