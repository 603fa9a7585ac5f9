/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The processes that hold an fd of each BPF object: the "pids" a show
 * command prints. bpftool finds them with a BPF iterator over task files;
 * we read /proc/PID/fd and /proc/PID/fdinfo instead, which works on every
 * kernel and needs no kernel symbols.
 */
#ifndef __BPFCTL_OBJ_PIDS_H
#define __BPFCTL_OBJ_PIDS_H

#include <stdio.h>
#include <linux/types.h>

#include "object.h"

struct json_writer;
struct pid_table;

/*
 * One pass over /proc: every process but this one that holds an fd of an
 * object of kind, with its command name. Processes and fds that can't be
 * read (gone, or /proc hidden) are skipped. Returns 0 or -ENOMEM (reported).
 */
int pid_table_build(enum obj_kind kind, struct pid_table **table);

void pid_table_free(struct pid_table *table);

/* "\n\tpids COMM(PID), COMM(PID)" for object (kind, id); nothing if none holds it. */
void pid_table_text(const struct pid_table *table, enum obj_kind kind, __u32 id, FILE *f);

/* The "pids" member [{"pid": N, "comm": "..."}], only if some process holds (kind, id). */
void pid_table_json(const struct pid_table *table, enum obj_kind kind, __u32 id,
		    struct json_writer *w);

#endif /* __BPFCTL_OBJ_PIDS_H */
