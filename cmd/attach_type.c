// SPDX-License-Identifier: BSD-2-Clause
/*
 * Attach type names on the command line.
 */
#include <errno.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "attach_type.h"
#include "report.h"

/* Beyond the last attach type of any kernel we know. */
#define ATTACH_TYPE_LIMIT 128

/* bpftool's traditional input names, matched by prefix as bpftool does. */
static const struct {
	const char *name;
	enum bpf_attach_type type;
} short_names[] = {
	{ "ingress", BPF_CGROUP_INET_INGRESS },
	{ "egress", BPF_CGROUP_INET_EGRESS },
	{ "sock_create", BPF_CGROUP_INET_SOCK_CREATE },
	{ "sock_release", BPF_CGROUP_INET_SOCK_RELEASE },
	{ "sock_ops", BPF_CGROUP_SOCK_OPS },
	{ "device", BPF_CGROUP_DEVICE },
	{ "bind4", BPF_CGROUP_INET4_BIND },
	{ "bind6", BPF_CGROUP_INET6_BIND },
	{ "post_bind4", BPF_CGROUP_INET4_POST_BIND },
	{ "post_bind6", BPF_CGROUP_INET6_POST_BIND },
	{ "connect4", BPF_CGROUP_INET4_CONNECT },
	{ "connect6", BPF_CGROUP_INET6_CONNECT },
	{ "getpeername4", BPF_CGROUP_INET4_GETPEERNAME },
	{ "getpeername6", BPF_CGROUP_INET6_GETPEERNAME },
	{ "getsockname4", BPF_CGROUP_INET4_GETSOCKNAME },
	{ "getsockname6", BPF_CGROUP_INET6_GETSOCKNAME },
	{ "sendmsg4", BPF_CGROUP_UDP4_SENDMSG },
	{ "sendmsg6", BPF_CGROUP_UDP6_SENDMSG },
	{ "recvmsg4", BPF_CGROUP_UDP4_RECVMSG },
	{ "recvmsg6", BPF_CGROUP_UDP6_RECVMSG },
	{ "sysctl", BPF_CGROUP_SYSCTL },
	{ "getsockopt", BPF_CGROUP_GETSOCKOPT },
	{ "setsockopt", BPF_CGROUP_SETSOCKOPT },
	{ "sk_msg_verdict", BPF_SK_MSG_VERDICT },
	{ "sk_skb_verdict", BPF_SK_SKB_VERDICT },
	{ "sk_skb_stream_verdict", BPF_SK_SKB_STREAM_VERDICT },
	{ "sk_skb_stream_parser", BPF_SK_SKB_STREAM_PARSER },
	{ "flow_dissector", BPF_FLOW_DISSECTOR },
	{ "trace_iter", BPF_TRACE_ITER },
};

const char *attach_type_name(enum bpf_attach_type type)
{
	return libbpf_bpf_attach_type_str(type);
}

int parse_attach_type(const char *arg, enum bpf_attach_type *type)
{
	size_t i, len = strlen(arg);
	const char *name;
	int t;

	for (t = 0; t < ATTACH_TYPE_LIMIT; t++) {
		name = libbpf_bpf_attach_type_str(t);
		if (name && !strcmp(arg, name)) {
			*type = t;
			return 0;
		}
	}
	for (i = 0; len && i < sizeof(short_names) / sizeof(short_names[0]); i++) {
		if (!strncmp(arg, short_names[i].name, len)) {
			*type = short_names[i].type;
			return 0;
		}
	}
	p_err("unknown attach type '%s'", arg);
	return -EINVAL;
}
