// SPDX-License-Identifier: BSD-2-Clause
/*
 * Symbol resolution of the linker. Local symbols are copied; a global
 * symbol is kept once by name: a strong definition beats weak ones, an
 * extern is resolved by a definition in any file, two strong definitions
 * are an error, and the BTF of every declaration must agree with the
 * definition (maps: the whole definition).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_strset.h"
#include "linker_internal.h"
#include "log.h"

int linker_strtab_add(struct bpf_linker *linker, const char *s)
{
	return btf_strset_add(linker->strtab, s);
}

/* Append sym (its name added to .strtab); its index in *idx. */
int linker_add_symbol(struct bpf_linker *linker, const GElf_Sym *sym, const char *name,
		      size_t *idx)
{
	Elf64_Sym *syms = linker->syms;
	int name_off = linker_strtab_add(linker, name);

	if (name_off < 0)
		return name_off;
	if (linker->sym_cnt == linker->sym_cap) {
		size_t cap = linker->sym_cap ? linker->sym_cap * 2 : 64;

		syms = realloc(syms, cap * sizeof(*syms));
		if (!syms)
			return -ENOMEM;
		linker->syms = syms;
		linker->sym_cap = cap;
	}
	syms[linker->sym_cnt] = *sym;
	syms[linker->sym_cnt].st_name = name_off;
	*idx = linker->sym_cnt++;
	return 0;
}

struct linker_glob *linker_glob_find(struct bpf_linker *linker, const char *name)
{
	size_t i;

	for (i = 0; i < linker->glob_cnt; i++)
		if (!strcmp(linker->globs[i].name, name))
			return &linker->globs[i];
	return NULL;
}

static struct linker_glob *glob_add(struct bpf_linker *linker, const char *name,
				    const char *file)
{
	struct linker_glob *globs, *g;

	globs = realloc(linker->globs, (linker->glob_cnt + 1) * sizeof(*globs));
	if (!globs)
		return NULL;
	linker->globs = globs;
	g = &globs[linker->glob_cnt];
	memset(g, 0, sizeof(*g));
	g->var_idx = -1;
	g->name = strdup(name);
	g->file = strdup(file);
	if (!g->name || !g->file) {
		free(g->name);
		free(g->file);
		return NULL;
	}
	linker->glob_cnt++;
	return g;
}

/* Where a symbol goes: its output section, or none (extern, absolute). */
struct sym_place {
	struct linker_src_sec *src_sec;
	struct linker_sec *dst_sec;
};

/* The BTF of global name, and for a declared extern the section it is declared in. */
static int glob_lookup_btf(struct bpf_linker *linker, struct linker_src *src, const char *name,
			   bool is_extern, struct sym_place *at, __u32 *btf_id)
{
	__u32 sec_id = 0;
	const char *sec_name;
	int err;

	if (!src->btf) {
		pr_warn("linker: '%s' has no BTF, needed for its global symbol '%s'\n", src->name,
			name);
		return -EINVAL;
	}
	err = linker_find_glob_btf(src, name, &sec_id, btf_id);
	if (err || !is_extern || !sec_id)
		return err;
	sec_name = btf__name_by_offset(src->btf, btf__type_by_id(src->btf, sec_id)->name_off);
	/* externs in .extern have no section: like functions, they go nowhere */
	if (!strcmp(sec_name, ".extern"))
		return 0;
	at->src_sec = linker_src_sec_by_name(src, sec_name);
	if (!at->src_sec) {
		pr_warn("linker: '%s': extern '%s' is declared in section %s, which is missing\n",
			src->name, name, sec_name);
		return -ENOENT;
	}
	at->dst_sec = &linker->secs[at->src_sec->dst_id];
	return 0;
}

static bool globs_match(struct bpf_linker *linker, struct linker_glob *g,
			struct linker_src *src, __u32 btf_id)
{
	const struct btf_type *t = btf__type_by_id(src->btf, btf_id);

	if (!g->btf_id || !btf_id) {
		pr_warn("linker: global '%s' has no BTF in '%s' or an earlier file\n", g->name,
			src->name);
		return false;
	}
	if (!btf_is_var(t) && !btf_is_func(t)) {
		pr_warn("linker: global '%s' in '%s' is neither a variable nor a function\n",
			g->name, src->name);
		return false;
	}
	if (g->sec_id && !strcmp(linker->secs[g->sec_id].name, ".maps"))
		return linker_map_defs_match(g->name, linker->btf, g->btf_id, g->file, src->btf,
					     btf_id, src->name);
	return linker_btf_types_match(g->name, linker->btf, g->btf_id, g->file, src->btf, btf_id,
				      src->name);
}

static void sym_set_bind(Elf64_Sym *s, int bind)
{
	s->st_info = ELF64_ST_INFO(bind, ELF64_ST_TYPE(s->st_info));
}

/* Copy the definition of sym over the kept symbol of g (an extern or weak one). */
static int glob_take_definition(struct bpf_linker *linker, struct linker_glob *g,
				struct linker_src *src, const Elf64_Sym *sym,
				const struct sym_place *at, __u32 btf_id)
{
	Elf64_Sym *dst = &linker->syms[g->sym_idx];
	char *file;

	if (!at->dst_sec) {
		pr_warn("linker: '%s': global '%s' is defined outside any section\n", src->name,
			g->name);
		return -EINVAL;
	}
	file = strdup(src->name);
	if (!file)
		return -ENOMEM;
	free(g->file);
	g->file = file;
	dst->st_info = ELF64_ST_INFO(ELF64_ST_BIND(dst->st_info), ELF64_ST_TYPE(sym->st_info));
	dst->st_shndx = at->dst_sec->elf_idx;
	dst->st_value = at->src_sec->dst_off + sym->st_value;
	dst->st_size = sym->st_size;
	g->sec_id = at->dst_sec - linker->secs;
	g->is_extern = false;
	if (linker_complete_extern(linker->btf, g->btf_id, src->btf, btf_id))
		return -EINVAL;
	/* the VAR or FUNC now takes its type from this file's BTF */
	g->underlying = 0;
	return 0;
}

/* sym is another appearance of the global g: resolve which one wins. */
static int glob_merge(struct bpf_linker *linker, struct linker_glob *g, struct linker_src *src,
		      const Elf64_Sym *sym, const struct sym_place *at, __u32 btf_id)
{
	bool is_extern = sym->st_shndx == SHN_UNDEF;
	int bind = ELF64_ST_BIND(sym->st_info), vis = ELF64_ST_VISIBILITY(sym->st_other);
	Elf64_Sym *dst;

	if (!is_extern && !g->is_extern && !g->is_weak && bind != STB_WEAK) {
		pr_warn("linker: symbol '%s' is defined in both '%s' and '%s' (neither is weak)\n",
			g->name, g->file, src->name);
		return -EINVAL;
	}
	if (!globs_match(linker, g, src, btf_id))
		return -EINVAL;
	dst = &linker->syms[g->sym_idx];
	/* one strong declaration makes the symbol strong */
	if (bind == STB_GLOBAL) {
		sym_set_bind(dst, STB_GLOBAL);
		g->is_weak = false;
	}
	/* hidden is the stricter visibility, and wins */
	if (vis > ELF64_ST_VISIBILITY(dst->st_other))
		dst->st_other = (dst->st_other & ~3) | vis;
	if (is_extern || (!g->is_extern && bind == STB_WEAK))
		return 0;
	return glob_take_definition(linker, g, src, sym, at, btf_id);
}

static int sym_add_new(struct bpf_linker *linker, struct linker_src *src, size_t i,
		       const char *name, const struct sym_place *at)
{
	const Elf64_Sym *sym = &src->syms[i];
	GElf_Sym out = *sym;
	struct linker_glob *g;
	size_t idx;
	int err;

	if (at->dst_sec) {
		out.st_shndx = at->dst_sec->elf_idx;
		out.st_value += at->src_sec->dst_off;
	}
	if (ELF64_ST_TYPE(sym->st_info) == STT_SECTION && at->dst_sec)
		out.st_value = 0;
	err = linker_add_symbol(linker, &out, name, &idx);
	if (err)
		return err;
	src->sym_map[i] = idx;
	if (ELF64_ST_TYPE(sym->st_info) == STT_SECTION && at->dst_sec)
		at->dst_sec->sec_sym = idx;
	if (ELF64_ST_BIND(sym->st_info) == STB_LOCAL)
		return 0;
	g = glob_add(linker, name, src->name);
	if (!g)
		return -ENOMEM;
	g->sym_idx = idx;
	g->sec_id = at->dst_sec ? (size_t)(at->dst_sec - linker->secs) : 0;
	g->is_extern = sym->st_shndx == SHN_UNDEF;
	g->is_weak = ELF64_ST_BIND(sym->st_info) == STB_WEAK;
	return 0;
}

static int sym_add(struct bpf_linker *linker, struct linker_src *src, size_t i)
{
	const Elf64_Sym *sym = &src->syms[i];
	const char *name = linker_sym_name(src, sym);
	bool is_extern = sym->st_shndx == SHN_UNDEF;
	struct sym_place at = { NULL, NULL };
	struct linker_glob *g;
	__u32 btf_id = 0;
	int err;

	if (!is_extern && sym->st_shndx < SHN_LORESERVE) {
		at.src_sec = &src->secs[sym->st_shndx];
		if (at.src_sec->skipped)
			return 0;
		at.dst_sec = &linker->secs[at.src_sec->dst_id];
		/* one section symbol per output section */
		if (ELF64_ST_TYPE(sym->st_info) == STT_SECTION && at.dst_sec->sec_sym) {
			src->sym_map[i] = at.dst_sec->sec_sym;
			return 0;
		}
	}
	if (ELF64_ST_BIND(sym->st_info) == STB_LOCAL)
		return sym_add_new(linker, src, i, name, &at);
	err = glob_lookup_btf(linker, src, name, is_extern, &at, &btf_id);
	if (err)
		return err;
	g = linker_glob_find(linker, name);
	if (!g)
		return sym_add_new(linker, src, i, name, &at);
	src->sym_map[i] = g->sym_idx;
	return glob_merge(linker, g, src, sym, &at, btf_id);
}

/* Every symbol of src into the output symbol table, globals resolved. */
int linker_add_symbols(struct bpf_linker *linker, struct linker_src *src)
{
	size_t i;
	int err;

	src->sym_map = calloc(src->sym_cnt, sizeof(*src->sym_map));
	if (!src->sym_map)
		return -ENOMEM;
	for (i = 1; i < src->sym_cnt; i++) {
		err = sym_add(linker, src, i);
		if (err)
			return err;
	}
	return 0;
}
