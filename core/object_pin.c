// SPDX-License-Identifier: BSD-2-Clause
/*
 * Pinning all maps or all programs of an object, or both, under a
 * directory: all or nothing, what was pinned is unpinned again when one of
 * them fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "object_internal.h"

/* dir/name into a new string; bpffs refuses dots in names, they become '_'. */
static char *pin_join(const char *dir, const char *name)
{
	char *path, *p;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	for (p = path + strlen(dir) + 1; *p; p++)
		if (*p == '.')
			*p = '_';
	return path;
}

static int pin_mkdir(const char *dir)
{
	if (mkdir(dir, 0700) && errno != EEXIST) {
		pr_warn("cannot create directory '%s': %s\n", dir, strerror(errno));
		return -errno;
	}
	return 0;
}

/* The path a map gets from bpf_object__pin_maps(obj, dir), or NULL to skip it. */
static char *map_pin_target(struct bpf_map *map, const char *dir, int *err)
{
	char *path;

	*err = 0;
	if (!dir) {
		if (!map->pin_path || map->pinned)
			return NULL;
		path = strdup(map->pin_path);
	} else {
		path = pin_join(dir, map->name);
	}
	if (!path)
		*err = -ENOMEM;
	return path;
}

int bpf_object__pin_maps(struct bpf_object *obj, const char *path)
{
	size_t i, done;
	char *p;
	int err = 0;

	/* maps exist once the object is prepared */
	if (!obj || !(obj->prepared || obj->loaded))
		return libbpf_err(-ENOENT);
	if (path && (err = pin_mkdir(path)))
		return libbpf_err(err);
	for (i = 0; i < obj->nr_maps && !err; i++) {
		p = map_pin_target(&obj->maps[i], path, &err);
		if (!p)
			continue;
		err = bpf_map__pin(&obj->maps[i], p);
		if (!err)
			obj->maps[i].pinned_here = true;
		free(p);
	}
	if (!err)
		return 0;
	for (done = 0; done + 1 < i; done++)
		if (obj->maps[done].pinned_here && obj->maps[done].pin_path)
			bpf_map__unpin(&obj->maps[done], NULL);
	return libbpf_err(err);
}

int bpf_object__unpin_maps(struct bpf_object *obj, const char *path)
{
	size_t i;
	char *p;
	int err = 0, e;

	if (!obj)
		return libbpf_err(-ENOENT);
	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		p = path ? pin_join(path, map->name) : NULL;
		if (path && !p)
			return libbpf_err(-ENOMEM);
		if (p || map->pin_path) {
			e = bpf_map__unpin(map, p);
			err = err ? err : e;
		}
		free(p);
	}
	return err;
}

int bpf_object__pin_programs(struct bpf_object *obj, const char *path)
{
	struct bpf_program *prog, *undo;
	char *p;
	int err;

	if (!obj || !obj->loaded)
		return libbpf_err(-ENOENT);
	if (!path)
		return libbpf_err(-EINVAL);
	err = pin_mkdir(path);
	if (err)
		return libbpf_err(err);
	bpf_object__for_each_program(prog, obj) {
		if (prog->fd < 0)
			continue;
		p = pin_join(path, prog->name);
		err = p ? bpf_program__pin(prog, p) : -ENOMEM;
		free(p);
		if (err)
			goto undo;
	}
	return 0;
undo:
	bpf_object__for_each_program(undo, obj) {
		if (undo == prog)
			break;
		if (undo->fd < 0)
			continue;
		p = pin_join(path, undo->name);
		if (p)
			bpf_program__unpin(undo, p);
		free(p);
	}
	return libbpf_err(err);
}

int bpf_object__unpin_programs(struct bpf_object *obj, const char *path)
{
	struct bpf_program *prog;
	char *p;
	int err = 0, e;

	if (!obj)
		return libbpf_err(-ENOENT);
	if (!path)
		return libbpf_err(-EINVAL);
	/*
	 * Programs left out of the load were not pinned; the others' pins go
	 * whether or not this object holds their fds (another process may unpin).
	 */
	bpf_object__for_each_program(prog, obj) {
		if (!prog->autoload)
			continue;
		p = pin_join(path, prog->name);
		if (!p)
			return libbpf_err(-ENOMEM);
		e = bpf_program__unpin(prog, p);
		err = err ? err : e;
		free(p);
	}
	return err;
}

/* The map is pinned already where bpf_object__pin(obj, dir) would put it. */
static bool map_pinned_in(const struct bpf_map *map, const char *dir)
{
	char *p = pin_join(dir, map->name);
	bool same = p && map->pinned && map->pin_path && !strcmp(p, map->pin_path);

	free(p);
	return same;
}

/* Unpin the maps under dir that were not pinned before (was_pinned[i] false). */
static void unpin_new_maps(struct bpf_object *obj, const char *dir, const bool *was_pinned)
{
	size_t i;
	char *p;

	for (i = 0; i < obj->nr_maps; i++) {
		if (was_pinned[i])
			continue;
		p = pin_join(dir, obj->maps[i].name);
		if (p)
			bpf_map__unpin(&obj->maps[i], p);
		free(p);
	}
}

/*
 * A failure takes back only what this call pinned: maps pinned there by an
 * earlier call stay (libbpf would unpin every map under path).
 */
int bpf_object__pin(struct bpf_object *obj, const char *path)
{
	bool *was_pinned;
	size_t i;
	int err;

	if (!obj || !path)
		return libbpf_err(!obj ? -ENOENT : -EINVAL);
	was_pinned = calloc(obj->nr_maps ? obj->nr_maps : 1, sizeof(*was_pinned));
	if (!was_pinned)
		return libbpf_err(-ENOMEM);
	for (i = 0; i < obj->nr_maps; i++)
		was_pinned[i] = map_pinned_in(&obj->maps[i], path);
	err = bpf_object__pin_maps(obj, path);
	if (!err) {
		err = bpf_object__pin_programs(obj, path);
		if (err)
			unpin_new_maps(obj, path, was_pinned);
	}
	free(was_pinned);
	return err ? libbpf_err(err) : 0;
}

int bpf_object__unpin(struct bpf_object *obj, const char *path)
{
	int err;

	err = bpf_object__unpin_programs(obj, path);
	if (err)
		return libbpf_err(err);
	err = bpf_object__unpin_maps(obj, path);
	return err ? libbpf_err(err) : 0;
}
