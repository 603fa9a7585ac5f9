// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of btf__dedup() on small BTFs built with btf__add_*(), each
 * a few "compilation units" (the same C types emitted again, as the
 * linker sees them): the result is compared, type by type, with what
 * libbpf's algorithm gives, in the raw dump format of bpftool.
 */
#include <errno.h>
#include <stdio.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_ext.h"
#include "raw_dump.h"
#include "unit.h"

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* The raw dump of btf's own types (malloc'ed), or NULL. */
static char *dump_of(const struct btf *btf)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	if (btf_raw_dump(btf, f, NULL, NULL, 0)) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

static void check_dump(const struct btf *btf, const char *want, const char *desc)
{
	char *got = dump_of(btf);

	if (!CHECK(got && !strcmp(got, want), "%s", desc))
		printf("# got:\n%s# want:\n%s", got ? got : "(none)\n", want);
	free(got);
}

/* btf__dedup() succeeds and leaves the types want describes. */
static void dedup_expect(struct btf *btf, const char *want, const char *desc)
{
	int err = btf__dedup(btf, NULL);

	CHECK(err == 0, "%s: btf__dedup() = %d", desc, err);
	check_dump(btf, want, desc);
}

/* One CU: int, and struct list { int v; struct list *next; }. */
static void cu_list(struct btf *btf)
{
	int base = btf__type_cnt(btf);

	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(btf, "list", 16);
	btf__add_field(btf, "v", base, 0, 0);
	btf__add_field(btf, "next", base + 2, 64, 0);
	btf__add_ptr(btf, base + 1);
}

static void test_ints_and_structs(void)
{
	struct btf *btf = btf__new_empty();

	cu_list(btf);
	btf__add_int(btf, "unsigned int", 4, 0);
	cu_list(btf);
	cu_list(btf);
	dedup_expect(btf,
		"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[2] STRUCT 'list' size=16 vlen=2\n"
		"\t'v' type_id=1 bits_offset=0\n"
		"\t'next' type_id=3 bits_offset=64\n"
		"[3] PTR '(anon)' type_id=2\n"
		"[4] INT 'unsigned int' size=4 bits_offset=0 nr_bits=32 encoding=(none)\n",
		"three CUs of a self-referencing struct collapse into one");
	btf__free(btf);
}

/* struct a { struct b *b; }; struct b { struct a *a; int x; }; */
static void cu_mutual(struct btf *btf)
{
	int n = btf__type_cnt(btf);

	btf__add_struct(btf, "a", 8);			/* n */
	btf__add_field(btf, "b", n + 3, 0, 0);
	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);	/* n + 1 */
	btf__add_struct(btf, "b", 16);			/* n + 2 */
	btf__add_field(btf, "a", n + 4, 0, 0);
	btf__add_field(btf, "x", n + 1, 64, 0);
	btf__add_ptr(btf, n + 2);			/* n + 3 */
	btf__add_ptr(btf, n);				/* n + 4 */
}

static void test_mutual_recursion(void)
{
	struct btf *btf = btf__new_empty();

	cu_mutual(btf);
	cu_mutual(btf);
	dedup_expect(btf,
		"[1] STRUCT 'a' size=8 vlen=1\n"
		"\t'b' type_id=4 bits_offset=0\n"
		"[2] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[3] STRUCT 'b' size=16 vlen=2\n"
		"\t'a' type_id=5 bits_offset=0\n"
		"\t'x' type_id=2 bits_offset=64\n"
		"[4] PTR '(anon)' type_id=3\n"
		"[5] PTR '(anon)' type_id=1\n",
		"mutually recursive structs of two CUs collapse");
	btf__free(btf);
}

/*
 * CU 1 only declares struct foo and uses a pointer to it in struct bar;
 * CU 2 defines both. Then a CU where struct foo's declaration is used
 * by nothing that gets compared: the last phase resolves it by name.
 */
static void test_fwd_resolved(void)
{
	struct btf *btf = btf__new_empty();

	btf__add_fwd(btf, "foo", BTF_FWD_STRUCT);	/* 1 */
	btf__add_ptr(btf, 1);				/* 2 */
	btf__add_struct(btf, "bar", 8);			/* 3 */
	btf__add_field(btf, "f", 2, 0, 0);
	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);	/* 4 */
	btf__add_struct(btf, "foo", 4);			/* 5 */
	btf__add_field(btf, "x", 4, 0, 0);
	btf__add_ptr(btf, 5);				/* 6 */
	btf__add_struct(btf, "bar", 8);			/* 7 */
	btf__add_field(btf, "f", 6, 0, 0);
	btf__add_fwd(btf, "foo", BTF_FWD_STRUCT);	/* 8 */
	btf__add_ptr(btf, 8);				/* 9 */
	btf__add_var(btf, "g", BTF_VAR_GLOBAL_ALLOCATED, 9);
	dedup_expect(btf,
		"[1] PTR '(anon)' type_id=4\n"
		"[2] STRUCT 'bar' size=8 vlen=1\n"
		"\t'f' type_id=1 bits_offset=0\n"
		"[3] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[4] STRUCT 'foo' size=4 vlen=1\n"
		"\t'x' type_id=3 bits_offset=0\n"
		"[5] VAR 'g' type_id=1, linkage=global\n",
		"forward declarations resolve to the one struct of their name");
	btf__free(btf);
}

static void test_fwd_ambiguous(void)
{
	struct btf *btf = btf__new_empty();

	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);	/* 1 */
	btf__add_struct(btf, "foo", 4);			/* 2 */
	btf__add_field(btf, "x", 1, 0, 0);
	btf__add_struct(btf, "foo", 8);			/* 3: another struct foo */
	btf__add_field(btf, "y", 1, 0, 0);
	btf__add_fwd(btf, "foo", BTF_FWD_STRUCT);	/* 4 */
	btf__add_ptr(btf, 4);				/* 5 */
	btf__add_fwd(btf, "foo", BTF_FWD_UNION);	/* 6: a union foo */
	btf__add_fwd(btf, "foo", BTF_FWD_STRUCT);	/* 7: same as 4 */
	dedup_expect(btf,
		"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[2] STRUCT 'foo' size=4 vlen=1\n"
		"\t'x' type_id=1 bits_offset=0\n"
		"[3] STRUCT 'foo' size=8 vlen=1\n"
		"\t'y' type_id=1 bits_offset=0\n"
		"[4] FWD 'foo' fwd_kind=struct\n"
		"[5] PTR '(anon)' type_id=4\n"
		"[6] FWD 'foo' fwd_kind=union\n",
		"a forward declaration of an ambiguous name is kept (once)");
	btf__free(btf);
}

/* struct o { union { int i; long l; }; struct { char c; } s; }, bitfields */
static void cu_anon(struct btf *btf, int bits)
{
	int n = btf__type_cnt(btf);

	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);	/* n */
	btf__add_int(btf, "long", 8, BTF_INT_SIGNED);	/* n + 1 */
	btf__add_int(btf, "char", 1, BTF_INT_CHAR);	/* n + 2 */
	btf__add_union(btf, NULL, 8);			/* n + 3 */
	btf__add_field(btf, "i", n, 0, 0);
	btf__add_field(btf, "l", n + 1, 0, 0);
	btf__add_struct(btf, NULL, 1);			/* n + 4 */
	btf__add_field(btf, "c", n + 2, 0, 0);
	btf__add_struct(btf, "o", 16);			/* n + 5 */
	btf__add_field(btf, NULL, n + 3, 0, 0);
	btf__add_field(btf, "s", n + 4, 64, 0);
	btf__add_field(btf, "flags", n, 96, bits);
}

static void test_anon_and_bitfields(void)
{
	struct btf *btf = btf__new_empty();

	cu_anon(btf, 3);
	cu_anon(btf, 3);
	cu_anon(btf, 5);
	dedup_expect(btf,
		"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[2] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
		"[3] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=CHAR\n"
		"[4] UNION '(anon)' size=8 vlen=2\n"
		"\t'i' type_id=1 bits_offset=0\n"
		"\t'l' type_id=2 bits_offset=0\n"
		"[5] STRUCT '(anon)' size=1 vlen=1\n"
		"\t'c' type_id=3 bits_offset=0\n"
		"[6] STRUCT 'o' size=16 vlen=3\n"
		"\t'(anon)' type_id=4 bits_offset=0\n"
		"\t's' type_id=5 bits_offset=64\n"
		"\t'flags' type_id=1 bits_offset=96 bitfield_size=3\n"
		"[7] STRUCT 'o' size=16 vlen=3\n"
		"\t'(anon)' type_id=4 bits_offset=0\n"
		"\t's' type_id=5 bits_offset=64\n"
		"\t'flags' type_id=1 bits_offset=96 bitfield_size=5\n",
		"anonymous members merge; a struct with another bitfield size stays");
	btf__free(btf);
}

/* typedef int a_t; typedef const a_t b_t; b_t arr[N]; int f(b_t x, b_t *p); */
static void cu_refs(struct btf *btf, int nelems)
{
	int n = btf__type_cnt(btf);

	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);	/* n */
	btf__add_typedef(btf, "a_t", n);		/* n + 1 */
	btf__add_const(btf, n + 1);			/* n + 2 */
	btf__add_typedef(btf, "b_t", n + 2);		/* n + 3 */
	btf__add_array(btf, n, n + 3, nelems);		/* n + 4 */
	btf__add_ptr(btf, n + 3);			/* n + 5 */
	btf__add_func_proto(btf, n);			/* n + 6 */
	btf__add_func_param(btf, "x", n + 3);
	btf__add_func_param(btf, "p", n + 5);
	btf__add_func(btf, "f", BTF_FUNC_GLOBAL, n + 6);
	btf__add_volatile(btf, n + 4);
}

static void test_reference_types(void)
{
	struct btf *btf = btf__new_empty();

	cu_refs(btf, 10);
	cu_refs(btf, 10);
	cu_refs(btf, 5);
	dedup_expect(btf,
		"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[2] TYPEDEF 'a_t' type_id=1\n"
		"[3] CONST '(anon)' type_id=2\n"
		"[4] TYPEDEF 'b_t' type_id=3\n"
		"[5] ARRAY '(anon)' type_id=4 index_type_id=1 nr_elems=10\n"
		"[6] PTR '(anon)' type_id=4\n"
		"[7] FUNC_PROTO '(anon)' ret_type_id=1 vlen=2\n"
		"\t'x' type_id=4\n"
		"\t'p' type_id=6\n"
		"[8] FUNC 'f' type_id=7 linkage=global\n"
		"[9] VOLATILE '(anon)' type_id=5\n"
		"[10] ARRAY '(anon)' type_id=4 index_type_id=1 nr_elems=5\n"
		"[11] VOLATILE '(anon)' type_id=10\n",
		"typedef chains, arrays, protos and funcs merge after their targets");
	btf__free(btf);
}

static void test_enums(void)
{
	struct btf *btf = btf__new_empty();

	btf__add_enum(btf, "e", 4);			/* 1: declaration */
	btf__add_enum(btf, "e", 4);			/* 2: definition */
	btf__add_enum_value(btf, "A", 1);
	btf__add_enum(btf, "e", 4);			/* 3: declaration */
	btf__add_ptr(btf, 1);				/* 4 */
	btf__add_ptr(btf, 3);				/* 5 */
	btf__add_enum(btf, "w", 4);			/* 6: declaration, 4 bytes */
	btf__add_enum64(btf, "w", 8, false);		/* 7: definition, 64-bit */
	btf__add_enum64_value(btf, "B", 1ULL << 40);
	btf__add_ptr(btf, 6);				/* 8 */
	btf__add_enum(btf, "x", 8);			/* 9: full ENUM */
	btf__add_enum_value(btf, "C", 1);
	btf__add_enum64(btf, "x", 8, false);		/* 10: full ENUM64, same value */
	btf__add_enum64_value(btf, "C", 1);
	dedup_expect(btf,
		"[1] ENUM 'e' encoding=UNSIGNED size=4 vlen=1\n"
		"\t'A' val=1\n"
		"[2] PTR '(anon)' type_id=1\n"
		"[3] ENUM64 'w' encoding=UNSIGNED size=8 vlen=1\n"
		"\t'B' val=1099511627776ULL\n"
		"[4] PTR '(anon)' type_id=3\n"
		"[5] ENUM 'x' encoding=UNSIGNED size=8 vlen=1\n"
		"\t'C' val=1\n"
		"[6] ENUM64 'x' encoding=UNSIGNED size=8 vlen=1\n"
		"\t'C' val=1ULL\n",
		"enum declarations resolve to the full enum (or enum64); full ENUM and ENUM64 "
		"stay apart");
	btf__free(btf);
}

static void test_var_datasec_kept(void)
{
	struct btf *btf = btf__new_empty();
	int i;

	for (i = 0; i < 2; i++) {
		int n = btf__type_cnt(btf);

		btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
		btf__add_var(btf, "v", BTF_VAR_GLOBAL_ALLOCATED, n);
		btf__add_datasec(btf, ".data", 4);
		btf__add_datasec_var_info(btf, n + 1, 0, 4);
		btf__add_decl_tag(btf, "tag", n + 1, -1);
	}
	dedup_expect(btf,
		"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[2] VAR 'v' type_id=1, linkage=global\n"
		"[3] DATASEC '.data' size=4 vlen=1\n"
		"\ttype_id=2 offset=0 size=4 (VAR 'v')\n"
		"[4] DECL_TAG 'tag' type_id=2 component_idx=-1\n"
		"[5] VAR 'v' type_id=1, linkage=global\n"
		"[6] DATASEC '.data' size=4 vlen=1\n"
		"\ttype_id=5 offset=0 size=4 (VAR 'v')\n"
		"[7] DECL_TAG 'tag' type_id=5 component_idx=-1\n",
		"VAR and DATASEC are never merged (nor tags on distinct VARs)");
	btf__free(btf);
}

static void test_split(void)
{
	struct btf *base = btf__new_empty(), *split;
	int err;

	cu_list(base);					/* 1-3 */
	btf__add_fwd(base, "foo", BTF_FWD_STRUCT);	/* 4 */
	split = btf__new_empty_split(base);
	cu_list(split);					/* 5-7: equal to base */
	btf__add_ptr(split, 7);				/* 8: to list * */
	btf__add_struct(split, "foo", 4);		/* 9 */
	btf__add_field(split, "x", 5, 0, 0);
	btf__add_ptr(split, 4);				/* 10: to base fwd */
	err = btf__dedup(split, NULL);
	CHECK(err == 0, "split: btf__dedup() = %d", err);
	check_dump(split,
		"[5] PTR '(anon)' type_id=3\n"
		"[6] STRUCT 'foo' size=4 vlen=1\n"
		"\t'x' type_id=1 bits_offset=0\n"
		"[7] PTR '(anon)' type_id=4\n",
		"split types equal to base types map to them; base types stay");
	CHECK(btf__type_cnt(base) == 5, "the base is unchanged (%u types)", btf__type_cnt(base));
	btf__free(split);
	btf__free(base);
}

static void test_strings(void)
{
	struct btf *btf = btf__new_empty();
	const void *raw;
	__u32 size;

	btf__add_str(btf, "unused");
	cu_list(btf);
	cu_list(btf);
	CHECK(btf__find_str(btf, "unused") > 0, "an unused string is there before dedup");
	CHECK(btf__dedup(btf, NULL) == 0, "strings: btf__dedup()");
	CHECK(btf__find_str(btf, "unused") == -ENOENT, "unused strings are dropped");
	raw = btf__raw_data(btf, &size);
	CHECK(raw && ((const struct btf_header *)raw)->str_len == sizeof("\0int\0list\0v\0next"),
	      "the string section holds each used string once, in order of use");
	CHECK(!strcmp(btf__name_by_offset(btf, btf__type_by_id(btf, 2)->name_off), "list"),
	      "names read back after the strings moved");
	btf__free(btf);
}

static void test_force_collisions(void)
{
	LIBBPF_OPTS(btf_dedup_opts, opts, .force_collisions = true);
	struct btf *btf = btf__new_empty();
	char *want;

	cu_refs(btf, 10);
	cu_mutual(btf);
	cu_refs(btf, 10);
	cu_mutual(btf);
	CHECK(btf__dedup(btf, &opts) == 0, "force_collisions: btf__dedup()");
	want = dump_of(btf);
	btf__free(btf);
	btf = btf__new_empty();
	cu_refs(btf, 10);
	cu_mutual(btf);
	cu_refs(btf, 10);
	cu_mutual(btf);
	btf__dedup(btf, NULL);
	check_dump(btf, want ? want : "", "every hash colliding gives the same result");
	free(want);
	btf__free(btf);
}

static void test_errors(void)
{
	struct {
		size_t sz;
		struct btf_ext *btf_ext;
		bool force_collisions;
		long future;
	} big = { .sz = sizeof(big), .future = 1 };
	LIBBPF_OPTS(btf_dedup_opts, small);
	struct btf *btf = btf__new_empty();
	char *before;
	int err;

	cu_list(btf);
	btf__add_ptr(btf, 42);			/* no type 42 */
	before = dump_of(btf);
	errno = 0;
	err = btf__dedup(btf, NULL);
	CHECK(err == -EINVAL && errno == EINVAL, "a dangling type id: %d (errno %d)", err, errno);
	check_dump(btf, before ? before : "", "the BTF is unchanged after the failure");
	free(before);
	btf__free(btf);

	btf = btf__new_empty();
	btf__add_ptr(btf, 2);
	btf__add_const(btf, 3);
	btf__add_ptr(btf, 1);			/* a cycle without a struct */
	errno = 0;
	err = btf__dedup(btf, NULL);
	CHECK(err == -ELOOP && errno == ELOOP, "a cycle of pointers: %d (errno %d)", err, errno);
	CHECK(btf__type_cnt(btf) == 4, "all types are still there");
	errno = 0;
	err = btf__dedup(btf, (const struct btf_dedup_opts *)&big);
	CHECK(err == -EINVAL && errno == EINVAL, "unknown opts fields: %d", err);
	small.sz = 4;
	err = btf__dedup(btf, &small);
	CHECK(err == -EINVAL, "opts too small: %d", err);
	CHECK(btf__dedup(NULL, NULL) == -EINVAL, "NULL btf");
	btf__free(btf);

	btf = btf__new_empty();
	CHECK(btf__dedup(btf, NULL) == 0 && btf__type_cnt(btf) == 1, "an empty BTF");
	btf__free(btf);
}

/* .BTF.ext: a func_info record for section "sec" pointing at type id func. */
struct ext_blob {
	__u16 magic;
	__u8 version, flags;
	__u32 hdr_len;
	__u32 func_info_off, func_info_len;
	__u32 line_info_off, line_info_len;
	__u32 core_relo_off, core_relo_len;
	__u32 rec_size;
	__u32 sec_name_off, num_info;
	struct bpf_func_info rec;
};

static void test_btf_ext(void)
{
	struct btf *btf = btf__new_empty();
	LIBBPF_OPTS(btf_dedup_opts, opts);
	struct ext_blob blob = {
		.magic = 0xeB9F, .version = 1, .hdr_len = 32,
		.func_info_len = 4 + 8 + sizeof(struct bpf_func_info),
		.rec_size = sizeof(struct bpf_func_info),
		.num_info = 1,
	};
	const struct btf_ext_sec *sec;
	const struct bpf_func_info *fi;
	struct btf_ext *ext;
	int func;

	btf__add_str(btf, "junk");
	cu_refs(btf, 10);
	cu_refs(btf, 10);
	func = btf__find_by_name_kind(btf, "f", BTF_KIND_FUNC);
	blob.rec.type_id = 17;			/* the second CU's f */
	blob.sec_name_off = btf__add_str(btf, "sec");
	ext = btf_ext_parse(&blob, sizeof(blob), btf);
	if (!CHECK(ext && func == 8, "a .BTF.ext for the test parses (f is [%d])", func))
		goto out;
	opts.btf_ext = ext;
	CHECK(btf__dedup(btf, &opts) == 0, "btf_ext: btf__dedup()");
	sec = btf_ext_sec(ext, BTF_EXT_FUNC_INFO, 0);
	fi = btf_ext_rec(sec, 0);
	CHECK(fi->type_id == 8, "func_info's type id follows its FUNC (%u)", fi->type_id);
	CHECK(btf__find_str(btf, "sec") > 0, "the section name string is kept");
	CHECK(btf__find_str(btf, "junk") == -ENOENT, "unused strings are still dropped");
	btf_ext_free(ext);
out:
	btf__free(btf);
}

int main(void)
{
	libbpf_set_print(quiet_print);
	test_ints_and_structs();
	test_mutual_recursion();
	test_fwd_resolved();
	test_fwd_ambiguous();
	test_anon_and_bitfields();
	test_reference_types();
	test_enums();
	test_var_datasec_kept();
	test_split();
	test_strings();
	test_force_collisions();
	test_errors();
	test_btf_ext();
	return unit_done();
}
