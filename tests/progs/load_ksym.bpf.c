// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog load" tests: __ksym externs resolved against the kernel's BTF:
 * two kfuncs (calls by BTF id) and a __weak variable the kernel does not
 * have (it reads as NULL). Kernel variables proper need kallsyms entries
 * this test machine's kernel does not export. The tc program returns
 * 5 when all of it worked.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern const int bpfctl_no_such_var __ksym __weak;

SEC("tc")
int ksym_user(struct __sk_buff *ctx)
{
	(void)ctx;
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	return &bpfctl_no_such_var ? 6 : 5;
}
