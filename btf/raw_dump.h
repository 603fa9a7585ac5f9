/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The raw BTF dumper: bpftool's "format raw", in text and in JSON.
 */
#ifndef __BPFCORE_RAW_DUMP_H
#define __BPFCORE_RAW_DUMP_H

#include <stdio.h>
#include <bpf/btf.h>

struct json_writer;

/*
 * Dump the types root_ids[0..root_cnt) or, when root_cnt is 0, every type
 * the BTF object itself holds (for split BTF: not the base's), as text
 * lines on out, or as {"types":[...]} through jw when jw is not NULL.
 * Returns 0 or a negative errno (-EINVAL for a root id out of range).
 */
int btf_raw_dump(const struct btf *btf, FILE *out, struct json_writer *jw,
		 const __u32 *root_ids, int root_cnt);

#endif /* __BPFCORE_RAW_DUMP_H */
