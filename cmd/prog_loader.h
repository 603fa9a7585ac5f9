/* SPDX-License-Identifier: BSD-2-Clause */
/* "prog load" under -L/--use-loader (prog_loader.c). */
#ifndef __BPFCTL_PROG_LOADER_H
#define __BPFCTL_PROG_LOADER_H

/* argv: OBJ [ignored words]. Returns 0 or a negative errno, error reported. */
int prog_load_loader(int argc, char **argv);

#endif /* __BPFCTL_PROG_LOADER_H */
