// SPDX-License-Identifier: BSD-2-Clause
/*
 * Walking the string offsets and type ids of a type record, for the
 * writers that rewrite them (btf__add_type/btf__add_btf, btf__dedup).
 */
#include <bpf/btf.h>

#include "btf_type_fields.h"

int btf_type_visit_strs(struct btf_type *t, btf_field_fn fn, void *ctx)
{
	__u16 i, n = btf_vlen(t);
	int err = fn(&t->name_off, ctx);

	for (i = 0; !err && i < n; i++) {
		switch (btf_kind(t)) {
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			err = fn(&btf_members(t)[i].name_off, ctx);
			break;
		case BTF_KIND_ENUM:
			err = fn(&btf_enum(t)[i].name_off, ctx);
			break;
		case BTF_KIND_ENUM64:
			err = fn(&btf_enum64(t)[i].name_off, ctx);
			break;
		case BTF_KIND_FUNC_PROTO:
			err = fn(&btf_params(t)[i].name_off, ctx);
			break;
		default:
			/* FUNC keeps its linkage in vlen, DATASEC has no names */
			return 0;
		}
	}
	return err;
}

int btf_type_visit_ids(struct btf_type *t, btf_field_fn fn, void *ctx)
{
	__u16 i, n = btf_vlen(t);
	int err = 0;

	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_TYPE_TAG:
		return fn(&t->type, ctx);
	case BTF_KIND_ARRAY:
		err = fn(&btf_array(t)->type, ctx);
		return err ?: fn(&btf_array(t)->index_type, ctx);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; !err && i < n; i++)
			err = fn(&btf_members(t)[i].type, ctx);
		return err;
	case BTF_KIND_FUNC_PROTO:
		err = fn(&t->type, ctx);
		for (i = 0; !err && i < n; i++)
			err = fn(&btf_params(t)[i].type, ctx);
		return err;
	case BTF_KIND_DATASEC:
		for (i = 0; !err && i < n; i++)
			err = fn(&btf_var_secinfos(t)[i].type, ctx);
		return err;
	default:
		return 0;
	}
}
