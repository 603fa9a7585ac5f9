// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__add_type() and btf__add_btf(): types copied from another BTF object,
 * whose string offsets mean nothing in the destination and are re-added,
 * and (for a whole BTF) whose type ids are shifted past the existing types.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf_strset.h"
#include "btf_type_fields.h"
#include "btf_write.h"
#include "log.h"

struct copy_ctx {
	struct btf *dst;
	const struct btf *src;
	__u32 id_shift;	/* added to every id from id_floor on; 0 keeps them */
	__u32 id_floor;	/* ids below it are the shared base's, kept (0: none) */
	__u32 str_floor;	/* string offsets below it are the shared base's, kept */
};

static int readd_str(__u32 *off, void *arg)
{
	struct copy_ctx *c = arg;
	const char *s;
	int new_off;

	if (!*off || *off < c->str_floor)
		return 0;
	s = btf__str_by_offset(c->src, *off);
	if (!s)
		return -EINVAL;
	new_off = btf__add_str(c->dst, s);
	if (new_off < 0)
		return new_off;
	*off = new_off;
	return 0;
}

static int shift_id(__u32 *id, void *arg)
{
	struct copy_ctx *c = arg;

	if (*id && *id >= c->id_floor)
		*id += c->id_shift;
	return *id >= BTF_MAX_TYPE ? -E2BIG : 0;
}

/*
 * Append a copy of src_type. Strings are re-added first into a private
 * copy of the record: adding strings makes dst writable and may move its
 * types, which src_type may be one of.
 */
static int copy_type(struct copy_ctx *c, const struct btf_type *src_type)
{
	size_t sz = btf_type_record_size(src_type);
	struct btf_type *rec;
	void *p;
	int err;

	if (!sz)
		return -EINVAL;
	rec = malloc(sz);
	if (!rec)
		return -ENOMEM;
	memcpy(rec, src_type, sz);
	err = btf_type_visit_strs(rec, readd_str, c);
	err = err ?: btf_type_visit_ids(rec, shift_id, c);
	if (err)
		goto out;
	p = btf_types_reserve(c->dst, sz);
	if (!p) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(p, rec, sz);
	err = btf_types_commit(c->dst, sz);
out:
	free(rec);
	return err;
}

int btf__add_type(struct btf *btf, const struct btf *src_btf, const struct btf_type *src_type)
{
	struct copy_ctx c = { .dst = btf, .src = src_btf };

	return libbpf_err(copy_type(&c, src_type));
}

/* Undo a partial btf__add_btf(): drop types and strings added since. */
static void rollback(struct btf *btf, __u32 nr_types, __u32 types_len, __u32 strs_len)
{
	btf->nr_types = nr_types;
	btf->types_len = types_len;
	btf_strset_truncate(btf->strset, strs_len);
	btf->strs_len = strs_len;
	/* the name index may hold dropped ids: rebuilt on the next lookup */
	btf_drop_caches(btf);
}

/*
 * A split source is appended only onto the same base: its references to
 * base types and base strings stay valid as they are, only its own types
 * and strings are renumbered (as libbpf does since v1.7).
 */
int btf__add_btf(struct btf *btf, const struct btf *src_btf)
{
	const struct btf *src_base = btf__base_btf(src_btf);
	struct copy_ctx c = { .dst = btf, .src = src_btf };
	__u32 id, cnt = btf__type_cnt(src_btf), nr_types, types_len, strs_len;
	int ret = 0;

	if (src_base && src_base != btf__base_btf(btf))
		return libbpf_err(-EOPNOTSUPP);
	if (btf_ensure_modifiable(btf))
		return libbpf_err(-ENOMEM);
	nr_types = btf->nr_types;
	types_len = btf->types_len;
	strs_len = btf->strs_len;
	c.id_floor = src_base ? btf__type_cnt(src_base) : 1;
	c.str_floor = src_base ? src_btf->start_str_off : 0;
	c.id_shift = btf__type_cnt(btf) - c.id_floor;
	/* copy_type() gives the new id, or an error that stops the copy */
	for (id = c.id_floor; ret >= 0 && id < cnt; id++)
		ret = copy_type(&c, btf__type_by_id(src_btf, id));
	if (ret < 0) {
		rollback(btf, nr_types, types_len, strs_len);
		return libbpf_err(ret);
	}
	return c.id_shift + c.id_floor;
}
