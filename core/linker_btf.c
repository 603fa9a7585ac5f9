// SPDX-License-Identifier: BSD-2-Clause
/*
 * BTF of the linker: each file's types appended to one BTF (a global VAR
 * or FUNC kept once, its type taken from the file that defines it), one
 * DATASEC per output section listing the variables at their new offsets,
 * then btf__dedup() to fold the copies of the shared types together. The
 * strings stay in the order they were added, as libbpf's linker leaves
 * them, so that the output is byte for byte the one libbpf writes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_internal.h"
#include "btf_type_fields.h"
#include "linker_internal.h"
#include "log.h"

bool linker_btf_is_global(const struct btf_type *t)
{
	return (btf_is_var(t) && btf_var(t)->linkage != BTF_VAR_STATIC) ||
	       (btf_is_func(t) && btf_vlen(t) != BTF_FUNC_STATIC);
}

/* A type of a writable BTF, to change in place. */
struct btf_type *linker_btf_type_mut(struct btf *btf, __u32 id)
{
	if (btf_ensure_modifiable(btf))
		return NULL;
	return (struct btf_type *)btf__type_by_id(btf, id);
}

/* The global VAR of name listed in the DATASEC t, or 0. */
static __u32 datasec_find_global(const struct btf *btf, const struct btf_type *t,
				 const char *name)
{
	const struct btf_var_secinfo *vi = btf_var_secinfos(t);
	__u16 i;

	for (i = 0; i < btf_vlen(t); i++) {
		const struct btf_type *vt = btf__type_by_id(btf, vi[i].type);

		if (!linker_btf_is_global(vt))
			continue;
		if (!strcmp(btf__name_by_offset(btf, vt->name_off), name))
			return vi[i].type;
	}
	return 0;
}

/*
 * The BTF VAR or FUNC of global name in src, and the DATASEC listing it
 * (0 for functions and externs outside any section).
 */
int linker_find_glob_btf(const struct linker_src *src, const char *name, __u32 *sec_id,
			 __u32 *id)
{
	__u32 i, found = 0, n = btf__type_cnt(src->btf);

	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(src->btf, i);
		__u32 var;

		if (linker_btf_is_global(t)) {
			if (!strcmp(btf__name_by_offset(src->btf, t->name_off), name))
				found = i;
			continue;
		}
		if (!btf_is_datasec(t) || !(var = datasec_find_global(src->btf, t, name)))
			continue;
		if (found && found != var) {
			pr_warn("linker: '%s': global '%s' has two BTF types (%u and %u)\n",
				src->name, name, found, var);
			return -EINVAL;
		}
		*sec_id = i;
		*id = var;
		return 0;
	}
	if (found) {
		*id = found;
		return 0;
	}
	pr_warn("linker: '%s' has no BTF for global '%s'\n", src->name, name);
	return -ENOENT;
}

/*
 * An extern VAR or FUNC (dst_id in dst) now has a definition (src_id in
 * src): make it a defined global, with the parameter names an extern
 * FUNC lacks, so that dedup finds the copies equal.
 */
int linker_complete_extern(struct btf *dst, __u32 dst_id, const struct btf *src, __u32 src_id)
{
	struct btf_type *dt = linker_btf_type_mut(dst, dst_id);
	const struct btf_type *st = btf__type_by_id(src, src_id);
	const struct btf_param *sp;
	struct btf_param *dp;
	__u16 i;

	if (!dt || !st)
		return -EINVAL;
	if (btf_is_var(dt)) {
		btf_var(dt)->linkage = BTF_VAR_GLOBAL_ALLOCATED;
		return 0;
	}
	dt->info = (BTF_KIND_FUNC << 24) | BTF_FUNC_GLOBAL;
	dt = linker_btf_type_mut(dst, dt->type);
	st = btf__type_by_id(src, st->type);
	if (!dt || !st || !btf_is_func_proto(dt) || !btf_is_func_proto(st) ||
	    btf_vlen(dt) != btf_vlen(st))
		return -EINVAL;
	sp = btf_params(st);
	for (i = 0; i < btf_vlen(st); i++) {
		int off;

		if (!sp[i].name_off)
			continue;
		off = btf__add_str(dst, btf__name_by_offset(src, sp[i].name_off));
		if (off < 0)
			return off;
		/* the string add may have moved the types: look the proto up again */
		dp = btf_params(linker_btf_type_mut(dst, btf__type_by_id(dst, dst_id)->type));
		dp[i].name_off = off;
	}
	return 0;
}

/* A type id of src's BTF and its merged counterpart, through src->type_map. */
struct id_map {
	const __u32 *map;
	__u32 cnt;
};

static int remap_id(__u32 *id, void *ctx)
{
	const struct id_map *m = ctx;

	if (!*id)
		return 0;
	if (*id >= m->cnt || !m->map[*id]) {
		pr_warn("linker: BTF type %u has no counterpart in the merged BTF\n", *id);
		return -EINVAL;
	}
	*id = m->map[*id];
	return 0;
}

/* Copy src's type id into the merged BTF, or reuse the kept VAR/FUNC of a global. */
static int add_one_type(struct bpf_linker *linker, struct linker_src *src, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(src->btf, id);
	struct linker_glob *g = NULL;
	int new_id;

	if (btf_is_datasec(t))
		return 0;
	if (linker_btf_is_global(t)) {
		g = linker_glob_find(linker, btf__name_by_offset(src->btf, t->name_off));
		/* the variables of a dropped section (a second "license") */
		if (!g)
			return 0;
		if (!g->underlying)
			g->underlying = -(long long)t->type;
		if (g->btf_id) {
			src->type_map[id] = g->btf_id;
			return 0;
		}
	}
	new_id = btf__add_type(linker->btf, src->btf, t);
	if (new_id < 0) {
		pr_warn("linker: can't add BTF type %u of '%s': %s\n", id, src->name,
			strerror(-new_id));
		return new_id;
	}
	src->type_map[id] = new_id;
	if (g) {
		g->btf_id = new_id;
		g->underlying = -(long long)t->type;
	}
	return 0;
}

/* Globals whose VAR or FUNC now takes its type from src: point them at it. */
static int retarget_globals(struct bpf_linker *linker, struct linker_src *src, __u32 cnt)
{
	struct id_map m = { src->type_map, cnt };
	size_t i;

	for (i = 0; i < linker->glob_cnt; i++) {
		struct linker_glob *g = &linker->globs[i];
		struct btf_type *t;
		__u32 src_id;

		if (g->underlying >= 0)
			continue;
		src_id = -g->underlying;
		if (remap_id(&src_id, &m))
			return -EINVAL;
		g->underlying = src_id;
		t = linker_btf_type_mut(linker->btf, g->btf_id);
		if (!t)
			return -ENOMEM;
		t->type = src_id;
	}
	return 0;
}

/* Where global VAR var_id of section sec sits: the offset of its symbol. */
static int var_offset(const struct linker_src *src, const struct linker_src_sec *sec,
		      __u32 var_id, __u32 btf_off, __u32 *off)
{
	const struct btf_type *vt = btf__type_by_id(src->btf, var_id);
	const char *name = btf__name_by_offset(src->btf, vt->name_off);
	size_t i;

	*off = btf_off;
	if (!btf_is_var(vt) || btf_var(vt)->linkage != BTF_VAR_GLOBAL_ALLOCATED)
		return 0;
	for (i = 1; i < src->sym_cnt; i++) {
		const Elf64_Sym *s = &src->syms[i];
		const char *sname;

		if (s->st_shndx != sec->idx || ELF64_ST_TYPE(s->st_info) != STT_OBJECT)
			continue;
		sname = linker_sym_name(src, s);
		if (sname && !strcmp(sname, name)) {
			*off = s->st_value;
			return 0;
		}
	}
	pr_warn("linker: '%s': variable '%s' of section %s has no symbol\n", src->name, name,
		sec->name);
	return -ENOENT;
}

static int sec_add_var(struct linker_sec *dst, __u32 type, __u32 off, __u32 size)
{
	struct btf_var_secinfo *vars = realloc(dst->vars, (dst->var_cnt + 1) * sizeof(*vars));

	if (!vars)
		return -ENOMEM;
	dst->vars = vars;
	vars[dst->var_cnt].type = type;
	vars[dst->var_cnt].offset = off;
	vars[dst->var_cnt].size = size;
	dst->var_cnt++;
	return 0;
}

/* A variable of a global seen before: only its size may have changed. */
static int glob_var_resize(struct bpf_linker *linker, struct linker_glob *g,
			   struct linker_sec *dst, const struct btf_type *t)
{
	__s64 sz;

	if (btf_is_func(t))
		return 0;
	sz = btf__resolve_size(linker->btf, g->underlying);
	if (sz < 0) {
		pr_warn("linker: global '%s': the size of its type can't be resolved\n", g->name);
		return -EINVAL;
	}
	dst->vars[g->var_idx].size = sz;
	return 0;
}

static int datasec_add_var(struct bpf_linker *linker, struct linker_src *src,
			   struct linker_src_sec *sec, const struct btf_var_secinfo *vi)
{
	struct linker_sec *dst = &linker->secs[sec->dst_id];
	__u32 new_id = src->type_map[vi->type], off;
	const struct btf_type *t = btf__type_by_id(linker->btf, new_id);
	struct linker_glob *g = NULL;
	int err;

	if (!new_id || !t) {
		pr_warn("linker: '%s': a variable of DATASEC %s has no merged type\n", src->name,
			sec->name);
		return -EINVAL;
	}
	if (linker_btf_is_global(t)) {
		g = linker_glob_find(linker, btf__name_by_offset(linker->btf, t->name_off));
		if (!g || g->sec_id != sec->dst_id) {
			pr_warn("linker: global '%s' of '%s' is in %s, elsewhere in another file\n",
				btf__name_by_offset(linker->btf, t->name_off), src->name,
				sec->name);
			return -EINVAL;
		}
		if (g->var_idx >= 0)
			return glob_var_resize(linker, g, dst, t);
	}
	err = var_offset(src, sec, vi->type, vi->offset, &off);
	err = err ?: sec_add_var(dst, new_id, sec->dst_off + off, vi->size);
	if (!err && g)
		g->var_idx = dst->var_cnt - 1;
	return err;
}

static int add_datasecs(struct bpf_linker *linker, struct linker_src *src)
{
	size_t i;
	int err;

	for (i = 1; i < src->sec_cnt; i++) {
		struct linker_src_sec *sec = &src->secs[i];
		const struct btf_type *t;
		__u16 j;

		if (!sec->btf_sec_id || sec->skipped)
			continue;
		linker->secs[sec->dst_id].has_btf = true;
		t = btf__type_by_id(src->btf, sec->btf_sec_id);
		for (j = 0; j < btf_vlen(t); j++) {
			err = datasec_add_var(linker, src, sec, &btf_var_secinfos(t)[j]);
			if (err)
				return err;
		}
	}
	return 0;
}

/* The types of src into the merged BTF (after its symbols are resolved). */
int linker_add_btf(struct bpf_linker *linker, struct linker_src *src)
{
	struct id_map m;
	__u32 i, start, n;
	int err;

	if (!src->btf)
		return 0;
	n = btf__type_cnt(src->btf);
	start = btf__type_cnt(linker->btf);
	src->type_map = calloc(n, sizeof(*src->type_map));
	if (!src->type_map)
		return -ENOMEM;
	m.map = src->type_map;
	m.cnt = n;
	for (i = 1; i < n; i++) {
		err = add_one_type(linker, src, i);
		if (err)
			return err;
	}
	for (i = start; i < btf__type_cnt(linker->btf); i++) {
		struct btf_type *t = linker_btf_type_mut(linker->btf, i);

		err = t ? btf_type_visit_ids(t, remap_id, &m) : -ENOMEM;
		if (err)
			return err;
	}
	err = retarget_globals(linker, src, n);
	return err ?: add_datasecs(linker, src);
}

static int add_final_datasecs(struct bpf_linker *linker)
{
	size_t i;
	__u32 j;
	int err;

	for (i = 1; i < linker->sec_cnt; i++) {
		const struct linker_sec *sec = &linker->secs[i];

		if (!sec->has_btf)
			continue;
		err = btf__add_datasec(linker->btf, sec->name, sec->size);
		for (j = 0; err >= 0 && j < sec->var_cnt; j++)
			err = btf__add_datasec_var_info(linker->btf, sec->vars[j].type,
							sec->vars[j].offset, sec->vars[j].size);
		if (err < 0) {
			pr_warn("linker: can't add the DATASEC of section %s: %s\n", sec->name,
				strerror(-err));
			return err;
		}
	}
	return 0;
}

/* A copy of btf as it is, to translate .BTF.ext ids and strings after dedup. */
static struct btf *btf_snapshot(const struct btf *btf)
{
	__u32 size;
	const void *raw = btf__raw_data(btf, &size);

	return raw ? btf__new(raw, size) : NULL;
}

/*
 * The names of the sections with .BTF.ext records, kind by kind: strings
 * of the BTF, added where libbpf's linker adds them (before dedup).
 */
static int add_ext_sec_names(struct bpf_linker *linker)
{
	enum btf_ext_kind kind;
	size_t i;
	int off;

	for (kind = 0; kind < BTF_EXT_KIND_CNT; kind++) {
		for (i = 1; i < linker->sec_cnt; i++) {
			if (!linker->secs[i].ext[kind].cnt)
				continue;
			off = btf__add_str(linker->btf, linker->secs[i].name);
			if (off < 0)
				return off;
		}
	}
	return 0;
}

/*
 * The deduplicated types of post over the strings of pre, kept as they
 * were (libbpf's linker does not compact its strings in dedup), so that
 * the output's string section is the one libbpf writes.
 */
static struct btf *btf_rebuild(const struct btf *pre, const struct btf *post)
{
	struct btf *btf = btf__new_empty();
	__u32 off, id, n = btf__type_cnt(post);
	int err = btf ? 0 : -ENOMEM;

	for (off = 1; !err && off < pre->strs_len; off += strlen(pre->strs + off) + 1) {
		int got = btf__add_str(btf, pre->strs + off);

		if (got < 0)
			err = got;
	}
	for (id = 1; !err && id < n; id++) {
		int got = btf__add_type(btf, post, btf__type_by_id(post, id));

		if (got < 0)
			err = got;
		else if ((__u32)got != id)
			err = -EINVAL;
	}
	if (err) {
		btf__free(btf);
		return libbpf_err_ptr(err);
	}
	return btf;
}

/*
 * Complete the merged BTF: DATASECs, dedup, and the .BTF.ext built against
 * the result (*ext NULL when there are no records). The raw BTF is then
 * btf__raw_data(linker->btf); nothing to write if it has no types.
 */
int linker_finalize_btf(struct bpf_linker *linker, void **ext, __u32 *ext_size)
{
	struct btf *pre, *deduped;
	int err;

	*ext = NULL;
	*ext_size = 0;
	if (btf__type_cnt(linker->btf) == 1)
		return 0;
	err = add_final_datasecs(linker);
	err = err ?: add_ext_sec_names(linker);
	if (err)
		return err;
	pre = btf_snapshot(linker->btf);
	if (!pre)
		return -errno;
	err = btf__dedup(linker->btf, NULL);
	if (err) {
		pr_warn("linker: BTF dedup failed: %s\n", strerror(-err));
		goto out;
	}
	deduped = btf_rebuild(pre, linker->btf);
	if (!deduped) {
		err = -errno;
		goto out;
	}
	btf__free(linker->btf);
	linker->btf = deduped;
	err = linker_remap_btf_ext(linker, pre);
	err = err ?: linker_btf_ext_build(linker, ext, ext_size);
out:
	btf__free(pre);
	return err;
}
