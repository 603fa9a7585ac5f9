// SPDX-License-Identifier: BSD-2-Clause
/*
 * The skeleton runtime: what a header from "gen skeleton" (bpfctl's or
 * bpftool's) calls to open its embedded object, load it, attach its
 * programs and tear it down.
 *
 * Global data maps (.data, .rodata, .bss, ...) are given to the program
 * as memory: at open, an anonymous mapping holding the initial value, so
 * that the program can set variables before load; at load, that memory
 * becomes the initial value of the map, and the map itself is then mapped
 * at the same address, so the pointers in the skeleton keep working and
 * now read and write the kernel's copy.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "log.h"
#include "object_internal.h"
#include "opts.h"

static struct bpf_map_skeleton *map_skel(const struct bpf_object_skeleton *s, int i)
{
	return (struct bpf_map_skeleton *)((char *)s->maps + (size_t)i * s->map_skel_sz);
}

static struct bpf_prog_skeleton *prog_skel(const struct bpf_object_skeleton *s, int i)
{
	return (struct bpf_prog_skeleton *)((char *)s->progs + (size_t)i * s->prog_skel_sz);
}

/* The whole value of a one-element array map, in pages, as the kernel maps it. */
static size_t map_mmap_size(const struct bpf_map *map)
{
	size_t page = sysconf(_SC_PAGE_SIZE);
	size_t size = ((size_t)bpf_map__value_size(map) + 7) / 8 * 8;

	size *= bpf_map__max_entries(map) ? bpf_map__max_entries(map) : 1;
	return (size + page - 1) / page * page;
}

/* .kconfig is filled by the loader: the program has no initial value to give. */
static bool map_is_kconfig(const struct bpf_map *map)
{
	const char *name = bpf_map__name(map);
	size_t len = strlen(name);

	return len >= 8 && !strcmp(name + len - 8, ".kconfig");
}

static int skel_check(const struct bpf_object_skeleton *s)
{
	if (!s || s->sz < offsetof(struct bpf_object_skeleton, progs) + sizeof(s->progs) ||
	    !s->obj || !s->data || !s->data_sz) {
		pr_warn("skeleton: incomplete description of the object\n");
		return -EINVAL;
	}
	if ((s->map_cnt && (s->map_skel_sz < (int)(offsetof(struct bpf_map_skeleton, mmaped) +
						    sizeof(void *)) || !s->maps)) ||
	    (s->prog_cnt && (s->prog_skel_sz < (int)sizeof(struct bpf_prog_skeleton) ||
			     !s->progs))) {
		pr_warn("skeleton '%s': map or program table too small\n",
			s->name ? s->name : "?");
		return -EINVAL;
	}
	return 0;
}

/* An anonymous mapping holding the map's initial value, for *mmaped. */
static int map_mem_open(struct bpf_map_skeleton *ms)
{
	const struct bpf_map *map = *ms->map;
	size_t size = map_mmap_size(map), init_sz = 0;
	const void *init = bpf_map__initial_value(map, &init_sz);
	void *mem;

	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		pr_warn("map '%s': can't map %zu bytes for its data: %s\n", bpf_map__name(map),
			size, strerror(errno));
		return -errno;
	}
	if (init)
		memcpy(mem, init, init_sz < size ? init_sz : size);
	*ms->mmaped = mem;
	/* where a subskeleton of a library in this object finds its variables */
	(*ms->map)->mmaped = mem;
	return 0;
}

static void maps_mem_close(const struct bpf_object_skeleton *s)
{
	int i;

	for (i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = map_skel(s, i);

		if (!ms->mmaped || !*ms->mmaped || !ms->map || !*ms->map)
			continue;
		munmap(*ms->mmaped, map_mmap_size(*ms->map));
		*ms->mmaped = NULL;
		(*ms->map)->mmaped = NULL;
	}
}

static int maps_find(struct bpf_object_skeleton *s, struct bpf_object *obj)
{
	int i, err;

	for (i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = map_skel(s, i);
		struct bpf_map *map = bpf_object__find_map_by_name(obj, ms->name);

		if (!map) {
			pr_warn("skeleton '%s': no map '%s' in the object\n", s->name, ms->name);
			return -ESRCH;
		}
		*ms->map = map;
		if (!ms->mmaped)
			continue;
		if (!bpf_map__is_internal(map) || !(bpf_map__map_flags(map) & BPF_F_MMAPABLE)) {
			pr_warn("skeleton '%s': map '%s' holds no global data to map\n", s->name,
				ms->name);
			return -EINVAL;
		}
		err = map_mem_open(ms);
		if (err)
			return err;
	}
	return 0;
}

static int progs_find(struct bpf_object_skeleton *s, struct bpf_object *obj)
{
	int i;

	for (i = 0; i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = prog_skel(s, i);
		struct bpf_program *prog = bpf_object__find_program_by_name(obj, ps->name);

		if (!prog) {
			pr_warn("skeleton '%s': no program '%s' in the object\n", s->name,
				ps->name);
			return -ESRCH;
		}
		*ps->prog = prog;
	}
	return 0;
}

int bpf_object__open_skeleton(struct bpf_object_skeleton *s,
			      const struct bpf_object_open_opts *opts)
{
	struct bpf_object_open_opts o = { .sz = sizeof(o) };
	struct bpf_object *obj;
	int err = skel_check(s);

	if (err)
		return libbpf_err(err);
	if (!opts_valid(opts, sizeof(*opts), "bpf_object_open_opts"))
		return libbpf_err(-EINVAL);
	if (opts)
		memcpy(&o, opts, opts->sz < sizeof(o) ? opts->sz : sizeof(o));
	o.sz = sizeof(o);
	if (!o.object_name)
		o.object_name = s->name;
	obj = bpf_object__open_mem(s->data, s->data_sz, &o);
	if (!obj) {
		err = -errno;
		pr_warn("skeleton '%s': can't open the embedded object: %s\n", s->name,
			strerror(-err));
		return libbpf_err(err);
	}
	*s->obj = obj;
	err = maps_find(s, obj);
	if (!err)
		err = progs_find(s, obj);
	if (err) {
		maps_mem_close(s);
		bpf_object__close(obj);
		*s->obj = NULL;
		return libbpf_err(err);
	}
	return 0;
}

/* What the program wrote before load becomes the map's initial value. */
static int maps_hand_over(const struct bpf_object_skeleton *s)
{
	int i, err;

	for (i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = map_skel(s, i);
		struct bpf_map *map = *ms->map;

		if (!ms->mmaped || !*ms->mmaped || map_is_kconfig(map))
			continue;
		err = bpf_map__set_initial_value(map, *ms->mmaped, bpf_map__value_size(map));
		if (err)
			return err;
	}
	return 0;
}

/* Replace each anonymous mapping by the map's memory, at the same address. */
static int maps_remap(const struct bpf_object_skeleton *s)
{
	int i;

	for (i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = map_skel(s, i);
		const struct bpf_map *map = *ms->map;
		int prot = PROT_READ;
		void *mem;

		if (!ms->mmaped || !*ms->mmaped)
			continue;
		if (!bpf_map__autocreate(map)) {
			/* no map behind it: the skeleton's pointer says so, as libbpf's */
			munmap(*ms->mmaped, map_mmap_size(map));
			*ms->mmaped = NULL;
			continue;
		}
		/* read-only to programs means frozen: the kernel refuses writable maps */
		if (!(bpf_map__map_flags(map) & BPF_F_RDONLY_PROG))
			prot |= PROT_WRITE;
		mem = mmap(*ms->mmaped, map_mmap_size(map), prot, MAP_SHARED | MAP_FIXED,
			   bpf_map__fd(map), 0);
		if (mem == MAP_FAILED) {
			pr_warn("map '%s': can't map its memory: %s\n", bpf_map__name(map),
				strerror(errno));
			return -errno;
		}
	}
	return 0;
}

int bpf_object__load_skeleton(struct bpf_object_skeleton *s)
{
	int err;

	if (!s || !s->obj || !*s->obj)
		return libbpf_err(-EINVAL);
	err = maps_hand_over(s);
	if (!err)
		err = bpf_object__load(*s->obj);
	if (err) {
		pr_warn("skeleton '%s': failed to load the object: %s\n", s->name,
			strerror(err < 0 ? -err : err));
		return libbpf_err(err < 0 ? err : -err);
	}
	return libbpf_err(maps_remap(s));
}

/*
 * The skeleton's map table has room for links (a skeleton of this
 * library's or bpftool's with struct_ops), so struct_ops maps can be
 * registered and their links handed back.
 */
static bool map_skel_has_link(const struct bpf_object_skeleton *s)
{
	return s->map_skel_sz >= (int)(offsetof(struct bpf_map_skeleton, link) +
				       sizeof(struct bpf_link **));
}

/* Register every struct_ops map that was created, as X__attach() does. */
static int attach_struct_ops(struct bpf_object_skeleton *s)
{
	int i, err;

	for (i = 0; map_skel_has_link(s) && i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = map_skel(s, i);
		struct bpf_map *map = ms->map ? *ms->map : NULL;

		/* bpf_map__autoattach() is false for every other map type */
		if (!map || !ms->link || *ms->link || !bpf_map__autoattach(map) ||
		    !bpf_map__autocreate(map))
			continue;
		*ms->link = bpf_map__attach_struct_ops(map);
		if (!*ms->link) {
			err = -errno;
			pr_warn("skeleton '%s': can't register struct_ops map '%s': %s\n",
				s->name, ms->name, strerror(-err));
			return libbpf_err(err);
		}
	}
	return 0;
}

int bpf_object__attach_skeleton(struct bpf_object_skeleton *s)
{
	int i, err;

	if (!s || !s->obj || !*s->obj)
		return libbpf_err(-EINVAL);
	for (i = 0; i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = prog_skel(s, i);
		struct bpf_program *prog = *ps->prog;
		struct bpf_link *link;

		if (!ps->link || *ps->link || !bpf_program__autoload(prog) ||
		    !bpf_program__autoattach(prog))
			continue;
		link = bpf_program__attach(prog);
		if (!link && errno == EOPNOTSUPP)
			continue;	/* its section says nothing of where to attach */
		if (!link) {
			err = -errno;
			pr_warn("skeleton '%s': can't attach program '%s': %s\n", s->name,
				ps->name, strerror(-err));
			return libbpf_err(err);
		}
		*ps->link = link;
	}
	/* programs first, then struct_ops maps, as libbpf */
	return attach_struct_ops(s);
}

void bpf_object__detach_skeleton(struct bpf_object_skeleton *s)
{
	int i;

	for (i = 0; s && i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = prog_skel(s, i);

		if (!ps->link || !*ps->link)
			continue;
		bpf_link__destroy(*ps->link);
		*ps->link = NULL;
	}
	for (i = 0; s && s->maps && map_skel_has_link(s) && i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = map_skel(s, i);

		if (!ms->link || !*ms->link)
			continue;
		bpf_link__destroy(*ms->link);
		*ms->link = NULL;
	}
}

void bpf_object__destroy_skeleton(struct bpf_object_skeleton *s)
{
	if (!s)
		return;
	if (s->progs || s->maps)
		bpf_object__detach_skeleton(s);
	if (s->maps && s->obj && *s->obj)
		maps_mem_close(s);
	if (s->obj) {
		bpf_object__close(*s->obj);
		*s->obj = NULL;
	}
	free(s->maps);
	free(s->progs);
	free(s);
}

/* Tables of at least a name and an object pointer per entry. */
static bool subskel_valid(const struct bpf_object_subskeleton *s)
{
	int min = 2 * sizeof(void *);

	return s && s->obj && (!s->map_cnt || (s->maps && s->map_skel_sz >= min)) &&
	       (!s->prog_cnt || (s->progs && s->prog_skel_sz >= min));
}

/* The offset of variable name in the DATASEC of map; -ESRCH if absent. */
static long datasec_var_offset(const struct bpf_map *map, const char *name)
{
	const struct btf *btf = bpf_object__btf(map->obj);
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec, *var;
	int id, i;

	id = btf ? btf__find_by_name_kind(btf, map->real_name, BTF_KIND_DATASEC) : -ENOENT;
	if (id < 0)
		return -ESRCH;
	sec = btf__type_by_id(btf, id);
	vs = btf_var_secinfos(sec);
	for (i = 0; i < btf_vlen(sec); i++, vs++) {
		var = btf__type_by_id(btf, vs->type);
		if (var && !strcmp(btf__name_by_offset(btf, var->name_off), name))
			return vs->offset;
	}
	return -ESRCH;
}

/*
 * A library variable's address: in the memory the application's skeleton
 * mapped for the variable's section, at the variable's DATASEC offset.
 */
static int subskel_var(const struct bpf_object_subskeleton *s, struct bpf_var_skeleton *v)
{
	const struct bpf_map *map = v->map ? *v->map : NULL;
	long off;

	if (!map) {
		pr_warn("subskeleton: variable '%s' has no map\n", v->name);
		return -EINVAL;
	}
	if (!map->mmaped) {
		pr_warn("subskeleton: variable '%s': map '%s' is not mapped; open object '%s' "
			"with its skeleton first\n", v->name, map->real_name,
			bpf_object__name(s->obj));
		return -EINVAL;
	}
	off = datasec_var_offset(map, v->name);
	if (off < 0 || (size_t)off >= map_mmap_size(map)) {
		pr_warn("subskeleton: no variable '%s' in map '%s'\n", v->name, map->real_name);
		return -ESRCH;
	}
	*v->addr = (char *)map->mmaped + off;
	return 0;
}

int bpf_object__open_subskeleton(struct bpf_object_subskeleton *s)
{
	int i, err;

	if (!subskel_valid(s))
		return libbpf_err(-EINVAL);
	for (i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = (void *)((char *)s->maps +
						       (size_t)i * s->map_skel_sz);

		*ms->map = bpf_object__find_map_by_name(s->obj, ms->name);
		if (!*ms->map) {
			pr_warn("subskeleton: no map '%s' in object '%s'\n", ms->name,
				bpf_object__name(s->obj));
			return libbpf_err(-ESRCH);
		}
	}
	for (i = 0; i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = (void *)((char *)s->progs +
							(size_t)i * s->prog_skel_sz);

		*ps->prog = bpf_object__find_program_by_name(s->obj, ps->name);
		if (!*ps->prog) {
			pr_warn("subskeleton: no program '%s' in object '%s'\n", ps->name,
				bpf_object__name(s->obj));
			return libbpf_err(-ESRCH);
		}
	}
	for (i = 0; i < s->var_cnt; i++) {
		err = subskel_var(s, (struct bpf_var_skeleton *)((char *)s->vars +
								 (size_t)i * s->var_skel_sz));
		if (err)
			return libbpf_err(err);
	}
	return 0;
}

void bpf_object__destroy_subskeleton(struct bpf_object_subskeleton *s)
{
	if (!s)
		return;
	free(s->maps);
	free(s->progs);
	free(s->vars);
	free(s);
}
