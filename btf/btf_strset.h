/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A deduplicated set of NUL-terminated strings laid out as a BTF string
 * section, with a hash index from string to offset.
 */
#ifndef __BPFCORE_BTF_STRSET_H
#define __BPFCORE_BTF_STRSET_H

#include <linux/types.h>

struct btf_strset;

/*
 * A set over len bytes of existing strings at data, borrowed (not copied)
 * until the first btf_strset_add(); max_len bounds the section's growth.
 */
struct btf_strset *btf_strset_new(const char *data, __u32 len, __u32 max_len);
void btf_strset_free(struct btf_strset *set);

/* The section bytes: valid until the next add or truncate. */
const char *btf_strset_data(const struct btf_strset *set);
__u32 btf_strset_len(const struct btf_strset *set);

/* Offset of s, or -ENOENT; -ENOMEM if the index cannot be built. */
int btf_strset_find(struct btf_strset *set, const char *s);

/* Offset of s, appended if absent; -ENOMEM, or -E2BIG past max_len. */
int btf_strset_add(struct btf_strset *set, const char *s);

/* Take a private copy of borrowed bytes; 0 or -ENOMEM. */
int btf_strset_own(struct btf_strset *set);

/*
 * Make room for len bytes of section and cnt more strings, so that adds
 * within those bounds cannot fail; 0 or -ENOMEM.
 */
int btf_strset_reserve(struct btf_strset *set, __u32 len, __u32 cnt);

/* Number of strings in the section's bytes (duplicates counted). */
__u32 btf_strset_count(const struct btf_strset *set);

/* Drop every string from offset len on (undo of adds). */
void btf_strset_truncate(struct btf_strset *set, __u32 len);

#endif /* __BPFCORE_BTF_STRSET_H */
