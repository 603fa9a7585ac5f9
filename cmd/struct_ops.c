// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl struct_ops": the kernel operations tables (tcp_congestion_ops,
 * ...) implemented by BPF struct_ops maps. show/list and dump every such
 * map or the one named; register loads an object and registers each of its
 * struct_ops maps (pinning the links of .struct_ops.link maps under
 * LINK_DIR); unregister takes one off. Output, messages and exit codes
 * follow bpftool's.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "link_info.h"
#include "load_log.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "pinned.h"
#include "report.h"
#include "struct_ops_dump.h"

#define ST_OPS_VALUE_PREFIX	"bpf_struct_ops_"
/* Newer than the 6.1 UAPI headers (6.4). */
#define MAP_F_LINK		(1U << 13)
#define LINK_TYPE_ST_OPS	9

/* What every subcommand works on: the selection and the kernel's BTF. */
struct st_ops_ctx {
	const char *name;		/* "name NAME": only maps so named */
	struct btf *vmlinux;
	__u32 info_len;			/* this kernel's sizeof(struct bpf_map_info) */
	__s32 info_type_id;		/* struct bpf_map_info in vmlinux */
	int (*fn)(struct st_ops_ctx *c, int fd, const struct bpf_map_info *info);
	struct json_writer *jw;		/* where dump writes */
	unsigned int nr_maps;
	unsigned int nr_errs;
};

static int ctx_init(struct st_ops_ctx *c)
{
	const struct btf_type *t;

	c->vmlinux = btf__load_vmlinux_btf();
	if (!c->vmlinux) {
		p_err("struct_ops requires kernel CONFIG_DEBUG_INFO_BTF=y");
		return -ENOENT;
	}
	c->info_type_id = btf__find_by_name_kind(c->vmlinux, "bpf_map_info", BTF_KIND_STRUCT);
	if (c->info_type_id <= 0) {
		p_err("can't find bpf_map_info from btf_vmlinux");
		return -ENOENT;
	}
	t = btf__type_by_id(c->vmlinux, c->info_type_id);
	c->info_len = t->size > sizeof(struct bpf_map_info) ? t->size :
		      sizeof(struct bpf_map_info);
	return 0;
}

/* bpftool's messages of register and unregister: on stderr, none with -j. */
#define st_ops_info(...)		\
	do {				\
		if (!out_json())	\
			p_info(__VA_ARGS__);	\
	} while (0)

/* The kernel struct a struct_ops map implements ("tcp_congestion_ops"). */
static const char *kern_st_ops_name(const struct st_ops_ctx *c, const struct bpf_map_info *info)
{
	const struct btf_type *t = btf__type_by_id(c->vmlinux, info->btf_vmlinux_value_type_id);
	const char *name = t ? btf__name_by_offset(c->vmlinux, t->name_off) : NULL;

	if (!name || strncmp(name, ST_OPS_VALUE_PREFIX, strlen(ST_OPS_VALUE_PREFIX)))
		return "<unknown>";
	return name + strlen(ST_OPS_VALUE_PREFIX);
}

/* info (c->info_len bytes) of map fd; -errno reported. */
static int map_info(const struct st_ops_ctx *c, int fd, struct bpf_map_info *info)
{
	__u32 len = c->info_len;

	memset(info, 0, c->info_len);
	if (bpf_map_get_info_by_fd(fd, info, &len)) {
		p_err("can't get map info: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

static int visit_map(int fd, __u32 id, void *ctx)
{
	struct st_ops_ctx *c = ctx;
	struct bpf_map_info *info = calloc(1, c->info_len);

	(void)id;
	if (!info) {
		c->nr_errs++;
		return -ENOMEM;
	}
	if (map_info(c, fd, info)) {
		c->nr_errs++;
	} else if (info->type == BPF_MAP_TYPE_STRUCT_OPS &&
		   (!c->name || !strcmp(c->name, info->name))) {
		c->nr_maps++;
		if (c->fn(c, fd, info))
			c->nr_errs++;
	}
	free(info);
	return 0;
}

static int visit_id(struct st_ops_ctx *c, const char *arg)
{
	struct bpf_map_info *info;
	__u32 id;
	int fd, err;

	err = parse_u32(arg, "struct_ops map id", &id);
	if (err)
		return err;
	fd = bpf_map_get_fd_by_id(id);
	if (fd < 0) {
		p_err("can't get map by id (%u): %s", id, strerror(errno));
		return -errno;
	}
	info = calloc(1, c->info_len);
	err = info ? map_info(c, fd, info) : -ENOMEM;
	if (!err && info->type != BPF_MAP_TYPE_STRUCT_OPS) {
		p_err("%s id %u is not a struct_ops map", info->name, info->id);
		err = -EINVAL;
	}
	if (!err) {
		c->nr_maps++;
		err = c->fn(c, fd, info);
	}
	free(info);
	close(fd);
	return err;
}

/*
 * Run c->fn on the struct_ops maps [id ID | name NAME] selects (all when
 * argc is 0). need_one: selecting nothing is an error.
 */
static int visit(struct st_ops_ctx *c, int argc, char **argv, const char *cmd)
{
	static const struct keyword sel[] = { { "id" }, { "name" } };
	int k, err;

	if (argc && argc != 2) {
		p_err("'struct_ops %s' takes [id ID | name NAME], got %d words", cmd, argc);
		return -EINVAL;
	}
	if (argc) {
		k = KEYWORD_MATCH(argv[0], sel, "struct_ops map selector");
		if (k < 0)
			return k;
		if (k == 0)
			return visit_id(c, argv[1]);
		c->name = argv[1];
	}
	err = obj_for_each(OBJ_MAP, visit_map, c);
	if (err)
		return err;
	if (c->nr_errs)
		return -EINVAL;
	if (c->name && !c->nr_maps) {
		p_err("no struct_ops found for %s", c->name);
		return -ENOENT;
	}
	return 0;
}

static int show_one(struct st_ops_ctx *c, int fd, const struct bpf_map_info *info)
{
	struct json_writer *jw = out_json();

	(void)fd;
	if (!jw) {
		fprintf(out_stream(), "%u: %-15s %-32s\n", info->id, info->name,
			kern_st_ops_name(c, info));
		return 0;
	}
	jsonw_start_object(jw);
	jsonw_uint_field(jw, "id", info->id);
	jsonw_string_field(jw, "name", info->name);
	jsonw_string_field(jw, "kernel_struct_ops", kern_st_ops_name(c, info));
	jsonw_end_object(jw);
	return 0;
}

/* {"NAME": value} of type_id in the kernel's BTF, as bpftool's dump writes it. */
static int dump_typed(struct st_ops_ctx *c, const char *name, __u32 type_id, const void *data,
		      size_t size)
{
	int err;

	jsonw_start_object(c->jw);
	jsonw_name(c->jw, name);
	err = st_ops_value_json(c->vmlinux, type_id, data, size, c->jw);
	jsonw_end_object(c->jw);
	if (err)
		p_err("can't format %s with the kernel's BTF: %s", name, strerror(-err));
	return err;
}

static int dump_one(struct st_ops_ctx *c, int fd, const struct bpf_map_info *info)
{
	const struct btf_type *t = btf__type_by_id(c->vmlinux, info->btf_vmlinux_value_type_id);
	const char *vname = t ? btf__name_by_offset(c->vmlinux, t->name_off) : NULL;
	__u32 zero = 0;
	void *value;
	int err;

	if (!vname || !*vname) {
		p_err("struct_ops map %s id %u: value type %u is not in vmlinux BTF", info->name,
		      info->id, info->btf_vmlinux_value_type_id);
		return -ENOENT;
	}
	value = calloc(1, info->value_size ? info->value_size : 1);
	if (!value)
		return -ENOMEM;
	if (bpf_map_lookup_elem(fd, &zero, value)) {
		p_err("can't lookup struct_ops map %s id %u", info->name, info->id);
		free(value);
		return -errno;
	}
	err = dump_typed(c, "bpf_map_info", c->info_type_id, info, c->info_len);
	if (!err)
		err = dump_typed(c, vname, info->btf_vmlinux_value_type_id, value,
				 info->value_size);
	free(value);
	return err;
}

static int do_show(int argc, char **argv)
{
	struct st_ops_ctx c = { .fn = show_one };
	int err;

	err = ctx_init(&c);
	if (!err && out_json())
		jsonw_start_array(out_json());
	if (!err)
		err = visit(&c, argc, argv, "show");
	if (out_json() && !c.vmlinux)
		jsonw_null(out_json());
	else if (out_json())
		jsonw_end_array(out_json());
	btf__free(c.vmlinux);
	return err;
}

static int do_dump(int argc, char **argv)
{
	struct st_ops_ctx c = { .fn = dump_one };
	int err;

	err = ctx_init(&c);
	if (err)
		goto out;
	/* bpftool's dump is JSON either way: pretty-printed without -j */
	c.jw = out_json();
	if (!c.jw) {
		c.jw = jsonw_new(out_stream());
		if (!c.jw) {
			err = -ENOMEM;
			goto out;
		}
		jsonw_pretty(c.jw, true);
	}
	jsonw_start_array(c.jw);
	err = visit(&c, argc, argv, "dump");
	jsonw_end_array(c.jw);
	if (!out_json()) {
		jsonw_destroy(c.jw);
		fputc('\n', out_stream());
	}
out:
	btf__free(c.vmlinux);
	return err;
}

/* Unregistering a link map: each of its struct_ops links detached, its pins removed. */
struct link_sweep {
	__u32 map_id;
	const struct pin_table *pins;
	int found;
	int err;
};

static int sweep_link(int fd, __u32 id, void *ctx)
{
	struct link_sweep *s = ctx;
	struct link_info *li = calloc(1, sizeof(*li));
	const char *path;
	size_t pos = 0;

	if (!li)
		return -ENOMEM;
	if (link_info_get(fd, li) || li->info.type != LINK_TYPE_ST_OPS ||
	    li->info.struct_ops.map_id != s->map_id)
		goto out;
	s->found++;
	while ((path = pin_table_next(s->pins, id, &pos))) {
		if (unlink(path) && !s->err) {
			s->err = -errno;
			p_err("can't remove pinned link %s: %s", path, strerror(errno));
		}
	}
	if (bpf_link_detach(fd) && !s->err) {
		s->err = -errno;
		p_err("can't detach struct_ops link id %u: %s", id, strerror(errno));
	}
out:
	free(li);
	return 0;
}

static int unregister_links(const struct bpf_map_info *info)
{
	struct link_sweep s = { .map_id = info->id };
	struct pin_table *pins = NULL;
	int err;

	err = pin_table_build(OBJ_LINK, &pins);
	if (err)
		return err;
	s.pins = pins;
	err = obj_for_each(OBJ_LINK, sweep_link, &s);
	pin_table_free(pins);
	if (!err && !s.err && !s.found) {
		p_err("struct_ops %s id %u is not registered: no link uses it", info->name,
		      info->id);
		return -ENOENT;
	}
	return err ? err : s.err;
}

static int unregister_one(struct st_ops_ctx *c, int fd, const struct bpf_map_info *info)
{
	__u32 zero = 0;
	int err = 0;

	/* the kernel registers a .struct_ops.link map through links only */
	if (info->map_flags & MAP_F_LINK) {
		err = unregister_links(info);
	} else if (bpf_map_delete_elem(fd, &zero)) {
		err = -errno;
		p_err("can't unload %s %s id %u: %s", kern_st_ops_name(c, info), info->name,
		      info->id, strerror(errno));
	}
	if (!err)
		st_ops_info("Unregistered %s %s id %u", kern_st_ops_name(c, info), info->name,
		       info->id);
	return err;
}

static int do_unregister(int argc, char **argv)
{
	struct st_ops_ctx c = { .fn = unregister_one };
	int err;

	if (argc != 2) {
		p_err("'struct_ops unregister' needs STRUCT_OPS_MAP: id ID | name NAME");
		return -EINVAL;
	}
	err = ctx_init(&c);
	if (!err)
		err = visit(&c, argc, argv, "unregister");
	btf__free(c.vmlinux);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

/* What register made, undone if a later map fails. */
struct registered {
	struct bpf_link *links[64];
	char *pins[64];		/* by link: where it was pinned, or NULL */
	int cnt;
};

/* Success: leave every registration in place. Failure: take each off. */
static void registered_release(struct registered *r, bool undo)
{
	while (r->cnt--) {
		if (undo && r->pins[r->cnt])
			unlink(r->pins[r->cnt]);
		if (!undo)
			bpf_link__disconnect(r->links[r->cnt]);
		bpf_link__destroy(r->links[r->cnt]);
		free(r->pins[r->cnt]);
	}
}

/* A link map's link pinned as LINK_DIR/<map name>. */
static int register_pin(struct registered *r, const char *dir, const struct bpf_map_info *info)
{
	char path[PATH_MAX];
	int err;

	if (snprintf(path, sizeof(path), "%s/%s", dir, info->name) >= (int)sizeof(path)) {
		p_err("pin path %s/%s is too long", dir, info->name);
		return -ENAMETOOLONG;
	}
	err = pin_fd(bpf_link__fd(r->links[r->cnt - 1]), path, !cli.nomount);
	if (err)
		return err;
	r->pins[r->cnt - 1] = strdup(path);
	return r->pins[r->cnt - 1] ? 0 : -ENOMEM;
}

static int register_map(struct st_ops_ctx *c, struct bpf_map *map, const char *dir,
			struct registered *r)
{
	struct bpf_map_info *info = calloc(1, c->info_len);
	struct link_info *li = NULL;
	struct bpf_link *link;
	int err;

	if (!info)
		return -ENOMEM;
	if (r->cnt == (int)(sizeof(r->links) / sizeof(r->links[0]))) {
		p_err("more than %d struct_ops maps in one object", r->cnt);
		err = -E2BIG;
		goto out;
	}
	lib_flush();
	link = bpf_map__attach_struct_ops(map);
	if (!link) {
		err = -errno;
		p_err("can't register struct_ops %s: %s", bpf_map__name(map), lib_reason(err));
		goto out;
	}
	r->pins[r->cnt] = NULL;
	r->links[r->cnt++] = link;
	err = map_info(c, bpf_map__fd(map), info);
	if (err)
		goto out;
	if (!(info->map_flags & MAP_F_LINK)) {
		st_ops_info("Registered %s %s id %u", kern_st_ops_name(c, info), info->name,
			    info->id);
		goto out;
	}
	li = calloc(1, sizeof(*li));
	err = li ? link_info_get(bpf_link__fd(link), li) : -ENOMEM;
	if (!err && dir)
		err = register_pin(r, dir, info);
	if (!err)
		st_ops_info("Registered %s %s map id %u link id %u", kern_st_ops_name(c, info),
		       info->name, info->id, li->info.id);
out:
	free(li);
	free(info);
	return err;
}

/* OBJ opened and loaded, with the library's first warning as the reason of a failure. */
static struct bpf_object *load_object(const char *file)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .kernel_log_level = cli.debug ? 1 | 2 | 4 : 0);
	libbpf_print_fn_t old;
	struct bpf_object *obj;
	char what[PATH_MAX + 32];
	int err;

	lib_flush();
	old = libbpf_set_print(load_print);
	obj = bpf_object__open_file(file, &opts);
	if (!obj) {
		snprintf(what, sizeof(what), "can't open object %s", file);
		load_fail(what, -errno);
	} else if ((err = bpf_object__load(obj))) {
		snprintf(what, sizeof(what), "can't load object %s", file);
		load_fail(what, err);
		bpf_object__close(obj);
		obj = NULL;
	}
	libbpf_set_print(old);
	load_log_reset();
	return obj;
}

static int register_object(struct st_ops_ctx *c, const char *file, const char *dir)
{
	struct registered r = { .cnt = 0 };
	struct bpf_object *obj;
	struct bpf_map *map;
	int err = 0;

	obj = load_object(file);
	if (!obj)
		return -EINVAL;
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS || bpf_map__fd(map) < 0)
			continue;
		err = register_map(c, map, dir, &r);
		if (err)
			break;
	}
	if (!err && !r.cnt) {
		p_err("no struct_ops found in %s", file);
		err = -ENOENT;
	}
	registered_release(&r, err != 0);
	bpf_object__close(obj);
	return err;
}

static int do_register(int argc, char **argv)
{
	struct st_ops_ctx c = { .fn = NULL };
	int err;

	if (argc != 1 && argc != 2) {
		p_err("'struct_ops register' needs OBJ [LINK_DIR]");
		return -EINVAL;
	}
	err = ctx_init(&c);
	if (!err)
		err = register_object(&c, argv[0], argc == 2 ? argv[1] : NULL);
	btf__free(c.vmlinux);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "struct_ops help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s struct_ops { show | list } [STRUCT_OPS_MAP]\n"
		"       %1$s struct_ops dump [STRUCT_OPS_MAP]\n"
		"       %1$s struct_ops register OBJ [LINK_DIR]\n"
		"       %1$s struct_ops unregister STRUCT_OPS_MAP\n"
		"       %1$s struct_ops help\n"
		"\n"
		"       STRUCT_OPS_MAP := [ id STRUCT_OPS_MAP_ID | name STRUCT_OPS_MAP_NAME ]\n"
		"\n"
		"register loads OBJ and registers each of its struct_ops maps; the links of\n"
		".struct_ops.link maps are pinned under LINK_DIR (without it, they go when\n"
		"the command exits). unregister deletes a map's registration, or detaches\n"
		"and unpins the links of a .struct_ops.link map.\n",
		BIN_NAME);
	return 0;
}

static const struct cmd struct_ops_cmds[] = {
	{ { "show" }, do_show },
	{ { "list" }, do_show },
	{ { "dump" }, do_dump },
	{ { "register" }, do_register },
	{ { "unregister" }, do_unregister },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(struct_ops, struct_ops_cmds, do_show)
