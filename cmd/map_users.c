// SPDX-License-Identifier: BSD-2-Clause
/*
 * The programs that use a map, found through each program's map ids.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "map_users.h"
#include "object.h"
#include "report.h"

/* The ids of the maps prog_fd uses: *ids (freed by the caller), their count, or -errno. */
static int prog_map_ids(int prog_fd, __u32 **ids, __u32 *btf_id)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info), cnt;

	memset(&info, 0, sizeof(info));
	if (bpf_prog_get_info_by_fd(prog_fd, &info, &len))
		return -errno;
	cnt = info.nr_map_ids;
	*btf_id = info.btf_id;
	*ids = calloc(cnt ? cnt : 1, sizeof(**ids));
	if (!*ids)
		return -ENOMEM;
	memset(&info, 0, sizeof(info));
	info.nr_map_ids = cnt;
	info.map_ids = (__u64)(unsigned long)*ids;
	len = sizeof(info);
	if (bpf_prog_get_info_by_fd(prog_fd, &info, &len)) {
		free(*ids);
		return -errno;
	}
	return info.nr_map_ids < cnt ? (int)info.nr_map_ids : (int)cnt;
}

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
	__u32 *ids = NULL;
	int cnt, i, ret = 0;

	cnt = prog_map_ids(fd, &ids, &u.btf_id);
	if (cnt < 0) {
		p_debug("skipping program id %u: %s", id, strerror(-cnt));
		return 0;
	}
	for (i = 0; i < cnt && ids[i] != s->map_id; i++)
		;
	if (i < cnt) {
		u.map_ids = ids;
		u.map_cnt = cnt;
		ret = s->fn(&u, s->ctx);
	}
	free(ids);
	return ret;
}

int map_users_for_each(__u32 map_id, int (*fn)(const struct map_user *u, void *ctx), void *ctx)
{
	struct users_scan s = { .map_id = map_id, .fn = fn, .ctx = ctx };

	return obj_for_each(OBJ_PROG, scan_prog, &s);
}
