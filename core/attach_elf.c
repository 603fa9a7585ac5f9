// SPDX-License-Identifier: BSD-2-Clause
/*
 * Where a uprobe goes: the binary or shared library a name stands for, and
 * the file offset of a function in it, from the ELF symbol tables (.symtab,
 * else .dynsym of stripped files) read with libelf.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attach_internal.h"
#include "log.h"

#if defined(__x86_64__)
#define LIB_TRIPLE "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define LIB_TRIPLE "aarch64-linux-gnu"
#else
#define LIB_TRIPLE "."
#endif

static const char *const lib_dirs[] = {
	"/lib/" LIB_TRIPLE, "/usr/lib/" LIB_TRIPLE, "/lib64", "/usr/lib64", "/lib", "/usr/lib",
};

/* Look for name in each directory of the ':' list dirs; 0 and buf filled if found. */
static int search_dirs(const char *dirs, const char *name, int mode, char *buf, size_t size)
{
	const char *p = dirs, *end;
	int len;

	while (p && *p) {
		end = strchrnul(p, ':');
		len = snprintf(buf, size, "%.*s/%s", (int)(end - p), p, name);
		if (len > 0 && (size_t)len < size && end > p && !access(buf, mode))
			return 0;
		p = *end ? end + 1 : NULL;
	}
	return -ENOENT;
}

int elf_resolve_path(const char *name, char *buf, size_t size)
{
	size_t i;

	if (strchr(name, '/')) {
		if (strlen(name) >= size)
			return -ENAMETOOLONG;
		strcpy(buf, name);
		return access(buf, R_OK) ? -errno : 0;
	}
	if (strstr(name, ".so")) {
		if (!search_dirs(getenv("LD_LIBRARY_PATH"), name, R_OK, buf, size))
			return 0;
		for (i = 0; i < sizeof(lib_dirs) / sizeof(lib_dirs[0]); i++)
			if (!search_dirs(lib_dirs[i], name, R_OK, buf, size))
				return 0;
		return -ENOENT;
	}
	return search_dirs(getenv("PATH"), name, X_OK, buf, size);
}

/*
 * Name of version index ndx in the version definitions section verdef, or
 * NULL; shared libraries keep the version of a .dynsym entry there
 * instead of in its name.
 */
static const char *version_name(Elf *elf, Elf_Scn *verdef, unsigned int ndx)
{
	Elf_Data *data = verdef ? elf_getdata(verdef, NULL) : NULL;
	GElf_Verdaux aux;
	GElf_Verdef def;
	GElf_Shdr sh;
	size_t off = 0;

	if (!data || !gelf_getshdr(verdef, &sh))
		return NULL;
	while (gelf_getverdef(data, off, &def)) {
		if (def.vd_ndx == ndx) {
			if (!gelf_getverdaux(data, off + def.vd_aux, &aux))
				return NULL;
			return elf_strptr(elf, sh.sh_link, aux.vda_name);
		}
		if (!def.vd_next)
			break;
		off += def.vd_next;
	}
	return NULL;
}

/*
 * Symbol name (maybe "f@VER" or "f@@VER" itself) with version ver (from
 * the version sections, or NULL) is func: "f" matches any version of f,
 * "f@VER" only that one.
 */
static bool sym_name_matches(const char *name, const char *ver, const char *func)
{
	size_t len = strcspn(func, "@");

	if (strncmp(name, func, len) || (name[len] && name[len] != '@'))
		return false;
	if (!func[len])
		return true;
	if (name[len] == '@')
		return !strcmp(name + len + (name[len + 1] == '@' ? 2 : 1), func + len + 1);
	return ver && !strcmp(ver, func + len + 1);
}

/* The symbol version sections of elf: SHT_GNU_versym and SHT_GNU_verdef. */
static void version_sections(Elf *elf, Elf_Scn **versym, Elf_Scn **verdef)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	*versym = *verdef = NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_GNU_versym)
			*versym = scn;
		else if (sh.sh_type == SHT_GNU_verdef)
			*verdef = scn;
	}
}

/* Version name of symbol i of .dynsym, or NULL. */
static const char *sym_version(Elf *elf, Elf_Scn *versym, Elf_Scn *verdef, size_t i)
{
	Elf_Data *data = versym ? elf_getdata(versym, NULL) : NULL;
	GElf_Versym v;

	if (!data || !gelf_getversym(data, i, &v))
		return NULL;
	return version_name(elf, verdef, v & 0x7fff);
}

/*
 * Offset of func in the symbol table section scn: a defined function,
 * globals before locals. -ENOENT when absent.
 */
static long symtab_func_offset(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, const char *func)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	Elf_Scn *versym = NULL, *verdef = NULL;
	long local = -ENOENT;
	GElf_Shdr tsh;
	GElf_Sym sym;
	size_t i, n;

	if (!data || !sh->sh_entsize)
		return -ENOENT;
	if (sh->sh_type == SHT_DYNSYM && strchr(func, '@'))
		version_sections(elf, &versym, &verdef);
	n = sh->sh_size / sh->sh_entsize;
	for (i = 0; i < n; i++) {
		const char *name;
		Elf_Scn *text;
		long off;

		if (!gelf_getsym(data, i, &sym) || sym.st_shndx == SHN_UNDEF ||
		    sym.st_shndx >= SHN_LORESERVE ||
		    (GELF_ST_TYPE(sym.st_info) != STT_FUNC &&
		     GELF_ST_TYPE(sym.st_info) != STT_GNU_IFUNC))
			continue;
		name = elf_strptr(elf, sh->sh_link, sym.st_name);
		if (!name || !sym_name_matches(name, sym_version(elf, versym, verdef, i), func))
			continue;
		text = elf_getscn(elf, sym.st_shndx);
		if (!text || !gelf_getshdr(text, &tsh) || sym.st_value < tsh.sh_addr)
			continue;
		off = (long)(sym.st_value - tsh.sh_addr + tsh.sh_offset);
		if (GELF_ST_BIND(sym.st_info) != STB_LOCAL)
			return off;
		if (local < 0)
			local = off;
	}
	return local;
}

long elf_func_offset(const char *prog, const char *path, const char *func)
{
	static const unsigned int types[] = { SHT_SYMTAB, SHT_DYNSYM };
	long off = -ENOENT;
	Elf_Scn *scn = NULL;
	size_t i;
	int fd;
	GElf_Shdr sh;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		off = -errno;
		pr_warn("prog '%s': can't open '%s': %s\n", prog, path, strerror(errno));
		return off;
	}
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		pr_warn("prog '%s': can't attach uprobe to '%s:%s': not an ELF file\n", prog, path,
			func);
		off = -EINVAL;
		goto out;
	}
	/* .symtab holds every function; stripped files keep only .dynsym */
	for (i = 0; off < 0 && i < sizeof(types) / sizeof(types[0]); i++) {
		scn = NULL;
		while (off < 0 && (scn = elf_nextscn(elf, scn)))
			if (gelf_getshdr(scn, &sh) && sh.sh_type == types[i])
				off = symtab_func_offset(elf, scn, &sh, func);
	}
	if (off < 0)
		pr_warn("prog '%s': can't attach uprobe to '%s:%s': binary has no such symbol "
			"(no function '%s' in its symbol tables)\n", prog, path, func, func);
out:
	elf_end(elf);
	close(fd);
	return off;
}
