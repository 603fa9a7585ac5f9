/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hand-assembled BPF producers of test events, shared by the ring buffer
 * unit test and the map tail helper: a program that takes a sequence
 * number from an array map (atomic fetch-and-add on key 0) and emits one
 * struct tail_event per run into a ring buffer or a perf event array.
 * As SCHED_CLS it is run with BPF_PROG_TEST_RUN (repeat N runs it N
 * times); as TRACEPOINT it runs on a syscall, for one process only.
 */
#ifndef __BPFCTL_TAIL_PROG_H
#define __BPFCTL_TAIL_PROG_H

#include <errno.h>
#include <string.h>
#include <linux/bpf.h>

#include <bpf/bpf.h>

/* The event, as tests/progs/tail_events.bpf.c declares it for its BTF. */
struct tail_event {
	__u64 seq;
	__u32 pid;
	__u32 kind;
	char tag[8];
};

#define TAIL_EVENT_KIND 7
#define TAIL_EVENT_TAG "tail"	/* then NULs */

enum tail_emit {
	TAIL_RINGBUF_OUTPUT,	/* bpf_ringbuf_output() */
	TAIL_RINGBUF_RESERVE,	/* reserve, then submit even, discard odd seq */
	TAIL_PERF_OUTPUT,	/* bpf_perf_event_output(BPF_F_CURRENT_CPU) */
	TAIL_RINGBUF_OUTPUT_LONG,	/* bpf_ringbuf_output() of TAIL_LONG_SIZE bytes */
};

/* The long record: the event, then zeros; 48 bytes a record, so they straddle the ring's end. */
#define TAIL_LONG_SIZE 40

#define TI(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
					      .off = (o), .imm = (i) })
#define TI_MOV64_REG(d, s)	TI(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define TI_MOV64_IMM(d, i)	TI(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define TI_MOV32_IMM(d, i)	TI(BPF_ALU | BPF_MOV | BPF_K, d, 0, 0, i)
#define TI_ADD64_IMM(d, i)	TI(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define TI_AND64_IMM(d, i)	TI(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define TI_RSH64_IMM(d, i)	TI(BPF_ALU64 | BPF_RSH | BPF_K, d, 0, 0, i)
#define TI_ST(sz, d, o, i)	TI(BPF_ST | BPF_MEM | (sz), d, 0, o, i)
#define TI_STX(sz, d, s, o)	TI(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define TI_LDX(sz, d, s, o)	TI(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define TI_FETCH_ADD64(d, s, o)	TI(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, o, BPF_ADD | BPF_FETCH)
#define TI_JEQ_IMM(d, i, o)	TI(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define TI_JNE_IMM(d, i, o)	TI(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define TI_JA(o)		TI(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define TI_CALL(f)		TI(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define TI_EXIT()		TI(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* ld_imm64 of a map fd: two instructions. */
static inline size_t tail_ld_map_fd(struct bpf_insn *insn, int reg, int fd)
{
	insn[0] = TI(BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_FD, 0, fd);
	insn[1] = TI(0, 0, 0, 0, 0);
	return 2;
}

/* The event is built on the stack at r10 - 48, zeros after it up to r10 - 8. */
#define TAIL_EV_OFF (-48)

/* A jump from insn n to the "r0 = 0; exit" that ends a program of total instructions. */
#define TAIL_TO_EXIT(total, n) ((int)((total) - 2 - (n) - 1))

/*
 * Instructions that leave the event at r10 + TAIL_EV_OFF (r6 = ctx); when
 * tgid is not 0, other processes jump to the end at once, as does a
 * failed lookup.
 */
static inline size_t tail_prog_prologue(struct bpf_insn *insn, int counter_fd, __u32 tgid,
					size_t total)
{
	size_t n = 0;
	__u32 tag;

	memcpy(&tag, TAIL_EVENT_TAG, sizeof(tag));
	insn[n++] = TI_MOV64_REG(BPF_REG_6, BPF_REG_1);
	if (tgid) {
		insn[n++] = TI_CALL(BPF_FUNC_get_current_pid_tgid);
		insn[n++] = TI_RSH64_IMM(BPF_REG_0, 32);
		insn[n] = TI_JNE_IMM(BPF_REG_0, (__s32)tgid, TAIL_TO_EXIT(total, n));
		n++;
	}
	insn[n++] = TI_ST(BPF_W, BPF_REG_10, -4, 0);
	insn[n++] = TI_MOV64_REG(BPF_REG_2, BPF_REG_10);
	insn[n++] = TI_ADD64_IMM(BPF_REG_2, -4);
	n += tail_ld_map_fd(insn + n, BPF_REG_1, counter_fd);
	insn[n++] = TI_CALL(BPF_FUNC_map_lookup_elem);
	insn[n] = TI_JEQ_IMM(BPF_REG_0, 0, TAIL_TO_EXIT(total, n));
	n++;
	insn[n++] = TI_MOV64_IMM(BPF_REG_1, 1);
	insn[n++] = TI_FETCH_ADD64(BPF_REG_0, BPF_REG_1, 0);
	insn[n++] = TI_STX(BPF_DW, BPF_REG_10, BPF_REG_1, TAIL_EV_OFF);
	insn[n++] = TI_CALL(BPF_FUNC_get_current_pid_tgid);
	insn[n++] = TI_RSH64_IMM(BPF_REG_0, 32);
	insn[n++] = TI_STX(BPF_W, BPF_REG_10, BPF_REG_0, TAIL_EV_OFF + 8);
	insn[n++] = TI_ST(BPF_W, BPF_REG_10, TAIL_EV_OFF + 12, TAIL_EVENT_KIND);
	insn[n++] = TI_ST(BPF_W, BPF_REG_10, TAIL_EV_OFF + 16, (__s32)tag);
	insn[n++] = TI_ST(BPF_W, BPF_REG_10, TAIL_EV_OFF + 20, 0);
	insn[n++] = TI_ST(BPF_DW, BPF_REG_10, TAIL_EV_OFF + 24, 0);
	insn[n++] = TI_ST(BPF_DW, BPF_REG_10, TAIL_EV_OFF + 32, 0);
	return n;
}

static inline size_t tail_emit_ringbuf_output(struct bpf_insn *insn, int out_fd, int size)
{
	size_t n = 0;

	n += tail_ld_map_fd(insn + n, BPF_REG_1, out_fd);
	insn[n++] = TI_MOV64_REG(BPF_REG_2, BPF_REG_10);
	insn[n++] = TI_ADD64_IMM(BPF_REG_2, TAIL_EV_OFF);
	insn[n++] = TI_MOV64_IMM(BPF_REG_3, size);
	insn[n++] = TI_MOV64_IMM(BPF_REG_4, 0);
	insn[n++] = TI_CALL(BPF_FUNC_ringbuf_output);
	return n;
}

/* Reserve, copy the event in, submit it when seq is even, discard it when odd. */
static inline size_t tail_emit_ringbuf_reserve(struct bpf_insn *insn, int out_fd)
{
	size_t n = 0;
	int i;

	n += tail_ld_map_fd(insn + n, BPF_REG_1, out_fd);
	insn[n++] = TI_MOV64_IMM(BPF_REG_2, sizeof(struct tail_event));
	insn[n++] = TI_MOV64_IMM(BPF_REG_3, 0);
	insn[n++] = TI_CALL(BPF_FUNC_ringbuf_reserve);
	insn[n++] = TI_JEQ_IMM(BPF_REG_0, 0, 15);
	for (i = 0; i < 3; i++) {
		insn[n++] = TI_LDX(BPF_DW, BPF_REG_1, BPF_REG_10, TAIL_EV_OFF + 8 * i);
		insn[n++] = TI_STX(BPF_DW, BPF_REG_0, BPF_REG_1, 8 * i);
	}
	insn[n++] = TI_LDX(BPF_DW, BPF_REG_2, BPF_REG_10, TAIL_EV_OFF);
	insn[n++] = TI_AND64_IMM(BPF_REG_2, 1);
	insn[n++] = TI_MOV64_REG(BPF_REG_1, BPF_REG_0);
	insn[n++] = TI_JEQ_IMM(BPF_REG_2, 0, 3);
	insn[n++] = TI_MOV64_IMM(BPF_REG_2, 0);
	insn[n++] = TI_CALL(BPF_FUNC_ringbuf_discard);
	insn[n++] = TI_JA(2);
	insn[n++] = TI_MOV64_IMM(BPF_REG_2, 0);
	insn[n++] = TI_CALL(BPF_FUNC_ringbuf_submit);
	return n;
}

static inline size_t tail_emit_perf_output(struct bpf_insn *insn, int out_fd)
{
	size_t n = 0;

	insn[n++] = TI_MOV64_REG(BPF_REG_1, BPF_REG_6);
	n += tail_ld_map_fd(insn + n, BPF_REG_2, out_fd);
	/* 32-bit move: BPF_F_CURRENT_CPU with the upper half (skb bytes) zero */
	insn[n++] = TI_MOV32_IMM(BPF_REG_3, -1);
	insn[n++] = TI_MOV64_REG(BPF_REG_4, BPF_REG_10);
	insn[n++] = TI_ADD64_IMM(BPF_REG_4, TAIL_EV_OFF);
	insn[n++] = TI_MOV64_IMM(BPF_REG_5, sizeof(struct tail_event));
	insn[n++] = TI_CALL(BPF_FUNC_perf_event_output);
	return n;
}

/* Instructions the emitter of how takes. */
static inline size_t tail_emit_len(enum tail_emit how)
{
	struct bpf_insn scratch[64];

	switch (how) {
	case TAIL_RINGBUF_OUTPUT:
	case TAIL_RINGBUF_OUTPUT_LONG:
		return tail_emit_ringbuf_output(scratch, 0, 0);
	case TAIL_RINGBUF_RESERVE:
		return tail_emit_ringbuf_reserve(scratch, 0);
	default:
		return tail_emit_perf_output(scratch, 0);
	}
}

/*
 * Build the producer into insn (room for 64); returns the count.
 */
static inline size_t tail_prog_build(struct bpf_insn *insn, enum tail_emit how, int counter_fd,
				     int out_fd, __u32 tgid)
{
	struct bpf_insn scratch[64];
	size_t total = tail_prog_prologue(scratch, counter_fd, tgid, 0) + tail_emit_len(how) + 2;
	size_t n = tail_prog_prologue(insn, counter_fd, tgid, total);

	switch (how) {
	case TAIL_RINGBUF_OUTPUT:
		n += tail_emit_ringbuf_output(insn + n, out_fd, sizeof(struct tail_event));
		break;
	case TAIL_RINGBUF_OUTPUT_LONG:
		n += tail_emit_ringbuf_output(insn + n, out_fd, TAIL_LONG_SIZE);
		break;
	case TAIL_RINGBUF_RESERVE:
		n += tail_emit_ringbuf_reserve(insn + n, out_fd);
		break;
	default:
		n += tail_emit_perf_output(insn + n, out_fd);
		break;
	}
	insn[n++] = TI_MOV64_IMM(BPF_REG_0, 0);
	insn[n++] = TI_EXIT();
	return n;
}

/*
 * Load the producer as a program of type. tgid != 0 makes it emit for
 * that process only. btf_fd/func_type_id (0 for none) give it BTF: a FUNC
 * for its one function, so that the kernel records the program's btf_id.
 * Returns the program fd or -errno; the verifier's log goes to log.
 */
static inline int tail_prog_load_type(enum bpf_prog_type type, enum tail_emit how,
				      int counter_fd, int out_fd, __u32 tgid, int btf_fd,
				      __u32 func_type_id, char *log, size_t log_size)
{
	struct bpf_func_info fi = { .insn_off = 0, .type_id = func_type_id };
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = log_size,
		    .log_level = log ? 1 : 0);
	struct bpf_insn insn[64];
	size_t n = tail_prog_build(insn, how, counter_fd, out_fd, tgid);
	int fd;

	if (btf_fd > 0 && func_type_id) {
		opts.prog_btf_fd = btf_fd;
		opts.func_info = &fi;
		opts.func_info_cnt = 1;
		opts.func_info_rec_size = sizeof(fi);
	}
	fd = bpf_prog_load(type, "tail_producer", "GPL", insn, n, &opts);
	return fd < 0 ? -errno : fd;
}

/* The producer for BPF_PROG_TEST_RUN: a SCHED_CLS program, for every process. */
static inline int tail_prog_load(enum tail_emit how, int counter_fd, int out_fd, int btf_fd,
				 __u32 func_type_id, char *log, size_t log_size)
{
	return tail_prog_load_type(BPF_PROG_TYPE_SCHED_CLS, how, counter_fd, out_fd, 0, btf_fd,
				   func_type_id, log, log_size);
}

/* Run the producer repeat times: repeat events (fewer if its output is full). */
static inline int tail_prog_run(int prog_fd, int repeat)
{
	char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		    .repeat = repeat);

	return bpf_prog_test_run_opts(prog_fd, &opts) ? -errno : 0;
}

#endif /* __BPFCTL_TAIL_PROG_H */
