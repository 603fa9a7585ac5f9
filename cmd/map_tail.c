// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl map tail" and "map event_pipe": placeholder until they land.
 */
#include <errno.h>

#include "cmd.h"
#include "report.h"

int do_map_tail(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	p_err("'map tail' is not implemented yet");
	return -EOPNOTSUPP;
}

int do_map_event_pipe(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	p_err("'map event_pipe' is not implemented yet");
	return -EOPNOTSUPP;
}
