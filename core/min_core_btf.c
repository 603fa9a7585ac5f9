// SPDX-License-Identifier: BSD-2-Clause
/*
 * Minimal CO-RE BTF. Each object's relocations are resolved by the
 * loader's own matcher (core_relo_resolve), and the target access specs it
 * returns say which source types and members to keep: for a field access,
 * the composites along the path with just the members crossed; for a type
 * relocation, the type and what it refers to (through pointers too); for
 * an enum value, the enum; for a type match, the type with all its members
 * down to pointers. The kept types are then copied into a new BTF, ids
 * renumbered, and deduplicated.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_ext.h"
#include "btf_type_fields.h"
#include "core_relo.h"
#include "core_relo_internal.h"
#include "log.h"
#include "min_core_btf.h"

/* Deepest chain of modifiers, arrays, pointers and prototypes followed. */
#define MARK_DEPTH_MAX 64

struct min_core_btf {
	const struct btf *src;
	__u32 type_cnt;
	bool *used;		/* per source type id */
	bool **members;		/* per composite type id: its used members, or NULL */
};

struct min_core_btf *min_core_btf_new(const struct btf *src)
{
	struct min_core_btf *m;

	if (!src)
		return libbpf_err_ptr(-EINVAL);
	m = calloc(1, sizeof(*m));
	if (!m)
		return libbpf_err_ptr(-ENOMEM);
	m->src = src;
	m->type_cnt = btf__type_cnt(src);
	m->used = calloc(m->type_cnt, sizeof(*m->used));
	m->members = calloc(m->type_cnt, sizeof(*m->members));
	if (!m->used || !m->members) {
		min_core_btf_free(m);
		return libbpf_err_ptr(-ENOMEM);
	}
	return m;
}

void min_core_btf_free(struct min_core_btf *m)
{
	__u32 i;

	if (!m)
		return;
	for (i = 0; m->members && i < m->type_cnt; i++)
		free(m->members[i]);
	free(m->members);
	free(m->used);
	free(m);
}

static const struct btf_type *src_type(const struct min_core_btf *m, __u32 id)
{
	return id < m->type_cnt ? btf__type_by_id(m->src, id) : NULL;
}

static int mark_member(struct min_core_btf *m, __u32 id, __u32 idx)
{
	const struct btf_type *t = src_type(m, id);

	if (!t || !btf_is_composite(t) || idx >= btf_vlen(t))
		return -EINVAL;
	if (!m->members[id]) {
		m->members[id] = calloc(btf_vlen(t), sizeof(bool));
		if (!m->members[id])
			return -ENOMEM;
	}
	m->used[id] = true;
	m->members[id][idx] = true;
	return 0;
}

/*
 * How far mark() goes from a type: SHALLOW keeps what the type's meaning
 * depends on but not the members of composites nor pointer targets (the
 * types along a field access, an enum); THROUGH_PTRS also pointer targets
 * (type relocations, whose compatibility check looks through pointers);
 * MATCH also every member of a composite, recursively, down to composites
 * behind a pointer (what TYPE_MATCHES compares).
 */
enum mark_how { MARK_SHALLOW, MARK_THROUGH_PTRS, MARK_MATCH };

static int mark(struct min_core_btf *m, __u32 id, enum mark_how how, bool behind_ptr, int depth)
{
	const struct btf_type *t = src_type(m, id);
	const struct btf_param *p;
	int err = 0;
	__u16 i;

	if (!id)
		return 0;
	if (!t)
		return -EINVAL;
	if (depth > MARK_DEPTH_MAX)
		return -ELOOP;
	m->used[id] = true;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; how == MARK_MATCH && !behind_ptr && !err && i < btf_vlen(t); i++) {
			err = mark_member(m, id, i);
			err = err ?: mark(m, btf_members(t)[i].type, how, false, depth + 1);
		}
		return err;
	case BTF_KIND_PTR:
		return how == MARK_SHALLOW ? 0 : mark(m, t->type, how, true, depth + 1);
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_TYPEDEF:
		return mark(m, t->type, how, behind_ptr, depth + 1);
	case BTF_KIND_ARRAY:
		err = mark(m, btf_array(t)->type, how, false, depth + 1);
		return err ?: mark(m, btf_array(t)->index_type, how, false, depth + 1);
	case BTF_KIND_FUNC_PROTO:
		err = mark(m, t->type, how, false, depth + 1);
		p = btf_params(t);
		for (i = 0; !err && i < btf_vlen(t); i++)
			err = mark(m, p[i].type, how, false, depth + 1);
		return err;
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		return 0;
	default:
		pr_warn("min_core_btf: type [%u] of kind %u can't be the target of a CO-RE "
			"relocation\n", id, btf_kind(t));
		return -EINVAL;
	}
}

/* Follow the target's raw access path, keeping each member it crosses. */
static int mark_field_path(struct min_core_btf *m, const struct core_spec *targ)
{
	const struct btf_type *t;
	__u32 id = targ->root_type_id, idx;
	int i, err;

	err = mark(m, id, MARK_SHALLOW, false, 0);
	for (i = 1; !err && i < targ->raw_len; i++) {
		t = core_skip_mods_typedefs(m->src, id, &id);
		if (!t)
			return -EINVAL;
		idx = targ->raw[i];
		if (btf_is_array(t)) {
			id = btf_array(t)->type;
			continue;
		}
		if (!btf_is_composite(t) || idx >= btf_vlen(t))
			return -EINVAL;
		err = mark_member(m, id, idx);
		id = btf_members(t)[idx].type;
		err = err ?: mark(m, id, MARK_SHALLOW, false, 0);
	}
	return err;
}

static int mark_spec(struct min_core_btf *m, const struct core_spec *targ)
{
	if (core_relo_is_field_based(targ->kind))
		return mark_field_path(m, targ);
	if (targ->kind == BPF_CORE_TYPE_MATCHES)
		return mark(m, targ->root_type_id, MARK_MATCH, false, 0);
	if (core_relo_is_type_based(targ->kind))
		return mark(m, targ->root_type_id, MARK_THROUGH_PTRS, false, 0);
	return mark(m, targ->root_type_id, MARK_SHALLOW, false, 0);
}

static int mark_sec(struct min_core_btf *m, struct core_relo_ctx *ctx,
		    const struct btf_ext_sec *sec)
{
	const struct core_spec *targ;
	const char *name = sec->sec_name ? sec->sec_name : "?";
	__u32 i;
	int err;

	for (i = 0; i < sec->rec_cnt; i++) {
		/* a failure is logged by the matcher, naming the section and relocation */
		err = core_relo_resolve(ctx, name, i, btf_ext_rec(sec, i), &targ);
		if (err)
			return err;
		err = targ ? mark_spec(m, targ) : 0;
		if (err) {
			pr_warn("the types of its CO-RE relocation #%u of section '%s' can't "
				"be kept: %s\n", i, name, strerror(-err));
			return err;
		}
	}
	return 0;
}

int min_core_btf_add(struct min_core_btf *m, const struct btf *obj_btf,
		      const struct btf_ext *ext)
{
	struct core_relo_ctx *ctx;
	unsigned int s, n;
	int err = 0;

	if (!m || !obj_btf || !ext)
		return libbpf_err(-EINVAL);
	n = btf_ext_sec_cnt(ext, BTF_EXT_CORE_RELO);
	if (!n)
		return 0;
	ctx = core_relo_ctx_new(obj_btf, m->src);
	if (!ctx)
		return libbpf_err(-errno);
	for (s = 0; !err && s < n; s++)
		err = mark_sec(m, ctx, btf_ext_sec(ext, BTF_EXT_CORE_RELO, s));
	core_relo_ctx_free(ctx);
	return libbpf_err(err);
}

int min_core_btf_add_object(struct min_core_btf *m, const char *path)
{
	struct btf_ext *ext = NULL;
	struct btf *btf;
	int err;

	if (!m || !path)
		return libbpf_err(-EINVAL);
	btf = btf__parse(path, &ext);
	if (!btf) {
		err = -errno;
		pr_warn("can't read BTF from it: %s\n", strerror(errno));
		return libbpf_err(err);
	}
	if (ext) {
		err = min_core_btf_add(m, btf, ext);
	} else {
		pr_warn("it has no .BTF.ext section\n");
		err = -ENOENT;
	}
	btf_ext__free(ext);
	btf__free(btf);
	return libbpf_err(err);
}

/* Append the kept part of source type id to dst; its type ids still the source's. */
static int copy_kept(const struct min_core_btf *m, struct btf *dst, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(m->src, id);
	const struct btf_member *mb;
	const char *name;
	int ret;
	__u16 i;

	if (!btf_is_composite(t))
		return btf__add_type(dst, m->src, t);
	name = btf__name_by_offset(m->src, t->name_off);
	ret = btf_is_struct(t) ? btf__add_struct(dst, name, t->size) :
				 btf__add_union(dst, name, t->size);
	mb = btf_members(t);
	for (i = 0; ret > 0 && m->members[id] && i < btf_vlen(t); i++) {
		if (!m->members[id][i])
			continue;
		name = btf__name_by_offset(m->src, mb[i].name_off);
		ret = btf__add_field(dst, name, mb[i].type, btf_member_bit_offset(t, i),
				     btf_member_bitfield_size(t, i)) ?: ret;
	}
	return ret;
}

static int renumber(__u32 *id, void *new_ids)
{
	*id = ((__u32 *)new_ids)[*id];
	return 0;
}

static int copy_all(const struct min_core_btf *m, struct btf *dst, __u32 *new_ids)
{
	__u32 id, n;
	int ret;

	for (id = 1; id < m->type_cnt; id++) {
		if (!m->used[id])
			continue;
		ret = copy_kept(m, dst, id);
		if (ret < 0)
			return ret;
		new_ids[id] = ret;
	}
	n = btf__type_cnt(dst);
	for (id = 1; id < n; id++) {
		ret = btf_type_visit_ids((struct btf_type *)btf__type_by_id(dst, id), renumber,
					 new_ids);
		if (ret)
			return ret;
	}
	return 0;
}

struct btf *min_core_btf_build(const struct min_core_btf *m)
{
	struct btf *dst;
	__u32 *new_ids;
	int err;

	if (!m)
		return libbpf_err_ptr(-EINVAL);
	dst = btf__new_empty();
	if (!dst)
		return NULL;
	/* unmarked ids (a pointer's untaken target) map to 0: void */
	new_ids = calloc(m->type_cnt, sizeof(*new_ids));
	err = new_ids ? copy_all(m, dst, new_ids) : -ENOMEM;
	free(new_ids);
	err = err ?: btf__dedup(dst, NULL);
	if (err) {
		pr_warn("min_core_btf: can't build the output BTF: %s\n", strerror(-err));
		btf__free(dst);
		return libbpf_err_ptr(err);
	}
	return dst;
}
