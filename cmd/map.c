// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl map": show, create, dump and edit maps; pin and freeze them.
 * The commands live in map_*.c; "map tail" and "map event_pipe" in
 * map_tail.c.
 */
#include <errno.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "map_cmds.h"
#include "map_info.h"
#include "obj_pin.h"
#include "object.h"
#include "output.h"
#include "pinned.h"
#include "report.h"

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "map help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s map { show | list } [MAP]\n"
		"       %1$s map create FILE type TYPE key KEY_SIZE value VALUE_SIZE \\\n"
		"                            entries MAX_ENTRIES name NAME [flags FLAGS] \\\n"
		"                            [inner_map MAP] [offload_dev NAME]\n"
		"       %1$s map dump    MAP\n"
		"       %1$s map watch   MAP [interval SECS] [count N]\n"
		"       %1$s map update  MAP [key DATA] [value VALUE] [UPDATE_FLAGS]\n"
		"       %1$s map lookup  MAP [key DATA]\n"
		"       %1$s map getnext MAP [key DATA]\n"
		"       %1$s map delete  MAP key DATA\n"
		"       %1$s map pin     MAP FILE\n"
		"       %1$s map freeze  MAP\n"
		"       %1$s map peek    MAP\n"
		"       %1$s map { push | enqueue } MAP value VALUE\n"
		"       %1$s map { pop | dequeue } MAP\n"
		"       %1$s map tail    MAP [type TYPE_NAME] [btf FILE] [count N] "
		"[duration SECONDS]\n"
		"                        [drops VAR] [raw]\n"
		"       %1$s map event_pipe MAP [cpu N index M]\n"
		"       %1$s map help\n"
		"\n"
		"       %2$s\n"
		"       DATA := { [hex] BYTES }\n"
		"       %3$s\n"
		"       VALUE := { DATA | MAP | PROG }\n"
		"       UPDATE_FLAGS := { any | exist | noexist }\n"
		"       TYPE := { hash | array | prog_array | perf_event_array | percpu_hash |\n"
		"                 percpu_array | stack_trace | cgroup_array | lru_hash |\n"
		"                 lru_percpu_hash | lpm_trie | array_of_maps | hash_of_maps |\n"
		"                 devmap | devmap_hash | sockmap | cpumap | xskmap | sockhash |\n"
		"                 cgroup_storage | reuseport_sockarray | percpu_cgroup_storage |\n"
		"                 queue | stack | sk_storage | struct_ops | ringbuf |\n"
		"                 inode_storage | task_storage | bloom_filter | user_ringbuf |\n"
		"                 cgrp_storage | arena }\n"
		"       OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug} |\n"
		"                    {-f|--bpffs} | {-n|--nomount} | {-o|--output} FILE }\n"
		"\n"
		"BYTES are numbers of one byte each (decimal, 0x hex, 0 octal), or after\n"
		"'hex' hex digits, two per byte (\"0a 00\" or \"0a00\"). A VALUE of a map of\n"
		"maps is a MAP, of a program array a PROG. A per-CPU value is given once,\n"
		"for every CPU. A name that matches several maps shows or dumps each.\n"
		"'watch' prints the entries added (+), updated (~) and deleted (-) each\n"
		"interval (default 1 s, fractions allowed), all as added at first.\n",
		BIN_NAME, obj_selector_usage(OBJ_MAP), obj_selector_usage(OBJ_PROG));
	return 0;
}

static int do_pin(int argc, char **argv)
{
	return obj_pin_command(OBJ_MAP, "map", argc, argv);
}

static int do_freeze(int argc, char **argv)
{
	struct map_ref m;
	int err;

	if (!argc) {
		p_err("missing MAP after 'map freeze': %s", obj_selector_usage(OBJ_MAP));
		return -EINVAL;
	}
	err = map_ref_open(&argc, &argv, &m);
	if (err)
		return err;
	err = expect_no_more_args(argc, argv, "map freeze MAP");
	if (!err) {
		err = bpf_map_freeze(m.fd);
		if (err == -EBUSY)
			p_err("%s: can't freeze: it is frozen already, or mapped writable",
			      m.desc);
		else if (err)
			p_err("%s: can't freeze: %s", m.desc, lib_reason(err));
	}
	close(m.fd);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

static const struct cmd map_cmds[] = {
	{ { "show" }, do_map_show },
	{ { "list" }, do_map_show },
	{ { "create" }, do_map_create },
	{ { "dump" }, do_map_dump },
	{ { "watch" }, do_map_watch },
	{ { "update" }, do_map_update },
	{ { "lookup" }, do_map_lookup },
	{ { "getnext" }, do_map_getnext },
	{ { "delete" }, do_map_delete },
	{ { "pin" }, do_pin },
	{ { "freeze" }, do_freeze },
	{ { "peek" }, do_map_peek },
	{ { "push" }, do_map_push },
	{ { "enqueue" }, do_map_push },
	{ { "pop" }, do_map_pop },
	{ { "dequeue" }, do_map_pop },
	{ { "tail" }, do_map_tail },
	{ { "event_pipe" }, do_map_event_pipe },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(map, map_cmds, do_map_show)
