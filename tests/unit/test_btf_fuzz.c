// SPDX-License-Identifier: BSD-2-Clause
/*
 * Mutation tests: thousands of corrupted variants of a BTF blob that uses
 * every kind go through the parser and, when accepted, through every
 * consumer (raw text and JSON dump, C header, layout queries). Run under
 * AddressSanitizer and UndefinedBehaviorSanitizer (make SANITIZE=1 check),
 * any out-of-bounds access or overflow aborts the test.
 */
#include <errno.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "c_header.h"
#include "json_writer.h"
#include "raw_dump.h"
#include "unit.h"

#define MUTATIONS 3000

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* A blob with every kind of type, including the awkward cases. */
static void *every_kind_btf(__u32 *size)
{
	struct btf_builder b;
	__u32 i, c, s, u, p, fp, arr, e;
	void *raw;

	bb_init(&b);
	i = bb_int(&b, "int", 4, BTF_INT_SIGNED);			/* 1 */
	c = bb_int(&b, "char", 1, BTF_INT_SIGNED);			/* 2 */
	s = bb_type(&b, BTF_KIND_STRUCT, "s", 4, true, 16);		/* 3 */
	bb_member(&b, "a", i, 0);
	bb_member(&b, "bf", i, 3u << 24 | 32);
	bb_member(&b, "", 7, 64);
	bb_member(&b, "tail", 5, 128);
	u = bb_type(&b, BTF_KIND_UNION, "", 2, false, 4);		/* 4 */
	bb_member(&b, "x", i, 0);
	bb_member(&b, "y", c, 0);
	arr = bb_type(&b, BTF_KIND_ARRAY, "", 0, false, 0);		/* 5 */
	bb_u32(&b, c);
	bb_u32(&b, i);
	bb_u32(&b, 4);
	e = bb_type(&b, BTF_KIND_ENUM, "e", 2, true, 1);		/* 6 */
	bb_u32(&b, bb_str(&b, "E_A"));
	bb_u32(&b, -1);
	bb_u32(&b, bb_str(&b, "E_B"));
	bb_u32(&b, 1);
	bb_type(&b, BTF_KIND_PTR, "", 0, false, u);			/* 7 */
	fp = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 3, false, i);		/* 8 */
	bb_u32(&b, bb_str(&b, "p"));
	bb_u32(&b, 7);
	bb_u32(&b, bb_str(&b, "q"));
	bb_u32(&b, s);
	bb_u32(&b, 0);
	bb_u32(&b, 0);
	p = bb_type(&b, BTF_KIND_PTR, "", 0, false, fp);		/* 9 */
	bb_type(&b, BTF_KIND_TYPEDEF, "fn_t", 0, false, p);		/* 10 */
	bb_type(&b, BTF_KIND_FUNC, "f", 0, false, fp);			/* 11 */
	bb_type(&b, BTF_KIND_VAR, "v", 0, false, s);			/* 12 */
	bb_u32(&b, BTF_VAR_GLOBAL_ALLOCATED);
	bb_type(&b, BTF_KIND_DATASEC, ".data", 1, false, 16);		/* 13 */
	bb_u32(&b, 12);
	bb_u32(&b, 0);
	bb_u32(&b, 16);
	bb_type(&b, BTF_KIND_DECL_TAG, "bpf_kfunc", 0, false, 11);	/* 14 */
	bb_u32(&b, -1);
	bb_type(&b, BTF_KIND_TYPE_TAG, "user", 0, false, c);		/* 15 */
	bb_type(&b, BTF_KIND_FLOAT, "double", 0, false, 8);		/* 16 */
	bb_type(&b, BTF_KIND_FWD, "later", 0, true, 0);			/* 17 */
	bb_type(&b, BTF_KIND_CONST, "", 0, false, 15);			/* 18 */
	bb_type(&b, BTF_KIND_VOLATILE, "", 0, false, 18);		/* 19 */
	bb_type(&b, BTF_KIND_RESTRICT, "", 0, false, 9);		/* 20 */
	bb_type(&b, BTF_KIND_ENUM64, "big", 1, false, 8);		/* 21 */
	bb_u32(&b, bb_str(&b, "BIG"));
	bb_u32(&b, 1);
	bb_u32(&b, 2);
	bb_type(&b, BTF_KIND_STRUCT, "packed", 2, false, 5);		/* 22 */
	bb_member(&b, "c", c, 0);
	bb_member(&b, "i", i, 8);
	(void)e;
	(void)arr;
	raw = bb_finish(&b, size);
	bb_free(&b);
	return raw;
}

static __u64 rng_state;

static __u32 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Run every consumer over an accepted BTF; returns 0 if all behaved. */
static int consume(const struct btf *btf, FILE *sink)
{
	struct json_writer *jw = jsonw_new(sink);
	__u32 id, cnt = btf__type_cnt(btf);

	btf_raw_dump(btf, sink, NULL, NULL, 0);
	btf_raw_dump(btf, sink, jw, NULL, 0);
	jsonw_destroy(jw);
	btf_c_header_write(btf, sink, NULL, 0, true);
	btf_c_header_write(btf, sink, NULL, 0, false);
	for (id = 0; id < cnt; id++) {
		btf__resolve_size(btf, id);
		btf__resolve_type(btf, id);
		btf__align_of(btf, id);
	}
	return 0;
}

static void test_intact(const void *raw, __u32 size, FILE *sink)
{
	struct btf *btf = btf__new(raw, size);

	CHECK(btf && btf__type_cnt(btf) == 23, "the every-kind blob parses (%s)",
	      btf ? "ok" : strerror(errno));
	CHECK(btf && btf_c_header_write(btf, sink, NULL, 0, true) == 0,
	      "its C header is written");
	btf__free(btf);
}

static void test_truncations(const char *raw, __u32 size, FILE *sink)
{
	__u32 len, accepted = 0;
	struct btf *btf;

	for (len = 0; len < size; len++) {
		btf = btf__new(raw, len);
		if (btf) {
			accepted++;
			consume(btf, sink);
		}
		btf__free(btf);
	}
	CHECK(accepted == 0, "every truncation of the blob is refused (%u accepted)", accepted);
}

static void test_mutations(const char *raw, __u32 size, FILE *sink)
{
	__u32 n, k, flips, accepted = 0;
	char *copy = malloc(size);
	struct btf *btf;

	for (n = 0; n < MUTATIONS; n++) {
		rng_state = 0x9e3779b97f4a7c15ULL ^ n;
		memcpy(copy, raw, size);
		flips = 1 + rng() % 4;
		for (k = 0; k < flips; k++)
			copy[rng() % size] ^= 1 << (rng() % 8);
		btf = btf__new(copy, size);
		if (btf) {
			accepted++;
			consume(btf, sink);
		}
		btf__free(btf);
	}
	free(copy);
	CHECK(1, "%d mutated blobs handled without a crash (%u parsed, %u refused)",
	      MUTATIONS, accepted, MUTATIONS - accepted);
}

int main(void)
{
	FILE *sink = fopen("/dev/null", "w");
	__u32 size;
	char *raw = every_kind_btf(&size);

	libbpf_set_print(quiet_print);
	test_intact(raw, size, sink);
	test_truncations(raw, size, sink);
	test_mutations(raw, size, sink);
	free(raw);
	fclose(sink);
	return unit_done();
}
