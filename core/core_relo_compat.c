// SPDX-License-Identifier: BSD-2-Clause
/*
 * CO-RE type compatibility: which target types may stand for a local one.
 * Three relations of increasing strictness, with libbpf's rules:
 * field compatibility (a relocated load reads the target field as the
 * local one), type compatibility (type-based relocations) and type
 * matching (bpf_core_type_matches()).
 */
#include <errno.h>
#include <string.h>

#include "btf_internal.h"
#include "core_relo_internal.h"
#include "log.h"

static bool str_empty(const char *s)
{
	return !s || !s[0];
}

/* "X___Y" with X and Y not underscores: the flavour separator. */
static bool is_flavour_sep(const char *s)
{
	return s[0] != '_' && s[1] == '_' && s[2] == '_' && s[3] == '_' && s[4] != '_';
}

size_t core_essential_name_len(const char *name)
{
	size_t n = strlen(name), i;

	/* the last separator wins: "a___b___c" is flavour "c" of "a___b" */
	for (i = n >= 5 ? n - 5 + 1 : 0; i-- > 0;) {
		if (is_flavour_sep(name + i))
			return i + 1;
	}
	return n;
}

const struct btf_type *core_skip_mods_typedefs(const struct btf *btf, __u32 id, __u32 *res_id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int depth;

	for (depth = 0; t && depth < CORE_COMPAT_DEPTH * 2; depth++) {
		if (!btf_is_mod(t) && !btf_is_typedef(t) && !btf_is_type_tag(t))
			break;
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (t && (btf_is_mod(t) || btf_is_typedef(t) || btf_is_type_tag(t)))
		t = NULL;	/* chain too long */
	if (res_id)
		*res_id = id;
	return t;
}

bool core_kinds_compat(const struct btf_type *a, const struct btf_type *b)
{
	return btf_kind(a) == btf_kind(b) || (btf_is_any_enum(a) && btf_is_any_enum(b));
}

/* Names equal up to their flavours; an anonymous target matches only an anonymous local. */
static bool names_match(const struct btf *local_btf, __u32 local_off,
			const struct btf *targ_btf, __u32 targ_off)
{
	const char *l = btf__name_by_offset(local_btf, local_off);
	const char *t = btf__name_by_offset(targ_btf, targ_off);
	size_t llen, tlen;

	if (str_empty(t))
		return str_empty(l);
	if (str_empty(l))
		return false;
	llen = core_essential_name_len(l);
	tlen = core_essential_name_len(t);
	return llen == tlen && !strncmp(l, t, llen);
}

/* Enums (or fwds) are the same if both are named alike or either is anonymous. */
static bool enum_names_compat(const struct btf *local_btf, const struct btf_type *lt,
			      const struct btf *targ_btf, const struct btf_type *tt)
{
	const char *l = btf__name_by_offset(local_btf, lt->name_off);
	const char *t = btf__name_by_offset(targ_btf, tt->name_off);
	size_t llen = l ? core_essential_name_len(l) : 0;
	size_t tlen = t ? core_essential_name_len(t) : 0;

	return !llen || !tlen || (llen == tlen && !strncmp(l, t, llen));
}

int core_fields_compat(const struct btf *local_btf, __u32 local_id,
		       const struct btf *targ_btf, __u32 targ_id)
{
	const struct btf_type *lt, *tt;
	int depth;

	for (depth = 0; depth < CORE_COMPAT_DEPTH; depth++) {
		lt = core_skip_mods_typedefs(local_btf, local_id, &local_id);
		tt = core_skip_mods_typedefs(targ_btf, targ_id, &targ_id);
		if (!lt || !tt)
			return -EINVAL;
		if (btf_is_composite(lt) && btf_is_composite(tt))
			return 1;
		if (!core_kinds_compat(lt, tt))
			return 0;
		switch (btf_kind(lt)) {
		case BTF_KIND_PTR:
		case BTF_KIND_FLOAT:
			return 1;
		case BTF_KIND_FWD:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			return enum_names_compat(local_btf, lt, targ_btf, tt);
		case BTF_KIND_INT:
			/* size and signedness may differ; old bitfield-style ints may not */
			return !btf_int_offset(lt) && !btf_int_offset(tt);
		case BTF_KIND_ARRAY:
			local_id = btf_array(lt)->type;
			targ_id = btf_array(tt)->type;
			continue;
		default:
			return 0;
		}
	}
	return -EINVAL;
}

static int types_compat(const struct btf *local_btf, __u32 local_id,
			const struct btf *targ_btf, __u32 targ_id, int level);

/* Kinds no relocation should reach (variables, sections, ...): never compatible. */
static int unexpected_kind(const struct btf_type *lt, __u32 local_id, __u32 targ_id)
{
	pr_warn("CO-RE: unexpected kind %s relocated, local [%u], target [%u]\n",
		btf_kind_str(btf_kind(lt)), local_id, targ_id);
	return 0;
}

static int protos_compat(const struct btf *local_btf, const struct btf_type *lt,
			 const struct btf *targ_btf, const struct btf_type *tt, int level)
{
	const struct btf_param *lp = btf_params(lt), *tp = btf_params(tt);
	__u16 i, n = btf_vlen(lt);
	__u32 lid, tid;
	int err;

	if (n != btf_vlen(tt))
		return 0;
	for (i = 0; i < n; i++) {
		if (level <= 0)
			return -EINVAL;
		core_skip_mods_typedefs(local_btf, lp[i].type, &lid);
		core_skip_mods_typedefs(targ_btf, tp[i].type, &tid);
		err = types_compat(local_btf, lid, targ_btf, tid, level - 1);
		if (err <= 0)
			return err;
	}
	return 1;
}

static int types_compat(const struct btf *local_btf, __u32 local_id,
			const struct btf *targ_btf, __u32 targ_id, int level)
{
	const struct btf_type *lt = btf__type_by_id(local_btf, local_id);
	const struct btf_type *tt = btf__type_by_id(targ_btf, targ_id);
	int depth, err;

	/* the root kinds must agree before typedefs are looked through */
	if (!lt || !tt || !core_kinds_compat(lt, tt))
		return lt && tt ? 0 : -EINVAL;
	for (depth = 0; depth < CORE_COMPAT_DEPTH; depth++) {
		lt = core_skip_mods_typedefs(local_btf, local_id, &local_id);
		tt = core_skip_mods_typedefs(targ_btf, targ_id, &targ_id);
		if (!lt || !tt)
			return -EINVAL;
		if (!core_kinds_compat(lt, tt))
			return 0;
		switch (btf_kind(lt)) {
		case BTF_KIND_UNKN:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FWD:
			return 1;
		case BTF_KIND_INT:
			return !btf_int_offset(lt) && !btf_int_offset(tt);
		case BTF_KIND_PTR:
			local_id = lt->type;
			targ_id = tt->type;
			continue;
		case BTF_KIND_ARRAY:
			local_id = btf_array(lt)->type;
			targ_id = btf_array(tt)->type;
			continue;
		case BTF_KIND_FUNC_PROTO:
			err = protos_compat(local_btf, lt, targ_btf, tt, level);
			if (err <= 0)
				return err;
			/* then the return types */
			core_skip_mods_typedefs(local_btf, lt->type, &local_id);
			core_skip_mods_typedefs(targ_btf, tt->type, &targ_id);
			continue;
		default:
			return unexpected_kind(lt, local_id, targ_id);
		}
	}
	return -EINVAL;
}

int core_types_compat(const struct btf *local_btf, __u32 local_id,
		      const struct btf *targ_btf, __u32 targ_id)
{
	return types_compat(local_btf, local_id, targ_btf, targ_id, CORE_COMPAT_LEVELS);
}

/* The enumerator name at index i of an enum or enum64. */
static __u32 enumerator_name_off(const struct btf_type *t, __u16 i)
{
	return btf_is_enum(t) ? btf_enum(t)[i].name_off : btf_enum64(t)[i].name_off;
}

/* Same size, and every local enumerator has a namesake in the target. */
static int enums_match(const struct btf *local_btf, const struct btf_type *lt,
		       const struct btf *targ_btf, const struct btf_type *tt)
{
	__u16 i, j, ln = btf_vlen(lt), tn = btf_vlen(tt);

	if (lt->size != tt->size || ln > tn)
		return 0;
	for (i = 0; i < ln; i++) {
		for (j = 0; j < tn; j++) {
			if (names_match(local_btf, enumerator_name_off(lt, i),
					targ_btf, enumerator_name_off(tt, j)))
				break;
		}
		if (j == tn)
			return 0;
	}
	return 1;
}

static int types_match(const struct btf *local_btf, __u32 local_id,
		       const struct btf *targ_btf, __u32 targ_id, bool behind_ptr, int level);

/* Every local member has a namesake in the target whose type matches. */
static int composites_match(const struct btf *local_btf, const struct btf_type *lt,
			    const struct btf *targ_btf, const struct btf_type *tt,
			    bool behind_ptr, int level)
{
	const struct btf_member *lm = btf_members(lt), *tm;
	__u16 i, j, ln = btf_vlen(lt), tn = btf_vlen(tt);
	int err;

	if (ln > tn)
		return 0;
	for (i = 0; i < ln; i++) {
		tm = btf_members(tt);
		for (j = 0; j < tn; j++) {
			if (!names_match(local_btf, lm[i].name_off, targ_btf, tm[j].name_off))
				continue;
			err = types_match(local_btf, lm[i].type, targ_btf, tm[j].type,
					  behind_ptr, level - 1);
			if (err < 0)
				return err;
			if (err > 0)
				break;
		}
		if (j == tn)
			return 0;
	}
	return 1;
}

static int fwd_match(const struct btf_type *lt, const struct btf_type *tt, bool behind_ptr)
{
	bool is_union = btf_kflag(lt);

	if (btf_kind(tt) == BTF_KIND_FWD)
		return is_union == btf_kflag(tt);
	/* behind a pointer a declaration stands for the struct (kflag 0) or union it names */
	return behind_ptr && (is_union ? btf_is_union(tt) : btf_is_struct(tt));
}

static int composite_match(const struct btf *local_btf, const struct btf_type *lt,
			   const struct btf *targ_btf, const struct btf_type *tt,
			   bool behind_ptr, int level)
{
	if (behind_ptr) {
		if (btf_kind(lt) == btf_kind(tt))
			return 1;
		return btf_is_fwd(tt) && btf_is_union(lt) == btf_kflag(tt);
	}
	if (btf_kind(lt) != btf_kind(tt))
		return 0;
	return composites_match(local_btf, lt, targ_btf, tt, behind_ptr, level);
}

static int protos_match(const struct btf *local_btf, const struct btf_type *lt,
			const struct btf *targ_btf, const struct btf_type *tt,
			bool behind_ptr, int level)
{
	const struct btf_param *lp = btf_params(lt), *tp = btf_params(tt);
	__u16 i, n = btf_vlen(lt);
	int err;

	if (n != btf_vlen(tt))
		return 0;
	for (i = 0; i < n; i++) {
		err = types_match(local_btf, lp[i].type, targ_btf, tp[i].type, behind_ptr,
				  level - 1);
		if (err <= 0)
			return err;
	}
	return 1;
}

static int types_match(const struct btf *local_btf, __u32 local_id,
		       const struct btf *targ_btf, __u32 targ_id, bool behind_ptr, int level)
{
	const struct btf_type *lt, *tt;
	int depth, err;

	if (level <= 0)
		return -EINVAL;
	for (depth = 0; depth < CORE_COMPAT_DEPTH; depth++) {
		lt = core_skip_mods_typedefs(local_btf, local_id, &local_id);
		tt = core_skip_mods_typedefs(targ_btf, targ_id, &targ_id);
		if (!lt || !tt)
			return -EINVAL;
		if (!names_match(local_btf, lt->name_off, targ_btf, tt->name_off))
			return 0;
		switch (btf_kind(lt)) {
		case BTF_KIND_UNKN:
			return btf_kind(tt) == BTF_KIND_UNKN;
		case BTF_KIND_FWD:
			return fwd_match(lt, tt, behind_ptr);
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			return btf_is_any_enum(tt) && enums_match(local_btf, lt, targ_btf, tt);
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			return composite_match(local_btf, lt, targ_btf, tt, behind_ptr, level);
		case BTF_KIND_INT:
			return btf_is_int(tt) && lt->size == tt->size &&
			       (btf_int_encoding(lt) & BTF_INT_SIGNED) ==
			       (btf_int_encoding(tt) & BTF_INT_SIGNED);
		case BTF_KIND_PTR:
			if (!btf_is_ptr(tt))
				return 0;
			behind_ptr = true;
			local_id = lt->type;
			targ_id = tt->type;
			continue;
		case BTF_KIND_ARRAY:
			if (!btf_is_array(tt) || btf_array(lt)->nelems != btf_array(tt)->nelems)
				return 0;
			local_id = btf_array(lt)->type;
			targ_id = btf_array(tt)->type;
			continue;
		case BTF_KIND_FUNC_PROTO:
			if (!btf_is_func_proto(tt))
				return 0;
			err = protos_match(local_btf, lt, targ_btf, tt, behind_ptr, level);
			if (err <= 0)
				return err;
			local_id = lt->type;
			targ_id = tt->type;
			continue;
		default:
			return unexpected_kind(lt, local_id, targ_id);
		}
	}
	return -EINVAL;
}

int core_types_match(const struct btf *local_btf, __u32 local_id,
		     const struct btf *targ_btf, __u32 targ_id)
{
	return types_match(local_btf, local_id, targ_btf, targ_id, false, CORE_COMPAT_LEVELS);
}
