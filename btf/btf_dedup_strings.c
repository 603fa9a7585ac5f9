// SPDX-License-Identifier: BSD-2-Clause
/*
 * First phase of btf__dedup(): a new string section holding each string
 * the types (and .BTF.ext records) use once, in order of first use, so
 * that afterwards equal strings have equal offsets. Strings no one uses
 * are dropped. A split BTF's strings already in its base use the base's.
 */
#include <errno.h>
#include <string.h>

#include "btf_dedup.h"
#include "btf_ext.h"
#include "btf_strset.h"
#include "btf_type_fields.h"
#include "log.h"

struct strs_ctx {
	struct btf *btf;
	struct btf_strset *set;
};

static int remap_str(__u32 *off, void *arg)
{
	struct strs_ctx *c = arg;
	const struct btf *btf = c->btf;
	const char *s;
	int new_off;

	/* "" and base strings keep their offsets */
	if (!*off || *off < btf->start_str_off)
		return 0;
	s = btf__str_by_offset(btf, *off);
	if (!s) {
		pr_warn("btf__dedup: string offset %u is past the strings\n", *off);
		return -EINVAL;
	}
	if (btf->base) {
		new_off = btf__find_str(btf->base, s);
		if (new_off >= 0) {
			*off = new_off;
			return 0;
		}
	}
	new_off = btf_strset_add(c->set, s);
	if (new_off < 0)
		return new_off;
	*off = btf->start_str_off + new_off;
	return 0;
}

int btf_dedup_strings(struct btf_dedup *d)
{
	struct btf *btf = d->btf;
	struct strs_ctx c = { .btf = btf };
	__u32 i;
	int err;

	/* index the base strings now: finding them then cannot fail */
	if (btf->base && btf__find_str(btf->base, "") == -ENOMEM)
		return -ENOMEM;
	c.set = btf_strset_new("", 0, BTF_MAX_NAME_OFFSET + 1U - btf->start_str_off);
	if (!c.set)
		return -ENOMEM;
	/*
	 * At most the old section and its strings: from here on nothing
	 * fails (offsets were checked), so no offset is half rewritten.
	 */
	err = btf_strset_reserve(c.set, btf->strs_len + 1, btf_strset_count(btf->strset));
	if (err)
		goto err_free;
	/* offset 0 is "" in a BTF of its own; a split one's 0 is its base's */
	if (!btf->base)
		btf_strset_add(c.set, "");
	for (i = 0; !err && i < btf->nr_types; i++)
		err = btf_type_visit_strs(dedup_type(d, btf->start_id + i), remap_str, &c);
	if (!err && d->ext)
		err = btf_ext_visit_str_offs(d->ext, remap_str, &c);
	if (err)
		goto err_free;
	btf_strset_free(btf->strset);
	btf->strset = c.set;
	btf->strs = btf_strset_data(c.set);
	btf->strs_len = btf_strset_len(c.set);
	return 0;

err_free:
	btf_strset_free(c.set);
	return err;
}
