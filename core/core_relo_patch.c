// SPDX-License-Identifier: BSD-2-Clause
/*
 * Patching the instruction a CO-RE relocation points at: the immediate of
 * an ALU op or ldimm64, or the offset (and memory size) of a load or
 * store. Unresolvable relocations turn the instruction into a call of a
 * helper that does not exist, so the verifier names it only if reachable.
 */
#include <errno.h>
#include <limits.h>

#include "core_relo_internal.h"
#include "log.h"

static bool is_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static void poison_one(const char *prog_name, int relo_idx, size_t insn_idx,
		       struct bpf_insn *insn)
{
	pr_debug("prog '%s': relo #%d: poisoning insn #%zu\n", prog_name, relo_idx, insn_idx);
	/* "invalid func unknown#195896080" in the verifier log if reached */
	*insn = (struct bpf_insn){ .code = BPF_JMP | BPF_CALL, .imm = CORE_POISON_IMM };
}

static void poison(const char *prog_name, int relo_idx, struct bpf_insn *insns,
		   size_t insn_cnt, size_t insn_idx)
{
	/* both halves of an ldimm64, or the verifier complains about the second one */
	if (is_ldimm64(&insns[insn_idx]) && insn_idx + 1 < insn_cnt)
		poison_one(prog_name, relo_idx, insn_idx + 1, &insns[insn_idx + 1]);
	poison_one(prog_name, relo_idx, insn_idx, &insns[insn_idx]);
}

static int size_bytes(__u8 code)
{
	switch (BPF_SIZE(code)) {
	case BPF_DW:
		return 8;
	case BPF_W:
		return 4;
	case BPF_H:
		return 2;
	default:
		return 1;
	}
}

static int bytes_size(__u32 bytes)
{
	switch (bytes) {
	case 8:
		return BPF_DW;
	case 4:
		return BPF_W;
	case 2:
		return BPF_H;
	case 1:
		return BPF_B;
	default:
		return -1;
	}
}

static int patch_alu(const char *prog_name, int relo_idx, struct bpf_insn *insn, size_t idx,
		     const struct core_relo_res *res)
{
	if (BPF_SRC(insn->code) != BPF_K) {
		pr_warn("prog '%s': relo #%d: insn #%zu is an ALU op on a register, "
			"not an immediate\n", prog_name, relo_idx, idx);
		return -EINVAL;
	}
	if (res->validate && (__u32)insn->imm != (__u32)res->orig_val) {
		pr_warn("prog '%s': relo #%d: insn #%zu (ALU) holds %u, expected %llu\n",
			prog_name, relo_idx, idx, (__u32)insn->imm,
			(unsigned long long)res->orig_val);
		return -EINVAL;
	}
	pr_debug("prog '%s': relo #%d: insn #%zu (ALU) imm %u -> %llu\n", prog_name, relo_idx,
		 idx, (__u32)insn->imm, (unsigned long long)res->new_val);
	insn->imm = (__s32)res->new_val;
	return 0;
}

static int patch_mem_size(const char *prog_name, int relo_idx, struct bpf_insn *insn,
			  size_t idx, const struct core_relo_res *res)
{
	int sz;

	if (size_bytes(insn->code) != (int)res->orig_sz) {
		pr_warn("prog '%s': relo #%d: insn #%zu accesses %d bytes, expected %u\n",
			prog_name, relo_idx, idx, size_bytes(insn->code), res->orig_sz);
		return -EINVAL;
	}
	sz = bytes_size(res->new_sz);
	if (sz < 0) {
		pr_warn("prog '%s': relo #%d: insn #%zu: field of %u bytes cannot be loaded\n",
			prog_name, relo_idx, idx, res->new_sz);
		return -EINVAL;
	}
	insn->code = BPF_MODE(insn->code) | sz | BPF_CLASS(insn->code);
	pr_debug("prog '%s': relo #%d: insn #%zu memory size %u -> %u\n", prog_name, relo_idx,
		 idx, res->orig_sz, res->new_sz);
	return 0;
}

/* 1: the caller must poison instead. */
static int patch_mem(const char *prog_name, int relo_idx, struct bpf_insn *insn, size_t idx,
		     const struct core_relo_res *res)
{
	if (res->validate && (__s64)insn->off != (__s64)res->orig_val) {
		pr_warn("prog '%s': relo #%d: insn #%zu (LDX/ST/STX) has offset %d, "
			"expected %llu\n", prog_name, relo_idx, idx, insn->off,
			(unsigned long long)res->orig_val);
		return -EINVAL;
	}
	if (res->new_val > SHRT_MAX) {
		pr_warn("prog '%s': relo #%d: insn #%zu (LDX/ST/STX) offset %llu too big\n",
			prog_name, relo_idx, idx, (unsigned long long)res->new_val);
		return -ERANGE;
	}
	if (res->fail_memsz_adjust) {
		pr_warn("prog '%s': relo #%d: insn #%zu (LDX/ST/STX) reads a field whose size "
			"changed and that is neither a pointer nor an unsigned integer\n",
			prog_name, relo_idx, idx);
		return 1;
	}
	pr_debug("prog '%s': relo #%d: insn #%zu (LDX/ST/STX) off %d -> %llu\n", prog_name,
		 relo_idx, idx, insn->off, (unsigned long long)res->new_val);
	insn->off = (__s16)res->new_val;
	if (res->new_sz != res->orig_sz)
		return patch_mem_size(prog_name, relo_idx, insn, idx, res);
	return 0;
}

static int patch_ldimm64(const char *prog_name, int relo_idx, struct bpf_insn *insn,
			 size_t idx, size_t insn_cnt, const struct core_relo_res *res)
{
	__u64 imm;

	if (!is_ldimm64(insn) || idx + 1 >= insn_cnt || insn[0].src_reg || insn[0].off ||
	    insn[1].code || insn[1].dst_reg || insn[1].src_reg || insn[1].off) {
		pr_warn("prog '%s': relo #%d: insn #%zu is not a plain ldimm64\n",
			prog_name, relo_idx, idx);
		return -EINVAL;
	}
	imm = (__u32)insn[0].imm | ((__u64)(__u32)insn[1].imm << 32);
	if (res->validate && imm != res->orig_val &&
	    !(res->validate_low32 && (__u32)imm == (__u32)res->orig_val)) {
		pr_warn("prog '%s': relo #%d: insn #%zu (LDIMM64) holds %llu, expected %llu\n",
			prog_name, relo_idx, idx, (unsigned long long)imm,
			(unsigned long long)res->orig_val);
		return -EINVAL;
	}
	insn[0].imm = (__s32)(__u32)res->new_val;
	insn[1].imm = (__s32)(__u32)(res->new_val >> 32);
	pr_debug("prog '%s': relo #%d: insn #%zu (LDIMM64) imm %llu -> %llu\n", prog_name,
		 relo_idx, idx, (unsigned long long)imm, (unsigned long long)res->new_val);
	return 0;
}

int core_relo_patch(const char *prog_name, int relo_idx, struct bpf_insn *insns,
		    size_t insn_cnt, size_t insn_idx, const struct core_relo_res *res)
{
	struct bpf_insn *insn = &insns[insn_idx];
	int err;

	if (res->poison) {
		poison(prog_name, relo_idx, insns, insn_cnt, insn_idx);
		return 0;
	}
	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		return patch_alu(prog_name, relo_idx, insn, insn_idx, res);
	case BPF_LDX:
	case BPF_ST:
	case BPF_STX:
		err = patch_mem(prog_name, relo_idx, insn, insn_idx, res);
		if (err == 1) {
			poison(prog_name, relo_idx, insns, insn_cnt, insn_idx);
			err = 0;
		}
		return err;
	case BPF_LD:
		return patch_ldimm64(prog_name, relo_idx, insn, insn_idx, insn_cnt, res);
	default:
		pr_warn("prog '%s': relo #%d: insn #%zu (code 0x%02x) cannot be relocated\n",
			prog_name, relo_idx, insn_idx, insn->code);
		return -EINVAL;
	}
}
