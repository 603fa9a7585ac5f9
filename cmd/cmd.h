/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the bpfctl commands share: the global options and the entry point
 * of each object.
 */
#ifndef __BPFCTL_CMD_H
#define __BPFCTL_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "keyword.h"

#define BIN_NAME "bpfctl"

struct btf;

/* Global options, set once from the command line before the object. */
struct cli_options {
	bool json;		/* -j, --json */
	bool pretty;		/* -p, --pretty (implies json) */
	bool debug;		/* -d, --debug */
	const char *base_btf_path;	/* -B, --base-btf FILE */
	struct btf *base_btf;	/* that file, parsed before the command runs */
	const char *output_path;	/* -o, --output FILE */
	bool show_pinned;	/* -f, --bpffs: show the pinned paths of objects */
	bool nomount;		/* -n, --nomount: don't mount bpffs when missing */
	bool use_loader;	/* -L, --use-loader: light skeleton; prog load through a loader */
	bool mapcompat;		/* -m, --mapcompat: prog load skips unknown map definition fields */
};

extern struct cli_options cli;

/*
 * Run "OBJECT COMMAND ARGS" (argc >= 1): the top-level dispatch, shared by
 * main() and batch mode. Returns 0 or a negative errno with an error
 * recorded.
 */
int run_object(int argc, char **argv);

/* The table of objects, for completion. */
const struct cmd *cmd_objects(size_t *cnt);

/*
 * The commands of object (its full name), for completion: NULL if it has
 * no table of its own.
 */
const struct cmd *cmd_object_commands(const char *object, size_t *cnt);

/* Top-level usage; to stdout for "help", to stderr when shown on a mistake. */
void usage_main(FILE *f);

/* Objects and top-level commands: argv holds the words after their name. */
int do_btf(int argc, char **argv);
int do_batch(int argc, char **argv);
int do_version(int argc, char **argv);
int do_shell(int argc, char **argv);
int do_prog(int argc, char **argv);
int do_map(int argc, char **argv);
int do_link(int argc, char **argv);
int do_cgroup(int argc, char **argv);

/* The command tables of the objects, for completion. */
const struct cmd *prog_commands(size_t *cnt);
const struct cmd *map_commands(size_t *cnt);
const struct cmd *link_commands(size_t *cnt);
const struct cmd *btf_commands(size_t *cnt);
const struct cmd *gen_commands(size_t *cnt);
const struct cmd *cgroup_commands(size_t *cnt);
int do_perf(int argc, char **argv);
const struct cmd *perf_commands(size_t *cnt);
int do_net(int argc, char **argv);
int do_gen(int argc, char **argv);
const struct cmd *net_commands(size_t *cnt);
int do_struct_ops(int argc, char **argv);
const struct cmd *struct_ops_commands(size_t *cnt);
int do_feature(int argc, char **argv);
const struct cmd *feature_commands(size_t *cnt);
int do_iter(int argc, char **argv);
const struct cmd *iter_commands(size_t *cnt);

/* Commands implemented in files of their own, dispatched from prog.c / map.c. */
int do_prog_load(int argc, char **argv);	/* prog_load.c: "prog load" */
int do_prog_loadall(int argc, char **argv);	/* prog_load.c: "prog loadall" */
int do_prog_attach(int argc, char **argv);	/* prog_attach.c: "prog attach" */
int do_prog_detach(int argc, char **argv);	/* prog_attach.c: "prog detach" */
int do_prog_tracelog(int argc, char **argv);	/* prog_tracelog.c: "prog tracelog" */
int do_prog_profile(int argc, char **argv);	/* prog_profile.c: "prog profile" */
int do_map_tail(int argc, char **argv);		/* map_tail.c: "map tail" */
int do_map_event_pipe(int argc, char **argv);	/* map_tail.c: "map event_pipe" */

#endif /* __BPFCTL_CMD_H */
