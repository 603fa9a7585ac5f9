/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel symbols (/proc/kallsyms) by address: the names of the kernel
 * functions and jited BPF programs that instructions of a translated
 * program call.
 */
#ifndef __BPFCTL_PROG_KSYMS_H
#define __BPFCTL_PROG_KSYMS_H

#include <linux/types.h>

struct ksyms;

/*
 * Read /proc/kallsyms. Returns NULL, without an error, when the addresses
 * are hidden (kernel.kptr_restrict) or the file can't be read: names are
 * then simply not resolved.
 */
struct ksyms *ksyms_load(void);

void ksyms_free(struct ksyms *ks);

/* The name of the symbol at exactly addr, or NULL. ks may be NULL. */
const char *ksyms_name(const struct ksyms *ks, __u64 addr);

/* The address calls to helpers and kfuncs are relative to (0 if unknown). */
__u64 ksyms_call_base(const struct ksyms *ks);

#endif /* __BPFCTL_PROG_KSYMS_H */
