// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_prog_linfo on a hand-made bpf_prog_info: two JITed functions, four
 * line records. Lookups by instruction and by address, skips, and the
 * malformed infos the index must refuse.
 */
#include <errno.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "unit.h"

static struct bpf_line_info lines[4] = {
	{ .insn_off = 0, .line_col = 10 << 10 },
	{ .insn_off = 2, .line_col = 11 << 10 },
	{ .insn_off = 5, .line_col = 12 << 10 },
	{ .insn_off = 7, .line_col = 20 << 10 },	/* the second function */
};
static __u64 addrs[4] = { 0x1000, 0x1010, 0x1020, 0x2000 };
static __u64 ksyms[2] = { 0x1000, 0x2000 };
static __u32 lens[2] = { 0x40, 0x20 };

static void info_init(struct bpf_prog_info *info)
{
	memset(info, 0, sizeof(*info));
	info->nr_line_info = 4;
	info->line_info_rec_size = sizeof(struct bpf_line_info);
	info->line_info = (unsigned long)lines;
	info->nr_jited_line_info = 4;
	info->jited_line_info_rec_size = sizeof(__u64);
	info->jited_line_info = (unsigned long)addrs;
	info->nr_jited_ksyms = 2;
	info->jited_ksyms = (unsigned long)ksyms;
	info->nr_jited_func_lens = 2;
	info->jited_func_lens = (unsigned long)lens;
}

/* The line of a lookup's record, or -errno. */
static int line_of(const struct bpf_line_info *l)
{
	return l ? (int)(l->line_col >> 10) : -errno;
}

static void check_insn_lookups(const struct bpf_prog_linfo *li)
{
	CHECK(line_of(bpf_prog_linfo__lfind(li, 0, 0)) == 10, "insn 0: line 10");
	CHECK(line_of(bpf_prog_linfo__lfind(li, 3, 0)) == 11, "insn 3: the record of insn 2");
	CHECK(line_of(bpf_prog_linfo__lfind(li, 100, 0)) == 20, "past the end: the last record");
	CHECK(line_of(bpf_prog_linfo__lfind(li, 6, 2)) == 12, "skip 2: from the third record");
	CHECK(line_of(bpf_prog_linfo__lfind(li, 1, 1)) == -ENOENT, "before the first not skipped");
	CHECK(line_of(bpf_prog_linfo__lfind(li, 0, 4)) == -ENOENT, "everything skipped");
}

static void check_addr_lookups(const struct bpf_prog_linfo *li)
{
	CHECK(line_of(bpf_prog_linfo__lfind_addr_func(li, 0x1000, 0, 0)) == 10, "func 0 start");
	CHECK(line_of(bpf_prog_linfo__lfind_addr_func(li, 0x1015, 0, 0)) == 11, "inside func 0");
	CHECK(line_of(bpf_prog_linfo__lfind_addr_func(li, 0x1030, 0, 0)) == 12,
	      "func 0 after its last record");
	CHECK(line_of(bpf_prog_linfo__lfind_addr_func(li, 0x2005, 1, 0)) == 20, "func 1");
	CHECK(line_of(bpf_prog_linfo__lfind_addr_func(li, 0x1030, 0, 1)) == 12, "func 0 skip 1");
	CHECK(line_of(bpf_prog_linfo__lfind_addr_func(li, 0xfff, 0, 0)) == -ENOENT,
	      "before func 0");
	CHECK(line_of(bpf_prog_linfo__lfind_addr_func(li, 0x1030, 0, 3)) == -ENOENT,
	      "all of func 0 skipped");
	CHECK(line_of(bpf_prog_linfo__lfind_addr_func(li, 0x2000, 2, 0)) == -ENOENT,
	      "no func 2");
}

static void check_refused(const char *what, struct bpf_prog_info *info)
{
	struct bpf_prog_linfo *li = bpf_prog_linfo__new(info);

	CHECK(!li && errno == EINVAL, "refused: %s", what);
	bpf_prog_linfo__free(li);
}

int main(void)
{
	struct bpf_prog_linfo *li;
	struct bpf_prog_info info;

	libbpf_set_print(NULL);
	info_init(&info);
	li = bpf_prog_linfo__new(&info);
	if (CHECK(li, "index of two functions")) {
		check_insn_lookups(li);
		check_addr_lookups(li);
	}
	bpf_prog_linfo__free(li);

	info_init(&info);
	info.nr_jited_ksyms = info.nr_jited_func_lens = 0;
	li = bpf_prog_linfo__new(&info);
	CHECK(li && line_of(bpf_prog_linfo__lfind(li, 5, 0)) == 12 &&
	      line_of(bpf_prog_linfo__lfind_addr_func(li, 0x1000, 0, 0)) == -ENOENT,
	      "without JITed info: instruction lookups only");
	bpf_prog_linfo__free(li);

	info_init(&info);
	info.nr_line_info = 0;
	check_refused("no line info", &info);
	info_init(&info);
	info.line_info_rec_size = 3;
	check_refused("records too small", &info);
	info_init(&info);
	ksyms[0] = 0x1008;
	check_refused("func 0 not at the first record's address", &info);
	ksyms[0] = 0x1000;
	addrs[2] = 0x1008;
	check_refused("addresses going back within a function", &info);
	addrs[2] = 0x1020;
	lens[0] = 0x10;
	check_refused("records past the function's length", &info);
	lens[0] = 0x40;
	ksyms[1] = 0x3000;
	check_refused("func 1 at no record's address", &info);
	ksyms[1] = 0x2000;
	CHECK(!bpf_prog_linfo__new(NULL) && errno == EINVAL, "NULL info");
	bpf_prog_linfo__free(NULL);
	return unit_done();
}
