// SPDX-License-Identifier: BSD-2-Clause
/*
 * The start of the "help" commands.
 */
#include "help.h"
#include "json_writer.h"
#include "keyword.h"
#include "output.h"

int help_begin(int argc, char **argv, const char *cmd)
{
	int err = expect_no_more_args(argc, argv, cmd);

	if (err)
		return err;
	if (!out_json())
		return 1;
	jsonw_null(out_json());
	return 0;
}
