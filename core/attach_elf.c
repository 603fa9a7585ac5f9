// SPDX-License-Identifier: BSD-2-Clause
/*
 * Where a uprobe goes: the binary or shared library a name stands for, and
 * the file offset of a function in it, from the ELF symbol tables (.symtab,
 * else .dynsym of stripped files) read with libelf.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
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

/* A defined function symbol of a symbol table. */
struct elf_func {
	const char *name;
	size_t index;		/* in its table, for the symbol's version */
	long offset;		/* in the file */
	bool local;
};

/* Called per function; a non-zero return stops the walk and is its result. */
typedef int (*elf_func_fn)(const struct elf_func *f, void *ctx);

/*
 * Each defined function (STT_FUNC, STT_GNU_IFUNC) of the symbol table
 * section scn, with its file offset: address - section address + section
 * file offset of the section holding it.
 */
static int symtab_for_each_func(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, elf_func_fn fn,
				void *ctx)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	struct elf_func f;
	GElf_Shdr tsh;
	GElf_Sym sym;
	size_t n;
	int ret;

	if (!data || !sh->sh_entsize)
		return 0;
	n = sh->sh_size / sh->sh_entsize;
	for (f.index = 0; f.index < n; f.index++) {
		Elf_Scn *text;

		if (!gelf_getsym(data, f.index, &sym) || sym.st_shndx == SHN_UNDEF ||
		    sym.st_shndx >= SHN_LORESERVE ||
		    (GELF_ST_TYPE(sym.st_info) != STT_FUNC &&
		     GELF_ST_TYPE(sym.st_info) != STT_GNU_IFUNC))
			continue;
		f.name = elf_strptr(elf, sh->sh_link, sym.st_name);
		text = elf_getscn(elf, sym.st_shndx);
		if (!f.name || !text || !gelf_getshdr(text, &tsh) || sym.st_value < tsh.sh_addr)
			continue;
		f.offset = (long)(sym.st_value - tsh.sh_addr + tsh.sh_offset);
		f.local = GELF_ST_BIND(sym.st_info) == STB_LOCAL;
		ret = fn(&f, ctx);
		if (ret)
			return ret;
	}
	return 0;
}

/* The symbol tables, in the order they are searched. */
static const unsigned int symtab_types[] = { SHT_SYMTAB, SHT_DYNSYM };
#define SYMTAB_TYPES (sizeof(symtab_types) / sizeof(symtab_types[0]))

/* The first section of elf of type type (SHT_SYMTAB...), or NULL. */
static Elf_Scn *find_section(Elf *elf, unsigned int type, GElf_Shdr *sh)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, sh) && sh->sh_type == type)
			return scn;
	return NULL;
}

/* Lookup of one function by name, "f" or "f@VERSION". */
struct func_lookup {
	Elf *elf;
	const char *func;
	Elf_Scn *versym, *verdef;
	long global, local;
};

static int lookup_one(const struct elf_func *f, void *ctx)
{
	struct func_lookup *l = ctx;
	const char *ver = sym_version(l->elf, l->versym, l->verdef, f->index);

	if (!sym_name_matches(f->name, ver, l->func))
		return 0;
	if (!f->local) {
		l->global = f->offset;
		return 1;
	}
	if (l->local < 0)
		l->local = f->offset;
	return 0;
}

/*
 * Offset of func in elf: a defined function, in .symtab else .dynsym,
 * globals before locals. -ENOENT when absent.
 */
static long func_offset(Elf *elf, const char *func)
{
	struct func_lookup l = { .elf = elf, .func = func };
	Elf_Scn *scn;
	GElf_Shdr sh;
	size_t i;

	for (i = 0; i < SYMTAB_TYPES; i++) {
		scn = find_section(elf, symtab_types[i], &sh);
		if (!scn)
			continue;
		l.versym = l.verdef = NULL;
		if (sh.sh_type == SHT_DYNSYM && strchr(func, '@'))
			version_sections(elf, &l.versym, &l.verdef);
		l.global = l.local = -ENOENT;
		symtab_for_each_func(elf, scn, &sh, lookup_one, &l);
		if (l.global >= 0)
			return l.global;
		if (l.local >= 0)
			return l.local;
	}
	return -ENOENT;
}

/* An ELF file open for reading its symbols. */
struct elf_file {
	int fd;
	Elf *elf;
};

/* Open path; -errno with a warning naming prog and what it attaches. */
static int elf_file_open(const char *prog, const char *what, const char *path,
			 struct elf_file *ef)
{
	int err;

	ef->elf = NULL;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	ef->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (ef->fd < 0) {
		err = -errno;
		pr_warn("prog '%s': can't open '%s': %s\n", prog, path, strerror(-err));
		return err;
	}
	ef->elf = elf_begin(ef->fd, ELF_C_READ_MMAP, NULL);
	if (!ef->elf || elf_kind(ef->elf) != ELF_K_ELF) {
		pr_warn("prog '%s': can't attach %s: not an ELF file\n", prog, what);
		elf_end(ef->elf);
		close(ef->fd);
		return -EINVAL;
	}
	return 0;
}

static void elf_file_close(struct elf_file *ef)
{
	elf_end(ef->elf);
	close(ef->fd);
}

long elf_func_offset(const char *prog, const char *path, const char *func)
{
	struct elf_file ef;
	char what[PATH_MAX + 300];
	long off;
	int err;

	snprintf(what, sizeof(what), "uprobe to '%s:%s'", path, func);
	err = elf_file_open(prog, what, path, &ef);
	if (err)
		return err;
	off = func_offset(ef.elf, func);
	if (off < 0)
		pr_warn("prog '%s': can't attach %s: binary has no such symbol "
			"(no function '%s' in its symbol tables)\n", prog, what, func);
	elf_file_close(&ef);
	return off;
}

int elf_syms_offsets(const char *prog, const char *what, const char *path,
		     const char *const *syms, size_t cnt, unsigned long *offsets)
{
	struct elf_file ef;
	size_t i;
	long off;
	int err;

	err = elf_file_open(prog, what, path, &ef);
	if (err)
		return err;
	for (i = 0; i < cnt; i++) {
		off = syms[i] ? func_offset(ef.elf, syms[i]) : -EINVAL;
		if (off < 0) {
			err = (int)off;
			pr_warn("prog '%s': can't attach %s: no function '%s' in '%s'\n", prog,
				what, syms[i] ? syms[i] : "(null)", path);
			break;
		}
		offsets[i] = off;
	}
	elf_file_close(&ef);
	return err;
}

/* Offsets of the functions matching a glob. */
struct pattern_match {
	const char *pattern;
	unsigned long *offsets;
	size_t cnt, cap;
};

static int match_one(const struct elf_func *f, void *ctx)
{
	struct pattern_match *m = ctx;
	unsigned long *p;

	if (fnmatch(m->pattern, f->name, 0))
		return 0;
	if (m->cnt == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		p = realloc(m->offsets, m->cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		m->offsets = p;
	}
	m->offsets[m->cnt++] = f->offset;
	return 0;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* Sort and drop repeats: aliases of one function share its offset. */
static void offsets_unique(struct pattern_match *m)
{
	size_t i, n = 0;

	qsort(m->offsets, m->cnt, sizeof(*m->offsets), cmp_ulong);
	for (i = 0; i < m->cnt; i++)
		if (!n || m->offsets[n - 1] != m->offsets[i])
			m->offsets[n++] = m->offsets[i];
	m->cnt = n;
}

int elf_pattern_offsets(const char *prog, const char *what, const char *path,
			const char *pattern, unsigned long **offsets, size_t *cnt)
{
	struct pattern_match m = { .pattern = pattern };
	struct elf_file ef;
	Elf_Scn *scn;
	GElf_Shdr sh;
	size_t i;
	int err;

	err = elf_file_open(prog, what, path, &ef);
	if (err)
		return err;
	/* .dynsym repeats what .symtab has: read it only when .symtab matched nothing */
	for (i = 0; !err && !m.cnt && i < SYMTAB_TYPES; i++) {
		scn = find_section(ef.elf, symtab_types[i], &sh);
		if (scn)
			err = symtab_for_each_func(ef.elf, scn, &sh, match_one, &m);
	}
	elf_file_close(&ef);
	if (!err && !m.cnt) {
		pr_warn("prog '%s': can't attach %s: no function matching '%s' in '%s'\n", prog,
			what, pattern, path);
		err = -ENOENT;
	}
	if (err) {
		free(m.offsets);
		return err;
	}
	offsets_unique(&m);
	*offsets = m.offsets;
	*cnt = m.cnt;
	return 0;
}
