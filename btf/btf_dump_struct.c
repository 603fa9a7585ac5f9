// SPDX-License-Identifier: BSD-2-Clause
/*
 * Struct and union definitions of the C emitter. BTF records where each
 * member sits, C only what it is; to make the compiler reproduce the
 * original layout, gaps are filled with unnamed bitfields ("long: 64;")
 * and structs that cannot be naturally aligned are marked packed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "btf_dump_internal.h"

#define PUT(d, lit) dout_mem(&(d)->out, lit, sizeof(lit) - 1)

struct pad_kind {
	const char *name;
	int bits;
};

static long long round_up(long long v, long long to)
{
	/* an unknown alignment (0) must not divide; treat it as byte-aligned */
	if (to <= 0)
		to = 8;
	return (v + to - 1) / to * to;
}

/*
 * A member off its natural alignment, or a size that is not a multiple of
 * the largest alignment, can only come from a packed struct. A packed
 * struct whose layout happens to be natural is indistinguishable, and
 * needs no attribute anyway.
 */
static bool struct_is_packed(struct btf_dump *d, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);
	int align, max_align = 1;

	for (i = 0; i < n; i++) {
		align = dump_align_of(d, m[i].type);
		if (align && !btf_member_bitfield_size(t, i) && m[i].offset % (8 * align))
			return true;
		if (align > max_align)
			max_align = align;
	}
	return t->size % max_align != 0;
}

static void put_pad(struct btf_dump *d, const char *type, long long bits, int lvl)
{
	dout_chr(&d->out, '\n');
	dout_tabs(&d->out, lvl);
	dout_str(&d->out, type);
	PUT(d, ": ");
	dout_int(&d->out, bits);
	dout_chr(&d->out, ';');
}

/*
 * n lines of put_pad(d, type, bits, lvl), written a block of lines at a
 * time: a hole of 2^28 bytes takes 2^25 "long: 64;" lines (bpftool writes
 * them all too), which must not take a call per piece of each line.
 */
static void put_pad_run(struct btf_dump *d, const char *type, int bits, long long n, int lvl)
{
	int tabs = lvl <= 0 ? 0 : lvl > BTF_DUMP_MAX_INDENT ? BTF_DUMP_MAX_INDENT : lvl;
	char block[4096];
	long long copies, i;
	int line;

	line = snprintf(block, sizeof(block), "\n%*s%s: %d;", tabs, "", type, bits);
	if (line <= 0 || (size_t)line * 2 > sizeof(block) || n < 2) {
		for (i = 0; i < n; i++)
			put_pad(d, type, bits, lvl);
		return;
	}
	memset(block + 1, '\t', tabs);
	copies = (long long)sizeof(block) / line < n ? (long long)sizeof(block) / line : n;
	for (i = 1; i < copies; i++)
		memcpy(block + i * line, block, line);
	for (; n >= copies; n -= copies)
		dout_mem(&d->out, block, copies * line);
	dout_mem(&d->out, block, n * line);
}

/*
 * Fill bits [cur, next) before a member of alignment next_align (bytes).
 * The widest of long/int/short/char whose aligned position does not pass
 * next is chosen; a zero-width "<type>: 0;" forces that alignment when the
 * compiler would not align there by itself, or when the following
 * "<type>: N;" would otherwise fit into the hole and be swallowed by it.
 * Inside a run of bitfields the alignment step is spelled out in bits.
 */
static void emit_padding(struct btf_dump *d, long long cur, long long next, int next_align,
			 bool in_bitfield, int lvl)
{
	const struct pad_kind kinds[] = {
		{ "long", d->ptr_sz * 8 }, { "int", 32 }, { "short", 16 }, { "char", 8 },
	};
	const int nkinds = sizeof(kinds) / sizeof(kinds[0]);
	const struct pad_kind *k = &kinds[0];
	long long aligned = 0, bits;
	int i;

	if (cur >= next)
		return;
	for (i = 0; i < nkinds; i++) {
		k = &kinds[i];
		aligned = round_up(cur, k->bits);
		if (aligned <= next)
			break;
	}

	if (aligned > cur && aligned <= next) {
		if (in_bitfield ||
		    (aligned == next && round_up(cur, next_align * 8LL) != aligned) ||
		    (aligned != next && next - aligned <= aligned - cur))
			put_pad(d, k->name, in_bitfield ? aligned - cur : 0, lvl);
		cur = aligned;
	}

	/* whole pieces of the chosen width, then the remainder if any */
	if (next - cur >= k->bits) {
		put_pad_run(d, k->name, k->bits, (next - cur) / k->bits, lvl);
		cur += (next - cur) / k->bits * k->bits;
	}
	while (cur != next) {
		bits = next - cur < k->bits ? next - cur : k->bits;
		if (bits < k->bits) {
			/* the remainder gets the narrowest type that holds it */
			for (i = nkinds - 1; i > 0 && kinds[i].bits < bits; i--)
				;
			k = &kinds[i];
		}
		put_pad(d, k->name, bits, lvl);
		cur += bits;
	}
}

static int emit_member(struct btf_dump *d, const struct btf_type *t, __u16 i, int lvl)
{
	const struct btf_member *m = btf_members(t) + i;
	int err;

	dout_chr(&d->out, '\n');
	dout_tabs(&d->out, lvl);
	err = dump_decl(d, m->type, dump_str(d, m->name_off), lvl);
	if (err)
		return err;
	if (btf_member_bitfield_size(t, i)) {
		PUT(d, ": ");
		dout_uint(&d->out, btf_member_bitfield_size(t, i));
	}
	dout_chr(&d->out, ';');
	return 0;
}

/* First bit past member i, as the compiler will lay it out. */
static long long member_end(struct btf_dump *d, const struct btf_type *t, __u16 i)
{
	long long off = btf_member_bit_offset(t, i);
	__u32 bits = btf_member_bitfield_size(t, i);
	__s64 size;

	if (bits)
		return off + bits;
	size = btf__resolve_size(d->btf, btf_members(t)[i].type);
	return off + (size > 0 ? size * 8 : 0);
}

static int emit_members(struct btf_dump *d, const struct btf_type *t, int align_self,
			bool packed, int lvl)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);
	long long off = 0;
	bool prev_bitfield = false;
	int err, align;

	for (i = 0; i < n; i++) {
		bool bitfield = btf_member_bitfield_size(t, i) != 0;

		align = packed ? 1 : dump_align_of(d, m[i].type);
		emit_padding(d, off, btf_member_bit_offset(t, i), align,
			     prev_bitfield && bitfield, lvl);
		err = emit_member(d, t, i, lvl);
		if (err)
			return err;
		off = member_end(d, t, i);
		prev_bitfield = bitfield;
	}
	/* a union is as big as its largest member; only a struct ends in a gap */
	if (btf_is_struct(t))
		emit_padding(d, off, t->size * 8LL, align_self, false, lvl);
	return 0;
}

int dump_struct_def(struct btf_dump *d, __u32 id, const struct btf_type *t, int lvl)
{
	int align_self = dump_align_of(d, id);
	bool packed = btf_is_struct(t) && struct_is_packed(d, t);
	int err;

	err = dump_struct_fwd(d, id, t);
	if (err)
		return err;
	PUT(d, " {");
	err = emit_members(d, t, align_self, packed, lvl + 1);
	if (err)
		return err;
	/* an empty struct stays on one line */
	if (btf_vlen(t) || t->size) {
		dout_chr(&d->out, '\n');
		dout_tabs(&d->out, lvl);
	}
	dout_chr(&d->out, '}');
	if (packed)
		PUT(d, " __attribute__((packed))");
	return 0;
}
