// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of BTF parsing, validation, lookup and layout: the fixture
 * kernel BTF, split BTF, and malformed blobs that must be refused cleanly.
 */
#include <errno.h>
#include <stdint.h>
#include <zlib.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "unit.h"

static char last_warning[512];

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		vsnprintf(last_warning, sizeof(last_warning), fmt, ap);
	return 0;
}

/* Parse a blob and expect failure with EINVAL and a warning containing what. */
static void expect_reject(const void *raw, __u32 size, const char *what, const char *desc)
{
	struct btf *btf;

	last_warning[0] = '\0';
	btf = btf__new(raw, size);
	CHECK(!btf && errno == EINVAL && strstr(last_warning, what),
	      "rejects %s (\"%.*s\")", desc, (int)strcspn(last_warning, "\n"), last_warning);
	btf__free(btf);
}

static void test_fixture(void)
{
	size_t size = 0;
	__u32 task;
	void *raw = gunzip_file(UNIT_FIXTURE("vmlinux.btf.gz"), &size);
	struct btf *btf;

	if (!CHECK(raw, "fixture vmlinux.btf.gz decompresses"))
		return;
	btf = btf__new(raw, size);
	free(raw);
	if (!CHECK(btf, "fixture kernel BTF parses"))
		return;
	CHECK(btf__type_cnt(btf) == 126611, "fixture has 126611 types (got %u)", btf__type_cnt(btf));
	CHECK(btf__pointer_size(btf) == 8, "pointer size is 8");
	task = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	CHECK(task == 114, "task_struct is [114] (got %u)", task);
	CHECK(btf__resolve_size(btf, task) == 3264, "sizeof(task_struct) is 3264");
	CHECK(btf__align_of(btf, task) == 8, "task_struct aligns to 8");
	CHECK(btf__find_by_name(btf, "task_struct") == 114, "find_by_name finds task_struct");
	CHECK(btf__find_by_name_kind(btf, "task_struct", BTF_KIND_UNION) == -ENOENT,
	      "no union task_struct");
	CHECK(btf__find_by_name_kind(btf, "void", BTF_KIND_UNKN) == 0, "void is id 0");
	CHECK(btf__type_by_id(btf, 126611) == NULL && errno == EINVAL, "id past the end is NULL");
	CHECK(!strcmp(btf__name_by_offset(btf, 0), ""), "name offset 0 is the empty string");
	btf__free(btf);
}

static void *small_btf(__u32 *size)
{
	struct btf_builder b;
	__u32 i, s;
	void *raw;

	bb_init(&b);
	i = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	s = bb_type(&b, BTF_KIND_STRUCT, "pair", 2, false, 8);
	bb_member(&b, "a", i, 0);
	bb_member(&b, "b", i, 32);
	bb_type(&b, BTF_KIND_PTR, "", 0, false, s);
	raw = bb_finish(&b, size);
	bb_free(&b);
	return raw;
}

static void test_small_and_split(void)
{
	struct btf *base, *split;
	struct btf_builder b;
	__u32 size, ssize, id;
	void *raw, *sraw;

	raw = small_btf(&size);
	base = btf__new(raw, size);
	CHECK(base && btf__type_cnt(base) == 4, "small BTF has 3 types plus void");
	CHECK(base && btf__resolve_size(base, 2) == 8 && btf__align_of(base, 2) == 4,
	      "struct pair is 8 bytes aligned to 4");

	/* split BTF: ids continue after the base and may refer to base types */
	bb_init(&b);
	bb_type(&b, BTF_KIND_PTR, "", 0, false, 2);
	id = bb_type(&b, BTF_KIND_PTR, "", 0, false, 4);
	sraw = bb_finish(&b, &ssize);
	bb_free(&b);
	/* no strings of its own: names come from the base */
	((struct btf_header *)sraw)->str_len = 0;
	split = base ? btf__new_split(sraw, ssize, base) : NULL;
	CHECK(split && btf__type_cnt(split) == 6 && btf__type_by_id(split, 5)->type == 4,
	      "split BTF continues at id 4");
	CHECK(id == 2 && split && btf__resolve_size(split, 4) == 8,
	      "split BTF resolves sizes through the base");
	free(sraw);
	btf__free(split);
	btf__free(base);
	free(raw);
}

static void test_split_names(void)
{
	struct btf *base, *split;
	struct btf_builder b;
	__u32 size, ssize;
	void *raw, *sraw;

	raw = small_btf(&size);
	base = btf__new(raw, size);
	bb_init(&b);
	/* a split string section has no leading "": its first string is "q" */
	b.strs_len = 0;
	bb_str(&b, "q");
	bb_type(&b, BTF_KIND_TYPEDEF, "", 0, false, 2);
	sraw = bb_finish(&b, &ssize);
	bb_free(&b);
	/* make the typedef's name point at our own first string "q" */
	((__u32 *)((char *)sraw + sizeof(struct btf_header)))[0] =
		((struct btf_header *)raw)->str_len;
	split = btf__new_split(sraw, ssize, base);
	CHECK(split && !strcmp(btf__name_by_offset(split, btf__type_by_id(split, 4)->name_off),
			       "q"), "split BTF names its types from its own strings");
	CHECK(split && btf__find_by_name_kind(split, "pair", BTF_KIND_STRUCT) == 2,
	      "split BTF finds base types by name");
	btf__free(split);
	btf__free(base);
	free(sraw);
	free(raw);
}

static void test_bad_headers(void)
{
	__u32 size, cut;
	char *raw = small_btf(&size), *copy = malloc(size);
	struct btf_header *hdr = (struct btf_header *)copy;

	for (cut = 0; cut < sizeof(struct btf_header); cut += 7)
		expect_reject(raw, cut, "shorter than", "a blob shorter than the header");
	expect_reject(raw, size - 6, "run past the end", "a blob cut in its strings");

	memcpy(copy, raw, size);
	hdr->magic = 0x1234;
	expect_reject(copy, size, "bad BTF magic", "a bad magic");
	hdr->magic = __builtin_bswap16(BTF_MAGIC);
	expect_reject(copy, size, "header length",
		      "the other byte order's magic on a header of this order");
	memcpy(copy, raw, size);
	hdr->version = 2;
	expect_reject(copy, size, "version", "an unknown version");
	memcpy(copy, raw, size);
	hdr->hdr_len = size + 1;
	expect_reject(copy, size, "header length", "a header longer than the blob");
	memcpy(copy, raw, size);
	hdr->str_off = 0xfffffff0;
	expect_reject(copy, size, "run past the end", "a string offset past the end");
	memcpy(copy, raw, size);
	hdr->type_off = 2;
	expect_reject(copy, size, "aligned", "a misaligned type section");
	memcpy(copy, raw, size);
	copy[size - 1] = 'x';
	expect_reject(copy, size, "NUL-terminated", "strings without a final NUL");
	memcpy(copy, raw, size);
	hdr->type_len -= 4;
	expect_reject(copy, size, "truncated", "a type section cut mid-type");
	free(copy);
	free(raw);
}

/*
 * A header longer than struct btf_header (zero bytes past it), and not a
 * multiple of 4 long: the kernel and libbpf take it, and so does the
 * parser, though the types then start at an odd offset of the blob.
 */
static void test_long_unaligned_header(void)
{
	__u32 size, pad;
	char *raw = small_btf(&size), *copy = calloc(1, size + 3);
	struct btf_header *hdr = (struct btf_header *)copy;
	const struct btf_type *t;
	struct btf *btf;

	for (pad = 1; pad <= 3; pad++) {
		memcpy(copy, raw, sizeof(*hdr));
		memset(copy + sizeof(*hdr), 0, pad);
		memcpy(copy + sizeof(*hdr) + pad, raw + sizeof(*hdr), size - sizeof(*hdr));
		hdr->hdr_len = sizeof(*hdr) + pad;
		btf = btf__new(copy, size + pad);
		t = btf ? btf__type_by_id(btf, 2) : NULL;
		CHECK(t && btf_is_struct(t) && ((uintptr_t)t & 3) == 0 &&
		      btf__resolve_size(btf, 2) == 8,
		      "a %u-byte header is accepted, types read aligned", (unsigned)sizeof(*hdr) + pad);
		btf__free(btf);
	}
	free(copy);
	free(raw);
}

static void expect_reject_built(struct btf_builder *b, const char *what, const char *desc)
{
	__u32 size;
	void *raw = bb_finish(b, &size);

	expect_reject(raw, size, what, desc);
	free(raw);
	bb_free(b);
}

static void test_bad_types(void)
{
	struct btf_builder b;
	__u32 i, id;

	bb_init(&b);
	bb_type(&b, BTF_KIND_PTR, "", 0, false, 7);
	expect_reject_built(&b, "past the last type", "a reference past the last type");

	bb_init(&b);
	bb_u32(&b, 0);
	bb_u32(&b, BTF_INFO_ENC(31, 0, 0));
	bb_u32(&b, 0);
	expect_reject_built(&b, "unknown kind", "an unknown kind");

	bb_init(&b);
	bb_type(&b, BTF_KIND_STRUCT, "big", 0xffff, false, 4);
	expect_reject_built(&b, "needs", "a vlen past the end of the types");

	bb_init(&b);
	bb_type(&b, BTF_KIND_TYPEDEF, "a", 0, false, 1);
	expect_reject_built(&b, "reference loop", "a typedef of itself");

	bb_init(&b);
	bb_type(&b, BTF_KIND_CONST, "", 0, false, 2);
	bb_type(&b, BTF_KIND_VOLATILE, "", 0, false, 3);
	bb_type(&b, BTF_KIND_PTR, "", 0, false, 1);
	expect_reject_built(&b, "reference loop", "a const->volatile->ptr loop");

	bb_init(&b);
	bb_type(&b, BTF_KIND_FUNC_PROTO, "", 1, false, 0);
	bb_u32(&b, 0);
	bb_u32(&b, 2);
	bb_type(&b, BTF_KIND_PTR, "", 0, false, 1);
	expect_reject_built(&b, "reference loop", "a function taking a pointer to itself");

	bb_init(&b);
	for (i = 1; i <= 100; i++)
		bb_type(&b, BTF_KIND_PTR, "", 0, false, i + 1);
	bb_int(&b, "int", 4, BTF_INT_SIGNED);
	expect_reject_built(&b, "deeper than", "a 100-deep pointer chain");

	bb_init(&b);
	id = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	bb_type(&b, BTF_KIND_STRUCT, "s", 1, false, 4);
	bb_member(&b, "x", id, 0);
	b.types[b.types_len - 3] = 0xffffff;
	expect_reject_built(&b, "past the string section", "a member name past the strings");

	bb_init(&b);
	bb_type(&b, BTF_KIND_INT, "odd", 0, false, 3);
	bb_u32(&b, BTF_INT_ENC(0, 4, 24));
	expect_reject_built(&b, "bits do not fit", "a 3-byte int of 24 bits at bit 4");

	bb_init(&b);
	bb_type(&b, BTF_KIND_INT, "wide", 0, false, 32);
	bb_u32(&b, BTF_INT_ENC(0, 8, 121));
	expect_reject_built(&b, "exceed 128 bits", "an int of 121 bits at bit 8");

	bb_init(&b);
	bb_type(&b, BTF_KIND_ENUM, "e", 1, false, 0);
	bb_u32(&b, bb_str(&b, "A"));
	bb_u32(&b, 1);
	expect_reject_built(&b, "size is 0 but it has 1 enumerators",
			    "an enum of size 0 with an enumerator");

	bb_init(&b);
	bb_type(&b, BTF_KIND_ENUM64, "e", 0, true, 3);
	expect_reject_built(&b, "size 3 is not 1, 2, 4 or 8", "an enum64 of size 3");

	bb_init(&b);
	bb_type(&b, BTF_KIND_ENUM, "e", 0, false, 16);
	expect_reject_built(&b, "size 16 is not 1, 2, 4 or 8", "an enum of size 16");

	bb_init(&b);
	bb_type(&b, BTF_KIND_FLOAT, "f", 0, false, 6);
	expect_reject_built(&b, "size is not 2, 4, 8, 12 or 16", "a float of size 6");

	bb_init(&b);
	bb_type(&b, BTF_KIND_FUNC, "f", 0, false, 0);
	expect_reject_built(&b, "refers to void", "a function without a prototype");
}

/* Parse a blob built by b; expect success. */
static struct btf *expect_accept_built(struct btf_builder *b, const char *desc)
{
	struct btf *btf;
	__u32 size;
	void *raw = bb_finish(b, &size);

	last_warning[0] = '\0';
	btf = btf__new(raw, size);
	CHECK(btf, "accepts %s (\"%.*s\")", desc, (int)strcspn(last_warning, "\n"),
	      last_warning);
	free(raw);
	bb_free(b);
	return btf;
}

/* Encodings that compilers emit, or the kernel accepts, that once were refused. */
static void test_lenient_types(void)
{
	struct btf_builder b;
	struct btf *btf;
	__u32 id;

	/* clang's enum later_defined; used only through a pointer */
	bb_init(&b);
	id = bb_type(&b, BTF_KIND_ENUM, "later_defined", 0, false, 0);
	bb_ref(&b, BTF_KIND_PTR, "", id);
	bb_type(&b, BTF_KIND_ENUM, "signed_fwd", 0, true, 0);
	bb_type(&b, BTF_KIND_ENUM64, "fwd64", 0, true, 0);
	btf = expect_accept_built(&b, "forward-declared ENUM and ENUM64 (size 0, vlen 0)");
	CHECK(btf && btf__resolve_size(btf, 1) == 0, "a forward enum has size 0");
	btf__free(btf);

	/* the kernel only asks that the bits fit */
	bb_init(&b);
	bb_type(&b, BTF_KIND_INT, "u24", 0, false, 3);
	bb_u32(&b, BTF_INT_ENC(0, 0, 24));
	bb_type(&b, BTF_KIND_INT, "pad", 0, false, 32);
	bb_u32(&b, BTF_INT_ENC(BTF_INT_SIGNED, 8, 120));
	btf = expect_accept_built(&b, "a 3-byte int and a 32-byte int of 120 bits");
	CHECK(btf && btf__resolve_size(btf, 1) == 3, "the 3-byte int has size 3");
	btf__free(btf);
}

static void test_embedding_cycle_align(void)
{
	struct btf_builder b;
	struct btf *btf;
	__u32 size;
	void *raw;

	/* struct A { struct B b; }; struct B { struct A a; }: no C compiler accepts it */
	bb_init(&b);
	bb_type(&b, BTF_KIND_STRUCT, "A", 1, false, 4);
	bb_member(&b, "b", 2, 0);
	bb_type(&b, BTF_KIND_STRUCT, "B", 1, false, 4);
	bb_member(&b, "a", 1, 0);
	raw = bb_finish(&b, &size);
	bb_free(&b);
	last_warning[0] = '\0';
	btf = btf__new(raw, size);
	CHECK(!btf && errno == EINVAL && strstr(last_warning, "contains itself"),
	      "mutually embedding structs are refused (\"%.*s\")",
	      (int)strcspn(last_warning, "\n"), last_warning);
	btf__free(btf);
	free(raw);
}

static void test_empty(void)
{
	struct btf *btf = btf__new_empty();

	CHECK(btf && btf__type_cnt(btf) == 1, "empty BTF holds only void");
	btf__free(btf);
	CHECK(!btf__parse("/nonexistent/file", NULL) && errno == ENOENT,
	      "missing file gives ENOENT");
	CHECK(!btf__parse("/", NULL) && errno == EISDIR, "a directory gives EISDIR");
}

int main(void)
{
	libbpf_set_print(capture_print);
	test_fixture();
	test_small_and_split();
	test_split_names();
	test_bad_headers();
	test_long_unaligned_header();
	test_bad_types();
	test_lenient_types();
	test_embedding_cycle_align();
	test_empty();
	return unit_done();
}
