/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Paths at which objects are pinned, found by walking every mounted BPF
 * filesystem: what "-f/--bpffs" adds to "show" output, and the checks
 * before pinning (the target must be on bpffs, its directory created).
 */
#ifndef __BPFCTL_PINNED_H
#define __BPFCTL_PINNED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

#include "object.h"

struct pin_table;

/*
 * Collect the pinned paths of every object of kind. Returns 0, or -errno
 * after reporting an error; unreadable entries are skipped.
 */
int pin_table_build(enum obj_kind kind, struct pin_table **table);

/*
 * The paths of object id, in sorted order: call with *pos = 0, then again
 * until it returns NULL.
 */
const char *pin_table_next(const struct pin_table *table, __u32 id, size_t *pos);

void pin_table_free(struct pin_table *table);

struct json_writer;

/* The "pinned" member of a show: every path of id (nothing if table is NULL). */
void pin_table_json(const struct pin_table *table, __u32 id, struct json_writer *w);

/* "\n\tpinned PATH" for every path of id, bpftool's text (nothing if table is NULL). */
void pin_table_text(const struct pin_table *table, __u32 id, FILE *f);

/* path is on a mounted BPF filesystem (its existing parent, for a new file). */
bool path_on_bpffs(const char *path);

/*
 * Pin fd at path: creates missing parent directories on bpffs, refuses an
 * existing path and paths outside bpffs, each with an error naming the path.
 * When mount_bpffs is set and the parent is not on bpffs but is
 * /sys/fs/bpf (or under it), mounts bpffs there first.
 * Returns 0 or -errno.
 */
int pin_fd(int fd, const char *path, bool mount_bpffs);

#endif /* __BPFCTL_PINNED_H */
