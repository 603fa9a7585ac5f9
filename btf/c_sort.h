/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bpftool's order of types in a sorted C header dump.
 */
#ifndef __BPFCORE_C_SORT_H
#define __BPFCORE_C_SORT_H

#include <bpf/btf.h>

/*
 * Sort every type id of btf, void included, the way bpftool sorts them for
 * "format c": by rank (anonymous enums, named enums, scalars, structs,
 * function pointer typedefs, the rest), then by name, then by a hash of
 * the contents, then by id. Returns a malloc'ed array of btf__type_cnt()
 * ids in *ids_out, or a negative errno.
 */
int btf_c_sort_ids(const struct btf *btf, __u32 **ids_out);

#endif /* __BPFCORE_C_SORT_H */
