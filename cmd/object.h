/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel BPF objects as the commands name them: PROG, MAP and LINK
 * selectors ("id ID", "pinned FILE", "tag TAG", "name NAME"), iteration
 * over every loaded object of a kind, and which kind an fd is.
 */
#ifndef __BPFCTL_OBJECT_H
#define __BPFCTL_OBJECT_H

#include <stdbool.h>
#include <linux/types.h>

enum obj_kind {
	OBJ_PROG,
	OBJ_MAP,
	OBJ_LINK,
	OBJ_BTF,
	OBJ_KIND_CNT,
};

/* "program", "map", "link", "BTF object": for messages. */
const char *obj_noun(enum obj_kind kind);

/* Usage text of the selector: "PROG := { id PROG_ID | pinned FILE | ... }". */
const char *obj_selector_usage(enum obj_kind kind);

/*
 * Parse the selector at the head of argv (two words) and open every object
 * it names: id and pinned name one, tag and name (PROG, MAP) any number.
 * On success advances argc and argv past the selector and returns the number
 * of fds (at least 1) in *fds, which the caller frees with obj_fds_close().
 * Otherwise reports the error (what, on which object) and returns -errno:
 * -ENOENT when nothing matches.
 */
int obj_select(enum obj_kind kind, int *argc, char ***argv, int **fds);

/*
 * As obj_select(), for commands that act on one object: a name or tag
 * matching several is an error that says how many and suggests "id".
 * Returns the fd.
 */
int obj_select_one(enum obj_kind kind, int *argc, char ***argv);

/* Close and free what obj_select() returned. */
void obj_fds_close(int *fds, int cnt);

/*
 * Open the object pinned at path: checks that path is on a BPF filesystem
 * and holds an object of kind. Reports the error and returns -errno.
 */
int obj_open_pinned(enum obj_kind kind, const char *path);

/* The kind of the BPF object fd refers to; false if it is none. */
bool obj_fd_kind(int fd, enum obj_kind *kind);

/* As obj_fd_kind(), for the fd link of any process ("/proc/PID/fd/FD"). */
bool obj_fd_path_kind(const char *fd_path, enum obj_kind *kind);

/*
 * Call fn for each loaded object of kind, by ascending id, with an fd that
 * is closed after fn returns. Objects that vanish meanwhile are skipped.
 * Stops at, and returns, the first non-zero result of fn; reports and
 * returns -errno if listing fails.
 */
int obj_for_each(enum obj_kind kind, int (*fn)(int fd, __u32 id, void *ctx), void *ctx);

/* The id of the object behind fd, or 0 after reporting an error. */
__u32 obj_fd_id(enum obj_kind kind, int fd);

#endif /* __BPFCTL_OBJECT_H */
