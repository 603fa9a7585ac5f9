// SPDX-License-Identifier: BSD-2-Clause
/*
 * Minimal CO-RE BTF (core/min_core_btf.c) on BTF built in memory: which
 * target types and members a field, bitfield, type and enumerator
 * relocation keep, what a relocation without a match keeps (nothing), and
 * the errors (bad arguments, ambiguous candidates, a missing object).
 */
#include <errno.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "min_core_btf.h"
#include "unit.h"

/*
 * The target: [1] int, [2] struct task_struct { int x; int tgid; int pid;
 * unsigned int flags:1; struct task_struct *parent; }, [3] unsigned int,
 * [4] ptr -> 2, [5] struct other { int a; }, [6] enum e { A = 1, B = 2 }.
 */
static struct btf *target(void)
{
	struct btf *btf = btf__new_empty();

	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(btf, "task_struct", 24);
	btf__add_field(btf, "x", 1, 0, 0);
	btf__add_field(btf, "tgid", 1, 32, 0);
	btf__add_field(btf, "pid", 1, 64, 0);
	btf__add_field(btf, "flags", 3, 96, 1);
	btf__add_field(btf, "parent", 4, 128, 0);
	btf__add_int(btf, "unsigned int", 4, 0);
	btf__add_ptr(btf, 2);
	btf__add_struct(btf, "other", 4);
	btf__add_field(btf, "a", 1, 0, 0);
	btf__add_enum(btf, "e", 4);
	btf__add_enum_value(btf, "A", 1);
	btf__add_enum_value(btf, "B", 2);
	return btf;
}

/*
 * The object: [1] int, [2] struct task_struct___v2 { int pid; int tgid;
 * unsigned int flags:1; } (ids as in the target for [3]), [3] unsigned
 * int, [4] enum e { B = 0 }, [5] struct nope { int y; }.
 */
static struct btf *local(void)
{
	struct btf *btf = btf__new_empty();

	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(btf, "task_struct___v2", 12);
	btf__add_field(btf, "pid", 1, 0, 0);
	btf__add_field(btf, "tgid", 1, 32, 0);
	btf__add_field(btf, "flags", 3, 64, 1);
	btf__add_int(btf, "unsigned int", 4, 0);
	btf__add_enum(btf, "e", 4);
	btf__add_enum_value(btf, "B", 0);
	btf__add_struct(btf, "nope", 4);
	btf__add_field(btf, "y", 1, 0, 0);
	return btf;
}

struct relo {
	__u32 type_id;
	const char *access;
	__u32 kind;
};

/* A .BTF.ext with one section of CO-RE relocations, strings added to btf. */
static struct btf_ext *ext_of(struct btf *btf, const struct relo *r, int cnt)
{
	__u32 w[3 + 8 + 4 * 8] = { 0 };
	struct btf_ext *ext;
	int i;

	memcpy(w, &(__u16){ 0xeB9F }, 2);
	((__u8 *)w)[2] = 1;
	w[1] = 32;				/* hdr_len; func and line info empty */
	w[7] = 4 + 8 + 16 * cnt;		/* core_relo_len */
	w[8] = 16;				/* record size */
	w[9] = btf__add_str(btf, "tp/x");
	w[10] = cnt;
	for (i = 0; i < cnt; i++) {
		w[11 + 4 * i] = 8 * i;
		w[12 + 4 * i] = r[i].type_id;
		w[13 + 4 * i] = btf__add_str(btf, r[i].access);
		w[14 + 4 * i] = r[i].kind;
	}
	ext = btf_ext__new((const __u8 *)w, 32 + w[7]);
	CHECK(ext, "ext of %d relocations parsed", cnt);
	return ext;
}

/* The output of min_core_btf for relocations r against targ, or NULL. */
static struct btf *minimize(const struct btf *targ, const struct relo *r, int cnt, int *err)
{
	struct btf *lb = local(), *out = NULL;
	struct btf_ext *ext = ext_of(lb, r, cnt);
	struct min_core_btf *m = min_core_btf_new(targ);

	*err = m && ext ? min_core_btf_add(m, lb, ext) : -ENOMEM;
	if (!*err)
		out = min_core_btf_build(m);
	min_core_btf_free(m);
	btf_ext__free(ext);
	btf__free(lb);
	return out;
}

static const char *name_of(const struct btf *btf, __u32 off)
{
	return btf__name_by_offset(btf, off);
}

static void test_field_type_enum(void)
{
	static const struct relo r[] = {
		{ 2, "0:1", BPF_CORE_FIELD_BYTE_OFFSET },	/* tgid */
		{ 2, "0:2", BPF_CORE_FIELD_LSHIFT_U64 },	/* flags:1 */
		{ 2, "0", BPF_CORE_TYPE_SIZE },
		{ 4, "0", BPF_CORE_ENUMVAL_EXISTS },		/* B */
	};
	struct btf *targ = target(), *out;
	const struct btf_type *t;
	const struct btf_member *mb;
	__s32 id;
	int err;

	out = minimize(targ, r, 4, &err);
	CHECK(!err && out, "field, bitfield, type and enum relocations: built (%d)", err);
	if (!out)
		goto out;
	/* int, task_struct, unsigned int, enum e: no pointer, no struct other */
	CHECK(btf__type_cnt(out) == 5, "four types kept (%u)", btf__type_cnt(out) - 1);
	id = btf__find_by_name_kind(out, "task_struct", BTF_KIND_STRUCT);
	t = id > 0 ? btf__type_by_id(out, id) : NULL;
	CHECK(t && t->size == 24 && btf_vlen(t) == 2, "task_struct: size kept, two members");
	if (t && btf_vlen(t) == 2) {
		mb = btf_members(t);
		CHECK(!strcmp(name_of(out, mb[0].name_off), "tgid") &&
		      btf_member_bit_offset(t, 0) == 32, "tgid at bit 32");
		CHECK(!strcmp(name_of(out, mb[1].name_off), "flags") &&
		      btf_member_bit_offset(t, 1) == 96 && btf_member_bitfield_size(t, 1) == 1,
		      "flags:1 at bit 96");
		CHECK(btf_is_int(btf__type_by_id(out, mb[1].type)) &&
		      !strcmp(name_of(out, btf__type_by_id(out, mb[1].type)->name_off),
			      "unsigned int"), "the bitfield's type kept");
	}
	id = btf__find_by_name_kind(out, "e", BTF_KIND_ENUM);
	t = id > 0 ? btf__type_by_id(out, id) : NULL;
	CHECK(t && btf_vlen(t) == 2, "the enum kept whole");
	CHECK(btf__find_by_name_kind(out, "other", BTF_KIND_STRUCT) == -ENOENT,
	      "an unused struct dropped");
out:
	btf__free(out);
	btf__free(targ);
}

static void test_unmatched(void)
{
	static const struct relo r[] = {
		{ 5, "0:0", BPF_CORE_FIELD_EXISTS },	/* struct nope: not in the target */
		{ 5, "0", BPF_CORE_TYPE_EXISTS },
	};
	struct btf *targ = target(), *out;
	int err;

	out = minimize(targ, r, 2, &err);
	CHECK(!err && out && btf__type_cnt(out) == 1,
	      "relocations nothing matches: no error, nothing kept");
	btf__free(out);
	btf__free(targ);
}

static void test_ambiguous(void)
{
	static const struct relo r[] = { { 2, "0:0", BPF_CORE_FIELD_BYTE_OFFSET } };
	struct btf *targ = btf__new_empty(), *out;
	int err;

	/* two flavours of task_struct giving pid different offsets */
	btf__add_int(targ, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(targ, "task_struct___a", 8);
	btf__add_field(targ, "pid", 1, 0, 0);
	btf__add_struct(targ, "task_struct___b", 8);
	btf__add_field(targ, "tgid", 1, 0, 0);
	btf__add_field(targ, "pid", 1, 32, 0);
	out = minimize(targ, r, 1, &err);
	CHECK(err == -EINVAL && errno == EINVAL && !out, "ambiguous candidates: -EINVAL (%d)", err);
	btf__free(targ);
}

static void test_errors(void)
{
	struct btf *targ = target();
	struct min_core_btf *m;

	errno = 0;
	CHECK(!min_core_btf_new(NULL) && errno == EINVAL, "new(NULL): EINVAL");
	m = min_core_btf_new(targ);
	CHECK(min_core_btf_add(m, NULL, NULL) == -EINVAL && errno == EINVAL,
	      "add without BTF: -EINVAL");
	CHECK(min_core_btf_add_object(m, "/nonexistent/x.o") == -ENOENT && errno == ENOENT,
	      "a missing object: -ENOENT");
	CHECK(min_core_btf_add_object(m, NULL) == -EINVAL, "add_object(NULL): -EINVAL");
	errno = 0;
	CHECK(!min_core_btf_build(NULL) && errno == EINVAL, "build(NULL): EINVAL");
	min_core_btf_free(m);
	min_core_btf_free(NULL);
	btf__free(targ);
}

int main(void)
{
	libbpf_set_print(NULL);
	test_field_type_enum();
	test_unmatched();
	test_ambiguous();
	test_errors();
	return unit_done();
}
