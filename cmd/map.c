// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl map": placeholder until the commands land.
 */
#include <errno.h>

#include "cmd.h"
#include "report.h"

int do_map(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	p_err("'map' is not implemented yet");
	return -EOPNOTSUPP;
}
