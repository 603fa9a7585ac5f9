/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The C header writer: vmlinux.h exactly as bpftool v7.8 prints it (with
 * its first-type defect corrected), built on the btf_dump__* emitter.
 */
#ifndef __BPFCORE_C_HEADER_H
#define __BPFCORE_C_HEADER_H

#include <stdbool.h>
#include <stdio.h>
#include <bpf/btf.h>

/*
 * Write a complete header for btf to out: guard, prelude, the types
 * root_ids[0..root_cnt) with what they depend on or, when root_cnt is 0,
 * every type (in bpftool's sorted order when sorted is true, else by id)
 * followed by the BPF kfuncs section, then the epilogue.
 * Returns 0 or a negative errno; on error the output is incomplete and the
 * caller must discard it.
 */
int btf_c_header_write(const struct btf *btf, FILE *out, const __u32 *root_ids, int root_cnt,
		       bool sorted);

#endif /* __BPFCORE_C_HEADER_H */
