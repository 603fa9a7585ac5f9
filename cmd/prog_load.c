// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog load OBJ PATH" (loads every program of the object, pins
 * the first at PATH) and "prog loadall OBJ PATH" (pins each program at
 * PATH/<name>), with program type override, map reuse, map pinning and a
 * kernel BTF file for CO-RE. All or nothing: on failure what this command
 * pinned is unpinned and the object is closed, which unloads it.
 */
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "load_log.h"
#include "json_writer.h"
#include "keyword.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "prog_autoattach.h"
#include "prog_loader.h"
#include "pinned.h"
#include "report.h"

/* BPF_PROG_LOAD flag (6.3), newer than our UAPI headers */
#define PROG_F_XDP_DEV_BOUND_ONLY	(1U << 6)

/* A "map {idx IDX | name NAME} MAP" replacement. */
struct map_replace {
	__u32 idx;
	const char *name;	/* NULL: by idx */
	int fd;
};

struct load_args {
	const char *obj_path;
	const char *pin_path;
	const char *type;
	const char *pinmaps;
	const char *kernel_btf;
	struct map_replace *maps;
	int nr_maps;
	bool autoattach;	/* attach what SEC() names, pin the links */
	const char *dev;	/* offload_dev or xdpmeta_dev NAME */
	__u32 offload_ifindex;	/* programs and maps offloaded to this device */
	__u32 xdpmeta_ifindex;	/* XDP programs bound to it, not offloaded */
};

/* Paths this command pinned, unpinned again if a later step fails. */
struct pin_list {
	char **paths;
	int cnt;
};

static int parse_map_replace(int *argc, char ***argv, struct load_args *a)
{
	struct map_replace *m, *maps;
	int fd;

	maps = realloc(a->maps, (a->nr_maps + 1) * sizeof(*maps));
	if (!maps)
		return -ENOMEM;
	a->maps = maps;
	m = &maps[a->nr_maps];
	memset(m, 0, sizeof(*m));
	m->fd = -1;
	if (*argc < 3) {
		p_err("expected 'idx IDX' or 'name NAME' and a MAP after 'map'");
		return -EINVAL;
	}
	if (!strcmp((*argv)[1], "idx")) {
		if (parse_u32((*argv)[2], "map index", &m->idx))
			return -EINVAL;
	} else if (!strcmp((*argv)[1], "name")) {
		m->name = (*argv)[2];
	} else {
		p_err("expected 'idx' or 'name' after 'map', got '%s'", (*argv)[1]);
		return -EINVAL;
	}
	*argc -= 3;
	*argv += 3;
	fd = obj_select_one(OBJ_MAP, argc, argv);
	if (fd < 0)
		return fd;
	m->fd = fd;
	a->nr_maps++;
	return 0;
}

/* The value after keyword at argv[0], advancing past both. */
static int take_value(int *argc, char ***argv, const char *what, const char **val)
{
	*val = keyword_value(*argc, *argv, (*argv)[0], what);
	if (!*val)
		return -EINVAL;
	*argc -= 2;
	*argv += 2;
	return 0;
}

/*
 * "offload_dev NAME" or "xdpmeta_dev NAME" (the deprecated "dev NAME" is
 * offload_dev): one device, for one of the two uses.
 */
static int parse_dev(int *argc, char ***argv, struct load_args *a)
{
	bool xdpmeta = !strcmp((*argv)[0], "xdpmeta_dev");
	const char *kw = xdpmeta ? "xdpmeta_dev" : "offload_dev";
	__u32 ifindex;

	if (!strcmp((*argv)[0], "dev"))
		p_warn("'prog load ... dev NAME' is deprecated: use 'offload_dev NAME' to offload "
		       "to the device, 'xdpmeta_dev NAME' for XDP metadata access only");
	if (a->offload_ifindex || a->xdpmeta_ifindex) {
		if ((xdpmeta && a->xdpmeta_ifindex) || (!xdpmeta && a->offload_ifindex))
			p_err("%s given twice", kw);
		else
			p_err("xdpmeta_dev and offload_dev are mutually exclusive");
		return -EINVAL;
	}
	if (take_value(argc, argv, "a network device NAME", &a->dev))
		return -EINVAL;
	ifindex = if_nametoindex(a->dev);
	if (!ifindex) {
		p_err("unknown network device '%s' for %s: %s", a->dev, kw, strerror(errno));
		return -ENODEV;
	}
	if (xdpmeta)
		a->xdpmeta_ifindex = ifindex;
	else
		a->offload_ifindex = ifindex;
	return 0;
}

static int parse_load_args(int argc, char **argv, const char *cmd, struct load_args *a)
{
	int err = 0;

	if (argc < 2) {
		p_err("'prog %s' needs OBJ and PATH", cmd);
		return -EINVAL;
	}
	a->obj_path = argv[0];
	a->pin_path = argv[1];
	argc -= 2;
	argv += 2;
	while (argc && !err) {
		if (!strcmp(argv[0], "type"))
			err = take_value(&argc, &argv, "a program TYPE", &a->type);
		else if (!strcmp(argv[0], "map"))
			err = parse_map_replace(&argc, &argv, a);
		else if (!strcmp(argv[0], "pinmaps"))
			err = take_value(&argc, &argv, "a directory", &a->pinmaps);
		else if (!strcmp(argv[0], "kernel_btf"))
			err = take_value(&argc, &argv, "a BTF FILE", &a->kernel_btf);
		else if (!strcmp(argv[0], "offload_dev") || !strcmp(argv[0], "xdpmeta_dev") ||
			 !strcmp(argv[0], "dev"))
			err = parse_dev(&argc, &argv, a);
		else if (!strcmp(argv[0], "autoattach")) {
			a->autoattach = true;
			argc--;
			argv++;
		} else {
			p_err("unknown argument '%s' to 'prog %s'; expected type, map, "
			      "offload_dev, xdpmeta_dev, pinmaps, kernel_btf or autoattach",
			      argv[0], cmd);
			err = -EINVAL;
		}
	}
	return err;
}

/*
 * TYPE of "type TYPE": a section name ("xdp", "cgroup/skb", "kprobe"), or a
 * program type name ("sched_cls").
 */
static int parse_prog_type(const char *type, enum bpf_prog_type *pt, enum bpf_attach_type *at)
{
	char buf[128];
	unsigned int t;
	const char *name;

	*at = 0;
	if (!libbpf_prog_type_by_name(type, pt, at))
		return 0;
	snprintf(buf, sizeof(buf), "%s/", type);
	if (!libbpf_prog_type_by_name(buf, pt, at))
		return 0;
	for (t = 1; t < 64; t++) {
		name = libbpf_bpf_prog_type_str(t);
		if (name && !strcmp(name, type)) {
			*pt = t;
			return 0;
		}
	}
	p_err("unknown program type '%s'", type);
	return -EINVAL;
}

static int apply_type(struct bpf_object *obj, const char *type)
{
	enum bpf_attach_type at;
	enum bpf_prog_type pt;
	struct bpf_program *prog;
	int err;

	if (!type)
		return 0;
	err = parse_prog_type(type, &pt, &at);
	if (err)
		return err;
	bpf_object__for_each_program(prog, obj) {
		bpf_program__set_type(prog, pt);
		bpf_program__set_expected_attach_type(prog, at);
	}
	return 0;
}

/*
 * Offload binds every program and every map but perf event arrays (which
 * stay on the host to carry events) to the device; xdpmeta binds only the
 * XDP programs, flagged so that the kernel keeps them on the host.
 */
static void apply_device(struct bpf_object *obj, const struct load_args *a)
{
	struct bpf_program *prog;
	struct bpf_map *map;

	bpf_object__for_each_program(prog, obj) {
		if (a->xdpmeta_ifindex && bpf_program__type(prog) == BPF_PROG_TYPE_XDP) {
			bpf_program__set_flags(prog, bpf_program__flags(prog) |
						     PROG_F_XDP_DEV_BOUND_ONLY);
			bpf_program__set_ifindex(prog, a->xdpmeta_ifindex);
		} else {
			bpf_program__set_ifindex(prog, a->offload_ifindex);
		}
	}
	bpf_object__for_each_map(map, obj)
		if (bpf_map__type(map) != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			bpf_map__set_ifindex(map, a->offload_ifindex);
}

static struct bpf_map *map_by_index(struct bpf_object *obj, __u32 idx)
{
	struct bpf_map *map;
	__u32 i = 0;

	bpf_object__for_each_map(map, obj)
		if (i++ == idx)
			return map;
	return NULL;
}

static int apply_map_replacements(struct bpf_object *obj, const struct load_args *a)
{
	struct bpf_map *map;
	int i, err;

	for (i = 0; i < a->nr_maps; i++) {
		const struct map_replace *m = &a->maps[i];

		map = m->name ? bpf_object__find_map_by_name(obj, m->name) :
		      map_by_index(obj, m->idx);
		if (!map) {
			if (m->name)
				p_err("object '%s' has no map named '%s'", a->obj_path, m->name);
			else
				p_err("object '%s' has no map with index %u", a->obj_path,
				      m->idx);
			return -ENOENT;
		}
		err = bpf_map__reuse_fd(map, m->fd);
		if (err)
			return load_fail("cannot reuse map", err);
	}
	return 0;
}

/*
 * Pin fd at path and remember it. The first pin in a directory goes through
 * pin_fd() (bpffs check, parents created, mounting); the rest of that
 * directory's pins only need the kernel's own refusal of taken names.
 */
static int pin_list_add(struct pin_list *pins, int fd, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash ? (size_t)(slash - path) : 0;
	bool checked_dir = false;
	char **p;
	int i, err;

	for (i = 0; i < pins->cnt && !checked_dir; i++)
		checked_dir = !strncmp(pins->paths[i], path, dir_len) &&
			      pins->paths[i][dir_len] == '/' &&
			      !strchr(pins->paths[i] + dir_len + 1, '/');

	p = realloc(pins->paths, (pins->cnt + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	pins->paths = p;
	p[pins->cnt] = strdup(path);
	if (!p[pins->cnt])
		return -ENOMEM;
	if (checked_dir) {
		err = bpf_obj_pin(fd, path);
		if (err == -EEXIST)
			p_err("can't pin at '%s': the path exists", path);
		else if (err)
			p_err("can't pin at '%s': %s", path, strerror(-err));
	} else {
		err = pin_fd(fd, path, !cli.nomount);
	}
	if (err) {
		free(p[pins->cnt]);
		return err;
	}
	pins->cnt++;
	return 0;
}

static void pin_list_free(struct pin_list *pins, bool unpin)
{
	int i;

	for (i = pins->cnt - 1; i >= 0; i--) {
		if (unpin && unlink(pins->paths[i]))
			p_warn("cannot unpin '%s': %s", pins->paths[i], strerror(errno));
		free(pins->paths[i]);
	}
	free(pins->paths);
}

/* dir/name; bpffs refuses dots in names ("lg.rodata"), they become '_' as in libbpf. */
static int pin_under(struct pin_list *pins, const char *dir, const char *name, int fd)
{
	char *path, *p;
	int err;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	for (p = path + strlen(dir) + 1; *p; p++)
		if (*p == '.')
			*p = '_';
	err = pin_list_add(pins, fd, path);
	free(path);
	return err;
}

static int pin_programs(struct bpf_object *obj, const char *path, bool all,
			struct pin_list *pins)
{
	struct bpf_program *prog;
	int err;

	if (!all) {
		prog = bpf_object__next_program(obj, NULL);
		if (!prog) {
			p_err("object has no programs to pin");
			return -ENOENT;
		}
		return pin_list_add(pins, bpf_program__fd(prog), path);
	}
	bpf_object__for_each_program(prog, obj) {
		if (bpf_program__fd(prog) < 0)
			continue;
		err = pin_under(pins, path, bpf_program__name(prog), bpf_program__fd(prog));
		if (err)
			return err;
	}
	return 0;
}

static int pin_maps(struct bpf_object *obj, const char *dir, struct pin_list *pins)
{
	struct bpf_map *map;
	int err;

	bpf_object__for_each_map(map, obj) {
		err = pin_under(pins, dir, bpf_map__name(map), bpf_map__fd(map));
		if (err)
			return err;
	}
	return 0;
}

static struct bpf_object *open_object(const struct load_args *a)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts,
		    .kernel_btf_path = a->kernel_btf,
		    .relaxed_maps = cli.mapcompat,
		    .kernel_log_level = cli.debug ? 1 | 4 : 0);
	struct bpf_object *obj;
	char what[512];

	obj = bpf_object__open_file(a->obj_path, &opts);
	if (!obj) {
		snprintf(what, sizeof(what), "cannot open object '%s'", a->obj_path);
		load_fail(what, -errno);
	}
	return obj;
}

/*
 * Maps pinned by name (LIBBPF_PIN_BY_NAME) whose pin path is free before
 * the load: the load pins them, so a failure after it must unpin them.
 */
static bool *by_name_pins_new(struct bpf_object *obj)
{
	struct bpf_map *map;
	bool *fresh;
	int i = 0;

	bpf_object__for_each_map(map, obj)
		i++;
	fresh = calloc(i ? i : 1, sizeof(*fresh));
	if (!fresh)
		return NULL;
	i = 0;
	bpf_object__for_each_map(map, obj) {
		const char *path = bpf_map__pin_path(map);

		fresh[i++] = path && access(path, F_OK);
	}
	return fresh;
}

static void by_name_pins_undo(struct bpf_object *obj, const bool *fresh)
{
	struct bpf_map *map;
	int i = 0;

	bpf_object__for_each_map(map, obj) {
		if (fresh[i++] && bpf_map__is_pinned(map))
			bpf_map__unpin(map, NULL);
	}
}

/*
 * Pin the programs (or, with autoattach, attach them and pin the links)
 * and the maps. Maps come first with autoattach, which undoes its own
 * pins when it fails.
 */
static int pin_and_attach(struct bpf_object *obj, const struct load_args *a, bool all,
			  struct pin_list *pins)
{
	int err = 0;

	if (!a->autoattach) {
		err = pin_programs(obj, a->pin_path, all, pins);
		if (!err && a->pinmaps)
			err = pin_maps(obj, a->pinmaps, pins);
		return err;
	}
	if (a->pinmaps)
		err = pin_maps(obj, a->pinmaps, pins);
	if (!err)
		err = all ? prog_autoattach_all(obj, a->pin_path) :
			    prog_autoattach_one(bpf_object__next_program(obj, NULL), a->pin_path);
	return err;
}

static int load_and_pin(const struct load_args *a, bool all)
{
	struct pin_list pins = {};
	struct bpf_object *obj;
	bool *fresh = NULL;
	char what[512];
	int err;

	obj = open_object(a);
	if (!obj)
		return -EINVAL;
	err = apply_type(obj, a->type);
	if (!err)
		apply_device(obj, a);
	if (!err)
		err = apply_map_replacements(obj, a);
	if (err)
		goto out;
	fresh = by_name_pins_new(obj);
	if (!fresh) {
		err = -ENOMEM;
		goto out;
	}
	err = bpf_object__load(obj);
	if (err) {
		if (a->dev)
			snprintf(what, sizeof(what), "cannot load object '%s' for device '%s' (%s)",
				 a->obj_path, a->dev,
				 a->offload_ifindex ? "offload_dev" : "xdpmeta_dev");
		else
			snprintf(what, sizeof(what), "cannot load object '%s'", a->obj_path);
		err = load_fail(what, err);
		goto out;
	}
	err = pin_and_attach(obj, a, all, &pins);
	if (err)
		by_name_pins_undo(obj, fresh);
out:
	pin_list_free(&pins, err != 0);
	free(fresh);
	bpf_object__close(obj);
	return err;
}

static int do_load(int argc, char **argv, bool all)
{
	struct load_args a = {};
	libbpf_print_fn_t old;
	int i, err;

	err = parse_load_args(argc, argv, all ? "loadall" : "load", &a);
	if (!err) {
		lib_flush();
		old = libbpf_set_print(load_print);
		err = load_and_pin(&a, all);
		libbpf_set_print(old);
		load_log_reset();
	}
	for (i = 0; i < a.nr_maps; i++)
		close(a.maps[i].fd);
	free(a.maps);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

int do_prog_load(int argc, char **argv)
{
	if (cli.use_loader)
		return prog_load_loader(argc, argv);
	return do_load(argc, argv, false);
}

/* bpftool's -L changes "prog load" only; loadall loads and pins as without it. */
int do_prog_loadall(int argc, char **argv)
{
	if (cli.use_loader)
		p_warn("-L is for 'prog load'; 'prog loadall' loads and pins without a loader");
	return do_load(argc, argv, true);
}
