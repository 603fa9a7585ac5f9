// SPDX-License-Identifier: BSD-2-Clause
/*
 * Signatures of types for btf__dedup(): a hash of what two equal types
 * must share, and equality checks of one kind. Run after string dedup, so
 * equal string offsets mean equal strings. Struct, union, array and
 * function prototype checks come in two strengths: "equal" compares the
 * referenced type ids too (they are canonical by then), "shallow"/"compat"
 * leaves them to the graph equivalence check.
 */
#include <errno.h>
#include <string.h>

#include "btf_dedup.h"

static __u64 mix(__u64 h, __u64 v)
{
	return h * 31 + v;
}

__u64 dedup_hash_common(const struct btf_type *t)
{
	return mix(mix(mix(0, t->name_off), t->info), t->size);
}

/* The word after the common part: INT encoding, DECL_TAG component index. */
static __u32 extra_word(const struct btf_type *t)
{
	__u32 w;

	memcpy(&w, t + 1, sizeof(w));
	return w;
}

__u64 dedup_hash_int_tag(const struct btf_type *t)
{
	return mix(dedup_hash_common(t), extra_word(t));
}

/* Only the name: an enum forward declaration must meet its definition. */
__u64 dedup_hash_enum(const struct btf_type *t)
{
	return mix(0, t->name_off);
}

/* Member names and offsets, not types: those may not be canonical yet. */
__u64 dedup_hash_struct(const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u64 h = dedup_hash_common(t);
	__u16 i, n = btf_vlen(t);

	for (i = 0; i < n; i++)
		h = mix(mix(h, m[i].name_off), m[i].offset);
	return h;
}

__u64 dedup_hash_array(const struct btf_type *t)
{
	const struct btf_array *a = btf_array(t);

	return mix(mix(mix(dedup_hash_common(t), a->type), a->index_type), a->nelems);
}

__u64 dedup_hash_fnproto(const struct btf_type *t)
{
	const struct btf_param *p = btf_params(t);
	__u64 h = dedup_hash_common(t);
	__u16 i, n = btf_vlen(t);

	for (i = 0; i < n; i++)
		h = mix(mix(h, p[i].name_off), p[i].type);
	return h;
}

int dedup_hash_by_kind(const struct btf_type *t, __u64 *hash)
{
	switch (btf_kind(t)) {
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		*hash = dedup_hash_common(t);
		return 0;
	case BTF_KIND_INT:
	case BTF_KIND_DECL_TAG:
		*hash = dedup_hash_int_tag(t);
		return 0;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		*hash = dedup_hash_enum(t);
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		*hash = dedup_hash_struct(t);
		return 0;
	case BTF_KIND_ARRAY:
		*hash = dedup_hash_array(t);
		return 0;
	case BTF_KIND_FUNC_PROTO:
		*hash = dedup_hash_fnproto(t);
		return 0;
	default:
		return -EINVAL;
	}
}

bool dedup_equal_common(const struct btf_type *a, const struct btf_type *b)
{
	return a->name_off == b->name_off && a->info == b->info && a->size == b->size;
}

bool dedup_equal_int_tag(const struct btf_type *a, const struct btf_type *b)
{
	return dedup_equal_common(a, b) && extra_word(a) == extra_word(b);
}

/* Same kind, size, name and values, in order. */
bool dedup_equal_enum(const struct btf_type *a, const struct btf_type *b)
{
	__u16 i, n = btf_vlen(a);

	if (!dedup_equal_common(a, b))
		return false;
	if (btf_kind(a) == BTF_KIND_ENUM) {
		const struct btf_enum *ea = btf_enum(a), *eb = btf_enum(b);

		for (i = 0; i < n; i++)
			if (ea[i].name_off != eb[i].name_off || ea[i].val != eb[i].val)
				return false;
		return true;
	}
	for (i = 0; i < n; i++) {
		const struct btf_enum64 *ea = &btf_enum64(a)[i], *eb = &btf_enum64(b)[i];

		if (ea->name_off != eb->name_off || ea->val_lo32 != eb->val_lo32 ||
		    ea->val_hi32 != eb->val_hi32)
			return false;
	}
	return true;
}

bool dedup_is_enum_fwd(const struct btf_type *t)
{
	return btf_is_any_enum(t) && btf_vlen(t) == 0;
}

/*
 * Equal enums, or an enum forward declaration and an enum of that name:
 * of any size and of either kind, since a forward declaration of an enum
 * says nothing of its values' width.
 */
bool dedup_compat_enum(const struct btf_type *a, const struct btf_type *b)
{
	if (!dedup_is_enum_fwd(a) && !dedup_is_enum_fwd(b))
		return dedup_equal_enum(a, b);
	return a->name_off == b->name_off && btf_is_any_enum(a) && btf_is_any_enum(b);
}

bool dedup_shallow_equal_struct(const struct btf_type *a, const struct btf_type *b)
{
	const struct btf_member *ma = btf_members(a), *mb = btf_members(b);
	__u16 i, n = btf_vlen(a);

	if (!dedup_equal_common(a, b))
		return false;
	for (i = 0; i < n; i++)
		if (ma[i].name_off != mb[i].name_off || ma[i].offset != mb[i].offset)
			return false;
	return true;
}

bool dedup_equal_array(const struct btf_type *a, const struct btf_type *b)
{
	const struct btf_array *aa = btf_array(a), *ab = btf_array(b);

	return dedup_equal_common(a, b) && aa->type == ab->type &&
	       aa->index_type == ab->index_type && aa->nelems == ab->nelems;
}

bool dedup_compat_array(const struct btf_type *a, const struct btf_type *b)
{
	return dedup_equal_common(a, b) && btf_array(a)->nelems == btf_array(b)->nelems;
}

bool dedup_equal_fnproto(const struct btf_type *a, const struct btf_type *b)
{
	const struct btf_param *pa = btf_params(a), *pb = btf_params(b);
	__u16 i, n = btf_vlen(a);

	if (!dedup_equal_common(a, b))
		return false;
	for (i = 0; i < n; i++)
		if (pa[i].name_off != pb[i].name_off || pa[i].type != pb[i].type)
			return false;
	return true;
}

/* Names and parameter count; the return type is the equivalence check's. */
bool dedup_compat_fnproto(const struct btf_type *a, const struct btf_type *b)
{
	const struct btf_param *pa = btf_params(a), *pb = btf_params(b);
	__u16 i, n = btf_vlen(a);

	if (a->name_off != b->name_off || a->info != b->info)
		return false;
	for (i = 0; i < n; i++)
		if (pa[i].name_off != pb[i].name_off)
			return false;
	return true;
}
