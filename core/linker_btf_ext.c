// SPDX-License-Identifier: BSD-2-Clause
/*
 * .BTF.ext of the linker: each file's func_info, line_info and CO-RE
 * records kept per output section, their instruction offsets moved with
 * the code, their types and strings moved to the merged BTF; after dedup
 * their types are found again in the deduplicated BTF (dedup is asked for
 * nothing but the BTF) and the section is written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_internal.h"
#include "linker_internal.h"
#include "log.h"

/* Byte offsets of the type id and string fields of each kind's records (-1: none). */
static const int type_field[BTF_EXT_KIND_CNT] = {
	[BTF_EXT_FUNC_INFO] = offsetof(struct bpf_func_info, type_id),
	[BTF_EXT_LINE_INFO] = -1,
	[BTF_EXT_CORE_RELO] = offsetof(struct bpf_core_relo, type_id),
};

static const int str_fields[BTF_EXT_KIND_CNT][2] = {
	[BTF_EXT_FUNC_INFO] = { -1, -1 },
	[BTF_EXT_LINE_INFO] = { offsetof(struct bpf_line_info, file_name_off),
				offsetof(struct bpf_line_info, line_off) },
	[BTF_EXT_CORE_RELO] = { offsetof(struct bpf_core_relo, access_str_off), -1 },
};

static __u32 *rec_field(void *rec, int off)
{
	return (__u32 *)((char *)rec + off);
}

/* The strings rec names, from "from"'s string section, re-added to the output BTF. */
static int rec_readd_strs(struct bpf_linker *linker, const struct btf *from,
			  enum btf_ext_kind kind, void *rec)
{
	int j, off;

	for (j = 0; j < 2; j++) {
		__u32 *s;

		if (str_fields[kind][j] < 0)
			continue;
		s = rec_field(rec, str_fields[kind][j]);
		off = btf__add_str(linker->btf, btf__str_by_offset(from, *s));
		if (off < 0)
			return off;
		*s = off;
	}
	return 0;
}

static int recs_append(struct linker_ext_recs *r, const struct btf_ext_sec *s,
		       const char *file)
{
	void *recs;

	if (r->rec_size && r->rec_size != s->rec_size) {
		pr_warn("linker: '%s': .BTF.ext records of section %s are %u bytes, %u elsewhere\n",
			file, s->sec_name, s->rec_size, r->rec_size);
		return -EINVAL;
	}
	recs = realloc(r->recs, (size_t)(r->cnt + s->rec_cnt) * s->rec_size);
	if (!recs)
		return -ENOMEM;
	r->recs = recs;
	r->rec_size = s->rec_size;
	memcpy((char *)recs + (size_t)r->cnt * s->rec_size, s->recs,
	       (size_t)s->rec_cnt * s->rec_size);
	return 0;
}

/* The new records of r (from first on): into the merged BTF's ids and strings. */
static int recs_move(struct bpf_linker *linker, struct linker_src *src,
		     struct linker_ext_recs *r, enum btf_ext_kind kind, __u32 first,
		     size_t dst_off)
{
	__u32 i, n = btf__type_cnt(src->btf);
	int off;

	for (i = first; i < r->cnt; i++) {
		void *rec = (char *)r->recs + (size_t)i * r->rec_size;

		/* insn_off is the first field of every kind */
		*rec_field(rec, 0) += dst_off;
		if (type_field[kind] >= 0) {
			__u32 *id = rec_field(rec, type_field[kind]);

			if (*id >= n || !src->type_map[*id])
				return -EINVAL;
			*id = src->type_map[*id];
		}
		off = rec_readd_strs(linker, src->btf, kind, rec);
		if (off < 0)
			return off;
	}
	return 0;
}

/* The .BTF.ext records of src, appended to their output sections. */
int linker_add_btf_ext(struct bpf_linker *linker, struct linker_src *src)
{
	enum btf_ext_kind kind;
	unsigned int i;
	int err;

	if (!src->btf_ext)
		return 0;
	for (kind = 0; kind < BTF_EXT_KIND_CNT; kind++) {
		for (i = 0; i < btf_ext_sec_cnt(src->btf_ext, kind); i++) {
			const struct btf_ext_sec *s = btf_ext_sec(src->btf_ext, kind, i);
			struct linker_src_sec *sec = linker_src_sec_by_name(src, s->sec_name);
			struct linker_ext_recs *r;
			__u32 first;

			if (!sec || sec->skipped || sec->ephemeral) {
				pr_warn("linker: '%s': .BTF.ext refers to section '%s' (no code)\n",
					src->name, s->sec_name);
				return -EINVAL;
			}
			r = &linker->secs[sec->dst_id].ext[kind];
			first = r->cnt;
			err = recs_append(r, s, src->name);
			if (err)
				return err;
			r->cnt += s->rec_cnt;
			err = recs_move(linker, src, r, kind, first, sec->dst_off);
			if (err)
				return err;
		}
	}
	return 0;
}

/*
 * Types of the BTF before dedup found again after it: pre id -> post id,
 * by comparing the graphs. map[] holds both settled answers and the
 * hypotheses of the comparison under way (undone if it fails).
 */
struct remap {
	const struct btf *pre, *post;
	__u32 *map;
	__u32 *undo;
	__u32 undo_cnt;
	__u32 pre_cnt;
};

static bool same_type(struct remap *r, __u32 p, __u32 c, int depth);

static bool same_name(const struct remap *r, const struct btf_type *tp,
		      const struct btf_type *tc)
{
	return !strcmp(btf__name_by_offset(r->pre, tp->name_off),
		       btf__name_by_offset(r->post, tc->name_off));
}

/* Dedup resolves a forward declaration to its struct or union. */
static bool fwd_resolved(const struct remap *r, const struct btf_type *tp,
			 const struct btf_type *tc)
{
	if (!btf_is_fwd(tp) || !(btf_is_struct(tc) || btf_is_union(tc)))
		return false;
	return same_name(r, tp, tc) && btf_kflag(tp) == btf_is_union(tc);
}

static bool same_members(struct remap *r, const struct btf_type *tp,
			 const struct btf_type *tc, int depth)
{
	const struct btf_member *mp = btf_members(tp), *mc = btf_members(tc);
	__u16 i;

	for (i = 0; i < btf_vlen(tp); i++) {
		if (mp[i].offset != mc[i].offset ||
		    strcmp(btf__name_by_offset(r->pre, mp[i].name_off),
			   btf__name_by_offset(r->post, mc[i].name_off)) ||
		    !same_type(r, mp[i].type, mc[i].type, depth + 1))
			return false;
	}
	return true;
}

static bool same_params(struct remap *r, const struct btf_type *tp,
			const struct btf_type *tc, int depth)
{
	const struct btf_param *pp = btf_params(tp), *pc = btf_params(tc);
	__u16 i;

	for (i = 0; i < btf_vlen(tp); i++) {
		if (strcmp(btf__name_by_offset(r->pre, pp[i].name_off),
			   btf__name_by_offset(r->post, pc[i].name_off)) ||
		    !same_type(r, pp[i].type, pc[i].type, depth + 1))
			return false;
	}
	return same_type(r, tp->type, tc->type, depth + 1);
}

static bool same_datasec(struct remap *r, const struct btf_type *tp,
			 const struct btf_type *tc, int depth)
{
	const struct btf_var_secinfo *vp = btf_var_secinfos(tp), *vc = btf_var_secinfos(tc);
	__u16 i;

	for (i = 0; i < btf_vlen(tp); i++)
		if (vp[i].offset != vc[i].offset || vp[i].size != vc[i].size ||
		    !same_type(r, vp[i].type, vc[i].type, depth + 1))
			return false;
	return true;
}

/* Kind-specific contents of two types of the same kind, info and name. */
static bool same_contents(struct remap *r, const struct btf_type *tp,
			  const struct btf_type *tc, int depth)
{
	size_t sz = btf_type_record_size(tp);

	switch (btf_kind(tp)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return tp->size == tc->size && same_members(r, tp, tc, depth);
	case BTF_KIND_FUNC_PROTO:
		return same_params(r, tp, tc, depth);
	case BTF_KIND_DATASEC:
		return tp->size == tc->size && same_datasec(r, tp, tc, depth);
	case BTF_KIND_ARRAY:
		return btf_array(tp)->nelems == btf_array(tc)->nelems &&
		       same_type(r, btf_array(tp)->type, btf_array(tc)->type, depth + 1) &&
		       same_type(r, btf_array(tp)->index_type, btf_array(tc)->index_type,
				 depth + 1);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		/* values by name: compare the names through their strings */
		for (__u16 i = 0; i < btf_vlen(tp); i++) {
			__u32 np = btf_is_enum(tp) ? btf_enum(tp)[i].name_off :
						     btf_enum64(tp)[i].name_off;
			__u32 nc = btf_is_enum(tc) ? btf_enum(tc)[i].name_off :
						     btf_enum64(tc)[i].name_off;

			if (strcmp(btf__name_by_offset(r->pre, np),
				   btf__name_by_offset(r->post, nc)))
				return false;
		}
		return tp->size == tc->size;
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_FWD:
		return tp->size == tc->size && !memcmp(tp + 1, tc + 1, sz - sizeof(*tp));
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		if (memcmp(tp + 1, tc + 1, sz - sizeof(*tp)))
			return false;
		return same_type(r, tp->type, tc->type, depth + 1);
	default:
		return same_type(r, tp->type, tc->type, depth + 1);
	}
}

static bool same_type(struct remap *r, __u32 p, __u32 c, int depth)
{
	const struct btf_type *tp, *tc;

	if (!p || !c)
		return p == c;
	if (p >= r->pre_cnt || depth > BTF_MAX_EMBED_DEPTH)
		return false;
	if (r->map[p])
		return r->map[p] == c;
	tp = btf__type_by_id(r->pre, p);
	tc = btf__type_by_id(r->post, c);
	if (!tp || !tc)
		return false;
	if (fwd_resolved(r, tp, tc))
		goto equal;
	if (tp->info != tc->info || !same_name(r, tp, tc))
		return false;
	/* assume equal while comparing, for the cycles through pointers */
	r->map[p] = c;
	r->undo[r->undo_cnt++] = p;
	return same_contents(r, tp, tc, depth);
equal:
	r->map[p] = c;
	r->undo[r->undo_cnt++] = p;
	return true;
}

static void remap_undo(struct remap *r, __u32 to)
{
	while (r->undo_cnt > to)
		r->map[r->undo[--r->undo_cnt]] = 0;
}

/* The post-dedup id of pre-dedup type p, or 0 if none is equal. */
static __u32 remap_find(struct remap *r, __u32 p)
{
	const struct btf_type *tp = btf__type_by_id(r->pre, p);
	__u32 c, n = btf__type_cnt(r->post);

	if (!tp)
		return 0;
	if (r->map[p])
		return r->map[p];
	for (c = 1; c < n; c++) {
		const struct btf_type *tc = btf__type_by_id(r->post, c);
		__u32 mark = r->undo_cnt;

		if (btf_kind(tc) != btf_kind(tp) && !fwd_resolved(r, tp, tc))
			continue;
		if (!same_name(r, tp, tc))
			continue;
		if (same_type(r, p, c, 0))
			return c;
		remap_undo(r, mark);
	}
	return 0;
}

static int recs_remap(struct bpf_linker *linker, struct remap *r, struct linker_ext_recs *recs,
		      enum btf_ext_kind kind)
{
	__u32 i;
	int off;

	for (i = 0; i < recs->cnt; i++) {
		void *rec = (char *)recs->recs + (size_t)i * recs->rec_size;

		if (type_field[kind] >= 0) {
			__u32 *id = rec_field(rec, type_field[kind]);
			__u32 new_id = remap_find(r, *id);

			if (!new_id) {
				pr_warn("linker: BTF type %u of .BTF.ext is lost in dedup\n", *id);
				return -EINVAL;
			}
			*id = new_id;
		}
		off = rec_readd_strs(linker, r->pre, kind, rec);
		if (off < 0)
			return off;
	}
	return 0;
}

/* After dedup: the records' types and strings, as the deduplicated BTF has them. */
int linker_remap_btf_ext(struct bpf_linker *linker, const struct btf *pre)
{
	struct remap r = { .pre = pre, .post = linker->btf, .pre_cnt = btf__type_cnt(pre) };
	enum btf_ext_kind kind;
	size_t i;
	int err = 0;

	r.map = calloc(r.pre_cnt, sizeof(*r.map));
	r.undo = calloc(r.pre_cnt, sizeof(*r.undo));
	if (!r.map || !r.undo) {
		err = -ENOMEM;
		goto out;
	}
	/*
	 * Strings in the order libbpf's dedup visits them (kind by kind, each
	 * section's name before its records), so the string section comes
	 * out the same.
	 */
	for (kind = 0; kind < BTF_EXT_KIND_CNT && !err; kind++) {
		for (i = 1; i < linker->sec_cnt && !err; i++) {
			struct linker_sec *sec = &linker->secs[i];

			if (!sec->ext[kind].cnt)
				continue;
			err = btf__add_str(linker->btf, sec->name);
			err = err < 0 ? err : recs_remap(linker, &r, &sec->ext[kind], kind);
		}
	}
out:
	free(r.map);
	free(r.undo);
	return err;
}

/* Bytes of one kind's area: record size, then per section a header and records. */
static size_t area_size(const struct bpf_linker *linker, enum btf_ext_kind kind,
			__u32 *rec_size)
{
	size_t i, sz = 0;

	*rec_size = 0;
	for (i = 1; i < linker->sec_cnt; i++) {
		const struct linker_ext_recs *r = &linker->secs[i].ext[kind];

		if (!r->cnt)
			continue;
		if (*rec_size && *rec_size != r->rec_size)
			return (size_t)-1;
		*rec_size = r->rec_size;
		sz += 2 * sizeof(__u32) + (size_t)r->cnt * r->rec_size;
	}
	return sz ? sz + sizeof(__u32) : 0;
}

static int area_write(struct bpf_linker *linker, enum btf_ext_kind kind, __u32 rec_size,
		      char *out)
{
	size_t i;

	memcpy(out, &rec_size, sizeof(rec_size));
	out += sizeof(__u32);
	for (i = 1; i < linker->sec_cnt; i++) {
		const struct linker_ext_recs *r = &linker->secs[i].ext[kind];
		int name_off;
		__u32 hdr[2];

		if (!r->cnt)
			continue;
		name_off = btf__add_str(linker->btf, linker->secs[i].name);
		if (name_off < 0)
			return name_off;
		hdr[0] = name_off;
		hdr[1] = r->cnt;
		memcpy(out, hdr, sizeof(hdr));
		out += sizeof(hdr);
		memcpy(out, r->recs, (size_t)r->cnt * r->rec_size);
		out += (size_t)r->cnt * r->rec_size;
	}
	return 0;
}

/* The .BTF.ext header, as the UAPI-less format defines it (8 __u32s after magic). */
struct ext_header {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 off_len[BTF_EXT_KIND_CNT][2];
};

/* The .BTF.ext section of the output, or *out NULL when no section has records. */
int linker_btf_ext_build(struct bpf_linker *linker, void **out, __u32 *size)
{
	struct ext_header hdr = { .magic = BTF_MAGIC, .version = BTF_VERSION,
				  .hdr_len = sizeof(hdr) };
	size_t sizes[BTF_EXT_KIND_CNT], total = 0;
	__u32 rec_sizes[BTF_EXT_KIND_CNT];
	enum btf_ext_kind kind;
	char *buf;
	int err = 0;

	for (kind = 0; kind < BTF_EXT_KIND_CNT; kind++) {
		sizes[kind] = area_size(linker, kind, &rec_sizes[kind]);
		if (sizes[kind] == (size_t)-1) {
			pr_warn("linker: .BTF.ext records of one kind differ in size\n");
			return -EINVAL;
		}
		hdr.off_len[kind][0] = total;
		hdr.off_len[kind][1] = sizes[kind];
		total += sizes[kind];
	}
	if (!total)
		return 0;
	buf = calloc(1, sizeof(hdr) + total);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, &hdr, sizeof(hdr));
	for (kind = 0; kind < BTF_EXT_KIND_CNT && !err; kind++)
		if (sizes[kind])
			err = area_write(linker, kind, rec_sizes[kind],
					 buf + sizeof(hdr) + hdr.off_len[kind][0]);
	if (err) {
		free(buf);
		return err;
	}
	*out = buf;
	*size = sizeof(hdr) + total;
	return 0;
}
