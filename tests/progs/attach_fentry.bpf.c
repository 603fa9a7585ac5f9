// SPDX-License-Identifier: BSD-2-Clause
/*
 * BPF trampoline programs (fentry, fexit, lsm), which this test machine's
 * kernel refuses (EPERM at load), and one whose function isn't in the
 * kernel's BTF: the errors must name the program and say why.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("fentry/do_nanosleep")
int fentry_nanosleep(void *ctx)
{
	return 0;
}

SEC("fexit/do_nanosleep")
int fexit_nanosleep(void *ctx)
{
	return 0;
}

SEC("lsm/file_open")
int lsm_file_open(void *ctx)
{
	return 0;
}


SEC("fentry/bpfctl_no_such_kernel_function")
int fentry_missing(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
