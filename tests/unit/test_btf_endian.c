// SPDX-License-Identifier: BSD-2-Clause
/*
 * Byte order of raw BTF and .BTF.ext: data of the other order parses,
 * remembers its order and is written back in the order set; round trips
 * give back the original bytes.
 */
#include <errno.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_ext.h"
#include "unit.h"

static enum btf_endianness host_order(void)
{
	return __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? BTF_BIG_ENDIAN : BTF_LITTLE_ENDIAN;
}

static enum btf_endianness other_order(void)
{
	return host_order() == BTF_BIG_ENDIAN ? BTF_LITTLE_ENDIAN : BTF_BIG_ENDIAN;
}

static void *dup_raw(const struct btf *btf, __u32 *size)
{
	const void *raw = btf__raw_data(btf, size);
	void *copy = malloc(*size);

	memcpy(copy, raw, *size);
	return copy;
}

/* Every own type of a and b has the same bytes. */
static bool same_types(const struct btf *a, const struct btf *b)
{
	__u32 id, n = btf__type_cnt(a);
	const struct btf_type *ta, *tb;
	__u32 ia, ib;

	if (n != btf__type_cnt(b))
		return false;
	for (id = 1; id < n; id++) {
		ta = btf__type_by_id(a, id);
		tb = btf__type_by_id(b, id);
		if (memcmp(ta, tb, sizeof(*ta)))
			return false;
		if (strcmp(btf__name_by_offset(a, ta->name_off), btf__name_by_offset(b, tb->name_off)))
			return false;
		ia = btf_kind(ta) == BTF_KIND_INT ? *(const __u32 *)(ta + 1) : 0;
		ib = btf_kind(tb) == BTF_KIND_INT ? *(const __u32 *)(tb + 1) : 0;
		if (ia != ib)
			return false;
	}
	return true;
}

static void test_btf_round_trip(const char *what, struct btf *orig)
{
	__u32 size, swapped_size, size2;
	struct btf_header hdr, shdr;
	void *native, *swapped;
	const void *again;
	struct btf *back;
	const struct btf_type *t;
	__u32 info;

	native = dup_raw(orig, &size);
	CHECK(btf__endianness(orig) == host_order(), "%s: parsed in the host's order", what);
	CHECK(btf__set_endianness(orig, other_order()) == 0, "%s: set the other order", what);
	CHECK(btf__endianness(orig) == other_order(), "%s: reports the order set", what);
	swapped = dup_raw(orig, &swapped_size);
	memcpy(&hdr, native, sizeof(hdr));
	memcpy(&shdr, swapped, sizeof(shdr));
	CHECK(swapped_size == size && shdr.magic == __builtin_bswap16(BTF_MAGIC) &&
	      shdr.version == hdr.version && shdr.hdr_len == __builtin_bswap32(hdr.hdr_len) &&
	      shdr.type_len == __builtin_bswap32(hdr.type_len) &&
	      shdr.str_off == __builtin_bswap32(hdr.str_off) &&
	      shdr.str_len == __builtin_bswap32(hdr.str_len),
	      "%s: the other order's header has every field swapped", what);
	CHECK(!memcmp((char *)swapped + hdr.hdr_len + hdr.str_off,
		      (char *)native + hdr.hdr_len + hdr.str_off, hdr.str_len),
	      "%s: strings are bytes, left as they are", what);
	t = btf__type_by_id(orig, 1);
	memcpy(&info, (char *)swapped + hdr.hdr_len + hdr.type_off + 4, 4);
	CHECK(info == __builtin_bswap32(t->info), "%s: type [1]'s info word is swapped", what);

	errno = 0;
	back = btf__new(swapped, swapped_size);
	CHECK(back, "%s: the other order parses (%s)", what, back ? "" : strerror(errno));
	if (!back)
		goto out;
	CHECK(btf__endianness(back) == other_order(), "%s: and remembers its order", what);
	CHECK(same_types(orig, back), "%s: into the same types and names", what);
	again = btf__raw_data(back, &size2);
	CHECK(size2 == swapped_size && !memcmp(again, swapped, size2),
	      "%s: written back in its order, byte for byte", what);
	CHECK(btf__set_endianness(back, host_order()) == 0, "%s: set back to the host's", what);
	again = btf__raw_data(back, &size2);
	CHECK(size2 == size && !memcmp(again, native, size),
	      "%s: the host's order gives the original bytes", what);
	CHECK(btf__add_int(back, "added_int", 4, BTF_INT_SIGNED) > 0 &&
	      btf__set_endianness(back, other_order()) == 0 &&
	      (again = btf__raw_data(back, &size2)) && size2 > size &&
	      ((const struct btf_header *)again)->magic == __builtin_bswap16(BTF_MAGIC),
	      "%s: a modified BTF is written in the order set", what);
	btf__free(back);
out:
	free(native);
	free(swapped);
}

static void test_set_endianness_errors(void)
{
	struct btf *btf = btf__new_empty();

	errno = 0;
	CHECK(btf__set_endianness(btf, (enum btf_endianness)2) == -EINVAL && errno == EINVAL,
	      "btf__set_endianness: an unknown order is -EINVAL");
	CHECK(btf__endianness(btf) == host_order(), "btf__set_endianness: order kept on error");
	btf__free(btf);
}

static struct btf *built_btf(void)
{
	struct btf *btf = btf__new_empty();
	int i, s, e, p;

	i = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	s = btf__add_struct(btf, "pair", 8);
	btf__add_field(btf, "a", i, 0, 0);
	btf__add_field(btf, "b", i, 32, 3);
	e = btf__add_enum64(btf, "big", 8, false);
	btf__add_enum64_value(btf, "HUGE", 0x123456789abcdefULL);
	btf__add_array(btf, i, s, 4);
	p = btf__add_func_proto(btf, i);
	btf__add_func_param(btf, "x", e);
	btf__add_func(btf, "f", BTF_FUNC_GLOBAL, p);
	btf__add_decl_tag(btf, "tag", s, 1);
	btf__add_datasec(btf, ".data", 8);
	btf__add_datasec_var_info(btf, btf__add_var(btf, "v", BTF_VAR_GLOBAL_ALLOCATED, s), 0, 8);
	return btf;
}

static void test_split(struct btf *base)
{
	__u32 size, bsize;
	const void *raw;
	struct btf *split, *bsplit, *bbase;
	void *copy;

	split = btf__new_empty_split(base);
	btf__add_ptr(split, 1);
	btf__add_typedef(split, "pair_t", 2);
	copy = dup_raw(split, &size);
	btf__set_endianness(base, other_order());
	raw = btf__raw_data(base, &bsize);
	bbase = btf__new(raw, bsize);
	bsplit = btf__new_empty_split(bbase);
	CHECK(bsplit && btf__endianness(bsplit) == other_order(),
	      "split: an empty split BTF takes its base's order");
	btf__free(bsplit);
	btf__set_endianness(split, other_order());
	raw = btf__raw_data(split, &size);
	bsplit = btf__new_split(raw, size, bbase);
	CHECK(bsplit && btf__endianness(bsplit) == other_order() &&
	      btf__type_cnt(bsplit) == btf__type_cnt(split),
	      "split: split BTF of the other order parses on its base");
	btf__set_endianness(bsplit, host_order());
	raw = bsplit ? btf__raw_data(bsplit, &bsize) : NULL;
	CHECK(raw && bsize == size && !memcmp(raw, copy, size),
	      "split: and gives back the original bytes");
	btf__set_endianness(base, host_order());
	btf__free(bsplit);
	btf__free(bbase);
	btf__free(split);
	free(copy);
}

/* A .BTF.ext of all three kinds, one record each: 32-bit words after the header. */
static __u32 ext_words[] = {
	/* header: magic, version 1, flags 0; hdr_len; func (0, 20); line (20, 28); core (48, 28) */
	0, 32, 0, 20, 20, 28, 48, 28,
	/* func_info: rec_size, sec_name_off, num_info, insn_off, type_id */
	8, 1, 1, 0, 5,
	/* line_info: rec_size, sec, num, insn_off, file_name_off, line_off, line_col */
	16, 1, 1, 8, 3, 7, (12 << 10) | 4,
	/* core_relo: rec_size, sec, num, insn_off, type_id, access_str_off, kind */
	16, 1, 1, 16, 2, 9, 0,
};

static void test_btf_ext(void)
{
	__u32 n = sizeof(ext_words) / 4, i, size, size2;
	__u32 swapped[sizeof(ext_words) / 4];
	struct btf_ext *ext, *back;
	const void *raw;

	memcpy(ext_words, &(__u16){ 0xeB9F }, 2);
	((__u8 *)ext_words)[2] = 1;
	for (i = 0; i < n; i++)
		swapped[i] = __builtin_bswap32(ext_words[i]);
	/* the header's first word: a 16-bit magic and two bytes */
	memcpy(swapped, &(__u16){ 0x9FeB }, 2);
	memcpy((char *)swapped + 2, (char *)ext_words + 2, 2);

	ext = btf_ext__new((const __u8 *)ext_words, sizeof(ext_words));
	CHECK(ext && btf_ext__endianness(ext) == host_order(),
	      "btf_ext__new: parses .BTF.ext of the host's order without BTF");
	if (!ext)
		return;
	CHECK(btf_ext_sec_cnt(ext, BTF_EXT_FUNC_INFO) == 1 &&
	      btf_ext_sec(ext, BTF_EXT_CORE_RELO, 0)->rec_cnt == 1,
	      "btf_ext__new: finds the records of each kind");
	raw = btf_ext__raw_data(ext, &size);
	CHECK(raw && size == sizeof(ext_words) && !memcmp(raw, ext_words, size),
	      "btf_ext__raw_data: the bytes parsed");
	CHECK(btf_ext__set_endianness(ext, other_order()) == 0 &&
	      btf_ext__endianness(ext) == other_order(), "btf_ext__set_endianness: other order");
	raw = btf_ext__get_raw_data(ext, &size);
	CHECK(raw && size == sizeof(swapped) && !memcmp(raw, swapped, size),
	      "btf_ext__get_raw_data: header and every record field swapped");
	back = btf_ext__new(raw, size);
	CHECK(back && btf_ext__endianness(back) == other_order(),
	      "btf_ext__new: the other order parses and is remembered");
	if (back) {
		const struct bpf_line_info *li = btf_ext_rec(btf_ext_sec(back,
							      BTF_EXT_LINE_INFO, 0), 0);

		CHECK(li->insn_off == 8 && li->file_name_off == 3 && li->line_col == ((12 << 10) | 4),
		      "btf_ext__new: records of the other order read in the host's");
		raw = btf_ext__raw_data(back, &size2);
		CHECK(raw && size2 == size && !memcmp(raw, swapped, size),
		      "btf_ext__raw_data: written back in its order");
		btf_ext__set_endianness(back, host_order());
		raw = btf_ext__raw_data(back, &size2);
		CHECK(raw && size2 == size && !memcmp(raw, ext_words, size),
		      "btf_ext__raw_data: the host's order gives the original bytes");
	}
	errno = 0;
	CHECK(btf_ext__set_endianness(ext, (enum btf_endianness)7) == -EINVAL && errno == EINVAL,
	      "btf_ext__set_endianness: an unknown order is -EINVAL");
	btf_ext__free(back);
	btf_ext__free(ext);
	btf_ext__free(NULL);

	errno = 0;
	CHECK(!btf_ext__new((const __u8 *)ext_words, 20) && errno == EINVAL,
	      "btf_ext__new: a truncated header is EINVAL");
	errno = 0;
	CHECK(!btf_ext__new((const __u8 *)swapped, sizeof(swapped) - 4) && errno == EINVAL,
	      "btf_ext__new: truncated records of the other order are EINVAL");
}

int main(void)
{
	struct btf *btf;
	size_t size;
	void *raw;

	libbpf_set_print(NULL);
	btf = built_btf();
	test_btf_round_trip("built", btf);
	btf__set_endianness(btf, host_order());
	test_split(btf);
	btf__free(btf);

	raw = gunzip_file(UNIT_FIXTURE("vmlinux.btf.gz"), &size);
	btf = raw ? btf__new(raw, size) : NULL;
	CHECK(btf, "vmlinux fixture parses");
	if (btf)
		test_btf_round_trip("vmlinux", btf);
	btf__free(btf);
	free(raw);

	test_set_endianness_errors();
	test_btf_ext();
	return unit_done();
}
