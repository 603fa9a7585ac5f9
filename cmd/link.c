// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl link": placeholder until the commands land.
 */
#include <errno.h>

#include "cmd.h"
#include "report.h"

int do_link(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	p_err("'link' is not implemented yet");
	return -EOPNOTSUPP;
}
