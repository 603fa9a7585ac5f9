/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Appending to the types and strings of a writable BTF, shared by the
 * btf__add_*() files. Every helper first switches btf to its writable form.
 */
#ifndef __BPFCORE_BTF_WRITE_H
#define __BPFCORE_BTF_WRITE_H

#include "btf_internal.h"

/*
 * Room for sz more bytes after the last type, or NULL (-ENOMEM): valid
 * until the next change. Nothing is added until btf_types_commit().
 */
void *btf_types_reserve(struct btf *btf, size_t sz);

/* Make the sz reserved bytes a new type: its id, or -E2BIG or -ENOMEM. */
int btf_types_commit(struct btf *btf, size_t sz);

/*
 * The last own type, NULL if there is none: valid until the next change,
 * and writable only once btf is.
 */
struct btf_type *btf_last_own_type(struct btf *btf);

/* Count sz reserved bytes as one more vlen item of the last type; 0 or -E2BIG. */
int btf_last_extend(struct btf *btf, size_t sz);

/* Offset of s in a writable btf's own strings, added if absent; or -errno. */
int btf_strs_add(struct btf *btf, const char *s);

/*
 * Drop every cache derived from the types (serialized form, alignments,
 * name index) after types were removed or rewritten in place.
 */
void btf_drop_caches(struct btf *btf);

#endif /* __BPFCORE_BTF_WRITE_H */
