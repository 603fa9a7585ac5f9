// SPDX-License-Identifier: BSD-2-Clause
/*
 * Every bpf_tracing.h macro, compiled for x86_64 (-D__TARGET_ARCH_x86)
 * and for arm64 (-D__TARGET_ARCH_arm64) against the same x86 vmlinux.h:
 * for arm64 the register view, struct user_pt_regs, is defined here
 * with the layout of arm64's asm/ptrace.h. Compile-only (kprobes and
 * fentry are not available on the test machine); bpf_headers.bats
 * checks which registers the objects read.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

#if defined(__TARGET_ARCH_arm64)
struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};
#endif

__u64 seen[16];

/* Store each register-access macro's value, in order. */
SEC("kprobe/hdr_regs")
int hdr_regs(struct pt_regs *ctx)
{
	seen[0] = PT_REGS_PARM1(ctx);
	seen[1] = PT_REGS_PARM2(ctx);
	seen[2] = PT_REGS_PARM3(ctx);
	seen[3] = PT_REGS_PARM4(ctx);
	seen[4] = PT_REGS_PARM5(ctx);
	seen[5] = PT_REGS_PARM6(ctx);
	seen[6] = PT_REGS_RET(ctx);
	seen[7] = PT_REGS_FP(ctx);
	seen[8] = PT_REGS_RC(ctx);
	seen[9] = PT_REGS_SP(ctx);
	seen[10] = PT_REGS_IP(ctx);
#if defined(__TARGET_ARCH_arm64)
	seen[11] = PT_REGS_PARM7(ctx);
	seen[12] = PT_REGS_PARM8(ctx);
#endif
	return 0;
}

SEC("kprobe/hdr_regs_core")
int hdr_regs_core(struct pt_regs *ctx)
{
	seen[0] = PT_REGS_PARM1_CORE(ctx);
	seen[1] = PT_REGS_PARM2_CORE(ctx);
	seen[2] = PT_REGS_PARM3_CORE(ctx);
	seen[3] = PT_REGS_PARM4_CORE(ctx);
	seen[4] = PT_REGS_PARM5_CORE(ctx);
	seen[5] = PT_REGS_PARM6_CORE(ctx);
	seen[6] = PT_REGS_RET_CORE(ctx);
	seen[7] = PT_REGS_FP_CORE(ctx);
	seen[8] = PT_REGS_RC_CORE(ctx);
	seen[9] = PT_REGS_SP_CORE(ctx);
	seen[10] = PT_REGS_IP_CORE(ctx);
#if defined(__TARGET_ARCH_arm64)
	seen[11] = PT_REGS_PARM7_CORE(ctx);
	seen[12] = PT_REGS_PARM8_CORE(ctx);
#endif
	return 0;
}

SEC("kprobe/hdr_syscall_regs")
int hdr_syscall_regs(struct pt_regs *ctx)
{
	struct pt_regs *regs = PT_REGS_SYSCALL_REGS(ctx);

	seen[0] = PT_REGS_PARM1_CORE_SYSCALL(regs);
	seen[1] = PT_REGS_PARM2_CORE_SYSCALL(regs);
	seen[2] = PT_REGS_PARM3_CORE_SYSCALL(regs);
	seen[3] = PT_REGS_PARM4_CORE_SYSCALL(regs);
	seen[4] = PT_REGS_PARM5_CORE_SYSCALL(regs);
	seen[5] = PT_REGS_PARM6_CORE_SYSCALL(regs);
	/* the plain forms only on the context itself */
	seen[6] = PT_REGS_PARM1_SYSCALL(ctx) + PT_REGS_PARM2_SYSCALL(ctx) +
		  PT_REGS_PARM3_SYSCALL(ctx) + PT_REGS_PARM4_SYSCALL(ctx) +
		  PT_REGS_PARM5_SYSCALL(ctx) + PT_REGS_PARM6_SYSCALL(ctx);
	return 0;
}

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(hdr_kprobe, int dfd, struct filename *name)
{
	seen[0] = dfd;
	seen[1] = (__u64)BPF_CORE_READ(name, name);
	return 0;
}

#if defined(__TARGET_ARCH_arm64)
SEC("kprobe/hdr_eight")
int BPF_KPROBE(hdr_kprobe8, long a, long b, long c, long d, long e, long f, long g, long h)
{
	seen[0] = a + b + c + d + e + f + g + h;
	return 0;
}
#endif

SEC("kretprobe/do_unlinkat")
int BPF_KRETPROBE(hdr_kretprobe, long ret)
{
	__u64 ip = 0;

	BPF_KRETPROBE_READ_RET_IP(ip, ctx);
	seen[0] = ret;
	seen[1] = ip;
	return 0;
}

SEC("kretprobe/do_unlinkat")
int BPF_KRETPROBE(hdr_kretprobe_noarg)
{
	__u64 ip = 0;

	BPF_KPROBE_READ_RET_IP(ip, ctx);
	seen[0] = ip;
	return 0;
}

SEC("uprobe//bin/true:main")
int BPF_UPROBE(hdr_uprobe, int argc, char **argv)
{
	seen[0] = argc;
	seen[1] = (__u64)argv;
	return 0;
}

SEC("uretprobe//bin/true:main")
int BPF_URETPROBE(hdr_uretprobe, int rc)
{
	seen[0] = rc;
	return 0;
}

SEC("ksyscall/openat")
int BPF_KSYSCALL(hdr_ksyscall, int dfd, const char *path, int flags, unsigned short mode)
{
	seen[0] = dfd;
	seen[1] = (__u64)path;
	seen[2] = flags;
	seen[3] = mode;
	return 0;
}

SEC("ksyscall/sync")
int BPF_KSYSCALL(hdr_ksyscall_noarg)
{
	seen[0] = 1;
	return 0;
}

SEC("kprobe/__x64_sys_mmap")
int BPF_KPROBE_SYSCALL(hdr_ksyscall6, void *addr, unsigned long len, unsigned long prot,
		       unsigned long flags, unsigned long fd, unsigned long off)
{
	seen[0] = (__u64)addr + len + prot + flags + fd + off;
	return 0;
}

SEC("fentry/do_unlinkat")
int BPF_PROG(hdr_fentry, int dfd, struct filename *name)
{
	seen[0] = dfd;
	seen[1] = (__u64)name->name;
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(hdr_tp_btf, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	seen[0] = preempt;
	seen[1] = prev->pid;
	seen[2] = next->pid;
	return 0;
}

SEC("raw_tp/sys_enter")
int BPF_PROG(hdr_noargs)
{
	seen[0] = ctx[0];
	return 0;
}

/* A 16-byte struct by value takes two context slots. */
struct hdr_pair {
	__u64 lo;
	__u64 hi;
};

SEC("fentry/hdr_by_value")
int BPF_PROG2(hdr_prog2, int, a, struct hdr_pair, p, char, c, short, s, long, l)
{
	seen[0] = a;
	seen[1] = p.lo;
	seen[2] = p.hi;
	seen[3] = c;
	seen[4] = s;
	seen[5] = l;
	return 0;
}

/* Twelve arguments, the most a BPF trampoline passes. */
SEC("fentry/hdr_twelve")
int BPF_PROG2(hdr_prog2_twelve, long, a1, long, a2, long, a3, long, a4, long, a5, long, a6,
	      long, a7, long, a8, long, a9, long, a10, struct hdr_pair, a11, char, a12)
{
	seen[0] = a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11.lo + a11.hi + a12;
	return 0;
}

SEC("fentry/hdr_none")
int BPF_PROG2(hdr_prog2_noargs)
{
	seen[0] = ctx[0];
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
