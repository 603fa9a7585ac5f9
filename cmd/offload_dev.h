/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The network device a program or map is bound to (offloaded, or an XDP
 * program bound for metadata access), as "prog show" and "map show" print it.
 */
#ifndef __BPFCTL_OFFLOAD_DEV_H
#define __BPFCTL_OFFLOAD_DEV_H

#include <stdio.h>

#include <linux/types.h>

struct json_writer;

/* "  offloaded_to NAME", or the raw ifindex and netns when not in our netns. */
void offload_dev_text(FILE *f, __u32 ifindex, __u64 ns_dev, __u64 ns_ino);

/* "dev": {"ifindex", "ns_dev", "ns_inode"[, "ifname"]}; nothing when ifindex is 0. */
void offload_dev_json(struct json_writer *w, __u32 ifindex, __u64 ns_dev, __u64 ns_ino);

#endif /* __BPFCTL_OFFLOAD_DEV_H */
