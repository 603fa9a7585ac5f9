// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl feature": probe what the kernel (or an offload device) supports,
 * as bpftool's "feature probe" does and with its output (text, JSON, or C
 * macros), and list the type names this build knows.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "feature.h"
#include "help.h"
#include "insn_print.h"
#include "json_writer.h"
#include "output.h"
#include "privilege.h"
#include "report.h"

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "feature help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s feature probe [COMPONENT] [full] [unprivileged]"
		" [macros [prefix PREFIX]]\n"
		"       %1$s feature list_builtins GROUP\n"
		"       %1$s feature help\n"
		"\n"
		"       COMPONENT := { kernel | dev NAME }\n"
		"       GROUP := { prog_types | map_types | attach_types | link_types | helpers }\n"
		"       OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug} |"
		" {-o|--output} FILE }\n"
		"\n"
		"'full' also probes the helpers that write to the kernel log (bpf_trace_printk,\n"
		"bpf_trace_vprintk, bpf_probe_write_user). 'unprivileged' drops CAP_SYS_ADMIN,\n"
		"CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON first, to show what a user without them\n"
		"gets. 'macros' prints C #defines, their names starting with PREFIX if given.\n",
		BIN_NAME);
	return 0;
}

void feature_section_begin(const struct feature_run *run, const char *json_name,
			   const char *title, const char *comment)
{
	if (out_json()) {
		jsonw_name(out_json(), json_name);
		jsonw_start_object(out_json());
	} else {
		fprintf(out_stream(), "%s\n", run->prefix ? comment : title);
	}
}

void feature_section_end(const struct feature_run *run)
{
	(void)run;
	if (out_json())
		jsonw_end_object(out_json());
	else
		fputc('\n', out_stream());
}

void feature_print_bool(const struct feature_run *run, const char *json_name,
			const char *text, const char *macro, bool ok)
{
	if (out_json())
		jsonw_bool_field(out_json(), json_name, ok);
	else if (run->prefix)
		fprintf(out_stream(), "#define %s%sHAVE_%s\n", run->prefix, ok ? "" : "NO_", macro);
	else
		fprintf(out_stream(), "%s is %savailable\n", text, ok ? "" : "NOT ");
}

enum probe_word { W_KERNEL, W_DEV, W_FULL, W_UNPRIVILEGED, W_MACROS, W_PREFIX };

static const struct keyword probe_words[] = {
	[W_KERNEL] = { "kernel" },
	[W_DEV] = { "dev" },
	[W_FULL] = { "full" },
	[W_UNPRIVILEGED] = { "unprivileged" },
	[W_MACROS] = { "macros" },
	[W_PREFIX] = { "prefix" },
};

static int set_device(struct feature_run *run, const char *name)
{
	if (!name)
		return -EINVAL;
	run->ifindex = if_nametoindex(name);
	if (!run->ifindex) {
		p_err("unrecognized netdevice '%s': %s", name, strerror(errno));
		return -ENODEV;
	}
	run->device = true;
	return 0;
}

/* One word of "feature probe" (and its value); returns how many were used or -errno. */
static int parse_probe_word(struct feature_run *run, bool *component, int argc, char **argv)
{
	int w = KEYWORD_MATCH(argv[0], probe_words, "feature probe argument");

	if (w < 0)
		return w;
	if ((w == W_KERNEL || w == W_DEV) && *component) {
		p_err("component to probe already specified");
		return -EINVAL;
	}
	switch (w) {
	case W_KERNEL:
		*component = true;
		return 1;
	case W_DEV:
		*component = true;
		return set_device(run, keyword_value(argc, argv, "dev", "a device NAME")) ? : 2;
	case W_FULL:
		run->full = true;
		return 1;
	case W_UNPRIVILEGED:
		run->unprivileged = true;
		return 1;
	case W_MACROS:
		if (run->prefix) {
			p_err("'macros' given twice");
			return -EINVAL;
		}
		run->prefix = "";
		return 1;
	default:
		if (!run->prefix) {
			p_err("'prefix' can only be used after 'macros'");
			return -EINVAL;
		}
		if (*run->prefix) {
			p_err("'prefix' given twice");
			return -EINVAL;
		}
		run->prefix = keyword_value(argc, argv, "prefix", "a PREFIX");
		return run->prefix ? 2 : -EINVAL;
	}
}

static int do_probe(int argc, char **argv)
{
	struct feature_run run = { NULL };
	struct cap_drop dropped;
	bool component = false;
	int used, err;

	for (; argc; argc -= used, argv += used) {
		used = parse_probe_word(&run, &component, argc, argv);
		if (used < 0)
			return used;
	}
	err = privilege_feature_probe(run.unprivileged, &dropped);
	if (err)
		return err;
	/* JSON has no macros */
	if (out_json()) {
		run.prefix = NULL;
		jsonw_start_object(out_json());
	}
	if (!run.device)
		feature_system_config(&run);
	feature_kernel(&run);
	if (out_json())
		jsonw_end_object(out_json());
	privilege_restore(&dropped);
	return 0;
}

static const char *helper_str(unsigned int id)
{
	return id ? insn_helper_name(id) : "bpf_unspec";
}

static const char *prog_type_str(unsigned int t)
{
	return libbpf_bpf_prog_type_str(t);
}

static const char *map_type_str(unsigned int t)
{
	return libbpf_bpf_map_type_str(t);
}

static const char *attach_type_str(unsigned int t)
{
	return libbpf_bpf_attach_type_str(t);
}

static const char *link_type_str(unsigned int t)
{
	return libbpf_bpf_link_type_str(t);
}

struct builtin_group {
	struct keyword kw;
	const char *(*name)(unsigned int id);
};

static const struct builtin_group groups[] = {
	{ { "prog_types" }, prog_type_str },
	{ { "map_types" }, map_type_str },
	{ { "attach_types" }, attach_type_str },
	{ { "link_types" }, link_type_str },
	{ { "helpers" }, helper_str },
};

/* The names of one group, from id 0 up to the first id without a name. */
static int do_list_builtins(int argc, char **argv)
{
	const char *name;
	unsigned int id;
	int g;

	if (!argc) {
		p_err("missing GROUP: prog_types, map_types, attach_types, link_types or helpers");
		return -EINVAL;
	}
	g = KEYWORD_MATCH(argv[0], groups, "builtin group");
	if (g < 0)
		return g;
	g = expect_no_more_args(argc - 1, argv + 1, "feature list_builtins GROUP") ? : g;
	if (g < 0)
		return g;
	if (out_json())
		jsonw_start_array(out_json());
	for (id = 0; (name = groups[g].name(id)); id++) {
		if (out_json())
			jsonw_string(out_json(), name);
		else
			fprintf(out_stream(), "%s\n", name);
	}
	if (out_json())
		jsonw_end_array(out_json());
	return 0;
}

static const struct cmd feature_cmds[] = {
	{ { "probe" }, do_probe },
	{ { "list_builtins" }, do_list_builtins },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(feature, feature_cmds, do_probe)
