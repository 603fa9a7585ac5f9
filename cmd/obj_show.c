// SPDX-License-Identifier: BSD-2-Clause
/*
 * The objects a "show" command shows, and the JSON around them.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "json_writer.h"
#include "obj_pids.h"
#include "obj_show.h"
#include "output.h"
#include "pinned.h"

static int show_selected(enum obj_kind kind, const char *object, int argc, char **argv,
			 int (*show_one)(int fd, __u32 id, void *ctx), void *ctx)
{
	char after[64];
	int *fds, cnt, i, err;

	cnt = obj_select(kind, &argc, &argv, &fds);
	if (cnt < 0)
		return cnt;
	/* "map show MAP": the selector's name as its usage spells it */
	snprintf(after, sizeof(after), "%s show %.*s", object,
		 (int)strcspn(obj_selector_usage(kind), " "), obj_selector_usage(kind));
	err = expect_no_more_args(argc, argv, after);
	if (!err && out_json() && cnt > 1)
		jsonw_start_array(out_json());
	for (i = 0; !err && i < cnt; i++)
		err = show_one(fds[i], 0, ctx);
	if (!err && out_json() && cnt > 1)
		jsonw_end_array(out_json());
	obj_fds_close(fds, cnt);
	return err;
}

static int show_all(enum obj_kind kind, int (*show_one)(int fd, __u32 id, void *ctx), void *ctx)
{
	int err;

	if (out_json())
		jsonw_start_array(out_json());
	err = obj_for_each(kind, show_one, ctx);
	if (!err && out_json())
		jsonw_end_array(out_json());
	return err;
}

int obj_show(enum obj_kind kind, const char *object, int argc, char **argv,
	     int (*show_one)(int fd, __u32 id, void *ctx), void *ctx, struct show_tables *t)
{
	int err;

	t->pins = NULL;
	err = pid_table_build(kind, &t->pids);
	if (!err && cli.show_pinned)
		err = pin_table_build(kind, &t->pins);
	if (!err)
		err = argc ? show_selected(kind, object, argc, argv, show_one, ctx) :
			     show_all(kind, show_one, ctx);
	pin_table_free(t->pins);
	pid_table_free(t->pids);
	t->pins = NULL;
	t->pids = NULL;
	return err;
}
