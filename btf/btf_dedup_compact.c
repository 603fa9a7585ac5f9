// SPDX-License-Identifier: BSD-2-Clause
/*
 * Last phases of btf__dedup(): keep only canonical types, moved down over
 * the dropped ones in their original order, then rewrite every type id
 * (in the types and the .BTF.ext records) to its canonical type's new id.
 * hypot_map, done with, holds old id -> new id.
 */
#include <errno.h>
#include <string.h>

#include "btf_dedup.h"
#include "btf_ext.h"
#include "btf_type_fields.h"
#include "btf_write.h"

void btf_dedup_compact(struct btf_dedup *d)
{
	struct btf *btf = d->btf;
	__u32 id, next = btf->start_id, dst = 0, end = btf->start_id + btf->nr_types;
	const struct btf_type *t;
	size_t len;

	/* base ids stay */
	for (id = 0; id < btf->start_id; id++)
		d->hypot_map[id] = id;
	for (id = btf->start_id; id < end; id++) {
		d->hypot_map[id] = DEDUP_UNMAPPED;
		if (d->map[id] != id)
			continue;
		t = dedup_type(d, id);
		len = btf_type_record_size(t);
		memmove(btf->types_buf + dst, t, len);
		btf->type_offs[next - btf->start_id] = dst;
		d->hypot_map[id] = next++;
		dst += len;
	}
	btf->nr_types = next - btf->start_id;
	btf->types_len = dst;
	btf_drop_caches(btf);
}

static int remap_id(__u32 *id, void *arg)
{
	const struct btf_dedup *d = arg;
	__u32 new_id = d->hypot_map[dedup_resolve(d, *id)];

	/* every type resolves to a kept one: a miss is a bug of the phases */
	if (new_id == DEDUP_UNMAPPED)
		return -EINVAL;
	*id = new_id;
	return 0;
}

int btf_dedup_remap(struct btf_dedup *d)
{
	struct btf *btf = d->btf;
	__u32 i;
	int err = 0;

	for (i = 0; !err && i < btf->nr_types; i++)
		err = btf_type_visit_ids(dedup_type(d, btf->start_id + i), remap_id, d);
	if (!err && d->ext)
		err = btf_ext_visit_type_ids(d->ext, remap_id, d);
	return err;
}
