// SPDX-License-Identifier: BSD-2-Clause
/*
 * libbpf's kernel-feature kconfig externs, which the loader fills from the
 * kernel's BTF. The XDP program only keeps them referenced: the test reads
 * their values from the .kconfig map.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern _Bool LINUX_HAS_BPF_COOKIE __kconfig;
extern _Bool LINUX_HAS_SYSCALL_WRAPPER __kconfig;

SEC("xdp")
int kcfg_features(struct xdp_md *ctx)
{
	(void)ctx;
	return LINUX_HAS_BPF_COOKIE + 2 * LINUX_HAS_SYSCALL_WRAPPER;
}

char LICENSE[] SEC("license") = "GPL";
