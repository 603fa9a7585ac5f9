// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl iter": make a BPF iterator from an object file and pin it on
 * bpffs, where reading the pinned file runs the iterator.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "load_log.h"
#include "object.h"
#include "output.h"
#include "pinned.h"
#include "report.h"

struct iter_args {
	const char *obj_path;
	const char *pin_path;
	int map_fd;		/* -1 without "map MAP" */
};

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "iter help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s iter pin OBJ PATH [map MAP]\n"
		"       %1$s iter help\n"
		"\n"
		"       %2$s\n"
		"       OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug} |\n"
		"                    {-n|--nomount} }\n"
		"\n"
		"The first program of OBJ, an iterator (SEC(\"iter/...\")), is attached as\n"
		"an iterator link pinned at PATH on bpffs: reading PATH runs it. MAP is the\n"
		"map a map-parameterised iterator (bpf_map_elem, bpf_sk_storage_map,\n"
		"sockmap) walks.\n",
		BIN_NAME, obj_selector_usage(OBJ_MAP));
	return 0;
}

static int parse_pin_args(int argc, char **argv, struct iter_args *a)
{
	a->map_fd = -1;
	if (argc < 2) {
		p_err("'iter pin' needs OBJ and PATH");
		return -EINVAL;
	}
	a->obj_path = argv[0];
	a->pin_path = argv[1];
	argc -= 2;
	argv += 2;
	if (!argc)
		return 0;
	if (!*argv[0] || strncmp(argv[0], "map", strlen(argv[0]))) {
		p_err("unknown argument '%s' to 'iter pin'; expected 'map MAP'", argv[0]);
		return -EINVAL;
	}
	argc--;
	argv++;
	if (argc < 2) {
		p_err("missing map after 'iter pin OBJ PATH map': %s",
		      obj_selector_usage(OBJ_MAP));
		return -EINVAL;
	}
	a->map_fd = obj_select_one(OBJ_MAP, &argc, &argv);
	if (a->map_fd < 0)
		return a->map_fd;
	return expect_no_more_args(argc, argv, "iter pin OBJ PATH map MAP");
}

/*
 * The object's first program, if it is an iterator; the others are not
 * loaded, so that a program type the kernel refuses can't fail the pin.
 */
static struct bpf_program *first_iterator(struct bpf_object *obj, const char *file)
{
	struct bpf_program *prog = bpf_object__next_program(obj, NULL), *p;

	if (!prog) {
		p_err("iterator program not found in object '%s': it has no programs", file);
		return NULL;
	}
	if (bpf_program__expected_attach_type(prog) != BPF_TRACE_ITER) {
		p_err("iterator program not found in object '%s': its first program '%s' is "
		      "SEC(\"%s\"), not SEC(\"iter/...\")", file, bpf_program__name(prog),
		      bpf_program__section_name(prog));
		return NULL;
	}
	for (p = bpf_object__next_program(obj, prog); p; p = bpf_object__next_program(obj, p))
		bpf_program__set_autoload(p, false);
	return prog;
}

/*
 * The iterator targets that walk a map given at attach time. For the others
 * the kernel reads the same link info as their own parameters (a task
 * iterator's tid), so a map there would silently mean something else.
 */
static bool takes_map(const struct bpf_program *prog)
{
	static const char *const targets[] = { "bpf_map_elem", "bpf_sk_storage_map", "sockmap" };
	const char *target = strchr(bpf_program__section_name(prog), '/');
	size_t i;

	for (i = 0; target && i < ARRAY_SIZE(targets); i++)
		if (!strcmp(target + 1, targets[i]))
			return true;
	return false;
}

/*
 * OBJ opened and loaded with only its iterator, which takes a map if one is
 * given; NULL after reporting.
 */
static struct bpf_object *load_iterator(const char *file, bool with_map,
					struct bpf_program **prog)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .kernel_log_level = cli.debug ? 1 | 4 : 0);
	struct bpf_object *obj;
	char what[PATH_MAX + 32];
	int err;

	obj = bpf_object__open_file(file, &opts);
	if (!obj) {
		snprintf(what, sizeof(what), "can't open object '%s'", file);
		load_fail(what, -errno);
		return NULL;
	}
	*prog = first_iterator(obj, file);
	if (!*prog)
		goto fail;
	if (with_map && !takes_map(*prog)) {
		p_err("iterator '%s' (SEC(\"%s\")) takes no map; 'map MAP' is for "
		      "iter/bpf_map_elem, iter/bpf_sk_storage_map and iter/sockmap",
		      bpf_program__name(*prog), bpf_program__section_name(*prog));
		goto fail;
	}
	err = bpf_object__load(obj);
	if (err) {
		snprintf(what, sizeof(what), "can't load object '%s'", file);
		load_fail(what, err);
		goto fail;
	}
	return obj;
fail:
	bpf_object__close(obj);
	return NULL;
}

static int attach_and_pin(struct bpf_program *prog, const struct iter_args *a)
{
	LIBBPF_OPTS(bpf_iter_attach_opts, opts);
	union bpf_iter_link_info info = {};
	struct bpf_link *link;
	int err;

	if (a->map_fd >= 0) {
		info.map.map_fd = a->map_fd;
		opts.link_info = &info;
		opts.link_info_len = sizeof(info);
	}
	lib_flush();
	link = bpf_program__attach_iter(prog, &opts);
	if (!link) {
		err = -errno;
		p_err("can't attach iterator '%s'%s: %s", bpf_program__name(prog),
		      a->map_fd >= 0 ? " to the map" : "", lib_reason(err));
		return err;
	}
	/* the pinned link keeps the iterator; the program goes with the object */
	err = pin_fd(bpf_link__fd(link), a->pin_path, !cli.nomount);
	bpf_link__destroy(link);
	return err;
}

static int do_pin(int argc, char **argv)
{
	struct iter_args a;
	struct bpf_program *prog;
	struct bpf_object *obj;
	libbpf_print_fn_t old;
	int err;

	err = parse_pin_args(argc, argv, &a);
	if (err)
		goto out;
	/* refuse a taken PATH before the kernel does any work (pin_fd() checks bpffs) */
	if (!access(a.pin_path, F_OK)) {
		p_err("can't pin at '%s': the path exists", a.pin_path);
		err = -EEXIST;
		goto out;
	}
	lib_flush();
	old = libbpf_set_print(load_print);
	obj = load_iterator(a.obj_path, a.map_fd >= 0, &prog);
	libbpf_set_print(old);
	load_log_reset();
	if (!obj) {
		err = -EINVAL;
		goto out;
	}
	err = attach_and_pin(prog, &a);
	bpf_object__close(obj);
out:
	if (a.map_fd >= 0)
		close(a.map_fd);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

static const struct cmd iter_cmds[] = {
	{ { "pin" }, do_pin },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(iter, iter_cmds, do_help)
