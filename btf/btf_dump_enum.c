// SPDX-License-Identifier: BSD-2-Clause
/*
 * Enum definitions of the C emitter. Enumerators live in the ordinary
 * identifier namespace, so a constant defined by two enums is renamed
 * ("___N") every time it is emitted again. Enums whose size C would not
 * pick by itself get a mode attribute.
 */
#include <errno.h>

#include "btf_dump_internal.h"

#define PUT(d, lit) dout_mem(&(d)->out, lit, sizeof(lit) - 1)

/* Start an enumerator line: indentation, name and its "___N" suffix if any. */
static int put_enumerator(struct btf_dump *d, __u32 name_off, int lvl)
{
	const char *name = dump_str(d, name_off);
	long cnt = name_map_claim(&d->idents, name);

	if (cnt < 0)
		return cnt;
	dout_chr(&d->out, '\n');
	dout_tabs(&d->out, lvl);
	dout_str(&d->out, name);
	if (cnt > 1) {
		PUT(d, "___");
		dout_uint(&d->out, cnt);
	}
	PUT(d, " = ");
	return 0;
}

static int enum32_values(struct btf_dump *d, const struct btf_type *t, int lvl)
{
	const struct btf_enum *v = btf_enum(t);
	__u16 i, n = btf_vlen(t);
	int err;

	for (i = 0; i < n; i++) {
		err = put_enumerator(d, v[i].name_off, lvl);
		if (err)
			return err;
		/* the kind flag says whether values are signed */
		if (btf_kflag(t))
			dout_int(&d->out, v[i].val);
		else
			dout_uint(&d->out, (__u32)v[i].val);
		dout_chr(&d->out, ',');
	}
	return 0;
}

static int enum64_values(struct btf_dump *d, const struct btf_type *t, int lvl)
{
	const struct btf_enum64 *v = btf_enum64(t);
	__u16 i, n = btf_vlen(t);
	int err;

	for (i = 0; i < n; i++) {
		err = put_enumerator(d, v[i].name_off, lvl);
		if (err)
			return err;
		if (btf_kflag(t)) {
			dout_int(&d->out, (long long)btf_enum64_value(&v[i]));
			PUT(d, "LL,");
		} else {
			dout_uint(&d->out, btf_enum64_value(&v[i]));
			PUT(d, "ULL,");
		}
	}
	return 0;
}

/*
 * An 8-byte enum on a 64-bit target is only 8 bytes by itself if some value
 * needs the upper half; a 32-bit enum never does.
 */
static bool needs_word_mode(const struct btf_type *t)
{
	const struct btf_enum64 *v = btf_enum64(t);
	__u16 i, n = btf_vlen(t);

	if (btf_is_enum(t))
		return true;
	for (i = 0; i < n; i++) {
		if (v[i].val_hi32)
			return false;
	}
	return true;
}

int dump_enum_def(struct btf_dump *d, __u32 id, const struct btf_type *t, int lvl)
{
	const char *name = dump_tag_name(d, id);
	int err;

	if (!name)
		return -ENOMEM;
	PUT(d, "enum");
	if (t->name_off)
		dout_chr(&d->out, ' ');
	dout_str(&d->out, name);
	if (!btf_vlen(t))
		return 0;

	PUT(d, " {");
	if (btf_is_enum(t))
		err = enum32_values(d, t, lvl + 1);
	else
		err = enum64_values(d, t, lvl + 1);
	if (err)
		return err;
	dout_chr(&d->out, '\n');
	dout_tabs(&d->out, lvl);
	dout_chr(&d->out, '}');

	if (t->size == 1)
		PUT(d, " __attribute__((mode(byte)))");
	else if (t->size == 8 && d->ptr_sz == 8 && needs_word_mode(t))
		PUT(d, " __attribute__((mode(word)))");
	return 0;
}
