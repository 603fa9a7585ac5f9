// SPDX-License-Identifier: BSD-2-Clause
/*
 * .BTF.ext against its .BTF, as the object loader reads them. Input: le32
 * length L, L bytes of raw BTF (an object's .BTF), then the .BTF.ext
 * (tests/fuzz/btf_seed.py pair makes them from the tests/progs objects).
 * Past the parse, every record is used as the loader would: func_info
 * FUNCs and their prototypes resolved, line_info strings read, and each
 * CO-RE relocation's access string parsed, matched against the same BTF
 * as its target and its values computed.
 */
#include <string.h>

#include <bpf/btf.h>

#include "btf_ext.h"
#include "core_relo_internal.h"
#include "fuzz.h"

/* Something the optimizer cannot drop, so that every read really happens. */
static volatile size_t fuzz_sink;

static void use_func_info(const struct btf *btf, const struct btf_ext_sec *sec)
{
	const struct bpf_func_info *fi;
	const struct btf_type *t;
	__u32 i;

	for (i = 0; i < sec->rec_cnt; i++) {
		fi = btf_ext_rec(sec, i);
		t = btf__type_by_id(btf, fi->type_id);
		t = t ? btf__type_by_id(btf, t->type) : NULL;
		if (t)
			fuzz_sink += btf_vlen(t) + strlen(btf__name_by_offset(btf, t->name_off));
	}
}

static void use_line_info(const struct btf *btf, const struct btf_ext_sec *sec)
{
	const struct bpf_line_info *li;
	__u32 i;

	for (i = 0; i < sec->rec_cnt; i++) {
		li = btf_ext_rec(sec, i);
		fuzz_sink += strlen(btf__str_by_offset(btf, li->file_name_off)) +
			     strlen(btf__str_by_offset(btf, li->line_off)) +
			     BPF_LINE_INFO_LINE_NUM(li->line_col);
	}
}

static void use_core_relo(const struct btf *btf, const struct btf_ext_sec *sec)
{
	struct core_spec local, targ;
	const struct bpf_core_relo *r;
	struct core_relo_res res;
	char desc[256];
	__u32 i;
	int m;

	for (i = 0; i < sec->rec_cnt; i++) {
		r = btf_ext_rec(sec, i);
		if (core_spec_parse(sec->sec_name, i, btf, r, &local))
			continue;
		core_spec_format(desc, sizeof(desc), &local);
		fuzz_sink += strlen(desc);
		m = core_spec_match(&local, btf, r->type_id, &targ);
		if (m < 0)
			continue;
		if (m > 0) {
			core_spec_format(desc, sizeof(desc), &targ);
			fuzz_sink += strlen(desc);
		}
		if (!core_relo_calc(sec->sec_name, i, r, &local, m > 0 ? &targ : NULL, &res))
			fuzz_sink += res.new_val;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct btf_ext_sec *sec;
	struct btf_ext *ext;
	struct btf *btf;
	unsigned int i;
	__u32 btf_len;

	if (size < 4)
		return 0;
	memcpy(&btf_len, data, 4);
	data += 4;
	size -= 4;
	if (btf_len > size)
		btf_len = size;
	btf = btf__new(data, btf_len);
	if (!btf)
		return 0;
	ext = btf_ext_parse(data + btf_len, size - btf_len, btf);
	if (ext) {
		for (i = 0; (sec = btf_ext_sec(ext, BTF_EXT_FUNC_INFO, i)); i++)
			use_func_info(btf, sec);
		for (i = 0; (sec = btf_ext_sec(ext, BTF_EXT_LINE_INFO, i)); i++)
			use_line_info(btf, sec);
		for (i = 0; (sec = btf_ext_sec(ext, BTF_EXT_CORE_RELO, i)); i++)
			use_core_relo(btf, sec);
		btf_ext_free(ext);
	}
	btf__free(btf);
	return 0;
}
