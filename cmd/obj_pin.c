// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog pin", "map pin", "link pin": one command over the object kinds.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "json_writer.h"
#include "obj_pin.h"
#include "output.h"
#include "pinned.h"
#include "report.h"

int obj_pin_command(enum obj_kind kind, const char *object, int argc, char **argv)
{
	char after[64];
	int fd, err;

	if (!argc) {
		p_err("missing %s after '%s pin': %s", obj_noun(kind), object,
		      obj_selector_usage(kind));
		return -EINVAL;
	}
	fd = obj_select_one(kind, &argc, &argv);
	if (fd < 0)
		return fd;
	if (!argc) {
		p_err("missing FILE to pin the %s at after '%s pin'", obj_noun(kind), object);
		err = -EINVAL;
		goto out;
	}
	/* "link pin LINK FILE": the selector's name as its usage spells it */
	snprintf(after, sizeof(after), "%s pin %.*s FILE", object,
		 (int)strcspn(obj_selector_usage(kind), " "), obj_selector_usage(kind));
	err = expect_no_more_args(argc - 1, argv + 1, after);
	if (!err)
		err = pin_fd(fd, argv[0], !cli.nomount);
out:
	close(fd);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}
