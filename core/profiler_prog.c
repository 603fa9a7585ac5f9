// SPDX-License-Identifier: BSD-2-Clause
/*
 * The fentry and fexit programs of the profiler, as instructions. The
 * number of metrics and CPUs is known when they are built, so the loops of
 * a C version are unrolled and the counts are immediates.
 *
 * fentry: look up the "entry" value first (so that as little as possible
 * runs between the readings and the program), then read metric i's
 * counter on this CPU straight into slot i of it. A failed read leaves a
 * zeroed slot, which fexit skips.
 *
 * fexit: read every counter onto the stack first, giving up on any error;
 * then count the run and add, for each metric read at entry, after minus
 * before (counter, enabled, running) to "accum".
 */
#include <errno.h>
#include <stdbool.h>

#include "profiler.h"

#define READING_SZ	((int)sizeof(struct bpf_perf_event_value))
#define COUNT_SZ	8	/* accum: the run count before the readings */

struct insn_buf {
	struct bpf_insn *insns;
	size_t cnt;
	size_t max;
	size_t out_jumps[2 * PROFILER_MAX_METRICS + 4];	/* jumps to the exit, patched last */
	size_t nr_out;
	bool full;
};

static void emit(struct insn_buf *b, __u8 code, __u8 dst, __u8 src, __s16 off, __s32 imm)
{
	if (b->cnt == b->max) {
		b->full = true;
		return;
	}
	b->insns[b->cnt++] = (struct bpf_insn){ .code = code, .dst_reg = dst, .src_reg = src,
						.off = off, .imm = imm };
}

static void mov_imm(struct insn_buf *b, __u8 dst, __s32 imm)
{
	emit(b, BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm);
}

static void mov_reg(struct insn_buf *b, __u8 dst, __u8 src)
{
	emit(b, BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 0, 0);
}

static void add_imm(struct insn_buf *b, __u8 dst, __s32 imm)
{
	emit(b, BPF_ALU64 | BPF_ADD | BPF_K, dst, 0, 0, imm);
}

static void alu_reg(struct insn_buf *b, __u8 op, __u8 dst, __u8 src)
{
	emit(b, BPF_ALU64 | op | BPF_X, dst, src, 0, 0);
}

static void load_u64(struct insn_buf *b, __u8 dst, __u8 base, __s16 off)
{
	emit(b, BPF_LDX | BPF_MEM | BPF_DW, dst, base, off, 0);
}

static void store_u64(struct insn_buf *b, __u8 base, __s16 off, __u8 src)
{
	emit(b, BPF_STX | BPF_MEM | BPF_DW, base, src, off, 0);
}

/* reg = the map fd's map (the kernel swaps the fd for the map). */
static void load_map(struct insn_buf *b, __u8 reg, int map_fd)
{
	emit(b, BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_FD, 0, map_fd);
	emit(b, 0, 0, 0, 0, 0);
}

static void call(struct insn_buf *b, enum bpf_func_id helper)
{
	emit(b, BPF_JMP | BPF_CALL, 0, 0, 0, helper);
}

/* if (reg op imm) goto exit */
static void jump_out(struct insn_buf *b, __u8 op, __u8 reg, __s32 imm)
{
	if (b->nr_out == sizeof(b->out_jumps) / sizeof(b->out_jumps[0])) {
		b->full = true;
		return;
	}
	b->out_jumps[b->nr_out++] = b->cnt;
	emit(b, BPF_JMP | op | BPF_K, reg, 0, 0, imm);
}

/* r0 = map_lookup_elem(map, &key 0 at fp[key_off]); exit on NULL. */
static void lookup_first(struct insn_buf *b, int map_fd, __s16 key_off)
{
	emit(b, BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, key_off, 0);
	mov_reg(b, BPF_REG_2, BPF_REG_10);
	add_imm(b, BPF_REG_2, key_off);
	load_map(b, BPF_REG_1, map_fd);
	call(b, BPF_FUNC_map_lookup_elem);
	jump_out(b, BPF_JEQ, BPF_REG_0, 0);
}

/* r0 = perf_event_read_value(events, index r7, buf at reg + off, size); r7 += nr_cpus */
static void read_counter(struct insn_buf *b, const struct profiler *p, __u8 base, __s32 off,
			 bool last)
{
	load_map(b, BPF_REG_1, p->events_fd);
	mov_reg(b, BPF_REG_2, BPF_REG_7);
	mov_reg(b, BPF_REG_3, base);
	add_imm(b, BPF_REG_3, off);
	mov_imm(b, BPF_REG_4, READING_SZ);
	call(b, BPF_FUNC_perf_event_read_value);
	if (!last)
		add_imm(b, BPF_REG_7, (__s32)p->nr_cpus);
}

/* r6 = entry value; r7 = this CPU; each counter into its slot of the entry value. */
static void build_fentry(struct insn_buf *b, const struct profiler *p)
{
	unsigned int i;

	lookup_first(b, p->entry_fd, -4);
	mov_reg(b, BPF_REG_6, BPF_REG_0);
	call(b, BPF_FUNC_get_smp_processor_id);
	mov_reg(b, BPF_REG_7, BPF_REG_0);
	for (i = 0; i < p->nr_metrics; i++)
		read_counter(b, p, BPF_REG_6, (__s32)i * READING_SZ, i + 1 == p->nr_metrics);
}

/* accum[field] += after[field] - before[field], for the 3 fields of metric i. */
static void add_difference(struct insn_buf *b, unsigned int i, __s16 after_off)
{
	__s16 before = (__s16)(i * READING_SZ), accum = (__s16)(COUNT_SZ + i * READING_SZ);
	__s16 f;

	for (f = 0; f < READING_SZ; f += 8) {
		load_u64(b, BPF_REG_2, BPF_REG_10, after_off + f);
		load_u64(b, BPF_REG_3, BPF_REG_6, before + f);
		alu_reg(b, BPF_SUB, BPF_REG_2, BPF_REG_3);
		load_u64(b, BPF_REG_4, BPF_REG_8, accum + f);
		alu_reg(b, BPF_ADD, BPF_REG_4, BPF_REG_2);
		store_u64(b, BPF_REG_8, accum + f, BPF_REG_4);
	}
}

/* Instructions add_difference() emits: 6 per field. */
#define DIFF_INSNS (6 * (READING_SZ / 8))

/*
 * Stack: the readings at fp - nr * READING_SZ (metric i at + i * READING_SZ),
 * the lookup key below them. r6 = entry value, r8 = accum value.
 */
static void build_fexit(struct insn_buf *b, const struct profiler *p)
{
	__s16 readings = (__s16)(-(int)p->nr_metrics * READING_SZ), key = readings - 8;
	unsigned int i;

	call(b, BPF_FUNC_get_smp_processor_id);
	mov_reg(b, BPF_REG_7, BPF_REG_0);
	for (i = 0; i < p->nr_metrics; i++) {
		read_counter(b, p, BPF_REG_10, readings + (__s32)i * READING_SZ,
			     i + 1 == p->nr_metrics);
		jump_out(b, BPF_JNE, BPF_REG_0, 0);
	}
	lookup_first(b, p->entry_fd, key);
	mov_reg(b, BPF_REG_6, BPF_REG_0);
	lookup_first(b, p->accum_fd, key);
	mov_reg(b, BPF_REG_8, BPF_REG_0);
	load_u64(b, BPF_REG_1, BPF_REG_8, 0);
	add_imm(b, BPF_REG_1, 1);
	store_u64(b, BPF_REG_8, 0, BPF_REG_1);
	for (i = 0; i < p->nr_metrics; i++) {
		/* only runs whose entry reading succeeded */
		load_u64(b, BPF_REG_1, BPF_REG_6, (__s16)(i * READING_SZ));
		emit(b, BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_1, 0, DIFF_INSNS, 0);
		add_difference(b, i, readings + (__s16)(i * READING_SZ));
	}
}

int profiler_build_prog(const struct profiler *p, enum profiler_side side,
			struct bpf_insn *insns, size_t max)
{
	struct insn_buf b = { .insns = insns, .max = max };
	size_t i;

	if (!p->nr_metrics || p->nr_metrics > PROFILER_MAX_METRICS)
		return -EINVAL;
	if (side == PROFILER_FENTRY)
		build_fentry(&b, p);
	else
		build_fexit(&b, p);
	for (i = 0; i < b.nr_out && !b.full; i++)
		b.insns[b.out_jumps[i]].off = (__s16)(b.cnt - b.out_jumps[i] - 1);
	mov_imm(&b, BPF_REG_0, 0);
	emit(&b, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return b.full ? -E2BIG : (int)b.cnt;
}
