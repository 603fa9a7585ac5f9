// SPDX-License-Identifier: BSD-2-Clause
/*
 * The names a skeleton uses, derived as bpftool derives them so headers
 * from either tool declare the same identifiers: the object name from the
 * file name, the include guard, the field of each map and the typed struct
 * of each global data section.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "gen_skel.h"
#include "report.h"

/* Prefixes of the sections that become global data maps. */
static const char *const data_prefixes[] = { ".data", ".rodata", ".bss", ".kconfig" };

void gen_sanitize(char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			*s = '_';
}

void gen_name_from_file(char *name, size_t size, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	snprintf(name, size, "%s", base);
	len = strlen(name);
	if (len > 2 && !strcmp(name + len - 2, ".o"))
		name[len - 2] = '\0';
	gen_sanitize(name);
}

void gen_guard(char *guard, size_t size, const char *name, const char *suffix)
{
	char *p;

	snprintf(guard, size, "__%s_%s__", name, suffix);
	for (p = guard; *p; p++)
		*p = toupper((unsigned char)*p);
}

bool gen_datasec_ident(const char *sec_name, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < sizeof(data_prefixes) / sizeof(data_prefixes[0]); i++) {
		if (strncmp(sec_name, data_prefixes[i], strlen(data_prefixes[i])))
			continue;
		snprintf(buf, size, "%s", sec_name + 1);
		gen_sanitize(buf);
		return true;
	}
	return false;
}

/*
 * A data map is named "<obj>.<sec>" or ".<sec>.<custom>": its identifier
 * is what follows the object name, without the dot.
 */
static bool map_ident(const struct bpf_map *map, char *buf, size_t size, const char **sec_name)
{
	const char *name = bpf_map__name(map);
	size_t i;

	*sec_name = name;
	if (!bpf_map__is_internal(map)) {
		snprintf(buf, size, "%s", name);
		return true;
	}
	for (i = 0; i < sizeof(data_prefixes) / sizeof(data_prefixes[0]); i++) {
		const char *p = strstr(name, data_prefixes[i]);

		if (!p)
			continue;
		*sec_name = p;
		snprintf(buf, size, "%s", p + 1);
		gen_sanitize(buf);
		return true;
	}
	return false;
}

/* The DATASEC whose identifier is ident, or 0. */
static __u32 find_datasec(const struct btf *btf, const char *ident)
{
	__u32 id, cnt = btf ? btf__type_cnt(btf) : 0;
	char sec_ident[GEN_IDENT_MAX];

	for (id = 1; id < cnt; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (!btf_is_datasec(t))
			continue;
		if (!gen_datasec_ident(btf__name_by_offset(btf, t->name_off), sec_ident,
				       sizeof(sec_ident)))
			continue;
		if (!strcmp(sec_ident, ident))
			return id;
	}
	return 0;
}

/*
 * A custom section (".data.x", ".rodata.x") names its map as it is, even
 * when it isn't a valid kernel object name ("my-sec"): the skeleton must
 * give the name the runtime looks the map up by, so take it from the BTF.
 */
static void use_section_name(const struct gen_object *g, struct gen_map *m)
{
	const struct btf_type *sec = btf__type_by_id(g->btf, m->sec_id);
	const char *name = btf__name_by_offset(g->btf, sec->name_off);

	if (name && strchr(name + 1, '.'))
		m->name = m->sec_name = name;
}

static int collect_maps(struct gen_object *g)
{
	struct bpf_map *map;
	size_t cnt = 0;

	bpf_object__for_each_map(map, g->obj)
		cnt++;
	g->maps = calloc(cnt ? cnt : 1, sizeof(*g->maps));
	if (!g->maps)
		return -ENOMEM;
	bpf_object__for_each_map(map, g->obj) {
		struct gen_map *m = &g->maps[g->map_cnt];
		__u32 flags = bpf_map__map_flags(map);

		if (!map_ident(map, m->ident, sizeof(m->ident), &m->sec_name)) {
			p_warn("ignoring unrecognized internal map '%s'", bpf_map__name(map));
			continue;
		}
		m->map = map;
		m->name = bpf_map__name(map);
		m->mmaped = bpf_map__is_internal(map) && (flags & BPF_F_MMAPABLE);
		m->read_only = flags & BPF_F_RDONLY_PROG;
		m->st_ops = bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS;
		if (m->mmaped)
			m->sec_id = find_datasec(g->btf, m->ident);
		if (m->sec_id)
			use_section_name(g, m);
		g->map_cnt++;
	}
	return 0;
}

static int collect_progs(struct gen_object *g)
{
	struct bpf_program *prog;
	size_t cnt = 0;

	bpf_object__for_each_program(prog, g->obj)
		cnt++;
	g->progs = calloc(cnt ? cnt : 1, sizeof(*g->progs));
	if (!g->progs)
		return -ENOMEM;
	bpf_object__for_each_program(prog, g->obj)
		g->progs[g->prog_cnt++] = prog;
	return 0;
}

int gen_collect(struct gen_object *g)
{
	int err;

	g->btf = bpf_object__btf(g->obj);
	err = collect_maps(g);
	if (!err)
		err = collect_progs(g);
	if (err)
		p_err("can't describe '%s': %s", g->file, strerror(-err));
	return err;
}

void gen_release(struct gen_object *g)
{
	free(g->maps);
	free(g->progs);
	g->maps = NULL;
	g->progs = NULL;
	g->map_cnt = g->prog_cnt = 0;
}
