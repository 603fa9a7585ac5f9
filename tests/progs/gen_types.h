/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Types shared by gen_globals.bpf.c and the user programs built on its
 * skeleton (a skeleton names the types of globals but does not define
 * them).
 */
#ifndef __GEN_TYPES_H
#define __GEN_TYPES_H

#include <linux/types.h>

struct gen_cfg {
	__u32 scale;
	char tag[3];
	__u64 mask;
};

#endif /* __GEN_TYPES_H */
