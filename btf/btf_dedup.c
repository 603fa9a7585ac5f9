// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__dedup(): libbpf's type deduplication over our writable BTF. The
 * phases, in order: strings; types that refer to nothing; structs and
 * unions (graph equivalence across compilation units); leftover forward
 * declarations; types that refer to others; then compaction and id
 * renumbering. Everything that can fail on bad input is checked, and
 * everything sizable allocated, before the first change, so a failure
 * leaves btf describing the same types (at worst with compacted strings
 * and some references moved to equal types).
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dedup.h"
#include "btf_ext.h"
#include "btf_type_fields.h"
#include "log.h"
#include "opts.h"

struct check_ctx {
	const struct btf *btf;
	__u32 type_id;		/* the type (0: a .BTF.ext record) being checked */
	const char *what;
};

static int check_id(__u32 *id, void *arg)
{
	const struct check_ctx *c = arg;

	if (*id < btf__type_cnt(c->btf))
		return 0;
	pr_warn("btf__dedup: %s [%u] refers to type id %u, past the last type %u\n", c->what,
		c->type_id, *id, btf__type_cnt(c->btf) - 1);
	return -EINVAL;
}

static int check_str(__u32 *off, void *arg)
{
	const struct check_ctx *c = arg;

	if (btf__str_by_offset(c->btf, *off))
		return 0;
	pr_warn("btf__dedup: %s [%u] has string offset %u, past the strings\n", c->what,
		c->type_id, *off);
	return -EINVAL;
}

static bool is_known_kind(__u16 kind)
{
	return kind > BTF_KIND_UNKN && kind <= BTF_KIND_ENUM64;
}

/* Every own type of a known kind, every id and string offset in range. */
static int check_input(struct btf *btf, struct btf_ext *ext)
{
	struct check_ctx c = { .btf = btf, .what = "type" };
	struct btf_type *t;
	__u32 i;
	int err = 0;

	for (i = 0; !err && i < btf->nr_types; i++) {
		c.type_id = btf->start_id + i;
		t = (struct btf_type *)btf_type_fast(btf, c.type_id);
		if (!is_known_kind(btf_kind(t))) {
			pr_warn("btf__dedup: type [%u] is of unknown kind %u\n", c.type_id,
				btf_kind(t));
			return -EINVAL;
		}
		err = btf_type_visit_ids(t, check_id, &c);
		err = err ?: btf_type_visit_strs(t, check_str, &c);
	}
	if (err || !ext)
		return err;
	c.what = ".BTF.ext record of type";
	c.type_id = 0;
	err = btf_ext_visit_type_ids(ext, check_id, &c);
	return err ?: btf_ext_visit_str_offs(ext, check_str, &c);
}

static void dedup_free(struct btf_dedup *d)
{
	dedup_table_free(&d->table);
	free(d->map);
	free(d->hypot_map);
	free(d->hypot_list);
	dedup_stack_free(&d->pairs);
}

static int dedup_init(struct btf_dedup *d, struct btf *btf, const struct btf_dedup_opts *opts)
{
	__u32 id, n = btf__type_cnt(btf);
	const struct btf_type *t;

	d->btf = btf;
	d->ext = OPTS_GET(opts, btf_ext, NULL);
	d->type_cnt = n;
	d->map = malloc(n * sizeof(*d->map));
	d->hypot_map = malloc(n * sizeof(*d->hypot_map));
	d->hypot_list = malloc(n * sizeof(*d->hypot_list));
	if (!d->map || !d->hypot_map || !d->hypot_list ||
	    dedup_table_init(&d->table, n, OPTS_GET(opts, force_collisions, false)))
		return -ENOMEM;
	d->map[0] = 0;
	for (id = 1; id < n; id++) {
		t = btf_type_fast(btf, id);
		/* VAR and DATASEC stay as they are, one per variable and section */
		d->map[id] = btf_is_var(t) || btf_is_datasec(t) ? id : DEDUP_UNMAPPED;
	}
	for (id = 0; id < n; id++)
		d->hypot_map[id] = DEDUP_UNMAPPED;
	return 0;
}

/* Base types are canonical by definition, and candidates for split types. */
static int dedup_add_base(struct btf_dedup *d)
{
	const struct btf_type *t;
	__u64 hash;
	__u32 id;

	for (id = 1; id < d->btf->start_id; id++) {
		t = btf_type_fast(d->btf, id);
		d->map[id] = id;
		if (btf_is_var(t) || btf_is_datasec(t))
			continue;
		if (dedup_hash_by_kind(t, &hash)) {
			pr_warn("btf__dedup: base type [%u] is of unknown kind %u\n", id,
				btf_kind(t));
			return -EINVAL;
		}
		dedup_table_add(&d->table, hash, id);
	}
	return 0;
}

static int dedup_run(struct btf_dedup *d)
{
	int err;

	err = dedup_add_base(d);
	err = err ?: btf_dedup_strings(d);
	err = err ?: btf_dedup_prim_types(d);
	err = err ?: btf_dedup_struct_types(d);
	err = err ?: btf_dedup_resolve_fwds(d);
	err = err ?: btf_dedup_ref_types(d);
	if (err)
		return err;
	btf_dedup_compact(d);
	return btf_dedup_remap(d);
}

int btf__dedup(struct btf *btf, const struct btf_dedup_opts *opts)
{
	struct btf_dedup d = {};
	int err;

	if (!btf || !OPTS_VALID(opts, btf_dedup_opts))
		return libbpf_err(-EINVAL);
	if (btf_ensure_modifiable(btf))
		return libbpf_err(-ENOMEM);
	err = check_input(btf, OPTS_GET(opts, btf_ext, NULL));
	err = err ?: dedup_init(&d, btf, opts);
	err = err ?: dedup_run(&d);
	dedup_free(&d);
	if (err)
		pr_warn("btf__dedup: failed: %d\n", err);
	return libbpf_err(err);
}
