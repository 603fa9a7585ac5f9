// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reading a BPF object file with libelf: sections by role, the symbol
 * table, license and version, and the programs (one per function symbol
 * in an executable section). Every offset and size taken from the file is
 * checked before use: objects may be truncated or hostile.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "object_internal.h"

int elf_open(struct bpf_object *obj)
{
	GElf_Ehdr ehdr;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		pr_warn("elf: libelf initialisation failed: %s\n", elf_errmsg(-1));
		return -EINVAL;
	}
	obj->elf = elf_memory(obj->elf_buf, obj->elf_size);
	if (!obj->elf || elf_kind(obj->elf) != ELF_K_ELF) {
		pr_warn("elf: '%s' is not an ELF file\n", obj->path);
		return -EINVAL;
	}
	if (gelf_getclass(obj->elf) != ELFCLASS64 || !gelf_getehdr(obj->elf, &ehdr)) {
		pr_warn("elf: '%s' is not a 64-bit ELF file\n", obj->path);
		return -EINVAL;
	}
	if (ehdr.e_type != ET_REL || (ehdr.e_machine && ehdr.e_machine != EM_BPF)) {
		pr_warn("elf: '%s' is not a BPF relocatable object (type %u, machine %u)\n",
			obj->path, ehdr.e_type, ehdr.e_machine);
		return -EINVAL;
	}
	if (ehdr.e_ident[EI_DATA] != ELFDATA2LSB) {
		pr_warn("elf: '%s' is big-endian, only little-endian objects are supported\n",
			obj->path);
		return -EOPNOTSUPP;
	}
	if (elf_getshdrstrndx(obj->elf, &obj->shstrndx) ||
	    elf_getshdrnum(obj->elf, &obj->sec_cnt)) {
		pr_warn("elf: '%s': bad section header table: %s\n", obj->path, elf_errmsg(-1));
		return -EINVAL;
	}
	return 0;
}

const char *elf_sec_name_by_idx(const struct bpf_object *obj, size_t idx)
{
	if (idx >= obj->sec_cnt || !obj->secs[idx].name)
		return "<unknown>";
	return obj->secs[idx].name;
}

const GElf_Sym *elf_sym(const struct bpf_object *obj, size_t idx, GElf_Sym *sym)
{
	if (!obj->symbols || idx >= obj->sym_cnt)
		return NULL;
	return gelf_getsym(obj->symbols, (int)idx, sym);
}

const char *elf_sym_name(const struct bpf_object *obj, const GElf_Sym *sym)
{
	GElf_Shdr shdr;
	Elf_Scn *scn;
	const char *name;

	if (GELF_ST_TYPE(sym->st_info) == STT_SECTION)
		return elf_sec_name_by_idx(obj, sym->st_shndx);
	scn = elf_getscn(obj->elf, obj->symtab_shndx);
	if (!scn || !gelf_getshdr(scn, &shdr))
		return NULL;
	name = elf_strptr(obj->elf, shdr.sh_link, sym->st_name);
	return name;
}

/* Copy a NUL-terminated string section into buf, refusing what doesn't fit. */
static int elf_read_license(struct bpf_object *obj, const struct elf_sec *sec)
{
	size_t n = sec->data->d_size;

	if (!sec->data->d_buf || !n)
		return 0;
	if (!memchr(sec->data->d_buf, 0, n))
		n = n < sizeof(obj->license) - 1 ? n : sizeof(obj->license) - 1;
	else
		n = strnlen(sec->data->d_buf, sizeof(obj->license) - 1);
	memcpy(obj->license, sec->data->d_buf, n);
	obj->license[n] = '\0';
	return 0;
}

static int elf_read_version(struct bpf_object *obj, const struct elf_sec *sec)
{
	if (sec->data->d_size != sizeof(__u32) || !sec->data->d_buf) {
		pr_warn("elf: '%s': section 'version' has %zu bytes, expected 4\n",
			obj->path, sec->data->d_size);
		return -EINVAL;
	}
	memcpy(&obj->kern_version, sec->data->d_buf, sizeof(__u32));
	return 0;
}

/* libbpf's struct_ops sections; a leading '?' leaves their maps uncreated by default. */
static bool is_st_ops_sec_name(const char *name)
{
	name += name[0] == '?';
	return !strcmp(name, ".struct_ops") || !strcmp(name, ".struct_ops.link");
}

static bool is_data_sec_name(const char *name)
{
	return !strcmp(name, ".data") || !strncmp(name, ".data.", 6) ||
	       !strcmp(name, ".rodata") || !strncmp(name, ".rodata.", 8);
}

/* Sort one section into its role; sections of no interest stay SEC_UNUSED. */
static int elf_classify(struct bpf_object *obj, size_t idx)
{
	struct elf_sec *sec = &obj->secs[idx];
	const GElf_Shdr *sh = &sec->shdr;

	if (!strcmp(sec->name, "license"))
		return elf_read_license(obj, sec);
	if (!strcmp(sec->name, "version"))
		return elf_read_version(obj, sec);
	if (!strcmp(sec->name, "maps")) {
		pr_warn("elf: '%s': legacy 'maps' section is not supported, use BTF-defined "
			"maps in '.maps'\n", obj->path);
		return -EOPNOTSUPP;
	}
	if (!strcmp(sec->name, ".maps")) {
		obj->maps_shndx = idx;
		return 0;
	}
	if (sh->sh_type == SHT_SYMTAB) {
		if (obj->symbols) {
			pr_warn("elf: '%s': more than one symbol table\n", obj->path);
			return -EINVAL;
		}
		if (!sh->sh_entsize || sh->sh_entsize != sizeof(Elf64_Sym)) {
			pr_warn("elf: '%s': symbol table entries are %zu bytes\n",
				obj->path, (size_t)sh->sh_entsize);
			return -EINVAL;
		}
		obj->symbols = sec->data;
		obj->sym_cnt = sec->data->d_size / sh->sh_entsize;
		obj->symtab_shndx = idx;
		return 0;
	}
	if (sh->sh_type == SHT_PROGBITS && (sh->sh_flags & SHF_EXECINSTR)) {
		if (!strcmp(sec->name, ".text"))
			obj->text_shndx = idx;
		if (sec->data->d_size % sizeof(struct bpf_insn)) {
			pr_warn("elf: '%s': section '%s' has %zu bytes, not whole instructions\n",
				obj->path, sec->name, sec->data->d_size);
			return -EINVAL;
		}
		sec->kind = SEC_PROGS;
		return 0;
	}
	if (sh->sh_type == SHT_PROGBITS && is_data_sec_name(sec->name)) {
		sec->kind = SEC_DATA;
		return 0;
	}
	if (sh->sh_type == SHT_PROGBITS && is_st_ops_sec_name(sec->name)) {
		sec->kind = SEC_ST_OPS;
		return 0;
	}
	if (sh->sh_type == SHT_NOBITS && !strcmp(sec->name, ".bss")) {
		sec->kind = SEC_BSS;
		return 0;
	}
	if (sh->sh_type == SHT_REL) {
		if (sh->sh_entsize != sizeof(Elf64_Rel)) {
			pr_warn("elf: '%s': relocation section '%s' entries are %zu bytes\n",
				obj->path, sec->name, (size_t)sh->sh_entsize);
			return -EINVAL;
		}
		sec->kind = SEC_RELO;
		return 0;
	}
	return 0;
}

static int elf_read_sections(struct bpf_object *obj)
{
	Elf_Scn *scn;
	size_t idx;
	int err;

	obj->secs = calloc(obj->sec_cnt ? obj->sec_cnt : 1, sizeof(*obj->secs));
	if (!obj->secs)
		return -ENOMEM;
	for (idx = 1; idx < obj->sec_cnt; idx++) {
		struct elf_sec *sec = &obj->secs[idx];

		sec->map_idx = -1;
		scn = elf_getscn(obj->elf, idx);
		if (!scn || !gelf_getshdr(scn, &sec->shdr)) {
			pr_warn("elf: '%s': cannot read section %zu: %s\n", obj->path, idx,
				elf_errmsg(-1));
			return -EINVAL;
		}
		sec->name = elf_strptr(obj->elf, obj->shstrndx, sec->shdr.sh_name);
		if (!sec->name) {
			pr_warn("elf: '%s': section %zu has no name\n", obj->path, idx);
			return -EINVAL;
		}
		sec->data = elf_getdata(scn, NULL);
		if (!sec->data) {
			pr_warn("elf: '%s': cannot read section '%s': %s\n", obj->path,
				sec->name, elf_errmsg(-1));
			return -EINVAL;
		}
		if (sec->shdr.sh_type != SHT_NOBITS && sec->data->d_size && !sec->data->d_buf) {
			pr_warn("elf: '%s': section '%s' has no data\n", obj->path, sec->name);
			return -EINVAL;
		}
	}
	for (idx = 1; idx < obj->sec_cnt; idx++) {
		err = elf_classify(obj, idx);
		if (err)
			return err;
	}
	if (!obj->symbols) {
		pr_warn("elf: '%s' has no symbol table\n", obj->path);
		return -ENOENT;
	}
	return 0;
}

static int prog_init(struct bpf_object *obj, struct bpf_program *prog, size_t sec_idx,
		     const char *name, const GElf_Sym *sym)
{
	const struct elf_sec *sec = &obj->secs[sec_idx];
	const struct bpf_insn *insns = sec->data->d_buf;

	prog->obj = obj;
	prog->fd = -1;
	prog->sec_idx = sec_idx;
	prog->sec_insn_off = sym->st_value / sizeof(struct bpf_insn);
	prog->sec_insn_cnt = sym->st_size / sizeof(struct bpf_insn);
	prog->is_subprog = (int)sec_idx == obj->text_shndx;
	prog->autoload = !prog->is_subprog;
	prog->autoattach = true;
	/* A global function that is hidden can only be called from this object. */
	prog->mark_btf_static = GELF_ST_BIND(sym->st_info) == STB_GLOBAL &&
				(GELF_ST_VISIBILITY(sym->st_other) == STV_HIDDEN ||
				 GELF_ST_VISIBILITY(sym->st_other) == STV_INTERNAL);
	prog->name = strdup(name);
	prog->sec_name = strdup(sec->name);
	prog->insns_cnt = prog->sec_insn_cnt;
	prog->insns = malloc(prog->insns_cnt * sizeof(struct bpf_insn));
	if (!prog->name || !prog->sec_name || !prog->insns)
		return -ENOMEM;
	memcpy(prog->insns, insns + prog->sec_insn_off, prog->insns_cnt * sizeof(*insns));
	prog->sec_def = sec_def_find(sec->name);
	if (prog->sec_def) {
		prog->type = prog->sec_def->prog_type;
		prog->expected_attach_type = prog->sec_def->attach_type;
		if (prog->sec_def->flags & SEC_SLEEPABLE)
			prog->prog_flags |= BPF_F_SLEEPABLE;
		if (prog->sec_def->flags & SEC_XDP_FRAGS)
			prog->prog_flags |= BPF_F_XDP_HAS_FRAGS;
	}
	if (!prog->is_subprog)
		prog_handler_claim(prog, prog->sec_def);
	return 0;
}

/* A function symbol of an executable section, checked against its section. */
static int prog_sym_check(const struct bpf_object *obj, const GElf_Sym *sym, const char *name)
{
	const struct elf_sec *sec = &obj->secs[sym->st_shndx];

	if (sym->st_value % sizeof(struct bpf_insn) || sym->st_size % sizeof(struct bpf_insn) ||
	    !sym->st_size || sym->st_value > sec->data->d_size ||
	    sym->st_size > sec->data->d_size - sym->st_value) {
		pr_warn("elf: '%s': function '%s' at offset %llu size %llu lies outside section "
			"'%s' (%zu bytes) or is misaligned\n", obj->path, name,
			(unsigned long long)sym->st_value, (unsigned long long)sym->st_size,
			sec->name, sec->data->d_size);
		return -EINVAL;
	}
	if ((int)sym->st_shndx != obj->text_shndx && GELF_ST_BIND(sym->st_info) == STB_LOCAL) {
		pr_warn("elf: '%s': program '%s' in section '%s' is static, which is not "
			"supported outside .text\n", obj->path, name, sec->name);
		return -EOPNOTSUPP;
	}
	return 0;
}

static int elf_collect_programs(struct bpf_object *obj)
{
	struct bpf_program *progs;
	GElf_Sym sym;
	size_t i, n = 0;
	int err;

	progs = calloc(obj->sym_cnt ? obj->sym_cnt : 1, sizeof(*progs));
	if (!progs)
		return -ENOMEM;
	obj->progs = progs;
	for (i = 0; i < obj->sym_cnt; i++) {
		const char *name;

		if (!elf_sym(obj, i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC)
			continue;
		if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= obj->sec_cnt ||
		    obj->secs[sym.st_shndx].kind != SEC_PROGS)
			continue;
		name = elf_sym_name(obj, &sym);
		if (!name || !*name) {
			pr_warn("elf: '%s': function symbol %zu has no name\n", obj->path, i);
			return -EINVAL;
		}
		err = prog_sym_check(obj, &sym, name);
		if (err)
			return err;
		err = prog_init(obj, &progs[n], sym.st_shndx, name, &sym);
		obj->nr_programs = ++n;
		if (err)
			return err;
	}
	return 0;
}

int elf_collect(struct bpf_object *obj)
{
	int err;

	obj->maps_shndx = -1;
	obj->text_shndx = -1;
	obj->kconfig_map_idx = -1;
	err = elf_read_sections(obj);
	if (err)
		return err;
	return elf_collect_programs(obj);
}
