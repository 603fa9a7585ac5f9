/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CO-RE: resolving the relocations clang records in .BTF.ext against a
 * target BTF (the running kernel's, or a "kernel_btf FILE"), and patching
 * the instructions they point at. Internal to core/: the ELF loader calls
 * it once per relocation record, after sub-programs are placed.
 */
#ifndef __BPFCORE_CORE_RELO_H
#define __BPFCORE_CORE_RELO_H

#include <stddef.h>
#include <linux/bpf.h>

struct btf;
struct core_relo_ctx;

/*
 * Context for the relocations of one object: local_btf is the object's
 * .BTF, targ_btf the target; both must outlive the context. Caches the
 * candidate types found per local type. NULL with errno set on failure.
 */
struct core_relo_ctx *core_relo_ctx_new(const struct btf *local_btf, const struct btf *targ_btf);

void core_relo_ctx_free(struct core_relo_ctx *ctx);

/*
 * Apply relo to the program insns (insn_cnt instructions); relo->insn_off is
 * a byte offset into insns (the loader has already made it relative to the
 * program). A relocation that resolves patches the instruction; one that
 * cannot (no candidate, field missing in the target) poisons it as libbpf
 * does (call to helper 0xbad2310, or ldimm64 0xbad2310 for a failed
 * immediate), so the verifier rejects it only if that code is reachable.
 * Logs with pr_warn/pr_debug, naming prog_name, the relocation index and
 * the access spec.
 * Returns 0 (patched or poisoned), or -EINVAL for a malformed record (bad
 * type id, access string or offset; instruction of the wrong class).
 */
int core_relo_apply(struct core_relo_ctx *ctx, const char *prog_name, int relo_idx,
		    struct bpf_insn *insns, size_t insn_cnt, const struct bpf_core_relo *relo);

struct core_spec;

/*
 * Resolve relo as core_relo_apply() does, without an instruction to patch:
 * for "gen min_core_btf", which keeps the target types relocations use.
 * *targ gets the target access spec (valid until the next call on ctx), or
 * NULL when the relocation needs no target type (TYPE_ID_LOCAL) or nothing
 * in the target matched (the loader would poison or give 0, not fail).
 * Returns 0, or -EINVAL (malformed record, ambiguous candidates), -ENOMEM.
 */
int core_relo_resolve(struct core_relo_ctx *ctx, const char *prog_name, int relo_idx,
		      const struct bpf_core_relo *relo, const struct core_spec **targ);

#endif /* __BPFCORE_CORE_RELO_H */
