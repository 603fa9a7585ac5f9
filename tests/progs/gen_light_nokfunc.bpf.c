// SPDX-License-Identifier: BSD-2-Clause
/*
 * For bpf_object__gen_loader(): a call of a kfunc no kernel has, not
 * __weak: recording works, the run fails where it looks the kfunc up.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern void bpfctl_no_such_kfunc(void) __ksym;

SEC("tc")
int call_missing(struct __sk_buff *ctx)
{
	(void)ctx;
	bpfctl_no_such_kfunc();
	return 0;
}
