/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loaded programs that use a map: where "map tail" finds the BTF of
 * the records and the counters of the programs that write them.
 */
#ifndef __BPFCTL_MAP_USERS_H
#define __BPFCTL_MAP_USERS_H

#include <linux/types.h>

/* What map_users_for_each() tells of one program; valid during the call. */
struct map_user {
	int prog_fd;
	__u32 prog_id;
	__u32 btf_id;		/* the program's BTF, 0 if none */
	const __u32 *map_ids;	/* every map the program uses */
	__u32 map_cnt;
};

/*
 * Call fn for each loaded program that uses the map with id map_id.
 * Stops at, and returns, the first non-zero result of fn; reports and
 * returns -errno if the programs or their info can't be read.
 */
int map_users_for_each(__u32 map_id, int (*fn)(const struct map_user *u, void *ctx), void *ctx);

#endif /* __BPFCTL_MAP_USERS_H */
