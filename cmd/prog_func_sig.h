/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one-line signature of a BTF function, as bpftool heads each
 * function of a dump with it: "int handle(struct xdp_md * ctx)".
 */
#ifndef __BPFCTL_PROG_FUNC_SIG_H
#define __BPFCTL_PROG_FUNC_SIG_H

#include <stddef.h>
#include <linux/types.h>

struct btf;

/*
 * Write the signature of type_id (a FUNC, or any type bpftool can name)
 * into buf. Returns 0, or -1 with buf empty when the type can't be
 * written or doesn't fit.
 */
int func_sig(const struct btf *btf, __u32 type_id, char *buf, size_t size);

#endif /* __BPFCTL_PROG_FUNC_SIG_H */
