// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl link": show the links the kernel holds (with what each is
 * attached to, in bpftool's text layout and JSON fields), pin them and
 * detach them.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "link_info.h"
#include "link_show.h"
#include "obj_pin.h"
#include "object.h"
#include "output.h"
#include "report.h"

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "link help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s link { show | list } [LINK]\n"
		"       %1$s link pin    LINK FILE\n"
		"       %1$s link detach LINK\n"
		"       %1$s link help\n"
		"\n"
		"       %2$s\n"
		"       OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug} |\n"
		"                    {-f|--bpffs} | {-n|--nomount} | {-o|--output} FILE }\n"
		"\n"
		"'detach' cuts the link from its hook: the program stops running there,\n"
		"while the link object itself lives on until its last pin and fd are gone.\n",
		BIN_NAME, obj_selector_usage(OBJ_LINK));
	return 0;
}

static int do_pin(int argc, char **argv)
{
	return obj_pin_command(OBJ_LINK, "link", argc, argv);
}

static int do_detach(int argc, char **argv)
{
	struct link_info li;
	int fd, err;

	fd = obj_select_one(OBJ_LINK, &argc, &argv);
	if (fd < 0)
		return fd;
	err = expect_no_more_args(argc, argv, "link detach LINK");
	if (!err)
		err = link_info_get(fd, &li);
	if (!err) {
		err = bpf_link_detach(fd);
		if (err)
			p_err("can't detach link id %u (%s): %s", li.info.id,
			      libbpf_bpf_link_type_str(li.info.type) ? : "unknown type",
			      strerror(-err));
	}
	close(fd);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

static const struct cmd link_cmds[] = {
	{ { "show" }, do_link_show },
	{ { "list" }, do_link_show },
	{ { "pin" }, do_pin },
	{ { "detach" }, do_detach },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(link, link_cmds, do_link_show)
