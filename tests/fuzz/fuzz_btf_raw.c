// SPDX-License-Identifier: BSD-2-Clause
/*
 * Raw BTF (as in /sys/kernel/btf/vmlinux): parse, then everything `btf dump`
 * does with it: the C header sorted and unsorted, the raw dump in text and
 * JSON, all types or from root ids (the last type, one in the middle, void).
 */
#include <stdio.h>

#include <bpf/btf.h>

#include "c_header.h"
#include "fuzz.h"
#include "json_writer.h"
#include "raw_dump.h"

static void dump_all(const struct btf *btf, FILE *sink)
{
	__u32 cnt = btf__type_cnt(btf);
	__u32 roots[] = { cnt - 1, cnt / 2, 0 };
	struct json_writer *jw;

	btf_c_header_write(btf, sink, NULL, 0, true);
	btf_c_header_write(btf, sink, NULL, 0, false);
	btf_c_header_write(btf, sink, roots, 3, true);
	btf_c_header_write(btf, sink, roots, 2, false);
	btf_raw_dump(btf, sink, NULL, NULL, 0);
	btf_raw_dump(btf, sink, NULL, roots, 3);
	jw = jsonw_new(sink);
	if (jw) {
		btf_raw_dump(btf, sink, jw, roots, 2);
		jsonw_destroy(jw);
	}
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

	btf = btf__new(data, size);
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
