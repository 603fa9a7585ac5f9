/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CO-RE internals shared by the relocation steps: access specs (core_relo_spec.c),
 * values (core_relo_calc.c) and instruction patching (core_relo_patch.c).
 */
#ifndef __BPFCORE_CORE_RELO_INTERNAL_H
#define __BPFCORE_CORE_RELO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>
#include <bpf/btf.h>

/* Longest access string, in accessors, and deepest nesting followed in a target. */
#define CORE_SPEC_MAX_LEN 64
/* Recursion allowed when comparing function prototypes and struct members. */
#define CORE_COMPAT_LEVELS 32
/* Chain of pointers/arrays followed when checking compatibility. */
#define CORE_COMPAT_DEPTH 32
/* Immediate of the helper call that replaces an unresolvable instruction ("bad relo"). */
#define CORE_POISON_IMM 0xbad2310

/* One meaningful step of an access: a named member or an array index. */
struct core_accessor {
	__u32 type_id;		/* the struct/union (named) or the element type (index) */
	__u32 idx;		/* member index or array index */
	const char *name;	/* member (or enumerator) name, NULL for an index */
};

/*
 * An access resolved in one BTF: spec holds the named members and indices,
 * raw the full path including anonymous members (the access string).
 */
struct core_spec {
	const struct btf *btf;
	__u32 root_type_id;
	enum bpf_core_relo_kind kind;
	struct core_accessor spec[CORE_SPEC_MAX_LEN];
	int len;
	__u32 raw[CORE_SPEC_MAX_LEN];
	int raw_len;
	__u64 bit_offset;
};

/* What a relocation resolves to: the value clang assumed and the target's. */
struct core_relo_res {
	__u64 orig_val;
	__u64 new_val;
	/* memory access sizes (0 unless a plain field load/store) and field types */
	__u32 orig_sz, new_sz;
	__u32 orig_type_id, new_type_id;
	bool poison;		/* unresolvable: poison the instruction */
	bool validate;		/* the instruction must hold orig_val before patching */
	bool validate_low32;	/* ... but only its low 32 bits are known */
	bool fail_memsz_adjust;	/* size changed in a way a load cannot absorb */
};

bool core_relo_is_field_based(enum bpf_core_relo_kind kind);
bool core_relo_is_type_based(enum bpf_core_relo_kind kind);
bool core_relo_is_enumval_based(enum bpf_core_relo_kind kind);
const char *core_relo_kind_str(enum bpf_core_relo_kind kind);

/* Skip const/volatile/restrict/type tags and typedefs; *res_id (if set) gets the id reached. */
const struct btf_type *core_skip_mods_typedefs(const struct btf *btf, __u32 id, __u32 *res_id);

/* Length of name without its "___flavour" suffix. */
size_t core_essential_name_len(const char *name);

/* Kinds that may stand for each other: equal kinds, or enum and enum64. */
bool core_kinds_compat(const struct btf_type *a, const struct btf_type *b);

/* Field types that a relocated access may read as each other: 1 yes, 0 no, <0 error. */
int core_fields_compat(const struct btf *local_btf, __u32 local_id,
		       const struct btf *targ_btf, __u32 targ_id);

/* Types that a type-based relocation may resolve to (TYPE_EXISTS/SIZE/ID_TARGET). */
int core_types_compat(const struct btf *local_btf, __u32 local_id,
		      const struct btf *targ_btf, __u32 targ_id);

/* The stricter match of TYPE_MATCHES (bpf_core_type_matches()). */
int core_types_match(const struct btf *local_btf, __u32 local_id,
		     const struct btf *targ_btf, __u32 targ_id);

/* Parse relo's access string on local_btf into spec; -EINVAL (logged) if malformed. */
int core_spec_parse(const char *prog_name, int relo_idx, const struct btf *local_btf,
		    const struct bpf_core_relo *relo, struct core_spec *spec);

/* Match local against target type targ_id: 1 and targ filled, 0 no match, <0 error. */
int core_spec_match(const struct core_spec *local, const struct btf *targ_btf, __u32 targ_id,
		    struct core_spec *targ);

/* Human-readable spec ("[5] struct task_struct.pid (0:1 @ offset 4)") into buf. */
void core_spec_format(char *buf, size_t size, const struct core_spec *spec);

/* Values of relo for local and (NULL: nothing matched) target spec. */
int core_relo_calc(const char *prog_name, int relo_idx, const struct bpf_core_relo *relo,
		   const struct core_spec *local, const struct core_spec *targ,
		   struct core_relo_res *res);

/* Patch (or poison) the instruction at insn_idx of insns with res. */
int core_relo_patch(const char *prog_name, int relo_idx, struct bpf_insn *insns,
		    size_t insn_cnt, size_t insn_idx, const struct core_relo_res *res);

#endif /* __BPFCORE_CORE_RELO_INTERNAL_H */
