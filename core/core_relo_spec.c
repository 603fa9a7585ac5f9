// SPDX-License-Identifier: BSD-2-Clause
/*
 * CO-RE access specs: the access string clang records ("0:1:2": index into
 * the root pointer, then member or array indices) turned into the path of
 * named members and indices it means in the local BTF, and that path
 * looked up by name in a candidate target type.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "btf_internal.h"
#include "core_relo_internal.h"
#include "log.h"

/* Offsets beyond this many bits cannot be encoded in an instruction anyway. */
#define CORE_MAX_BIT_OFFSET (1ULL << 40)

bool core_relo_is_field_based(enum bpf_core_relo_kind kind)
{
	return kind <= BPF_CORE_FIELD_RSHIFT_U64;
}

bool core_relo_is_type_based(enum bpf_core_relo_kind kind)
{
	return (kind >= BPF_CORE_TYPE_ID_LOCAL && kind <= BPF_CORE_TYPE_SIZE) ||
	       kind == BPF_CORE_TYPE_MATCHES;
}

bool core_relo_is_enumval_based(enum bpf_core_relo_kind kind)
{
	return kind == BPF_CORE_ENUMVAL_EXISTS || kind == BPF_CORE_ENUMVAL_VALUE;
}

const char *core_relo_kind_str(enum bpf_core_relo_kind kind)
{
	static const char *const names[] = {
		[BPF_CORE_FIELD_BYTE_OFFSET] = "byte_off",
		[BPF_CORE_FIELD_BYTE_SIZE] = "byte_sz",
		[BPF_CORE_FIELD_EXISTS] = "field_exists",
		[BPF_CORE_FIELD_SIGNED] = "signed",
		[BPF_CORE_FIELD_LSHIFT_U64] = "lshift_u64",
		[BPF_CORE_FIELD_RSHIFT_U64] = "rshift_u64",
		[BPF_CORE_TYPE_ID_LOCAL] = "local_type_id",
		[BPF_CORE_TYPE_ID_TARGET] = "target_type_id",
		[BPF_CORE_TYPE_EXISTS] = "type_exists",
		[BPF_CORE_TYPE_SIZE] = "type_size",
		[BPF_CORE_ENUMVAL_EXISTS] = "enumval_exists",
		[BPF_CORE_ENUMVAL_VALUE] = "enumval_value",
		[BPF_CORE_TYPE_MATCHES] = "type_matches",
	};

	if ((unsigned int)kind < sizeof(names) / sizeof(names[0]) && names[kind])
		return names[kind];
	return "unknown";
}

/* "0:1:2" into raw[]; strictly decimal indices separated by single colons. */
static int parse_access_str(const char *s, struct core_spec *spec)
{
	unsigned long v;

	if (!s || !*s)
		return -EINVAL;
	for (;;) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		for (v = 0; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (unsigned long)(*s - '0');
			if (v > INT_MAX)
				return -EINVAL;
		}
		if (spec->raw_len == CORE_SPEC_MAX_LEN)
			return -E2BIG;
		spec->raw[spec->raw_len++] = v;
		if (!*s)
			return 0;
		if (*s++ != ':')
			return -EINVAL;
	}
}

/*
 * An array with no elements as the last member of a struct: indexing it
 * past its (zero) bound is the point. acc is the accessor of that member.
 */
static bool is_flex_arr(const struct btf *btf, const struct core_accessor *acc,
			const struct btf_array *arr)
{
	const struct btf_type *t;

	if (!acc->name || arr->nelems)
		return false;
	t = btf__type_by_id(btf, acc->type_id);
	return t && acc->idx + 1 == btf_vlen(t);
}

static int add_bits(__u64 *bit_offset, __u64 bits)
{
	*bit_offset += bits;
	return *bit_offset > CORE_MAX_BIT_OFFSET ? -E2BIG : 0;
}

static int parse_enumval(const struct btf *btf, const struct btf_type *t, struct core_spec *spec)
{
	struct core_accessor *acc = &spec->spec[0];
	__u32 name_off;

	if (!btf_is_any_enum(t) || spec->raw_len > 1 || acc->idx >= btf_vlen(t))
		return -EINVAL;
	name_off = btf_is_enum(t) ? btf_enum(t)[acc->idx].name_off
				  : btf_enum64(t)[acc->idx].name_off;
	acc->name = btf__name_by_offset(btf, name_off);
	return acc->name && acc->name[0] ? 0 : -EINVAL;
}

/* Step i of the raw access through struct/union t (id). */
static int parse_member(const struct btf *btf, const struct btf_type *t, __u32 *id,
			__u32 idx, struct core_spec *spec)
{
	const struct btf_member *m;
	const char *name;
	int err;

	if (idx >= btf_vlen(t))
		return -EINVAL;
	err = add_bits(&spec->bit_offset, btf_member_bit_offset(t, idx));
	if (err)
		return err;
	m = btf_members(t) + idx;
	if (m->name_off) {
		name = btf__name_by_offset(btf, m->name_off);
		if (!name || !name[0])
			return -EINVAL;
		spec->spec[spec->len++] = (struct core_accessor){ *id, idx, name };
	}
	*id = m->type;
	return 0;
}

static int parse_index(const struct btf *btf, const struct btf_type *t, __u32 *id,
		       __u32 idx, struct core_spec *spec)
{
	const struct btf_array *a = btf_array(t);
	__s64 sz;

	if (!core_skip_mods_typedefs(btf, a->type, id))
		return -EINVAL;
	if (!is_flex_arr(btf, &spec->spec[spec->len - 1], a) && idx >= a->nelems)
		return -EINVAL;
	spec->spec[spec->len++] = (struct core_accessor){ *id, idx, NULL };
	sz = btf__resolve_size(btf, *id);
	if (sz < 0)
		return -EINVAL;
	return add_bits(&spec->bit_offset, (__u64)idx * sz * 8);
}

static int parse_field(const char *prog_name, int relo_idx, const struct btf *btf, __u32 id,
		       struct core_spec *spec)
{
	const struct btf_type *t;
	__s64 sz;
	int i, err;

	sz = btf__resolve_size(btf, id);
	if (sz < 0)
		return -EINVAL;
	err = add_bits(&spec->bit_offset, (__u64)spec->raw[0] * sz * 8);
	for (i = 1; !err && i < spec->raw_len; i++) {
		t = core_skip_mods_typedefs(btf, id, &id);
		if (!t)
			return -EINVAL;
		if (btf_is_composite(t)) {
			err = parse_member(btf, t, &id, spec->raw[i], spec);
		} else if (btf_is_array(t)) {
			err = parse_index(btf, t, &id, spec->raw[i], spec);
		} else {
			pr_warn("prog '%s': relo #%d: access step %d reaches [%u], a %s, "
				"neither struct, union nor array\n",
				prog_name, relo_idx, i, id, btf_kind_str(btf_kind(t)));
			return -EINVAL;
		}
	}
	return err;
}

int core_spec_parse(const char *prog_name, int relo_idx, const struct btf *local_btf,
		    const struct bpf_core_relo *relo, struct core_spec *spec)
{
	const char *str = btf__str_by_offset(local_btf, relo->access_str_off);
	const struct btf_type *t;
	__u32 id;
	int err;

	memset(spec, 0, sizeof(*spec));
	spec->btf = local_btf;
	spec->root_type_id = relo->type_id;
	spec->kind = relo->kind;
	if (!btf__type_by_id(local_btf, relo->type_id))
		return -EINVAL;
	/* type-based relocations carry no access beyond the type itself */
	if (core_relo_is_type_based(relo->kind))
		return str && !strcmp(str, "0") ? 0 : -EINVAL;
	err = parse_access_str(str, spec);
	if (err)
		return err;
	t = core_skip_mods_typedefs(local_btf, relo->type_id, &id);
	if (!t)
		return -EINVAL;
	spec->spec[0] = (struct core_accessor){ id, spec->raw[0], NULL };
	spec->len = 1;
	if (core_relo_is_enumval_based(relo->kind))
		return parse_enumval(local_btf, t, spec);
	if (!core_relo_is_field_based(relo->kind))
		return -EINVAL;
	return parse_field(prog_name, relo_idx, local_btf, id, spec);
}

/*
 * Find the member named like local_acc's in target composite targ_id,
 * looking through anonymous members; builds targ's raw path on the way.
 * 1 found (and compatible), 0 not, <0 error.
 */
static int match_member(const struct btf *local_btf, const struct core_accessor *local_acc,
			const struct btf *targ_btf, __u32 targ_id, struct core_spec *targ,
			__u32 *next_targ_id)
{
	const struct btf_type *lt, *tt;
	const struct btf_member *lm, *m;
	const char *lname, *tname;
	__u32 bits;
	__u16 i;
	int found;

	tt = core_skip_mods_typedefs(targ_btf, targ_id, &targ_id);
	if (!tt)
		return -EINVAL;
	if (!btf_is_composite(tt))
		return 0;
	lt = btf__type_by_id(local_btf, local_acc->type_id);
	lm = btf_members(lt) + local_acc->idx;
	lname = local_acc->name;
	m = btf_members(tt);
	for (i = 0; i < btf_vlen(tt); i++, m++) {
		if (targ->raw_len == CORE_SPEC_MAX_LEN)
			return -E2BIG;
		bits = btf_member_bit_offset(tt, i);
		targ->bit_offset += bits;
		targ->raw[targ->raw_len++] = i;
		tname = btf__name_by_offset(targ_btf, m->name_off);
		if (!tname || !tname[0]) {
			found = match_member(local_btf, local_acc, targ_btf, m->type, targ,
					     next_targ_id);
			if (found)
				return found;
		} else if (!strcmp(lname, tname)) {
			targ->spec[targ->len++] = (struct core_accessor){ targ_id, i, tname };
			*next_targ_id = m->type;
			found = core_fields_compat(local_btf, lm->type, targ_btf, m->type);
			if (!found)
				targ->len--;
			return found;
		}
		targ->bit_offset -= bits;
		targ->raw_len--;
	}
	return 0;
}

static int match_enumval(const struct core_spec *local, const struct btf *targ_btf,
			 __u32 targ_id, struct core_spec *targ)
{
	const struct btf_type *t = core_skip_mods_typedefs(targ_btf, targ_id, &targ_id);
	const char *lname = local->spec[0].name, *tname;
	size_t len = core_essential_name_len(lname);
	__u32 name_off;
	__u16 i;

	if (!t || !btf_is_any_enum(t))
		return 0;
	for (i = 0; i < btf_vlen(t); i++) {
		name_off = btf_is_enum(t) ? btf_enum(t)[i].name_off : btf_enum64(t)[i].name_off;
		tname = btf__name_by_offset(targ_btf, name_off);
		if (!tname || core_essential_name_len(tname) != len || strncmp(lname, tname, len))
			continue;
		targ->spec[0] = (struct core_accessor){ targ_id, i, tname };
		targ->len = 1;
		targ->raw[0] = i;
		targ->raw_len = 1;
		return 1;
	}
	return 0;
}

/* Index accessor i (> 0: into an array member; 0: the root pointer). */
static int match_index(const struct core_spec *local, int i, const struct btf_type *tt,
		       __u32 *targ_id, struct core_spec *targ)
{
	const struct core_accessor *lacc = &local->spec[i];
	const struct btf *btf = targ->btf;
	const struct btf_array *a;
	__s64 sz;

	if (i > 0) {
		if (!btf_is_array(tt))
			return 0;
		a = btf_array(tt);
		if (!is_flex_arr(btf, &targ->spec[targ->len - 1], a) && lacc->idx >= a->nelems)
			return 0;
		if (!core_skip_mods_typedefs(btf, a->type, targ_id))
			return -EINVAL;
	}
	if (targ->raw_len == CORE_SPEC_MAX_LEN)
		return -E2BIG;
	targ->spec[targ->len++] = (struct core_accessor){ *targ_id, lacc->idx, NULL };
	targ->raw[targ->raw_len++] = lacc->idx;
	sz = btf__resolve_size(btf, *targ_id);
	if (sz < 0)
		return -EINVAL;
	return add_bits(&targ->bit_offset, (__u64)lacc->idx * sz * 8) ? -E2BIG : 1;
}

int core_spec_match(const struct core_spec *local, const struct btf *targ_btf, __u32 targ_id,
		    struct core_spec *targ)
{
	const struct btf_type *tt;
	int i, ret;

	memset(targ, 0, sizeof(*targ));
	targ->btf = targ_btf;
	targ->root_type_id = targ_id;
	targ->kind = local->kind;
	if (core_relo_is_type_based(local->kind)) {
		if (local->kind == BPF_CORE_TYPE_MATCHES)
			return core_types_match(local->btf, local->root_type_id, targ_btf, targ_id);
		return core_types_compat(local->btf, local->root_type_id, targ_btf, targ_id);
	}
	if (core_relo_is_enumval_based(local->kind))
		return match_enumval(local, targ_btf, targ_id, targ);
	for (i = 0; i < local->len; i++) {
		tt = core_skip_mods_typedefs(targ_btf, targ_id, &targ_id);
		if (!tt)
			return -EINVAL;
		if (local->spec[i].name)
			ret = match_member(local->btf, &local->spec[i], targ_btf, targ_id, targ,
					   &targ_id);
		else
			ret = match_index(local, i, tt, &targ_id, targ);
		if (ret <= 0)
			return ret;
	}
	return 1;
}

/* snprintf that keeps appending at *len and never overruns buf. */
__attribute__((format(printf, 4, 5)))
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += n;
}

void core_spec_format(char *buf, size_t size, const struct core_spec *spec)
{
	const struct btf_type *t = btf__type_by_id(spec->btf, spec->root_type_id);
	const char *name = t ? btf__name_by_offset(spec->btf, t->name_off) : NULL;
	size_t len = 0;
	int i;

	if (!size)
		return;
	buf[0] = '\0';
	append(buf, size, &len, "<%s> [%u] %s %s", core_relo_kind_str(spec->kind),
	       spec->root_type_id, t ? btf_kind_str(btf_kind(t)) : "?",
	       name && name[0] ? name : "<anon>");
	if (core_relo_is_type_based(spec->kind))
		return;
	if (core_relo_is_enumval_based(spec->kind)) {
		if (spec->len)
			append(buf, size, &len, "::%s", spec->spec[0].name);
		return;
	}
	for (i = 0; i < spec->len; i++) {
		if (spec->spec[i].name)
			append(buf, size, &len, ".%s", spec->spec[i].name);
		else if (i > 0 || spec->spec[i].idx > 0)
			append(buf, size, &len, "[%u]", spec->spec[i].idx);
	}
	append(buf, size, &len, " (");
	for (i = 0; i < spec->raw_len; i++)
		append(buf, size, &len, "%s%u", i ? ":" : "", spec->raw[i]);
	append(buf, size, &len, " @ offset %llu", (unsigned long long)spec->bit_offset / 8);
	if (spec->bit_offset % 8)
		append(buf, size, &len, ".%llu", (unsigned long long)spec->bit_offset % 8);
	append(buf, size, &len, ")");
}
