/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A struct_ops map's value as "struct_ops dump" writes it: the typed JSON
 * of map dumps, except that function pointers, which hold program ids in
 * the kernel's copy, show as bpftool shows them: the C signature, then the
 * program as NAME/prog_id:ID, or 0 for none.
 */
#ifndef __BPFCTL_STRUCT_OPS_DUMP_H
#define __BPFCTL_STRUCT_OPS_DUMP_H

#include <stddef.h>
#include <linux/types.h>

struct btf;
struct json_writer;

/* Write the value (size bytes of type_id in btf) to jw; 0 or -errno, reported. */
int st_ops_value_json(const struct btf *btf, __u32 type_id, const void *data, size_t size,
		      struct json_writer *jw);

#endif /* __BPFCTL_STRUCT_OPS_DUMP_H */
