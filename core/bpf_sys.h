/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the bpf(2) wrappers share: the system call itself and the sizing of
 * the attr union, which the kernel rejects when bytes past the fields of
 * the command are non-zero.
 */
#ifndef __BPFCORE_BPF_SYS_H
#define __BPFCORE_BPF_SYS_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>

#include "log.h"

#define attr_size(field) (offsetof(union bpf_attr, field) + sizeof(((union bpf_attr *)0)->field))

static inline __u64 ptr_to_u64(const void *p)
{
	return (__u64)(uintptr_t)p;
}

/* The raw system call: its result, or a negative errno (errno untouched). */
static inline int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	long ret = syscall(__NR_bpf, cmd, attr, size);

	return ret < 0 ? -errno : (int)ret;
}

/* Like sys_bpf(), with errno set from a failure (libbpf's convention). */
static inline int sys_bpf_err(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	return libbpf_err(sys_bpf(cmd, attr, size));
}

#endif /* __BPFCORE_BPF_SYS_H */
