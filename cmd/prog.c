// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog": inspect loaded programs (show, dump, run), pin them, and
 * load programs from object files (prog_load.c); the other commands each
 * have their file (prog_attach.c, prog_tracelog.c, prog_profile.c, ...).
 */
#include <errno.h>
#include <unistd.h>

#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "obj_pin.h"
#include "object.h"
#include "output.h"
#include "pinned.h"
#include "prog_show.h"
#include "prog_top.h"
#include "report.h"

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "prog help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s prog { show | list } [PROG]\n"
		"       %1$s prog dump xlated PROG [{ file FILE | [opcodes] [linum] [visual] }]\n"
		"       %1$s prog dump jited  PROG [{ file FILE | [opcodes] [linum] }]\n"
		"       %1$s prog pin   PROG FILE\n"
		"       %1$s prog attach PROG ATTACH_TYPE [MAP]\n"
		"       %1$s prog detach PROG ATTACH_TYPE [MAP]\n"
		"       %1$s prog { load | loadall } OBJ PATH [type TYPE] \\\n"
		"                         [map { idx IDX | name NAME } MAP]... \\\n"
		"                         [{ offload_dev | xdpmeta_dev } NAME] \\\n"
		"                         [pinmaps MAP_DIR] [kernel_btf FILE] [autoattach]\n"
		"       %1$s prog tracelog\n"
		"       %1$s prog tracelog { stdout | stderr } PROG\n"
		"       %1$s prog profile PROG [duration DURATION] METRICs\n"
		"       %1$s prog run PROG \\\n"
		"                         data_in FILE \\\n"
		"                         [data_out FILE [data_size_out L]] \\\n"
		"                         [ctx_in FILE [ctx_out FILE [ctx_size_out M]]] \\\n"
		"                         [repeat N]\n"
		"       %1$s prog top [PROG]... [interval SECS] [count N] \\\n"
		"                         [sort { cpu | runs | avg | name }]\n"
		"       %1$s prog help\n"
		"\n"
		"       %2$s\n"
		"       %3$s\n"
		"       ATTACH_TYPE := { sk_msg_verdict | sk_skb_verdict | sk_skb_stream_verdict |\n"
		"                        sk_skb_stream_parser | flow_dissector }\n"
		"       METRIC := { cycles | instructions | l1d_loads | llc_misses |\n"
		"                   itlb_misses | dtlb_misses }\n"
		"       OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug} |\n"
		"                    {-f|--bpffs} | {-n|--nomount} | {-o|--output} FILE |\n"
		"                    {-m|--mapcompat} | {-L|--use-loader} }\n"
		"\n"
		"With -L, 'prog load OBJ' loads the object through a loader program (as a\n"
		"light skeleton does) and pins nothing; with -d also shows the loader's\n"
		"instructions and the verifier log. -m skips unknown map definition fields.\n"
		"FILE \"-\" in 'prog run' is standard input or output. A name or tag that\n"
		"matches several programs shows or dumps each of them. 'prog tracelog'\n"
		"follows the trace pipe until interrupted; with stdout or stderr it reads\n"
		"the program's BPF stream once. 'prog profile' counts 1 to 4 METRICs in\n"
		"PROG for DURATION seconds or until interrupted. 'prog top' turns run-time\n"
		"statistics on while it runs and shows them every interval (default 1 s):\n"
		"full screen on a terminal (q quits), else (or with -j) JSON lines.\n",
		BIN_NAME, obj_selector_usage(OBJ_PROG), obj_selector_usage(OBJ_MAP));
	return 0;
}

static int do_pin(int argc, char **argv)
{
	return obj_pin_command(OBJ_PROG, "prog", argc, argv);
}

static const struct cmd prog_cmds[] = {
	{ { "show" }, do_prog_show },
	{ { "list" }, do_prog_show },
	{ { "dump" }, do_prog_dump },
	{ { "pin" }, do_pin },
	{ { "load" }, do_prog_load },
	{ { "loadall", 5 }, do_prog_loadall },
	{ { "run" }, do_prog_run },
	{ { "attach" }, do_prog_attach },
	{ { "detach" }, do_prog_detach },
	{ { "tracelog" }, do_prog_tracelog },
	{ { "profile" }, do_prog_profile },
	{ { "top" }, do_prog_top },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(prog, prog_cmds, do_prog_show)
