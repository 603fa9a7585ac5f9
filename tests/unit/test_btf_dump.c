// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the BTF-to-C emitter (btf_dump__*) and the header writer:
 * small BTF blobs built in memory whose expected C was checked against
 * bpftool/libbpf, hostile blobs that must fail cleanly, and the fixture
 * kernel BTF, which must come out byte for byte as bpftool prints it.
 */
#include <errno.h>
#include <zlib.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "c_header.h"
#include "unit.h"

/* Output of the emitter, collected through its printf callback. */
struct text {
	char *buf;
	size_t len;
	size_t cap;
};

static void text_printf(void *ctx, const char *fmt, va_list ap)
{
	struct text *t = ctx;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->buf = realloc(t->buf, t->cap);
	}
	vsnprintf(t->buf + t->len, n + 1, fmt, ap);
	t->len += n;
}

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* Dump ids[0..n) (every type when n is 0) into a string; *err gets the first error. */
static char *dump_types(const struct btf *btf, const __u32 *ids, int n, int *err)
{
	struct text t = { .buf = calloc(1, 1), .cap = 1 };
	struct btf_dump *d = btf_dump__new(btf, text_printf, &t, NULL);
	__u32 i, cnt = btf__type_cnt(btf);

	*err = d ? 0 : -errno;
	for (i = 0; d && !*err && i < (n ? (__u32)n : cnt - 1); i++)
		*err = btf_dump__dump_type(d, n ? ids[i] : i + 1);
	btf_dump__free(d);
	return t.buf;
}

static bool same_text(const char *got, const char *want, const char *desc)
{
	bool ok = got && strcmp(got, want) == 0;

	CHECK(ok, "%s", desc);
	if (!ok)
		printf("# got:\n%s\n# want:\n%s\n", got ? got : "(null)", want);
	return ok;
}

static void check_dump(struct btf_builder *b, const __u32 *ids, int n, const char *want,
		       const char *desc)
{
	struct btf *btf = bb_parse(b);
	char *got;
	int err;

	if (!CHECK(btf, "%s: BTF parses", desc))
		return;
	got = dump_types(btf, ids, n, &err);
	if (CHECK(!err, "%s: dump succeeds (%d)", desc, err))
		same_text(got, want, desc);
	free(got);
	btf__free(btf);
}

static void test_padding_bitfields(void)
{
	struct btf_builder b;
	__u32 i32, u8, l, s;

	bb_init(&b);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	u8 = bb_int(&b, "unsigned char", 1, 0);
	l = bb_int(&b, "long", 8, BTF_INT_SIGNED);
	s = bb_type(&b, BTF_KIND_STRUCT, "pad", 6, true, 40);
	bb_member(&b, "a", i32, BITFIELD(3, 0));
	bb_member(&b, "b", i32, BITFIELD(5, 3));
	bb_member(&b, "c", i32, BITFIELD(4, 12));
	bb_member(&b, "d", u8, BITFIELD(0, 24));
	bb_member(&b, "e", l, BITFIELD(0, 128));
	bb_member(&b, "f", u8, BITFIELD(0, 256));
	check_dump(&b, &s, 1,
		   "struct pad {\n"
		   "\tint a: 3;\n"
		   "\tint b: 5;\n"
		   "\tchar: 4;\n"
		   "\tint c: 4;\n"
		   "\tchar: 8;\n"
		   "\tunsigned char d;\n"
		   "\tlong: 64;\n"
		   "\tlong e;\n"
		   "\tlong: 64;\n"
		   "\tunsigned char f;\n"
		   "};\n\n",
		   "padding and bitfields");
}

static void test_packed(void)
{
	struct btf_builder b;
	__u32 c, i32, s, u;

	bb_init(&b);
	c = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	s = bb_type(&b, BTF_KIND_STRUCT, "pk", 2, false, 5);
	bb_member(&b, "a", c, 0);
	bb_member(&b, "b", i32, 8);
	/* natural layout, but a size that is no multiple of 4 */
	u = bb_type(&b, BTF_KIND_STRUCT, "tail", 2, false, 6);
	bb_member(&b, "x", i32, 0);
	bb_member(&b, "y", c, 32);
	check_dump(&b, (__u32[]){ s, u }, 2,
		   "struct pk {\n"
		   "\tchar a;\n"
		   "\tint b;\n"
		   "} __attribute__((packed));\n\n"
		   "struct tail {\n"
		   "\tint x;\n"
		   "\tchar y;\n"
		   "\tshort: 0;\n"
		   "} __attribute__((packed));\n\n",
		   "packed structs");
}

static void test_anonymous_nesting(void)
{
	struct btf_builder b;
	__u32 i32, c, un, st, en, top, outer;

	bb_init(&b);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	c = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	un = bb_type(&b, BTF_KIND_UNION, "", 2, false, 4);
	bb_member(&b, "y", i32, 0);
	bb_member(&b, "z", c, 0);
	st = bb_type(&b, BTF_KIND_STRUCT, "", 2, false, 8);
	bb_member(&b, "x", i32, 0);
	bb_member(&b, "", un, 32);
	en = bb_type(&b, BTF_KIND_ENUM, "", 1, false, 4);
	bb_enumerator(&b, "ONE", 1);
	/* not referenced by anything: global constants */
	top = bb_type(&b, BTF_KIND_ENUM, "", 1, false, 4);
	bb_enumerator(&b, "GLOBAL", 7);
	outer = bb_type(&b, BTF_KIND_STRUCT, "outer", 2, false, 12);
	bb_member(&b, "in", st, 0);
	bb_member(&b, "e", en, 64);
	check_dump(&b, (__u32[]){ outer, top }, 2,
		   "struct outer {\n"
		   "\tstruct {\n"
		   "\t\tint x;\n"
		   "\t\tunion {\n"
		   "\t\t\tint y;\n"
		   "\t\t\tchar z;\n"
		   "\t\t};\n"
		   "\t} in;\n"
		   "\tenum {\n"
		   "\t\tONE = 1,\n"
		   "\t} e;\n"
		   "};\n\n"
		   "enum {\n"
		   "\tGLOBAL = 7,\n"
		   "};\n\n",
		   "anonymous nested struct, union and enum");
}

static void test_function_pointers(void)
{
	struct btf_builder b;
	__u32 i32, c, v, pv, proto, pproto, arr, s, cc, pc, ret_proto, pret, outer_proto, pouter;
	__u32 td, arr2d, parr;

	bb_init(&b);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	c = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	v = bb_ref(&b, BTF_KIND_VOLATILE, "", i32);
	pv = bb_ref(&b, BTF_KIND_PTR, "", 0);
	/* void (*)(int, void *, ...) */
	proto = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 3, false, 0);
	bb_param(&b, "n", i32);
	bb_param(&b, "p", pv);
	bb_param(&b, "", 0);
	pproto = bb_ref(&b, BTF_KIND_PTR, "", proto);
	arr = bb_array(&b, pproto, i32, 4);
	/* const char *(*)(void) returning through a function pointer */
	cc = bb_ref(&b, BTF_KIND_CONST, "", c);
	pc = bb_ref(&b, BTF_KIND_PTR, "", cc);
	ret_proto = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 0, false, pc);
	pret = bb_ref(&b, BTF_KIND_PTR, "", ret_proto);
	outer_proto = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 1, false, pret);
	bb_param(&b, "", v);
	pouter = bb_ref(&b, BTF_KIND_PTR, "", outer_proto);
	td = bb_ref(&b, BTF_KIND_TYPEDEF, "handler_t", pproto);
	arr2d = bb_array(&b, bb_array(&b, i32, i32, 3), i32, 2);
	parr = bb_ref(&b, BTF_KIND_PTR, "", arr2d);
	s = bb_type(&b, BTF_KIND_STRUCT, "ops", 5, false, 64);
	bb_member(&b, "cbs", arr, 0);
	bb_member(&b, "get", pouter, 256);
	bb_member(&b, "h", td, 320);
	bb_member(&b, "grid", parr, 384);
	bb_member(&b, "vol", v, 448);
	check_dump(&b, &s, 1,
		   "typedef void (*handler_t)(int n, void *p, ...);\n\n"
		   "struct ops {\n"
		   "\tvoid (*cbs[4])(int n, void *p, ...);\n"
		   "\tconst char * (* (*get)(volatile int))(void);\n"
		   "\thandler_t h;\n"
		   "\tint (*grid)[2][3];\n"
		   "\tvolatile int vol;\n"
		   "};\n\n",
		   "function pointers, arrays of them, pointer to 2-D array");
}

static void test_name_dedup(void)
{
	struct btf_builder b;
	__u32 i32, s1, s2, t1, t2, e1, e2, user;

	bb_init(&b);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	s1 = bb_type(&b, BTF_KIND_STRUCT, "dup", 1, false, 4);
	bb_member(&b, "a", i32, 0);
	s2 = bb_type(&b, BTF_KIND_STRUCT, "dup", 1, false, 4);
	bb_member(&b, "b", i32, 0);
	t1 = bb_ref(&b, BTF_KIND_TYPEDEF, "dup_t", s1);
	t2 = bb_ref(&b, BTF_KIND_TYPEDEF, "dup_t", s2);
	e1 = bb_type(&b, BTF_KIND_ENUM, "dup", 1, false, 4);
	bb_enumerator(&b, "VAL", 1);
	/* an enumerator named like a typedef shares its namespace */
	e2 = bb_type(&b, BTF_KIND_ENUM, "other", 2, false, 4);
	bb_enumerator(&b, "VAL", 2);
	bb_enumerator(&b, "dup_t", 3);
	user = bb_type(&b, BTF_KIND_STRUCT, "user", 2, false, 8);
	bb_member(&b, "x", t1, 0);
	bb_member(&b, "y", t2, 32);
	check_dump(&b, (__u32[]){ user, e1, e2 }, 3,
		   "struct dup {\n"
		   "\tint a;\n"
		   "};\n\n"
		   "typedef struct dup dup_t;\n\n"
		   "struct dup___2 {\n"
		   "\tint b;\n"
		   "};\n\n"
		   "typedef struct dup___2 dup_t___2;\n\n"
		   "struct user {\n"
		   "\tdup_t x;\n"
		   "\tdup_t___2 y;\n"
		   "};\n\n"
		   "enum dup___3 {\n"
		   "\tVAL = 1,\n"
		   "};\n\n"
		   "enum other {\n"
		   "\tVAL___2 = 2,\n"
		   "\tdup_t___3 = 3,\n"
		   "};\n\n",
		   "___N de-duplication of tags and identifiers");
}

static void test_enums(void)
{
	struct btf_builder b;
	__u32 e8, ew, e64, e64s, e64w;

	bb_init(&b);
	e8 = bb_type(&b, BTF_KIND_ENUM, "small", 2, false, 1);
	bb_enumerator(&b, "S0", 0);
	bb_enumerator(&b, "S255", 255);
	/* signed 32-bit values in an 8-byte enum need mode(word) on 64-bit */
	ew = bb_type(&b, BTF_KIND_ENUM, "wide", 1, true, 8);
	bb_enumerator(&b, "W_NEG", (__u32)-5);
	e64 = bb_type(&b, BTF_KIND_ENUM64, "big", 2, false, 8);
	bb_enumerator64(&b, "B_MAX", ~0ULL);
	bb_enumerator64(&b, "B_ONE", 1);
	e64s = bb_type(&b, BTF_KIND_ENUM64, "sbig", 2, true, 8);
	bb_enumerator64(&b, "SB_MIN", 1ULL << 63);
	bb_enumerator64(&b, "SB_NEG", (__u64)-2);
	e64w = bb_type(&b, BTF_KIND_ENUM64, "lowbig", 1, false, 8);
	bb_enumerator64(&b, "LB", 3);
	/* no "long" type: pointer size falls back to the host's (8 here) */
	check_dump(&b, (__u32[]){ e8, ew, e64, e64s, e64w }, 5,
		   "enum small {\n"
		   "\tS0 = 0,\n"
		   "\tS255 = 255,\n"
		   "} __attribute__((mode(byte)));\n\n"
		   "enum wide {\n"
		   "\tW_NEG = -5,\n"
		   "} __attribute__((mode(word)));\n\n"
		   "enum big {\n"
		   "\tB_MAX = 18446744073709551615ULL,\n"
		   "\tB_ONE = 1ULL,\n"
		   "};\n\n"
		   "enum sbig {\n"
		   "\tSB_MIN = -9223372036854775808LL,\n"
		   "\tSB_NEG = -2LL,\n"
		   "};\n\n"
		   "enum lowbig {\n"
		   "\tLB = 3ULL,\n"
		   "} __attribute__((mode(word)));\n\n",
		   "enum sizes, enum64 suffixes and signedness");
}

static void test_type_tags(void)
{
	struct btf_builder b;
	__u32 i32, tag, ptag, attr, pattr, s;

	bb_init(&b);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	tag = bb_ref(&b, BTF_KIND_TYPE_TAG, "user", i32);
	ptag = bb_ref(&b, BTF_KIND_PTR, "", tag);
	attr = bb_type(&b, BTF_KIND_TYPE_TAG, "address_space(1)", 0, true, i32);
	pattr = bb_ref(&b, BTF_KIND_PTR, "", attr);
	s = bb_type(&b, BTF_KIND_STRUCT, "tagged", 2, false, 16);
	bb_member(&b, "u", ptag, 0);
	bb_member(&b, "a", pattr, 64);
	check_dump(&b, &s, 1,
		   "struct tagged {\n"
		   "\tint __attribute__((btf_type_tag(\"user\"))) *u;\n"
		   "\tint __attribute__((address_space(1))) *a;\n"
		   "};\n\n",
		   "type tags, as btf_type_tag and as plain attribute");
}

static void test_forward_declarations(void)
{
	struct btf_builder b;
	__u32 a, pa, bs, pb, fwd, pf, i32, self, pself;

	bb_init(&b);
	/* struct a { struct b *b; }; struct b { struct a *a; struct c *c; }; */
	a = bb_type(&b, BTF_KIND_STRUCT, "a", 1, false, 8);
	bb_member(&b, "b", 4, 0);
	pa = bb_ref(&b, BTF_KIND_PTR, "", a);
	bs = bb_type(&b, BTF_KIND_STRUCT, "b", 2, false, 16);
	bb_member(&b, "a", pa, 0);
	bb_member(&b, "c", 6, 64);
	pb = bb_ref(&b, BTF_KIND_PTR, "", bs);
	fwd = bb_type(&b, BTF_KIND_FWD, "c", 0, false, 0);
	pf = bb_ref(&b, BTF_KIND_PTR, "", fwd);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	self = bb_type(&b, BTF_KIND_STRUCT, "node", 2, false, 16);
	bb_member(&b, "next", 9, 0);
	bb_member(&b, "v", i32, 64);
	pself = bb_ref(&b, BTF_KIND_PTR, "", self);
	CHECK(pb == 4 && pf == 6 && pself == 9, "forward-referencing ids as planned");
	check_dump(&b, (__u32[]){ a, bs, self }, 3,
		   "struct b;\n\n"
		   "struct a {\n"
		   "\tstruct b *b;\n"
		   "};\n\n"
		   "struct c;\n\n"
		   "struct b {\n"
		   "\tstruct a *a;\n"
		   "\tstruct c *c;\n"
		   "};\n\n"
		   "struct node {\n"
		   "\tstruct node *next;\n"
		   "\tint v;\n"
		   "};\n\n",
		   "forward declarations for mutually referencing structs");
}

static void test_special_typedefs(void)
{
	struct btf_builder b;
	__u32 c, va, pgnu, poly, ptd, s;

	bb_init(&b);
	c = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	va = bb_ref(&b, BTF_KIND_TYPEDEF, "__builtin_va_list", bb_ref(&b, BTF_KIND_PTR, "", c));
	/* old GCC: a typedef of void */
	pgnu = bb_ref(&b, BTF_KIND_PTR, "", bb_ref(&b, BTF_KIND_TYPEDEF, "__gnuc_va_list", 0));
	poly = bb_int(&b, "__Poly8_t", 1, 0);
	ptd = bb_ref(&b, BTF_KIND_TYPEDEF, "poly8_t", poly);
	s = bb_type(&b, BTF_KIND_STRUCT, "s", 3, false, 24);
	bb_member(&b, "va", va, 0);
	bb_member(&b, "gnu", pgnu, 64);
	bb_member(&b, "p", ptd, 128);
	check_dump(&b, &s, 1,
		   "typedef __builtin_va_list __gnuc_va_list;\n\n"
		   "typedef unsigned char __Poly8_t;\n\n"
		   "typedef __Poly8_t poly8_t;\n\n"
		   "struct s {\n"
		   "\t__builtin_va_list va;\n"
		   "\t__gnuc_va_list *gnu;\n"
		   "\tpoly8_t p;\n"
		   "};\n\n",
		   "__builtin_va_list skipped, __gnuc_va_list fixed, __Poly8_t aliased");
}

static char *decl_of(struct btf_dump *d, struct text *t, __u32 id, const char *fname,
		     bool strip)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = fname, .strip_mods = strip);
	int err;

	t->len = 0;
	t->buf[0] = '\0';
	err = btf_dump__emit_type_decl(d, id, &opts);
	return err ? NULL : t->buf;
}

static void test_emit_type_decl(void)
{
	struct text t = { .buf = calloc(1, 1), .cap = 1 };
	struct btf_builder b;
	__u32 c, cc, pcc, cpcc, vcpcc, arr, parr, proto, rp;
	struct btf_dump *d;
	struct btf *btf;

	bb_init(&b);
	c = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	cc = bb_ref(&b, BTF_KIND_CONST, "", c);
	pcc = bb_ref(&b, BTF_KIND_PTR, "", cc);
	cpcc = bb_ref(&b, BTF_KIND_CONST, "", pcc);
	vcpcc = bb_ref(&b, BTF_KIND_VOLATILE, "", cpcc);
	/* GCC's const on an array has no C spelling and is dropped */
	arr = bb_ref(&b, BTF_KIND_CONST, "", bb_array(&b, cc, c, 8));
	parr = bb_ref(&b, BTF_KIND_PTR, "", arr);
	proto = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 1, false, pcc);
	bb_param(&b, "", 0);
	rp = bb_ref(&b, BTF_KIND_RESTRICT, "", bb_ref(&b, BTF_KIND_PTR, "", proto));
	btf = bb_parse(&b);
	if (!CHECK(btf, "decl BTF parses"))
		goto out;
	d = btf_dump__new(btf, text_printf, &t, NULL);
	if (!CHECK(d, "emitter created"))
		goto out_btf;
	same_text(decl_of(d, &t, vcpcc, "p", false), "const char * const volatile p",
		  "qualifiers left of the base type, right of pointers");
	same_text(decl_of(d, &t, vcpcc, "p", true), "char *p", "strip_mods drops them all");
	same_text(decl_of(d, &t, parr, "a", false), "const char (*a)[8]",
		  "pointer to array, array qualifier dropped");
	same_text(decl_of(d, &t, rp, "fn", false), "const char * (* restrict fn)(void)",
		  "restrict function pointer with (void) parameters");
	same_text(decl_of(d, &t, proto, "", false), "const char *(void)", "unnamed prototype");
	CHECK(btf_dump__emit_type_decl(d, 1000, NULL) == -EINVAL, "id out of range is -EINVAL");
	btf_dump__free(d);
out_btf:
	btf__free(btf);
out:
	free(t.buf);
}

static void test_embedding_cycle(void)
{
	struct btf_builder b;
	struct btf *btf;
	char *out;
	int err;

	bb_init(&b);
	/* struct A { struct B b; }; struct B { struct A a; }; */
	bb_type(&b, BTF_KIND_STRUCT, "A", 1, false, 4);
	bb_member(&b, "b", 2, 0);
	bb_type(&b, BTF_KIND_STRUCT, "B", 1, false, 4);
	bb_member(&b, "a", 1, 0);
	btf = bb_parse(&b);
	/* the parser refuses it; the emitter's own -ELOOP guard is the fallback */
	CHECK(!btf && errno == EINVAL, "a struct embedding cycle is refused by the parser");
	if (!btf)
		return;
	out = dump_types(btf, (__u32[]){ 1 }, 1, &err);
	CHECK(err == -ELOOP && errno == ELOOP, "embedding cycle gives -ELOOP (got %d)", err);
	free(out);
	btf__free(btf);
}

static void test_anonymous_cycle(void)
{
	struct btf_builder b;
	struct text t = { .buf = calloc(1, 1), .cap = 1 };
	struct btf_dump *d;
	struct btf *btf;
	char *out;
	int err;

	bb_init(&b);
	/* two anonymous structs pointing to each other can only be written inline */
	bb_type(&b, BTF_KIND_STRUCT, "", 1, false, 8);
	bb_member(&b, "p", 3, 0);
	bb_type(&b, BTF_KIND_STRUCT, "", 1, false, 8);
	bb_member(&b, "q", 4, 0);
	bb_ref(&b, BTF_KIND_PTR, "", 2);
	bb_ref(&b, BTF_KIND_PTR, "", 1);
	btf = bb_parse(&b);
	if (!CHECK(btf, "anonymous pointer cycle parses"))
		goto out;
	out = dump_types(btf, NULL, 0, &err);
	CHECK(err == -ELOOP, "anonymous cycle through pointers gives -ELOOP (got %d)", err);
	free(out);
	d = btf_dump__new(btf, text_printf, &t, NULL);
	err = d ? btf_dump__emit_type_decl(d, 1, NULL) : -errno;
	CHECK(err == -ELOOP, "declaring it inline stops at the depth limit (got %d)", err);
	btf_dump__free(d);
	btf__free(btf);
out:
	free(t.buf);
}

static void test_deep_nesting(void)
{
	const __u32 depth = 10000;
	struct text t = { .buf = calloc(1, 1), .cap = 1 };
	struct btf_builder b;
	struct btf_dump *d;
	struct btf *btf;
	__u32 i, prev;
	char *out;
	int err;

	bb_init(&b);
	prev = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	for (i = 0; i < depth; i++) {
		__u32 id = bb_type(&b, BTF_KIND_STRUCT, "", 1, false, 4);

		bb_member(&b, "m", prev, 0);
		prev = id;
	}
	bb_type(&b, BTF_KIND_STRUCT, "top", 1, false, 4);
	bb_member(&b, "deep", prev, 0);
	btf = bb_parse(&b);
	/* the parser refuses nesting deeper than it accepts (512) */
	if (CHECK(!btf && errno == EINVAL, "10000-deep anonymous nesting is refused by the parser"))
		goto out;
	out = dump_types(btf, (__u32[]){ prev + 1 }, 1, &err);
	CHECK(err == -ELOOP, "dumping it fails cleanly with -ELOOP (got %d)", err);
	free(out);
	d = btf_dump__new(btf, text_printf, &t, NULL);
	err = d ? btf_dump__emit_type_decl(d, prev, NULL) : -errno;
	CHECK(err == -ELOOP, "declaring it fails cleanly with -ELOOP (got %d)", err);
	btf_dump__free(d);
	btf__free(btf);
out:
	free(t.buf);
}

static char *read_stream(FILE *f)
{
	long n = ftell(f);
	char *buf = n >= 0 ? malloc(n + 1) : NULL;

	if (!buf)
		return NULL;
	rewind(f);
	buf[fread(buf, 1, n, f)] = '\0';
	return buf;
}

static const char *const header_prelude_end = "#define __bpf_fastcall\n#endif\n#endif\n\n";

static void test_header_kfuncs(void)
{
	struct btf_builder b;
	__u32 i32, proto, fa, fb, tag;
	struct btf *btf;
	FILE *f;
	char *got, *body;
	int err;

	bb_init(&b);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	proto = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 1, false, i32);
	bb_param(&b, "x", i32);
	fb = bb_type(&b, BTF_KIND_FUNC, "zeta", BTF_FUNC_GLOBAL, false, proto);
	fa = bb_type(&b, BTF_KIND_FUNC, "alpha", BTF_FUNC_GLOBAL, false, proto);
	tag = bb_type(&b, BTF_KIND_DECL_TAG, "bpf_kfunc", 0, false, fb);
	bb_u32(&b, -1);
	bb_type(&b, BTF_KIND_DECL_TAG, "bpf_kfunc", 0, false, fa);
	bb_u32(&b, -1);
	bb_type(&b, BTF_KIND_DECL_TAG, "bpf_fastcall", 0, false, fa);
	bb_u32(&b, -1);
	/* a tag on a parameter, or named almost right, does not count */
	bb_type(&b, BTF_KIND_DECL_TAG, "bpf_kfunc", 0, false, fa);
	bb_u32(&b, 0);
	bb_type(&b, BTF_KIND_DECL_TAG, "bpf_kfuncs", 0, false, fb);
	bb_u32(&b, -1);
	btf = bb_parse(&b);
	if (!CHECK(btf && tag, "kfunc BTF parses"))
		return;
	f = tmpfile();
	err = btf_c_header_write(btf, f, NULL, 0, true);
	got = read_stream(f);
	body = got ? strstr(got, header_prelude_end) : NULL;
	CHECK(!err && body, "header written (%d)", err);
	if (body)
		same_text(body + strlen(header_prelude_end),
			  "\n/* BPF kfuncs */\n"
			  "#ifndef BPF_NO_KFUNC_PROTOTYPES\n"
			  "extern __bpf_fastcall int alpha(int x) __weak __ksym;\n"
			  "extern int zeta(int x) __weak __ksym;\n"
			  "#endif\n\n"
			  "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
			  "#pragma clang attribute pop\n"
			  "#endif\n\n"
			  "#endif /* __VMLINUX_H__ */\n",
			  "kfuncs section: sorted by name, fastcall marked");
	free(got);
	fclose(f);
	btf__free(btf);
}

static void test_header_order_and_roots(void)
{
	struct btf_builder b;
	__u32 i32, s, e, anon;
	struct btf *btf;
	FILE *f;
	char *got, *body;
	int err;

	bb_init(&b);
	s = bb_type(&b, BTF_KIND_STRUCT, "st", 1, false, 4);
	bb_member(&b, "v", 2, 0);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	e = bb_type(&b, BTF_KIND_ENUM, "named", 1, false, 4);
	bb_enumerator(&b, "N", 1);
	anon = bb_type(&b, BTF_KIND_ENUM, "", 1, false, 4);
	bb_enumerator(&b, "A", 2);
	btf = bb_parse(&b);
	if (!CHECK(btf && i32 == 2, "order BTF parses"))
		return;

	f = tmpfile();
	err = btf_c_header_write(btf, f, NULL, 0, true);
	got = read_stream(f);
	body = got ? strstr(got, header_prelude_end) : NULL;
	if (CHECK(!err && body, "sorted header written (%d)", err))
		CHECK(!strncmp(body + strlen(header_prelude_end),
			       "enum {\n\tA = 2,\n};\n\nenum named {\n\tN = 1,\n};\n\n"
			       "struct st {\n\tint v;\n};\n\n\n/* BPF kfuncs */\n", 77),
		      "sorted: anonymous enums, named enums, ints, structs");
	free(got);
	fclose(f);

	f = tmpfile();
	err = btf_c_header_write(btf, f, (__u32[]){ e, s }, 2, true);
	got = read_stream(f);
	body = got ? strstr(got, header_prelude_end) : NULL;
	if (CHECK(!err && body, "header of root types written (%d)", err))
		same_text(body + strlen(header_prelude_end),
			  "enum named {\n\tN = 1,\n};\n\nstruct st {\n\tint v;\n};\n\n"
			  "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
			  "#pragma clang attribute pop\n"
			  "#endif\n\n"
			  "#endif /* __VMLINUX_H__ */\n",
			  "root types in the given order, no kfuncs section");
	free(got);
	fclose(f);

	f = tmpfile();
	err = btf_c_header_write(btf, f, (__u32[]){ anon + 1 }, 1, true);
	CHECK(err == -EINVAL, "root id out of range is -EINVAL (got %d)", err);
	fclose(f);

	f = fopen("/dev/full", "w");
	if (f) {
		err = btf_c_header_write(btf, f, NULL, 0, false);
		CHECK(err == -EIO || err == -ENOSPC, "write error is reported (got %d)", err);
		fclose(f);
	}
	btf__free(btf);
}

static void check_fixture_header(const struct btf *btf, const char *expected, bool sorted)
{
	size_t want_len = 0, got_len = 0;
	char *want = gunzip_file(expected, &want_len), *got = NULL;
	FILE *f = open_memstream(&got, &got_len);
	int err;

	err = btf_c_header_write(btf, f, NULL, 0, sorted);
	fclose(f);
	CHECK(!err && want && got_len == want_len && !memcmp(got, want, want_len),
	      "fixture %s header is byte-identical to %s (err %d, %zu vs %zu bytes)",
	      sorted ? "sorted" : "unsorted", expected, err, got_len, want_len);
	free(got);
	free(want);
}

static void test_fixture(void)
{
	size_t size = 0;
	void *raw = gunzip_file(UNIT_FIXTURE("vmlinux.btf.gz"), &size);
	struct btf *btf = raw ? btf__new(raw, size) : NULL;

	free(raw);
	if (!CHECK(btf, "fixture kernel BTF parses"))
		return;
	check_fixture_header(btf, UNIT_FIXTURE("vmlinux.h.gz"), true);
	check_fixture_header(btf, UNIT_FIXTURE("vmlinux.unsorted.h.gz"), false);
	btf__free(btf);
}

int main(void)
{
	libbpf_set_print(quiet_print);
	test_padding_bitfields();
	test_packed();
	test_anonymous_nesting();
	test_function_pointers();
	test_name_dedup();
	test_enums();
	test_type_tags();
	test_forward_declarations();
	test_special_typedefs();
	test_emit_type_decl();
	test_embedding_cycle();
	test_anonymous_cycle();
	test_deep_nesting();
	test_header_kfuncs();
	test_header_order_and_roots();
	test_fixture();
	return unit_done();
}
