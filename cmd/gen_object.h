/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "gen object": static linking of BPF objects, dispatched from gen.c.
 */
#ifndef __BPFCTL_GEN_OBJECT_H
#define __BPFCTL_GEN_OBJECT_H

/* "gen object OUTPUT_FILE INPUT_FILE [INPUT_FILE...]"; 0 or -errno, reported. */
int do_gen_object(int argc, char **argv);

#endif /* __BPFCTL_GEN_OBJECT_H */
