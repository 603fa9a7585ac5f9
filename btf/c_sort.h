/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bpftool's order of types in a sorted C header dump.
 */
#ifndef __BPFCORE_C_SORT_H
#define __BPFCORE_C_SORT_H

#include <bpf/btf.h>

/*
 * Sort the type ids of btf that have a C form the way bpftool sorts them
 * for "format c": by rank (anonymous enums, named enums, scalars, structs,
 * function pointer typedefs, the rest), then by name, then by a hash of
 * the contents, then by id. Void and the kinds the C dump skips without
 * side effects (functions, variables, sections, declaration tags: most of
 * vmlinux) are left out, which changes nothing in the output.
 * Returns 0 with a malloc'ed array of *cnt_out ids in *ids_out, or a
 * negative errno.
 */
int btf_c_sort_ids(const struct btf *btf, __u32 **ids_out, __u32 *cnt_out);

#endif /* __BPFCORE_C_SORT_H */
