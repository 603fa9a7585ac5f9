// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl map create FILE type TYPE key KEY_SIZE value VALUE_SIZE
 *  entries MAX_ENTRIES name NAME [flags FLAGS] [inner_map MAP]
 *  [offload_dev NAME]": create a map and pin it at FILE.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "map_cmds.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "pinned.h"
#include "report.h"

enum create_option { OPT_TYPE, OPT_KEY, OPT_VALUE, OPT_ENTRIES, OPT_NAME, OPT_FLAGS,
		     OPT_INNER_MAP, OPT_OFFLOAD_DEV, OPT_CNT };

static const struct keyword create_options[] = {
	[OPT_TYPE] = { "type" },
	[OPT_KEY] = { "key" },
	[OPT_VALUE] = { "value" },
	[OPT_ENTRIES] = { "entries" },
	[OPT_NAME] = { "name" },
	[OPT_FLAGS] = { "flags" },
	[OPT_INNER_MAP] = { "inner_map" },
	[OPT_OFFLOAD_DEV] = { "offload_dev" },
};

struct create_args {
	const char *path;
	int type;		/* -1 until given */
	__u32 key_size, value_size, max_entries;
	const char *name;
	struct bpf_map_create_opts opts;
	int inner_fd;
	bool given[OPT_CNT];
};

/* Exact names only, as bpftool: a prefix could change meaning with new types. */
static int map_type_by_name(const char *name)
{
	const char *s;
	int t;

	for (t = 0; (s = libbpf_bpf_map_type_str(t)); t++)
		if (!strcmp(s, name))
			return t;
	p_err("unknown map type '%s' (see 'map help')", name);
	return -EINVAL;
}

static int parse_size(const char *val, const char *what, __u32 *out)
{
	return parse_u32(val, what, out) ? -EINVAL : 0;
}

static int parse_offload_dev(const char *val, struct create_args *a)
{
	a->opts.map_ifindex = if_nametoindex(val);
	if (!a->opts.map_ifindex) {
		p_err("unknown network device '%s' for offload_dev: %s", val, strerror(errno));
		return -ENODEV;
	}
	return 0;
}

static int parse_value_option(int k, const char *val, struct create_args *a)
{
	switch (k) {
	case OPT_TYPE:
		a->type = map_type_by_name(val);
		return a->type < 0 ? a->type : 0;
	case OPT_KEY:
		return parse_size(val, "a key size", &a->key_size);
	case OPT_VALUE:
		return parse_size(val, "a value size", &a->value_size);
	case OPT_ENTRIES:
		return parse_size(val, "a number of entries", &a->max_entries);
	case OPT_NAME:
		if (strlen(val) >= BPF_OBJ_NAME_LEN)
			p_warn("map name '%s' is longer than %d characters: the kernel keeps '%.*s'",
			       val, BPF_OBJ_NAME_LEN - 1, BPF_OBJ_NAME_LEN - 1, val);
		a->name = val;
		return 0;
	case OPT_FLAGS:
		return parse_size(val, "map flags", &a->opts.map_flags);
	default:
		return parse_offload_dev(val, a);
	}
}

static int parse_option(int *argc, char ***argv, struct create_args *a)
{
	int k = KEYWORD_MATCH((*argv)[0], create_options, "map create option");
	const char *val;
	int err;

	if (k < 0)
		return k;
	if (a->given[k]) {
		p_err("'%s' given twice", create_options[k].name);
		return -EINVAL;
	}
	a->given[k] = true;
	if (k == OPT_INNER_MAP) {
		(*argc)--, (*argv)++;
		if (*argc < 2) {
			p_err("missing MAP after 'inner_map': %s", obj_selector_usage(OBJ_MAP));
			return -EINVAL;
		}
		a->inner_fd = obj_select_one(OBJ_MAP, argc, argv);
		if (a->inner_fd < 0)
			return a->inner_fd;
		a->opts.inner_map_fd = a->inner_fd;
		return 0;
	}
	val = keyword_value(*argc, *argv, create_options[k].name,
			    k == OPT_TYPE ? "TYPE" : k == OPT_NAME ? "NAME" :
			    k == OPT_OFFLOAD_DEV ? "a network device" : "a number");
	if (!val)
		return -EINVAL;
	err = parse_value_option(k, val, a);
	*argc -= 2, *argv += 2;
	return err;
}

static int check_required(const struct create_args *a)
{
	static const int required[] = { OPT_TYPE, OPT_KEY, OPT_VALUE, OPT_ENTRIES, OPT_NAME };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(required); i++) {
		if (!a->given[required[i]]) {
			p_err("missing '%s' for 'map create'", create_options[required[i]].name);
			return -EINVAL;
		}
	}
	return 0;
}

int do_map_create(int argc, char **argv)
{
	struct create_args a = { .type = -1, .inner_fd = -1 };
	int fd, err = 0;

	a.opts.sz = sizeof(a.opts);
	if (!argc) {
		p_err("missing FILE to pin the new map at after 'map create'");
		return -EINVAL;
	}
	a.path = argv[0];
	argc--, argv++;
	while (!err && argc)
		err = parse_option(&argc, &argv, &a);
	if (!err)
		err = check_required(&a);
	if (err)
		goto out;
	lib_flush();
	fd = bpf_map_create(a.type, a.name, a.key_size, a.value_size, a.max_entries, &a.opts);
	if (fd < 0) {
		err = fd;
		p_err("can't create %s map '%s' (key %u, value %u, entries %u): %s",
		      libbpf_bpf_map_type_str(a.type), a.name, a.key_size, a.value_size,
		      a.max_entries, lib_reason(err));
		goto out;
	}
	err = pin_fd(fd, a.path, !cli.nomount);
	close(fd);
	if (!err && out_json())
		jsonw_null(out_json());
out:
	if (a.inner_fd >= 0)
		close(a.inner_fd);
	return err;
}
