// SPDX-License-Identifier: BSD-2-Clause
/*
 * Registering struct_ops maps with the kernel: a .struct_ops.link map
 * through a BPF_LINK_TYPE_STRUCT_OPS link (its lifetime is the link's, and
 * its map can be swapped with BPF_LINK_UPDATE), any other by storing its
 * value (registered until the element is deleted). Plus associating other
 * programs with a struct_ops map.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "log.h"
#include "object_internal.h"
#include "struct_ops.h"

/* A created struct_ops map, or -EINVAL with the reason logged. */
static int st_ops_map_check(const struct bpf_map *map, const char *what)
{
	if (!map) {
		pr_warn("%s: no map given\n", what);
		return -EINVAL;
	}
	if (!map->st_ops) {
		pr_warn("map '%s': can't %s: not a struct_ops map\n", map->name, what);
		return -EINVAL;
	}
	if (map->fd < 0) {
		pr_warn("map '%s': can't %s: the map was not created (object not loaded?)\n",
			map->name, what);
		return -EINVAL;
	}
	return 0;
}

/*
 * Store the map's value, registering it unless it has MAP_F_LINK. The
 * kernel refuses a second store with EBUSY: a link map's value, once set,
 * is the one every link of it uses, which is fine.
 */
static int st_ops_map_store(const struct bpf_map *map)
{
	__u32 zero = 0;
	int err;

	err = bpf_map_update_elem(map->fd, &zero, struct_ops_kern_value(map), 0);
	if (err && (err != -EBUSY || !(map->map_flags & MAP_F_LINK))) {
		pr_warn("map '%s': can't register struct_ops: %s\n", map->name, strerror(-err));
		return err;
	}
	return 0;
}

/* A new fd of the map's kernel link (.struct_ops.link) or of the map itself, or -errno. */
static int st_ops_link_fd(const struct bpf_map *map)
{
	int fd;

	if (map->map_flags & MAP_F_LINK)
		return bpf_link_create(map->fd, 0, ATTACH_STRUCT_OPS, NULL);
	fd = fcntl(map->fd, F_DUPFD_CLOEXEC, 0);
	return fd < 0 ? -errno : fd;
}

int struct_ops_unregister(struct bpf_link *link)
{
	__u32 zero = 0;

	return bpf_map_delete_elem(link->fd, &zero);
}

struct bpf_link *bpf_map__attach_struct_ops(const struct bpf_map *map)
{
	struct bpf_link *link;
	__u32 zero = 0;
	int err, fd;

	err = st_ops_map_check(map, "attach struct_ops");
	if (!err)
		err = st_ops_map_store(map);
	if (err)
		return libbpf_err_ptr(err);
	fd = st_ops_link_fd(map);
	if (fd < 0) {
		pr_warn("map '%s': can't create the struct_ops link: %s\n", map->name,
			strerror(-fd));
		if (!(map->map_flags & MAP_F_LINK))
			bpf_map_delete_elem(map->fd, &zero);
		return libbpf_err_ptr(fd);
	}
	link = link_new(fd);
	if (!link) {
		err = -errno;
		if (!(map->map_flags & MAP_F_LINK))
			bpf_map_delete_elem(map->fd, &zero);
		return libbpf_err_ptr(err);
	}
	link->st_ops_link = map->map_flags & MAP_F_LINK;
	link->st_ops_map = !link->st_ops_link;
	return link;
}

int bpf_link__update_map(struct bpf_link *link, const struct bpf_map *map)
{
	int err;

	err = st_ops_map_check(map, "update a struct_ops link");
	if (err)
		return libbpf_err(err);
	if (!link || !link->st_ops_link) {
		pr_warn("map '%s': can't update a link that is no struct_ops link (only "
			".struct_ops.link maps make one)\n", map->name);
		return libbpf_err(-EINVAL);
	}
	err = st_ops_map_store(map);
	if (err)
		return libbpf_err(err);
	/* for a struct_ops link, the kernel reads new_prog_fd as the new map's fd */
	if (bpf_link_update(link->fd, map->fd, NULL)) {
		err = -errno;
		pr_warn("map '%s': can't put it behind struct_ops link fd %d: %s\n", map->name,
			link->fd, strerror(-err));
		return libbpf_err(err);
	}
	return 0;
}

int bpf_program__assoc_struct_ops(struct bpf_program *prog, struct bpf_map *map,
				  struct bpf_prog_assoc_struct_ops_opts *opts)
{
	int err;

	if (!prog || prog->fd < 0) {
		pr_warn("prog '%s': can't associate with a struct_ops map: not loaded\n",
			prog ? prog->name : "(null)");
		return libbpf_err(-EINVAL);
	}
	if (prog->type == BPF_PROG_TYPE_STRUCT_OPS) {
		pr_warn("prog '%s': can't associate a struct_ops program with a struct_ops map\n",
			prog->name);
		return libbpf_err(-EINVAL);
	}
	err = st_ops_map_check(map, "associate a program");
	if (err)
		return libbpf_err(err);
	err = bpf_prog_assoc_struct_ops(prog->fd, map->fd, opts);
	if (err) {
		err = -errno;
		pr_warn("prog '%s': can't associate with struct_ops map '%s': %s%s\n", prog->name,
			map->name, strerror(-err), err == -EINVAL ?
			" (kernels up to 6.18 lack BPF_PROG_ASSOC_STRUCT_OPS)" : "");
	}
	return libbpf_err(err);
}
