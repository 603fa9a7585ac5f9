/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Minimal CO-RE BTF ("gen min_core_btf"): the part of a target BTF (a
 * kernel's) that the CO-RE relocations of some BPF objects resolve to, so
 * that the objects can be loaded on that kernel with "kernel_btf FILE" even
 * when it has no BTF of its own. Internal to bpfcore and bpfctl, not a
 * libbpf export.
 */
#ifndef __BPFCORE_MIN_CORE_BTF_H
#define __BPFCORE_MIN_CORE_BTF_H

struct btf;
struct btf_ext;
struct min_core_btf;

/* Start collecting from src, which must outlive the result. NULL with errno set. */
struct min_core_btf *min_core_btf_new(const struct btf *src);

void min_core_btf_free(struct min_core_btf *m);

/*
 * Resolve every CO-RE relocation of the BPF object at path against src,
 * as the loader does, and mark the types and members they use. An object
 * without CO-RE relocations adds nothing; a relocation nothing in src
 * matches adds nothing (the loader poisons it or gives 0, it does not
 * fail). Errors, logged with pr_warn: the object's BTF can't be read,
 * -ENOENT it has no .BTF.ext, -EINVAL a malformed or ambiguous relocation.
 */
int min_core_btf_add_object(struct min_core_btf *m, const char *path);

/* As min_core_btf_add_object(), for an object's BTF and .BTF.ext already parsed. */
int min_core_btf_add(struct min_core_btf *m, const struct btf *obj_btf,
		     const struct btf_ext *ext);

/*
 * A new, deduplicated BTF with the marked types of src: structs and unions
 * keep their size and only their marked members, at their offsets; a
 * pointer whose target is not marked becomes a void pointer. NULL with
 * errno set on failure.
 */
struct btf *min_core_btf_build(const struct min_core_btf *m);

#endif /* __BPFCORE_MIN_CORE_BTF_H */
