// SPDX-License-Identifier: BSD-2-Clause
/*
 * The BPF object lifecycle: open (read the ELF file, find programs, maps,
 * externs and relocations), load (create maps, relocate, load programs;
 * all or nothing) and close; plus the lookups and iterators of the
 * public API.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "btf_ext.h"
#include "gen_loader.h"
#include "log.h"
#include "object_internal.h"
#include "opts.h"
#include "usdt.h"

static int object_read_file(struct bpf_object *obj, const char *path)
{
	struct stat st;
	ssize_t n;
	size_t done = 0;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("elf: cannot open '%s': %s\n", path, strerror(errno));
		return err;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		pr_warn("elf: '%s' is not a regular file\n", path);
		err = -EINVAL;
		goto out;
	}
	obj->elf_size = st.st_size;
	obj->elf_buf = malloc(obj->elf_size ? obj->elf_size : 1);
	if (!obj->elf_buf) {
		err = -ENOMEM;
		goto out;
	}
	while (done < obj->elf_size) {
		n = read(fd, (char *)obj->elf_buf + done, obj->elf_size - done);
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			pr_warn("elf: cannot read '%s': %s\n", path, strerror(-err));
			goto out;
		}
		done += n;
	}
out:
	close(fd);
	return err;
}

/* Object name: the file's base name up to its first dot, as libbpf does. */
static void object_set_name(struct bpf_object *obj, const char *name, const char *path)
{
	const char *base;
	char *dot;

	if (name)
		base = name;
	else
		base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	snprintf(obj->name, sizeof(obj->name), "%.*s", (int)sizeof(obj->name) - 1, base);
	if (name)
		return;
	dot = strchr(obj->name, '.');
	if (dot)
		*dot = '\0';
}

static int object_copy_opts(struct bpf_object *obj, const struct bpf_object_open_opts *opts)
{
	const char *kbtf = OPTS_GET(opts, kernel_btf_path, NULL) ?:
			   OPTS_GET(opts, btf_custom_path, NULL);
	const char *root = OPTS_GET(opts, pin_root_path, NULL);
	const char *kconfig = OPTS_GET(opts, kconfig, NULL);
	const char *token = OPTS_GET(opts, bpf_token_path, NULL) ?: getenv("LIBBPF_BPF_TOKEN_PATH");

	obj->kernel_log_level = OPTS_GET(opts, kernel_log_level, 0);
	obj->relaxed_maps = OPTS_GET(opts, relaxed_maps, false);
	if (token && strlen(token) >= PATH_MAX) {
		pr_warn("object: BPF token path is too long\n");
		return -ENAMETOOLONG;
	}
	if (token && !(obj->token_path = strdup(token)))
		return -ENOMEM;
	if (kbtf && !(obj->kernel_btf_path = strdup(kbtf)))
		return -ENOMEM;
	if (kconfig && !(obj->kconfig = strdup(kconfig)))
		return -ENOMEM;
	obj->pin_root_path = strdup(root ? root : "/sys/fs/bpf");
	return obj->pin_root_path ? 0 : -ENOMEM;
}

/* Everything bpf_object__open() does once the bytes are in memory. */
static int object_parse(struct bpf_object *obj)
{
	size_t i;
	int err;

	err = elf_open(obj);
	if (err)
		return err;
	err = elf_collect(obj);
	if (err)
		return err;
	err = btf_collect(obj);
	if (err)
		return err;
	err = maps_collect_btf(obj);
	if (err)
		return err;
	err = global_data_collect(obj);
	if (err)
		return err;
	err = struct_ops_collect(obj);
	if (err)
		return err;
	err = externs_collect(obj);
	if (err)
		return err;
	for (i = 1; i < obj->sec_cnt; i++) {
		const struct elf_sec *sec = &obj->secs[i];

		if (sec->kind != SEC_RELO)
			continue;
		/* sh_info 0xffffffff is no section, not the missing .maps (-1) */
		if (obj->maps_shndx >= 0 && sec->shdr.sh_info == (size_t)obj->maps_shndx)
			err = maps_collect_init_slots(obj, i);
		else if (sec->shdr.sh_info < obj->sec_cnt &&
			 obj->secs[sec->shdr.sh_info].kind == SEC_ST_OPS)
			err = struct_ops_collect_relos(obj, i);
		else
			err = reloc_collect(obj, i);
		if (err)
			return err;
	}
	return 0;
}

static struct bpf_object *object_open(const char *path, const void *buf, size_t size,
				      const struct bpf_object_open_opts *opts)
{
	struct bpf_object *obj;
	char mem_name[64];
	int err;

	if (!opts_valid(opts, sizeof(struct bpf_object_open_opts), "bpf_object_open_opts"))
		return libbpf_err_ptr(-EINVAL);
	obj = calloc(1, sizeof(*obj));
	if (!obj)
		return libbpf_err_ptr(-ENOMEM);
	obj->btf_fd = -1;
	obj->token_fd = -1;
	/*
	 * Messages name the object by obj->path. An object in memory goes by
	 * the name it was given: its buffer's address would mean nothing to
	 * the user. Its default name stays address-based, as libbpf's.
	 */
	if (path)
		obj->path = strdup(path);
	else
		obj->path = strdup(OPTS_GET(opts, object_name, NULL) ?: "in-memory object");
	err = obj->path ? object_copy_opts(obj, opts) : -ENOMEM;
	if (err)
		goto err_out;
	if (!path) {
		snprintf(mem_name, sizeof(mem_name), "%lx-%zx", (unsigned long)buf, size);
		path = mem_name;
	}
	object_set_name(obj, OPTS_GET(opts, object_name, NULL), path);
	if (buf) {
		obj->elf_buf = malloc(size ? size : 1);
		if (!obj->elf_buf) {
			err = -ENOMEM;
			goto err_out;
		}
		memcpy(obj->elf_buf, buf, size);
		obj->elf_size = size;
	} else {
		err = object_read_file(obj, path);
		if (err)
			goto err_out;
	}
	err = object_parse(obj);
	if (!err)
		err = prog_handlers_setup(obj);
	if (err)
		goto err_out;
	pr_debug("object '%s': %zu functions, %zu maps, %d externs, license '%s'%s\n",
		 obj->name, obj->nr_programs, obj->nr_maps, obj->nr_extern, obj->license,
		 obj->btf ? ", BTF" : "");
	return obj;
err_out:
	bpf_object__close(obj);
	return libbpf_err_ptr(err);
}

struct bpf_object *bpf_object__open_file(const char *path, const struct bpf_object_open_opts *opts)
{
	if (!path)
		return libbpf_err_ptr(-EINVAL);
	return object_open(path, NULL, 0, opts);
}

struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
					const struct bpf_object_open_opts *opts)
{
	if (!obj_buf || !obj_buf_sz)
		return libbpf_err_ptr(-EINVAL);
	return object_open(NULL, obj_buf, obj_buf_sz, opts);
}

struct bpf_object *bpf_object__open(const char *path)
{
	return bpf_object__open_file(path, NULL);
}

static void prog_unload(struct bpf_program *prog)
{
	if (prog->fd >= 0)
		close(prog->fd);
	prog->fd = -1;
}

/* Undo a failed load: close every fd, unpin the maps this load pinned. */
static void object_unload(struct bpf_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nr_programs; i++)
		prog_unload(&obj->progs[i]);
	for (i = 0; i < obj->nr_maps; i++)
		map_close(&obj->maps[i]);
	if (obj->btf_fd >= 0)
		close(obj->btf_fd);
	obj->btf_fd = -1;
}

/* Everything of a load but loading the programs; a failure leaves the object unloadable. */
static int object_prepare(struct bpf_object *obj)
{
	int err;

	if (obj->prepared || obj->loaded) {
		pr_warn("object '%s': already prepared or loaded\n", obj->name);
		return -EINVAL;
	}
	obj->prepared = true;
	/* a loader recorder does all of it when bpf_object__load runs */
	if (obj->gen)
		return 0;
	err = object_token_create(obj);
	if (!err)
		err = externs_resolve(obj);
	if (!err)
		err = btf_load_into_kernel(obj);
	if (!err)
		err = struct_ops_init_kern(obj);
	if (!err)
		err = maps_hash_excl_progs(obj);
	if (!err)
		err = maps_create(obj);
	if (!err)
		err = reloc_link_programs(obj);
	if (err) {
		obj->loaded = true;
		object_unload(obj);
		pr_warn("failed to prepare object '%s'\n", obj->path);
	}
	return err;
}

int bpf_object__prepare(struct bpf_object *obj)
{
	if (!obj)
		return libbpf_err(-EINVAL);
	return libbpf_err(object_prepare(obj));
}

int bpf_object__load(struct bpf_object *obj)
{
	int err;

	if (!obj)
		return libbpf_err(-EINVAL);
	if (obj->loaded) {
		pr_warn("object '%s': already loaded\n", obj->name);
		return libbpf_err(-EINVAL);
	}
	if (obj->gen) {
		obj->loaded = true;
		return libbpf_err(gen_object_load(obj));
	}
	if (!obj->prepared) {
		err = object_prepare(obj);
		if (err)
			return libbpf_err(err);
	}
	/* loaded only after: prepare_load callbacks may still use the setters */
	err = programs_load(obj);
	if (!err)
		err = maps_fill_prog_slots(obj);
	if (!err)
		struct_ops_prepare(obj);
	obj->loaded = true;
	if (err) {
		object_unload(obj);
		pr_warn("failed to load object '%s'\n", obj->path);
		return libbpf_err(err);
	}
	return 0;
}

static void prog_free(struct bpf_program *prog)
{
	prog_unload(prog);
	free(prog->name);
	free(prog->sec_name);
	free(prog->insns);
	free(prog->relos);
	free(prog->func_info);
	free(prog->line_info);
	free(prog->pin_path);
	free(prog->core_relos);
	free(prog->ksym_sites);
}

void map_free(struct bpf_map *map)
{
	if (map->fd >= 0)
		close(map->fd);
	free(map->name);
	free(map->real_name);
	free(map->pin_path);
	free(map->data);
	free(map->init_slots);
	struct_ops_free(map->st_ops);
	if (map->inner) {
		map_free(map->inner);
		free(map->inner);
	}
}

void bpf_object__close(struct bpf_object *obj)
{
	size_t i;

	if (!obj)
		return;
	for (i = 0; i < obj->nr_programs; i++)
		prog_free(&obj->progs[i]);
	for (i = 0; i < obj->nr_maps; i++)
		map_free(&obj->maps[i]);
	if (obj->btf_fd >= 0)
		close(obj->btf_fd);
	if (obj->token_fd >= 0)
		close(obj->token_fd);
	free(obj->token_path);
	free(obj->progs);
	free(obj->maps);
	free(obj->externs);
	btf_ext_free(obj->btf_ext);
	btf__free(obj->btf);
	btf__free(obj->btf_vmlinux);
	if (obj->elf)
		elf_end(obj->elf);
	free(obj->elf_buf);
	free(obj->secs);
	free(obj->path);
	free(obj->kernel_btf_path);
	free(obj->pin_root_path);
	free(obj->kconfig);
	usdt_ids_put(obj->usdt_ids);
	gen_free(obj->gen);
	free(obj);
}

const char *bpf_object__name(const struct bpf_object *obj)
{
	return obj ? obj->name : libbpf_err_ptr(-EINVAL);
}

struct btf *bpf_object__btf(const struct bpf_object *obj)
{
	return obj ? obj->btf : NULL;
}

int bpf_object__btf_fd(const struct bpf_object *obj)
{
	return obj ? obj->btf_fd : -1;
}

unsigned int bpf_object__kversion(const struct bpf_object *obj)
{
	return obj ? obj->kern_version : 0;
}

/* Still allowed after prepare: it only reaches the kernel with the programs. */
int bpf_object__set_kversion(struct bpf_object *obj, __u32 kern_version)
{
	if (!obj || obj->loaded)
		return libbpf_err(-EINVAL);
	obj->kern_version = kern_version;
	return 0;
}

int bpf_object__token_fd(const struct bpf_object *obj)
{
	return obj ? obj->token_fd : -1;
}

struct bpf_program *object_prog_at_insn(struct bpf_object *obj, size_t sec_idx, size_t insn_idx)
{
	size_t i;

	for (i = 0; i < obj->nr_programs; i++) {
		struct bpf_program *p = &obj->progs[i];

		if (p->sec_idx == sec_idx && insn_idx >= p->sec_insn_off &&
		    insn_idx < p->sec_insn_off + p->sec_insn_cnt)
			return p;
	}
	return NULL;
}

struct bpf_map *object_map_by_sec(struct bpf_object *obj, size_t sec_idx)
{
	if (sec_idx >= obj->sec_cnt || obj->secs[sec_idx].map_idx < 0)
		return NULL;
	return &obj->maps[obj->secs[sec_idx].map_idx];
}

struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
						     const char *name)
{
	size_t i;

	for (i = 0; obj && name && i < obj->nr_programs; i++)
		if (!obj->progs[i].is_subprog && !strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	return libbpf_err_ptr(-ENOENT);
}

struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name)
{
	size_t i;

	for (i = 0; obj && name && i < obj->nr_maps; i++) {
		const struct bpf_map *m = &obj->maps[i];

		if (!strcmp(m->real_name, name) || !strcmp(m->name, name))
			return (struct bpf_map *)m;
	}
	return libbpf_err_ptr(-ENOENT);
}

int bpf_object__find_map_fd_by_name(const struct bpf_object *obj, const char *name)
{
	const struct bpf_map *map = bpf_object__find_map_by_name(obj, name);

	return map ? map->fd : libbpf_err(-ENOENT);
}

/* The entry point after (dir 1) or before (dir -1) prog, skipping sub-programs. */
static struct bpf_program *prog_step(const struct bpf_object *obj,
				     const struct bpf_program *prog, int dir)
{
	long i;

	if (!obj)
		return NULL;
	if (prog)
		i = (prog - obj->progs) + dir;
	else
		i = dir > 0 ? 0 : (long)obj->nr_programs - 1;
	for (; i >= 0 && i < (long)obj->nr_programs; i += dir)
		if (!obj->progs[i].is_subprog)
			return &obj->progs[i];
	return NULL;
}

struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
					     struct bpf_program *prog)
{
	return prog_step(obj, prog, 1);
}

struct bpf_program *bpf_object__prev_program(const struct bpf_object *obj,
					     struct bpf_program *prog)
{
	return prog_step(obj, prog, -1);
}

struct bpf_map *bpf_object__next_map(const struct bpf_object *obj, const struct bpf_map *map)
{
	size_t i;

	if (!obj)
		return NULL;
	i = map ? (size_t)(map - obj->maps) + 1 : 0;
	return i < obj->nr_maps ? &obj->maps[i] : NULL;
}

struct bpf_map *bpf_object__prev_map(const struct bpf_object *obj, const struct bpf_map *map)
{
	size_t i;

	if (!obj || !obj->nr_maps)
		return NULL;
	i = map ? (size_t)(map - obj->maps) : obj->nr_maps;
	return i > 0 ? &obj->maps[i - 1] : NULL;
}
