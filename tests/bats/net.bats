#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# net show/attach/detach on a veth device made for the test, with XDP and
# tc programs compiled at test time and loaded by Debian's bpftool; XDP is
# checked against bpftool's view of the same device.

load ../lib/common

setup_file() {
	require_root_caps
	export DEV=bpfctl$$
	export PINS=/sys/fs/bpf/bpfctl-test-net-$$
	ip link add "$DEV" type veth peer name "${DEV}p"
	ip link set "$DEV" up
	compile_bpf "$PROGS/net_pass.bpf.c" "$BATS_FILE_TMPDIR/net.o"
	"$BPFTOOL" prog loadall "$BATS_FILE_TMPDIR/net.o" "$PINS"
}

teardown_file() {
	ip link del "$DEV" 2>/dev/null || true
	rm -rf "$PINS"
}

setup() {
	require_root_caps
}

teardown() {
	ip link set dev "$DEV" xdpgeneric off 2>/dev/null || true
	"$BPFCTL" net detach tcx_ingress dev "$DEV" 2>/dev/null || true
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
	! ip link show dev "$DEV" | grep -q "prog/xdp"
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
