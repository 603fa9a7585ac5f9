// SPDX-License-Identifier: BSD-2-Clause
/*
 * The linker's output ELF, written with libelf in one go: .strtab (which
 * also names the sections), .symtab, the merged sections in the order they
 * first appeared, then .BTF and .BTF.ext.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf_strset.h"
#include "linker_internal.h"
#include "log.h"

struct out_sec {
	Elf64_Shdr shdr;
	const void *data;
	size_t size;
	Elf_Type type;
};

static int write_sec(Elf *elf, const struct out_sec *s)
{
	Elf_Scn *scn = elf_newscn(elf);
	Elf64_Shdr *shdr = scn ? elf64_getshdr(scn) : NULL;
	Elf_Data *data = shdr ? elf_newdata(scn) : NULL;

	if (!data)
		return -ENOMEM;
	*shdr = s->shdr;
	shdr->sh_size = s->size;
	data->d_buf = (void *)s->data;
	data->d_size = s->size;
	data->d_type = s->type;
	data->d_align = s->shdr.sh_addralign ? s->shdr.sh_addralign : 1;
	return 0;
}

static struct out_sec merged_sec(const struct bpf_linker *linker, const struct linker_sec *sec)
{
	struct out_sec s = { .shdr = sec->shdr, .data = sec->data, .size = sec->size,
			     .type = ELF_T_BYTE };

	if (sec->shdr.sh_type == SHT_REL) {
		s.type = ELF_T_REL;
		s.shdr.sh_info = linker->secs[sec->target_id].elf_idx;
	}
	return s;
}

/* The merged sections, in ELF index order. */
static int write_merged(Elf *elf, const struct bpf_linker *linker)
{
	struct out_sec s;
	size_t idx, i;
	int err;

	for (idx = LINKER_SYMTAB_IDX + 1; idx < linker->elf_sec_cnt; idx++) {
		for (i = 1; i < linker->sec_cnt; i++)
			if (linker->secs[i].elf_idx == idx)
				break;
		if (i == linker->sec_cnt)
			return -EINVAL;
		s = merged_sec(linker, &linker->secs[i]);
		err = write_sec(elf, &s);
		if (err)
			return err;
	}
	return 0;
}

static int write_blob(Elf *elf, struct bpf_linker *linker, const char *name, const void *data,
		      __u32 size)
{
	struct out_sec s = { .shdr = { .sh_type = SHT_PROGBITS, .sh_addralign = 8 },
			     .data = data, .size = size, .type = ELF_T_BYTE };
	int off = linker_strtab_add(linker, name);

	if (off < 0)
		return off;
	s.shdr.sh_name = off;
	return write_sec(elf, &s);
}

static int write_tables(Elf *elf, struct bpf_linker *linker)
{
	struct out_sec strtab = { .shdr = { .sh_type = SHT_STRTAB, .sh_flags = SHF_STRINGS,
					    .sh_addralign = 1 }, .type = ELF_T_BYTE };
	struct out_sec symtab = { .shdr = { .sh_type = SHT_SYMTAB, .sh_addralign = 8,
					    .sh_link = LINKER_STRTAB_IDX,
					    .sh_entsize = sizeof(Elf64_Sym) },
				  .data = linker->syms, .size = linker->sym_cnt * sizeof(Elf64_Sym),
				  .type = ELF_T_SYM };
	int off;

	off = linker_strtab_add(linker, ".strtab");
	if (off < 0)
		return off;
	strtab.shdr.sh_name = off;
	off = linker_strtab_add(linker, ".symtab");
	if (off < 0)
		return off;
	symtab.shdr.sh_name = off;
	strtab.data = btf_strset_data(linker->strtab);
	strtab.size = btf_strset_len(linker->strtab);
	return write_sec(elf, &strtab) ?: write_sec(elf, &symtab);
}

static int write_all(Elf *elf, struct bpf_linker *linker, const void *btf, __u32 btf_size,
		     const void *ext, __u32 ext_size)
{
	Elf64_Ehdr *ehdr = elf64_newehdr(elf);
	int err;

	if (!ehdr)
		return -EINVAL;
	ehdr->e_ident[EI_DATA] = ELFDATA2LSB;
	ehdr->e_type = ET_REL;
	ehdr->e_machine = EM_BPF;
	ehdr->e_version = EV_CURRENT;
	ehdr->e_shstrndx = LINKER_STRTAB_IDX;
	/* every name into .strtab before its bytes are handed over */
	if ((btf && linker_strtab_add(linker, ".BTF") < 0) ||
	    (ext && linker_strtab_add(linker, ".BTF.ext") < 0))
		return -ENOMEM;
	err = write_tables(elf, linker);
	err = err ?: write_merged(elf, linker);
	if (!err && btf)
		err = write_blob(elf, linker, ".BTF", btf, btf_size);
	if (!err && ext)
		err = write_blob(elf, linker, ".BTF.ext", ext, ext_size);
	if (err)
		return err;
	if (elf_update(elf, ELF_C_WRITE) < 0) {
		pr_warn("linker: can't write '%s': %s\n", linker->filename, elf_errmsg(-1));
		return -EIO;
	}
	return 0;
}

/* Write the output object to linker->fd: sections, symbols, BTF (btf may be NULL). */
int linker_write_elf(struct bpf_linker *linker, const void *btf, __u32 btf_size,
		     const void *ext, __u32 ext_size)
{
	Elf *elf;
	int err;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	elf = elf_begin(linker->fd, ELF_C_WRITE, NULL);
	if (!elf) {
		pr_warn("linker: can't start writing '%s': %s\n", linker->filename,
			elf_errmsg(-1));
		return -EINVAL;
	}
	err = write_all(elf, linker, btf, btf_size, ext, ext_size);
	elf_end(elf);
	return err;
}
