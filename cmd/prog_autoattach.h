/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "prog load|loadall ... autoattach": attach the loaded programs where
 * their SEC() names say and pin the links, so the attachments outlive the
 * command; programs whose SEC() names no attach point are pinned as
 * programs instead, with a notice.
 */
#ifndef __BPFCTL_PROG_AUTOATTACH_H
#define __BPFCTL_PROG_AUTOATTACH_H

#include <bpf/libbpf.h>

/*
 * Attach prog and pin its link at path (or pin the program there when its
 * SEC() names no attach point); prog may be NULL (an object without
 * programs: an error). On failure nothing stays pinned or attached; the
 * error names the program, the target and why.
 * Returns 0 or -errno after p_err().
 */
int prog_autoattach_one(struct bpf_program *prog, const char *path);

/*
 * prog_autoattach_one() for every loaded program of obj, at dir/<name>
 * (dir is created on bpffs as needed). On failure what it pinned is
 * unpinned again, which detaches the links.
 * Returns 0 or -errno after p_err().
 */
int prog_autoattach_all(struct bpf_object *obj, const char *dir);

/*
 * Undo a successful prog_autoattach_all() when a later step fails: unpin
 * dir/<name> of every loaded program, which detaches the links.
 */
void prog_autoattach_undo(struct bpf_object *obj, const char *dir);

#endif /* __BPFCTL_PROG_AUTOATTACH_H */
