// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog": placeholder until the commands land.
 */
#include <errno.h>

#include "cmd.h"
#include "report.h"

int do_prog(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	p_err("'prog' is not implemented yet");
	return -EOPNOTSUPP;
}
