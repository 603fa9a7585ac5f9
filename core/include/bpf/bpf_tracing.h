/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tracing program helpers: register access in a struct pt_regs context
 * (PT_REGS_*) and wrappers that give kprobe, uprobe, syscall and
 * BTF-typed (fentry, tp_btf, ...) programs typed arguments (BPF_KPROBE,
 * BPF_PROG, ...).
 *
 * Registers are named per architecture: build with -D__TARGET_ARCH_x86
 * (or arm64, s390, arm, mips, powerpc, sparc, riscv, arc, loongarch: the
 * program is compiled for -target bpf, which does not say what kernel it
 * will run on); without one, the compiler's own target macros decide. Include after
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
#elif defined(__TARGET_ARCH_s390)
# define bpf_target_s390
# define bpf_target_defined
#elif defined(__TARGET_ARCH_arm)
# define bpf_target_arm
# define bpf_target_defined
#elif defined(__TARGET_ARCH_arm64)
# define bpf_target_arm64
# define bpf_target_defined
#elif defined(__TARGET_ARCH_mips)
# define bpf_target_mips
# define bpf_target_defined
#elif defined(__TARGET_ARCH_powerpc)
# define bpf_target_powerpc
# define bpf_target_defined
#elif defined(__TARGET_ARCH_sparc)
# define bpf_target_sparc
# define bpf_target_defined
#elif defined(__TARGET_ARCH_riscv)
# define bpf_target_riscv
# define bpf_target_defined
#elif defined(__TARGET_ARCH_arc)
# define bpf_target_arc
# define bpf_target_defined
#elif defined(__TARGET_ARCH_loongarch)
# define bpf_target_loongarch
# define bpf_target_defined
#elif defined(__x86_64__)
# define bpf_target_x86
# define bpf_target_defined
#elif defined(__s390__)
# define bpf_target_s390
# define bpf_target_defined
#elif defined(__arm__)
# define bpf_target_arm
# define bpf_target_defined
#elif defined(__aarch64__)
# define bpf_target_arm64
# define bpf_target_defined
#elif defined(__mips__)
# define bpf_target_mips
# define bpf_target_defined
#elif defined(__powerpc__)
# define bpf_target_powerpc
# define bpf_target_defined
#elif defined(__sparc__)
# define bpf_target_sparc
# define bpf_target_defined
#elif defined(__riscv) && __riscv_xlen == 64
# define bpf_target_riscv
# define bpf_target_defined
#elif defined(__arc__)
# define bpf_target_arc
# define bpf_target_defined
#elif defined(__loongarch__)
# define bpf_target_loongarch
# define bpf_target_defined
#endif

/*
 * The pragma a register accessor expands to when no target architecture is
 * known; a program may define its own before including this header.
 */
#ifndef __BPF_TARGET_MISSING
#define __BPF_TARGET_MISSING \
	"GCC error \"bpf_tracing.h needs -D__TARGET_ARCH_x86 or -D__TARGET_ARCH_arm64 \\
(or s390, arm, mips, powerpc, sparc, riscv, arc, loongarch)\""
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
# define __PT_RET_REG regs[30]
# define __PT_FP_REG regs[29]
# define __PT_RC_REG regs[0]
# define __PT_SP_REG sp
# define __PT_IP_REG pc
# define __PT_REGS_CAST(x) ((const struct user_pt_regs *)(x))

# define PT_REGS_PARM1_SYSCALL(x) (((const struct pt_regs___bpf_arm64 *)(x))->orig_x0)
# define PT_REGS_PARM1_CORE_SYSCALL(x) \
	BPF_CORE_READ((const struct pt_regs___bpf_arm64 *)(x), orig_x0)

#elif defined(bpf_target_s390)

/*
 * s390x ELF ABI: arguments in r2-r6, return value in r2, return address
 * r14, stack pointer r15. BPF sees user_pt_regs (a typedef). Syscalls
 * take a 6th argument in r7, and the return value overwrites r2: the
 * first argument stays in pt_regs->orig_gpr2.
 */
struct pt_regs___bpf_s390 {
	unsigned long orig_gpr2;
} __attribute__((preserve_access_index));

# define __PT_PARM1_REG gprs[2]
# define __PT_PARM2_REG gprs[3]
# define __PT_PARM3_REG gprs[4]
# define __PT_PARM4_REG gprs[5]
# define __PT_PARM5_REG gprs[6]
# define __PT_PARM6_SYSCALL_REG gprs[7]
# define __PT_RET_REG gprs[14]
# define __PT_FP_REG gprs[11]	/* with CONFIG_FRAME_POINTER only */
# define __PT_RC_REG gprs[2]
# define __PT_SP_REG gprs[15]
# define __PT_IP_REG psw.addr
# define __PT_REGS_CAST(x) ((const user_pt_regs *)(x))
# define PT_REGS_PARM1_SYSCALL(x) (((const struct pt_regs___bpf_s390 *)(x))->orig_gpr2)
# define PT_REGS_PARM1_CORE_SYSCALL(x) \
	BPF_CORE_READ((const struct pt_regs___bpf_s390 *)(x), orig_gpr2)

#elif defined(bpf_target_arm)

/*
 * AAPCS (32-bit): arguments in r0-r3, the rest on the stack; syscalls
 * pass up to 7 in r0-r6. fp is r11, sp r13, lr r14, pc r15 (uregs[12] is
 * ip, the intra-procedure scratch register, which libbpf reports as IP).
 */
# define __PT_PARM1_REG uregs[0]
# define __PT_PARM2_REG uregs[1]
# define __PT_PARM3_REG uregs[2]
# define __PT_PARM4_REG uregs[3]
# define __PT_PARM5_SYSCALL_REG uregs[4]
# define __PT_PARM6_SYSCALL_REG uregs[5]
# define __PT_PARM7_SYSCALL_REG uregs[6]
# define __PT_RET_REG uregs[14]
# define __PT_FP_REG uregs[11]	/* with CONFIG_FRAME_POINTER only */
# define __PT_RC_REG uregs[0]
# define __PT_SP_REG uregs[13]
# define __PT_IP_REG uregs[12]
# define __PT_REGS_CAST(x) (x)

#elif defined(bpf_target_mips)

/*
 * MIPS N64/N32: arguments in $4-$11 (a0-a7), return value in $2, sp $29,
 * fp $30, ra $31; the program counter is in cp0_epc. Syscalls take their
 * arguments in the same registers (the 5th and 6th on N32/N64 only).
 */
# define __PT_PARM1_REG regs[4]
# define __PT_PARM2_REG regs[5]
# define __PT_PARM3_REG regs[6]
# define __PT_PARM4_REG regs[7]
# define __PT_PARM5_REG regs[8]
# define __PT_PARM6_REG regs[9]
# define __PT_PARM7_REG regs[10]
# define __PT_PARM8_REG regs[11]
# define __PT_RET_REG regs[31]
# define __PT_FP_REG regs[30]	/* with CONFIG_FRAME_POINTER only */
# define __PT_RC_REG regs[2]
# define __PT_SP_REG regs[29]
# define __PT_IP_REG cp0_epc
# define __PT_REGS_CAST(x) (x)

#elif defined(bpf_target_powerpc)

/*
 * PowerPC ELF ABI: arguments in r3-r10, return value in r3, sp r1; the
 * return address is in the link register, which pt_regs does not hold
 * (libbpf reads regs[31] for it), and there is no frame pointer register.
 * Syscalls have no wrapper (the context is the syscall's registers); the
 * return value overwrites r3, the first argument stays in orig_gpr3.
 * 32-bit powerpc passes a 7th syscall argument in r9.
 */
# define __PT_PARM1_REG gpr[3]
# define __PT_PARM2_REG gpr[4]
# define __PT_PARM3_REG gpr[5]
# define __PT_PARM4_REG gpr[6]
# define __PT_PARM5_REG gpr[7]
# define __PT_PARM6_REG gpr[8]
# define __PT_PARM7_REG gpr[9]
# define __PT_PARM8_REG gpr[10]
# define __PT_PARM1_SYSCALL_REG orig_gpr3
# if !defined(__arch64__)
#  define __PT_PARM7_SYSCALL_REG __PT_PARM7_REG
# endif
# define __PT_RET_REG regs[31]
# define __PT_RC_REG gpr[3]
# define __PT_SP_REG gpr[1]
# define __PT_IP_REG nip
# define __PT_REGS_CAST(x) (x)
# define PT_REGS_SYSCALL_REGS(ctx) (ctx)

#elif defined(bpf_target_sparc)

/*
 * SPARC: the callee sees its arguments in %i0-%i5 and returns to %i7;
 * pt_regs names them by the UREG_* indexes (vmlinux.h / asm/ptrace.h).
 * No frame pointer register; the program counter is tpc on sparc64.
 */
# define __PT_PARM1_REG u_regs[UREG_I0]
# define __PT_PARM2_REG u_regs[UREG_I1]
# define __PT_PARM3_REG u_regs[UREG_I2]
# define __PT_PARM4_REG u_regs[UREG_I3]
# define __PT_PARM5_REG u_regs[UREG_I4]
# define __PT_PARM6_REG u_regs[UREG_I5]
# define __PT_RET_REG u_regs[UREG_I7]
# define __PT_RC_REG u_regs[UREG_I0]
# define __PT_SP_REG u_regs[UREG_FP]
# if defined(__arch64__)
#  define __PT_IP_REG tpc
# else
#  define __PT_IP_REG pc
# endif
# define __PT_REGS_CAST(x) (x)

#elif defined(bpf_target_riscv)

/*
 * RISC-V LP64: arguments in a0-a7, return value a0, return address ra,
 * frame pointer s0. BPF sees struct user_regs_struct. Syscalls: the
 * return value overwrites a0, the first argument stays in orig_a0.
 */
struct pt_regs___bpf_riscv {
	unsigned long orig_a0;
} __attribute__((preserve_access_index));

# define __PT_PARM1_REG a0
# define __PT_PARM2_REG a1
# define __PT_PARM3_REG a2
# define __PT_PARM4_REG a3
# define __PT_PARM5_REG a4
# define __PT_PARM6_REG a5
# define __PT_PARM7_REG a6
# define __PT_PARM8_REG a7
# define __PT_RET_REG ra
# define __PT_FP_REG s0
# define __PT_RC_REG a0
# define __PT_SP_REG sp
# define __PT_IP_REG pc
# define __PT_REGS_CAST(x) ((const struct user_regs_struct *)(x))
# define PT_REGS_PARM1_SYSCALL(x) (((const struct pt_regs___bpf_riscv *)(x))->orig_a0)
# define PT_REGS_PARM1_CORE_SYSCALL(x) \
	BPF_CORE_READ((const struct pt_regs___bpf_riscv *)(x), orig_a0)

#elif defined(bpf_target_arc)

/*
 * ARC: arguments in r0-r7, return value r0, return address blink. BPF
 * sees struct user_regs_struct, whose scratch part holds them. Syscalls
 * have no wrapper.
 */
# define __PT_PARM1_REG scratch.r0
# define __PT_PARM2_REG scratch.r1
# define __PT_PARM3_REG scratch.r2
# define __PT_PARM4_REG scratch.r3
# define __PT_PARM5_REG scratch.r4
# define __PT_PARM6_REG scratch.r5
# define __PT_PARM7_REG scratch.r6
# define __PT_PARM8_REG scratch.r7
# define __PT_RET_REG scratch.blink
# define __PT_FP_REG scratch.fp
# define __PT_RC_REG scratch.r0
# define __PT_SP_REG scratch.sp
# define __PT_IP_REG scratch.ret
# define __PT_REGS_CAST(x) ((const struct user_regs_struct *)(x))
# define PT_REGS_SYSCALL_REGS(ctx) (ctx)

#elif defined(bpf_target_loongarch)

/*
 * LoongArch: arguments in a0-a7 ($r4-$r11), return value a0, ra $r1,
 * sp $r3, fp $r22; the program counter is csr_era. BPF sees struct
 * user_pt_regs. Syscalls have no wrapper.
 */
# define __PT_PARM1_REG regs[4]
# define __PT_PARM2_REG regs[5]
# define __PT_PARM3_REG regs[6]
# define __PT_PARM4_REG regs[7]
# define __PT_PARM5_REG regs[8]
# define __PT_PARM6_REG regs[9]
# define __PT_PARM7_REG regs[10]
# define __PT_PARM8_REG regs[11]
# define __PT_RET_REG regs[1]
# define __PT_FP_REG regs[22]
# define __PT_RC_REG regs[4]
# define __PT_SP_REG regs[3]
# define __PT_IP_REG csr_era
# define __PT_REGS_CAST(x) ((const struct user_pt_regs *)(x))
# define PT_REGS_SYSCALL_REGS(ctx) (ctx)

#endif

/*
 * Where an architecture does not say otherwise, syscall argument N is in
 * the register of function argument N.
 */
#if !defined(__PT_PARM1_SYSCALL_REG) && defined(__PT_PARM1_REG)
# define __PT_PARM1_SYSCALL_REG __PT_PARM1_REG
#endif
#if !defined(__PT_PARM2_SYSCALL_REG) && defined(__PT_PARM2_REG)
# define __PT_PARM2_SYSCALL_REG __PT_PARM2_REG
#endif
#if !defined(__PT_PARM3_SYSCALL_REG) && defined(__PT_PARM3_REG)
# define __PT_PARM3_SYSCALL_REG __PT_PARM3_REG
#endif
#if !defined(__PT_PARM4_SYSCALL_REG) && defined(__PT_PARM4_REG)
# define __PT_PARM4_SYSCALL_REG __PT_PARM4_REG
#endif
#if !defined(__PT_PARM5_SYSCALL_REG) && defined(__PT_PARM5_REG)
# define __PT_PARM5_SYSCALL_REG __PT_PARM5_REG
#endif
#if !defined(__PT_PARM6_SYSCALL_REG) && defined(__PT_PARM6_REG)
# define __PT_PARM6_SYSCALL_REG __PT_PARM6_REG
#endif

#if defined(bpf_target_defined)

struct pt_regs;

/*
 * A register this architecture does not pass the value in (arguments past
 * the registers live on the stack; some have no frame pointer register):
 * the accessor compiles until used, then says so.
 */
# define __bpf_no_reg_arg(n) ({ \
	_Static_assert(0, "argument " #n " is not passed in a register on this architecture"); \
	0UL; })
# define __bpf_no_fp_reg ({ \
	_Static_assert(0, "this architecture has no frame pointer register in pt_regs"); \
	0UL; })

# define PT_REGS_PARM1(x) (__PT_REGS_CAST(x)->__PT_PARM1_REG)
# define PT_REGS_PARM2(x) (__PT_REGS_CAST(x)->__PT_PARM2_REG)
# define PT_REGS_PARM3(x) (__PT_REGS_CAST(x)->__PT_PARM3_REG)
# define PT_REGS_PARM4(x) (__PT_REGS_CAST(x)->__PT_PARM4_REG)
# define PT_REGS_RET(x) (__PT_REGS_CAST(x)->__PT_RET_REG)
# define PT_REGS_RC(x) (__PT_REGS_CAST(x)->__PT_RC_REG)
# define PT_REGS_SP(x) (__PT_REGS_CAST(x)->__PT_SP_REG)
# define PT_REGS_IP(x) (__PT_REGS_CAST(x)->__PT_IP_REG)

# define PT_REGS_PARM1_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM1_REG)
# define PT_REGS_PARM2_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM2_REG)
# define PT_REGS_PARM3_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM3_REG)
# define PT_REGS_PARM4_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM4_REG)
# define PT_REGS_RET_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_RET_REG)
# define PT_REGS_RC_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_RC_REG)
# define PT_REGS_SP_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_SP_REG)
# define PT_REGS_IP_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_IP_REG)

# if defined(__PT_PARM5_REG)
#  define PT_REGS_PARM5(x) (__PT_REGS_CAST(x)->__PT_PARM5_REG)
#  define PT_REGS_PARM5_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM5_REG)
# else
#  define PT_REGS_PARM5(x) __bpf_no_reg_arg(5)
#  define PT_REGS_PARM5_CORE(x) __bpf_no_reg_arg(5)
# endif
# if defined(__PT_PARM6_REG)
#  define PT_REGS_PARM6(x) (__PT_REGS_CAST(x)->__PT_PARM6_REG)
#  define PT_REGS_PARM6_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_PARM6_REG)
# else
#  define PT_REGS_PARM6(x) __bpf_no_reg_arg(6)
#  define PT_REGS_PARM6_CORE(x) __bpf_no_reg_arg(6)
# endif
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
# if defined(__PT_FP_REG)
#  define PT_REGS_FP(x) (__PT_REGS_CAST(x)->__PT_FP_REG)
#  define PT_REGS_FP_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), __PT_FP_REG)
# else
#  define PT_REGS_FP(x) __bpf_no_fp_reg
#  define PT_REGS_FP_CORE(x) __bpf_no_fp_reg
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
 * Kernels that enter every syscall through a wrapper (__x64_sys_NAME,
 * __arm64_sys_NAME, ...) pass it the struct pt_regs of the syscall: what
 * a kprobe on the wrapper finds in its first argument register. Those
 * without one (powerpc, arc, loongarch) define it as the context itself.
 */
# if !defined(PT_REGS_SYSCALL_REGS)
#  define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)PT_REGS_PARM1(ctx))
# endif

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
