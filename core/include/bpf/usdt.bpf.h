/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * USDT probes, the BPF side. A program in SEC("usdt/BINARY:PROVIDER:NAME")
 * (or SEC("usdt") attached with bpf_program__attach_usdt()) runs as a
 * uprobe at each site of the probe; the arguments' locations differ from
 * site to site (a register here, a stack slot there), so user space writes
 * one spec per site into __bpf_usdt_specs and gives the uprobe the spec's
 * index as its BPF cookie:
 *
 *	SEC("usdt")
 *	int BPF_USDT(on_tick, int n, long total)
 *	{
 *		...
 *	}
 *
 * Registers are read from struct pt_regs by byte offset (user space knows
 * the layout of the binary's architecture), so no CO-RE is needed.
 */
#ifndef __USDT_BPF_H__
#define __USDT_BPF_H__

#include "bpf_helpers.h"
#include "bpf_tracing.h"

/*
 * The error numbers, from <linux/errno.h> as libbpf's usdt.bpf.h has them,
 * when its <asm/errno.h> can be found (a -target bpf compile often has no
 * architecture include directory); else the three returned below, the same
 * on every Linux architecture.
 */
#if __has_include(<asm/errno.h>)
#include <linux/errno.h>
#endif
#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef ESRCH
#define ESRCH 3
#endif
#ifndef EINVAL
#define EINVAL 22
#endif

/* Slots of __bpf_usdt_specs: define before including to have more. */
#ifndef BPF_USDT_MAX_SPEC_CNT
#define BPF_USDT_MAX_SPEC_CNT 256
#endif

/*
 * libbpf sizes an address-to-spec map with BPF_USDT_MAX_IP_CNT for kernels
 * without BPF cookies; there is no such map here (see __bpf_usdt_spec_of),
 * the name is kept so that programs setting it still build.
 */
#ifndef BPF_USDT_MAX_IP_CNT
#define BPF_USDT_MAX_IP_CNT (4 * BPF_USDT_MAX_SPEC_CNT)
#endif

/* Arguments a USDT probe can have; fixed, user space writes this layout. */
#define BPF_USDT_MAX_ARG_CNT 12

/* Where an argument's value is (struct __bpf_usdt_arg_spec.kind). */
#define BPF_USDT_ARG_CONST	0	/* val_off itself */
#define BPF_USDT_ARG_REG	1	/* the register at reg_off */
#define BPF_USDT_ARG_REG_DEREF	2	/* in user memory at register + val_off */
#define BPF_USDT_ARG_SIB	3	/* ... at register + index << scale + val_off */

/*
 * One argument, 16 bytes. The same layout is in core/usdt.h, which
 * fills it; both sides assert the sizes.
 */
struct __bpf_usdt_arg_spec {
	__u64 val_off;
	__u8 kind;
	__u8 size;		/* 1, 2, 4 or 8 bytes */
	__u8 is_signed;
	__u8 idx_scale_shift;	/* BPF_USDT_ARG_SIB: index scale as a shift */
	__s16 reg_off;		/* byte offset of the register in struct pt_regs */
	__s16 idx_reg_off;	/* BPF_USDT_ARG_SIB: index register */
};

/* One probe site's arguments and the attachment's cookie, 208 bytes. */
struct __bpf_usdt_spec {
	struct __bpf_usdt_arg_spec args[BPF_USDT_MAX_ARG_CNT];
	__u64 usdt_cookie;
	__u16 arg_cnt;
	__u16 __pad[3];
};

_Static_assert(sizeof(struct __bpf_usdt_arg_spec) == 16, "USDT arg spec layout");
_Static_assert(sizeof(struct __bpf_usdt_spec) == 208, "USDT spec layout");

/*
 * Weak and hidden: every .bpf.c file of one object may include this
 * header and they all share one map.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BPF_USDT_MAX_SPEC_CNT);
	__type(key, int);
	__type(value, struct __bpf_usdt_spec);
} __bpf_usdt_specs SEC(".maps") __weak __hidden;

struct pt_regs;

/*
 * The spec of the site that fired. Kernels without BPF cookies (before
 * 5.15) would need an address-to-spec map as well; the kernels this
 * library supports all have cookies, so there is none.
 */
static __always_inline struct __bpf_usdt_spec *__bpf_usdt_spec_of(struct pt_regs *ctx)
{
	int id = (int)bpf_get_attach_cookie(ctx);

	return bpf_map_lookup_elem(&__bpf_usdt_specs, &id);
}

/**
 * @brief Number of arguments of the USDT probe that fired.
 * @param ctx the program's context
 * @return count, or -ESRCH when the program was not attached as a USDT
 */
static __always_inline int bpf_usdt_arg_cnt(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec_of(ctx);

	return spec ? spec->arg_cnt : -ESRCH;
}

/* The argument arg_num of the probe that fired, or NULL (*err set). */
static __always_inline struct __bpf_usdt_arg_spec *
__bpf_usdt_arg_of(struct pt_regs *ctx, __u64 arg_num, int *err)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec_of(ctx);

	*err = -ESRCH;
	if (!spec)
		return (void *)0;
	*err = -ENOENT;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT)
		return (void *)0;
	barrier_var(arg_num);
	if (arg_num >= spec->arg_cnt)
		return (void *)0;
	return &spec->args[arg_num];
}

/**
 * @brief Size in bytes of a USDT argument.
 * @param ctx the program's context
 * @param arg_num argument, from 0
 * @return 1, 2, 4 or 8, or -ENOENT (no such argument) or -ESRCH
 */
static __always_inline int bpf_usdt_arg_size(struct pt_regs *ctx, __u64 arg_num)
{
	struct __bpf_usdt_arg_spec *arg;
	int err;

	arg = __bpf_usdt_arg_of(ctx, arg_num, &err);
	return arg ? arg->size : err;
}

/* A register's value, by its offset in struct pt_regs. */
static __always_inline int __bpf_usdt_reg(struct pt_regs *ctx, __s16 off, unsigned long *val)
{
	return bpf_probe_read_kernel(val, sizeof(*val), (void *)ctx + off);
}

/* The raw bytes of arg, in the low bytes of *val. */
static __always_inline int __bpf_usdt_fetch(struct pt_regs *ctx,
					    struct __bpf_usdt_arg_spec *arg, __u64 *val)
{
	unsigned long addr, idx;
	__u32 size = arg->size;
	int err;

	if (arg->kind == BPF_USDT_ARG_CONST) {
		*val = arg->val_off;
		return 0;
	}
	err = __bpf_usdt_reg(ctx, arg->reg_off, &addr);
	if (err || arg->kind == BPF_USDT_ARG_REG) {
		*val = addr;
		return err;
	}
	if (arg->kind == BPF_USDT_ARG_SIB) {
		err = __bpf_usdt_reg(ctx, arg->idx_reg_off, &idx);
		if (err)
			return err;
		addr += idx << (arg->idx_scale_shift & 3);
	} else if (arg->kind != BPF_USDT_ARG_REG_DEREF) {
		return -EINVAL;
	}
	addr += arg->val_off;
	/* only the argument's own bytes: the next ones may be unmapped */
	if (size > sizeof(*val))
		return -EINVAL;
	err = bpf_probe_read_user(val, size, (void *)addr);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	*val >>= (sizeof(*val) - size) * 8;
#endif
	return err;
}

/**
 * @brief Value of a USDT argument, sign- or zero-extended to a long.
 * @param ctx the program's context
 * @param arg_num argument, from 0
 * @param res receives the value (0 on error)
 * @return 0, -ENOENT (no such argument), -ESRCH (not a USDT) or a read error
 */
static __always_inline int bpf_usdt_arg(struct pt_regs *ctx, __u64 arg_num, long *res)
{
	struct __bpf_usdt_arg_spec *arg;
	__u64 val = 0;
	int err, shift;

	*res = 0;
	arg = __bpf_usdt_arg_of(ctx, arg_num, &err);
	if (!arg)
		return err;
	err = __bpf_usdt_fetch(ctx, arg, &val);
	if (err)
		return err;
	shift = 64 - (arg->size & 15) * 8;
	if (shift <= 0 || shift >= 64)
		shift = 0;
	val <<= shift;
	*res = arg->is_signed ? (long)((__s64)val >> shift) : (long)(val >> shift);
	return 0;
}

/**
 * @brief The usdt_cookie given to bpf_program__attach_usdt().
 * @param ctx the program's context
 * @return the cookie, 0 when not attached as a USDT
 */
static __always_inline long bpf_usdt_cookie(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec_of(ctx);

	return spec ? spec->usdt_cookie : 0;
}

/* Argument n as a long, 0 when it can't be read. */
static __always_inline long __bpf_usdt_val(struct pt_regs *ctx, __u64 n)
{
	long val;

	bpf_usdt_arg(ctx, n, &val);
	return val;
}

#define __bpf_usdt_args0() ctx
#define __bpf_usdt_args1(x) __bpf_usdt_args0(), (void *)__bpf_usdt_val(ctx, 0)
#define __bpf_usdt_args2(x, args...) __bpf_usdt_args1(args), (void *)__bpf_usdt_val(ctx, 1)
#define __bpf_usdt_args3(x, args...) __bpf_usdt_args2(args), (void *)__bpf_usdt_val(ctx, 2)
#define __bpf_usdt_args4(x, args...) __bpf_usdt_args3(args), (void *)__bpf_usdt_val(ctx, 3)
#define __bpf_usdt_args5(x, args...) __bpf_usdt_args4(args), (void *)__bpf_usdt_val(ctx, 4)
#define __bpf_usdt_args6(x, args...) __bpf_usdt_args5(args), (void *)__bpf_usdt_val(ctx, 5)
#define __bpf_usdt_args7(x, args...) __bpf_usdt_args6(args), (void *)__bpf_usdt_val(ctx, 6)
#define __bpf_usdt_args8(x, args...) __bpf_usdt_args7(args), (void *)__bpf_usdt_val(ctx, 7)
#define __bpf_usdt_args9(x, args...) __bpf_usdt_args8(args), (void *)__bpf_usdt_val(ctx, 8)
#define __bpf_usdt_args10(x, args...) __bpf_usdt_args9(args), (void *)__bpf_usdt_val(ctx, 9)
#define __bpf_usdt_args11(x, args...) __bpf_usdt_args10(args), (void *)__bpf_usdt_val(ctx, 10)
#define __bpf_usdt_args12(x, args...) __bpf_usdt_args11(args), (void *)__bpf_usdt_val(ctx, 11)
#define __bpf_usdt_args(args...) ___bpf_apply(__bpf_usdt_args, ___bpf_narg(args))(args)

/*
 * BPF_USDT(name, args...): a USDT program with the probe's arguments
 * typed (each fetched with bpf_usdt_arg() and converted); ctx stays
 * available for bpf_usdt_cookie() and the others.
 */
#define BPF_USDT(name, args...) \
	__bpf_typed_prog(name, struct pt_regs *ctx, __bpf_usdt_args(args), ##args)

#endif /* __USDT_BPF_H__ */
