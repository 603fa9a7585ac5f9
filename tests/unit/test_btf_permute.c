// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__permute(): types reordered in place, references and .BTF.ext type
 * ids renumbered, bad maps refused with the BTF unchanged.
 */
#include <errno.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_ext.h"
#include "unit.h"

/* [1] int, [2] struct pair { int a; pair *next; }, [3] ptr -> 2, [4] proto, [5] func */
static struct btf *build(void)
{
	struct btf *btf = btf__new_empty();

	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(btf, "pair", 16);
	btf__add_field(btf, "a", 1, 0, 0);
	btf__add_field(btf, "next", 3, 64, 0);
	btf__add_ptr(btf, 2);
	btf__add_func_proto(btf, 1);
	btf__add_func_param(btf, "p", 3);
	btf__add_func(btf, "f", BTF_FUNC_GLOBAL, 4);
	return btf;
}

static const char *name_of(const struct btf *btf, __u32 id)
{
	return btf__name_by_offset(btf, btf__type_by_id(btf, id)->name_off);
}

/* A .BTF.ext with one func_info record for type 5 and one CO-RE relocation of type 2. */
static struct btf_ext *build_ext(void)
{
	__u32 w[] = {
		0, 32, 0, 20, 20, 0, 20, 28,
		8, 1, 1, 0, 5,
		16, 1, 1, 0, 2, 3, 0,
	};

	memcpy(w, &(__u16){ 0xeB9F }, 2);
	((__u8 *)w)[2] = 1;
	return btf_ext__new((const __u8 *)w, sizeof(w));
}

static void test_base(void)
{
	__u32 map[] = { 0, 5, 1, 2, 3, 4 };	/* old id -> new id */
	LIBBPF_OPTS(btf_permute_opts, opts);
	const struct btf_type *t;
	const struct bpf_func_info *fi;
	const struct bpf_core_relo *cr;
	struct btf *btf = build();
	struct btf_ext *ext = build_ext();

	opts.btf_ext = ext;
	CHECK(ext && btf__permute(btf, map, 6, &opts) == 0, "base: permuted");
	CHECK(!strcmp(name_of(btf, 5), "int") && !strcmp(name_of(btf, 1), "pair") &&
	      btf_is_ptr(btf__type_by_id(btf, 2)) && !strcmp(name_of(btf, 4), "f"),
	      "base: types in their new places");
	t = btf__type_by_id(btf, 1);
	CHECK(btf_members(t)[0].type == 5 && btf_members(t)[1].type == 2,
	      "base: member references renumbered");
	CHECK(btf__type_by_id(btf, 2)->type == 1 && btf__type_by_id(btf, 4)->type == 3 &&
	      btf__type_by_id(btf, 3)->type == 5 && btf_params(btf__type_by_id(btf, 3))[0].type == 2,
	      "base: pointer, func and proto references renumbered");
	CHECK(btf__find_by_name_kind(btf, "int", BTF_KIND_INT) == 5 &&
	      btf__find_by_name_kind(btf, "f", BTF_KIND_FUNC) == 4,
	      "base: lookups by name find the new ids");
	fi = btf_ext_rec(btf_ext_sec(ext, BTF_EXT_FUNC_INFO, 0), 0);
	cr = btf_ext_rec(btf_ext_sec(ext, BTF_EXT_CORE_RELO, 0), 0);
	CHECK(fi->type_id == 4 && cr->type_id == 1, "base: .BTF.ext type ids renumbered");
	{
		__u32 size;
		const void *raw = btf__raw_data(btf, &size);
		struct btf *back = btf__new(raw, size);

		CHECK(back && btf__type_cnt(back) == 6 && !strcmp(name_of(back, 1), "pair"),
		      "base: the permuted BTF serializes and parses");
		btf__free(back);
	}
	btf_ext__free(ext);
	btf__free(btf);
}

static void test_errors(void)
{
	__u32 dup[] = { 0, 1, 1, 2, 3, 4 }, range[] = { 0, 1, 2, 3, 4, 6 };
	__u32 moved_void[] = { 1, 0, 2, 3, 4, 5 }, ident[] = { 0, 1, 2, 3, 4, 5 };
	struct btf *btf = build();
	__u32 size, size2;
	const void *raw;
	void *before;

	raw = btf__raw_data(btf, &size);
	before = malloc(size);
	memcpy(before, raw, size);
	errno = 0;
	CHECK(btf__permute(btf, dup, 6, NULL) == -EINVAL && errno == EINVAL,
	      "errors: an id taken twice is -EINVAL");
	CHECK(btf__permute(btf, range, 6, NULL) == -EINVAL, "errors: an id out of range");
	CHECK(btf__permute(btf, moved_void, 6, NULL) == -EINVAL, "errors: void moved");
	CHECK(btf__permute(btf, ident, 5, NULL) == -EINVAL, "errors: too few entries");
	raw = btf__raw_data(btf, &size2);
	CHECK(size2 == size && !memcmp(raw, before, size), "errors: the BTF is unchanged");
	CHECK(btf__permute(btf, ident, 6, NULL) == 0, "the identity is fine");
	raw = btf__raw_data(btf, &size2);
	CHECK(size2 == size && !memcmp(raw, before, size), "and changes nothing");
	free(before);
	btf__free(btf);
}

static void test_split(void)
{
	struct btf *base = build(), *split = btf__new_empty_split(base);
	__u32 map[] = { 8, 6, 7 };	/* [6] -> 8, [7] -> 6, [8] -> 7 */
	const struct btf_type *t;

	btf__add_typedef(split, "pair_t", 2);		/* [6] */
	btf__add_ptr(split, 6);				/* [7] -> [6] */
	btf__add_const(split, 7);			/* [8] -> [7] */
	CHECK(btf__permute(split, map, 4, NULL) == -EINVAL,
	      "split: one entry per own type, no void");
	CHECK(btf__permute(split, map, 3, NULL) == 0, "split: permuted");
	t = btf__type_by_id(split, 8);
	CHECK(btf_is_typedef(t) && t->type == 2, "split: base references stay");
	t = btf__type_by_id(split, 6);
	CHECK(btf_is_ptr(t) && t->type == 8, "split: own references renumbered (ptr)");
	t = btf__type_by_id(split, 7);
	CHECK(btf_is_const(t) && t->type == 6, "split: own references renumbered (const)");
	btf__free(split);
	btf__free(base);
}

int main(void)
{
	libbpf_set_print(NULL);
	test_base();
	test_errors();
	test_split();
	return unit_done();
}
