// SPDX-License-Identifier: BSD-2-Clause
/*
 * The SEC() name table: which program type, expected attach type and load
 * flags a section name stands for. Patterns and meanings follow libbpf's
 * documented section names, so objects built for libbpf load unchanged.
 */
#include <errno.h>
#include <string.h>
#include <linux/bpf.h>

#include "log.h"
#include "object_internal.h"

/* Newer than the installed UAPI header (see type_names.c). */
#define PROG_NETFILTER		32
#define AT_STRUCT_OPS		44
#define AT_NETFILTER		45
#define AT_TCX_INGRESS		46
#define AT_TCX_EGRESS		47
#define AT_UPROBE_MULTI		48
#define AT_UNIX_CONNECT		49
#define AT_UNIX_SENDMSG		50
#define AT_UNIX_RECVMSG		51
#define AT_UNIX_GETPEERNAME	52
#define AT_UNIX_GETSOCKNAME	53
#define AT_NETKIT_PRIMARY	54
#define AT_NETKIT_PEER		55
#define AT_KPROBE_SESSION	56
#define AT_UPROBE_SESSION	57
#define AT_FENTRY_MULTI		59
#define AT_FEXIT_MULTI		60
#define AT_FSESSION_MULTI	61

#define P(x) BPF_PROG_TYPE_##x
#define ATT SEC_ATTACHABLE
#define ATT_OPT (SEC_ATTACHABLE | SEC_EXP_ATTACH_OPT)
#define SLEEP SEC_SLEEPABLE

/* First match wins: specific names come before the prefixes they start with. */
static const struct sec_def sec_defs[] = {
	{ "socket",			P(SOCKET_FILTER), 0, SEC_NONE },
	{ "sk_reuseport/migrate",	P(SK_REUSEPORT), BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, ATT },
	{ "sk_reuseport",		P(SK_REUSEPORT), BPF_SK_REUSEPORT_SELECT, ATT },
	{ "kprobe+",			P(KPROBE), 0, SEC_NONE },
	{ "uprobe+",			P(KPROBE), 0, SEC_NONE },
	{ "uprobe.s+",			P(KPROBE), 0, SLEEP },
	{ "kretprobe+",			P(KPROBE), 0, SEC_NONE },
	{ "uretprobe+",			P(KPROBE), 0, SEC_NONE },
	{ "uretprobe.s+",		P(KPROBE), 0, SLEEP },
	{ "kprobe.multi+",		P(KPROBE), BPF_TRACE_KPROBE_MULTI, SEC_NONE },
	{ "kretprobe.multi+",		P(KPROBE), BPF_TRACE_KPROBE_MULTI, SEC_NONE },
	{ "kprobe.session+",		P(KPROBE), AT_KPROBE_SESSION, SEC_NONE },
	{ "uprobe.multi+",		P(KPROBE), AT_UPROBE_MULTI, SEC_NONE },
	{ "uretprobe.multi+",		P(KPROBE), AT_UPROBE_MULTI, SEC_NONE },
	{ "uprobe.multi.s+",		P(KPROBE), AT_UPROBE_MULTI, SLEEP },
	{ "uretprobe.multi.s+",		P(KPROBE), AT_UPROBE_MULTI, SLEEP },
	{ "uprobe.session+",		P(KPROBE), AT_UPROBE_SESSION, SEC_NONE },
	{ "uprobe.session.s+",		P(KPROBE), AT_UPROBE_SESSION, SLEEP },
	{ "ksyscall+",			P(KPROBE), 0, SEC_NONE },
	{ "kretsyscall+",		P(KPROBE), 0, SEC_NONE },
	{ "usdt+",			P(KPROBE), 0, SEC_USDT },
	{ "usdt.s+",			P(KPROBE), 0, SEC_USDT | SLEEP },
	{ "tc/ingress",			P(SCHED_CLS), AT_TCX_INGRESS, SEC_NONE },
	{ "tc/egress",			P(SCHED_CLS), AT_TCX_EGRESS, SEC_NONE },
	{ "tcx/ingress",		P(SCHED_CLS), AT_TCX_INGRESS, SEC_NONE },
	{ "tcx/egress",			P(SCHED_CLS), AT_TCX_EGRESS, SEC_NONE },
	{ "tc",				P(SCHED_CLS), 0, SEC_NONE },
	{ "classifier",			P(SCHED_CLS), 0, SEC_NONE },
	{ "action",			P(SCHED_ACT), 0, SEC_NONE },
	{ "netkit/primary",		P(SCHED_CLS), AT_NETKIT_PRIMARY, SEC_NONE },
	{ "netkit/peer",		P(SCHED_CLS), AT_NETKIT_PEER, SEC_NONE },
	{ "tracepoint+",		P(TRACEPOINT), 0, SEC_NONE },
	{ "tp+",			P(TRACEPOINT), 0, SEC_NONE },
	{ "raw_tracepoint+",		P(RAW_TRACEPOINT), 0, SEC_NONE },
	{ "raw_tp+",			P(RAW_TRACEPOINT), 0, SEC_NONE },
	{ "raw_tracepoint.w+",		P(RAW_TRACEPOINT_WRITABLE), 0, SEC_NONE },
	{ "raw_tp.w+",			P(RAW_TRACEPOINT_WRITABLE), 0, SEC_NONE },
	{ "tp_btf+",			P(TRACING), BPF_TRACE_RAW_TP, SEC_ATTACH_BTF },
	{ "fentry.multi+",		P(TRACING), AT_FENTRY_MULTI, SEC_NONE },
	{ "fexit.multi+",		P(TRACING), AT_FEXIT_MULTI, SEC_NONE },
	{ "fsession.multi+",		P(TRACING), AT_FSESSION_MULTI, SEC_NONE },
	{ "fentry.multi.s+",		P(TRACING), AT_FENTRY_MULTI, SLEEP },
	{ "fexit.multi.s+",		P(TRACING), AT_FEXIT_MULTI, SLEEP },
	{ "fsession.multi.s+",		P(TRACING), AT_FSESSION_MULTI, SLEEP },
	{ "fentry+",			P(TRACING), BPF_TRACE_FENTRY, SEC_ATTACH_BTF },
	{ "fmod_ret+",			P(TRACING), BPF_MODIFY_RETURN, SEC_ATTACH_BTF },
	{ "fexit+",			P(TRACING), BPF_TRACE_FEXIT, SEC_ATTACH_BTF },
	{ "fentry.s+",			P(TRACING), BPF_TRACE_FENTRY, SEC_ATTACH_BTF | SLEEP },
	{ "fmod_ret.s+",		P(TRACING), BPF_MODIFY_RETURN, SEC_ATTACH_BTF | SLEEP },
	{ "fexit.s+",			P(TRACING), BPF_TRACE_FEXIT, SEC_ATTACH_BTF | SLEEP },
	{ "freplace+",			P(EXT), 0, SEC_ATTACH_BTF },
	{ "lsm+",			P(LSM), BPF_LSM_MAC, SEC_ATTACH_BTF },
	{ "lsm.s+",			P(LSM), BPF_LSM_MAC, SEC_ATTACH_BTF | SLEEP },
	{ "lsm_cgroup+",		P(LSM), BPF_LSM_CGROUP, SEC_ATTACH_BTF },
	{ "iter+",			P(TRACING), BPF_TRACE_ITER, SEC_ATTACH_BTF },
	{ "iter.s+",			P(TRACING), BPF_TRACE_ITER, SEC_ATTACH_BTF | SLEEP },
	{ "syscall",			P(SYSCALL), 0, SLEEP },
	{ "xdp.frags/devmap",		P(XDP), BPF_XDP_DEVMAP, SEC_XDP_FRAGS },
	{ "xdp/devmap",			P(XDP), BPF_XDP_DEVMAP, ATT },
	{ "xdp.frags/cpumap",		P(XDP), BPF_XDP_CPUMAP, SEC_XDP_FRAGS },
	{ "xdp/cpumap",			P(XDP), BPF_XDP_CPUMAP, ATT },
	{ "xdp.frags",			P(XDP), BPF_XDP, SEC_XDP_FRAGS },
	{ "xdp",			P(XDP), BPF_XDP, ATT_OPT },
	{ "perf_event",			P(PERF_EVENT), 0, SEC_NONE },
	{ "lwt_in",			P(LWT_IN), 0, SEC_NONE },
	{ "lwt_out",			P(LWT_OUT), 0, SEC_NONE },
	{ "lwt_xmit",			P(LWT_XMIT), 0, SEC_NONE },
	{ "lwt_seg6local",		P(LWT_SEG6LOCAL), 0, SEC_NONE },
	{ "sockops",			P(SOCK_OPS), BPF_CGROUP_SOCK_OPS, ATT_OPT },
	{ "sk_skb/stream_parser",	P(SK_SKB), BPF_SK_SKB_STREAM_PARSER, ATT_OPT },
	{ "sk_skb/stream_verdict",	P(SK_SKB), BPF_SK_SKB_STREAM_VERDICT, ATT_OPT },
	{ "sk_skb/verdict",		P(SK_SKB), BPF_SK_SKB_VERDICT, ATT_OPT },
	{ "sk_skb",			P(SK_SKB), 0, SEC_NONE },
	{ "sk_msg",			P(SK_MSG), BPF_SK_MSG_VERDICT, ATT_OPT },
	{ "lirc_mode2",			P(LIRC_MODE2), BPF_LIRC_MODE2, ATT_OPT },
	{ "flow_dissector",		P(FLOW_DISSECTOR), BPF_FLOW_DISSECTOR, ATT_OPT },
	{ "cgroup_skb/ingress",		P(CGROUP_SKB), BPF_CGROUP_INET_INGRESS, ATT_OPT },
	{ "cgroup_skb/egress",		P(CGROUP_SKB), BPF_CGROUP_INET_EGRESS, ATT_OPT },
	{ "cgroup/skb",			P(CGROUP_SKB), 0, SEC_NONE },
	{ "cgroup/sock_create",		P(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_CREATE, ATT },
	{ "cgroup/sock_release",	P(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_RELEASE, ATT },
	{ "cgroup/sock",		P(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_CREATE, ATT_OPT },
	{ "cgroup/post_bind4",		P(CGROUP_SOCK), BPF_CGROUP_INET4_POST_BIND, ATT },
	{ "cgroup/post_bind6",		P(CGROUP_SOCK), BPF_CGROUP_INET6_POST_BIND, ATT },
	{ "cgroup/bind4",		P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_BIND, ATT },
	{ "cgroup/bind6",		P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_BIND, ATT },
	{ "cgroup/connect4",		P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_CONNECT, ATT },
	{ "cgroup/connect6",		P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_CONNECT, ATT },
	{ "cgroup/connect_unix",	P(CGROUP_SOCK_ADDR), AT_UNIX_CONNECT, ATT },
	{ "cgroup/sendmsg4",		P(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP4_SENDMSG, ATT },
	{ "cgroup/sendmsg6",		P(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP6_SENDMSG, ATT },
	{ "cgroup/sendmsg_unix",	P(CGROUP_SOCK_ADDR), AT_UNIX_SENDMSG, ATT },
	{ "cgroup/recvmsg4",		P(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP4_RECVMSG, ATT },
	{ "cgroup/recvmsg6",		P(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP6_RECVMSG, ATT },
	{ "cgroup/recvmsg_unix",	P(CGROUP_SOCK_ADDR), AT_UNIX_RECVMSG, ATT },
	{ "cgroup/getpeername4",	P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_GETPEERNAME, ATT },
	{ "cgroup/getpeername6",	P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_GETPEERNAME, ATT },
	{ "cgroup/getpeername_unix",	P(CGROUP_SOCK_ADDR), AT_UNIX_GETPEERNAME, ATT },
	{ "cgroup/getsockname4",	P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_GETSOCKNAME, ATT },
	{ "cgroup/getsockname6",	P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_GETSOCKNAME, ATT },
	{ "cgroup/getsockname_unix",	P(CGROUP_SOCK_ADDR), AT_UNIX_GETSOCKNAME, ATT },
	{ "cgroup/sysctl",		P(CGROUP_SYSCTL), BPF_CGROUP_SYSCTL, ATT },
	{ "cgroup/getsockopt",		P(CGROUP_SOCKOPT), BPF_CGROUP_GETSOCKOPT, ATT },
	{ "cgroup/setsockopt",		P(CGROUP_SOCKOPT), BPF_CGROUP_SETSOCKOPT, ATT },
	{ "cgroup/dev",			P(CGROUP_DEVICE), BPF_CGROUP_DEVICE, ATT_OPT },
	{ "struct_ops+",		P(STRUCT_OPS), 0, SEC_NONE },
	{ "struct_ops.s+",		P(STRUCT_OPS), 0, SLEEP },
	{ "sk_lookup",			P(SK_LOOKUP), BPF_SK_LOOKUP, ATT },
	{ "netfilter",			PROG_NETFILTER, AT_NETFILTER, SEC_NONE },
};

bool sec_pattern_matches(const char *pattern, const char *name)
{
	size_t len = strlen(pattern);

	if (!len)
		return false;
	if (pattern[len - 1] == '+') {
		len--;
		if (strncmp(name, pattern, len))
			return false;
		return name[len] == '\0' || name[len] == '/';
	}
	if (pattern[len - 1] == '/')
		return strncmp(name, pattern, len) == 0;
	return strcmp(name, pattern) == 0;
}

const struct sec_def *sec_def_find(const char *sec_name)
{
	size_t i;

	for (i = 0; i < sizeof(sec_defs) / sizeof(sec_defs[0]); i++)
		if (sec_pattern_matches(sec_defs[i].sec, sec_name))
			return &sec_defs[i];
	return NULL;
}

int libbpf_prog_type_by_name(const char *name, enum bpf_prog_type *prog_type,
			     enum bpf_attach_type *expected_attach_type)
{
	const struct sec_def *def;

	if (!name || !prog_type || !expected_attach_type)
		return libbpf_err(-EINVAL);
	if (prog_handler_types(name, prog_type, expected_attach_type))
		return 0;
	def = sec_def_find(name);
	if (!def) {
		pr_debug("failed to guess program type from section name '%s'\n", name);
		return libbpf_err(-ESRCH);
	}
	*prog_type = def->prog_type;
	*expected_attach_type = def->attach_type;
	return 0;
}

int libbpf_attach_type_by_name(const char *name, enum bpf_attach_type *attach_type)
{
	const struct sec_def *def;

	if (!name || !attach_type)
		return libbpf_err(-EINVAL);
	def = sec_def_find(name);
	if (!def || !(def->flags & SEC_ATTACHABLE))
		return libbpf_err(-EINVAL);
	*attach_type = def->attach_type;
	return 0;
}
