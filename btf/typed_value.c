// SPDX-License-Identifier: BSD-2-Clause
/*
 * Values rendered as JSON through their BTF type, in the shapes of
 * bpftool's BTF dumper (see typed_value.h). Hostile types or short data
 * are refused before anything is written: a first run over the types
 * checks bounds, depth and output size without touching the data, then a
 * second run writes. Neither allocates, so map dumps pay only for the walk.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json_writer.h"
#include "log.h"
#include "typed_value.h"
#include "typed_value_internal.h"

int tv_fail(const struct tv_walk *w, __u32 id, int err, const char *fmt, ...)
{
	const struct btf_type *t = btf__type_by_id(w->btf, id);
	const char *name = t ? tv_name(w, t->name_off) : "";
	char reason[160];
	va_list ap;

	if (!tv_checking(w))
		return err;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	pr_warn("cannot format a value of BTF type [%u] %s '%s': %s\n", id,
		t ? btf_kind_str(btf_kind(t)) : "UNKNOWN", name[0] ? name : "(anon)", reason);
	return err;
}

int tv_need(const struct tv_walk *w, __u32 id, const struct tv_place *p, __u64 need)
{
	if (need <= p->avail)
		return 0;
	return tv_fail(w, id, -EINVAL, "needs %llu bytes at offset %zu, %zu there",
		       (unsigned long long)need, p->off, p->avail);
}

const char *tv_name(const struct tv_walk *w, __u32 name_off)
{
	const char *name = btf__name_by_offset(w->btf, name_off);

	return name ? name : "";
}

/* Add n * each values to the checking run's count; -E2BIG past the budget. */
static int tv_count(struct tv_walk *w, __u32 id, __u64 n, __u64 each)
{
	__u64 room = w->budget - w->nodes;

	if (!tv_checking(w))
		return 0;
	if (w->nodes > w->budget || (each && n > room / each))
		return tv_fail(w, id, -E2BIG, "more than %llu values to print",
			       (unsigned long long)w->budget);
	w->nodes += n * each;
	return 0;
}

static int tv_node(struct tv_walk *w, __u32 id, const struct tv_place *p, int depth);

static int tv_member(struct tv_walk *w, __u32 id, const struct btf_type *t, __u32 i,
		     const struct tv_place *p, int depth)
{
	const struct btf_member *m = btf_members(t) + i;
	__u32 bit = btf_member_bit_offset(t, i), bits = btf_member_bitfield_size(t, i);
	struct tv_place mp = { .off = p->off + bit / 8, .avail = t->size - bit / 8,
			       .bit_off = bit % 8 };
	int err;

	if (bit / 8 > t->size)
		return tv_fail(w, id, -EINVAL, "member %u starts past its end", i);
	if (!tv_checking(w))
		jsonw_name(w->jw, tv_name(w, m->name_off));
	if (!bits)
		return tv_node(w, m->type, &mp, depth + 1);
	if (bits > 128)
		return tv_fail(w, id, -EINVAL, "member %u is a bitfield of %u bits", i, bits);
	err = tv_need(w, id, &mp, (mp.bit_off + bits + 7) / 8) ?: tv_count(w, id, 1, 1);
	if (!err && !tv_checking(w))
		tv_write_bitfield(w->jw, w->data + mp.off, mp.bit_off, bits);
	return err;
}

/* Structs and unions: an object of their members, each at its own offset. */
static int tv_composite(struct tv_walk *w, __u32 id, const struct btf_type *t,
			const struct tv_place *p, int depth)
{
	__u32 i;
	int err;

	err = tv_need(w, id, p, t->size) ?: tv_count(w, id, 1, 1);
	if (err)
		return err;
	if (!tv_checking(w))
		jsonw_start_object(w->jw);
	for (i = 0; i < btf_vlen(t) && !err; i++)
		err = tv_member(w, id, t, i, p, depth);
	if (!tv_checking(w))
		jsonw_end_object(w->jw);
	return err;
}

/* bpftool's rule for char arrays printed as strings: the element type. */
static bool is_char_type(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf_type_fast(btf, id);
	int hops;

	/* modifiers are skipped, typedefs are not: a typedef'd char is a number */
	for (hops = 0; t && btf_is_mod(t) && hops < TV_MAX_DEPTH; hops++)
		t = btf_type_fast(btf, t->type);
	if (!t || !btf_is_int(t) || t->size != 1)
		return false;
	return btf_int_encoding(t) == BTF_INT_CHAR ||
	       !strcmp(btf__name_by_offset(btf, t->name_off) ?: "", "char");
}

/* ... and the data: printable ASCII up to a NUL inside the array. */
static bool is_c_string(const __u8 *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!s[i])
			return true;
		if (s[i] < 0x20 || s[i] >= 0x7f)
			return false;
	}
	return false;
}

static int tv_array(struct tv_walk *w, __u32 id, const struct btf_type *t,
		    const struct tv_place *p, int depth)
{
	const struct btf_array *arr = btf_array(t);
	struct tv_place ep = { .off = p->off };
	__s64 elem_size = btf__resolve_size(w->btf, arr->type);
	__u64 before = w->nodes, each;
	__u32 i;
	int err;

	if (elem_size < 0)
		return tv_fail(w, id, elem_size == -E2BIG ? -E2BIG : -EINVAL,
			       "its element type [%u] has no size", arr->type);
	ep.avail = elem_size;
	err = tv_need(w, id, p, (__u64)elem_size * arr->nelems);
	if (err)
		return err;
	if (tv_checking(w)) {
		/* one element stands for all: same type, same checks */
		err = tv_node(w, arr->type, &ep, depth + 1);
		if (err)
			return err;
		each = w->nodes - before;
		w->nodes = before;
		return tv_count(w, id, 1, 1) ?: tv_count(w, id, arr->nelems, each);
	}
	if (is_char_type(w->btf, arr->type) && is_c_string(w->data + p->off, arr->nelems)) {
		jsonw_string(w->jw, (const char *)w->data + p->off);
		return 0;
	}
	jsonw_start_array(w->jw);
	for (i = 0; i < arr->nelems && !err; i++, ep.off += elem_size)
		err = tv_node(w, arr->type, &ep, depth + 1);
	jsonw_end_array(w->jw);
	return err;
}

/* A variable: {"name": value}, as in a DATASEC. */
static int tv_var(struct tv_walk *w, __u32 id, const struct btf_type *t,
		  const struct tv_place *p, int depth)
{
	int err = tv_count(w, id, 1, 1);

	if (err)
		return err;
	if (!tv_checking(w)) {
		jsonw_start_object(w->jw);
		jsonw_name(w->jw, tv_name(w, t->name_off));
	}
	err = tv_node(w, t->type, p, depth + 1);
	if (!tv_checking(w))
		jsonw_end_object(w->jw);
	return err;
}

/* A section: {"<name>": [ each variable ]}, each at its own offset. */
static int tv_datasec(struct tv_walk *w, __u32 id, const struct btf_type *t,
		      const struct tv_place *p, int depth)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	struct tv_place vp = { 0 };
	__u32 i;
	int err;

	err = tv_need(w, id, p, t->size) ?: tv_count(w, id, 2, 1);
	if (err)
		return err;
	if (!tv_checking(w)) {
		jsonw_start_object(w->jw);
		jsonw_name(w->jw, tv_name(w, t->name_off));
		jsonw_start_array(w->jw);
	}
	for (i = 0; i < btf_vlen(t) && !err; i++, v++) {
		if (v->offset > t->size || v->size > t->size - v->offset) {
			err = tv_fail(w, id, -EINVAL, "variable %u lies past its end", i);
			break;
		}
		vp.off = p->off + v->offset;
		vp.avail = v->size;
		err = tv_node(w, v->type, &vp, depth + 1);
	}
	if (!tv_checking(w)) {
		jsonw_end_array(w->jw);
		jsonw_end_object(w->jw);
	}
	return err;
}

static int tv_node(struct tv_walk *w, __u32 id, const struct tv_place *p, int depth)
{
	const struct btf_type *t = btf_type_fast(w->btf, id);

	if (depth > TV_MAX_DEPTH)
		return tv_fail(w, id, -E2BIG, "nested deeper than %d", TV_MAX_DEPTH);
	if (tv_checking(w) && ++w->visits > w->budget)
		return tv_fail(w, id, -E2BIG, "more than %llu types to walk",
			       (unsigned long long)w->budget);
	if (!t) {
		pr_warn("cannot format a value of BTF type [%u]: no such type\n", id);
		return -EINVAL;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return tv_count(w, id, 1, 1) ?: tv_int(w, id, t, p);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return tv_count(w, id, 1, 1) ?: tv_enum(w, id, t, p);
	case BTF_KIND_FLOAT:
		return tv_count(w, id, 1, 1) ?: tv_float(w, id, t, p);
	case BTF_KIND_PTR:
		return tv_count(w, id, 1, 1) ?: tv_ptr(w, id, p);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return tv_composite(w, id, t, p, depth);
	case BTF_KIND_ARRAY:
		return tv_array(w, id, t, p, depth);
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return tv_node(w, t->type, p, depth + 1);
	case BTF_KIND_VAR:
		return tv_var(w, id, t, p, depth);
	case BTF_KIND_DATASEC:
		return tv_datasec(w, id, t, p, depth);
	default:
		/* void, forward declarations, functions: nothing a value can be */
		return tv_fail(w, id, -EINVAL, "no value has this kind");
	}
}

int btf_typed_value_json(const struct btf *btf, __u32 type_id, const void *data, size_t size,
			 struct json_writer *jw)
{
	struct tv_walk w = { .btf = btf };
	struct tv_place p = { .avail = size };
	int err;

	if (!btf || !jw || (!data && size))
		return -EINVAL;
	w.budget = TV_MIN_NODE_BUDGET + (__u64)size * TV_NODES_PER_BYTE;
	err = tv_node(&w, type_id, &p, 0);
	if (err)
		return err;
	w.data = data;
	w.jw = jw;
	return tv_node(&w, type_id, &p, 0);
}
