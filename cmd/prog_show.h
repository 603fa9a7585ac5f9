/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "bpfctl prog show": the commands in files of their own, and the parts
 * of the show output that "prog dump" reuses as per-program headers.
 */
#ifndef __BPFCTL_PROG_SHOW_H
#define __BPFCTL_PROG_SHOW_H

#include "prog_info.h"

/* "prog show|list [PROG]" */
int do_prog_show(int argc, char **argv);

/* "prog dump xlated|jited PROG ..." (prog_dump.c) */
int do_prog_dump(int argc, char **argv);

/* "prog run PROG ..." (prog_run.c) */
int do_prog_run(int argc, char **argv);

/*
 * The first line of a program in show output (id, type, name, tag, gpl,
 * run statistics): as text, or as fields of the open JSON object.
 */
void prog_header_text(int fd, const struct prog_info *pi);
void prog_header_json(int fd, const struct prog_info *pi);

#endif /* __BPFCTL_PROG_SHOW_H */
