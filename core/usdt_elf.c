// SPDX-License-Identifier: BSD-2-Clause
/*
 * USDT probe sites of a binary. Each site is an ELF note in .note.stapsdt
 * (owner "stapsdt", type 3) whose description holds three addresses (the
 * probe instruction, the link-time address of .stapsdt.base, the
 * semaphore or 0) and three strings (provider, name, argument specs).
 * If the binary was relocated after linking (prelink), .stapsdt.base moved
 * with it while the notes kept their addresses: the difference applies to
 * both addresses. A uprobe wants file offsets, which the PT_LOAD segment
 * holding each address gives.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "usdt.h"

#define STAPSDT_OWNER "stapsdt"
#define STAPSDT_TYPE 3
#define NOTE_SEC ".note.stapsdt"
#define BASE_SEC ".stapsdt.base"

int usdt_note_parse(const void *desc, size_t size, struct usdt_note *note)
{
	const char *s = (const char *)desc + 3 * sizeof(__u64), *end = (const char *)desc + size;
	const char **strs[] = { &note->provider, &note->name, &note->args };
	const char *nul;
	size_t i;

	if (size < 3 * sizeof(__u64))
		return -EINVAL;
	memcpy(&note->pc, desc, sizeof(__u64));
	memcpy(&note->base, (const char *)desc + 8, sizeof(__u64));
	memcpy(&note->sema, (const char *)desc + 16, sizeof(__u64));
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		nul = s < end ? memchr(s, '\0', end - s) : NULL;
		if (!nul)
			return -EINVAL;
		*strs[i] = s;
		s = nul + 1;
	}
	return *note->provider && *note->name ? 0 : -EINVAL;
}

/* The section called name, or NULL. */
static Elf_Scn *section_by_name(Elf *elf, const char *name, GElf_Shdr *shdr)
{
	Elf_Scn *scn = NULL;
	const char *sname;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, shdr))
			continue;
		sname = elf_strptr(elf, shstrndx, shdr->sh_name);
		if (sname && !strcmp(sname, name))
			return scn;
	}
	return NULL;
}

/*
 * File offset of the virtual address addr, in a PT_LOAD segment that is
 * executable (exec) or not; -ESRCH when there is none.
 */
static int vaddr_to_offset(Elf *elf, __u64 addr, bool exec, __u64 *off)
{
	size_t i, n;
	GElf_Phdr ph;

	if (elf_getphdrnum(elf, &n))
		return -ESRCH;
	for (i = 0; i < n; i++) {
		if (!gelf_getphdr(elf, i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (addr < ph.p_vaddr || addr - ph.p_vaddr >= ph.p_memsz)
			continue;
		if (!!(ph.p_flags & PF_X) != exec)
			continue;
		*off = addr - ph.p_vaddr + ph.p_offset;
		return 0;
	}
	return -ESRCH;
}

/* Add the site of note (already matched) to sites. */
static int add_site(Elf *elf, const struct usdt_note *note, __u64 base_delta, const char *what,
		    struct usdt_sites *sites)
{
	struct usdt_site *site, *v;

	v = realloc(sites->v, (sites->cnt + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	sites->v = v;
	site = &v[sites->cnt];
	memset(site, 0, sizeof(*site));
	if (vaddr_to_offset(elf, note->pc + base_delta, true, &site->offset)) {
		pr_warn("%s: probe address 0x%llx is in no executable segment\n", what,
			(unsigned long long)(note->pc + base_delta));
		return -ESRCH;
	}
	if (note->sema &&
	    vaddr_to_offset(elf, note->sema + base_delta, false, &site->sema_offset)) {
		pr_warn("%s: semaphore address 0x%llx is in no data segment\n", what,
			(unsigned long long)(note->sema + base_delta));
		return -ESRCH;
	}
	site->args = strdup(note->args);
	if (!site->args)
		return -ENOMEM;
	sites->cnt++;
	return 0;
}

/* Walk the notes of scn, adding those of provider:name. */
static int collect_notes(Elf *elf, Elf_Scn *scn, __u64 base_addr, const char *provider,
			 const char *name, const char *what, struct usdt_sites *sites)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t off = 0, name_off, desc_off;
	struct usdt_note note;
	GElf_Nhdr nh;
	int err;

	if (!data)
		return 0;
	while ((off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
		if (nh.n_type != STAPSDT_TYPE || nh.n_namesz != sizeof(STAPSDT_OWNER) ||
		    memcmp((char *)data->d_buf + name_off, STAPSDT_OWNER, nh.n_namesz))
			continue;
		if (usdt_note_parse((char *)data->d_buf + desc_off, nh.n_descsz, &note)) {
			pr_warn("%s: malformed note at offset %zu of " NOTE_SEC "\n", what,
				desc_off);
			return -EINVAL;
		}
		if (strcmp(note.provider, provider) || strcmp(note.name, name))
			continue;
		err = add_site(elf, &note, base_addr ? base_addr - note.base : 0, what, sites);
		if (err)
			return err;
	}
	return 0;
}

/* The sites in the opened ELF file. */
static int sites_in_elf(Elf *elf, const char *provider, const char *name, const char *what,
			struct usdt_sites *sites)
{
	GElf_Shdr shdr, base_shdr;
	GElf_Ehdr eh;
	Elf_Scn *scn;
	int err;

	if (!gelf_getehdr(elf, &eh) || elf_kind(elf) != ELF_K_ELF) {
		pr_warn("%s: not an ELF file\n", what);
		return -EINVAL;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB :
								     ELFDATA2MSB)) {
		pr_warn("%s: only 64-bit binaries of this machine's byte order are supported\n",
			what);
		return -EOPNOTSUPP;
	}
	sites->machine = eh.e_machine;
	scn = section_by_name(elf, NOTE_SEC, &shdr);
	if (!scn || shdr.sh_type != SHT_NOTE) {
		pr_warn("%s: binary has no USDT probes (no " NOTE_SEC " section)\n", what);
		return -ENOENT;
	}
	err = collect_notes(elf, scn, section_by_name(elf, BASE_SEC, &base_shdr) ?
			    base_shdr.sh_addr : 0, provider, name, what, sites);
	if (err)
		return err;
	if (!sites->cnt) {
		pr_warn("%s: binary has no USDT probe '%s:%s'\n", what, provider, name);
		return -ENOENT;
	}
	return 0;
}

/* The sites in the ELF image opened as elf (freed here); what names it in messages. */
static int sites_find(Elf *elf, const char *provider, const char *name, const char *what,
		      struct usdt_sites *sites)
{
	int err;

	err = sites_in_elf(elf, provider, name, what, sites);
	elf_end(elf);
	if (err)
		usdt_sites_free(sites);
	return err;
}

int usdt_sites_find(const char *path, const char *provider, const char *name,
		    const char *what, struct usdt_sites *sites)
{
	int fd, err;
	Elf *elf;

	memset(sites, 0, sizeof(*sites));
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("%s: can't open '%s': %s\n", what, path, strerror(-err));
		return err;
	}
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf) {
		pr_warn("%s: '%s' is no ELF file: %s\n", what, path, elf_errmsg(-1));
		close(fd);
		return -EINVAL;
	}
	err = sites_find(elf, provider, name, what, sites);
	close(fd);
	return err;
}

int usdt_sites_find_mem(void *image, size_t size, const char *provider, const char *name,
			const char *what, struct usdt_sites *sites)
{
	Elf *elf;

	memset(sites, 0, sizeof(*sites));
	elf_version(EV_CURRENT);
	elf = elf_memory(image, size);
	if (!elf) {
		pr_warn("%s: no ELF file: %s\n", what, elf_errmsg(-1));
		return -EINVAL;
	}
	return sites_find(elf, provider, name, what, sites);
}

void usdt_sites_free(struct usdt_sites *sites)
{
	size_t i;

	for (i = 0; i < sites->cnt; i++)
		free(sites->v[i].args);
	free(sites->v);
	sites->v = NULL;
	sites->cnt = 0;
}
