// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog load" and "prog loadall": placeholder until the loader lands.
 */
#include <errno.h>

#include "cmd.h"
#include "report.h"

int do_prog_load(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	p_err("'prog load' is not implemented yet");
	return -EOPNOTSUPP;
}

int do_prog_loadall(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	p_err("'prog loadall' is not implemented yet");
	return -EOPNOTSUPP;
}
