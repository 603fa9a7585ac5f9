// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf_dump__dump_type_data() where libbpf 1.6+ differs from the 1.1 that
 * api_btf.bats compares with: char arrays with a NUL, emit_strings; and
 * the errors.
 */
#include <errno.h>
#include <stdio.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "unit.h"

static char out[4096];
static size_t out_len;

static void print_cb(void *ctx, const char *fmt, va_list args)
{
	(void)ctx;
	out_len += vsnprintf(out + out_len, sizeof(out) - out_len, fmt, args);
}

static int dump(struct btf_dump *d, __u32 id, const void *data, size_t size,
		const struct btf_dump_type_data_opts *opts)
{
	out_len = 0;
	out[0] = '\0';
	return btf_dump__dump_type_data(d, id, data, size, opts);
}

int main(void)
{
	LIBBPF_OPTS(btf_dump_type_data_opts, compact, .compact = true);
	LIBBPF_OPTS(btf_dump_type_data_opts, zeroes, .compact = true, .emit_zeroes = true);
	LIBBPF_OPTS(btf_dump_type_data_opts, strings, .compact = true, .emit_strings = true);
	LIBBPF_OPTS(btf_dump_type_data_opts, long_indent,
		    .indent_str = "0123456789012345678901234567890123456789");
	struct btf_dump_type_data_opts bad = { .sz = 2 };
	struct btf *btf = btf__new_empty();
	int chr, i32, arr, bits, st, ret;
	struct btf_dump *d;

	libbpf_set_print(NULL);
	chr = btf__add_int(btf, "char", 1, BTF_INT_SIGNED);
	i32 = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	arr = btf__add_array(btf, i32, chr, 4);
	bits = btf__add_struct(btf, "bits", 4);
	btf__add_field(btf, "lo", i32, 0, 4);
	btf__add_field(btf, "hi", i32, 12, 12);
	st = btf__add_struct(btf, "named", 8);
	btf__add_field(btf, "name", arr, 0, 0);
	btf__add_field(btf, "x", i32, 32, 0);
	d = btf_dump__new(btf, print_cb, NULL, NULL);

	ret = dump(d, arr, "a\0bc", 4, &compact);
	CHECK(ret == 4 && !strcmp(out, "(char[4])['a','b','c',]"),
	      "a NUL in a char array is a zero element, hidden (%s)", out);
	ret = dump(d, arr, "a\0bc", 4, &zeroes);
	CHECK(ret == 4 && !strcmp(out, "(char[4])['a','\\0',]"),
	      "emit_zeroes: a char array ends at its NUL, printed as '\\0' (%s)", out);
	ret = dump(d, arr, "a\001\0c", 4, &strings);
	CHECK(ret == 4 && !strcmp(out, "(char[4])\"a\\x01\""),
	      "emit_strings: a terminated char array as a string (%s)", out);
	ret = dump(d, arr, "abcd", 4, &strings);
	CHECK(ret == 4 && !strcmp(out, "(char[4])['a','b','c','d',]"),
	      "emit_strings: an unterminated one as an array (%s)", out);
	ret = dump(d, st, "hi\0\0\001\0\0\0", 8, &zeroes);
	CHECK(ret == 8 && !strcmp(out, "(struct named){.name = (char[4])['h','i','\\0',],"
				  ".x = (int)1,}"), "in a struct (%s)", out);

	ret = dump(d, bits, "\x05\x30\x02\x00", 4, &compact);
	CHECK(ret == 4 && !strcmp(out, "(struct bits){.lo = (int)0x5,.hi = (int)0x23,}"),
	      "bitfields (%s)", out);
	errno = 0;
	ret = dump(d, bits, "\x05\x30", 1, &compact);
	CHECK(ret == -E2BIG && errno == E2BIG, "a bitfield past the data is -E2BIG (%d, %s)",
	      ret, out);
	errno = 0;
	ret = dump(d, i32, "\x01\x02", 2, NULL);
	CHECK(ret == -E2BIG && errno == E2BIG && !out[0], "an int past the data is -E2BIG");

	ret = dump(d, st, "\0\0\0\0\001\0\0\0", 8, &long_indent);
	CHECK(ret == 8 && strstr(out, "\n0123456789012345678901234567890.x = (int)1,\n"),
	      "indent_str is cut to 31 characters, as libbpf's (%s)", out);
	errno = 0;
	CHECK(dump(d, i32, "1234", 4, &bad) == -EINVAL && errno == EINVAL,
	      "opts with a bad size are -EINVAL");
	errno = 0;
	CHECK(dump(d, 999, "1234", 4, NULL) == -ENOENT && errno == ENOENT,
	      "an unknown type id is -ENOENT");

	btf_dump__free(d);
	btf__free(btf);
	return unit_done();
}
