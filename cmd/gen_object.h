/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "gen object" (static linking of BPF objects) and "gen min_core_btf"
 * (minimal CO-RE BTF), dispatched from gen.c.
 */
#ifndef __BPFCTL_GEN_OBJECT_H
#define __BPFCTL_GEN_OBJECT_H

/* "gen object OUTPUT_FILE INPUT_FILE [INPUT_FILE...]"; 0 or -errno, reported. */
int do_gen_object(int argc, char **argv);

/* "gen min_core_btf INPUT OUTPUT OBJECT [OBJECT...]"; 0 or -errno, reported. */
int do_gen_min_core_btf(int argc, char **argv);

#endif /* __BPFCTL_GEN_OBJECT_H */
