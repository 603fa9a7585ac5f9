// SPDX-License-Identifier: BSD-2-Clause
/*
 * Split BTF (as in /sys/kernel/btf/MODULE) on a small fixed base built
 * once: parse, then what `btf dump` does with it: the C header sorted and
 * unsorted, with and without root ids, and the raw dump in text and JSON.
 * The base has BASE_CNT type ids and BASE_STRS_LEN string bytes; the seeds
 * (tests/fuzz/btf_seed.py split) are rewritten to start past them.
 */
#include <stdio.h>

#include <bpf/btf.h>

#include "../unit/unit.h"
#include "c_header.h"
#include "fuzz.h"
#include "json_writer.h"
#include "raw_dump.h"

/* What tests/fuzz/seeds tells btf_seed.py: keep the three in sync. */
#define BASE_CNT	13
#define BASE_STRS_LEN	78

static struct btf *base;

/* Every kind a split BTF refers to in practice, plus a FWD to complete. */
static struct btf *build_base(void)
{
	struct btf_builder b;
	__u32 id_int, id_char, id_long, id_ptr, id_s, id_proto;

	bb_init(&b);
	id_int = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	id_char = bb_int(&b, "char", 1, BTF_INT_CHAR);
	id_long = bb_int(&b, "long", 8, BTF_INT_SIGNED);
	id_ptr = bb_ref(&b, BTF_KIND_PTR, "", 0);
	id_s = bb_type(&b, BTF_KIND_STRUCT, "base_s", 3, false, 16);
	bb_member(&b, "a", id_int, 0);
	bb_member(&b, "c", id_char, 32);
	bb_member(&b, "p", id_ptr, 64);
	bb_type(&b, BTF_KIND_ENUM, "base_e", 2, false, 4);
	bb_enumerator(&b, "BA", 0);
	bb_enumerator(&b, "BB", 1);
	bb_ref(&b, BTF_KIND_TYPEDEF, "base_t", id_s);
	bb_type(&b, BTF_KIND_FWD, "base_fwd", 0, false, 0);
	bb_array(&b, id_char, id_int, 8);
	id_proto = bb_type(&b, BTF_KIND_FUNC_PROTO, "", 1, false, id_int);
	bb_param(&b, "x", id_int);
	bb_ref(&b, BTF_KIND_FUNC, "base_fn", id_proto);
	bb_type(&b, BTF_KIND_UNION, "base_u", 2, false, 8);
	bb_member(&b, "l", id_long, 0);
	bb_member(&b, "i", id_int, 0);
	return bb_parse(&b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct btf_header *hdr;
	__u32 size;

	(void)argc;
	(void)argv;
	base = build_base();
	/* the seeds were made for this base: a change here must reach them */
	hdr = base ? btf__raw_data(base, &size) : NULL;
	if (!hdr || btf__type_cnt(base) != BASE_CNT || hdr->str_len != BASE_STRS_LEN) {
		fprintf(stderr, "fuzz_btf_split: the base BTF (%u types, %u string bytes) "
			"is not the one the seeds expect\n", base ? btf__type_cnt(base) : 0,
			hdr ? hdr->str_len : 0);
		abort();
	}
	return 0;
}

static void dump_all(const struct btf *btf, FILE *sink)
{
	__u32 cnt = btf__type_cnt(btf), roots[3];
	struct json_writer *jw;

	/* roots as `btf dump ... root_id` takes them: own, base and void */
	roots[0] = cnt - 1;
	roots[1] = BASE_CNT - 1;
	roots[2] = 0;
	btf_c_header_write(btf, sink, NULL, 0, true);
	btf_c_header_write(btf, sink, NULL, 0, false);
	btf_c_header_write(btf, sink, roots, 3, true);
	btf_raw_dump(btf, sink, NULL, NULL, 0);
	btf_raw_dump(btf, sink, NULL, roots, 2);
	jw = jsonw_new(sink);
	if (jw) {
		btf_raw_dump(btf, sink, jw, NULL, 0);
		jsonw_destroy(jw);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf *btf;
	FILE *sink;

	btf = btf__new_split(data, size, base);
	if (!btf)
		return 0;
	sink = fopen("/dev/null", "w");
	if (sink) {
		dump_all(btf, sink);
		fclose(sink);
	}
	btf__free(btf);
	return 0;
}
