// SPDX-License-Identifier: BSD-2-Clause
/*
 * Output sections of the linker: sections of the same name from every
 * input concatenated, each contribution aligned to its own alignment, and
 * their relocations appended with offsets and symbol indices moved along.
 * "license" and "version" appear once and must agree between inputs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "linker_internal.h"
#include "log.h"

struct linker_sec *linker_sec_by_name(struct bpf_linker *linker, const char *name)
{
	size_t i;

	for (i = 1; i < linker->sec_cnt; i++)
		if (!strcmp(linker->secs[i].name, name))
			return &linker->secs[i];
	return NULL;
}

/* Give sec an ELF section shaped like src's: from now on it is in the output. */
static int sec_materialize(struct bpf_linker *linker, struct linker_sec *sec,
			   const struct linker_src_sec *src)
{
	int name_off = linker_strtab_add(linker, sec->name);

	if (name_off < 0)
		return name_off;
	sec->ephemeral = false;
	sec->elf_idx = linker->elf_sec_cnt++;
	sec->shdr.sh_name = name_off;
	sec->shdr.sh_type = src->shdr.sh_type;
	sec->shdr.sh_flags = src->shdr.sh_flags;
	sec->shdr.sh_addralign = src->shdr.sh_addralign;
	sec->shdr.sh_entsize = src->shdr.sh_entsize;
	return 0;
}

static struct linker_sec *sec_new(struct bpf_linker *linker, const struct linker_src_sec *src)
{
	struct linker_sec *secs, *sec;

	secs = realloc(linker->secs, (linker->sec_cnt + 1) * sizeof(*secs));
	if (!secs)
		return NULL;
	linker->secs = secs;
	sec = &secs[linker->sec_cnt];
	memset(sec, 0, sizeof(*sec));
	sec->name = strdup(src->name);
	if (!sec->name)
		return NULL;
	linker->sec_cnt++;
	sec->ephemeral = true;
	if (!src->ephemeral && sec_materialize(linker, sec, src)) {
		linker->sec_cnt--;
		free(sec->name);
		return NULL;
	}
	return sec;
}

static bool secs_compatible(const struct linker_sec *dst, const struct linker_src_sec *src,
			    const char *file)
{
	const char *what = NULL;

	if (dst->ephemeral || src->ephemeral)
		return true;
	if (dst->shdr.sh_type != src->shdr.sh_type)
		what = "type";
	else if (dst->shdr.sh_flags != src->shdr.sh_flags)
		what = "flags";
	else if (dst->shdr.sh_entsize != src->shdr.sh_entsize)
		what = "entry size";
	if (what)
		pr_warn("linker: section %s of '%s' differs in %s from the one of earlier files\n",
			dst->name, file, what);
	return !what;
}

/* Append src's bytes to dst at src's alignment; records where they went. */
static int sec_extend(struct bpf_linker *linker, struct linker_sec *dst,
		      struct linker_src_sec *src)
{
	size_t align, start, end;
	void *data;
	int err;

	if (src->ephemeral)
		return 0;
	if (dst->ephemeral) {
		err = sec_materialize(linker, dst, src);
		if (err)
			return err;
	}
	align = dst->shdr.sh_addralign ? dst->shdr.sh_addralign : 1;
	if (align < src->shdr.sh_addralign)
		align = src->shdr.sh_addralign;
	start = (dst->size + align - 1) / align * align;
	end = start + src->shdr.sh_size;
	if (end < start || end > (1ULL << 32))
		return -E2BIG;
	if (src->shdr.sh_type != SHT_NOBITS && end) {
		data = realloc(dst->data, end);
		if (!data)
			return -ENOMEM;
		memset((char *)data + dst->size, 0, start - dst->size);
		if (src->shdr.sh_size)
			memcpy((char *)data + start, src->data, src->shdr.sh_size);
		dst->data = data;
	}
	dst->size = end;
	dst->shdr.sh_addralign = align;
	src->dst_off = start;
	return 0;
}

static bool sec_is_data(const struct linker_src_sec *sec)
{
	if (sec->skipped)
		return false;
	return sec->ephemeral || sec->shdr.sh_type == SHT_PROGBITS ||
	       sec->shdr.sh_type == SHT_NOBITS;
}

/* "license" and "version" are kept once; a different value is an error. */
static int sec_check_same(const struct linker_sec *dst, struct linker_src_sec *src,
			  const char *file)
{
	if (dst->size != src->shdr.sh_size || !src->data ||
	    memcmp(dst->data, src->data, dst->size)) {
		pr_warn("linker: section '%s' of '%s' differs from the one of earlier files\n",
			src->name, file);
		return -EINVAL;
	}
	src->skipped = true;
	return 0;
}

static struct linker_sec *sec_for(struct bpf_linker *linker, struct linker_src_sec *src,
				  const char *file, bool *existed)
{
	struct linker_sec *dst = linker_sec_by_name(linker, src->name);

	*existed = dst != NULL;
	if (!dst) {
		dst = sec_new(linker, src);
		if (!dst)
			errno = ENOMEM;
		return dst;
	}
	if (!secs_compatible(dst, src, file)) {
		errno = EINVAL;
		return NULL;
	}
	return dst;
}

/* The data, code and ephemeral sections of src, appended to the output. */
int linker_add_sec_data(struct bpf_linker *linker, struct linker_src *src)
{
	size_t i;
	int err;

	for (i = 1; i < src->sec_cnt; i++) {
		struct linker_src_sec *sec = &src->secs[i];
		struct linker_sec *dst;
		bool existed;

		if (!sec_is_data(sec))
			continue;
		dst = sec_for(linker, sec, src->name, &existed);
		if (!dst)
			return -errno;
		sec->dst_id = dst - linker->secs;
		if (existed && (!strcmp(sec->name, "license") || !strcmp(sec->name, "version"))) {
			err = sec_check_same(dst, sec, src->name);
		} else {
			err = sec_extend(linker, dst, sec);
		}
		if (err)
			return err;
	}
	return 0;
}

/*
 * A relocation against a section symbol in code: the instruction's
 * immediate is relative to that section, which moved in the output (calls
 * count instructions, loads count bytes).
 */
static int relo_fix_section_sym(struct bpf_linker *linker, struct linker_src *src,
				const struct linker_src_sec *target, const Elf64_Rel *rel,
				const Elf64_Sym *sym)
{
	struct linker_sec *dst = &linker->secs[target->dst_id];
	const struct linker_src_sec *ref;
	struct bpf_insn *insn;

	if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= SHN_LORESERVE) {
		pr_warn("linker: '%s': a relocation of %s refers to a sectionless section symbol\n",
			src->name, target->name);
		return -EINVAL;
	}
	ref = &src->secs[sym->st_shndx];
	if (!(target->shdr.sh_flags & SHF_EXECINSTR)) {
		pr_warn("linker: '%s': a relocation of %s refers to a section symbol"
			" (supported in code only)\n", src->name, target->name);
		return -EINVAL;
	}
	if (rel->r_offset % sizeof(*insn) || rel->r_offset + sizeof(*insn) > dst->size) {
		pr_warn("linker: '%s': a relocation of %s is not at an instruction\n", src->name,
			target->name);
		return -EINVAL;
	}
	insn = (struct bpf_insn *)((char *)dst->data + rel->r_offset);
	if (insn->code == (BPF_JMP | BPF_CALL))
		insn->imm += ref->dst_off / sizeof(struct bpf_insn);
	else
		insn->imm += ref->dst_off;
	return 0;
}

static int relos_append(struct bpf_linker *linker, struct linker_src *src,
			struct linker_src_sec *sec)
{
	const struct linker_src_sec *target = &src->secs[sec->shdr.sh_info];
	struct linker_sec *dst = &linker->secs[sec->dst_id];
	size_t i, n = sec->shdr.sh_size / sizeof(Elf64_Rel);
	Elf64_Rel *rels;
	int err;

	if (!n)
		return 0;
	rels = (Elf64_Rel *)((char *)dst->data + sec->dst_off);
	for (i = 0; i < n; i++) {
		size_t sym_idx = ELF64_R_SYM(rels[i].r_info);
		const Elf64_Sym *sym = &src->syms[sym_idx];

		rels[i].r_offset += target->dst_off;
		rels[i].r_info = ELF64_R_INFO(src->sym_map[sym_idx], ELF64_R_TYPE(rels[i].r_info));
		if (ELF64_ST_TYPE(sym->st_info) == STT_SECTION) {
			err = relo_fix_section_sym(linker, src, target, &rels[i], sym);
			if (err)
				return err;
		}
	}
	return 0;
}

/* The relocation sections of src, appended once its symbols are in. */
int linker_add_relos(struct bpf_linker *linker, struct linker_src *src)
{
	size_t i;
	int err;

	for (i = 1; i < src->sec_cnt; i++) {
		struct linker_src_sec *sec = &src->secs[i];
		const struct linker_src_sec *target;
		struct linker_sec *dst;
		bool existed;

		if (sec->skipped || sec->ephemeral || sec->shdr.sh_type != SHT_REL)
			continue;
		target = &src->secs[sec->shdr.sh_info];
		if (target->skipped)
			continue;
		dst = sec_for(linker, sec, src->name, &existed);
		if (!dst)
			return -errno;
		sec->dst_id = dst - linker->secs;
		dst->shdr.sh_link = LINKER_SYMTAB_IDX;
		dst->target_id = target->dst_id;
		err = sec_extend(linker, dst, sec);
		err = err ?: relos_append(linker, src, sec);
		if (err)
			return err;
	}
	return 0;
}
