/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Attach types as typed on the command line: libbpf's names
 * ("cgroup_inet_ingress") and the short ones bpftool has always accepted
 * ("ingress", "bind4", "sk_msg_verdict").
 */
#ifndef __BPFCTL_ATTACH_TYPE_H
#define __BPFCTL_ATTACH_TYPE_H

#include <linux/bpf.h>

/* Parse arg; reports "unknown attach type 'ARG'" and returns -EINVAL. */
int parse_attach_type(const char *arg, enum bpf_attach_type *type);

/* The name to print: libbpf's, or NULL for a type we don't know. */
const char *attach_type_name(enum bpf_attach_type type);

#endif /* __BPFCTL_ATTACH_TYPE_H */
