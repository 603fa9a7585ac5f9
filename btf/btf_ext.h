/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * .BTF.ext: the per-program-section records clang emits next to .BTF —
 * func_info (which BTF FUNC starts at which instruction), line_info
 * (source lines) and CO-RE relocations. Parsed and bounds-checked here;
 * the ELF loader in core/ moves the records along with the instructions.
 */
#ifndef __BPFCORE_BTF_EXT_H
#define __BPFCORE_BTF_EXT_H

#include <stddef.h>
#include <linux/bpf.h>
#include <linux/types.h>

#include "btf_type_fields.h"

struct btf;
struct btf_ext;

enum btf_ext_kind {
	BTF_EXT_FUNC_INFO,	/* records are struct bpf_func_info */
	BTF_EXT_LINE_INFO,	/* records are struct bpf_line_info */
	BTF_EXT_CORE_RELO,	/* records are struct bpf_core_relo */
	BTF_EXT_KIND_CNT,
};

/*
 * The records of one kind for one ELF section. Records are rec_size bytes
 * apart (at least the size of the UAPI struct; clang may one day emit
 * larger ones), insn_off in each is a byte offset into that section.
 */
struct btf_ext_sec {
	const char *sec_name;	/* ELF section name, from the .BTF strings */
	const void *recs;
	__u32 rec_cnt;
	__u32 rec_size;
};

/*
 * Parse .BTF.ext data (copied; the caller may free data afterwards). btf is
 * the object's .BTF, used to resolve section names and to check every
 * type id, name and string offset in the records. Returns NULL with errno
 * set (EINVAL for malformed data, with a pr_warn saying what and where).
 */
struct btf_ext *btf_ext_parse(const void *data, size_t size, const struct btf *btf);

void btf_ext_free(struct btf_ext *ext);

/* Number of sections that have records of kind. */
unsigned int btf_ext_sec_cnt(const struct btf_ext *ext, enum btf_ext_kind kind);

/* The idx-th section with records of kind (idx < btf_ext_sec_cnt()). */
const struct btf_ext_sec *btf_ext_sec(const struct btf_ext *ext, enum btf_ext_kind kind,
				      unsigned int idx);

/* The records of kind for section sec_name, or NULL if it has none. */
const struct btf_ext_sec *btf_ext_find_sec(const struct btf_ext *ext, enum btf_ext_kind kind,
					   const char *sec_name);

/* The i-th record of sec (i < sec->rec_cnt). */
static inline const void *btf_ext_rec(const struct btf_ext_sec *sec, __u32 i)
{
	return (const char *)sec->recs + (size_t)i * sec->rec_size;
}

/*
 * Rewriting the records in place, for btf__dedup(): fn is called on every
 * type id (func_info, core_relo), or on every string offset (section
 * names, line_info file and line, core_relo access string), in the order
 * the areas and records are laid out. A non-zero return stops the walk.
 */
int btf_ext_visit_type_ids(struct btf_ext *ext, btf_field_fn fn, void *ctx);
int btf_ext_visit_str_offs(struct btf_ext *ext, btf_field_fn fn, void *ctx);

#endif /* __BPFCORE_BTF_EXT_H */
