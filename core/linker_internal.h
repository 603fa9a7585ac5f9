/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The static linker (bpf_linker__*): several BPF ELF objects into one.
 * Everything is built in memory while files are added (sections, symbol
 * table, merged BTF and .BTF.ext records) and written out by finalize.
 * The files: linker.c (API), linker_input.c (reading an object),
 * linker_sections.c (section data and relocations), linker_symbols.c
 * (symbol resolution), linker_btf_match.c (BTF compatibility of globals and
 * maps), linker_btf.c (BTF merging and dedup), linker_btf_ext.c (.BTF.ext),
 * linker_write.c (the output ELF).
 */
#ifndef __BPFCORE_LINKER_INTERNAL_H
#define __BPFCORE_LINKER_INTERNAL_H

#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/btf.h>

#include <bpf/libbpf.h>

#include "btf_ext.h"

struct btf;
struct btf_strset;

/* .BTF.ext records of one kind for one output section. */
struct linker_ext_recs {
	void *recs;
	__u32 cnt;
	__u32 rec_size;
};

/* An output section; ids index linker->secs, 0 is unused. */
struct linker_sec {
	char *name;
	/* ELF section index, 0 while ephemeral (.kconfig, .ksyms, extern-only .maps) */
	size_t elf_idx;
	bool ephemeral;
	Elf64_Shdr shdr;	/* sh_name, sh_offset and sh_size are set on writing */
	void *data;		/* NULL for NOBITS */
	size_t size;
	size_t sec_sym;		/* its STT_SECTION symbol, 0 if none yet */
	size_t target_id;	/* relocation sections: the relocated section's id */
	bool has_btf;		/* a DATASEC is emitted for it */
	struct btf_var_secinfo *vars;
	__u32 var_cnt;
	struct linker_ext_recs ext[BTF_EXT_KIND_CNT];
};

/* A global symbol (defined or extern) seen so far, by name. */
struct linker_glob {
	char *name;
	char *file;		/* the file that defines it, or first declared it */
	size_t sym_idx;
	size_t sec_id;		/* output section id; 0 for .extern and functions */
	__u32 btf_id;		/* its VAR or FUNC in the merged BTF, 0 until merged */
	/*
	 * > 0: the merged type of the VAR's or FUNC's underlying type;
	 * < 0: minus the source type id, to be remapped with the next file's
	 * types (when a definition replaced an extern).
	 */
	long long underlying;
	int var_idx;		/* its entry in the section's DATASEC vars, or -1 */
	bool is_extern;
	bool is_weak;
};

/* A section of the object being added. */
struct linker_src_sec {
	const char *name;
	size_t idx;		/* ELF index, 0 for an ephemeral section */
	Elf64_Shdr shdr;
	const void *data;	/* NULL for NOBITS */
	bool skipped;
	bool ephemeral;
	size_t dst_id;
	size_t dst_off;		/* where its bytes start in the output section */
	__u32 btf_sec_id;	/* its DATASEC in the file's BTF, 0 if none */
};

/* The object being added. */
struct linker_src {
	const char *name;	/* for messages */
	Elf *elf;
	void *buf;
	size_t buf_size;
	struct linker_src_sec *secs;	/* ELF sections by index, then ephemeral ones */
	size_t sec_cnt;
	size_t symtab_idx;
	const Elf64_Sym *syms;
	size_t sym_cnt;
	size_t strtab_idx;
	struct btf *btf;
	struct btf_ext *btf_ext;
	size_t *sym_map;	/* source symbol index -> output symbol index */
	__u32 *type_map;	/* source BTF id -> merged BTF id */
};

struct bpf_linker {
	char *filename;		/* for messages */
	int fd;
	bool fd_owned;
	bool finalized;
	struct linker_sec *secs;
	size_t sec_cnt;		/* including the unused slot 0 */
	size_t elf_sec_cnt;	/* ELF sections so far, the null one, .strtab, .symtab included */
	struct btf_strset *strtab;
	Elf64_Sym *syms;
	size_t sym_cnt, sym_cap;
	struct linker_glob *globs;
	size_t glob_cnt;
	struct btf *btf;
};

/* ELF section index of .strtab and .symtab in the output. */
#define LINKER_STRTAB_IDX 1
#define LINKER_SYMTAB_IDX 2

/* linker_input.c */
int linker_src_open(struct linker_src *src, void *buf, size_t size, const char *name);
void linker_src_close(struct linker_src *src);
struct linker_src_sec *linker_src_sec_by_name(struct linker_src *src, const char *name);
const char *linker_sym_name(const struct linker_src *src, const Elf64_Sym *sym);

/* linker_sections.c */
struct linker_sec *linker_sec_by_name(struct bpf_linker *linker, const char *name);
int linker_add_sec_data(struct bpf_linker *linker, struct linker_src *src);
int linker_add_relos(struct bpf_linker *linker, struct linker_src *src);

/* linker_symbols.c */
int linker_add_symbol(struct bpf_linker *linker, const GElf_Sym *sym, const char *name,
		      size_t *idx);
int linker_add_symbols(struct bpf_linker *linker, struct linker_src *src);
struct linker_glob *linker_glob_find(struct bpf_linker *linker, const char *name);
int linker_strtab_add(struct bpf_linker *linker, const char *s);

/* linker_btf_match.c */
bool linker_btf_types_match(const char *sym, const struct btf *b1, __u32 id1, const char *f1,
			    const struct btf *b2, __u32 id2, const char *f2);
bool linker_map_defs_match(const char *sym, const struct btf *b1, __u32 var1, const char *f1,
			   const struct btf *b2, __u32 var2, const char *f2);

/* linker_btf.c */
bool linker_btf_is_global(const struct btf_type *t);
struct btf_type *linker_btf_type_mut(struct btf *btf, __u32 id);
int linker_find_glob_btf(const struct linker_src *src, const char *name, __u32 *sec_id,
			 __u32 *id);
int linker_complete_extern(struct btf *dst, __u32 dst_id, const struct btf *src, __u32 src_id);
int linker_add_btf(struct bpf_linker *linker, struct linker_src *src);
int linker_finalize_btf(struct bpf_linker *linker, void **ext, __u32 *ext_size);

/* linker_btf_ext.c */
int linker_add_btf_ext(struct bpf_linker *linker, struct linker_src *src);
int linker_remap_btf_ext(struct bpf_linker *linker, const struct btf *pre);
int linker_btf_ext_build(struct bpf_linker *linker, void **out, __u32 *size);

/* linker_write.c */
int linker_write_elf(struct bpf_linker *linker, const void *btf, __u32 btf_size,
		     const void *ext, __u32 ext_size);

#endif /* __BPFCORE_LINKER_INTERNAL_H */
