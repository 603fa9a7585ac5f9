/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tracing program helpers: register access in a struct pt_regs context
 * (PT_REGS_*) and wrappers that give kprobe, uprobe, syscall and
 * BTF-typed (fentry, tp_btf, ...) programs typed arguments (BPF_KPROBE,
 * BPF_PROG, ...).
 *
 * Registers are named per architecture: build with -D__TARGET_ARCH_x86
 * or -D__TARGET_ARCH_arm64 (the program is compiled for -target bpf,
 * which does not say what kernel it will run on); without either, the
 * compiler's own __x86_64__/__aarch64__ decide. Include after
 * bpf_helpers.h; the *_CORE forms read through BPF_CORE_READ
 * (bpf_core_read.h, included here).
 */
#ifndef __BPF_TRACING_H__
#define __BPF_TRACING_H__

#include "bpf_helpers.h"
#include "bpf_core_read.h"

#if defined(__TARGET_ARCH_x86)
# define bpf_target_x86
# define bpf_target_defined
#elif defined(__TARGET_ARCH_arm64)
# define bpf_target_arm64
# define bpf_target_defined
#elif defined(__x86_64__)
# define bpf_target_x86
# define bpf_target_defined
#elif defined(__aarch64__)
# define bpf_target_arm64
# define bpf_target_defined
#endif

/*
 * The pragma a register accessor expands to when no target architecture is
 * known; a program may define its own before including this header.
 */
#ifndef __BPF_TARGET_MISSING
#define __BPF_TARGET_MISSING \
	"GCC error \"bpf_tracing.h needs -D__TARGET_ARCH_x86 or -D__TARGET_ARCH_arm64\""
#endif

/*
 * Per architecture: how to see the context as registers
 * (__PT_REGS_CAST), which register holds function argument N
 * (__PT_PARMn_REG: the C calling convention) and syscall argument N
 * (__PT_PARMn_SYSCALL_REG: the syscall convention), the return value,
 * return address, frame pointer, stack pointer and instruction pointer.
 */
#if defined(bpf_target_x86)

/*
 * System V AMD64: arguments in rdi, rsi, rdx, rcx, r8, r9; the 7th and
 * later on the stack. Syscalls pass the 4th in r10 (syscall clobbers
 * rcx). The kernel's struct pt_regs (vmlinux.h) drops the "r" prefix of
 * the UAPI one (asm/ptrace.h).
 */
# if defined(__KERNEL__) || defined(__VMLINUX_H__)
#  define __PT_PARM1_REG di
#  define __PT_PARM2_REG si
#  define __PT_PARM3_REG dx
#  define __PT_PARM4_REG cx
#  define __PT_PARM4_SYSCALL_REG r10
#  define __PT_RET_REG sp
#  define __PT_FP_REG bp
#  define __PT_RC_REG ax
#  define __PT_SP_REG sp
#  define __PT_IP_REG ip
# else
#  define __PT_PARM1_REG rdi
#  define __PT_PARM2_REG rsi
#  define __PT_PARM3_REG rdx
#  define __PT_PARM4_REG rcx
#  define __PT_PARM4_SYSCALL_REG r10
#  define __PT_RET_REG rsp
#  define __PT_FP_REG rbp
#  define __PT_RC_REG rax
#  define __PT_SP_REG rsp
#  define __PT_IP_REG rip
# endif
# define __PT_PARM5_REG r8
# define __PT_PARM6_REG r9
# define __PT_PARM1_SYSCALL_REG __PT_PARM1_REG
# define __PT_PARM2_SYSCALL_REG __PT_PARM2_REG
# define __PT_PARM3_SYSCALL_REG __PT_PARM3_REG
# define __PT_PARM5_SYSCALL_REG __PT_PARM5_REG
# define __PT_PARM6_SYSCALL_REG __PT_PARM6_REG
# define __PT_REGS_CAST(x) (x)

#elif defined(bpf_target_arm64)

/*
 * AAPCS64: arguments in x0-x7, return value in x0, frame pointer x29,
 * link register x30. BPF programs see the registers through
 * struct user_pt_regs, which opens the kernel's struct pt_regs.
 * Syscalls pass arguments in x0-x5, but x0 is overwritten by the return
 * value: the first argument stays in pt_regs->orig_x0, outside
 * user_pt_regs, so it is read through a local flavour of struct pt_regs.
 */
struct pt_regs___bpf_arm64 {
	unsigned long orig_x0;
} __attribute__((preserve_access_index));

# define __PT_PARM1_REG regs[0]
# define __PT_PARM2_REG regs[1]
# define __PT_PARM3_REG regs[2]
# define __PT_PARM4_REG regs[3]
# define __PT_PARM5_REG regs[4]
# define __PT_PARM6_REG regs[5]
# define __PT_PARM7_REG regs[6]
# define __PT_PARM8_REG regs[7]
# define __PT_PARM2_SYSCALL_REG __PT_PARM2_REG
# define __PT_PARM3_SYSCALL_REG __PT_PARM3_REG
# define __PT_PARM4_SYSCALL_REG __PT_PARM4_REG
# define __PT_PARM5_SYSCALL_REG __PT_PARM5_REG
# define __PT_PARM6_SYSCALL_REG __PT_PARM6_REG
# define __PT_RET_REG regs[30]
# define __PT_FP_REG regs[29]
# define __PT_RC_REG regs[0]
# define __PT_SP_REG sp
# define __PT_IP_REG pc
# define __PT_REGS_CAST(x) ((const struct user_pt_regs *)(x))

# define PT_REGS_PARM1_SYSCALL(x) (((const struct pt_regs___bpf_arm64 *)(x))->orig_x0)
# define PT_REGS_PARM1_CORE_SYSCALL(x) \
	BPF_CORE_READ((const struct pt_regs___bpf_arm64 *)(x), orig_x0)

#endif

#if defined(bpf_target_defined)

struct pt_regs;

# define PT_REGS_PARM1(x) (__PT_REGS_CAST(x)->__PT_PARM1_REG)
# define PT_REGS_PARM2(x) (__PT_REGS_CAST(x)->__PT_PARM2_REG)
# define PT_REGS_PARM3(x) (__PT_REGS_CAST(x)->__PT_PARM3_REG)
# define PT_REGS_PARM4(x) (__PT_REGS_CAST(x)->__PT_PARM4_REG)
# define PT_REGS_PARM5(x) (__PT_REGS_CAST(x)->__PT_PARM5_REG)
# define PT_REGS_PARM6(x) (__PT_REGS_CAST(x)->__PT_PARM6_REG)
# define PT_REGS_RET(x) (__PT_REGS_CAST(x)->__PT_RET_REG)
# define PT_REGS_FP(x) (__PT_REGS_CAST(x)->__PT_FP_REG)
# define PT_REGS_RC(x) (__PT_REGS_CAST(x)->__PT_RC_REG)
# define PT_REGS_SP(x) (__PT_REGS_CAST(x)->__PT_SP_REG)
# define PT_REGS_IP(x) (__PT_REGS_CAST(x)->__PT_IP_REG)

# define PT_REGS_PARM1_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM1_REG)
# define PT_REGS_PARM2_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM2_REG)
# define PT_REGS_PARM3_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM3_REG)
# define PT_REGS_PARM4_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM4_REG)
# define PT_REGS_PARM5_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM5_REG)
# define PT_REGS_PARM6_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM6_REG)
# define PT_REGS_RET_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_RET_REG)
# define PT_REGS_FP_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_FP_REG)
# define PT_REGS_RC_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_RC_REG)
# define PT_REGS_SP_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_SP_REG)
# define PT_REGS_IP_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_IP_REG)

/* Arguments past the registers live on the stack, not in pt_regs. */
# define __bpf_no_reg_arg(n) ({ \
	_Static_assert(0, "argument " #n " is not passed in a register on this architecture"); \
	0UL; })
# if defined(__PT_PARM7_REG)
#  define PT_REGS_PARM7(x) (__PT_REGS_CAST(x)->__PT_PARM7_REG)
#  define PT_REGS_PARM8(x) (__PT_REGS_CAST(x)->__PT_PARM8_REG)
#  define PT_REGS_PARM7_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM7_REG)
#  define PT_REGS_PARM8_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM8_REG)
# else
#  define PT_REGS_PARM7(x) __bpf_no_reg_arg(7)
#  define PT_REGS_PARM8(x) __bpf_no_reg_arg(8)
#  define PT_REGS_PARM7_CORE(x) __bpf_no_reg_arg(7)
#  define PT_REGS_PARM8_CORE(x) __bpf_no_reg_arg(8)
# endif

/*
 * Syscall arguments, from the registers the syscall saw (see
 * PT_REGS_SYSCALL_REGS). The _CORE forms are the ones to use on those:
 * they are not the program's context, so they must be probe-read.
 */
# if !defined(PT_REGS_PARM1_SYSCALL)
#  define PT_REGS_PARM1_SYSCALL(x) (__PT_REGS_CAST(x)->__PT_PARM1_SYSCALL_REG)
#  define PT_REGS_PARM1_CORE_SYSCALL(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM1_SYSCALL_REG)
# endif
# define PT_REGS_PARM2_SYSCALL(x) (__PT_REGS_CAST(x)->__PT_PARM2_SYSCALL_REG)
# define PT_REGS_PARM3_SYSCALL(x) (__PT_REGS_CAST(x)->__PT_PARM3_SYSCALL_REG)
# define PT_REGS_PARM4_SYSCALL(x) (__PT_REGS_CAST(x)->__PT_PARM4_SYSCALL_REG)
# define PT_REGS_PARM5_SYSCALL(x) (__PT_REGS_CAST(x)->__PT_PARM5_SYSCALL_REG)
# define PT_REGS_PARM6_SYSCALL(x) (__PT_REGS_CAST(x)->__PT_PARM6_SYSCALL_REG)
# define PT_REGS_PARM2_CORE_SYSCALL(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM2_SYSCALL_REG)
# define PT_REGS_PARM3_CORE_SYSCALL(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM3_SYSCALL_REG)
# define PT_REGS_PARM4_CORE_SYSCALL(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM4_SYSCALL_REG)
# define PT_REGS_PARM5_CORE_SYSCALL(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM5_SYSCALL_REG)
# define PT_REGS_PARM6_CORE_SYSCALL(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM6_SYSCALL_REG)
/* A 7th syscall argument in a register: only 32-bit powerpc has one. */
# if defined(__PT_PARM7_SYSCALL_REG)
#  define PT_REGS_PARM7_SYSCALL(x) (__PT_REGS_CAST(x)->__PT_PARM7_SYSCALL_REG)
#  define PT_REGS_PARM7_CORE_SYSCALL(x) \
	BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM7_SYSCALL_REG)
# else
#  define PT_REGS_PARM7_SYSCALL(x) __bpf_no_reg_arg(7)
#  define PT_REGS_PARM7_CORE_SYSCALL(x) __bpf_no_reg_arg(7)
# endif

/*
 * x86_64 and arm64 kernels enter every syscall through a wrapper
 * (__x64_sys_NAME, __arm64_sys_NAME) whose only argument is the
 * struct pt_regs of the syscall: what a kprobe on the wrapper finds in
 * its first argument register.
 */
# define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)PT_REGS_PARM1(ctx))

#else /* !bpf_target_defined */

/* Compiles until used: then says what is missing (__BPF_TARGET_MISSING). */
# define __bpf_no_target ({ _Pragma(__BPF_TARGET_MISSING); 0UL; })
# define PT_REGS_PARM1(x) __bpf_no_target
# define PT_REGS_PARM2(x) __bpf_no_target
# define PT_REGS_PARM3(x) __bpf_no_target
# define PT_REGS_PARM4(x) __bpf_no_target
# define PT_REGS_PARM5(x) __bpf_no_target
# define PT_REGS_PARM6(x) __bpf_no_target
# define PT_REGS_PARM7(x) __bpf_no_target
# define PT_REGS_PARM8(x) __bpf_no_target
# define PT_REGS_RET(x) __bpf_no_target
# define PT_REGS_FP(x) __bpf_no_target
# define PT_REGS_RC(x) __bpf_no_target
# define PT_REGS_SP(x) __bpf_no_target
# define PT_REGS_IP(x) __bpf_no_target
# define PT_REGS_PARM1_CORE(x) __bpf_no_target
# define PT_REGS_PARM2_CORE(x) __bpf_no_target
# define PT_REGS_PARM3_CORE(x) __bpf_no_target
# define PT_REGS_PARM4_CORE(x) __bpf_no_target
# define PT_REGS_PARM5_CORE(x) __bpf_no_target
# define PT_REGS_PARM6_CORE(x) __bpf_no_target
# define PT_REGS_PARM7_CORE(x) __bpf_no_target
# define PT_REGS_PARM8_CORE(x) __bpf_no_target
# define PT_REGS_RET_CORE(x) __bpf_no_target
# define PT_REGS_FP_CORE(x) __bpf_no_target
# define PT_REGS_RC_CORE(x) __bpf_no_target
# define PT_REGS_SP_CORE(x) __bpf_no_target
# define PT_REGS_IP_CORE(x) __bpf_no_target
# define PT_REGS_PARM1_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM2_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM3_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM4_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM5_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM6_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM1_CORE_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM2_CORE_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM3_CORE_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM4_CORE_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM5_CORE_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM6_CORE_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM7_SYSCALL(x) __bpf_no_target
# define PT_REGS_PARM7_CORE_SYSCALL(x) __bpf_no_target
# define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)__bpf_no_target)

#endif /* bpf_target_defined */

/*
 * Where a probe finds the caller's return address: on arm64 in the link
 * register, on x86_64 on the top of the stack at function entry.
 */
#if defined(bpf_target_x86)
# define BPF_KPROBE_READ_RET_IP(ip, ctx) \
	({ bpf_probe_read_kernel(&(ip), sizeof(ip), (void *)PT_REGS_RET(ctx)); })
# define BPF_KRETPROBE_READ_RET_IP(ip, ctx) \
	({ bpf_probe_read_kernel(&(ip), sizeof(ip), \
				 (void *)(PT_REGS_FP(ctx) + sizeof(ip))); })
#else
# define BPF_KPROBE_READ_RET_IP(ip, ctx) ({ (ip) = PT_REGS_RET(ctx); })
# define BPF_KRETPROBE_READ_RET_IP(ip, ctx) ({ (ip) = PT_REGS_RET(ctx); })
#endif

/*
 * The typed wrappers below all declare the program as
 *	RET name(CTX ctx)
 * which calls an always-inline ____name(CTX ctx, ARGS...) whose body is
 * the block written after the macro, with each argument fetched from
 * the context and converted to its declared type. The conversions are
 * integer <-> pointer ones by nature, hence the silenced -Wint-conversion.
 */
#define __bpf_typed_prog(name, ctx_decl, fetch, args...) \
name(ctx_decl); \
static __always_inline typeof(name(0)) ____##name(ctx_decl, ##args); \
typeof(name(0)) name(ctx_decl) \
{ \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"") \
	return ____##name(fetch); \
	_Pragma("GCC diagnostic pop") \
} \
static __always_inline typeof(name(0)) ____##name(ctx_decl, ##args)

/* BTF-typed programs: the context is an array of u64, one per argument. */
#define __bpf_ctx_args0() ctx
#define __bpf_ctx_args1(x) __bpf_ctx_args0(), (void *)ctx[0]
#define __bpf_ctx_args2(x, args...) __bpf_ctx_args1(args), (void *)ctx[1]
#define __bpf_ctx_args3(x, args...) __bpf_ctx_args2(args), (void *)ctx[2]
#define __bpf_ctx_args4(x, args...) __bpf_ctx_args3(args), (void *)ctx[3]
#define __bpf_ctx_args5(x, args...) __bpf_ctx_args4(args), (void *)ctx[4]
#define __bpf_ctx_args6(x, args...) __bpf_ctx_args5(args), (void *)ctx[5]
#define __bpf_ctx_args7(x, args...) __bpf_ctx_args6(args), (void *)ctx[6]
#define __bpf_ctx_args8(x, args...) __bpf_ctx_args7(args), (void *)ctx[7]
#define __bpf_ctx_args9(x, args...) __bpf_ctx_args8(args), (void *)ctx[8]
#define __bpf_ctx_args10(x, args...) __bpf_ctx_args9(args), (void *)ctx[9]
#define __bpf_ctx_args11(x, args...) __bpf_ctx_args10(args), (void *)ctx[10]
#define __bpf_ctx_args12(x, args...) __bpf_ctx_args11(args), (void *)ctx[11]
#define __bpf_ctx_args(args...) ___bpf_apply(__bpf_ctx_args, ___bpf_narg(args))(args)

/*
 * BPF_PROG(name, args...): fentry/fexit/fmod_ret, tp_btf, raw_tp, lsm,
 * struct_ops, iter programs with typed arguments of at most 8 bytes:
 *	SEC("fentry/do_unlinkat")
 *	int BPF_PROG(unlink, int dfd, struct filename *name) { ... }
 * The raw context stays reachable as ctx.
 */
#define BPF_PROG(name, args...) \
	__bpf_typed_prog(name, unsigned long long *ctx, __bpf_ctx_args(args), ##args)

/*
 * BPF_PROG2(name, type1, arg1, type2, arg2, ...): BPF_PROG for arguments
 * of any size up to 16 bytes (structs passed by value take two context
 * slots), given as separate type and name.
 */
#define __bpf_p2_slots(t) (sizeof(t) > 8 ? 2 : 1)
/* The argument of type t starting at context slot n, with its own bytes. */
#define __bpf_p2_val(t, n) \
	__builtin_choose_expr(sizeof(t) == 1, \
		({ union { __u8 r[1]; t v; } ___u = { .r = { ctx[n] } }; ___u.v; }), \
	__builtin_choose_expr(sizeof(t) == 2, \
		({ union { __u16 r[1]; t v; } ___u = { .r = { ctx[n] } }; ___u.v; }), \
	__builtin_choose_expr(sizeof(t) == 4, \
		({ union { __u32 r[1]; t v; } ___u = { .r = { ctx[n] } }; ___u.v; }), \
	__builtin_choose_expr(sizeof(t) == 8, \
		({ union { __u64 r[1]; t v; } ___u = { .r = { ctx[n] } }; ___u.v; }), \
		({ union { __u64 r[2]; t v; } ___u = { .r = { ctx[n], ctx[(n) + 1] } }; \
		   ___u.v; })))))
#define __bpf_p2_decl0()
#define __bpf_p2_decl2(t, x) , t x
#define __bpf_p2_decl4(t, x, args...) , t x __bpf_p2_decl2(args)
#define __bpf_p2_decl6(t, x, args...) , t x __bpf_p2_decl4(args)
#define __bpf_p2_decl8(t, x, args...) , t x __bpf_p2_decl6(args)
#define __bpf_p2_decl10(t, x, args...) , t x __bpf_p2_decl8(args)
#define __bpf_p2_decl12(t, x, args...) , t x __bpf_p2_decl10(args)
#define __bpf_p2_decl14(t, x, args...) , t x __bpf_p2_decl12(args)
#define __bpf_p2_decl16(t, x, args...) , t x __bpf_p2_decl14(args)
#define __bpf_p2_decl18(t, x, args...) , t x __bpf_p2_decl16(args)
#define __bpf_p2_decl20(t, x, args...) , t x __bpf_p2_decl18(args)
#define __bpf_p2_decl22(t, x, args...) , t x __bpf_p2_decl20(args)
#define __bpf_p2_decl24(t, x, args...) , t x __bpf_p2_decl22(args)
#define __bpf_p2_arg0(n)
#define __bpf_p2_arg2(n, t, x) , __bpf_p2_val(t, n)
#define __bpf_p2_arg4(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg2((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg6(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg4((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg8(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg6((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg10(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg8((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg12(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg10((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg14(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg12((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg16(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg14((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg18(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg16((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg20(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg18((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg22(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg20((n) + __bpf_p2_slots(t), args)
#define __bpf_p2_arg24(n, t, x, args...) , __bpf_p2_val(t, n) \
	__bpf_p2_arg22((n) + __bpf_p2_slots(t), args)
/* Counts 0 to 24 arguments: up to 12 (type, name) pairs. */
#define __bpf_p2_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, \
		     _17, _18, _19, _20, _21, _22, _23, _24, N, ...) N
#define __bpf_p2_narg(...) __bpf_p2_nth(_, ##__VA_ARGS__, 24, 23, 22, 21, 20, 19, 18, 17, 16, \
					15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define BPF_PROG2(name, args...) \
name(unsigned long long *ctx); \
static __always_inline typeof(name(0)) \
____##name(unsigned long long *ctx ___bpf_apply(__bpf_p2_decl, __bpf_p2_narg(args))(args)); \
typeof(name(0)) name(unsigned long long *ctx) \
{ \
	return ____##name(ctx ___bpf_apply(__bpf_p2_arg, __bpf_p2_narg(args))(0, ##args)); \
} \
static __always_inline typeof(name(0)) \
____##name(unsigned long long *ctx ___bpf_apply(__bpf_p2_decl, __bpf_p2_narg(args))(args))

/* kprobe/uprobe programs: arguments from the registers of the calling convention. */
#define __bpf_kp_args0() ctx
#define __bpf_kp_args1(x) __bpf_kp_args0(), (void *)PT_REGS_PARM1(ctx)
#define __bpf_kp_args2(x, args...) __bpf_kp_args1(args), (void *)PT_REGS_PARM2(ctx)
#define __bpf_kp_args3(x, args...) __bpf_kp_args2(args), (void *)PT_REGS_PARM3(ctx)
#define __bpf_kp_args4(x, args...) __bpf_kp_args3(args), (void *)PT_REGS_PARM4(ctx)
#define __bpf_kp_args5(x, args...) __bpf_kp_args4(args), (void *)PT_REGS_PARM5(ctx)
#define __bpf_kp_args6(x, args...) __bpf_kp_args5(args), (void *)PT_REGS_PARM6(ctx)
#define __bpf_kp_args7(x, args...) __bpf_kp_args6(args), (void *)PT_REGS_PARM7(ctx)
#define __bpf_kp_args8(x, args...) __bpf_kp_args7(args), (void *)PT_REGS_PARM8(ctx)
#define __bpf_kp_args(args...) ___bpf_apply(__bpf_kp_args, ___bpf_narg(args))(args)

/*
 * BPF_KPROBE(name, args...): a kprobe at a function's entry with its
 * arguments typed:
 *	SEC("kprobe/do_unlinkat")
 *	int BPF_KPROBE(unlink, int dfd, struct filename *name) { ... }
 */
#define BPF_KPROBE(name, args...) \
	__bpf_typed_prog(name, struct pt_regs *ctx, __bpf_kp_args(args), ##args)

/* kretprobe: at most one argument, the function's return value. */
#define __bpf_krp_args0() ctx
#define __bpf_krp_args1(x) __bpf_krp_args0(), (void *)PT_REGS_RC(ctx)
#define __bpf_krp_args(args...) ___bpf_apply(__bpf_krp_args, ___bpf_narg(args))(args)

/* BPF_KRETPROBE(name[, ret]): a kretprobe with the return value typed. */
#define BPF_KRETPROBE(name, args...) \
	__bpf_typed_prog(name, struct pt_regs *ctx, __bpf_krp_args(args), ##args)

/* User-space probes follow the same calling conventions. */
#define BPF_UPROBE(name, args...) BPF_KPROBE(name, ##args)
#define BPF_URETPROBE(name, args...) BPF_KRETPROBE(name, ##args)

/* Syscall arguments, probe-read from the syscall's own registers. */
#define __bpf_sys_args0() ctx
#define __bpf_sys_args1(x) __bpf_sys_args0(), (void *)PT_REGS_PARM1_CORE_SYSCALL(regs)
#define __bpf_sys_args2(x, args...) __bpf_sys_args1(args), (void *)PT_REGS_PARM2_CORE_SYSCALL(regs)
#define __bpf_sys_args3(x, args...) __bpf_sys_args2(args), (void *)PT_REGS_PARM3_CORE_SYSCALL(regs)
#define __bpf_sys_args4(x, args...) __bpf_sys_args3(args), (void *)PT_REGS_PARM4_CORE_SYSCALL(regs)
#define __bpf_sys_args5(x, args...) __bpf_sys_args4(args), (void *)PT_REGS_PARM5_CORE_SYSCALL(regs)
#define __bpf_sys_args6(x, args...) __bpf_sys_args5(args), (void *)PT_REGS_PARM6_CORE_SYSCALL(regs)
#define __bpf_sys_args(args...) ___bpf_apply(__bpf_sys_args, ___bpf_narg(args))(args)

/*
 * BPF_KSYSCALL(name, args...): a ksyscall/kprobe on a syscall's wrapper
 * (SEC("ksyscall/unlinkat")) with the syscall's arguments typed. The
 * wrapper's argument is the struct pt_regs of the syscall, which is
 * where the arguments are read from.
 */
#define BPF_KSYSCALL(name, args...) \
name(struct pt_regs *ctx); \
static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##args); \
typeof(name(0)) name(struct pt_regs *ctx) \
{ \
	struct pt_regs *regs = PT_REGS_SYSCALL_REGS(ctx); \
	(void)regs; /* unused without arguments */ \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"") \
	return ____##name(__bpf_sys_args(args)); \
	_Pragma("GCC diagnostic pop") \
} \
static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##args)

#define BPF_KPROBE_SYSCALL BPF_KSYSCALL

#endif /* __BPF_TRACING_H__ */
