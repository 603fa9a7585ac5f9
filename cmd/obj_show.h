/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "prog show", "map show", "link show": the walk over the objects they
 * show, shared; what one object looks like is each command's own.
 */
#ifndef __BPFCTL_OBJ_SHOW_H
#define __BPFCTL_OBJ_SHOW_H

#include <linux/types.h>

#include "object.h"

struct pin_table;

/*
 * Call show_one (fd, id 0 or the object's id, ctx) for every loaded object
 * of kind, inside a JSON array; or, with a selector in argv, for the
 * objects it names: one as a JSON object, several as an array, as bpftool
 * prints them. With -f, *pins holds the pinned paths while show_one runs.
 * object names the command in messages ("map"). Returns 0 or -errno.
 */
int obj_show(enum obj_kind kind, const char *object, int argc, char **argv,
	     int (*show_one)(int fd, __u32 id, void *ctx), void *ctx, struct pin_table **pins);

#endif /* __BPFCTL_OBJ_SHOW_H */
