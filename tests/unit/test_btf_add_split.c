// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__add_btf() of a split BTF onto another split BTF of the same base
 * (what "btf dump file A file B" merges module BTFs with): base type ids
 * and base strings kept, own ones renumbered; another base refused.
 */
#include <errno.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "unit.h"

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

static const char *name_of(const struct btf *btf, __u32 id)
{
	return btf__name_by_offset(btf, btf__type_by_id(btf, id)->name_off);
}

/* base: [1] int, [2] struct base_s { int x; } */
static struct btf *make_base(void)
{
	struct btf *base = btf__new_empty();

	btf__add_int(base, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(base, "base_s", 4);
	btf__add_field(base, "x", 1, 0, 0);
	return base;
}

/* split on base: [3] ptr -> base_s, [4] struct NAME { int a; base_s *b; } */
static struct btf *make_split(struct btf *base, const char *name)
{
	struct btf *btf = btf__new_empty_split(base);
	int ptr = btf__add_ptr(btf, 2);

	btf__add_struct(btf, name, 16);
	btf__add_field(btf, "a", 1, 0, 0);
	btf__add_field(btf, "b", ptr, 64, 0);
	return btf;
}

static void test_same_base(void)
{
	struct btf *base = make_base(), *dst, *src;
	const struct btf_type *t;
	int first;

	dst = make_split(base, "first_s");
	src = make_split(base, "second_s");
	first = btf__add_btf(dst, src);
	CHECK(first == 5 && btf__type_cnt(dst) == 7, "appended from id %d, %u types", first,
	      btf__type_cnt(dst));
	t = btf__type_by_id(dst, 6);
	CHECK(btf_is_struct(t) && !strcmp(name_of(dst, 6), "second_s"), "own type renumbered");
	CHECK(btf_members(t)[0].type == 1, "reference to a base type kept");
	CHECK(btf_members(t)[1].type == 5 && btf__type_by_id(dst, 5)->type == 2,
	      "reference to an own type shifted, the pointer's base target kept");
	CHECK(!strcmp(btf__name_by_offset(dst, btf_members(t)[0].name_off), "a"),
	      "own strings re-added");
	CHECK(btf__find_str(dst, "int") < (int)btf__find_str(dst, "second_s"),
	      "base strings not copied into the split's own");
	CHECK(btf__dedup(dst, NULL) == 0, "merged split BTF deduplicates");
	CHECK(btf__type_cnt(dst) == 6, "the two equal pointers folded: %u types",
	      btf__type_cnt(dst));
	btf__free(src);
	btf__free(dst);
	btf__free(base);
}

static void test_other_base(void)
{
	struct btf *base = make_base(), *other = make_base(), *dst, *src;
	__u32 cnt;

	dst = make_split(base, "first_s");
	src = make_split(other, "second_s");
	cnt = btf__type_cnt(dst);
	errno = 0;
	CHECK(btf__add_btf(dst, src) == -EOPNOTSUPP && errno == EOPNOTSUPP,
	      "split BTF on another base refused");
	CHECK(btf__type_cnt(dst) == cnt, "nothing added");
	btf__free(src);
	btf__free(dst);
	btf__free(other);
	btf__free(base);
}

int main(void)
{
	libbpf_set_print(quiet_print);
	test_same_base();
	test_other_base();
	return unit_done();
}
