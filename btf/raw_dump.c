// SPDX-License-Identifier: BSD-2-Clause
/*
 * The raw BTF dumper: one record per type with the fields of its kind, as
 * text lines ("[1] INT 'int' size=4 ...") or as JSON objects, with bpftool's
 * field names and layout so that scripts written against bpftool keep working.
 */
#include <errno.h>

#include "btf_internal.h"
#include "json_writer.h"
#include "log.h"
#include "raw_dump.h"

struct raw_out {
	const struct btf *btf;
	FILE *out;
	/* JSON when not NULL, text otherwise */
	struct json_writer *jw;
};

static const char *raw_name(const struct raw_out *o, __u32 name_off)
{
	const char *s;

	if (!name_off)
		return "(anon)";
	s = btf__name_by_offset(o->btf, name_off);
	return s ? s : "(invalid)";
}

static const char *int_encoding_str(__u8 encoding)
{
	switch (encoding) {
	case 0: return "(none)";
	case BTF_INT_SIGNED: return "SIGNED";
	case BTF_INT_CHAR: return "CHAR";
	case BTF_INT_BOOL: return "BOOL";
	default: return "UNKN";
	}
}

static const char *linkage_str(__u32 linkage)
{
	switch (linkage) {
	case BTF_VAR_STATIC: return "static";
	case BTF_VAR_GLOBAL_ALLOCATED: return "global";
	case BTF_VAR_GLOBAL_EXTERN: return "extern";
	default: return "(unknown)";
	}
}

/* One "name=value" field: " name=value" in text, "name":value in JSON. */
static void field_u(const struct raw_out *o, const char *name, __u64 v)
{
	if (o->jw)
		jsonw_uint_field(o->jw, name, v);
	else
		fprintf(o->out, " %s=%llu", name, (unsigned long long)v);
}

static void field_s(const struct raw_out *o, const char *name, __s64 v)
{
	if (o->jw)
		jsonw_int_field(o->jw, name, v);
	else
		fprintf(o->out, " %s=%lld", name, (long long)v);
}

static void field_str(const struct raw_out *o, const char *name, const char *v)
{
	if (o->jw)
		jsonw_string_field(o->jw, name, v);
	else
		fprintf(o->out, " %s=%s", name, v);
}

/* Start the list of members, values, params or vars. */
static void list_start(const struct raw_out *o, const char *name)
{
	if (o->jw) {
		jsonw_name(o->jw, name);
		jsonw_start_array(o->jw);
	}
}

static void list_end(const struct raw_out *o)
{
	if (o->jw)
		jsonw_end_array(o->jw);
}

/* Start one element of a list: a JSON object, or an indented text line. */
static void elem_start(const struct raw_out *o, const char *name)
{
	if (o->jw) {
		jsonw_start_object(o->jw);
		if (name)
			jsonw_string_field(o->jw, "name", name);
	} else if (name) {
		fprintf(o->out, "\n\t'%s'", name);
	} else {
		fputs("\n\t", o->out);
	}
}

static void elem_end(const struct raw_out *o)
{
	if (o->jw)
		jsonw_end_object(o->jw);
}

static void dump_int(const struct raw_out *o, const struct btf_type *t)
{
	field_u(o, "size", t->size);
	field_u(o, "bits_offset", btf_int_offset(t));
	field_u(o, "nr_bits", btf_int_bits(t));
	field_str(o, "encoding", int_encoding_str(btf_int_encoding(t)));
}

static void dump_array(const struct raw_out *o, const struct btf_type *t)
{
	const struct btf_array *a = btf_array(t);

	field_u(o, "type_id", a->type);
	field_u(o, "index_type_id", a->index_type);
	field_u(o, "nr_elems", a->nelems);
}

static void dump_members(const struct raw_out *o, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u32 i, bitfield;

	field_u(o, "size", t->size);
	field_u(o, "vlen", btf_vlen(t));
	list_start(o, "members");
	for (i = 0; i < btf_vlen(t); i++, m++) {
		elem_start(o, raw_name(o, m->name_off));
		if (o->jw)
			jsonw_uint_field(o->jw, "type_id", m->type);
		else
			fprintf(o->out, " type_id=%u", m->type);
		field_u(o, "bits_offset", btf_member_bit_offset(t, i));
		bitfield = btf_member_bitfield_size(t, i);
		if (bitfield)
			field_u(o, "bitfield_size", bitfield);
		elem_end(o);
	}
	list_end(o);
}

/* Enumerator value: text mode marks 64-bit values with a C suffix. */
static void enum_value(const struct raw_out *o, bool is_signed, bool is64, __u64 v)
{
	if (o->jw) {
		if (is_signed)
			jsonw_int_field(o->jw, "val", is64 ? (__s64)v : (__s32)v);
		else
			jsonw_uint_field(o->jw, "val", v);
	} else if (is_signed) {
		fprintf(o->out, " val=%lld%s", is64 ? (long long)v : (long long)(__s32)v,
			is64 ? "LL" : "");
	} else {
		fprintf(o->out, " val=%llu%s", (unsigned long long)v, is64 ? "ULL" : "");
	}
}

static void dump_enum(const struct raw_out *o, const struct btf_type *t)
{
	bool is64 = btf_is_enum64(t), is_signed = btf_kflag(t);
	__u32 i, name_off;
	__u64 v;

	field_str(o, "encoding", is_signed ? "SIGNED" : "UNSIGNED");
	field_u(o, "size", t->size);
	field_u(o, "vlen", btf_vlen(t));
	list_start(o, "values");
	for (i = 0; i < btf_vlen(t); i++) {
		if (is64) {
			name_off = btf_enum64(t)[i].name_off;
			v = btf_enum64_value(&btf_enum64(t)[i]);
		} else {
			name_off = btf_enum(t)[i].name_off;
			v = (__u32)btf_enum(t)[i].val;
		}
		elem_start(o, raw_name(o, name_off));
		enum_value(o, is_signed, is64, v);
		elem_end(o);
	}
	list_end(o);
}

static void dump_func_proto(const struct raw_out *o, const struct btf_type *t)
{
	const struct btf_param *p = btf_params(t);
	__u32 i;

	field_u(o, "ret_type_id", t->type);
	field_u(o, "vlen", btf_vlen(t));
	list_start(o, "params");
	for (i = 0; i < btf_vlen(t); i++, p++) {
		elem_start(o, raw_name(o, p->name_off));
		field_u(o, "type_id", p->type);
		elem_end(o);
	}
	list_end(o);
}

static void dump_datasec(const struct raw_out *o, const struct btf_type *t)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	const struct btf_type *vt;
	__u32 i;

	field_u(o, "size", t->size);
	field_u(o, "vlen", btf_vlen(t));
	list_start(o, "vars");
	for (i = 0; i < btf_vlen(t); i++, v++) {
		elem_start(o, NULL);
		if (o->jw)
			jsonw_uint_field(o->jw, "type_id", v->type);
		else
			fprintf(o->out, "type_id=%u", v->type);
		field_u(o, "offset", v->offset);
		field_u(o, "size", v->size);
		vt = btf__type_by_id(o->btf, v->type);
		if (!o->jw && vt)
			fprintf(o->out, " (%s '%s')", btf_kind_str(btf_kind(vt)),
				raw_name(o, vt->name_off));
		elem_end(o);
	}
	list_end(o);
}

static void dump_kind_fields(const struct raw_out *o, const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		dump_int(o, t);
		break;
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
		field_u(o, "type_id", t->type);
		break;
	case BTF_KIND_ARRAY:
		dump_array(o, t);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		dump_members(o, t);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		dump_enum(o, t);
		break;
	case BTF_KIND_FWD:
		field_str(o, "fwd_kind", btf_kflag(t) ? "union" : "struct");
		break;
	case BTF_KIND_FUNC:
		field_u(o, "type_id", t->type);
		field_str(o, "linkage", linkage_str(btf_vlen(t)));
		break;
	case BTF_KIND_FUNC_PROTO:
		dump_func_proto(o, t);
		break;
	case BTF_KIND_VAR:
		/* bpftool separates these two with a comma in text mode */
		if (o->jw) {
			jsonw_uint_field(o->jw, "type_id", t->type);
			jsonw_string_field(o->jw, "linkage", linkage_str(btf_var(t)->linkage));
		} else {
			fprintf(o->out, " type_id=%u, linkage=%s", t->type,
				linkage_str(btf_var(t)->linkage));
		}
		break;
	case BTF_KIND_DATASEC:
		dump_datasec(o, t);
		break;
	case BTF_KIND_FLOAT:
		field_u(o, "size", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		field_u(o, "type_id", t->type);
		field_s(o, "component_idx", btf_decl_tag(t)->component_idx);
		break;
	default:
		break;
	}
}

static void dump_type(const struct raw_out *o, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(o->btf, id);
	const char *kind = btf_kind_str(btf_kind(t));

	if (o->jw) {
		jsonw_start_object(o->jw);
		jsonw_uint_field(o->jw, "id", id);
		jsonw_string_field(o->jw, "kind", kind);
		jsonw_string_field(o->jw, "name", raw_name(o, t->name_off));
	} else {
		fprintf(o->out, "[%u] %s '%s'", id, kind, raw_name(o, t->name_off));
	}
	dump_kind_fields(o, t);
	if (o->jw)
		jsonw_end_object(o->jw);
	else
		putc('\n', o->out);
}

int btf_raw_dump(const struct btf *btf, FILE *out, struct json_writer *jw,
		 const __u32 *root_ids, int root_cnt)
{
	struct raw_out o = { .btf = btf, .out = out, .jw = jw };
	__u32 id, cnt = btf__type_cnt(btf);
	const struct btf *base = btf__base_btf(btf);
	int i;

	for (i = 0; i < root_cnt; i++) {
		if (root_ids[i] >= cnt) {
			pr_warn("invalid root id %u: the last type id is %u\n", root_ids[i], cnt - 1);
			return libbpf_err(-EINVAL);
		}
	}
	if (jw) {
		jsonw_start_object(jw);
		jsonw_name(jw, "types");
		jsonw_start_array(jw);
	}
	for (i = 0; i < root_cnt; i++)
		dump_type(&o, root_ids[i]);
	for (id = base ? btf__type_cnt(base) : 1; !root_cnt && id < cnt; id++)
		dump_type(&o, id);
	if (jw) {
		jsonw_end_array(jw);
		jsonw_end_object(jw);
	}
	return ferror(out) ? libbpf_err(-EIO) : 0;
}
