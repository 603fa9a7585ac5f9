// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the BTF value formatter (btf_typed_value_json): known bytes
 * of every kind of type rendered to exact JSON in bpftool's shapes, the
 * demo map of the bpftool reference output byte for byte, and hostile
 * types or short data refused with nothing written.
 *
 * With arguments it is a small tool for the bats suite, which formats
 * values with the BTF of clang-compiled objects:
 *   test_typed_value --format FILE KIND:NAME HEX   (KIND: struct, datasec, ...)
 *   test_typed_value --bench N                     (N values of the demo struct)
 */
#include <errno.h>
#include <time.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "json_writer.h"
#include "typed_value.h"
#include "unit.h"

static char last_warning[512];

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		vsnprintf(last_warning, sizeof(last_warning), fmt, ap);
	return 0;
}

/* Builder steps beyond unit.h's, for the kinds a value can have. */
static __u32 tb_int(struct btf_builder *b, const char *name, __u32 size, __u32 enc,
		    __u32 off, __u32 bits)
{
	__u32 id = bb_type(b, BTF_KIND_INT, name, 0, false, size);

	bb_u32(b, BTF_INT_ENC(enc, off, bits));
	return id;
}

/* Enumerators names[i] = vals[i] of the enum or enum64 just added. */
static void tb_enumerators(struct btf_builder *b, bool is64, int n, const char **names,
			   const __u64 *vals)
{
	int i;

	for (i = 0; i < n; i++) {
		if (is64)
			bb_enumerator64(b, names[i], vals[i]);
		else
			bb_enumerator(b, names[i], vals[i]);
	}
}

static __u32 tb_var(struct btf_builder *b, const char *name, __u32 type)
{
	__u32 id = bb_ref(b, BTF_KIND_VAR, name, type);

	bb_u32(b, BTF_VAR_GLOBAL_ALLOCATED);
	return id;
}

static void tb_secinfo(struct btf_builder *b, __u32 type, __u32 off, __u32 size)
{
	bb_u32(b, type);
	bb_u32(b, off);
	bb_u32(b, size);
}

/* The formatter's output for one value (compact or pretty), and its return. */
static char *render(const struct btf *btf, __u32 id, const void *data, size_t size, bool pretty,
		    int *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json_writer *jw = jsonw_new(f);

	jsonw_pretty(jw, pretty);
	*err = btf_typed_value_json(btf, id, data, size, jw);
	jsonw_destroy(jw);
	fclose(f);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return buf;
}

static void expect_json(const struct btf *btf, __u32 id, const void *data, size_t size,
			const char *want, const char *desc)
{
	int err;
	char *got = render(btf, id, data, size, false, &err);
	bool ok = !err && !strcmp(got, want);

	CHECK(ok, "%s: %s", desc, want);
	if (!ok)
		printf("#   got (err %d): %s\n", err, got);
	free(got);
}

static void expect_fail(const struct btf *btf, __u32 id, const void *data, size_t size,
			int want_err, const char *why, const char *desc)
{
	int err;
	char *got;

	last_warning[0] = '\0';
	got = render(btf, id, data, size, false, &err);
	CHECK(err == want_err && !got[0] && strstr(last_warning, why),
	      "%s: error %d, nothing written, says \"%s\"", desc, want_err, why);
	if (err != want_err || got[0] || !strstr(last_warning, why))
		printf("#   got err %d, output \"%s\", warning \"%s\"\n", err, got, last_warning);
	free(got);
}

#define EXPECT(btf, id, want, desc, ...) do {				\
	const __u8 bytes_[] = { __VA_ARGS__ };				\
	expect_json(btf, id, bytes_, sizeof(bytes_), want, desc);	\
} while (0)

static void test_ints(void)
{
	struct btf_builder b;
	__u32 u8, s8, u16, s16, u32, s32, u64, s64, chr, cchr, bol, i128, u24, bits, off;
	struct btf *btf;

	bb_init(&b);
	u8 = bb_int(&b, "unsigned char", 1, 0);
	s8 = bb_int(&b, "signed char", 1, BTF_INT_SIGNED);
	u16 = bb_int(&b, "unsigned short", 2, 0);
	s16 = bb_int(&b, "short", 2, BTF_INT_SIGNED);
	u32 = bb_int(&b, "unsigned int", 4, 0);
	s32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	u64 = bb_int(&b, "unsigned long long", 8, 0);
	s64 = bb_int(&b, "long long", 8, BTF_INT_SIGNED);
	chr = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	cchr = bb_int(&b, "wchar", 1, BTF_INT_CHAR);
	bol = bb_int(&b, "_Bool", 1, BTF_INT_BOOL);
	i128 = tb_int(&b, "__int128", 16, BTF_INT_SIGNED, 0, 128);
	u24 = tb_int(&b, "u24", 4, 0, 0, 24);
	bits = tb_int(&b, "bits5", 1, BTF_INT_SIGNED, 0, 5);
	off = tb_int(&b, "shifted", 4, 0, 4, 8);
	btf = bb_parse(&b);
	if (!CHECK(btf, "int BTF parses"))
		return;
	EXPECT(btf, u8, "200", "u8", 200);
	EXPECT(btf, s8, "-56", "s8", 0xc8);
	EXPECT(btf, u16, "65535", "u16", 0xff, 0xff);
	EXPECT(btf, s16, "-2", "s16", 0xfe, 0xff);
	EXPECT(btf, u32, "4294967295", "u32", 0xff, 0xff, 0xff, 0xff);
	EXPECT(btf, s32, "-1", "s32", 0xff, 0xff, 0xff, 0xff);
	EXPECT(btf, u64, "18446744073709551615", "u64", 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	       0xff, 0xff);
	EXPECT(btf, s64, "-9223372036854775808", "s64", 0, 0, 0, 0, 0, 0, 0, 0x80);
	EXPECT(btf, chr, "65", "plain char is a number", 'A');
	EXPECT(btf, cchr, "\"A\"", "char-encoded int is a one-letter string", 'A');
	EXPECT(btf, cchr, "\"\\u0001\"", "non-printable char as \\u escape", 1);
	EXPECT(btf, cchr, "\"\\\"\"", "quote char escaped", '"');
	EXPECT(btf, cchr, "\"\\u00ff\"", "high byte char as \\u00ff", 0xff);
	EXPECT(btf, bol, "true", "bool true", 1);
	EXPECT(btf, bol, "false", "bool false", 0);
	EXPECT(btf, i128, "\"0x1\"", "__int128 small", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	       0, 0);
	EXPECT(btf, i128, "\"0x10000000000000002\"", "__int128 with high half", 2, 0, 0, 0, 0,
	       0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
	EXPECT(btf, u24, "\"0x563412\"", "24-bit int as bitfield", 0x12, 0x34, 0x56, 0x78);
	EXPECT(btf, bits, "\"0x1f\"", "5-bit int unsigned hex", 0xff);
	EXPECT(btf, off, "\"0xab\"", "int with bit offset 4", 0xb0, 0x0a, 0, 0);
	btf__free(btf);
}

static void test_floats_and_pointers(void)
{
	struct btf_builder b;
	__u32 f2, f4, f8, f16, ptr, s32;
	struct btf *btf;
	long double ld = 2.5L;
	__u8 ldbytes[16] = { 0 };
	double d = 0.1;
	float f = 1.5f;

	bb_init(&b);
	s32 = bb_int(&b, "long", 8, BTF_INT_SIGNED);
	f2 = bb_type(&b, BTF_KIND_FLOAT, "_Float16", 0, false, 2);
	f4 = bb_type(&b, BTF_KIND_FLOAT, "float", 0, false, 4);
	f8 = bb_type(&b, BTF_KIND_FLOAT, "double", 0, false, 8);
	f16 = bb_type(&b, BTF_KIND_FLOAT, "long double", 0, false, 16);
	ptr = bb_ref(&b, BTF_KIND_PTR, "", s32);
	btf = bb_parse(&b);
	if (!CHECK(btf, "float BTF parses"))
		return;
	expect_json(btf, f4, &f, 4, "1.5", "float");
	expect_json(btf, f8, &d, 8, "0.1", "double, shortest form");
	d = 1e300;
	expect_json(btf, f8, &d, 8, "1e+300", "double with exponent");
	d = -0.0 / 0.0;
	expect_json(btf, f8, &d, 8, "null", "NaN is null");
	EXPECT(btf, f2, "1", "half 1.0", 0x00, 0x3c);
	EXPECT(btf, f2, "-2", "half -2.0", 0x00, 0xc0);
	memcpy(ldbytes, &ld, sizeof(ld) < 16 ? sizeof(ld) : 16);
	expect_json(btf, f16, ldbytes, 16, "2.5", "long double");
	EXPECT(btf, ptr, "4660", "pointer as number", 0x34, 0x12, 0, 0, 0, 0, 0, 0);
	btf__free(btf);
}

static void test_enums(void)
{
	static const char *names[] = { "RED", "GREEN", "NEGATIVE" };
	static const __u64 vals[] = { 1, 2, (__u32)-3 };
	static const char *names64[] = { "BIG_ZERO", "BIG_HIGH" };
	static const __u64 vals64[] = { 0, 0x100000000ULL };
	struct btf_builder b;
	__u32 color, small, big, sbig;
	struct btf *btf;

	bb_init(&b);
	color = bb_type(&b, BTF_KIND_ENUM, "color", 3, false, 4);
	tb_enumerators(&b, false, 3, names, vals);
	small = bb_type(&b, BTF_KIND_ENUM, "small", 2, false, 1);
	tb_enumerators(&b, false, 2, names, vals);
	big = bb_type(&b, BTF_KIND_ENUM64, "big", 2, false, 8);
	tb_enumerators(&b, true, 2, names64, vals64);
	sbig = bb_type(&b, BTF_KIND_ENUM64, "sbig", 2, true, 8);
	tb_enumerators(&b, true, 2, names64, vals64);
	btf = bb_parse(&b);
	if (!CHECK(btf, "enum BTF parses"))
		return;
	EXPECT(btf, color, "\"GREEN\"", "enum by name", 2, 0, 0, 0);
	EXPECT(btf, color, "\"NEGATIVE\"", "negative enumerator", 0xfd, 0xff, 0xff, 0xff);
	EXPECT(btf, color, "7", "no enumerator: the number", 7, 0, 0, 0);
	EXPECT(btf, color, "-7", "no enumerator, 32-bit read signed as bpftool", 0xf9, 0xff,
	       0xff, 0xff);
	EXPECT(btf, small, "\"RED\"", "1-byte enum", 1);
	EXPECT(btf, big, "\"BIG_HIGH\"", "enum64 by name", 0, 0, 0, 0, 1, 0, 0, 0);
	EXPECT(btf, big, "18446744073709551615", "unsigned enum64 without match", 0xff, 0xff,
	       0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
	EXPECT(btf, sbig, "-1", "signed enum64 without match", 0xff, 0xff, 0xff, 0xff, 0xff,
	       0xff, 0xff, 0xff);
	btf__free(btf);
}

static void test_arrays(void)
{
	struct btf_builder b;
	__u32 chr, cchr, tchr, s32, str, str4, cstr, tstr, ints, empty, grid, u8arr, u8;
	struct btf *btf;

	bb_init(&b);
	s32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	chr = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	u8 = bb_int(&b, "unsigned char", 1, 0);
	cchr = bb_ref(&b, BTF_KIND_CONST, "", chr);
	tchr = bb_ref(&b, BTF_KIND_TYPEDEF, "char_t", chr);
	str = bb_array(&b, chr, s32, 8);
	str4 = bb_array(&b, chr, s32, 4);
	cstr = bb_array(&b, cchr, s32, 4);
	tstr = bb_array(&b, tchr, s32, 4);
	ints = bb_array(&b, s32, s32, 3);
	empty = bb_array(&b, s32, s32, 0);
	grid = bb_array(&b, bb_array(&b, s32, s32, 2), s32, 2);
	u8arr = bb_array(&b, u8, s32, 3);
	btf = bb_parse(&b);
	if (!CHECK(btf, "array BTF parses"))
		return;
	EXPECT(btf, str, "\"abc\"", "char array with NUL is a string", 'a', 'b', 'c', 0, 'x',
	       0, 0, 0);
	EXPECT(btf, str, "\"\"", "empty string", 0, 1, 2, 3, 4, 5, 6, 7);
	EXPECT(btf, str4, "[97,98,99,100]", "no NUL: numbers", 'a', 'b', 'c', 'd');
	EXPECT(btf, str4, "[97,-128,0,0]", "non-ASCII: numbers (bpftool's rule)", 'a', 0x80, 0,
	       0);
	EXPECT(btf, str4, "[97,10,0,0]", "control character: numbers", 'a', '\n', 0, 0);
	EXPECT(btf, str4, "\"a\\\"\\\\\"", "quote and backslash escaped", 'a', '"', '\\', 0);
	EXPECT(btf, cstr, "\"ab\"", "const char array is a string", 'a', 'b', 0, 0);
	EXPECT(btf, tstr, "[97,98,0,0]", "typedef'd char array is numbers", 'a', 'b', 0, 0);
	EXPECT(btf, u8arr, "[97,98,0]", "unsigned char array is numbers", 'a', 'b', 0);
	EXPECT(btf, ints, "[1,-1,3]", "int array", 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 3, 0, 0,
	       0);
	expect_json(btf, empty, "", 0, "[]", "zero-length array");
	EXPECT(btf, grid, "[[1,2],[3,4]]", "2-D array", 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0,
	       0, 0);
	btf__free(btf);
}

static void test_composites(void)
{
	struct btf_builder b;
	__u32 s32, u16, u64, inner, anon_u, outer, uni, cv, tag, td, kf0, b3;
	struct btf *btf;

	bb_init(&b);
	s32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	u16 = bb_int(&b, "unsigned short", 2, 0);
	u64 = bb_int(&b, "unsigned long long", 8, 0);
	inner = bb_type(&b, BTF_KIND_STRUCT, "inner", 2, false, 4);
	bb_member(&b, "lo", u16, 0);
	bb_member(&b, "hi", u16, 16);
	anon_u = bb_type(&b, BTF_KIND_UNION, "", 2, false, 4);
	bb_member(&b, "word", s32, 0);
	bb_member(&b, "half", u16, 0);
	cv = bb_ref(&b, BTF_KIND_CONST, "", bb_ref(&b, BTF_KIND_VOLATILE, "", s32));
	tag = bb_ref(&b, BTF_KIND_TYPE_TAG, "user", bb_ref(&b, BTF_KIND_RESTRICT, "", u64));
	td = bb_ref(&b, BTF_KIND_TYPEDEF, "inner_t", inner);
	outer = bb_type(&b, BTF_KIND_STRUCT, "outer", 5, true, 24);
	bb_member(&b, "in", td, 0);
	bb_member(&b, "", anon_u, 32);
	bb_member(&b, "cv", cv, 64);
	bb_member(&b, "flags", s32, BITFIELD(3, 96));
	bb_member(&b, "tagged", tag, 128);
	uni = bb_type(&b, BTF_KIND_UNION, "u", 0, false, 0);
	/* old style (no kind flag): the int type itself is 3 bits wide */
	b3 = tb_int(&b, "int", 4, BTF_INT_SIGNED, 0, 3);
	kf0 = bb_type(&b, BTF_KIND_STRUCT, "old_bits", 2, false, 4);
	bb_member(&b, "x", b3, 2);
	bb_member(&b, "y", b3, 5);
	btf = bb_parse(&b);
	if (!CHECK(btf, "composite BTF parses"))
		return;
	EXPECT(btf, outer,
	       "{\"in\":{\"lo\":1,\"hi\":2},\"\":{\"word\":65539,\"half\":3},\"cv\":-5,"
	       "\"flags\":\"0x7\",\"tagged\":9}",
	       "struct with typedef, anonymous union, modifiers, bitfield, type tag",
	       1, 0, 2, 0, 3, 0, 1, 0, 0xfb, 0xff, 0xff, 0xff, 0x0f, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0,
	       0);
	expect_json(btf, uni, "", 0, "{}", "empty union");
	EXPECT(btf, kf0, "{\"x\":\"0x3\",\"y\":\"0x5\"}", "bitfields through int types",
	       0xac, 0, 0, 0);
	btf__free(btf);
}

static void test_wide_bitfields(void)
{
	struct btf_builder b;
	__u32 u128, s;
	struct btf *btf;
	__u8 data[25];

	bb_init(&b);
	u128 = tb_int(&b, "unsigned __int128", 16, 0, 0, 128);
	s = bb_type(&b, BTF_KIND_STRUCT, "wide", 3, true, 25);
	bb_member(&b, "a", u128, BITFIELD(4, 0));
	bb_member(&b, "b", u128, BITFIELD(128, 4));
	bb_member(&b, "c", u128, BITFIELD(64, 132));
	btf = bb_parse(&b);
	if (!CHECK(btf, "wide bitfield BTF parses"))
		return;
	/* a = 0xa; b = all ones (spans 17 bytes from bit 4); c = 0x5 */
	memset(data, 0xff, sizeof(data));
	data[0] = 0xfa;
	data[16] = 0x5f;
	memset(data + 17, 0, 8);
	expect_json(btf, s, data, sizeof(data),
		    "{\"a\":\"0xa\",\"b\":\"0xffffffffffffffffffffffffffffffff\",\"c\":\"0x5\"}",
		    "bitfields of 128 bits straddling 17 bytes");
	btf__free(btf);
}

static void test_datasec(void)
{
	struct btf_builder b;
	__u32 u64, s32, counter, other, bss, var;
	struct btf *btf;

	bb_init(&b);
	u64 = bb_int(&b, "unsigned long long", 8, 0);
	s32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	counter = tb_var(&b, "counter", u64);
	other = tb_var(&b, "other", s32);
	bss = bb_type(&b, BTF_KIND_DATASEC, ".bss", 2, false, 16);
	tb_secinfo(&b, counter, 0, 8);
	tb_secinfo(&b, other, 8, 4);
	var = tb_var(&b, "lonely", s32);
	btf = bb_parse(&b);
	if (!CHECK(btf, "datasec BTF parses"))
		return;
	EXPECT(btf, bss, "{\".bss\":[{\"counter\":742},{\"other\":-1}]}", "datasec",
	       0xe6, 0x02, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);
	EXPECT(btf, var, "{\"lonely\":5}", "var", 5, 0, 0, 0);
	btf__free(btf);
}

static void test_pretty(void)
{
	struct btf_builder b;
	__u32 s32, arr, s;
	struct btf *btf;
	const __u8 data[] = { 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0 };
	const char *want = "{\n    \"a\": 1,\n    \"arr\": [\n        2,\n        3\n    ]\n}";
	char *got;
	int err;

	bb_init(&b);
	s32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	arr = bb_array(&b, s32, s32, 2);
	s = bb_type(&b, BTF_KIND_STRUCT, "p", 2, false, 12);
	bb_member(&b, "a", s32, 0);
	bb_member(&b, "arr", arr, 32);
	btf = bb_parse(&b);
	if (!CHECK(btf, "pretty BTF parses"))
		return;
	got = render(btf, s, data, sizeof(data), true, &err);
	CHECK(!err && !strcmp(got, want), "pretty mode: the writer's indentation");
	if (err || strcmp(got, want))
		printf("#   got: %s\n", got);
	free(got);
	btf__free(btf);
}

/* The demo object's struct flow and struct stats, as clang emits them. */
static struct btf *demo_btf(__u32 *flow, __u32 *stats)
{
	static const char *colors[] = { "RED", "GREEN", "BLUE" };
	static const __u64 color_vals[] = { 1, 2, 4 };
	struct btf_builder b;
	__u32 u32, u16, u8, u64, s32, chr, color, tag, arr;

	bb_init(&b);
	s32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	u32 = bb_ref(&b, BTF_KIND_TYPEDEF, "__u32", bb_int(&b, "unsigned int", 4, 0));
	u16 = bb_ref(&b, BTF_KIND_TYPEDEF, "__u16", bb_int(&b, "unsigned short", 2, 0));
	u8 = bb_ref(&b, BTF_KIND_TYPEDEF, "__u8", bb_int(&b, "unsigned char", 1, 0));
	u64 = bb_ref(&b, BTF_KIND_TYPEDEF, "__u64", bb_int(&b, "unsigned long long", 8, 0));
	chr = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	color = bb_type(&b, BTF_KIND_ENUM, "color", 3, false, 4);
	tb_enumerators(&b, false, 3, colors, color_vals);
	tag = bb_array(&b, chr, s32, 8);
	arr = bb_array(&b, s32, s32, 2);
	*flow = bb_type(&b, BTF_KIND_STRUCT, "flow", 5, false, 16);
	bb_member(&b, "saddr", u32, 0);
	bb_member(&b, "daddr", u32, 32);
	bb_member(&b, "sport", u16, 64);
	bb_member(&b, "dport", u16, 80);
	bb_member(&b, "proto", u8, 96);
	*stats = bb_type(&b, BTF_KIND_STRUCT, "stats", 7, true, 40);
	bb_member(&b, "packets", u64, 0);
	bb_member(&b, "bytes", u64, 64);
	bb_member(&b, "c", color, 128);
	bb_member(&b, "tag", tag, 160);
	bb_member(&b, "flags", s32, BITFIELD(3, 224));
	bb_member(&b, "mode", s32, BITFIELD(5, 227));
	bb_member(&b, "arr", arr, 256);
	return bb_parse(&b);
}

/* The bytes of the hex-string array after "name":[ in text. */
static size_t ref_bytes(const char *text, const char *name, __u8 *out, size_t cap)
{
	char key[32];
	const char *p;
	size_t n = 0;

	snprintf(key, sizeof(key), "\"%s\":[", name);
	p = strstr(text, key);
	if (!p)
		return 0;
	for (p += strlen(key); *p && *p != ']' && n < cap; p++) {
		if (p[0] == '"' && p[1] == '0' && p[2] == 'x') {
			out[n++] = strtoul(p + 3, NULL, 16);
			p += 5;
		}
	}
	return n;
}

static void test_reference_flows(void)
{
	size_t len = 0, klen, vlen;
	char *ref = gunzip_file(UNIT_FIXTURE("reference/map_dump_flows_btf.json.gz"), &len);
	char *want, *got = NULL, *end;
	__u8 key[64], value[64];
	size_t got_len = 0;
	struct json_writer *jw;
	__u32 flow, stats;
	struct btf *btf;
	int err;
	FILE *f;

	if (!CHECK(ref, "reference map_dump_flows_btf.json decompresses"))
		return;
	ref = realloc(ref, len + 1);
	ref[len] = '\0';
	klen = ref_bytes(ref, "key", key, sizeof(key));
	vlen = ref_bytes(ref, "value", value, sizeof(value));
	want = strstr(ref, "\"formatted\":");
	end = strrchr(ref, ']');
	btf = demo_btf(&flow, &stats);
	if (!CHECK(btf && klen == 16 && vlen == 40 && want && end, "reference bytes and BTF"))
		goto out;
	want += strlen("\"formatted\":");
	*(end - 1) = '\0';	/* drop the closing "}]" of the entry and the dump */
	f = open_memstream(&got, &got_len);
	jw = jsonw_new(f);
	jsonw_start_object(jw);
	jsonw_name(jw, "key");
	err = btf_typed_value_json(btf, flow, key, klen, jw);
	jsonw_name(jw, "value");
	err = err ?: btf_typed_value_json(btf, stats, value, vlen, jw);
	jsonw_end_object(jw);
	jsonw_destroy(jw);
	fclose(f);
	if (got_len && got[got_len - 1] == '\n')
		got[got_len - 1] = '\0';
	CHECK(!err && !strcmp(got, want), "demo flow/stats byte for byte as the reference");
	if (err || strcmp(got, want))
		printf("#   got:  %s\n#   want: %s\n", got, want);
out:
	free(got);
	btf__free(btf);
	free(ref);
}

static void test_truncated(void)
{
	__u8 value[40] = { 0 };
	__u32 flow, stats;
	struct btf *btf = demo_btf(&flow, &stats);
	size_t size;
	bool ok = true;
	int err;
	char *got;

	if (!CHECK(btf, "demo BTF parses"))
		return;
	expect_fail(btf, stats, value, 39, -EINVAL, "needs 40 bytes at offset 0, 39 there",
		    "stats with 39 bytes");
	for (size = 0; size < 40; size++) {
		got = render(btf, stats, value, size, false, &err);
		ok = ok && err == -EINVAL && !got[0];
		free(got);
	}
	CHECK(ok, "every shorter size is refused with nothing written");
	got = render(btf, stats, value, sizeof(value), false, &err);
	CHECK(!err && got[0], "the full size works");
	free(got);
	expect_fail(btf, 0, value, 8, -EINVAL, "no value has this kind", "void");
	expect_fail(btf, 9999, value, 8, -EINVAL, "no such type", "type id past the end");
	CHECK(btf_typed_value_json(btf, flow, NULL, 16, NULL) == -EINVAL, "NULL arguments");
	btf__free(btf);
}

static void test_unprintable_kinds(void)
{
	struct btf_builder b;
	__u32 s32, fwd, proto, func, tag;
	struct btf *btf;
	__u8 data[8] = { 0 };

	bb_init(&b);
	s32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	fwd = bb_type(&b, BTF_KIND_FWD, "opaque", 0, false, 0);
	proto = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 1, false, s32);
	bb_u32(&b, 0);
	bb_u32(&b, s32);
	func = bb_type(&b, BTF_KIND_FUNC, "fn", 0, false, proto);
	tag = bb_type(&b, BTF_KIND_DECL_TAG, "tag", 0, false, func);
	bb_u32(&b, (__u32)-1);
	btf = bb_parse(&b);
	if (!CHECK(btf, "kinds BTF parses"))
		return;
	expect_fail(btf, fwd, data, 8, -EINVAL, "FWD 'opaque': no value has this kind", "fwd");
	expect_fail(btf, proto, data, 8, -EINVAL, "FUNC_PROTO", "func proto");
	expect_fail(btf, func, data, 8, -EINVAL, "FUNC 'fn'", "func");
	expect_fail(btf, tag, data, 8, -EINVAL, "DECL_TAG", "decl tag");
	btf__free(btf);
}

/* Types the parser accepts but whose parts do not fit in them. */
static void test_hostile_layout(void)
{
	struct btf_builder b;
	__u32 u64, s32, small, sec, var, bf;
	struct btf *btf;
	__u8 data[64] = { 0 };

	bb_init(&b);
	u64 = bb_int(&b, "unsigned long long", 8, 0);
	s32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	small = bb_type(&b, BTF_KIND_STRUCT, "small", 1, false, 4);
	bb_member(&b, "big", u64, 0);
	var = tb_var(&b, "v", u64);
	sec = bb_type(&b, BTF_KIND_DATASEC, ".data", 1, false, 8);
	tb_secinfo(&b, var, 4, 8);
	bf = bb_type(&b, BTF_KIND_STRUCT, "bf", 1, true, 4);
	bb_member(&b, "x", s32, BITFIELD(8, 28));
	btf = bb_parse(&b);
	if (!CHECK(btf, "hostile layout BTF parses"))
		return;
	expect_fail(btf, small, data, sizeof(data), -EINVAL, "needs 8 bytes at offset 0, 4 there",
		    "member wider than its struct");
	expect_fail(btf, sec, data, sizeof(data), -EINVAL, "variable 0 lies past its end",
		    "variable past its section");
	expect_fail(btf, bf, data, sizeof(data), -EINVAL, "needs 2 bytes at offset 3, 1 there",
		    "bitfield past its struct");
	btf__free(btf);
}

/* Loops never reach the formatter: the parser refuses them. */
static void test_loops(void)
{
	struct btf_builder b;
	struct btf *btf;
	__u32 td;

	bb_init(&b);
	bb_type(&b, BTF_KIND_STRUCT, "self", 1, false, 4);
	bb_member(&b, "me", 1, 0);
	btf = bb_parse(&b);
	CHECK(!btf, "a struct containing itself is refused at parse");
	btf__free(btf);
	bb_init(&b);
	td = bb_ref(&b, BTF_KIND_TYPEDEF, "a", 2);
	bb_ref(&b, BTF_KIND_CONST, "", td);
	btf = bb_parse(&b);
	CHECK(!btf, "a typedef/const loop is refused at parse");
	btf__free(btf);
}

/* Deep, exponential or endless shapes: refused quickly with E2BIG. */
static void test_hostile_sizes(void)
{
	struct btf_builder b;
	__u32 chr, prev, deep, wide, empty, zeros, huge, i;
	struct btf *btf;
	__u8 data[8] = { 0 };

	bb_init(&b);
	chr = bb_int(&b, "char", 1, BTF_INT_SIGNED);
	/* 200 structs, each embedding the previous one */
	prev = chr;
	for (i = 0; i < 200; i++) {
		deep = bb_type(&b, BTF_KIND_STRUCT, "", 1, false, 1);
		bb_member(&b, "in", prev, 0);
		prev = deep;
	}
	/* 100 levels of two overlapping members: 2^100 values */
	prev = chr;
	for (i = 0; i < 100; i++) {
		wide = bb_type(&b, BTF_KIND_UNION, "", 2, false, 1);
		bb_member(&b, "a", prev, 0);
		bb_member(&b, "b", prev, 0);
		prev = wide;
	}
	/* four billion empty structs in no bytes at all */
	empty = bb_type(&b, BTF_KIND_STRUCT, "empty", 0, false, 0);
	zeros = bb_array(&b, empty, chr, 0xffffffff);
	huge = bb_array(&b, bb_array(&b, chr, chr, 0), chr, 0x10000000);
	btf = bb_parse(&b);
	if (!CHECK(btf, "hostile size BTF parses"))
		return;
	expect_fail(btf, deep, data, 1, -E2BIG, "nested deeper than", "200 nested structs");
	expect_fail(btf, wide, data, 1, -E2BIG, "types to walk", "2^100 overlapping members");
	expect_fail(btf, zeros, data, 0, -E2BIG, "values to print", "4G empty structs");
	expect_fail(btf, huge, data, 0, -E2BIG, "values to print", "256M empty arrays");
	btf__free(btf);
}

/* A million demo structs, timed: the cost map dump pays per entry. */
static double bench_demo(long n)
{
	static const __u8 value[40] = { 1, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 2, 0,
					0, 0, 'a', 'b', 'c', 0, 0, 0, 0, 0, 0x0b, 0, 0, 0,
					5, 0, 0, 0, 6, 0, 0, 0 };
	FILE *devnull = fopen("/dev/null", "w");
	struct json_writer *jw = jsonw_new(devnull);
	struct timespec t0, t1;
	__u32 flow, stats;
	struct btf *btf = demo_btf(&flow, &stats);
	int err = 0;
	long i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	jsonw_start_array(jw);
	for (i = 0; i < n && !err; i++)
		err = btf_typed_value_json(btf, stats, value, sizeof(value), jw);
	jsonw_end_array(jw);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	jsonw_destroy(jw);
	fclose(devnull);
	btf__free(btf);
	return err ? -1 : (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static int hex_bytes(const char *hex, __u8 *out, size_t cap)
{
	size_t n = 0;
	unsigned int byte;

	while (hex[0] && hex[1] && n < cap && sscanf(hex, "%2x", &byte) == 1) {
		out[n++] = byte;
		hex += 2;
	}
	return hex[0] ? -1 : (int)n;
}

static const struct { const char *name; __u32 kind; } kind_names[] = {
	{ "int", BTF_KIND_INT }, { "struct", BTF_KIND_STRUCT }, { "union", BTF_KIND_UNION },
	{ "enum", BTF_KIND_ENUM }, { "typedef", BTF_KIND_TYPEDEF }, { "var", BTF_KIND_VAR },
	{ "datasec", BTF_KIND_DATASEC },
};

/* --format FILE KIND:NAME HEX: print the value, exit 0; or the error, exit 1. */
static int format_tool(const char *path, const char *spec, const char *hex)
{
	static __u8 data[1 << 16];
	const char *colon = strchr(spec, ':');
	struct json_writer *jw;
	struct btf *btf;
	int n, id = -ENOENT, err;
	size_t i;

	n = hex_bytes(hex, data, sizeof(data));
	btf = btf__parse(path, NULL);
	if (!btf || n < 0 || !colon) {
		fprintf(stderr, "cannot read %s or the hex bytes\n", path);
		return 1;
	}
	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		if (strlen(kind_names[i].name) == (size_t)(colon - spec) &&
		    !strncmp(spec, kind_names[i].name, colon - spec))
			id = btf__find_by_name_kind(btf, colon + 1, kind_names[i].kind);
	}
	jw = jsonw_new(stdout);
	err = id < 0 ? id : btf_typed_value_json(btf, id, data, n, jw);
	jsonw_destroy(jw);
	btf__free(btf);
	if (err)
		fprintf(stderr, "cannot format %s: %s\n", spec, strerror(-err));
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	double secs;

	if (argc == 5 && !strcmp(argv[1], "--format"))
		return format_tool(argv[2], argv[3], argv[4]);
	if (argc == 3 && !strcmp(argv[1], "--bench")) {
		secs = bench_demo(atol(argv[2]));
		printf("%s values of struct stats: %.3f s\n", argv[2], secs);
		return secs < 0;
	}
	libbpf_set_print(capture_print);
	test_ints();
	test_floats_and_pointers();
	test_enums();
	test_arrays();
	test_composites();
	test_wide_bitfields();
	test_datasec();
	test_pretty();
	test_reference_flows();
	test_truncated();
	test_unprintable_kinds();
	test_hostile_layout();
	test_loops();
	test_hostile_sizes();
	return unit_done();
}
