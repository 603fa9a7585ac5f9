#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# net show/attach/detach on a veth device made for the test, with XDP and
# tc programs compiled at test time and loaded by Debian's bpftool; XDP is
# checked against bpftool's view of the same device.
#
# Classic tc (cls_bpf) filters live on a veth pair between two network
# namespaces of the suite's own (A holds tcA, B holds tcB), attached by
# iproute2's tc or by libbpf's tc API (tests/helpers/tc_attach.c); "net
# show" there is compared with bpftool's, whole. Deleting the namespaces
# removes everything; each test still deletes the qdiscs it made.

load ../lib/common

setup_file() {
	require_root_caps
	export DEV=bpfctl$$
	export PINS=/sys/fs/bpf/bpfctl-test-net-$$
	ip link add "$DEV" type veth peer name "${DEV}p"
	ip link set "$DEV" up
	compile_bpf "$PROGS/net_pass.bpf.c" "$BATS_FILE_TMPDIR/net.o"
	"$BPFTOOL" prog loadall "$BATS_FILE_TMPDIR/net.o" "$PINS"
	compile_bpf "$PROGS/tc_count.bpf.c" "$BATS_FILE_TMPDIR/tc_count.o"
	"$BPFTOOL" prog loadall "$BATS_FILE_TMPDIR/tc_count.o" "$PINS/tc" pinmaps "$PINS/tc_maps"
	build_helper "$BATS_FILE_TMPDIR/tc_attach" "$REPO_ROOT/tests/helpers/tc_attach.c"
	export NSA=bpfctl-test-net-a-$$ NSB=bpfctl-test-net-b-$$
	ip netns add "$NSA"
	ip netns add "$NSB"
	ip link add tcA netns "$NSA" type veth peer name tcB netns "$NSB"
	ip -n "$NSA" addr add 10.199.7.1/24 dev tcA
	ip -n "$NSB" addr add 10.199.7.2/24 dev tcB
	ip -n "$NSA" link set tcA up
	ip -n "$NSB" link set tcB up
	ip -n "$NSA" link set lo up
}

teardown_file() {
	ip link del "$DEV" 2>/dev/null || true
	ip netns del "$NSA" 2>/dev/null || true
	ip netns del "$NSB" 2>/dev/null || true
	rm -rf "$PINS"
}

setup() {
	require_root_caps
}

teardown() {
	ip link set dev "$DEV" xdpgeneric off 2>/dev/null || true
	"$BPFCTL" net detach tcx_ingress dev "$DEV" 2>/dev/null || true
	ip -n "$NSA" link del tcC 2>/dev/null || true
	local q
	for q in clsact ingress root; do
		ip -n "$NSA" link show tcA >/dev/null 2>&1 &&
			ip netns exec "$NSA" tc qdisc del dev tcA "$q" 2>/dev/null || true
	done
}

prog_id() {
	"$BPFTOOL" -j prog show pinned "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

@test "net attach xdpgeneric, then show it in text and JSON as bpftool does" {
	run_bpfctl net attach xdpgeneric pinned "$PINS/net_xdp_pass" dev "$DEV"
	expect_status 0
	id=$(prog_id "$PINS/net_xdp_pass")
	ip link show dev "$DEV" | grep -q "prog/xdp id $id"
	run_bpfctl net show dev "$DEV"
	expect_status 0
	[[ ${lines[0]} == "xdp:" ]]
	[[ ${lines[1]} == "$DEV($(cat /sys/class/net/$DEV/ifindex)) generic id $id" ]]
	run_bpfctl -j net show dev "$DEV"
	expect_status 0
	echo "$output" >"$BATS_TEST_TMPDIR/ours.json"
	"$BPFTOOL" -j net show dev "$DEV" >"$BATS_TEST_TMPDIR/theirs.json"
	python3 - "$BATS_TEST_TMPDIR/ours.json" "$BATS_TEST_TMPDIR/theirs.json" <<'PY'
import json, sys
ours, theirs = (json.load(open(p)) for p in sys.argv[1:])
assert ours[0]["xdp"] == theirs[0]["xdp"], (ours, theirs)
assert ours[0]["flow_dissector"] == theirs[0]["flow_dissector"]
PY
}

@test "net attach refuses to replace an XDP program without overwrite" {
	run_bpfctl net attach xdpgeneric pinned "$PINS/net_xdp_pass" dev "$DEV"
	expect_status 0
	run_bpfctl net attach xdpgeneric pinned "$PINS/net_xdp_pass" dev "$DEV"
	expect_error
	[[ $stderr == *"overwrite"* ]]
	run_bpfctl net attach xdpgeneric pinned "$PINS/net_xdp_pass" dev "$DEV" overwrite
	expect_status 0
}

@test "net detach xdpgeneric removes it; detaching again says none is attached" {
	run_bpfctl net attach xdpgeneric pinned "$PINS/net_xdp_pass" dev "$DEV"
	expect_status 0
	run_bpfctl net detach xdpgeneric dev "$DEV"
	expect_status 0
	[[ $(ip link show dev "$DEV") != *prog/xdp* ]]
	run_bpfctl net detach xdpgeneric dev "$DEV"
	expect_error
	[[ $stderr == *"none is attached"* ]]
}

@test "net attach tcx_ingress shows under tc with the program's name; detach removes it" {
	run_bpfctl net attach tcx_ingress pinned "$PINS/net_tc_pass" dev "$DEV"
	expect_status 0
	id=$(prog_id "$PINS/net_tc_pass")
	run_bpfctl net show dev "$DEV"
	expect_status 0
	[[ $output == *"tc:"$'\n'"$DEV($(cat /sys/class/net/$DEV/ifindex)) tcx/ingress net_tc_pass prog_id $id"* ]]
	run_bpfctl -j net show dev "$DEV"
	python3 -c '
import json, sys
tc = json.loads(sys.argv[1])[0]["tc"]
assert len(tc) == 1 and tc[0]["kind"] == "tcx/ingress" and tc[0]["prog_id"] == int(sys.argv[2]), tc
' "$output" "$id"
	run_bpfctl net detach tcx_ingress dev "$DEV"
	expect_status 0
	run_bpfctl -j net show dev "$DEV"
	[[ $output == *'"tc":[]'* ]]
}

@test "net bad input: unknown device, unknown type, missing dev, extra words" {
	run_bpfctl net attach xdpgeneric pinned "$PINS/net_xdp_pass" dev no-such-dev0
	expect_error
	[[ $stderr == *"no network device 'no-such-dev0'"* ]]
	run_bpfctl net attach xdpfast pinned "$PINS/net_xdp_pass" dev "$DEV"
	expect_error
	run_bpfctl net attach xdp pinned "$PINS/net_xdp_pass"
	expect_error
	[[ $stderr == *"missing 'dev NAME'"* ]]
	run_bpfctl net show dev "$DEV" extra
	expect_error
	run_bpfctl net detach tcx_egress dev "$DEV"
	expect_error
}

# ---- classic tc filters, in namespace A ----

# in_a CMD...: run CMD in namespace A. nsenter, not "ip netns exec", which
# mounts a /sys of its own and so hides the bpffs pins.
in_a() {
	nsenter --net="/run/netns/$NSA" "$@"
}

in_b() {
	nsenter --net="/run/netns/$NSB" "$@"
}

tca_ifindex() {
	ip -n "$NSA" -o link show tcA | cut -d: -f1
}

tc_attach() {
	in_a "$BATS_FILE_TMPDIR/tc_attach" "$@"
}

# net_show_as_bpftool: "net show" in namespace A, in text and in JSON, is
# bpftool's; leaves our text in $output.
net_show_as_bpftool() {
	in_a "$BPFTOOL" net show >"$BATS_TEST_TMPDIR/theirs.txt"
	in_a "$BPFTOOL" -j net show >"$BATS_TEST_TMPDIR/theirs.json"
	run --separate-stderr in_a "$BPFCTL" -j net show
	no_sanitizer_report
	expect_status 0
	echo "$output" >"$BATS_TEST_TMPDIR/ours.json"
	json_equal "$BATS_TEST_TMPDIR/ours.json" "$BATS_TEST_TMPDIR/theirs.json"
	status=0
	in_a "$BPFCTL" net show >"$BATS_TEST_TMPDIR/ours.txt" 2>"$BATS_TEST_TMPDIR/ours.err" ||
		status=$?
	stderr=$(<"$BATS_TEST_TMPDIR/ours.err")
	no_sanitizer_report
	expect_status 0
	same_file "$BATS_TEST_TMPDIR/theirs.txt" "$BATS_TEST_TMPDIR/ours.txt"
	output=$(<"$BATS_TEST_TMPDIR/ours.txt")
}

# UDP datagrams to a closed port of namespace A, counted by its UDP stack.
udp_noports() {
	in_a awk '/^Udp:/ { if (n++) print $3 }' /proc/net/snmp
}

udp_counted() {
	"$BPFCTL" -j map lookup pinned "$PINS/tc_maps/tc_counts" key 0 0 0 0 |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["formatted"]["value"])'
}

# send_udp N: N datagrams from namespace B to port 4242 of namespace A.
send_udp() {
	in_b bash -c 'for ((i = 0; i < $1; i++)); do echo x >/dev/udp/10.199.7.1/4242; done' _ "$1"
}

# wait_for CMD VALUE: CMD prints VALUE within 3 seconds.
wait_for() {
	local i
	for ((i = 0; i < 30; i++)); do
		[[ $("$1") == "$2" ]] && return 0
		sleep 0.1
	done
	echo "$1 printed $("$1"), expected $2" >&2
	return 1
}

@test "net show lists cls_bpf filters added by tc on clsact ingress and egress as bpftool does" {
	in_a tc qdisc add dev tcA clsact
	in_a tc filter add dev tcA ingress bpf object-pinned "$PINS/tc/tc_count_udp" direct-action
	in_a tc filter add dev tcA egress bpf object-pinned "$PINS/tc/tc_drop_udp"
	net_show_as_bpftool
	in_id=$(prog_id "$PINS/tc/tc_count_udp")
	eg_id=$(prog_id "$PINS/tc/tc_drop_udp")
	idx=$(tca_ifindex)
	[[ $output == *$'tc:\n'"tcA($idx) clsact/ingress tc_count_udp:[*fsobj] id $in_id"$'\n'* ]]
	[[ $output == *$'\n'"tcA($idx) clsact/egress tc_drop_udp:[*fsobj] id $eg_id"$'\n'* ]]
	run_bpfctl -j net show dev tcA
	[[ $status == 255 ]]	# tcA is not in this namespace
	run in_a "$BPFCTL" -j net show dev tcA
	expect_status 0
	python3 -c '
import json, sys
tc = json.loads(sys.argv[1])[0]["tc"]
assert [(f["kind"], f["id"]) for f in tc] == [("clsact/ingress", int(sys.argv[2])),
                                              ("clsact/egress", int(sys.argv[3]))], tc
' "$output" "$in_id" "$eg_id"
}

@test "net show lists cls_bpf filters under htb classes, htb and ingress qdiscs as bpftool does" {
	in_a tc qdisc add dev tcA root handle 1: htb
	in_a tc class add dev tcA parent 1: classid 1:10 htb rate 10mbit
	in_a tc filter add dev tcA parent 1: bpf object-pinned "$PINS/tc/tc_count_udp"
	in_a tc filter add dev tcA parent 1:10 bpf object-pinned "$PINS/tc/tc_drop_udp"
	in_a tc qdisc add dev tcA ingress
	in_a tc filter add dev tcA parent ffff: bpf object-pinned "$PINS/tc/tc_count_udp" da
	net_show_as_bpftool
	idx=$(tca_ifindex)
	[[ $output == *"tcA($idx) htb tc_drop_udp:[*fsobj] id $(prog_id "$PINS/tc/tc_drop_udp")"* ]]
	[[ $output == *"tcA($idx) ingress tc_count_udp:[*fsobj]"* ]]
}

@test "bpf_tc_attach: a direct-action ingress filter drops the UDP datagrams it counts" {
	run tc_attach create tcA both
	expect_status 0
	run tc_attach attach tcA ingress "$PINS/tc/tc_drop_udp"
	expect_status 0
	id=$(prog_id "$PINS/tc/tc_drop_udp")
	[[ $output == "handle 1 priority 49152 prog_id $id" ]]
	before=$(udp_noports)
	counted=$(udp_counted)
	send_udp 5
	wait_for udp_counted $((counted + 5))
	sleep 0.3
	[[ $(udp_noports) == "$before" ]]	# none reached the UDP stack
	net_show_as_bpftool
	[[ $output == *"tcA($(tca_ifindex)) clsact/ingress tc_drop_udp:[$id] id $id"* ]]
}

@test "bpf_tc_query finds the filter; bpf_tc_detach removes it and net show no longer lists it" {
	run tc_attach create tcA both
	expect_status 0
	run tc_attach attach tcA ingress "$PINS/tc/tc_count_udp" 3 9
	expect_status 0
	id=$(prog_id "$PINS/tc/tc_count_udp")
	[[ $output == "handle 3 priority 9 prog_id $id" ]]
	run tc_attach query tcA ingress 3 9
	expect_status 0
	[[ $output == "handle 3 priority 9 prog_id $id" ]]
	before=$(udp_noports)
	counted=$(udp_counted)
	send_udp 4
	wait_for udp_counted $((counted + 4))
	wait_for udp_noports $((before + 4))	# counted, and let through
	run in_a "$BPFCTL" -j net show
	[[ $output == *"\"id\":$id"* ]]
	run tc_attach detach tcA ingress 3 9
	expect_status 0
	net_show_as_bpftool
	[[ $output == $'xdp:\n\ntc:\n\nflow_dissector:' ]]
	run tc_attach query tcA ingress 3 9
	expect_status 1
	[[ $output == *"bpf_tc_query: -"* ]]
}

@test "bpf_tc_attach: the same handle and priority again is refused unless replacing" {
	run tc_attach create tcA both
	expect_status 0
	run tc_attach attach tcA egress "$PINS/tc/tc_count_udp" 5 7
	expect_status 0
	run tc_attach attach tcA egress "$PINS/tc/tc_drop_udp" 5 7
	expect_status 1
	[[ $output == *"bpf_tc_attach: -17 (File exists)"* ]]
	run tc_attach attach tcA egress "$PINS/tc/tc_drop_udp" 5 7 replace
	expect_status 0
	[[ $output == "handle 5 priority 7 prog_id $(prog_id "$PINS/tc/tc_drop_udp")" ]]
	net_show_as_bpftool
	[[ $(grep -c clsact/egress <<<"$output") == 1 ]]
}

@test "bpf_tc_hook_create twice says EEXIST; bpf_tc_hook_destroy flushes one point or removes clsact" {
	run tc_attach create tcA both
	expect_status 0
	run tc_attach create tcA ingress
	expect_status 1
	[[ $output == *"bpf_tc_hook_create: -17 (File exists)"* ]]
	run tc_attach attach tcA ingress "$PINS/tc/tc_count_udp"
	expect_status 0
	run tc_attach attach tcA egress "$PINS/tc/tc_count_udp"
	expect_status 0
	run tc_attach destroy tcA ingress
	expect_status 0
	net_show_as_bpftool
	[[ $output != *clsact/ingress* && $output == *clsact/egress* ]]
	[[ $(in_a tc qdisc show dev tcA) == *clsact* ]]
	run tc_attach destroy tcA both
	expect_status 0
	[[ $(in_a tc qdisc show dev tcA) != *clsact* ]]
	net_show_as_bpftool
}

@test "bpf_tc_*: a libbpf program's whole lifetime in one process leaves nothing behind" {
	run --separate-stderr tc_attach cycle tcA "$PINS/tc/tc_count_udp"
	expect_status 0
	id=$(prog_id "$PINS/tc/tc_count_udp")
	[[ ${lines[0]} == "attached: handle 1 priority 49152 prog_id $id" ]]
	[[ ${lines[1]} == "queried: handle 1 priority 49152 prog_id $id" ]]
	[[ ${lines[2]} == "query after detach: -"* ]]
	[[ ${lines[3]} == destroyed ]]
	[[ $(in_a tc qdisc show dev tcA) != *clsact* ]]
}

@test "bpf_tc_* errors: bad ifindex, missing hook, missing filter, bad options" {
	run tc_attach create 0 both
	expect_status 1
	[[ $output == *"bpf_tc_hook_create: -22 (Invalid argument)"* ]]
	run tc_attach create 999999 both
	expect_status 1
	[[ $output == *"bpf_tc_hook_create: -19 (No such device)"* ]]
	run tc_attach attach 999999 ingress "$PINS/tc/tc_count_udp"
	expect_status 1
	[[ $output == *"bpf_tc_attach: -19 (No such device)"* ]]
	# no clsact qdisc on tcA yet
	run tc_attach attach tcA ingress "$PINS/tc/tc_count_udp"
	expect_status 1
	[[ $output == *"bpf_tc_attach: -"* ]]
	run tc_attach create tcA both
	expect_status 0
	run tc_attach attach tcA ingress "$PINS/tc/tc_count_udp" 1 1
	expect_status 0
	run tc_attach detach tcA ingress 2 1
	expect_status 1
	[[ $output == *"bpf_tc_detach: -2 (No such file or directory)"* ]]
	run tc_attach detach tcA ingress 0 1
	expect_status 1
	[[ $output == *"bpf_tc_detach: -22 (Invalid argument)"* ]]
	run tc_attach attach tcA ingress "$PINS/tc/tc_count_udp" 1 70000
	expect_status 1
	[[ $output == *"bpf_tc_attach: -22 (Invalid argument)"* ]]
	run tc_attach query tcA ingress 1 1
	expect_status 0
}

@test "net show lists a device's filters once when another device has a qdisc of the same handle" {
	# RTM_GETQDISC dumps the qdiscs of every device: bpftool then walks
	# 1: twice on each device and lists its filters twice; bpfctl once.
	ip -n "$NSA" link add tcC type veth peer name tcD
	in_a tc qdisc add dev tcA root handle 1: htb
	in_a tc qdisc add dev tcC root handle 1: htb
	in_a tc filter add dev tcA parent 1: bpf object-pinned "$PINS/tc/tc_count_udp"
	in_a tc filter add dev tcC parent 1: bpf object-pinned "$PINS/tc/tc_drop_udp"
	run in_a "$BPFCTL" net show
	ip -n "$NSA" link del tcC
	expect_status 0
	[[ $(grep -c "^tcA($(tca_ifindex)) htb tc_count_udp:" <<<"$output") == 1 ]]
	[[ $(grep -c "^tcC([0-9]*) htb tc_drop_udp:" <<<"$output") == 1 ]]
}
