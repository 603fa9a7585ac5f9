/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Numbers given on the command line.
 */
#ifndef __BPFCTL_NUMBER_H
#define __BPFCTL_NUMBER_H

#include <linux/types.h>

/*
 * Parse arg, decimal or 0x-prefixed hexadecimal, as an unsigned 32-bit
 * number. On failure, reports "can't parse 'ARG' as WHAT" and returns
 * -EINVAL or -ERANGE.
 */
int parse_u32(const char *arg, const char *what, __u32 *val);

#endif /* __BPFCTL_NUMBER_H */
