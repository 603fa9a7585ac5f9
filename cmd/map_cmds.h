/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The "map" commands, one file per group, dispatched from map.c.
 */
#ifndef __BPFCTL_MAP_CMDS_H
#define __BPFCTL_MAP_CMDS_H

#include <linux/bpf.h>

int do_map_show(int argc, char **argv);		/* map_show.c */
int do_map_dump(int argc, char **argv);		/* map_dump.c */
int do_map_watch(int argc, char **argv);	/* map_watch.c */
int do_map_create(int argc, char **argv);	/* map_create.c */
/* map_elem.c */
int do_map_lookup(int argc, char **argv);
int do_map_update(int argc, char **argv);
int do_map_delete(int argc, char **argv);
int do_map_getnext(int argc, char **argv);
int do_map_peek(int argc, char **argv);
int do_map_push(int argc, char **argv);
int do_map_pop(int argc, char **argv);

/* The first line of "map show" and of each map of a dump of several. */
void map_header_text(const struct bpf_map_info *info);
/* id, type, name, flags: members of the open JSON object. */
void map_header_json(const struct bpf_map_info *info);

#endif /* __BPFCTL_MAP_CMDS_H */
