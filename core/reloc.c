// SPDX-License-Identifier: BSD-2-Clause
/*
 * Relocations. At open, each ELF relocation of a program section is
 * recorded against the function it falls in: a map, a global variable, a
 * sub-program call or callback address, or an extern. At load, every
 * entry program gets its own copy of the sub-programs it reaches (appended
 * after its own code, once each), the calls are pointed at those copies,
 * map and data references at the created maps, and the .BTF.ext records
 * (func_info, line_info, CO-RE) are moved along with the instructions.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_ext.h"
#include "core_relo.h"
#include "log.h"
#include "object_internal.h"

static bool is_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL);
}

static bool is_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static int prog_add_relo(struct bpf_program *prog, const struct reloc_desc *desc)
{
	struct reloc_desc *r = realloc(prog->relos, (prog->nr_relos + 1) * sizeof(*r));

	if (!r)
		return -ENOMEM;
	prog->relos = r;
	r[prog->nr_relos++] = *desc;
	return 0;
}

static int extern_by_sym(const struct bpf_object *obj, size_t sym_idx)
{
	int i;

	for (i = 0; i < obj->nr_extern; i++)
		if (obj->externs[i].sym_idx == (int)sym_idx)
			return i;
	return -1;
}

static struct bpf_map *map_by_sym(struct bpf_object *obj, const GElf_Sym *sym)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++)
		if (obj->maps[i].origin == MAP_USER && obj->maps[i].sec_offset == sym->st_value)
			return &obj->maps[i];
	return NULL;
}

/* Classify one relocation of prog at its instruction insn. */
static int relo_classify(struct bpf_object *obj, struct bpf_program *prog,
			 const struct bpf_insn *insn, size_t sym_idx, const GElf_Sym *sym,
			 const char *sym_name, struct reloc_desc *desc)
{
	size_t shndx = sym->st_shndx;
	struct bpf_map *map;

	if (shndx == SHN_UNDEF) {
		desc->ext_idx = extern_by_sym(obj, sym_idx);
		if (desc->ext_idx < 0)
			goto missing;
		desc->type = is_call(insn) ? RELO_EXTERN_CALL : RELO_EXTERN;
		if (desc->type == RELO_EXTERN && !is_ldimm64(insn))
			goto bad_insn;
		return 0;
	}
	if (shndx >= obj->sec_cnt)
		goto missing;
	if (is_call(insn) && insn->src_reg == BPF_PSEUDO_CALL) {
		if ((int)shndx != obj->text_shndx)
			goto bad_target;
		desc->type = RELO_CALL;
		desc->sym_off = sym->st_value / sizeof(struct bpf_insn) + insn->imm + 1;
		return 0;
	}
	if (!is_ldimm64(insn))
		goto bad_insn;
	if ((int)shndx == obj->text_shndx) {
		if ((sym->st_value + insn->imm) % sizeof(struct bpf_insn))
			goto bad_target;
		desc->type = RELO_SUBPROG_ADDR;
		desc->sym_off = (sym->st_value + insn->imm) / sizeof(struct bpf_insn);
		return 0;
	}
	if ((int)shndx == obj->maps_shndx) {
		map = map_by_sym(obj, sym);
		if (!map)
			goto missing;
		desc->type = RELO_MAP;
		desc->map_idx = map - obj->maps;
		return 0;
	}
	map = object_map_by_sec(obj, shndx);
	if (map) {
		desc->type = RELO_DATA;
		desc->map_idx = map - obj->maps;
		desc->sym_off = GELF_ST_TYPE(sym->st_info) == STT_SECTION ? 0 : sym->st_value;
		return 0;
	}
bad_target:
	pr_warn("prog '%s': relocation at insn %d against '%s' in section '%s' is not supported\n",
		prog->name, desc->insn_idx, sym_name, elf_sec_name_by_idx(obj, shndx));
	return -EOPNOTSUPP;
bad_insn:
	pr_warn("prog '%s': relocation at insn %d against '%s' is on an instruction (code 0x%02x) "
		"that cannot be relocated\n", prog->name, desc->insn_idx, sym_name, insn->code);
	return -EINVAL;
missing:
	pr_warn("prog '%s': relocation at insn %d against missing symbol '%s'\n", prog->name,
		desc->insn_idx, sym_name);
	return -ENOENT;
}

static int relo_record(struct bpf_object *obj, size_t target_sec, const GElf_Rel *rel)
{
	const struct elf_sec *tsec = &obj->secs[target_sec];
	size_t sym_idx = GELF_R_SYM(rel->r_info);
	struct reloc_desc desc = {};
	struct bpf_program *prog;
	const char *sym_name;
	GElf_Sym sym;
	size_t insn_idx;

	if (rel->r_offset % sizeof(struct bpf_insn) || rel->r_offset >= tsec->data->d_size) {
		pr_warn("elf: '%s': relocation offset %zu is outside section '%s'\n", obj->path,
			(size_t)rel->r_offset, tsec->name);
		return -EINVAL;
	}
	if (!elf_sym(obj, sym_idx, &sym) || !(sym_name = elf_sym_name(obj, &sym))) {
		pr_warn("elf: '%s': relocation in '%s' names symbol %zu which does not exist\n",
			obj->path, tsec->name, sym_idx);
		return -EINVAL;
	}
	insn_idx = rel->r_offset / sizeof(struct bpf_insn);
	prog = object_prog_at_insn(obj, target_sec, insn_idx);
	if (!prog) {
		pr_warn("elf: '%s': relocation at insn %zu of '%s' is outside every function\n",
			obj->path, insn_idx, tsec->name);
		return -EINVAL;
	}
	desc.insn_idx = insn_idx - prog->sec_insn_off;
	if (is_ldimm64(&prog->insns[desc.insn_idx]) &&
	    (size_t)desc.insn_idx + 1 >= prog->insns_cnt) {
		pr_warn("prog '%s': ld_imm64 at insn %d is cut short\n", prog->name,
			desc.insn_idx);
		return -EINVAL;
	}
	desc.map_idx = desc.ext_idx = -1;
	{
		int err = relo_classify(obj, prog, &prog->insns[desc.insn_idx], sym_idx, &sym,
					sym_name, &desc);
		if (err)
			return err;
	}
	return prog_add_relo(prog, &desc);
}

int reloc_collect(struct bpf_object *obj, size_t relo_sec_idx)
{
	const struct elf_sec *sec = &obj->secs[relo_sec_idx];
	size_t target = sec->shdr.sh_info;
	size_t i, n;
	GElf_Rel rel;
	int err;

	if (target >= obj->sec_cnt || obj->secs[target].kind != SEC_PROGS)
		return 0;	/* .rel.BTF, .rel.BTF.ext and debug sections */
	if ((int)sec->shdr.sh_link != obj->symtab_shndx) {
		pr_warn("elf: '%s': relocation section '%s' does not use the symbol table\n",
			obj->path, sec->name);
		return -EINVAL;
	}
	n = sec->data->d_size / sizeof(Elf64_Rel);
	for (i = 0; i < n; i++) {
		if (!gelf_getrel(sec->data, i, &rel))
			return -EINVAL;
		err = relo_record(obj, target, &rel);
		if (err)
			return err;
	}
	return 0;
}

/* ---- linking: one image per entry program ---- */

struct placed {
	struct bpf_program *prog;
	size_t off;		/* first instruction in the image */
};

struct image {
	struct bpf_program *main;
	struct placed *placed;
	size_t nr_placed;
	struct core_relo_ctx *core;
};

static int image_append(struct image *img, struct bpf_program *sub, size_t *off)
{
	struct bpf_program *main = img->main;
	struct bpf_insn *insns;
	struct placed *p;
	size_t i;

	for (i = 0; i < img->nr_placed; i++) {
		if (img->placed[i].prog == sub) {
			*off = img->placed[i].off;
			return 0;
		}
	}
	insns = realloc(main->insns, (main->insns_cnt + sub->sec_insn_cnt) * sizeof(*insns));
	if (!insns)
		return -ENOMEM;
	main->insns = insns;
	p = realloc(img->placed, (img->nr_placed + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	img->placed = p;
	/* sub is main itself for the first placement: the regions may coincide */
	memmove(insns + main->insns_cnt, sub->insns, sub->sec_insn_cnt * sizeof(*insns));
	p[img->nr_placed].prog = sub;
	p[img->nr_placed].off = main->insns_cnt;
	img->nr_placed++;
	*off = main->insns_cnt;
	main->insns_cnt += sub->sec_insn_cnt;
	return 0;
}

/* Point a call or callback address at sec_insn (an instruction of .text). */
static int image_link_site(struct image *img, size_t site, size_t target_sec,
			   size_t target_insn, bool addr)
{
	struct bpf_object *obj = img->main->obj;
	struct bpf_program *sub = object_prog_at_insn(obj, target_sec, target_insn);
	struct bpf_insn *insn;
	size_t off;
	int err;

	if (!sub || (sub->sec_idx == img->main->sec_idx && !sub->is_subprog)) {
		pr_warn("prog '%s': call at insn %zu targets insn %zu of '%s', which is no "
			"sub-program\n", img->main->name, site, target_insn,
			elf_sec_name_by_idx(obj, target_sec));
		return -EINVAL;
	}
	err = image_append(img, sub, &off);
	if (err)
		return err;
	insn = &img->main->insns[site];
	off += target_insn - sub->sec_insn_off;
	insn->imm = (int)off - (int)(site + 1);
	if (addr) {
		insn->src_reg = BPF_PSEUDO_FUNC;
		insn[1].imm = 0;
	}
	return 0;
}

static int relo_cmp(const void *a, const void *b)
{
	const struct reloc_desc *x = a, *y = b;

	return x->insn_idx < y->insn_idx ? -1 : x->insn_idx > y->insn_idx;
}

/* The relocation of instruction insn_idx; prog->relos is sorted by then. */
static const struct reloc_desc *relo_at(const struct bpf_program *prog, size_t insn_idx)
{
	struct reloc_desc key = { .insn_idx = insn_idx };

	if (!prog->nr_relos)
		return NULL;
	return bsearch(&key, prog->relos, prog->nr_relos, sizeof(key), relo_cmp);
}

/* Calls and callbacks of one placed function: relocated ones and same-section ones. */
static int image_link_calls(struct image *img, size_t idx)
{
	struct bpf_program *p = img->placed[idx].prog;
	size_t base = img->placed[idx].off;
	const struct reloc_desc *r;
	size_t i, target;
	int err;

	for (i = 0; i < p->sec_insn_cnt; i++) {
		const struct bpf_insn *insn = &p->insns[i];

		r = relo_at(p, i);
		if (r && (r->type == RELO_CALL || r->type == RELO_SUBPROG_ADDR)) {
			err = image_link_site(img, base + i, p->obj->text_shndx, r->sym_off,
					      r->type == RELO_SUBPROG_ADDR);
		} else if (!r && is_call(insn) && insn->src_reg == BPF_PSEUDO_CALL) {
			target = p->sec_insn_off + i + insn->imm + 1;
			err = image_link_site(img, base + i, p->sec_idx, target, false);
		} else {
			continue;
		}
		if (err)
			return err;
	}
	return 0;
}

static void relo_apply_extern(struct bpf_object *obj, struct bpf_insn *insn,
			      const struct reloc_desc *r)
{
	const struct extern_desc *ext = &obj->externs[r->ext_idx];

	if (ext->type == EXT_KCFG) {
		insn[0].src_reg = obj->gen ? BPF_PSEUDO_MAP_IDX_VALUE : BPF_PSEUDO_MAP_VALUE;
		insn[0].imm = obj->gen ? obj->kconfig_map_idx : obj->maps[obj->kconfig_map_idx].fd;
		insn[1].imm = ext->kcfg.data_off;
	} else if (ext->ksym.is_func && r->type == RELO_EXTERN_CALL) {
		insn[0].src_reg = ext->is_set ? BPF_PSEUDO_KFUNC_CALL : 0;
		insn[0].imm = ext->is_set ? ext->ksym.kernel_btf_id : 0;
		insn[0].off = 0;
	} else if (ext->is_set) {
		/*
		 * A variable's or a kfunc's address (bpf_ksym_exists()): both are
		 * ld_imm64 of a BTF id; a kfunc's in vmlinux BTF, so no module fd.
		 */
		insn[0].src_reg = BPF_PSEUDO_BTF_ID;
		insn[0].imm = ext->ksym.kernel_btf_id;
		insn[1].imm = 0;
	} else {
		/* unresolved __weak variable or kfunc: its address reads as NULL */
		insn[0].src_reg = 0;
		insn[0].imm = 0;
		insn[1].imm = 0;
	}
}

/*
 * A loader program resolves a __ksym when it runs: the instruction gets
 * the pseudo source that takes a BTF id, and the id (and a module's BTF
 * fd) comes later.
 */
static int image_keep_ksym(struct bpf_program *main, struct bpf_insn *insn,
			   const struct reloc_desc *r)
{
	const struct extern_desc *ext = &main->obj->externs[r->ext_idx];
	bool call = ext->ksym.is_func && r->type == RELO_EXTERN_CALL;
	struct ksym_site *s;

	s = realloc(main->ksym_sites, (main->nr_ksym_sites + 1) * sizeof(*s));
	if (!s)
		return -ENOMEM;
	main->ksym_sites = s;
	s[main->nr_ksym_sites++] = (struct ksym_site){ .insn_idx = insn - main->insns,
						       .ext_idx = r->ext_idx, .call = call };
	insn[0].src_reg = call ? BPF_PSEUDO_KFUNC_CALL : BPF_PSEUDO_BTF_ID;
	insn[0].imm = 0;
	if (call)
		insn[0].off = 0;
	else
		insn[1].imm = 0;
	return 0;
}

/*
 * The ld_imm64 of a map left out by bpf_map__set_autocreate() becomes two
 * calls of a helper that does not exist: the verifier accepts them as dead
 * code, and otherwise names the call, which the loader turns into the map.
 */
static bool map_poison(const struct bpf_program *p, struct bpf_insn *insn, int map_idx)
{
	const struct bpf_map *map = &p->obj->maps[map_idx];
	int i;

	if (map->autocreate || map->fd >= 0)
		return false;
	pr_debug("prog '%s': poisoning the load of map '%s', which is not created\n", p->name,
		 map->name);
	for (i = 0; i < 2; i++) {
		insn[i].code = BPF_JMP | BPF_CALL;
		insn[i].dst_reg = 0;
		insn[i].src_reg = 0;
		insn[i].off = 0;
		insn[i].imm = POISON_MAP_BASE + map_idx;
	}
	return true;
}

static int image_apply_data_relos(struct image *img, size_t idx)
{
	struct bpf_program *p = img->placed[idx].prog;
	struct bpf_object *obj = p->obj;
	int i;

	for (i = 0; i < p->nr_relos; i++) {
		const struct reloc_desc *r = &p->relos[i];
		struct bpf_insn *insn = &img->main->insns[img->placed[idx].off + r->insn_idx];

		switch (r->type) {
		case RELO_MAP:
			if (map_poison(p, insn, r->map_idx))
				break;
			/* a loader program's maps are its fd_array, by map index */
			insn[0].src_reg = obj->gen ? BPF_PSEUDO_MAP_IDX : BPF_PSEUDO_MAP_FD;
			insn[0].imm = obj->gen ? r->map_idx : obj->maps[r->map_idx].fd;
			break;
		case RELO_DATA:
			if (map_poison(p, insn, r->map_idx))
				break;
			insn[1].imm = insn[0].imm + r->sym_off;
			insn[0].src_reg = obj->gen ? BPF_PSEUDO_MAP_IDX_VALUE : BPF_PSEUDO_MAP_VALUE;
			insn[0].imm = obj->gen ? r->map_idx : obj->maps[r->map_idx].fd;
			break;
		case RELO_EXTERN:
		case RELO_EXTERN_CALL:
			if (obj->gen && obj->externs[r->ext_idx].type == EXT_KSYM) {
				int err = image_keep_ksym(img->main, insn, r);

				if (err)
					return err;
				break;
			}
			relo_apply_extern(obj, insn, r);
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Append the kind of .BTF.ext records that fall into placed function idx. */
static int image_copy_ext(struct image *img, size_t idx, enum btf_ext_kind kind,
			  void **out, __u32 *cnt, __u32 *rec_size)
{
	const struct bpf_program *p = img->placed[idx].prog;
	const struct btf_ext_sec *sec;
	size_t lo = p->sec_insn_off * 8, hi = lo + p->sec_insn_cnt * 8;
	__u32 i, n = 0;
	char *buf;

	sec = p->obj->btf_ext ? btf_ext_find_sec(p->obj->btf_ext, kind, p->sec_name) : NULL;
	if (!sec)
		return 0;
	for (i = 0; i < sec->rec_cnt; i++) {
		const __u32 *off = btf_ext_rec(sec, i);

		n += *off >= lo && *off < hi;
	}
	if (!n)
		return 0;
	if (*rec_size && *rec_size != sec->rec_size)
		return -EINVAL;
	*rec_size = sec->rec_size;
	buf = realloc(*out, (size_t)(*cnt + n) * sec->rec_size);
	if (!buf)
		return -ENOMEM;
	*out = buf;
	for (i = 0; i < sec->rec_cnt; i++) {
		const __u32 *off = btf_ext_rec(sec, i);
		__u32 *dst;

		if (*off < lo || *off >= hi)
			continue;
		dst = (__u32 *)(buf + (size_t)*cnt * sec->rec_size);
		memcpy(dst, off, sec->rec_size);
		/* func_info and line_info count instructions in the kernel */
		*dst = (*off - lo) / 8 + img->placed[idx].off;
		(*cnt)++;
	}
	return 0;
}

/* A loader program leaves CO-RE to the kernel: keep the record, at its place in the image. */
static int image_keep_core(struct bpf_program *main, const struct bpf_core_relo *relo)
{
	struct bpf_core_relo *r;

	r = realloc(main->core_relos, (main->core_relo_cnt + 1) * sizeof(*r));
	if (!r)
		return -ENOMEM;
	main->core_relos = r;
	r[main->core_relo_cnt++] = *relo;
	return 0;
}

static int image_apply_core(struct image *img, size_t idx)
{
	const struct bpf_program *p = img->placed[idx].prog;
	const struct btf_ext_sec *sec;
	size_t lo = p->sec_insn_off * 8, hi = lo + p->sec_insn_cnt * 8;
	struct bpf_core_relo relo;
	__u32 i;
	int err;

	sec = p->obj->btf_ext ? btf_ext_find_sec(p->obj->btf_ext, BTF_EXT_CORE_RELO,
						 p->sec_name) : NULL;
	if (!sec || (!img->core && !p->obj->gen))
		return 0;
	for (i = 0; i < sec->rec_cnt; i++) {
		memcpy(&relo, btf_ext_rec(sec, i), sizeof(relo));
		if (relo.insn_off < lo || relo.insn_off >= hi)
			continue;
		relo.insn_off = relo.insn_off - lo + img->placed[idx].off * 8;
		if (p->obj->gen) {
			err = image_keep_core(img->main, &relo);
			if (err)
				return err;
			continue;
		}
		err = core_relo_apply(img->core, img->main->name, i, img->main->insns,
				      img->main->insns_cnt, &relo);
		if (err)
			return err;
	}
	return 0;
}

static int image_link(struct image *img)
{
	struct bpf_program *m = img->main;
	size_t i;
	int err;

	err = image_append(img, m, &i);	/* the entry program itself, at 0 */
	if (err)
		return err;
	for (i = 0; i < img->nr_placed; i++) {
		err = image_link_calls(img, i);
		if (err)
			return err;
	}
	for (i = 0; i < img->nr_placed; i++) {
		err = image_apply_data_relos(img, i);
		if (!err)
			err = image_copy_ext(img, i, BTF_EXT_FUNC_INFO, &m->func_info,
					     &m->func_info_cnt, &m->func_info_rec_size);
		if (!err)
			err = image_copy_ext(img, i, BTF_EXT_LINE_INFO, &m->line_info,
					     &m->line_info_cnt, &m->line_info_rec_size);
		if (!err)
			err = image_apply_core(img, i);
		if (err)
			return err;
	}
	return 0;
}

static bool object_has_core_relos(const struct bpf_object *obj)
{
	return obj->btf_ext && btf_ext_sec_cnt(obj->btf_ext, BTF_EXT_CORE_RELO) > 0;
}

int reloc_link_programs(struct bpf_object *obj)
{
	struct core_relo_ctx *core = NULL;
	size_t i;
	int err = 0;

	if (object_has_core_relos(obj) && !obj->gen) {
		err = btf_vmlinux_load(obj);
		if (err)
			return err;
		core = core_relo_ctx_new(obj->btf, obj->btf_vmlinux);
		if (!core) {
			pr_warn("object '%s': CO-RE set-up failed: %s\n", obj->name,
				strerror(errno));
			return -errno;
		}
	}
	for (i = 0; i < obj->nr_programs; i++)
		if (obj->progs[i].nr_relos)
			qsort(obj->progs[i].relos, obj->progs[i].nr_relos,
			      sizeof(*obj->progs[i].relos), relo_cmp);
	for (i = 0; i < obj->nr_programs && !err; i++) {
		struct image img = { .main = &obj->progs[i], .core = core };

		/* bpf_program__set_insns() before linking: loaded as given */
		if (img.main->is_subprog || !img.main->autoload || img.main->insns_set)
			continue;
		/* image_append() copies main's instructions again: start empty */
		img.main->insns_cnt = 0;
		img.main->core_relo_cnt = 0;
		img.main->nr_ksym_sites = 0;
		err = image_link(&img);
		free(img.placed);
	}
	core_relo_ctx_free(core);
	return err;
}
