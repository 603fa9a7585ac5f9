// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the BTF writer: every btf__add_*() with good and bad
 * inputs, string deduplication, the round trip through btf__raw_data() and
 * btf__new(), changes to a parsed BTF (the fixture kernel BTF), split BTF,
 * and loading what was built into the kernel.
 */
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include <bpf/bpf.h>
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

/* A call expected to fail with err, and errno set to match. */
#define CHECK_ERR(call, err, desc) do {						\
	int __ret;								\
	errno = 0;								\
	__ret = (call);								\
	CHECK(__ret == (err) && errno == -(err), "%s: %d (errno %d)", desc, __ret, errno); \
} while (0)

static const char *name_of(const struct btf *btf, __u32 id)
{
	return btf__name_by_offset(btf, btf__type_by_id(btf, id)->name_off);
}

static void test_strings(void)
{
	struct btf *btf = btf__new_empty();
	int a, b, c;

	CHECK(btf__find_str(btf, "") == 0, "empty string is at offset 0");
	CHECK(btf__add_str(btf, "") == 0, "adding the empty string gives 0");
	a = btf__add_str(btf, "alpha");
	b = btf__add_str(btf, "beta");
	c = btf__add_str(btf, "alpha");
	CHECK(a == 1 && b == 7 && c == a, "strings are deduplicated (%d %d %d)", a, b, c);
	CHECK(btf__find_str(btf, "beta") == b, "find_str finds an added string");
	CHECK_ERR(btf__find_str(btf, "gamma"), -ENOENT, "find_str of an absent string");
	CHECK(!strcmp(btf__str_by_offset(btf, b), "beta"), "str_by_offset reads it back");
	/* "ha" is a suffix of "alpha" but not a string of the section */
	CHECK_ERR(btf__find_str(btf, "ha"), -ENOENT, "suffixes are not strings");
	CHECK_ERR(btf__add_str(btf, NULL), -EINVAL, "add_str(NULL)");
	btf__free(btf);
}

static void test_bad_inputs(void)
{
	struct btf *btf = btf__new_empty();

	CHECK_ERR(btf__add_int(btf, "", 4, 0), -EINVAL, "int without a name");
	CHECK_ERR(btf__add_int(btf, NULL, 4, 0), -EINVAL, "int with NULL name");
	CHECK_ERR(btf__add_int(btf, "i", 3, 0), -EINVAL, "int of 3 bytes");
	CHECK_ERR(btf__add_int(btf, "i", 32, 0), -EINVAL, "int of 32 bytes");
	CHECK_ERR(btf__add_int(btf, "i", 4, 8), -EINVAL, "int of unknown encoding");
	CHECK_ERR(btf__add_float(btf, "f", 3), -EINVAL, "float of 3 bytes");
	CHECK_ERR(btf__add_float(btf, "", 4), -EINVAL, "float without a name");
	CHECK_ERR(btf__add_ptr(btf, -1), -EINVAL, "ptr to a negative id");
	CHECK_ERR(btf__add_const(btf, INT_MAX), -EINVAL, "const of an id past the limit");
	CHECK_ERR(btf__add_array(btf, -1, 1, 2), -EINVAL, "array with a bad index type");
	CHECK_ERR(btf__add_typedef(btf, "", 1), -EINVAL, "typedef without a name");
	CHECK_ERR(btf__add_type_tag(btf, NULL, 1), -EINVAL, "type tag without a value");
	CHECK_ERR(btf__add_decl_tag(btf, "t", 1, -2), -EINVAL, "decl tag component -2");
	CHECK_ERR(btf__add_decl_tag(btf, "", 1, -1), -EINVAL, "decl tag without a value");
	CHECK_ERR(btf__add_fwd(btf, "f", 3), -EINVAL, "fwd of unknown kind");
	CHECK_ERR(btf__add_fwd(btf, "", BTF_FWD_STRUCT), -EINVAL, "fwd without a name");
	CHECK_ERR(btf__add_enum(btf, "e", 3), -EINVAL, "enum of 3 bytes");
	CHECK_ERR(btf__add_enum(btf, "e", 16), -EINVAL, "enum of 16 bytes");
	CHECK_ERR(btf__add_enum64(btf, "e", 0, false), -EINVAL, "enum64 of 0 bytes");
	CHECK_ERR(btf__add_func(btf, "f", 3, 1), -EINVAL, "func of unknown linkage");
	CHECK_ERR(btf__add_func(btf, "", BTF_FUNC_STATIC, 1), -EINVAL, "func without a name");
	CHECK_ERR(btf__add_var(btf, "v", 3, 1), -EINVAL, "var of unknown linkage");
	CHECK_ERR(btf__add_var(btf, "", 0, 1), -EINVAL, "var without a name");
	CHECK_ERR(btf__add_datasec(btf, "", 4), -EINVAL, "datasec without a name");

	/* items with nothing, or the wrong kind, to append to */
	CHECK_ERR(btf__add_field(btf, "f", 1, 0, 0), -EINVAL, "field with no type before");
	CHECK(btf__add_int(btf, "int", 4, BTF_INT_SIGNED) == 1, "int added");
	CHECK_ERR(btf__add_field(btf, "f", 1, 0, 0), -EINVAL, "field after an int");
	CHECK_ERR(btf__add_enum_value(btf, "A", 1), -EINVAL, "enum value after an int");
	CHECK_ERR(btf__add_enum64_value(btf, "A", 1), -EINVAL, "enum64 value after an int");
	CHECK_ERR(btf__add_func_param(btf, "p", 1), -EINVAL, "param after an int");
	CHECK_ERR(btf__add_datasec_var_info(btf, 1, 0, 4), -EINVAL, "var info after an int");

	CHECK(btf__add_struct(btf, "s", 8) == 2, "struct added");
	CHECK_ERR(btf__add_field(btf, "b", 1, 0, 256), -EINVAL, "bitfield of 256 bits");
	CHECK_ERR(btf__add_field(btf, "b", 1, 1U << 24, 3), -EINVAL, "bitfield offset past 24 bits");
	CHECK_ERR(btf__add_field(btf, "b", -1, 0, 0), -EINVAL, "field of a negative type id");
	CHECK_ERR(btf__add_enum_value(btf, "A", 1), -EINVAL, "enum value after a struct");
	CHECK(btf__add_union(btf, "u", 4) == 3, "union added");
	CHECK_ERR(btf__add_field(btf, "x", 1, 8, 0), -EINVAL, "union field at a non-zero offset");
	CHECK(btf__add_enum(btf, "e", 4) == 4, "enum added");
	CHECK_ERR(btf__add_enum_value(btf, "", 1), -EINVAL, "enum value without a name");
	CHECK_ERR(btf__add_enum_value(btf, "A", (__s64)UINT_MAX + 1), -E2BIG,
		  "enum value above UINT_MAX");
	CHECK_ERR(btf__add_enum_value(btf, "A", (__s64)INT_MIN - 1), -E2BIG,
		  "enum value below INT_MIN");
	CHECK(btf__add_enum64(btf, "e64", 8, false) == 5, "enum64 added");
	CHECK_ERR(btf__add_enum64_value(btf, NULL, 1), -EINVAL, "enum64 value without a name");
	CHECK(btf__type_cnt(btf) == 6, "failed adds add nothing (%u types)", btf__type_cnt(btf));
	CHECK(btf_vlen(btf__type_by_id(btf, 2)) == 0, "failed fields add nothing");
	btf__free(btf);
}

/* Ids of the types built by build_all(). */
struct all_ids {
	int i, c, u8, f, p, arr, s, u, e, e64, fwd_s, fwd_u, fwd_e, td, vol, cst, rst, tag,
	    proto, fn, var, sec, dtag;
};

/* One type of every kind, and every kind of item, referring to each other. */
static bool build_all(struct btf *btf, struct all_ids *ids)
{
	bool ok = true;

	ids->i = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	ids->c = btf__add_int(btf, "char", 1, BTF_INT_CHAR);
	ids->u8 = btf__add_int(btf, "_Bool", 1, BTF_INT_BOOL);
	ids->f = btf__add_float(btf, "double", 8);
	ids->tag = btf__add_type_tag(btf, "user", ids->i);
	ids->p = btf__add_ptr(btf, ids->tag);
	ids->arr = btf__add_array(btf, ids->i, ids->c, 16);
	ids->s = btf__add_struct(btf, "point", 32);
	ok &= !btf__add_field(btf, "x", ids->i, 0, 0);
	ok &= !btf__add_field(btf, "name", ids->arr, 32, 0);
	ok &= !btf__add_field(btf, "p", ids->p, 192, 0);
	ok &= !btf__add_field(btf, NULL, ids->i, 224, 0);
	ids->u = btf__add_union(btf, NULL, 8);
	ok &= !btf__add_field(btf, "a", ids->i, 0, 0);
	ok &= !btf__add_field(btf, "d", ids->f, 0, 0);
	ids->e = btf__add_enum(btf, "color", 4);
	ok &= !btf__add_enum_value(btf, "RED", 0);
	ok &= !btf__add_enum_value(btf, "BLUE", 7);
	ids->e64 = btf__add_enum64(btf, "big", 8, false);
	ok &= !btf__add_enum64_value(btf, "HUGE", 0x123456789ULL);
	ids->fwd_s = btf__add_fwd(btf, "fs", BTF_FWD_STRUCT);
	ids->fwd_u = btf__add_fwd(btf, "fu", BTF_FWD_UNION);
	ids->fwd_e = btf__add_fwd(btf, "fe", BTF_FWD_ENUM);
	ids->td = btf__add_typedef(btf, "point_t", ids->s);
	ids->vol = btf__add_volatile(btf, ids->i);
	ids->cst = btf__add_const(btf, ids->vol);
	ids->rst = btf__add_restrict(btf, ids->p);
	ids->proto = btf__add_func_proto(btf, ids->i);
	ok &= !btf__add_func_param(btf, "pt", ids->td);
	ok &= !btf__add_func_param(btf, "n", ids->cst);
	ids->fn = btf__add_func(btf, "area", BTF_FUNC_STATIC, ids->proto);
	ids->var = btf__add_var(btf, "origin", BTF_VAR_GLOBAL_ALLOCATED, ids->s);
	ids->sec = btf__add_datasec(btf, ".data", 32);
	ok &= !btf__add_datasec_var_info(btf, ids->var, 0, 32);
	ids->dtag = btf__add_decl_tag(btf, "tagged", ids->s, 1);
	return ok;
}

static void check_all(const struct btf *btf, const struct all_ids *ids, const char *what)
{
	const struct btf_type *t;

	CHECK(btf__type_cnt(btf) == (__u32)ids->dtag + 1, "%s: %u types", what,
	      btf__type_cnt(btf));
	t = btf__type_by_id(btf, ids->i);
	CHECK(btf_is_int(t) && t->size == 4 && btf_int_bits(t) == 32 &&
	      btf_int_encoding(t) == BTF_INT_SIGNED && !strcmp(name_of(btf, ids->i), "int"),
	      "%s: int", what);
	t = btf__type_by_id(btf, ids->c);
	CHECK(btf_int_encoding(t) == BTF_INT_CHAR && btf_int_bits(t) == 8,
	      "%s: char encoding", what);
	t = btf__type_by_id(btf, ids->f);
	CHECK(btf_is_float(t) && t->size == 8, "%s: float", what);
	t = btf__type_by_id(btf, ids->p);
	CHECK(btf_is_ptr(t) && t->type == (__u32)ids->tag && !t->name_off, "%s: ptr", what);
	t = btf__type_by_id(btf, ids->tag);
	CHECK(btf_is_type_tag(t) && !strcmp(name_of(btf, ids->tag), "user"), "%s: type tag", what);
	t = btf__type_by_id(btf, ids->arr);
	CHECK(btf_is_array(t) && btf_array(t)->nelems == 16 && btf_array(t)->type == (__u32)ids->c
	      && btf_array(t)->index_type == (__u32)ids->i, "%s: array", what);
	t = btf__type_by_id(btf, ids->s);
	CHECK(btf_is_struct(t) && btf_vlen(t) == 4 && t->size == 32 && !btf_kflag(t) &&
	      btf_members(t)[2].offset == 192 &&
	      !strcmp(btf__name_by_offset(btf, btf_members(t)[1].name_off), "name"),
	      "%s: struct with 4 fields", what);
	t = btf__type_by_id(btf, ids->u);
	CHECK(btf_is_union(t) && btf_vlen(t) == 2 && !t->name_off, "%s: anonymous union", what);
	t = btf__type_by_id(btf, ids->e);
	CHECK(btf_is_enum(t) && btf_vlen(t) == 2 && btf_enum(t)[1].val == 7 && !btf_kflag(t),
	      "%s: enum", what);
	t = btf__type_by_id(btf, ids->e64);
	CHECK(btf_is_enum64(t) && btf_enum64_value(btf_enum64(t)) == 0x123456789ULL,
	      "%s: enum64", what);
	CHECK(btf_is_fwd(btf__type_by_id(btf, ids->fwd_s)) &&
	      !btf_kflag(btf__type_by_id(btf, ids->fwd_s)) &&
	      btf_kflag(btf__type_by_id(btf, ids->fwd_u)), "%s: struct and union fwd", what);
	t = btf__type_by_id(btf, ids->fwd_e);
	CHECK(btf_is_enum(t) && !btf_vlen(t) && t->size == 4, "%s: enum fwd is an empty enum",
	      what);
	CHECK(btf_is_typedef(btf__type_by_id(btf, ids->td)) &&
	      btf_is_volatile(btf__type_by_id(btf, ids->vol)) &&
	      btf__type_by_id(btf, ids->cst)->type == (__u32)ids->vol &&
	      btf_is_restrict(btf__type_by_id(btf, ids->rst)), "%s: typedef and modifiers", what);
	t = btf__type_by_id(btf, ids->proto);
	CHECK(btf_is_func_proto(t) && btf_vlen(t) == 2 && btf_params(t)[1].type == (__u32)ids->cst,
	      "%s: func proto", what);
	t = btf__type_by_id(btf, ids->fn);
	CHECK(btf_is_func(t) && btf_vlen(t) == BTF_FUNC_STATIC && t->type == (__u32)ids->proto,
	      "%s: func", what);
	t = btf__type_by_id(btf, ids->var);
	CHECK(btf_is_var(t) && btf_var(t)->linkage == BTF_VAR_GLOBAL_ALLOCATED, "%s: var", what);
	t = btf__type_by_id(btf, ids->sec);
	CHECK(btf_is_datasec(t) && btf_vlen(t) == 1 &&
	      btf_var_secinfos(t)[0].type == (__u32)ids->var, "%s: datasec", what);
	t = btf__type_by_id(btf, ids->dtag);
	CHECK(btf_is_decl_tag(t) && btf_decl_tag(t)->component_idx == 1 &&
	      t->type == (__u32)ids->s, "%s: decl tag", what);
	CHECK(btf__find_by_name_kind(btf, "point", BTF_KIND_STRUCT) == ids->s &&
	      btf__find_by_name_kind(btf, "point_t", BTF_KIND_TYPEDEF) == ids->td &&
	      btf__find_by_name_kind(btf, "area", BTF_KIND_FUNC) == ids->fn,
	      "%s: found by name and kind", what);
}

static int load_in_kernel(const void *raw, __u32 size, char *log, __u32 log_size)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .log_buf = log, .log_size = log_size,
		    .log_level = 1);

	log[0] = '\0';
	return bpf_btf_load(raw, size, &opts);
}

static void test_build_all(void)
{
	struct btf *btf = btf__new_empty(), *back;
	struct all_ids ids;
	const void *raw;
	char log[4096];
	__u32 size, size2;
	int fd;

	CHECK(build_all(btf, &ids), "every add succeeds");
	CHECK(ids.i == 1 && ids.dtag == 23, "ids are consecutive from 1 (last %d)", ids.dtag);
	check_all(btf, &ids, "built");
	raw = btf__raw_data(btf, &size);
	if (!CHECK(raw && size > sizeof(struct btf_header), "raw data of %u bytes", size))
		goto out;
	back = btf__new(raw, size);
	if (CHECK(back, "raw data parses back (errno %d)", errno)) {
		check_all(back, &ids, "round trip");
		raw = btf__raw_data(back, &size2);
		CHECK(size2 == size && !memcmp(raw, btf__raw_data(btf, &size), size),
		      "round trip is byte-identical");
		btf__free(back);
	}
	raw = btf__raw_data(btf, &size);
	fd = load_in_kernel(raw, size, log, sizeof(log));
	CHECK(fd >= 0, "kernel loads the built BTF: fd %d (%s)", fd, fd < 0 ? log : "");
	if (fd >= 0)
		close(fd);
out:
	btf__free(btf);
}

static void test_bitfields_and_signs(void)
{
	struct btf *btf = btf__new_empty();
	const struct btf_type *t;
	int i = btf__add_int(btf, "unsigned int", 4, 0), s, e;

	s = btf__add_struct(btf, "flags", 4);
	CHECK(!btf__add_field(btf, "whole", i, 0, 0), "plain field");
	CHECK(!btf_kflag(btf__type_by_id(btf, s)), "no kind flag before a bitfield");
	CHECK(!btf__add_field(btf, "b", i, 0, 3), "bitfield of 3 bits");
	CHECK(!btf__add_field(btf, "c", i, 3, 0), "field at an odd bit offset is a bitfield");
	t = btf__type_by_id(btf, s);
	CHECK(btf_kflag(t) && btf_member_bitfield_size(t, 1) == 3 &&
	      btf_member_bit_offset(t, 2) == 3 && btf_member_bitfield_size(t, 0) == 0,
	      "bitfield sets the kind flag, sizes and offsets read back");
	e = btf__add_enum(btf, "e", 4);
	CHECK(!btf__add_enum_value(btf, "POS", UINT_MAX), "enum value UINT_MAX");
	CHECK(!btf_kflag(btf__type_by_id(btf, e)), "unsigned enum has no kind flag");
	CHECK(!btf__add_enum_value(btf, "NEG", INT_MIN), "enum value INT_MIN");
	t = btf__type_by_id(btf, e);
	CHECK(btf_kflag(t) && (__s32)btf_enum(t)[1].val == INT_MIN,
	      "negative value makes the enum signed");
	e = btf__add_enum64(btf, "s64", 8, true);
	CHECK(btf_kflag(btf__type_by_id(btf, e)), "signed enum64 has the kind flag");
	btf__free(btf);
}

/* A parsed BTF made writable: old types intact, new ones found, round trip. */
static void test_modify_fixture(void)
{
	size_t size = 0;
	void *raw = gunzip_file(UNIT_FIXTURE("vmlinux.btf.gz"), &size);
	struct btf *btf, *back;
	__u32 cnt, task_sz, raw_size;
	int task, id, i, off;
	const void *out;

	if (!CHECK(raw, "fixture vmlinux.btf.gz decompresses"))
		return;
	btf = btf__new(raw, size);
	free(raw);
	if (!CHECK(btf, "fixture parses"))
		return;
	cnt = btf__type_cnt(btf);
	task = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	task_sz = btf__type_by_id(btf, task)->size;
	off = btf__find_str(btf, "task_struct");
	CHECK(off > 0 && !strcmp(btf__str_by_offset(btf, off), "task_struct"),
	      "find_str on a parsed BTF: %d", off);
	CHECK(btf__add_str(btf, "task_struct") == off, "re-adding an existing string dedups");
	id = btf__add_struct(btf, "bpfctl_new", 16);
	CHECK(id == (int)cnt, "new type gets id %u: %d", cnt, id);
	CHECK_ERR(btf__add_field(btf, "task", btf__add_ptr(btf, task), 0, 0), -EINVAL,
		  "a field after a ptr");
	id = btf__add_struct(btf, "bpfctl_new2", 8);
	CHECK(!btf__add_field(btf, "t", cnt + 1, 0, 0), "field referring to the new ptr");
	CHECK(btf__find_by_name_kind(btf, "bpfctl_new2", BTF_KIND_STRUCT) == id,
	      "name index (built before) sees the new struct");
	CHECK(btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT) == task &&
	      btf__type_by_id(btf, task)->size == task_sz, "old types are intact");
	CHECK(btf__align_of(btf, id) == 8, "alignment of the new struct: %d",
	      btf__align_of(btf, id));
	/* many more names: the index grows and still finds them all */
	for (i = 0; i < 3000; i++) {
		char name[32];

		snprintf(name, sizeof(name), "bpfctl_grow_%d", i);
		if (btf__add_typedef(btf, name, task) < 0)
			break;
	}
	CHECK(i == 3000 && btf__find_by_name_kind(btf, "bpfctl_grow_2999", BTF_KIND_TYPEDEF) ==
	      id + 3000 && btf__find_by_name_kind(btf, "bpfctl_grow_0", BTF_KIND_TYPEDEF) == id + 1,
	      "3000 more typedefs are found by name");
	out = btf__raw_data(btf, &raw_size);
	back = out ? btf__new(out, raw_size) : NULL;
	CHECK(back && btf__type_cnt(back) == btf__type_cnt(btf) &&
	      btf__find_by_name_kind(back, "bpfctl_new2", BTF_KIND_STRUCT) == id &&
	      btf__find_by_name_kind(back, "task_struct", BTF_KIND_STRUCT) == task,
	      "modified kernel BTF round-trips (%u bytes)", raw_size);
	btf__free(back);
	btf__free(btf);
}

static void test_split(void)
{
	struct btf *base = btf__new_empty(), *split, *back;
	int i, p, s, off, base_len;
	__u32 size;
	const void *raw;

	i = btf__add_int(base, "int", 4, BTF_INT_SIGNED);
	base_len = btf__add_str(base, "zz") + 3;
	CHECK_ERR(btf__new_empty_split(NULL) ? 0 : -errno, -EINVAL, "split on no base");
	split = btf__new_empty_split(base);
	if (!CHECK(split, "empty split BTF"))
		goto out;
	CHECK(btf__type_cnt(split) == 2, "split starts after the base's types");
	CHECK(btf__add_str(split, "int") == btf__find_str(base, "int"),
	      "a base string is not added again");
	off = btf__add_str(split, "own");
	CHECK(off == base_len, "own strings follow the base's: %d", off);
	p = btf__add_ptr(split, i);
	s = btf__add_struct(split, "holder", 8);
	CHECK(p == 2 && s == 3 && !btf__add_field(split, "p", p, 0, 0), "split types added");
	CHECK(btf__find_by_name_kind(split, "int", BTF_KIND_INT) == i &&
	      btf__find_by_name_kind(split, "holder", BTF_KIND_STRUCT) == s,
	      "names found in base and split");
	raw = btf__raw_data(split, &size);
	back = raw ? btf__new_split(raw, size, base) : NULL;
	CHECK(back && btf__type_cnt(back) == 4 && !strcmp(name_of(back, s), "holder") &&
	      btf__type_by_id(back, p)->type == (__u32)i, "split BTF round-trips on its base");
	btf__free(back);
	btf__free(split);
out:
	btf__free(base);
}

static void test_copy(void)
{
	struct btf *src = btf__new_empty(), *dst = btf__new_empty();
	struct all_ids ids;
	const struct btf_type *t;
	int first, id;
	const void *raw;
	__u32 size;
	struct btf *back;

	build_all(src, &ids);
	btf__add_int(dst, "long", 8, BTF_INT_SIGNED);
	id = btf__add_type(dst, src, btf__type_by_id(src, ids.s));
	t = btf__type_by_id(dst, id);
	CHECK(id == 2 && btf_is_struct(t) && btf_vlen(t) == 4 && !strcmp(name_of(dst, id), "point")
	      && !strcmp(btf__name_by_offset(dst, btf_members(t)[2].name_off), "p") &&
	      btf_members(t)[2].type == (__u32)ids.p, "add_type copies with strings, ids as is");
	first = btf__add_btf(dst, src);
	CHECK(first == 3 && btf__type_cnt(dst) == 3 + btf__type_cnt(src) - 1,
	      "add_btf appends all types from id %d (%u types)", first,
	      btf__type_cnt(dst));
	id = btf__find_by_name_kind(dst, "point", BTF_KIND_STRUCT);
	CHECK(id == 2, "first point is the copied one");
	t = btf__type_by_id(dst, first + ids.s - 1);
	CHECK(btf_is_struct(t) && btf_members(t)[2].type == (__u32)(first + ids.p - 1) &&
	      btf__type_by_id(dst, first + ids.p - 1)->type == (__u32)(first + ids.tag - 1),
	      "add_btf remaps type ids");
	t = btf__type_by_id(dst, first + ids.proto - 1);
	CHECK(btf_params(t)[0].type == (__u32)(first + ids.td - 1), "params remapped");
	t = btf__type_by_id(dst, first + ids.sec - 1);
	CHECK(btf_var_secinfos(t)[0].type == (__u32)(first + ids.var - 1), "datasec remapped");
	raw = btf__raw_data(dst, &size);
	back = btf__new(raw, size);
	CHECK(back, "merged BTF is valid");
	btf__free(back);
	btf__free(src);
	btf__free(dst);
}

/* A field added to the last type of a parsed BTF: made writable on the spot. */
static void test_parsed_last_struct(void)
{
	struct btf_builder b;
	struct btf *btf;
	const struct btf_type *t;
	__u32 i, size;
	const void *raw, *raw2;

	bb_init(&b);
	i = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	bb_type(&b, BTF_KIND_STRUCT, "s", 1, false, 8);
	bb_member(&b, "a", i, 0);
	btf = bb_parse(&b);
	if (!CHECK(btf, "built BTF parses"))
		return;
	CHECK(!btf__add_field(btf, "b", i, 32, 0), "field appended to a parsed struct");
	t = btf__type_by_id(btf, 2);
	CHECK(btf_vlen(t) == 2 && t->size == 8 &&
	      !strcmp(btf__name_by_offset(btf, btf_members(t)[1].name_off), "b"),
	      "parsed struct has its new field");
	raw = btf__raw_data(btf, &size);
	raw2 = btf__get_raw_data(btf, &size);
	CHECK(raw && raw == raw2, "raw data is cached until the next change");
	btf__free(btf);
}

/* The string section is bounded; a failed btf__add_btf() leaves nothing behind. */
static void test_limits_and_rollback(void)
{
	struct btf *dst = btf__new_empty(), *src = btf__new_empty(), *split;
	size_t len = 1 << 20, used = 1;
	char *big = malloc(len);
	int n = 0, ret;
	__u32 cnt;

	memset(big, 'a', len - 1);
	big[len - 1] = '\0';
	while ((ret = btf__add_str(dst, big)) >= 0) {
		used += len;
		big[n % 26] = 'A' + n / 26;
		n++;
	}
	CHECK(ret == -E2BIG && errno == E2BIG && n == 15,
	      "string section stops at 16 MiB: %d after %d strings", ret, n);
	/* leave 20 bytes: too few for src's names */
	big[(BTF_MAX_NAME_OFFSET + 1) - used - 20 - 1] = '\0';
	big[0] = '#';
	CHECK(btf__add_str(dst, big) > 0, "string filling all but 20 bytes");
	btf__add_int(src, "int", 4, 0);
	btf__add_struct(src, "a_name_longer_than_twenty_bytes", 4);
	cnt = btf__type_cnt(dst);
	CHECK_ERR(btf__add_btf(dst, src), -E2BIG, "add_btf past the string limit");
	CHECK(btf__type_cnt(dst) == cnt, "failed add_btf adds no type");
	CHECK_ERR(btf__find_str(dst, "int"), -ENOENT, "failed add_btf leaves no string");
	CHECK(btf__add_str(dst, "0123456789abcdefghi") > 0, "its 20 bytes are free again");
	split = btf__new_empty_split(src);
	CHECK_ERR(btf__add_btf(dst, split), -ENOTSUP, "add_btf of a split BTF");
	btf__free(split);
	free(big);
	btf__free(src);
	btf__free(dst);
}

int main(void)
{
	libbpf_set_print(quiet_print);
	test_strings();
	test_bad_inputs();
	test_build_all();
	test_bitfields_and_signs();
	test_modify_fixture();
	test_split();
	test_copy();
	test_parsed_last_struct();
	test_limits_and_rollback();
	return unit_done();
}
