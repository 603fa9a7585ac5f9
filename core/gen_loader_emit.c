// SPDX-License-Identifier: BSD-2-Clause
/*
 * Building the loader program: its instructions and its data blob. The
 * program reaches the blob through an ld_imm64 of fd_array[0]'s value
 * (BPF_PSEUDO_MAP_IDX_VALUE), so blob offsets are all it needs; the attrs
 * it passes to bpf_sys_bpf() get the kernel addresses of their pointed-to
 * data stored into them at run time. Registers: r6 the context, r7 the
 * last bpf() result (the run's error code once one fails).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "gen_loader.h"
#include "log.h"

#define R0	BPF_REG_0
#define R1	BPF_REG_1
#define R2	BPF_REG_2
#define R3	BPF_REG_3
#define CTX	BPF_REG_6
#define RES	BPF_REG_7

static void gen_fail(struct gen_loader *g, int err)
{
	if (!g->error)
		g->error = err;
}

static void emit(struct gen_loader *g, __u8 code, __u8 dst, __u8 src, __s16 off, __s32 imm)
{
	struct bpf_insn *insn;

	if (g->error)
		return;
	if (g->insn_cnt == g->insn_cap) {
		size_t cap = g->insn_cap ? g->insn_cap * 2 : 256;

		insn = realloc(g->insns, cap * sizeof(*insn));
		if (!insn) {
			gen_fail(g, -ENOMEM);
			return;
		}
		g->insns = insn;
		g->insn_cap = cap;
	}
	insn = &g->insns[g->insn_cnt++];
	*insn = (struct bpf_insn){ .code = code, .dst_reg = dst, .src_reg = src, .off = off,
				   .imm = imm };
}

static void emit_mov_imm(struct gen_loader *g, __u8 dst, __s32 imm)
{
	emit(g, BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm);
}

static void emit_mov_reg(struct gen_loader *g, __u8 dst, __u8 src)
{
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 0, 0);
}

static void emit_call(struct gen_loader *g, int helper)
{
	emit(g, BPF_JMP | BPF_CALL, 0, 0, 0, helper);
}

/* reg = &blob[off]: fd_array[0] is the blob's map. */
static void emit_blob_addr(struct gen_loader *g, __u8 reg, __u32 off)
{
	emit(g, BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_IDX_VALUE, 0, 0);
	emit(g, 0, 0, 0, 0, off);
}

/* A forward jump whose target is set by jump_here(). */
static size_t jump_from(struct gen_loader *g, __u8 op, __u8 reg, __s32 imm)
{
	emit(g, BPF_JMP | op | BPF_K, reg, 0, 0, imm);
	return g->insn_cnt - 1;
}

static void jump_here(struct gen_loader *g, size_t from)
{
	if (!g->error)
		g->insns[from].off = g->insn_cnt - from - 1;
}

static void add_err_jump(struct gen_loader *g)
{
	size_t *jumps;

	if (g->error)
		return;
	jumps = realloc(g->err_jumps, (g->nr_err_jumps + 1) * sizeof(*jumps));
	if (!jumps) {
		gen_fail(g, -ENOMEM);
		return;
	}
	g->err_jumps = jumps;
	jumps[g->nr_err_jumps++] = g->insn_cnt;
	emit(g, BPF_JMP | BPF_JSLT | BPF_K, RES, 0, 0, 0);	/* target patched at the end */
}

static __u8 size_code(int size)
{
	return size == 8 ? BPF_DW : BPF_W;
}

int gen_blob_add(struct gen_loader *g, const void *data, size_t size)
{
	size_t off = (g->blob_sz + 7) & ~(size_t)7, need = off + size;
	char *blob;

	if (g->error)
		return g->error;
	if (need > (1u << 30)) {
		gen_fail(g, -E2BIG);
		return -E2BIG;
	}
	if (need > g->blob_cap) {
		size_t cap = g->blob_cap ? g->blob_cap : 4096;

		while (cap < need)
			cap *= 2;
		blob = realloc(g->blob, cap);
		if (!blob) {
			gen_fail(g, -ENOMEM);
			return -ENOMEM;
		}
		g->blob = blob;
		g->blob_cap = cap;
	}
	memset(g->blob + g->blob_sz, 0, off - g->blob_sz);
	if (data)
		memcpy(g->blob + off, data, size);
	else
		memset(g->blob + off, 0, size);
	g->blob_sz = need;
	return off;
}

void gen_step(struct gen_loader *g, const char *fmt, ...)
{
	char **steps;
	va_list ap;
	int n;

	if (g->error)
		return;
	steps = realloc(g->steps, (g->nr_steps + 1) * sizeof(*steps));
	if (!steps) {
		gen_fail(g, -ENOMEM);
		return;
	}
	g->steps = steps;
	va_start(ap, fmt);
	n = vasprintf(&steps[g->nr_steps], fmt, ap);
	va_end(ap);
	if (n < 0) {
		gen_fail(g, -ENOMEM);
		return;
	}
	g->nr_steps++;
	/* the header's failed_step: the step about to run, 1-based */
	emit_blob_addr(g, R1, 0);
	emit(g, BPF_ST | BPF_MEM | BPF_W, R1, 0, offsetof(struct gen_blob_hdr, failed_step),
	     g->nr_steps);
}

void gen_store_blob_addr(struct gen_loader *g, __u32 field, __u32 target)
{
	emit_blob_addr(g, R0, target);
	emit_blob_addr(g, R1, field);
	emit(g, BPF_STX | BPF_MEM | BPF_DW, R1, R0, 0, 0);
}

void gen_copy_blob(struct gen_loader *g, __u32 dst, __u32 src, int size)
{
	emit_blob_addr(g, R1, src);
	emit(g, BPF_LDX | BPF_MEM | size_code(size), R0, R1, 0, 0);
	emit_blob_addr(g, R1, dst);
	emit(g, BPF_STX | BPF_MEM | size_code(size), R1, R0, 0, 0);
}

void gen_copy_ctx(struct gen_loader *g, __u32 dst, __u32 ctx_off, int size, bool skip_zero)
{
	emit(g, BPF_LDX | BPF_MEM | size_code(size), R0, CTX, ctx_off, 0);
	if (skip_zero)
		emit(g, BPF_JMP | BPF_JEQ | BPF_K, R0, 0, 3, 0);	/* past the store */
	emit_blob_addr(g, R1, dst);
	emit(g, BPF_STX | BPF_MEM | size_code(size), R1, R0, 0, 0);
}

void gen_sys_bpf(struct gen_loader *g, int cmd, __u32 attr, __u32 size)
{
	emit_mov_imm(g, R1, cmd);
	emit_blob_addr(g, R2, attr);
	emit_mov_imm(g, R3, size);
	emit_call(g, BPF_FUNC_sys_bpf);
	emit_mov_reg(g, RES, R0);
	add_err_jump(g);
}

void gen_save_fd(struct gen_loader *g, __u32 slot)
{
	emit_blob_addr(g, R1, slot);
	emit(g, BPF_STX | BPF_MEM | BPF_W, R1, RES, 0, 0);
}

void gen_close_slot(struct gen_loader *g, __u32 slot)
{
	emit_blob_addr(g, R2, slot);
	emit(g, BPF_LDX | BPF_MEM | BPF_W, R1, R2, 0, 0);
	/* fds are ints: sign-extend before comparing */
	emit(g, BPF_ALU64 | BPF_LSH | BPF_K, R1, 0, 0, 32);
	emit(g, BPF_ALU64 | BPF_ARSH | BPF_K, R1, 0, 0, 32);
	emit(g, BPF_JMP | BPF_JSLE | BPF_K, R1, 0, 2, 0);	/* past clear and close */
	emit(g, BPF_ST | BPF_MEM | BPF_W, R2, 0, 0, 0);
	emit_call(g, BPF_FUNC_sys_close);
}

void gen_copy_initial_value(struct gen_loader *g, __u32 dst, __u32 size, __u32 ctx_off)
{
	emit(g, BPF_LDX | BPF_MEM | BPF_DW, R3, CTX, ctx_off, 0);
	emit(g, BPF_JMP | BPF_JEQ | BPF_K, R3, 0, 10, 0);	/* none given: keep the blob's */
	emit_blob_addr(g, R1, dst);
	emit_mov_imm(g, R2, size);
	emit(g, BPF_LDX | BPF_MEM | BPF_W, R0, CTX, GEN_CTX_FLAGS, 0);
	emit(g, BPF_JMP | BPF_JSET | BPF_K, R0, 0, 2, GEN_SKEL_KERNEL);
	emit_call(g, BPF_FUNC_copy_from_user);
	emit(g, BPF_JMP | BPF_JA, 0, 0, 1, 0);
	emit_call(g, BPF_FUNC_probe_read_kernel);
	emit_mov_reg(g, RES, R0);
	add_err_jump(g);
}

__u32 gen_fd_slot(const struct gen_loader *g, __u32 idx)
{
	return g->map_slots + idx * sizeof(int);
}

void gen_find_btf_id(struct gen_loader *g, const struct gen_btf_ref *ref)
{
	int name = gen_blob_add(g, ref->name, strlen(ref->name) + 1);
	size_t missing = 0, vmlinux, done;

	if (name < 0)
		return;
	emit_blob_addr(g, R1, name);
	emit_mov_imm(g, R2, strlen(ref->name) + 1);
	emit_mov_imm(g, R3, ref->kind);
	emit_mov_imm(g, BPF_REG_4, 0);
	emit_call(g, BPF_FUNC_btf_find_by_name_kind);
	emit_mov_reg(g, RES, R0);
	if (ref->weak)
		missing = jump_from(g, BPF_JSLT, RES, 0);
	else
		add_err_jump(g);
	emit_blob_addr(g, R1, ref->id_off);
	emit(g, BPF_STX | BPF_MEM | BPF_W, R1, RES, 0, 0);
	/* the upper half: the BTF fd of the module that has it, 0 for vmlinux */
	emit(g, BPF_ALU64 | BPF_RSH | BPF_K, RES, 0, 0, 32);
	vmlinux = jump_from(g, BPF_JEQ, RES, 0);
	emit_blob_addr(g, R1, gen_fd_slot(g, ref->fd_idx));
	emit(g, BPF_STX | BPF_MEM | BPF_W, R1, RES, 0, 0);
	emit_blob_addr(g, R1, ref->fd_off);
	if (ref->fd_size == 4)
		emit(g, BPF_STX | BPF_MEM | BPF_W, R1, RES, 0, 0);
	else
		emit(g, BPF_ST | BPF_MEM | BPF_H, R1, 0, 0, ref->fd_idx);
	jump_here(g, vmlinux);
	if (!ref->weak)
		return;
	done = jump_from(g, BPF_JA, 0, 0);
	jump_here(g, missing);
	emit_blob_addr(g, R1, ref->src_off);
	emit(g, BPF_ST | BPF_MEM | BPF_B, R1, 0, 0, ref->src_byte);
	emit_mov_imm(g, RES, 0);
	jump_here(g, done);
}

int gen_begin(struct gen_loader *g, __u32 nr_maps, __u32 nr_progs, __u32 nr_extra)
{
	struct gen_blob_hdr hdr = { .magic = GEN_BLOB_MAGIC };

	g->nr_maps = nr_maps;
	g->nr_progs = nr_progs;
	g->nr_extra = nr_extra;
	gen_blob_add(g, &hdr, sizeof(hdr));
	/* the header is at 0, then the fd slots: all zero, "no fd" */
	g->map_slots = gen_blob_add(g, NULL, (nr_maps + nr_extra + 1) * sizeof(int));
	g->prog_slots = gen_blob_add(g, NULL, (nr_progs ? nr_progs : 1) * sizeof(int));
	g->btf_slot = gen_blob_add(g, NULL, sizeof(int));
	g->inner_slot = gen_blob_add(g, NULL, sizeof(int));
	emit_mov_reg(g, CTX, R1);
	emit_mov_imm(g, RES, 0);
	return g->error;
}

/* The step descriptions: strings, then the table of their offsets. */
static void gen_add_steps(struct gen_loader *g)
{
	struct gen_blob_hdr *hdr;
	__u32 *offs, i;
	int off;

	offs = calloc(g->nr_steps ? g->nr_steps : 1, sizeof(*offs));
	if (!offs) {
		gen_fail(g, -ENOMEM);
		return;
	}
	for (i = 0; i < g->nr_steps; i++) {
		off = gen_blob_add(g, g->steps[i], strlen(g->steps[i]) + 1);
		offs[i] = off < 0 ? 0 : off;
	}
	off = gen_blob_add(g, offs, g->nr_steps * sizeof(*offs));
	free(offs);
	if (g->error)
		return;
	hdr = (struct gen_blob_hdr *)g->blob;
	hdr->steps_off = off;
	hdr->nr_steps = g->nr_steps;
}

static void gen_close_all(struct gen_loader *g)
{
	__u32 i;

	for (i = 0; i < g->nr_maps + g->nr_extra; i++)
		gen_close_slot(g, g->map_slots + i * sizeof(int));
	for (i = 0; i < g->nr_progs; i++)
		gen_close_slot(g, g->prog_slots + i * sizeof(int));
}

int gen_finish(struct gen_loader *g)
{
	size_t cleanup, i;

	/* success: the object's BTF lives on in its maps and programs */
	gen_close_slot(g, g->btf_slot);
	for (i = 0; i < g->nr_maps; i++) {
		emit_blob_addr(g, R1, g->map_slots + i * sizeof(int));
		emit(g, BPF_LDX | BPF_MEM | BPF_W, R0, R1, 0, 0);
		emit(g, BPF_STX | BPF_MEM | BPF_W, CTX, R0,
		     GEN_CTX_HDR_SZ + i * GEN_MAP_DESC_SZ + GEN_MAP_DESC_FD, 0);
	}
	for (i = 0; i < g->nr_progs; i++) {
		emit_blob_addr(g, R1, g->prog_slots + i * sizeof(int));
		emit(g, BPF_LDX | BPF_MEM | BPF_W, R0, R1, 0, 0);
		emit(g, BPF_STX | BPF_MEM | BPF_W, CTX, R0,
		     GEN_CTX_HDR_SZ + g->nr_maps * GEN_MAP_DESC_SZ + i * GEN_PROG_DESC_SZ, 0);
	}
	/* the run succeeded: no step failed */
	emit_blob_addr(g, R1, 0);
	emit(g, BPF_ST | BPF_MEM | BPF_W, R1, 0, offsetof(struct gen_blob_hdr, failed_step), 0);
	emit_mov_imm(g, R0, 0);
	emit(g, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	/* failure: close every fd made so far, return the error */
	cleanup = g->insn_cnt;
	gen_close_slot(g, g->btf_slot);
	gen_close_slot(g, g->inner_slot);
	gen_close_all(g);
	emit_mov_reg(g, R0, RES);
	emit(g, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	gen_add_steps(g);
	if (g->error)
		return g->error;
	for (i = 0; i < g->nr_err_jumps; i++) {
		long off = (long)cleanup - (long)g->err_jumps[i] - 1;

		if (off > 32767) {
			pr_warn("gen_loader: the loader program is too long (%zu instructions)\n",
				g->insn_cnt);
			return -E2BIG;
		}
		g->insns[g->err_jumps[i]].off = off;
	}
	return 0;
}

void gen_free(struct gen_loader *g)
{
	__u32 i;

	if (!g)
		return;
	for (i = 0; i < g->nr_steps; i++)
		free(g->steps[i]);
	free(g->steps);
	free(g->err_jumps);
	free(g->insns);
	free(g->blob);
	free(g);
}
