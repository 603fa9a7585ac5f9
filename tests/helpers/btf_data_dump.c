// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf_dump__dump_type_data() on values of many types, for
 * tests/bats/api_btf.bats: built against libbpfcore.a and against Debian's
 * libbpf 1.1, whose outputs must be the same bytes. The types are built
 * with the BTF writer (the same calls in both libraries); the values are
 * filled byte by byte. Char arrays hold no NUL: libbpf 1.6 changed how a
 * terminated char array prints, and 1.1 is the oracle.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

struct ids {
	int s8, u8, chr, s16, u16, s32, u32, s64, u64, u128, boolean;
	int flt, dbl, ldbl, ptr, en, en_signed, en64, myint, cv;
	int chars4, ints3, ints2x3, inner, uni, anon, outer, zero_first, var, sec;
};

static struct ids build(struct btf *btf, struct ids *n)
{
	int i, cvi, total;

	n->s8 = btf__add_int(btf, "signed char", 1, BTF_INT_SIGNED);
	n->u8 = btf__add_int(btf, "unsigned char", 1, 0);
	n->chr = btf__add_int(btf, "char", 1, BTF_INT_SIGNED);
	n->s16 = btf__add_int(btf, "short", 2, BTF_INT_SIGNED);
	n->u16 = btf__add_int(btf, "unsigned short", 2, 0);
	n->s32 = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	n->u32 = btf__add_int(btf, "unsigned int", 4, 0);
	n->s64 = btf__add_int(btf, "long long", 8, BTF_INT_SIGNED);
	n->u64 = btf__add_int(btf, "unsigned long long", 8, 0);
	n->u128 = btf__add_int(btf, "unsigned __int128", 16, 0);
	n->boolean = btf__add_int(btf, "_Bool", 1, BTF_INT_BOOL);
	n->flt = btf__add_float(btf, "float", 4);
	n->dbl = btf__add_float(btf, "double", 8);
	n->ldbl = btf__add_float(btf, "long double", 16);
	n->ptr = btf__add_ptr(btf, n->s32);
	n->en = btf__add_enum(btf, "color", 4);
	btf__add_enum_value(btf, "RED", 0);
	btf__add_enum_value(btf, "GREEN", 1);
	btf__add_enum_value(btf, "BLUE", 7);
	n->en_signed = btf__add_enum(btf, "delta", 4);
	btf__add_enum_value(btf, "DOWN", -1);
	btf__add_enum_value(btf, "UP", 1);
	n->en64 = btf__add_enum64(btf, "big", 8, false);
	btf__add_enum64_value(btf, "HUGE", 0xfedcba9876543210ULL);
	n->myint = btf__add_typedef(btf, "myint_t", n->s32);
	cvi = btf__add_volatile(btf, n->s32);
	n->cv = btf__add_const(btf, cvi);
	i = btf__add_int(btf, "__ARRAY_SIZE_TYPE__", 4, 0);
	n->chars4 = btf__add_array(btf, i, n->chr, 4);
	n->ints3 = btf__add_array(btf, i, n->s32, 3);
	n->ints2x3 = btf__add_array(btf, i, n->ints3, 2);

	n->inner = btf__add_struct(btf, "inner", 8);
	btf__add_field(btf, "x", n->s32, 0, 0);
	btf__add_field(btf, "tag", n->chars4, 32, 0);
	n->uni = btf__add_union(btf, "num", 4);
	btf__add_field(btf, "i", n->s32, 0, 0);
	btf__add_field(btf, "f", n->flt, 0, 0);
	n->anon = btf__add_struct(btf, NULL, 4);
	btf__add_field(btf, "lo", n->s16, 0, 0);
	btf__add_field(btf, "hi", n->u16, 16, 0);

	n->outer = btf__add_struct(btf, "outer", 136);
	btf__add_field(btf, "flags", n->u32, 0, 3);
	btf__add_field(btf, "level", n->s32, 3, 7);
	btf__add_field(btf, "hue", n->en, 10, 2);
	btf__add_field(btf, "sc", n->s8, 16, 0);
	btf__add_field(btf, "uc", n->u8, 24, 0);
	btf__add_field(btf, "s", n->s16, 32, 0);
	btf__add_field(btf, "us", n->u16, 48, 0);
	btf__add_field(btf, "in", n->inner, 64, 0);
	btf__add_field(btf, "arr", n->ints3, 128, 0);
	btf__add_field(btf, "u", n->uni, 224, 0);
	btf__add_field(btf, "p", n->ptr, 256, 0);
	btf__add_field(btf, "ll", n->s64, 320, 0);
	btf__add_field(btf, "ull", n->u64, 384, 0);
	btf__add_field(btf, "d", n->dbl, 448, 0);
	btf__add_field(btf, "big", n->u128, 512, 0);
	btf__add_field(btf, "e64", n->en64, 640, 0);
	btf__add_field(btf, "mi", n->myint, 704, 0);
	btf__add_field(btf, "cv", n->cv, 736, 0);
	btf__add_field(btf, NULL, n->anon, 768, 0);
	btf__add_field(btf, "b", n->boolean, 800, 0);
	btf__add_field(btf, "dir", n->en_signed, 832, 0);
	btf__add_field(btf, "grid", n->ints2x3, 864, 0);

	n->zero_first = btf__add_struct(btf, "zero_first", 8);
	btf__add_field(btf, "first", n->s32, 0, 0);
	btf__add_field(btf, "second", n->s32, 32, 0);

	n->var = btf__add_var(btf, "counter", BTF_VAR_STATIC, n->s32);
	total = btf__add_var(btf, "total", BTF_VAR_GLOBAL_ALLOCATED, n->u32);
	n->sec = btf__add_datasec(btf, ".data", 8);
	btf__add_datasec_var_info(btf, n->var, 0, 4);
	btf__add_datasec_var_info(btf, total, 4, 4);
	return *n;
}

static void print_cb(void *ctx, const char *fmt, va_list args)
{
	(void)ctx;
	vprintf(fmt, args);
}

static unsigned char value[256] __attribute__((aligned(16)));

static void put(size_t off, const void *v, size_t n)
{
	memcpy(value + off, v, n);
}

/* The outer struct's value: bit fields, every scalar, nested aggregates. */
static void fill_outer(void)
{
	unsigned int bits = 5 | (0x7fU - 2) << 3 | 2U << 10;	/* flags 5, level -3, hue 2 */
	__u64 big[2] = { 0x1122334455667788ULL, 0x99ULL };
	int arr[3] = { 1, 0, -2 }, grid[6] = { 1, 2, 3, 0, 0, 6 };
	__u64 e64 = 0xfedcba9876543210ULL;
	double dbl = -2.5;
	float f = 1.5f;

	memset(value, 0, sizeof(value));
	put(0, &bits, 2);
	value[2] = 0xfe;			/* sc = -2 */
	value[3] = 200;				/* uc */
	put(4, &(short){ -300 }, 2);
	put(6, &(unsigned short){ 60000 }, 2);
	put(8, &(int){ 42 }, 4);
	put(12, "abcd", 4);
	put(16, arr, sizeof(arr));
	put(28, &f, 4);
	put(32, &(__u64){ 0x1000 }, 8);
	put(40, &(long long){ -1234567890123LL }, 8);
	put(48, &(__u64){ 18446744073709551615ULL }, 8);
	put(56, &dbl, 8);
	put(64, big, 16);
	put(80, &e64, 8);
	put(88, &(int){ 7 }, 4);
	put(92, &(int){ -8 }, 4);
	put(96, &(short){ -1 }, 2);
	put(98, &(unsigned short){ 2 }, 2);
	value[100] = 1;
	put(104, &(int){ -1 }, 4);
	put(108, grid, sizeof(grid));
}

static void dump(struct btf_dump *d, const char *name, int id, size_t size,
		 const struct btf_dump_type_data_opts *opts)
{
	int ret;

	printf("== %s ==\n", name);
	ret = btf_dump__dump_type_data(d, id, value, size, opts);
	printf("\n-> %d\n", ret);
}

static void dump_all_opts(struct btf_dump *d, const char *name, int id, size_t size)
{
	LIBBPF_OPTS(btf_dump_type_data_opts, compact, .compact = true);
	LIBBPF_OPTS(btf_dump_type_data_opts, skip, .skip_names = true);
	LIBBPF_OPTS(btf_dump_type_data_opts, zeroes, .emit_zeroes = true);
	LIBBPF_OPTS(btf_dump_type_data_opts, indent, .indent_str = "  ", .indent_level = 2);
	LIBBPF_OPTS(btf_dump_type_data_opts, all, .compact = true, .skip_names = true,
		    .emit_zeroes = true);
	char label[128];

	dump(d, name, id, size, NULL);
	snprintf(label, sizeof(label), "%s compact", name);
	dump(d, label, id, size, &compact);
	snprintf(label, sizeof(label), "%s skip_names", name);
	dump(d, label, id, size, &skip);
	snprintf(label, sizeof(label), "%s emit_zeroes", name);
	dump(d, label, id, size, &zeroes);
	snprintf(label, sizeof(label), "%s indent", name);
	dump(d, label, id, size, &indent);
	snprintf(label, sizeof(label), "%s compact skip_names emit_zeroes", name);
	dump(d, label, id, size, &all);
}

/* Each scalar type alone, with the bytes 0x80 0xff ... */
static void dump_scalars(struct btf_dump *d, const struct ids *n)
{
	static const struct { const char *name; int off; } s[] = {
		{ "s8", offsetof(struct ids, s8) }, { "u8", offsetof(struct ids, u8) },
		{ "char", offsetof(struct ids, chr) }, { "s16", offsetof(struct ids, s16) },
		{ "u16", offsetof(struct ids, u16) }, { "s32", offsetof(struct ids, s32) },
		{ "u32", offsetof(struct ids, u32) }, { "s64", offsetof(struct ids, s64) },
		{ "u64", offsetof(struct ids, u64) }, { "u128", offsetof(struct ids, u128) },
		{ "bool", offsetof(struct ids, boolean) }, { "ptr", offsetof(struct ids, ptr) },
		{ "enum", offsetof(struct ids, en) }, { "enum64", offsetof(struct ids, en64) },
		{ "typedef", offsetof(struct ids, myint) }, { "const", offsetof(struct ids, cv) },
	};
	long double ld = 3.25L;
	unsigned int i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		int id = *(const int *)((const char *)n + s[i].off);

		memset(value, 0, sizeof(value));
		value[0] = 0x80;
		memset(value + 1, 0xff, 15);
		dump_all_opts(d, s[i].name, id, 16);
		memset(value, 0, sizeof(value));
		dump(d, s[i].name, id, 16, NULL);
	}
	memset(value, 0, sizeof(value));
	put(0, &(float){ -0.125f }, 4);
	dump(d, "float", n->flt, 4, NULL);
	put(0, &(double){ 1e10 }, 8);
	dump(d, "double", n->dbl, 8, NULL);
	put(0, &ld, sizeof(ld));
	dump(d, "long double", n->ldbl, 16, NULL);
	memset(value, 0, sizeof(value));
	put(0, &(int){ 7 }, 4);
	dump(d, "enum value", n->en, 4, NULL);
	put(0, &(int){ 5 }, 4);
	dump(d, "enum without name", n->en, 4, NULL);
	put(0, &(int){ -1 }, 4);
	dump(d, "signed enum", n->en_signed, 4, NULL);
	put(0, &(int){ -5 }, 4);
	dump(d, "signed enum without name", n->en_signed, 4, NULL);
	put(0, &(__u64){ 0xfedcba9876543210ULL }, 8);
	dump(d, "enum64 value", n->en64, 8, NULL);
	put(0, "wxyz", 4);
	dump_all_opts(d, "char[4]", n->chars4, 4);
}

int main(void)
{
	struct btf *btf = btf__new_empty();
	struct btf_dump *d;
	struct ids n;

	build(btf, &n);
	d = btf_dump__new(btf, print_cb, NULL, NULL);
	if (!d) {
		fprintf(stderr, "btf_dump__new: %s\n", strerror(errno));
		return 1;
	}
	dump_scalars(d, &n);

	fill_outer();
	dump_all_opts(d, "outer", n.outer, 136);
	/* not with emit_zeroes: libbpf 1.6 changed how a zeroed char array prints */
	memset(value, 0, sizeof(value));
	dump(d, "outer zeroed", n.outer, 136, NULL);

	memset(value, 0, sizeof(value));
	put(4, &(int){ 9 }, 4);
	dump_all_opts(d, "zero_first", n.zero_first, 8);
	put(0, &(int){ 3 }, 4);
	dump_all_opts(d, "grid", n.ints2x3, 24);
	dump_all_opts(d, "union", n.uni, 4);
	put(0, &(int){ 0x00020001 }, 4);
	dump_all_opts(d, "anonymous struct", n.anon, 4);
	put(0, &(int){ 11 }, 4);
	put(4, &(int){ 12 }, 4);
	dump_all_opts(d, "var", n.var, 4);
	dump_all_opts(d, "datasec", n.sec, 8);

	/* data shorter than the type */
	fill_outer();
	dump(d, "int short", n.s32, 3, NULL);
	dump(d, "outer short", n.outer, 20, NULL);
	dump(d, "outer empty", n.outer, 0, NULL);
	dump(d, "bad id", 9999, 8, NULL);

	btf_dump__free(d);
	btf__free(btf);
	return 0;
}
