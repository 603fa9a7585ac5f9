// SPDX-License-Identifier: BSD-2-Clause
/*
 * The programs that use a map, found through each program's map ids.
 */
#include <stdint.h>

#include "map_users.h"
#include "object.h"
#include "prog_info.h"

struct users_scan {
	__u32 map_id;
	int (*fn)(const struct map_user *u, void *ctx);
	void *ctx;
};

/* obj_for_each() callback: pass on a program that uses the map. */
static int scan_prog(int fd, __u32 id, void *ctx)
{
	struct users_scan *s = ctx;
	struct map_user u = { .prog_fd = fd, .prog_id = id };
	struct prog_info pi;
	__u32 i;
	int err;

	err = prog_info_get(fd, PROG_INFO_MAP_IDS, &pi);
	if (err)
		return err;
	u.btf_id = pi.info.btf_id;
	u.map_ids = (const __u32 *)(uintptr_t)pi.info.map_ids;
	u.map_cnt = pi.info.nr_map_ids;
	for (i = 0; i < u.map_cnt && u.map_ids[i] != s->map_id; i++)
		;
	if (i < u.map_cnt)
		err = s->fn(&u, s->ctx);
	prog_info_free(&pi);
	return err;
}

int map_users_for_each(__u32 map_id, int (*fn)(const struct map_user *u, void *ctx), void *ctx)
{
	struct users_scan s = { .map_id = map_id, .fn = fn, .ctx = ctx };

	return obj_for_each(OBJ_PROG, scan_prog, &s);
}
