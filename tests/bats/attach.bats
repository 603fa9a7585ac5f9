#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# The attach API of the core (bpf_program__attach*, bpf_link__*) on the
# real kernel: objects from tests/progs/attach_*.bpf.c compiled now, opened
# and loaded by our loader in tests/helpers/attach_check.c (built against
# libbpfcore.a), attached, their effects counted (syscalls, uprobe hits,
# packets, iterator output), links pinned and checked with Debian's bpftool,
# reopened, detached and unpinned. What this kernel can't do (kprobes,
# fentry/fexit/lsm) must fail with an error saying why, leaving nothing.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-attach-$$
	export HELPER=$BATS_FILE_TMPDIR/attach_check
	export OBJ=$BATS_FILE_TMPDIR
	build_helper "$HELPER" "$REPO_ROOT/tests/helpers/attach_check.c"
	local p
	for p in auto trace net kprobe fentry; do
		compile_bpf "$PROGS/attach_$p.bpf.c" "$OBJ/attach_$p.o"
	done
	local cg_root
	cg_root=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	export CGROUP=$cg_root/bpfctl-test-attach-$$
	export NETNS=bpfctl-test-attach-$$ DEV=bpfa$$h PEER=bpfa$$n
}

setup() {
	require_root_caps
	mkdir -p "$PIN"
}

teardown() {
	# unpinning releases the links, which detaches them
	rm -rf "$PIN"
	ip link del "$DEV" 2>/dev/null || true
	ip netns del "$NETNS" 2>/dev/null || true
	if [[ -d $CGROUP ]]; then
		rmdir "$CGROUP" 2>/dev/null || true
	fi
}

# link_ids: ids of all BPF links, one per line.
link_ids() {
	"$BPFTOOL" -j link show | python3 -c 'import json,sys; [print(l["id"]) for l in json.load(sys.stdin)]'
}

# bpftool_link PIN KEY: field KEY of bpftool's JSON for the link pinned at PIN.
bpftool_link() {
	"$BPFTOOL" -j link show pinned "$1" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"
}

# run_helper ARGS...: the helper, stdout in $output, stderr in $stderr.
run_helper() {
	run --separate-stderr "$HELPER" "$@"
	no_sanitizer_report
}

# veth_in_netns: DEV (here, 10.213.0.1) paired with PEER in NETNS (10.213.0.2).
veth_in_netns() {
	ip netns add "$NETNS"
	ip link add "$DEV" type veth peer name "$PEER" netns "$NETNS"
	ip addr add 10.213.0.1/24 dev "$DEV"
	ip link set "$DEV" up
	ip -n "$NETNS" addr add 10.213.0.2/24 dev "$PEER"
	ip -n "$NETNS" link set "$PEER" up
	ip -n "$NETNS" link set lo up
}

# Three UDP datagrams to port 9 of argv[1]; fails (PermissionError) when dropped.
UDP_SEND='import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(3):
    s.sendto(b"x", (sys.argv[1], 9))'

# in_cgroup CMD...: run CMD as a member of CGROUP.
in_cgroup() {
	bash -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CGROUP" "$@"
}

# send_from_netns: datagrams from PEER's side, arriving on DEV's ingress.
send_from_netns() {
	ip netns exec "$NETNS" python3 -c "$UDP_SEND" 10.213.0.1
}

@test "explicit attach: tracepoint, raw_tp, tp_btf, uprobes, perf event count this process's events, none after destroy" {
	run_helper trace "$OBJ/attach_trace.o"
	expect_status 0
	[[ $output == *"ok: 7 links attached"* ]]
	[[ $output == *"ok: tracepoint counted 5"* ]]
	[[ $output == *"ok: uprobe on this binary counted 5"* ]]
	[[ $output == *"ok: uretprobe on libc getppid counted 5"* ]]
	[[ $output == *"ok: legacy uprobe counted 5"* ]]
	[[ $output == *"ok: perf event by ioctl counted 5"* ]]
	[[ $output == *"ok: legacy uprobe removed from tracefs"* ]]
	[[ $output == *"ok: tracepoint after destroy counted 5"* ]]
	[[ $output == *"ok: uprobe after destroy counted 5"* ]]
	# a perf event attached by ioctl is no BPF link: it can't be pinned
	[[ $stderr == *"a perf event attached by ioctl is no BPF link"* ]]
}

@test "bpf_program__attach: auto-attach from SEC(), pinned links seen by bpftool, outlive the process" {
	local before
	before=$(link_ids | wc -l)
	run_helper auto "$OBJ/attach_auto.o" "$PIN"
	expect_status 0
	[[ $output == *"ok: iterator lists this process"* ]]
	[[ $output == *"ok: auto_xdp: not auto-attachable"* ]]
	[[ $output == *"ok: auto_cgroup: not auto-attachable"* ]]
	[[ $output == *"ok: 6 programs auto-attached"* ]]
	[[ $output == *"ok: tracepoint counted 3"* ]]
	[[ $output == *"ok: uprobe on libc getppid counted 3"* ]]
	# what bpftool sees of each pinned link
	[[ $(bpftool_link "$PIN/auto_tp" type) == perf_event ]]
	[[ $(bpftool_link "$PIN/auto_uprobe" type) == perf_event ]]
	[[ $(bpftool_link "$PIN/auto_uretprobe" type) == perf_event ]]
	[[ $(bpftool_link "$PIN/auto_raw_tp" type) == raw_tracepoint ]]
	[[ $(bpftool_link "$PIN/auto_raw_tp" tp_name) == sys_enter ]]
	[[ $(bpftool_link "$PIN/auto_tp_btf" type) == raw_tracepoint ]]
	[[ $(bpftool_link "$PIN/auto_iter" type) == iter ]]
	[[ $(bpftool_link "$PIN/auto_iter" target_name) == task ]]
	(($(link_ids | wc -l) == before + 6))
	# the helper has exited: the pins keep the tracepoint counting, for any process now
	"$BPFTOOL" map update pinned "$PIN/filter" key 0 0 0 0 value 0 0 0 0
	local n0 n1
	n0=$("$HELPER" count "$PIN/counts" 0)
	python3 -c 'import os; [os.getppid() for _ in range(20)]'
	n1=$("$HELPER" count "$PIN/counts" 0)
	((n1 >= n0 + 20))
	# removing the pin file releases the link
	local id
	id=$(bpftool_link "$PIN/auto_tp" id)
	rm "$PIN/auto_tp"
	! link_ids | grep -qx "$id"
}

@test "bpf_link__open of a pinned link, bpf_link__unpin: bpftool sees it until then" {
	run_helper auto "$OBJ/attach_auto.o" "$PIN"
	expect_status 0
	local name id
	for name in auto_tp auto_raw_tp auto_iter; do
		id=$(bpftool_link "$PIN/$name" id)
		run_helper link "$PIN/$name"
		expect_status 0
		[[ $output == *"ok: opened link id $id "* ]]
		[[ $output == *"ok: unpinned"* ]]
		[[ ! -e $PIN/$name ]]
		! link_ids | grep -qx "$id"
	done
}

@test "iterator: bpf_program__attach_iter output read through bpf_iter_create" {
	run_helper iter "$OBJ/attach_trace.o" trace_iter
	expect_status 0
	[[ $output == *"ok: iterator lists this process"* ]]
}

@test "cgroup: a cgroup_skb egress link drops the cgroup's datagrams until detached" {
	mkdir "$CGROUP"
	run_helper net "$OBJ/attach_net.o" net_cgroup_drop cgroup "$CGROUP" "$PIN"
	expect_status 0
	[[ $(bpftool_link "$PIN/link" type) == cgroup ]]
	[[ $(bpftool_link "$PIN/link" attach_type) == cgroup_inet_egress ]]
	[[ $(bpftool_link "$PIN/link" cgroup_id) == "$(stat -c %i "$CGROUP")" ]]
	# a datagram from inside the cgroup is dropped on its way out: EPERM
	run in_cgroup python3 -c "$UDP_SEND" 127.0.0.1
	((status != 0))
	[[ $output == *PermissionError* ]]
	(($("$HELPER" count "$PIN/net_counts" 0) > 0))
	# BPF_LINK_DETACH through the library: the link stays, the effect goes
	run_helper link "$PIN/link" detach
	expect_status 0
	[[ $output == *"ok: detached"* ]]
	in_cgroup python3 -c "$UDP_SEND" 127.0.0.1
}

@test "xdp: an XDP link on a veth counts the datagrams coming in, bpftool net show lists it" {
	veth_in_netns
	run_helper net "$OBJ/attach_net.o" net_xdp xdp "$DEV" "$PIN"
	expect_status 0
	[[ $(bpftool_link "$PIN/link" type) == xdp ]]
	# bpftool v7.1 shows no ifindex of XDP links: its net show has the program there
	local prog
	prog=$(bpftool_link "$PIN/link" prog_id)
	"$BPFTOOL" -j net show dev "$DEV" |
		grep -q '"xdp":\[{"devname":"'"$DEV"'","ifindex":'"$(cat "/sys/class/net/$DEV/ifindex")"',"mode":"driver","id":'"$prog"'}'
	send_from_netns
	(($("$HELPER" count "$PIN/net_counts" 1) >= 3))
	run_helper link "$PIN/link" detach
	expect_status 0
	run "$BPFTOOL" -j net show dev "$DEV"
	[[ $output == *'"xdp":[]'* ]]
}

@test "tcx: a tcx ingress link on a veth counts the datagrams coming in" {
	veth_in_netns
	run_helper net "$OBJ/attach_net.o" net_tcx tcx "$DEV" "$PIN"
	expect_status 0
	# bpftool v7.1 predates tcx links: check the kernel's link type number (11)
	local info
	info=$("$BPFTOOL" -j link show pinned "$PIN/link")
	[[ $info == *'"type":11'* || $info == *'"type":"tcx"'* ]]
	send_from_netns
	(($("$HELPER" count "$PIN/net_counts" 2) >= 3))
	run_helper link "$PIN/link" detach
	expect_status 0
}

@test "netns: a flow dissector link on a network namespace" {
	ip netns add "$NETNS"
	run_helper net "$OBJ/attach_net.o" net_dissect netns "/run/netns/$NETNS" "$PIN"
	expect_status 0
	[[ $(bpftool_link "$PIN/link" type) == netns ]]
	[[ $(bpftool_link "$PIN/link" netns_ino) == "$(stat -L -c %i "/run/netns/$NETNS")" ]]
	[[ $(bpftool_link "$PIN/link" attach_type) == flow_dissector ]]
	run_helper link "$PIN/link" detach
	expect_status 0
}

@test "kprobes: this kernel has none, every kprobe kind says so and leaves nothing" {
	local before
	before=$(link_ids | wc -l)
	run_helper fail "$OBJ/attach_kprobe.o" kprobe_nanosleep auto
	expect_attach_error "prog 'kprobe_nanosleep': can't attach kprobe to 'do_nanosleep': kernel built without kprobes"
	run_helper fail "$OBJ/attach_kprobe.o" kretprobe_nanosleep auto
	expect_attach_error "prog 'kretprobe_nanosleep': can't attach kretprobe to 'do_nanosleep': kernel built without kprobes"
	run_helper fail "$OBJ/attach_kprobe.o" kprobe_nanosleep kprobe vfs_read
	expect_attach_error "can't attach kprobe to 'vfs_read': kernel built without kprobes"
	run_helper fail "$OBJ/attach_kprobe.o" ksyscall_getppid auto
	expect_attach_error "prog 'ksyscall_getppid': can't attach ksyscall to syscall 'getppid': kernel built without kprobes"
	run_helper fail "$OBJ/attach_kprobe.o" kprobe_multi_nanosleep auto
	expect_attach_error "prog 'kprobe_multi_nanosleep': can't attach kprobe.multi to 'do_nano\*': kernel built without kprobe.multi support"
	# auto-attach failures are errors (ENOSYS), never "nothing to attach" (EOPNOTSUPP)
	[[ $output == "failed: errno 38 "* ]]
	(($(link_ids | wc -l) == before))
}

@test "fentry/fexit/lsm: the kernel refuses them, the error names the program; unknown function: not in kernel BTF" {
	local p
	for p in fentry_nanosleep fexit_nanosleep lsm_file_open; do
		run_helper fail "$OBJ/attach_fentry.o" "$p" load
		expect_attach_error "prog '$p': failed to load .*Operation not permitted"
	done
	run_helper fail "$OBJ/attach_fentry.o" fentry_missing load
	expect_attach_error "prog 'fentry_missing': attach target 'bpfctl_no_such_kernel_function' not found in the kernel's BTF"
}

@test "attach errors name the program, the target and why" {
	local o=$OBJ/attach_trace.o
	run_helper fail "$o" trace_tp tracepoint syscalls sys_enter_bpfctl_nosuch
	expect_attach_error "prog 'trace_tp': can't attach to tracepoint 'syscalls/sys_enter_bpfctl_nosuch': no such tracepoint"
	run_helper fail "$o" trace_raw_tp raw_tp bpfctl_nosuch
	expect_attach_error "prog 'trace_raw_tp': can't attach to raw tracepoint 'bpfctl_nosuch': no such tracepoint"
	run_helper fail "$o" trace_uprobe uprobe "$HELPER" bpfctl_no_such_func
	expect_attach_error "prog 'trace_uprobe': can't attach uprobe to '.*attach_check:bpfctl_no_such_func': binary has no such symbol"
	run_helper fail "$o" trace_uprobe uprobe libc.so.6 bpfctl_no_such_func
	expect_attach_error "can't attach uprobe to '.*libc.so.6:bpfctl_no_such_func': binary has no such symbol"
	run_helper fail "$o" trace_uprobe uprobe /nonexistent/bpfctl f
	expect_attach_error "no such binary or library '/nonexistent/bpfctl'"
	run_helper fail "$OBJ/attach_net.o" net_xdp xdp 999999
	expect_attach_error "prog 'net_xdp': can't attach to device ifindex 999999"
	# a section with no target is "nothing to attach", errno EOPNOTSUPP
	run_helper fail "$o" trace_uprobe auto
	[[ $output == "failed: errno 95 "* ]]
}
