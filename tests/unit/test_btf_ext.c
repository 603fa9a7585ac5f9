// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of .BTF.ext parsing: a well-formed blob with all three kinds
 * of records read back exactly, then hostile blobs (truncated, misaligned,
 * bad sizes, offsets past the data or the strings, bad type ids) that must
 * be refused with EINVAL and a warning naming the problem.
 */
#include <errno.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_ext.h"
#include "unit.h"

static char last_warning[512];

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		vsnprintf(last_warning, sizeof(last_warning), fmt, ap);
	return 0;
}

/* Object BTF: int, a FUNC_PROTO, FUNC "prog" and a struct; names used by the records. */
struct fixture {
	struct btf *btf;
	__u32 sec_off, file_off, line_off, access_off, func_id, struct_id;
};

static bool fixture_init(struct fixture *f)
{
	struct btf_builder b;
	__u32 size, int_id, proto;
	void *raw;

	bb_init(&b);
	int_id = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	proto = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 0, false, int_id);
	f->func_id = bb_type(&b, BTF_KIND_FUNC, "prog", 0, false, proto);
	f->struct_id = bb_type(&b, BTF_KIND_STRUCT, "s", 1, false, 4);
	bb_member(&b, "a", int_id, 0);
	f->sec_off = bb_str(&b, "tc");
	f->file_off = bb_str(&b, "prog.bpf.c");
	f->line_off = bb_str(&b, "return 0;");
	f->access_off = bb_str(&b, "0:0");
	raw = bb_finish(&b, &size);
	f->btf = btf__new(raw, size);
	free(raw);
	bb_free(&b);
	return f->btf != NULL;
}

/* A .BTF.ext blob under construction, as 32-bit words. */
struct ext_blob {
	__u32 w[256];
	unsigned int n;
};

static void put(struct ext_blob *e, __u32 v)
{
	e->w[e->n++] = v;
}

/* Header then one section per kind: func_info (2 recs), line_info (1), core_relo (1). */
static void build_valid(struct ext_blob *e, const struct fixture *f)
{
	unsigned int fi, li, cr;

	e->n = 0;
	put(e, 0xeB9F | 1 << 16);	/* magic, version 1, flags 0 */
	put(e, 32);			/* hdr_len */
	put(e, 0);			/* func_info_off */
	put(e, 0);			/* func_info_len, set below */
	put(e, 0);
	put(e, 0);
	put(e, 0);
	put(e, 0);
	fi = e->n;
	put(e, 8);			/* rec_size */
	put(e, f->sec_off);
	put(e, 2);
	put(e, 0), put(e, f->func_id);
	put(e, 16), put(e, f->func_id);
	li = e->n;
	put(e, 16);
	put(e, f->sec_off);
	put(e, 1);
	put(e, 8), put(e, f->file_off), put(e, f->line_off), put(e, 3 << 10 | 5);
	cr = e->n;
	put(e, 16);
	put(e, f->sec_off);
	put(e, 1);
	put(e, 24), put(e, f->struct_id), put(e, f->access_off), put(e, BPF_CORE_FIELD_BYTE_OFFSET);
	e->w[2] = (fi - 8) * 4, e->w[3] = (li - fi) * 4;
	e->w[4] = (li - 8) * 4, e->w[5] = (cr - li) * 4;
	e->w[6] = (cr - 8) * 4, e->w[7] = (e->n - cr) * 4;
}

static void test_valid(const struct fixture *f)
{
	const struct bpf_line_info *li;
	const struct bpf_func_info *fi;
	const struct bpf_core_relo *cr;
	const struct btf_ext_sec *sec;
	struct ext_blob e;
	struct btf_ext *ext;

	build_valid(&e, f);
	ext = btf_ext_parse(e.w, e.n * 4, f->btf);
	if (!CHECK(ext, "valid .BTF.ext parses (%s)", last_warning))
		return;
	CHECK(btf_ext_sec_cnt(ext, BTF_EXT_FUNC_INFO) == 1 &&
	      btf_ext_sec_cnt(ext, BTF_EXT_LINE_INFO) == 1 &&
	      btf_ext_sec_cnt(ext, BTF_EXT_CORE_RELO) == 1, "one section of each kind");
	sec = btf_ext_find_sec(ext, BTF_EXT_FUNC_INFO, "tc");
	CHECK(sec && sec == btf_ext_sec(ext, BTF_EXT_FUNC_INFO, 0) && sec->rec_cnt == 2 &&
	      sec->rec_size == 8 && !strcmp(sec->sec_name, "tc"), "func_info of 'tc': 2 records");
	fi = sec ? btf_ext_rec(sec, 1) : NULL;
	CHECK(fi && fi->insn_off == 16 && fi->type_id == f->func_id, "second func_info record");
	sec = btf_ext_find_sec(ext, BTF_EXT_LINE_INFO, "tc");
	li = sec ? btf_ext_rec(sec, 0) : NULL;
	CHECK(li && li->insn_off == 8 && li->file_name_off == f->file_off &&
	      li->line_col == (3 << 10 | 5), "line_info record");
	sec = btf_ext_find_sec(ext, BTF_EXT_CORE_RELO, "tc");
	cr = sec ? btf_ext_rec(sec, 0) : NULL;
	CHECK(cr && cr->insn_off == 24 && cr->type_id == f->struct_id &&
	      cr->kind == BPF_CORE_FIELD_BYTE_OFFSET, "core_relo record");
	CHECK(!btf_ext_find_sec(ext, BTF_EXT_CORE_RELO, "xdp"), "no records for another section");
	CHECK(!btf_ext_sec(ext, BTF_EXT_CORE_RELO, 1), "section index past the count is NULL");
	CHECK(btf_ext_sec_cnt(NULL, BTF_EXT_FUNC_INFO) == 0, "NULL ext has no sections");
	btf_ext_free(ext);

	/* an old header without CO-RE fields: 24 bytes, areas shifted accordingly */
	build_valid(&e, f);
	e.w[1] = 24;
	memmove(&e.w[6], &e.w[8], (e.n - 8) * 4);
	e.n -= 2;
	ext = btf_ext_parse(e.w, e.n * 4, f->btf);
	CHECK(ext && btf_ext_sec_cnt(ext, BTF_EXT_CORE_RELO) == 0 &&
	      btf_ext_sec_cnt(ext, BTF_EXT_LINE_INFO) == 1,
	      "24-byte header: func and line info, no CO-RE (%s)", last_warning);
	btf_ext_free(ext);

	/* larger records than the UAPI struct are accepted, with their stride */
	build_valid(&e, f);
	e.w[(e.w[6] + 32) / 4] = 20;
	e.w[7] += 4;
	e.w[e.n++] = 0;
	ext = btf_ext_parse(e.w, e.n * 4, f->btf);
	sec = ext ? btf_ext_find_sec(ext, BTF_EXT_CORE_RELO, "tc") : NULL;
	CHECK(sec && sec->rec_size == 20, "20-byte CO-RE records accepted (%s)", last_warning);
	btf_ext_free(ext);
}

typedef void (*mutate_fn)(struct ext_blob *e, const struct fixture *f);

static void expect_reject(const struct fixture *f, mutate_fn mutate, size_t size_cut,
			  const char *what, const char *desc)
{
	struct ext_blob e;
	struct btf_ext *ext;
	size_t size;

	build_valid(&e, f);
	if (mutate)
		mutate(&e, f);
	size = e.n * 4 - size_cut;
	last_warning[0] = '\0';
	errno = 0;
	ext = btf_ext_parse(e.w, size, f->btf);
	CHECK(!ext && (errno == EINVAL || errno == ENOTSUP) && strstr(last_warning, what),
	      "rejects %s (\"%.*s\")", desc, (int)strcspn(last_warning, "\n"), last_warning);
	btf_ext_free(ext);
}

/* Word index of field i of the first record of the area whose offset is header word w. */
#define REC(e, hw, i) ((e)->w[((e)->w[hw] + 32) / 4 + 3 + (i)])
#define AREA(e, hw, i) ((e)->w[((e)->w[hw] + 32) / 4 + (i)])

static void bad_magic(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[0] = 0x9FeB | 1 << 16;
}

static void bad_version(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[0] = 0xeB9F | 2 << 16;
}

static void hdr_len_big(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[1] = 4096;
}

static void hdr_len_small(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[1] = 8;
}

static void func_unaligned(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[2] += 2;
}

static void line_past_end(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[5] += 4096;
}

static void core_len_huge(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[7] = 0xfffffff0;
}

static void rec_size_small(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	AREA(e, 4, 0) = 12;
}

static void rec_size_odd(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	AREA(e, 2, 0) = 10;
}

static void no_rec_size(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[3] = 2;
}

static void zero_records(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	AREA(e, 2, 2) = 0;
}

static void too_many_records(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	AREA(e, 6, 2) = 0x40000000;
}

static void sec_name_past(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	AREA(e, 4, 1) = 100000;
}

static void sec_name_empty(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	AREA(e, 6, 1) = 0;
}

static void trailing_bytes(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	e->w[3] += 4;	/* func_info area now ends inside line_info's rec_size word */
}

static void insn_off_odd(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	REC(e, 4, 0) = 12;
}

static void func_not_func(struct ext_blob *e, const struct fixture *f)
{
	REC(e, 2, 1) = f->struct_id;
}

static void func_id_range(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	REC(e, 2, 1) = 99;
}

static void line_file_past(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	REC(e, 4, 1) = 0x7fffffff;
}

static void relo_type_range(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	REC(e, 6, 1) = 5000;
}

static void relo_access_past(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	REC(e, 6, 2) = 0xffffff00;
}

static void relo_kind_bad(struct ext_blob *e, const struct fixture *f)
{
	(void)f;
	REC(e, 6, 3) = 13;
}

/* Two core_relo blocks for section "tc". */
static void duplicate_sec(struct ext_blob *e, const struct fixture *f)
{
	unsigned int start = (e->w[6] + 32) / 4 + 1, i;

	(void)f;
	for (i = 0; i < 6; i++)
		e->w[e->n + i] = e->w[start + i];
	e->n += 6;
	e->w[7] += 24;
}

static void test_hostile(const struct fixture *f)
{
	struct ext_blob e;
	unsigned int cut;

	build_valid(&e, f);
	for (cut = 1; cut < 8; cut++)
		expect_reject(f, NULL, e.n * 4 - cut * 3, "too short", "a truncated header");
	expect_reject(f, NULL, 4, "", "a blob cut inside the last record");
	expect_reject(f, bad_magic, 0, "header length",
		      "the other byte order's magic on a header of this order");
	expect_reject(f, bad_version, 0, "unsupported version 2", "version 2");
	expect_reject(f, hdr_len_big, 0, "header length 4096", "a header length past the end");
	expect_reject(f, hdr_len_small, 0, "header length 8", "a header length below 24");
	expect_reject(f, func_unaligned, 0, "not 4-byte aligned", "a misaligned area");
	expect_reject(f, line_past_end, 0, "runs past the end", "an area past the end");
	expect_reject(f, core_len_huge, 0, "runs past the end", "a 4G area length");
	expect_reject(f, rec_size_small, 0, "record size 12", "line_info records of 12 bytes");
	expect_reject(f, rec_size_odd, 0, "record size 10", "records of 10 bytes");
	expect_reject(f, no_rec_size, 0, "no record size", "an area of 2 bytes");
	expect_reject(f, zero_records, 0, "0 records", "a section with no records");
	expect_reject(f, too_many_records, 0, "do not fit", "a record count past the area");
	expect_reject(f, sec_name_past, 0, "past the strings", "a section name past the strings");
	expect_reject(f, sec_name_empty, 0, "empty string", "an empty section name");
	expect_reject(f, trailing_bytes, 0, "truncated", "4 stray bytes at an area's end");
	expect_reject(f, insn_off_odd, 0, "insn_off 12", "an insn_off inside an instruction");
	expect_reject(f, func_not_func, 0, "is not a FUNC", "func_info naming a struct");
	expect_reject(f, func_id_range, 0, "type id 99", "func_info type id past the types");
	expect_reject(f, line_file_past, 0, "file name offset", "line_info file past the strings");
	expect_reject(f, relo_type_range, 0, "type id 5000 out of range", "CO-RE type id past");
	expect_reject(f, relo_access_past, 0, "access string offset", "access string past");
	expect_reject(f, relo_kind_bad, 0, "unknown kind 13", "CO-RE kind 13");
	expect_reject(f, duplicate_sec, 0, "two blocks", "two blocks for one section");
}

/* Every length from 0 to the full blob, and every byte flipped: no crash, no leak. */
static void test_fuzz(const struct fixture *f)
{
	unsigned char buf[1024];
	struct ext_blob e;
	struct btf_ext *ext;
	size_t len, i;
	int bit, parsed = 0;

	build_valid(&e, f);
	for (len = 0; len <= e.n * 4; len++) {
		ext = btf_ext_parse(e.w, len, f->btf);
		parsed += ext != NULL;
		btf_ext_free(ext);
	}
	CHECK(parsed == 1, "of every prefix only the whole blob parses (%d)", parsed);
	for (i = 0; i < e.n * 4; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(buf, e.w, e.n * 4);
			buf[i] ^= 1 << bit;
			btf_ext_free(btf_ext_parse(buf, e.n * 4, f->btf));
		}
	}
	CHECK(true, "every single-bit flip of the blob is parsed or refused cleanly");
}

int main(void)
{
	struct fixture f;

	libbpf_set_print(capture_print);
	if (!CHECK(fixture_init(&f), "object BTF builds"))
		return unit_done();
	test_valid(&f);
	test_hostile(&f);
	test_fuzz(&f);
	btf__free(f.btf);
	return unit_done();
}
