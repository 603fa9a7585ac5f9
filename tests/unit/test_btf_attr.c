// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__add_type_attr() and btf__add_decl_attr(): tags with the kind flag
 * set (the value is a whole __attribute__), and btf__new_empty_opts() with
 * and without a kind layout section.
 */
#include <errno.h>
#include <stdio.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "unit.h"

static char out[1024];
static size_t out_len;

static void print_cb(void *ctx, const char *fmt, va_list args)
{
	(void)ctx;
	out_len += vsnprintf(out + out_len, sizeof(out) - out_len, fmt, args);
}

static void test_attrs(void)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = "x");
	struct btf *btf = btf__new_empty(), *back;
	const struct btf_type *t;
	int i, attr, tag, ptr, s;
	struct btf_dump *d;
	const void *raw;
	__u32 size;

	i = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	attr = btf__add_type_attr(btf, "aligned(8)", i);
	ptr = btf__add_ptr(btf, attr);
	s = btf__add_struct(btf, "s", 8);
	btf__add_field(btf, "p", ptr, 0, 0);
	tag = btf__add_decl_attr(btf, "unused", s, 0);
	t = btf__type_by_id(btf, attr);
	CHECK(attr > 0 && btf_is_type_tag(t) && btf_kflag(t) && t->type == (__u32)i &&
	      !strcmp(btf__name_by_offset(btf, t->name_off), "aligned(8)"),
	      "btf__add_type_attr: a TYPE_TAG with the kind flag");
	t = btf__type_by_id(btf, tag);
	CHECK(tag > 0 && btf_is_decl_tag(t) && btf_kflag(t) && t->type == (__u32)s &&
	      btf_decl_tag(t)->component_idx == 0,
	      "btf__add_decl_attr: a DECL_TAG with the kind flag");
	t = btf__type_by_id(btf, btf__add_type_tag(btf, "user", i));
	CHECK(!btf_kflag(t), "btf__add_type_tag: still without the flag");
	t = btf__type_by_id(btf, btf__add_decl_tag(btf, "k", s, -1));
	CHECK(!btf_kflag(t), "btf__add_decl_tag: still without the flag");

	errno = 0;
	CHECK(btf__add_type_attr(btf, "", i) == -EINVAL && errno == EINVAL &&
	      btf__add_type_attr(btf, NULL, i) == -EINVAL && btf__add_type_attr(btf, "a", -1) ==
	      -EINVAL, "btf__add_type_attr: empty value or bad id is -EINVAL");
	CHECK(btf__add_decl_attr(btf, "a", s, -2) == -EINVAL &&
	      btf__add_decl_attr(btf, "", s, 0) == -EINVAL,
	      "btf__add_decl_attr: component below -1 or empty value is -EINVAL");

	raw = btf__raw_data(btf, &size);
	back = btf__new(raw, size);
	CHECK(back && btf_kflag(btf__type_by_id(back, attr)) &&
	      btf_kflag(btf__type_by_id(back, tag)), "attributes survive a round trip");
	d = btf_dump__new(btf, print_cb, NULL, NULL);
	CHECK(btf_dump__emit_type_decl(d, ptr, &opts) == 0 &&
	      !strcmp(out, "int __attribute__((aligned(8))) *x"),
	      "the C emitter writes a type attribute as itself (%s)", out);
	btf_dump__free(d);
	btf__free(back);
	btf__free(btf);
}

static void test_new_empty_opts(void)
{
	LIBBPF_OPTS(btf_new_opts, layout, .add_layout = true);
	LIBBPF_OPTS(btf_new_opts, split);
	struct btf_header hdr;
	__u32 size, w[2];
	const __u8 *raw;
	struct btf *btf, *back, *s;

	btf = btf__new_empty_opts(NULL);
	raw = btf__raw_data(btf, &size);
	CHECK(btf && size == sizeof(hdr) + 1, "no opts: as btf__new_empty()");
	btf__free(btf);

	btf = btf__new_empty_opts(&layout);
	raw = btf ? btf__raw_data(btf, &size) : NULL;
	memcpy(&hdr, raw, sizeof(hdr));
	memcpy(w, raw + sizeof(hdr), sizeof(w));
	CHECK(raw && hdr.hdr_len == 32 && w[0] == 0 && w[1] == 20 * 4 && hdr.str_off == 80 &&
	      hdr.str_len == 1 && size == 32 + 80 + 1,
	      "add_layout: a 32-byte header and 20 kinds of layout before the strings");
	CHECK(raw && raw[32 + 4 * BTF_KIND_INT] == 4 && raw[32 + 4 * BTF_KIND_STRUCT + 1] == 12 &&
	      raw[32 + 4 * BTF_KIND_ENUM64 + 1] == 12, "add_layout: INT has 4 bytes, STRUCT "
	      "12 per member, ENUM64 12 per value");
	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	raw = btf__raw_data(btf, &size);
	memcpy(&hdr, raw, sizeof(hdr));
	memcpy(w, raw + sizeof(hdr), sizeof(w));
	CHECK(hdr.hdr_len == 32 && hdr.type_len == 16 && w[0] == 16 && hdr.str_off == 96,
	      "add_layout: kept after the types once types are added");
	back = btf__new(raw, size);
	CHECK(back && btf__type_cnt(back) == 2, "add_layout: parses back");
	btf__set_endianness(back, BTF_BIG_ENDIAN);
	raw = btf__raw_data(back, &size);
	s = btf__new(raw, size);
	CHECK(s && btf__endianness(s) == BTF_BIG_ENDIAN && btf__type_cnt(s) == 2,
	      "add_layout: and in the other byte order");
	btf__set_endianness(s, BTF_LITTLE_ENDIAN);
	CHECK(s && btf__add_int(s, "long", 8, BTF_INT_SIGNED) == 2 &&
	      btf__raw_data(s, &size) && ((const struct btf_header *)btf__raw_data(s, &size))
	      ->hdr_len == 32, "add_layout: a parsed BTF with layout keeps it when changed");
	btf__free(s);
	btf__free(back);

	split.base_btf = btf;
	s = btf__new_empty_opts(&split);
	CHECK(s && btf__base_btf(s) == btf && btf__type_cnt(s) == 2, "base_btf: split BTF");
	btf__free(s);
	btf__free(btf);

	split.sz = 1;
	errno = 0;
	CHECK(!btf__new_empty_opts(&split) && errno == EINVAL, "bad opts size: EINVAL");
}

int main(void)
{
	libbpf_set_print(NULL);
	test_attrs();
	test_new_empty_opts();
	return unit_done();
}
