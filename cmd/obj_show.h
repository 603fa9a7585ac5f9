/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "prog show", "map show", "link show": the walk over the objects they
 * show and the tables of pins and holding processes, shared; what one object looks like is each command's own.
 */
#ifndef __BPFCTL_OBJ_SHOW_H
#define __BPFCTL_OBJ_SHOW_H

#include <linux/types.h>

#include "object.h"

struct pid_table;
struct pin_table;

/* What a show adds to each object, looked up once for all of them. */
struct show_tables {
	struct pin_table *pins;	/* with -f: the pinned paths */
	struct pid_table *pids;	/* the processes holding each object */
};

/*
 * Call show_one (fd, id 0 or the object's id, ctx) for every loaded object
 * of kind, inside a JSON array; or, with a selector in argv, for the
 * objects it names: one as a JSON object, several as an array, as bpftool
 * prints them. While show_one runs, t->pids holds the processes that hold
 * objects of kind, and with -f, t->pins the pinned paths.
 * object names the command in messages ("map"). Returns 0 or -errno.
 */
int obj_show(enum obj_kind kind, const char *object, int argc, char **argv,
	     int (*show_one)(int fd, __u32 id, void *ctx), void *ctx, struct show_tables *t);

#endif /* __BPFCTL_OBJ_SHOW_H */
