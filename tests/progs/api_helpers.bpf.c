// SPDX-License-Identifier: BSD-2-Clause
/*
 * api.bats: what libbpf's bpf_helpers.h gives BPF programs, used together
 * in one XDP program that loads and runs (BPF_PROG_TEST_RUN): NULL,
 * __weak/__hidden, __ksym kfunc externs with bpf_ksym_exists() (one the
 * kernel has, one it lacks), __kconfig, the open-coded iterators
 * bpf_for/bpf_for_each/bpf_repeat, __arg_ctx, barrier_var and
 * __bpf_unreachable. The verdict is a bit mask of what worked: 0x3f.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;
extern void bpfctl_no_such_kfunc(void) __ksym __weak;
extern int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_BPFCTL_NO_SUCH_OPTION __kconfig __weak;

__hidden int api_hidden_flag(void)
{
	return 1;
}

__noinline int api_ctx_user(void *ctx __arg_ctx)
{
	return ctx != NULL;
}

SEC("xdp")
int api_helpers(struct xdp_md *ctx)
{
	int verdict = 0;

	if (bpf_ksym_exists(bpf_task_acquire))
		verdict |= 0x1;
	if (!bpf_ksym_exists(bpfctl_no_such_kfunc))
		verdict |= 0x2;
	else
		bpfctl_no_such_kfunc();	/* dead code: poisoned call, never verified */
	if (LINUX_KERNEL_VERSION > 0 && !CONFIG_BPFCTL_NO_SUCH_OPTION)
		verdict |= 0x4;
	barrier_var(verdict);
	if (api_hidden_flag() && api_ctx_user(ctx))
		verdict |= 0x10;
	/* a trap the compiler must prove dead: otherwise clang refuses the file */
	switch (verdict & 1) {
	case 0:
	case 1:
		verdict |= 0x20;
		break;
	default:
		__bpf_unreachable();
	}
	return verdict;
}
