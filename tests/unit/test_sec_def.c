// SPDX-License-Identifier: BSD-2-Clause
/*
 * The SEC() name table and the type names: section names map to the
 * program and attach types libbpf documents for them, "name+" patterns
 * match "name" and "name/..." only, and the enum names print as bpftool
 * prints them.
 */
#include <errno.h>
#include <linux/bpf.h>

#include <bpf/libbpf.h>

#include "unit.h"

struct sec_case {
	const char *sec;
	enum bpf_prog_type type;
	enum bpf_attach_type attach;
};

static const struct sec_case cases[] = {
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0 },
	{ "kprobe/do_sys_open", BPF_PROG_TYPE_KPROBE, 0 },
	{ "kretprobe", BPF_PROG_TYPE_KPROBE, 0 },
	{ "kprobe.multi/vfs_*", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI },
	{ "uprobe.s/libc.so.6:malloc", BPF_PROG_TYPE_KPROBE, 0 },
	{ "ksyscall/openat", BPF_PROG_TYPE_KPROBE, 0 },
	{ "usdt/libc:probe", BPF_PROG_TYPE_KPROBE, 0 },
	{ "tracepoint/syscalls/sys_enter_openat", BPF_PROG_TYPE_TRACEPOINT, 0 },
	{ "tp/sched/sched_switch", BPF_PROG_TYPE_TRACEPOINT, 0 },
	{ "raw_tp/sys_enter", BPF_PROG_TYPE_RAW_TRACEPOINT, 0 },
	{ "raw_tracepoint.w/x", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0 },
	{ "tp_btf/sched_switch", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP },
	{ "fentry/do_unlinkat", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY },
	{ "fexit.s/x", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT },
	{ "fmod_ret/x", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN },
	{ "freplace/x", BPF_PROG_TYPE_EXT, 0 },
	{ "lsm/file_open", BPF_PROG_TYPE_LSM, BPF_LSM_MAC },
	{ "lsm.s/bprm", BPF_PROG_TYPE_LSM, BPF_LSM_MAC },
	{ "lsm_cgroup/x", BPF_PROG_TYPE_LSM, BPF_LSM_CGROUP },
	{ "iter/task", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0 },
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP },
	{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP },
	{ "xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP },
	{ "xdp.frags/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0 },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, 0 },
	{ "action", BPF_PROG_TYPE_SCHED_ACT, 0 },
	{ "tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, 46 },
	{ "sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_PARSER },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0 },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP },
	{ "sk_reuseport/migrate", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT_OR_MIGRATE },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR },
	{ "cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS },
	{ "cgroup/skb", BPF_PROG_TYPE_CGROUP_SKB, 0 },
	{ "cgroup/sock", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE },
	{ "cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT },
	{ "cgroup/recvmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_RECVMSG },
	{ "cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL },
	{ "cgroup/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT },
	{ "cgroup/dev", BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE },
	{ "sockops", BPF_PROG_TYPE_SOCK_OPS, BPF_CGROUP_SOCK_OPS },
	{ "lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0 },
	{ "lirc_mode2", BPF_PROG_TYPE_LIRC_MODE2, BPF_LIRC_MODE2 },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0 },
	{ "struct_ops/tcp_init", BPF_PROG_TYPE_STRUCT_OPS, 0 },
	{ "netfilter", 32, 45 },
};

/* Names that must not match: "+" patterns need "/" after the name. */
static const char *const no_match[] = {
	"kprobex", "xdp_foo", "socketx", "tracepointfoo", "fentryx/y", "", ".text", "maps",
};

static void test_sections(void)
{
	enum bpf_attach_type at;
	enum bpf_prog_type pt;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = libbpf_prog_type_by_name(cases[i].sec, &pt, &at);

		CHECK(!err && pt == cases[i].type && at == cases[i].attach,
		      "SEC(\"%s\"): type %d attach %d (got err %d, %d, %d)", cases[i].sec,
		      cases[i].type, cases[i].attach, err, pt, at);
	}
	for (i = 0; i < sizeof(no_match) / sizeof(no_match[0]); i++)
		CHECK(libbpf_prog_type_by_name(no_match[i], &pt, &at) == -ESRCH && errno == ESRCH,
		      "SEC(\"%s\") matches nothing", no_match[i]);
	CHECK(libbpf_prog_type_by_name(NULL, &pt, &at) == -EINVAL, "NULL name: -EINVAL");
	CHECK(!libbpf_attach_type_by_name("cgroup/bind4", &at) && at == BPF_CGROUP_INET4_BIND,
	      "attach type of cgroup/bind4");
	CHECK(libbpf_attach_type_by_name("kprobe/x", &at) == -EINVAL,
	      "kprobe has no attach type to attach with");
}

static void test_names(void)
{
	CHECK(!strcmp(libbpf_bpf_prog_type_str(BPF_PROG_TYPE_SCHED_CLS), "sched_cls"),
	      "prog type sched_cls");
	CHECK(!strcmp(libbpf_bpf_prog_type_str(32), "netfilter"), "prog type 32 netfilter");
	CHECK(!libbpf_bpf_prog_type_str(1000), "unknown prog type: NULL");
	CHECK(!strcmp(libbpf_bpf_map_type_str(BPF_MAP_TYPE_LRU_PERCPU_HASH), "lru_percpu_hash"),
	      "map type lru_percpu_hash");
	CHECK(!strcmp(libbpf_bpf_map_type_str(33), "arena"), "map type 33 arena");
	CHECK(!strcmp(libbpf_bpf_attach_type_str(BPF_TRACE_KPROBE_MULTI), "trace_kprobe_multi"),
	      "attach type trace_kprobe_multi");
	CHECK(!strcmp(libbpf_bpf_attach_type_str(57), "trace_uprobe_session"),
	      "attach type 57 trace_uprobe_session");
	CHECK(!strcmp(libbpf_bpf_link_type_str(14), "sockmap"), "link type 14 sockmap");
	CHECK(!libbpf_bpf_link_type_str(-1), "negative link type: NULL");
}

int main(void)
{
	test_sections();
	test_names();
	return unit_done();
}
