// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reading one object for the linker: its sections by role, the symbol
 * table, .BTF and .BTF.ext, each checked before the merge trusts it (an
 * input may be truncated or hostile), and the "ephemeral" sections that
 * exist only as BTF DATASECs (.kconfig, .ksyms, a .maps of externs only).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "linker_internal.h"
#include "log.h"

/*
 * Largest section alignment taken: the output file pads each section to
 * it, and BPF data needs no more than a page (a hostile 2^56 would write
 * petabytes of padding).
 */
#define LINKER_MAX_ALIGN 4096U

#ifndef SHT_LLVM_ADDRSIG
#define SHT_LLVM_ADDRSIG 0x6FFF4C03
#endif

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Sections with nothing for the output: debug info, address-significance tables, their relos. */
static bool sec_is_ignored(const struct linker_src_sec *sec)
{
	const char *name = sec->name;

	if (sec->shdr.sh_type == SHT_STRTAB || sec->shdr.sh_type == SHT_LLVM_ADDRSIG)
		return true;
	if (sec->shdr.sh_type == SHT_PROGBITS && !sec->shdr.sh_size && !strcmp(name, ".text"))
		return true;
	if (starts_with(name, ".debug_"))
		return true;
	if (starts_with(name, ".rel")) {
		name += strlen(".rel");
		if (starts_with(name, ".debug_") || !strcmp(name, ".BTF") ||
		    !strcmp(name, ".BTF.ext"))
			return true;
	}
	return false;
}

static int check_header(struct linker_src *src)
{
	GElf_Ehdr ehdr;

	if (elf_kind(src->elf) != ELF_K_ELF || !gelf_getehdr(src->elf, &ehdr)) {
		pr_warn("linker: '%s' is not an ELF file\n", src->name);
		return -EINVAL;
	}
	if (ehdr.e_ident[EI_CLASS] != ELFCLASS64 || ehdr.e_type != ET_REL ||
	    ehdr.e_machine != EM_BPF) {
		pr_warn("linker: '%s' is not a 64-bit BPF relocatable object"
			" (class %u, type %u, machine %u)\n",
			src->name, ehdr.e_ident[EI_CLASS], ehdr.e_type, ehdr.e_machine);
		return -EOPNOTSUPP;
	}
	if (ehdr.e_ident[EI_DATA] != ELFDATA2LSB) {
		pr_warn("linker: '%s' is not little-endian, the only byte order supported\n",
			src->name);
		return -EOPNOTSUPP;
	}
	return 0;
}

static int check_sec(const struct linker_src *src, const struct linker_src_sec *sec)
{
	const Elf64_Shdr *sh = &sec->shdr;

	if (!sec->name[0]) {
		pr_warn("linker: section #%zu of '%s' has no name\n", sec->idx, src->name);
		return -EINVAL;
	}
	if ((sh->sh_addralign & (sh->sh_addralign - 1)) ||
	    sh->sh_addralign > LINKER_MAX_ALIGN) {
		pr_warn("linker: section %s of '%s' has alignment %llu, not a power of 2 <= %u\n",
			sec->name, src->name, (unsigned long long)sh->sh_addralign,
			LINKER_MAX_ALIGN);
		return -EINVAL;
	}
	if (sh->sh_type == SHT_PROGBITS && (sh->sh_flags & SHF_EXECINSTR) &&
	    sh->sh_size % sizeof(struct bpf_insn)) {
		pr_warn("linker: code section %s of '%s' is %llu bytes, not whole instructions\n",
			sec->name, src->name, (unsigned long long)sh->sh_size);
		return -EINVAL;
	}
	return 0;
}

/* Parse .BTF or note .BTF.ext; other sections keep their type's role. */
static int read_sec_role(struct linker_src *src, struct linker_src_sec *sec, size_t *ext_idx)
{
	switch (sec->shdr.sh_type) {
	case SHT_SYMTAB:
		if (src->symtab_idx) {
			pr_warn("linker: '%s' has more than one symbol table\n", src->name);
			return -EOPNOTSUPP;
		}
		src->symtab_idx = sec->idx;
		sec->skipped = true;
		return 0;
	case SHT_PROGBITS:
		if ((!strcmp(sec->name, ".BTF") && src->btf) ||
		    (!strcmp(sec->name, ".BTF.ext") && *ext_idx)) {
			pr_warn("linker: '%s' has more than one %s section\n", src->name,
				sec->name);
			return -EINVAL;
		}
		if (!strcmp(sec->name, ".BTF")) {
			src->btf = btf__new(sec->data, sec->shdr.sh_size);
			sec->skipped = true;
			if (!src->btf) {
				pr_warn("linker: can't parse the .BTF of '%s': %s\n", src->name,
					strerror(errno));
				return -errno;
			}
		} else if (!strcmp(sec->name, ".BTF.ext")) {
			*ext_idx = sec->idx;
			sec->skipped = true;
		}
		return 0;
	case SHT_NOBITS:
	case SHT_REL:
		return 0;
	default:
		pr_warn("linker: section #%zu (%s) of '%s' has type %u, not one the linker takes\n",
			sec->idx, sec->name, src->name, sec->shdr.sh_type);
		return -EINVAL;
	}
}

static int read_sec(struct linker_src *src, size_t idx, size_t shstrndx, size_t *ext_idx)
{
	struct linker_src_sec *sec = &src->secs[idx];
	Elf_Scn *scn = elf_getscn(src->elf, idx);
	Elf64_Shdr *sh = &sec->shdr;
	Elf_Data *data;

	/* copied by gelf: in a hostile image the header table may be misaligned */
	if (!scn || !gelf_getshdr(scn, sh) ||
	    !(sec->name = elf_strptr(src->elf, shstrndx, sh->sh_name))) {
		pr_warn("linker: can't read section #%zu of '%s': %s\n", idx, src->name,
			elf_errmsg(-1));
		return -EINVAL;
	}
	sec->idx = idx;
	if (sh->sh_type != SHT_NOBITS) {
		data = elf_getdata(scn, NULL);
		if (sh->sh_size && (!data || data->d_size != sh->sh_size)) {
			pr_warn("linker: can't read the data of section %s of '%s'\n", sec->name,
				src->name);
			return -EINVAL;
		}
		sec->data = data ? data->d_buf : NULL;
	}
	if (sec_is_ignored(sec)) {
		sec->skipped = true;
		return 0;
	}
	return check_sec(src, sec) ?: read_sec_role(src, sec, ext_idx);
}

static int check_symbols(const struct linker_src *src)
{
	static const Elf64_Sym zero;
	size_t i;

	if (!src->sym_cnt || memcmp(&src->syms[0], &zero, sizeof(zero))) {
		pr_warn("linker: symbol #0 of '%s' is not the null symbol\n", src->name);
		return -EINVAL;
	}
	for (i = 1; i < src->sym_cnt; i++) {
		const Elf64_Sym *s = &src->syms[i];
		int bind = ELF64_ST_BIND(s->st_info), vis = ELF64_ST_VISIBILITY(s->st_other);

		if (!linker_sym_name(src, s)) {
			pr_warn("linker: symbol #%zu of '%s' has a bad name offset\n", i,
				src->name);
			return -EINVAL;
		}
		if (bind != STB_LOCAL && bind != STB_GLOBAL && bind != STB_WEAK) {
			pr_warn("linker: symbol #%zu of '%s': binding %d, not local/global/weak\n",
				i, src->name, bind);
			return -EINVAL;
		}
		if (vis != STV_DEFAULT && vis != STV_HIDDEN) {
			pr_warn("linker: symbol #%zu of '%s': visibility %d, not default/hidden\n",
				i, src->name, vis);
			return -EINVAL;
		}
		if (s->st_shndx == SHN_UNDEF && bind == STB_LOCAL) {
			pr_warn("linker: symbol #%zu of '%s' is a local extern\n", i, src->name);
			return -EINVAL;
		}
		if (s->st_shndx < SHN_LORESERVE && s->st_shndx >= src->sec_cnt) {
			pr_warn("linker: symbol #%zu of '%s' is in section #%u, which is missing\n",
				i, src->name, s->st_shndx);
			return -EINVAL;
		}
	}
	return 0;
}

static int read_symtab(struct linker_src *src)
{
	const struct linker_src_sec *sec = &src->secs[src->symtab_idx];

	if (!src->symtab_idx) {
		pr_warn("linker: '%s' has no symbol table\n", src->name);
		return -EINVAL;
	}
	if (sec->shdr.sh_entsize != sizeof(Elf64_Sym) ||
	    sec->shdr.sh_size % sizeof(Elf64_Sym) || !sec->data ||
	    (size_t)sec->data % _Alignof(Elf64_Sym)) {
		pr_warn("linker: the symbol table of '%s' is malformed\n", src->name);
		return -EINVAL;
	}
	src->strtab_idx = sec->shdr.sh_link;
	if (!src->strtab_idx || src->strtab_idx >= src->sec_cnt ||
	    src->secs[src->strtab_idx].shdr.sh_type != SHT_STRTAB) {
		pr_warn("linker: the symbol table of '%s' has no string table\n", src->name);
		return -EINVAL;
	}
	src->syms = sec->data;
	src->sym_cnt = sec->shdr.sh_size / sizeof(Elf64_Sym);
	return check_symbols(src);
}

static int check_relo_sec(const struct linker_src *src, const struct linker_src_sec *sec)
{
	const struct linker_src_sec *target;
	const Elf64_Rel *rels = sec->data;
	size_t i, n = sec->shdr.sh_size / sizeof(Elf64_Rel);

	if (sec->shdr.sh_link != src->symtab_idx || sec->shdr.sh_entsize != sizeof(Elf64_Rel) ||
	    sec->shdr.sh_size % sizeof(Elf64_Rel) || !sec->shdr.sh_info ||
	    sec->shdr.sh_info >= src->sec_cnt || (n && (size_t)rels % _Alignof(Elf64_Rel))) {
		pr_warn("linker: relocation section %s of '%s' is malformed\n", sec->name,
			src->name);
		return -EINVAL;
	}
	target = &src->secs[sec->shdr.sh_info];
	if (strcmp(sec->name + strlen(".rel"), target->name)) {
		pr_warn("linker: relocation section %s of '%s' applies to section %s\n",
			sec->name, src->name, target->name);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		size_t sym = ELF64_R_SYM(rels[i].r_info);

		if (!sym || sym >= src->sym_cnt || rels[i].r_offset >= target->shdr.sh_size) {
			pr_warn("linker: relocation #%zu of %s in '%s' is out of range\n", i,
				sec->name, src->name);
			return -EINVAL;
		}
	}
	return 0;
}

static struct linker_src_sec *add_ephemeral(struct linker_src *src, const char *name)
{
	struct linker_src_sec *secs = realloc(src->secs, (src->sec_cnt + 1) * sizeof(*secs));

	if (!secs)
		return NULL;
	src->secs = secs;
	memset(&secs[src->sec_cnt], 0, sizeof(*secs));
	secs[src->sec_cnt].name = name;
	secs[src->sec_cnt].ephemeral = true;
	return &secs[src->sec_cnt++];
}

/*
 * Tie each DATASEC to its section. DATASECs without one hold externs:
 * .extern is resolved here, the others (.kconfig, .ksyms, .maps) get a
 * section shell so that their externs find an output section.
 */
static int bind_datasecs(struct linker_src *src)
{
	__u32 id, n = src->btf ? btf__type_cnt(src->btf) : 0;

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(src->btf, id);
		const char *name = btf__name_by_offset(src->btf, t->name_off);
		struct linker_src_sec *sec;

		if (!btf_is_datasec(t) || !strcmp(name, ".extern"))
			continue;
		sec = linker_src_sec_by_name(src, name);
		if (!sec) {
			sec = add_ephemeral(src, name);
			if (!sec)
				return -ENOMEM;
		}
		sec->btf_sec_id = id;
	}
	return 0;
}

static int read_btf_ext(struct linker_src *src, size_t ext_idx)
{
	const struct linker_src_sec *sec = &src->secs[ext_idx];

	if (!ext_idx)
		return 0;
	if (!src->btf) {
		pr_warn("linker: '%s' has .BTF.ext but no .BTF\n", src->name);
		return -EINVAL;
	}
	src->btf_ext = btf_ext_parse(sec->data, sec->shdr.sh_size, src->btf);
	if (!src->btf_ext) {
		pr_warn("linker: can't parse the .BTF.ext of '%s'\n", src->name);
		return -EINVAL;
	}
	return 0;
}

/* The name of sym, or NULL if its offset is outside the string table. */
const char *linker_sym_name(const struct linker_src *src, const Elf64_Sym *sym)
{
	return elf_strptr(src->elf, src->strtab_idx, sym->st_name);
}

struct linker_src_sec *linker_src_sec_by_name(struct linker_src *src, const char *name)
{
	size_t i;

	for (i = 1; i < src->sec_cnt; i++)
		if (src->secs[i].name && !strcmp(src->secs[i].name, name))
			return &src->secs[i];
	return NULL;
}

/*
 * Open the object in buf (size bytes, owned by src from now on, freed by
 * linker_src_close() even on failure); name is for messages.
 */
int linker_src_open(struct linker_src *src, void *buf, size_t size, const char *name)
{
	size_t i, shstrndx, ext_idx = 0;
	int err = 0;

	src->name = name;
	src->buf = buf;
	src->buf_size = size;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	src->elf = elf_memory(buf, size);
	if (!src->elf) {
		pr_warn("linker: '%s' is not an ELF file\n", name);
		return -EINVAL;
	}
	err = check_header(src);
	if (err)
		return err;
	if (elf_getshdrnum(src->elf, &src->sec_cnt) || elf_getshdrstrndx(src->elf, &shstrndx)) {
		pr_warn("linker: '%s' has a bad section header table\n", name);
		return -EINVAL;
	}
	src->secs = calloc(src->sec_cnt ? src->sec_cnt : 1, sizeof(*src->secs));
	if (!src->secs)
		return -ENOMEM;
	for (i = 1; i < src->sec_cnt && !err; i++)
		err = read_sec(src, i, shstrndx, &ext_idx);
	err = err ?: read_symtab(src);
	for (i = 1; i < src->sec_cnt && !err; i++)
		if (!src->secs[i].skipped && src->secs[i].shdr.sh_type == SHT_REL)
			err = check_relo_sec(src, &src->secs[i]);
	err = err ?: read_btf_ext(src, ext_idx);
	return err ?: bind_datasecs(src);
}

void linker_src_close(struct linker_src *src)
{
	btf_ext_free(src->btf_ext);
	btf__free(src->btf);
	if (src->elf)
		elf_end(src->elf);
	free(src->secs);
	free(src->sym_map);
	free(src->type_map);
	free(src->buf);
	memset(src, 0, sizeof(*src));
}
