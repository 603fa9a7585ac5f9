// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpfctl: global options, the table of objects, and the run of one command
 * from the command line to its exit status.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "cmd.h"
#include "json_writer.h"
#include "output.h"
#include "report.h"
#include "shell.h"

struct cli_options cli;

static int do_help(int argc, char **argv);

/*
 * Every object bpftool knows is listed, the ones bpfctl does not implement
 * yet as reserved, so that abbreviations keep their meaning as they land.
 * "b" is btf: batch needs at least "ba".
 */
static const struct cmd objects[] = {
	{ { "batch", 2 }, do_batch },
	{ { "btf" }, do_btf, btf_commands },
	{ { "cgroup" }, do_cgroup, cgroup_commands },
	{ { "feature" }, do_feature, feature_commands },
	{ { "gen" }, do_gen, gen_commands },
	{ { "help" }, do_help },
	{ { "iter" }, do_iter, iter_commands },
	{ { "link" }, do_link, link_commands },
	{ { "map" }, do_map, map_commands },
	{ { "net" }, do_net, net_commands },
	{ { "perf" }, do_perf, perf_commands },
	{ { "prog" }, do_prog, prog_commands },
	{ { "shell", 2 }, do_shell },
	{ { "struct_ops" }, do_struct_ops, struct_ops_commands },
	{ { "version" }, do_version },
};

void usage_main(FILE *f)
{
	fprintf(f,
		"Usage: %1$s [OPTIONS] OBJECT { COMMAND | help }\n"
		"       %1$s [OPTIONS] batch file FILE\n"
		"       %1$s [OPTIONS] [shell]\n"
		"       %1$s [OPTIONS] version\n"
		"       %1$s help\n"
		"\n"
		"       OBJECT  := { prog | map | link | cgroup | perf | net | feature | btf |"
		" gen | struct_ops | iter }\n"
		"       OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug} |\n"
		"                    {-B|--base-btf} FILE | {-o|--output} FILE |\n"
		"                    {-f|--bpffs} | {-n|--nomount} | {-L|--use-loader} |\n"
		"                    {-m|--mapcompat} |\n"
		"                    {-h|--help} | {-V|--version} }\n"
		"\n"
		"Options go before OBJECT. Keywords may be shortened to any unique prefix:\n"
		"'%1$s b d f FILE f c' is '%1$s btf dump file FILE format c'.\n"
		"With -o FILE, the output replaces FILE only if the command succeeds.\n",
		BIN_NAME);
}

static int do_help(int argc, char **argv)
{
	int err = expect_no_more_args(argc, argv, "help");

	if (err)
		return err;
	if (out_json())
		jsonw_null(out_json());
	else
		usage_main(out_stream());
	return 0;
}

const struct cmd *cmd_objects(size_t *cnt)
{
	*cnt = ARRAY_SIZE(objects);
	return objects;
}

int run_object(int argc, char **argv)
{
	return CMD_DISPATCH(objects, "object", argc, argv);
}

enum action { RUN_OBJECT, SHOW_HELP, SHOW_VERSION };

static const struct option long_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "pretty", no_argument, NULL, 'p' },
	{ "debug", no_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "base-btf", required_argument, NULL, 'B' },
	{ "output", required_argument, NULL, 'o' },
	{ "bpffs", no_argument, NULL, 'f' },
	{ "nomount", no_argument, NULL, 'n' },
	{ "use-loader", no_argument, NULL, 'L' },
	{ "mapcompat", no_argument, NULL, 'm' },
	{ NULL, 0, NULL, 0 },
};

/* Report a getopt failure; the offending word is argv[optind - 1]. */
static int bad_option(int opt, char **argv)
{
	const char *word = argv[optind - 1];
	/* a long option as typed, else the short one (maybe inside "-jx") */
	bool is_long = !strncmp(word, "--", 2) || !optopt;

	if (opt == ':' && is_long)
		p_err("option '%s' needs an argument", word);
	else if (opt == ':')
		p_err("option '-%c' needs an argument", optopt);
	else if (is_long && optopt)
		p_err("option '%.*s' takes no argument", (int)strcspn(word, "="), word);
	else if (is_long)
		p_err("unknown option '%s'", word);
	else
		p_err("unknown option '-%c'", optopt);
	return -EINVAL;
}

/* Parse every option (so -j applies to an error too); keep the first error. */
static int parse_options(int argc, char **argv, enum action *action)
{
	int opt, err = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:jpdhVB:o:fnLm", long_options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			cli.pretty = true;
			/* fall through */
		case 'j':
			cli.json = true;
			break;
		case 'd':
			cli.debug = true;
			break;
		case 'h':
			*action = SHOW_HELP;
			break;
		case 'V':
			*action = SHOW_VERSION;
			break;
		case 'B':
			cli.base_btf_path = optarg;
			break;
		case 'o':
			cli.output_path = optarg;
			break;
		case 'f':
			cli.show_pinned = true;
			break;
		case 'n':
			cli.nomount = true;
			break;
		case 'L':
			cli.use_loader = true;
			break;
		case 'm':
			cli.mapcompat = true;
			break;
		default:
			if (!err)
				err = bad_option(opt, argv);
			break;
		}
	}
	return err;
}

static int load_base_btf(void)
{
	int err;

	if (!cli.base_btf_path)
		return 0;
	lib_flush();
	cli.base_btf = btf__parse(cli.base_btf_path, NULL);
	if (!cli.base_btf) {
		err = -errno;
		p_err("failed to load base BTF from '%s': %s", cli.base_btf_path,
		      lib_reason(err));
		return err;
	}
	return 0;
}

static int run(enum action action, int argc, char **argv)
{
	int err;

	if (action == SHOW_VERSION)
		return do_version(0, NULL);
	if (action == SHOW_HELP)
		return do_help(0, NULL);
	if (!argc) {
		if (!cli.json)
			usage_main(stderr);
		p_err("missing OBJECT; see '%s help'", BIN_NAME);
		return -EINVAL;
	}
	err = load_base_btf();
	return err ? err : run_object(argc, argv);
}

int main(int argc, char **argv)
{
	enum action action = RUN_OBJECT;
	struct output_opts out_opts;
	int err, open_err;

	err = parse_options(argc, argv, &action);
	report_init(cli.debug);
	if (!err && action == RUN_OBJECT && shell_wanted(argc - optind, argv + optind)) {
		err = load_base_btf();
		err = err ? out_close(err) : shell_interactive(argc - optind, argv + optind);
		btf__free(cli.base_btf);
		return err;
	}
	out_opts.json = cli.json;
	out_opts.pretty = cli.pretty;
	/* a bad command line must not create or replace FILE */
	out_opts.path = err ? NULL : cli.output_path;
	open_err = out_open(&out_opts);
	if (!err)
		err = open_err;
	if (!err)
		err = run(action, argc - optind, argv + optind);
	err = out_close(err);
	btf__free(cli.base_btf);
	return err;
}
