// SPDX-License-Identifier: BSD-2-Clause
/*
 * Whether two declarations of one global symbol agree, judged on their
 * BTF: the same shape of type (names, sizes, members, parameters; behind a
 * pointer only the kind and name, so that a forward declaration matches
 * its struct), and for maps in .maps the same definition, attribute for
 * attribute.
 */
#include <string.h>

#include <bpf/btf.h>

#include "btf_internal.h"
#include "core_relo_internal.h"
#include "linker_internal.h"
#include "log.h"

struct match {
	const char *sym;
	const struct btf *b1, *b2;
	const char *f1, *f2;	/* the files of b1 and b2, for messages */
};

static const char *kind_of(const struct btf_type *t)
{
	return btf_kind_str(btf_kind(t));
}

static bool types_match(const struct match *m, __u32 id1, __u32 id2, bool exact, int depth);

/* One side a forward declaration, the other a struct or union: names and kinds must agree. */
static bool fwd_matches(const struct match *m, const struct btf_type *t1,
			const struct btf_type *t2)
{
	const struct btf_type *fwd = btf_is_fwd(t1) ? t1 : t2;
	const struct btf_type *other = fwd == t1 ? t2 : t1;
	const char *n1 = btf__name_by_offset(m->b1, t1->name_off);
	const char *n2 = btf__name_by_offset(m->b2, t2->name_off);
	bool is_union = btf_kflag(fwd);

	if (strcmp(n1, n2)) {
		pr_warn("linker: global '%s': forward declaration '%s' and type '%s' differ\n",
			m->sym, n1, n2);
		return false;
	}
	if ((is_union && btf_is_union(other)) || (!is_union && btf_is_struct(other)))
		return true;
	pr_warn("linker: global '%s': %s forward declaration '%s' is a %s elsewhere\n", m->sym,
		is_union ? "union" : "struct", n1, kind_of(other));
	return false;
}

static bool members_match(const struct match *m, const struct btf_type *t1,
			  const struct btf_type *t2, int depth)
{
	const struct btf_member *m1 = btf_members(t1), *m2 = btf_members(t2);
	__u16 i;

	if (btf_vlen(t1) != btf_vlen(t2)) {
		pr_warn("linker: global '%s': %s has %u fields in '%s' and %u in '%s'\n",
			m->sym, kind_of(t1), btf_vlen(t1), m->f1, btf_vlen(t2), m->f2);
		return false;
	}
	for (i = 0; i < btf_vlen(t1); i++) {
		const char *n1 = btf__name_by_offset(m->b1, m1[i].name_off);
		const char *n2 = btf__name_by_offset(m->b2, m2[i].name_off);

		if (strcmp(n1, n2) || m1[i].offset != m2[i].offset) {
			pr_warn("linker: global '%s': field #%u differs ('%s' and '%s')\n",
				m->sym, i, n1, n2);
			return false;
		}
		if (!types_match(m, m1[i].type, m2[i].type, true, depth + 1))
			return false;
	}
	return true;
}

static bool params_match(const struct match *m, const struct btf_type *t1,
			 const struct btf_type *t2, bool exact, int depth)
{
	const struct btf_param *p1 = btf_params(t1), *p2 = btf_params(t2);
	__u16 i;

	if (btf_vlen(t1) != btf_vlen(t2)) {
		pr_warn("linker: global '%s': function has %u parameters in '%s' and %u in '%s'\n",
			m->sym, btf_vlen(t1), m->f1, btf_vlen(t2), m->f2);
		return false;
	}
	for (i = 0; i < btf_vlen(t1); i++)
		if (!types_match(m, p1[i].type, p2[i].type, exact, depth + 1))
			return false;
	return types_match(m, t1->type, t2->type, exact, depth + 1);
}

static bool names_match(const struct match *m, const struct btf_type *t1,
			const struct btf_type *t2)
{
	const char *n1 = btf__name_by_offset(m->b1, t1->name_off);
	const char *n2 = btf__name_by_offset(m->b2, t2->name_off);

	switch (btf_kind(t1)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
		if (strcmp(n1, n2)) {
			pr_warn("linker: global '%s': %s is named '%s' in '%s' and '%s' in '%s'\n",
				m->sym, kind_of(t1), n1, m->f1, n2, m->f2);
			return false;
		}
		return true;
	default:
		return true;
	}
}

static bool linkage_static(const struct btf_type *t)
{
	if (btf_is_func(t))
		return btf_vlen(t) == BTF_FUNC_STATIC;
	return btf_var(t)->linkage == BTF_VAR_STATIC;
}

static bool types_match(const struct match *m, __u32 id1, __u32 id2, bool exact, int depth)
{
	const struct btf_type *t1 = core_skip_mods_typedefs(m->b1, id1, NULL);
	const struct btf_type *t2 = core_skip_mods_typedefs(m->b2, id2, NULL);

	if (!t1 || !t2 || depth > BTF_MAX_CHAIN_DEPTH) {
		pr_warn("linker: global '%s': its type can't be resolved\n", m->sym);
		return false;
	}
	if (!exact && btf_is_fwd(t1) != btf_is_fwd(t2))
		return fwd_matches(m, t1, t2);
	if (btf_kind(t1) != btf_kind(t2)) {
		pr_warn("linker: global '%s': a %s in '%s', a %s in '%s'\n", m->sym,
			kind_of(t1), m->f1, kind_of(t2), m->f2);
		return false;
	}
	if (!names_match(m, t1, t2))
		return false;
	switch (btf_kind(t1)) {
	case BTF_KIND_UNKN:
	case BTF_KIND_FWD:
		return true;
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (t1->size == t2->size)
			return true;
		pr_warn("linker: global '%s': %s of %u bytes in '%s', of %u in '%s'\n", m->sym,
			kind_of(t1), t1->size, m->f1, t2->size, m->f2);
		return false;
	case BTF_KIND_PTR:
		return types_match(m, t1->type, t2->type, false, depth + 1);
	case BTF_KIND_ARRAY:
		return types_match(m, btf_array(t1)->type, btf_array(t2)->type, exact, depth + 1);
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
		if (linkage_static(t1) != linkage_static(t2)) {
			pr_warn("linker: global '%s': static in only one of '%s' and '%s'\n",
				m->sym, m->f1, m->f2);
			return false;
		}
		return types_match(m, t1->type, t2->type, exact, depth + 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return !exact || members_match(m, t1, t2, depth);
	case BTF_KIND_FUNC_PROTO:
		return params_match(m, t1, t2, exact, depth);
	default:
		pr_warn("linker: global '%s': a %s can't be compared\n", m->sym, kind_of(t1));
		return false;
	}
}

/* Declarations id1 in b1 (of file f1) and id2 in b2 (VARs or FUNCs) of global sym agree. */
bool linker_btf_types_match(const char *sym, const struct btf *b1, __u32 id1, const char *f1,
			    const struct btf *b2, __u32 id2, const char *f2)
{
	struct match m = { sym, b1, b2, f1, f2 };

	return types_match(&m, id1, id2, true, 0);
}

/* The attributes of a BTF-defined map (struct { __uint(...); __type(...); ... }). */
struct map_def {
	__u32 uints[8];
	__u32 key, value;	/* type ids of __type(key/value), 0 if absent */
	__u32 inner;		/* the inner map's definition struct, 0 if none */
	bool has_values;
};

static const char *const uint_attrs[] = {
	"type", "max_entries", "map_flags", "numa_node", "pinning", "key_size", "value_size",
	"map_extra",
};

static int map_def_attr(const struct btf *btf, const struct btf_member *mb, struct map_def *d)
{
	const char *name = btf__name_by_offset(btf, mb->name_off);
	const struct btf_type *t = core_skip_mods_typedefs(btf, mb->type, NULL);
	const struct btf_type *elem;
	size_t i;

	if (!t)
		return -1;
	for (i = 0; i < sizeof(uint_attrs) / sizeof(uint_attrs[0]); i++) {
		if (strcmp(name, uint_attrs[i]))
			continue;
		elem = btf_is_ptr(t) ? btf__type_by_id(btf, t->type) : NULL;
		if (!elem || !btf_is_array(elem))
			return -1;
		d->uints[i] = btf_array(elem)->nelems;
		return 0;
	}
	if (!strcmp(name, "key") || !strcmp(name, "value")) {
		if (!btf_is_ptr(t))
			return -1;
		*(name[0] == 'k' ? &d->key : &d->value) = t->type;
		return 0;
	}
	if (!strcmp(name, "values")) {
		if (!btf_is_array(t))
			return -1;
		d->has_values = true;
		elem = core_skip_mods_typedefs(btf, btf_array(t)->type, NULL);
		if (elem && btf_is_ptr(elem)) {
			elem = core_skip_mods_typedefs(btf, elem->type, &d->inner);
			if (!elem || !btf_is_struct(elem))
				d->inner = 0;
		}
		return 0;
	}
	return -1;
}

static int map_def_parse(const struct btf *btf, __u32 struct_id, struct map_def *d)
{
	const struct btf_type *t = core_skip_mods_typedefs(btf, struct_id, NULL);
	__u16 i;

	memset(d, 0, sizeof(*d));
	if (!t || !btf_is_struct(t))
		return -1;
	for (i = 0; i < btf_vlen(t); i++)
		if (map_def_attr(btf, &btf_members(t)[i], d))
			return -1;
	return 0;
}

static bool map_types_match(const struct match *m, __u32 id1, __u32 id2, const char *what)
{
	if (!id1 != !id2) {
		pr_warn("linker: map '%s': %s type given in only one of '%s' and '%s'\n", m->sym,
			what, m->f1, m->f2);
		return false;
	}
	return !id1 || types_match(m, id1, id2, true, 0);
}

static bool map_structs_match(const struct match *m, __u32 s1, __u32 s2, int depth)
{
	struct map_def d1, d2;
	size_t i;

	if (map_def_parse(m->b1, s1, &d1) || map_def_parse(m->b2, s2, &d2)) {
		pr_warn("linker: map '%s': its definition is not a valid BTF map definition\n",
			m->sym);
		return false;
	}
	for (i = 0; i < sizeof(uint_attrs) / sizeof(uint_attrs[0]); i++) {
		if (d1.uints[i] != d2.uints[i]) {
			pr_warn("linker: map '%s': %s is %u in '%s' and %u in '%s'\n", m->sym,
				uint_attrs[i], d1.uints[i], m->f1, d2.uints[i], m->f2);
			return false;
		}
	}
	if (!map_types_match(m, d1.key, d2.key, "key") ||
	    !map_types_match(m, d1.value, d2.value, "value"))
		return false;
	if (d1.has_values != d2.has_values || !d1.inner != !d2.inner) {
		pr_warn("linker: map '%s': inner map given in only one of '%s' and '%s'\n", m->sym,
			m->f1, m->f2);
		return false;
	}
	return !d1.inner || depth > 0 || map_structs_match(m, d1.inner, d2.inner, depth + 1);
}

/* The map definitions of VARs var1 in b1 and var2 in b2 agree. */
bool linker_map_defs_match(const char *sym, const struct btf *b1, __u32 var1, const char *f1,
			   const struct btf *b2, __u32 var2, const char *f2)
{
	const struct btf_type *v1 = btf__type_by_id(b1, var1), *v2 = btf__type_by_id(b2, var2);
	struct match m = { sym, b1, b2, f1, f2 };

	if (!v1 || !v2 || !btf_is_var(v1) || !btf_is_var(v2)) {
		pr_warn("linker: map '%s': not a variable in .maps\n", sym);
		return false;
	}
	return map_structs_match(&m, v1->type, v2->type, 0);
}
