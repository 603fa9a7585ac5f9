// SPDX-License-Identifier: BSD-2-Clause
/*
 * BTF-to-C emitter: public API and per-type bookkeeping.
 *
 * Output matches libbpf's btf_dump byte for byte; the ordering, naming and
 * formatting rules live in the other btf_dump_*.c files. Unlike libbpf,
 * every recursion is bounded (BTF_DUMP_MAX_DEPTH) so hostile BTF yields
 * -ELOOP instead of exhausting the stack.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dump_internal.h"
#include "log.h"

const char *dump_str(const struct btf_dump *d, __u32 off)
{
	const char *s = btf__name_by_offset(d->btf, off);

	return s ? s : "";
}

/* btf__align_of() walks whole structs; padding decisions ask for it per member. */
int dump_align_of(struct btf_dump *d, __u32 id)
{
	int align;

	if (d->aligns[id])
		return d->aligns[id];
	align = btf__align_of(d->btf, id);
	if (align > 0 && align <= 255)
		d->aligns[id] = align;
	return align;
}

static int mark_ref(struct btf_dump *d, __u32 id)
{
	if (id >= d->type_cnt)
		return -EINVAL;
	d->states[id].referenced = 1;
	return 0;
}

static int mark_members_ref(struct btf_dump *d, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);

	for (i = 0; i < n; i++) {
		if (mark_ref(d, m[i].type))
			return -EINVAL;
	}
	return 0;
}

static int mark_params_ref(struct btf_dump *d, const struct btf_type *t)
{
	const struct btf_param *p = btf_params(t);
	__u16 i, n = btf_vlen(t);

	for (i = 0; i < n; i++) {
		if (mark_ref(d, p[i].type))
			return -EINVAL;
	}
	return 0;
}

static int mark_secinfos_ref(struct btf_dump *d, const struct btf_type *t)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	__u16 i, n = btf_vlen(t);

	for (i = 0; i < n; i++) {
		if (mark_ref(d, v[i].type))
			return -EINVAL;
	}
	return 0;
}

/*
 * An anonymous enum nobody refers to declares constants at top level and
 * must be emitted on its own; one that is referred to is emitted inline.
 * Only the "referenced" bit tells the two apart.
 */
static int mark_refs_of(struct btf_dump *d, const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		return 0;
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_TYPE_TAG:
		return mark_ref(d, t->type);
	case BTF_KIND_ARRAY:
		if (mark_ref(d, btf_array(t)->index_type))
			return -EINVAL;
		return mark_ref(d, btf_array(t)->type);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return mark_members_ref(d, t);
	case BTF_KIND_FUNC_PROTO:
		return mark_params_ref(d, t);
	case BTF_KIND_DATASEC:
		return mark_secinfos_ref(d, t);
	default:
		return -EINVAL;
	}
}

static int mark_all_refs(struct btf_dump *d)
{
	__u32 id;
	int err;

	for (id = 1; id < d->type_cnt; id++) {
		const struct btf_type *t = dump_type(d, id);

		if (!t)
			return -EINVAL;
		err = mark_refs_of(d, t);
		if (err) {
			pr_warn("btf_dump: unexpected kind %u of type [%u]\n", btf_kind(t), id);
			return err;
		}
	}
	return 0;
}

static int alloc_state(struct btf_dump *d)
{
	size_t n = d->type_cnt;

	d->states = calloc(n, sizeof(*d->states));
	d->renamed = calloc(n, sizeof(*d->renamed));
	d->aligns = calloc(n, sizeof(*d->aligns));
	if (!d->states || !d->renamed || !d->aligns)
		return -ENOMEM;
	/* void needs neither ordering nor a definition */
	d->states[0].order = ORDER_DONE;
	d->states[0].emit = EMIT_DONE;
	return 0;
}

static bool opts_sz_ok(const void *opts, size_t known_sz)
{
	const char *p = opts;
	size_t sz, i;

	if (!opts)
		return true;
	sz = *(const size_t *)opts;
	if (sz < sizeof(size_t))
		return false;
	/* fields this library does not know about must be left zeroed */
	for (i = known_sz; i < sz; i++) {
		if (p[i])
			return false;
	}
	return true;
}

struct btf_dump *btf_dump__new(const struct btf *btf, btf_dump_printf_fn_t printf_fn,
			       void *ctx, const struct btf_dump_opts *opts)
{
	struct btf_dump *d;
	int err;

	if (!btf || !printf_fn || !opts_sz_ok(opts, sizeof(*opts)))
		return libbpf_err_ptr(-EINVAL);
	d = calloc(1, sizeof(*d));
	if (!d)
		return libbpf_err_ptr(-ENOMEM);
	d->btf = btf;
	d->type_cnt = btf__type_cnt(btf);
	d->ptr_sz = btf__pointer_size(btf) ? : sizeof(void *);

	err = dout_init(&d->out, printf_fn, ctx);
	if (err)
		goto err_free;
	err = alloc_state(d);
	if (err)
		goto err_free;
	err = mark_all_refs(d);
	if (err)
		goto err_free;
	return d;

err_free:
	btf_dump__free(d);
	return libbpf_err_ptr(err);
}

void btf_dump__free(struct btf_dump *d)
{
	__u32 i;

	if (!d)
		return;
	name_map_free(&d->idents);
	name_map_free(&d->tags);
	free(d->decls);
	free(d->queue);
	free(d->aligns);
	if (d->renamed) {
		for (i = 0; i < d->type_cnt; i++)
			free(d->renamed[i]);
	}
	free(d->renamed);
	free(d->states);
	dout_fini(&d->out);
	free(d);
}

int btf_dump__dump_type(struct btf_dump *d, __u32 id)
{
	__u32 i;
	int err;

	if (!d || id >= d->type_cnt)
		return libbpf_err(-EINVAL);

	d->queue_cnt = 0;
	err = dump_order(d, id, false, 0);
	if (err < 0)
		return libbpf_err(err);

	err = 0;
	for (i = 0; i < d->queue_cnt; i++) {
		err = dump_emit(d, d->queue[i], 0, 0);
		if (err)
			break;
	}
	dout_flush(&d->out);
	return libbpf_err(err);
}

int btf_dump__emit_type_decl(struct btf_dump *d, __u32 id,
			     const struct btf_dump_emit_type_decl_opts *opts)
{
	const char *fname = "";
	int lvl = 0, err;
	bool strip = false;

	if (!d || id >= d->type_cnt || !opts_sz_ok(opts, sizeof(*opts)))
		return libbpf_err(-EINVAL);
	/* honour only the fields the caller's struct version has */
	if (opts && opts->sz >= offsetof(typeof(*opts), field_name) + sizeof(opts->field_name))
		fname = opts->field_name ? : "";
	if (opts && opts->sz >= offsetof(typeof(*opts), indent_level) + sizeof(opts->indent_level))
		lvl = opts->indent_level;
	if (opts && opts->sz >= offsetof(typeof(*opts), strip_mods) + sizeof(opts->strip_mods))
		strip = opts->strip_mods;

	d->strip_mods = strip;
	d->decl_depth = 0;
	d->decls_cnt = 0;
	err = dump_decl(d, id, fname, lvl);
	d->strip_mods = false;
	dout_flush(&d->out);
	return libbpf_err(err);
}
