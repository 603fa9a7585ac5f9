// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__permute(): the own types of a BTF put in a new order, every type id
 * that refers to them (in the types and in an optional .BTF.ext) renumbered
 * to match.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "btf_ext.h"
#include "btf_type_fields.h"
#include "btf_write.h"
#include "log.h"
#include "opts.h"

struct permute {
	const struct btf *btf;
	const __u32 *id_map;
	__u32 skip;	/* id_map entries before the first own type: 1 (void) unless split */
};

static int remap_id(__u32 *id, void *arg)
{
	const struct permute *p = arg;

	/* void and the base's types stay */
	if (*id < p->btf->start_id)
		return 0;
	if (*id >= btf__type_cnt(p->btf))
		return -EINVAL;
	*id = p->id_map[*id - p->btf->start_id + p->skip];
	return 0;
}

/* The old id of each new position, checking id_map is a permutation; NULL with *err. */
static __u32 *invert(const struct btf *btf, const __u32 *id_map, __u32 skip, int *err)
{
	__u32 i, idx, n = btf->nr_types, *order;

	order = calloc(n ? n : 1, sizeof(*order));
	if (!order) {
		*err = -ENOMEM;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		idx = id_map[i + skip] - btf->start_id;
		/* old ids are never 0: an entry set twice is a collision */
		if (id_map[i + skip] < btf->start_id || idx >= n || order[idx]) {
			pr_warn("btf__permute: id_map[%u] = %u is out of range or taken twice\n",
				i + skip, id_map[i + skip]);
			free(order);
			*err = -EINVAL;
			return NULL;
		}
		order[idx] = btf->start_id + i;
	}
	return order;
}

/* The type ids of .BTF.ext records: func_info's and CO-RE relocations'. */
static int remap_ext(struct btf_ext *ext, struct permute *p)
{
	static const struct { enum btf_ext_kind kind; size_t off; } fields[] = {
		{ BTF_EXT_FUNC_INFO, offsetof(struct bpf_func_info, type_id) },
		{ BTF_EXT_CORE_RELO, offsetof(struct bpf_core_relo, type_id) },
	};
	const struct btf_ext_sec *sec;
	unsigned int f, s;
	__u32 i, id;
	char *rec;
	int err;

	for (f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
		for (s = 0; (sec = btf_ext_sec(ext, fields[f].kind, s)); s++) {
			rec = btf_ext_sec_recs_mut(ext, sec);
			for (i = 0; i < sec->rec_cnt; i++, rec += sec->rec_size) {
				memcpy(&id, rec + fields[f].off, sizeof(id));
				err = remap_id(&id, p);
				if (err)
					return err;
				memcpy(rec + fields[f].off, &id, sizeof(id));
			}
		}
	}
	btf_ext_changed(ext);
	return 0;
}

/* The types in their new order, references renumbered: a new type buffer. */
static char *reorder(struct btf *btf, const __u32 *order, struct permute *p, int *err)
{
	char *types = malloc(btf->types_len ? btf->types_len : 1), *dst = types;
	const struct btf_type *t;
	size_t sz;
	__u32 i;

	*err = -ENOMEM;
	for (i = 0; types && i < btf->nr_types; i++) {
		t = btf_type_fast(btf, order[i]);
		sz = btf_type_record_size(t);
		memcpy(dst, t, sz);
		*err = btf_type_visit_ids((struct btf_type *)dst, remap_id, p);
		if (*err) {
			free(types);
			return NULL;
		}
		dst += sz;
	}
	*err = 0;
	return types;
}

int btf__permute(struct btf *btf, __u32 *id_map, __u32 id_map_cnt,
		 const struct btf_permute_opts *opts)
{
	struct permute p = { .btf = btf, .id_map = id_map, .skip = btf->base ? 0 : 1 };
	struct btf_ext *ext = OPTS_GET(opts, btf_ext, NULL);
	__u32 *order, i, off;
	char *types;
	int err;

	if (!OPTS_VALID(opts, btf_permute_opts) || !id_map)
		return libbpf_err(-EINVAL);
	if (id_map_cnt != btf->nr_types + p.skip || (p.skip && id_map[0] != 0)) {
		pr_warn("btf__permute: id_map has %u entries, %u expected, void mapped to %u\n",
			id_map_cnt, btf->nr_types + p.skip, p.skip && id_map_cnt ? id_map[0] : 0);
		return libbpf_err(-EINVAL);
	}
	order = invert(btf, id_map, p.skip, &err);
	if (!order)
		return libbpf_err(err);
	err = btf_ensure_modifiable(btf);
	types = err ? NULL : reorder(btf, order, &p, &err);
	if (!err && ext)
		err = remap_ext(ext, &p);
	free(order);
	if (err) {
		free(types);
		return libbpf_err(err);
	}
	free(btf->types_buf);
	btf->types_buf = types;
	btf->types = types;
	btf->types_cap = btf->types_len ? btf->types_len : 1;
	for (i = 0, off = 0; i < btf->nr_types; i++) {
		btf->type_offs[i] = off;
		off += btf_type_record_size(btf_type_fast(btf, btf->start_id + i));
	}
	/* names now find other ids: the index is rebuilt on the next lookup */
	btf_drop_caches(btf);
	return 0;
}
