/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The string offsets and type ids inside one type record, visited in
 * record order: what copying, deduplicating and renumbering types rewrite.
 */
#ifndef __BPFCORE_BTF_TYPE_FIELDS_H
#define __BPFCORE_BTF_TYPE_FIELDS_H

#include <linux/types.h>

struct btf_type;

/* Called on one field; a non-zero return stops the walk and is returned. */
typedef int (*btf_field_fn)(__u32 *field, void *ctx);

/* Call fn on every string offset of t (name, members, values, params). */
int btf_type_visit_strs(struct btf_type *t, btf_field_fn fn, void *ctx);

/* Call fn on every type id t refers to. */
int btf_type_visit_ids(struct btf_type *t, btf_field_fn fn, void *ctx);

#endif /* __BPFCORE_BTF_TYPE_FIELDS_H */
