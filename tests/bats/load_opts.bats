#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpftool v7.8's remaining load options: "prog load/loadall ... offload_dev
# | xdpmeta_dev NAME", "net attach ... prepend", -m/--mapcompat and
# -L/--use-loader. Devices are a veth pair of the suite's own (deleted in
# teardown_file); this machine has no offload-capable device, so offload
# is checked to fail with the kernel's refusal naming the device. Pins go
# under one directory per test, removed in teardown; programs and maps go
# away with their last pin.

load ../lib/common

setup_file() {
	require_root_caps
	export DEV=lopts$$ PEER=lopts$$p
	ip link add "$DEV" type veth peer name "$PEER"
	ip link set "$DEV" up
	ip link set "$PEER" up
	local objs=$BATS_FILE_TMPDIR/objs
	mkdir -p "$objs"
	compile_bpf "$PROGS/load_xdpmeta.bpf.c" "$objs/xdpmeta.o"
	compile_bpf "$PROGS/net_pass.bpf.c" "$objs/net_pass.o"
	compile_bpf "$PROGS/load_mapcompat.bpf.c" "$objs/mapcompat.o"
	printf '#define LEGACY_MAPS\n#include "%s"\n' "$PROGS/load_mapcompat.bpf.c" \
		>"$objs/legacy.bpf.c"
	compile_bpf "$objs/legacy.bpf.c" "$objs/legacy.o"
	compile_bpf "$PROGS/load_loader.bpf.c" "$objs/loader.o"
	for v in PINNED REJECT; do
		printf '#define LOADER_%s\n#include "%s"\n' "$v" "$PROGS/load_loader.bpf.c" \
			>"$objs/loader_$v.bpf.c"
		compile_bpf "$objs/loader_$v.bpf.c" "$objs/loader_$v.o"
	done
	export OBJS=$objs
}

teardown_file() {
	ip link del "$DEV" 2>/dev/null || true
}

setup() {
	require_root_caps
	PIN_DIR=/sys/fs/bpf/loadopts-test-$$-$BATS_TEST_NUMBER
}

teardown() {
	ip link set dev "$DEV" xdp off 2>/dev/null || true
	ip link set dev "$PEER" xdp off 2>/dev/null || true
	"$BPFCTL" net detach tcx_ingress dev "$DEV" 2>/dev/null || true
	rm -rf "$PIN_DIR"
}

prog_id() {
	"$BPFTOOL" -j prog show pinned "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# no_pins: a failed load left nothing under PIN_DIR.
no_pins() {
	[[ ! -e $PIN_DIR ]] || [[ -z $(ls -A "$PIN_DIR") ]]
}

# ---- offload_dev / xdpmeta_dev ----

@test "xdpmeta_dev binds the XDP program to the device: metadata kfuncs become the driver's" {
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" xdpmeta_dev "$DEV"
	expect_status 0
	run_bpfctl prog dump xlated pinned "$PIN_DIR/xm"
	expect_status 0
	[[ $output == *"call veth_xdp_rx_timestamp"* ]]
	[[ $output == *"call veth_xdp_rx_hash"* ]]
}

@test "without xdpmeta_dev the kernel refuses the metadata kfuncs, as the error says" {
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm"
	expect_error
	[[ $stderr == *"metadata kfuncs require device-bound program"* ]]
	no_pins
}

@test "xdpmeta_dev program attaches to its device in driver mode, and only to it" {
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" xdpmeta_dev "$DEV"
	expect_status 0
	id=$(prog_id "$PIN_DIR/xm")
	run_bpfctl net attach xdpdrv pinned "$PIN_DIR/xm" dev "$DEV"
	expect_status 0
	ip link show dev "$DEV" | grep -q "prog/xdp id $id"
	run_bpfctl net attach xdpdrv pinned "$PIN_DIR/xm" dev "$PEER"
	expect_error
	[[ $stderr == *"'$PEER'"*"bound to different device"* ]]
}

@test "xdpmeta_dev prog show: as bpftool's (the kernel reports a device only for offload)" {
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" xdpmeta_dev "$DEV"
	expect_status 0
	run_bpfctl -j prog show pinned "$PIN_DIR/xm"
	expect_status 0
	ours=$output
	theirs=$("$BPFTOOL" -j prog show pinned "$PIN_DIR/xm")
	python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = (json.loads(s) for s in sys.argv[1:])
assert ("dev" in ours) == ("dev" in theirs), (ours, theirs)
for k in ("id", "type", "name", "tag", "map_ids", "btf_id"):
    assert ours[k] == theirs[k], k
PY
}

@test "loadall xdpmeta_dev binds only the XDP programs of the object" {
	run_bpfctl prog loadall "$OBJS/net_pass.o" "$PIN_DIR/np" xdpmeta_dev "$DEV"
	expect_status 0
	run_bpfctl net attach xdpgeneric pinned "$PIN_DIR/np/net_xdp_pass" dev "$PEER"
	expect_error
	[[ $stderr == *"bound to different device"* ]]
	run_bpfctl net attach tcx_ingress pinned "$PIN_DIR/np/net_tc_pass" dev "$PEER"
	expect_status 0
	run_bpfctl net detach tcx_ingress dev "$PEER"
	expect_status 0
}

@test "offload_dev on a veth: the kernel's refusal of the program, naming the device" {
	run_bpfctl prog loadall "$OBJS/net_pass.o" "$PIN_DIR/np" offload_dev "$DEV"
	expect_error
	[[ $stderr == *"device '$DEV' (offload_dev)"*"prog 'net_"*"Invalid argument"* ]]
	no_pins
}

@test "offload_dev binds maps too: the kernel's refusal of the map comes first" {
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" offload_dev "$DEV"
	expect_error
	ifindex=$(cat "/sys/class/net/$DEV/ifindex")
	[[ $stderr == *"device '$DEV' (offload_dev): map 'xdpmeta_seen'"*"offloaded to ifindex $ifindex"*"Invalid argument"* ]]
	no_pins
}

@test "offload_dev/xdpmeta_dev bad input: unknown device, both, twice, no NAME" {
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" xdpmeta_dev no-such-dev0
	expect_error
	[[ $stderr == *"unknown network device 'no-such-dev0' for xdpmeta_dev: No such device"* ]]
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" offload_dev no-such-dev0
	expect_error
	[[ $stderr == *"unknown network device 'no-such-dev0' for offload_dev"* ]]
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" offload_dev "$DEV" xdpmeta_dev "$DEV"
	expect_error
	[[ $stderr == *"xdpmeta_dev and offload_dev are mutually exclusive"* ]]
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" xdpmeta_dev "$DEV" xdpmeta_dev "$DEV"
	expect_error
	[[ $stderr == *"xdpmeta_dev given twice"* ]]
	run_bpfctl prog load "$OBJS/xdpmeta.o" "$PIN_DIR/xm" xdpmeta_dev
	expect_error
	no_pins
}

@test "'dev NAME' still means offload_dev, with bpftool's deprecation warning" {
	run_bpfctl prog loadall "$OBJS/net_pass.o" "$PIN_DIR/np" dev "$DEV"
	expect_error
	[[ $stderr == *"deprecated"*"offload_dev"*"xdpmeta_dev"* ]]
	[[ $stderr == *"device '$DEV' (offload_dev)"* ]]
}

# ---- net attach ... prepend ----

# tcx_ids: the program ids on DEV's tcx ingress, in the order "net show -j" lists them.
tcx_ids() {
	"$BPFCTL" -j net show dev "$DEV" | python3 -c '
import json, sys
print(" ".join(str(t["prog_id"]) for t in json.load(sys.stdin)[0]["tc"] if t["kind"] == "tcx/ingress"))'
}

@test "net attach tcx prepend: the new program runs first; without it, last" {
	local a b c
	for p in a b c; do
		run_bpfctl prog loadall "$OBJS/net_pass.o" "$PIN_DIR/$p"
		expect_status 0
	done
	a=$(prog_id "$PIN_DIR/a/net_tc_pass")
	b=$(prog_id "$PIN_DIR/b/net_tc_pass")
	c=$(prog_id "$PIN_DIR/c/net_tc_pass")
	run_bpfctl net attach tcx_ingress pinned "$PIN_DIR/a/net_tc_pass" dev "$DEV"
	expect_status 0
	run_bpfctl net attach tcx_ingress pinned "$PIN_DIR/b/net_tc_pass" dev "$DEV"
	expect_status 0
	[[ $(tcx_ids) == "$a $b" ]]
	run_bpfctl net attach tcx_ingress pinned "$PIN_DIR/c/net_tc_pass" dev "$DEV" prepend
	expect_status 0
	[[ $(tcx_ids) == "$c $a $b" ]]
	run_bpfctl net detach tcx_ingress dev "$DEV"
	expect_status 0
	[[ -z $(tcx_ids) ]]
}

@test "net attach: prepend is for tcx only, overwrite for XDP only, as bpftool" {
	run_bpfctl prog loadall "$OBJS/net_pass.o" "$PIN_DIR/np"
	expect_status 0
	run_bpfctl net attach xdpgeneric pinned "$PIN_DIR/np/net_xdp_pass" dev "$DEV" prepend
	expect_error
	[[ $stderr == *"'prepend' is only for tcx_ingress and tcx_egress, not xdpgeneric"* ]]
	run_bpfctl net attach tcx_egress pinned "$PIN_DIR/np/net_tc_pass" dev "$DEV" overwrite
	expect_error
	[[ $stderr == *"'overwrite' is only for the XDP attach types, not tcx_egress"* ]]
	run_bpfctl net attach tcx_egress pinned "$PIN_DIR/np/net_tc_pass" dev "$DEV" prepend extra
	expect_error
	run_bpfctl net attach tcx_egress pinned "$PIN_DIR/np/net_tc_pass" dev "$DEV" append
	expect_error
	[[ $(ip link show dev "$DEV") != *prog/xdp* ]]
	run_bpfctl -j net show dev "$DEV"
	[[ $output == *'"tc":[]'* ]]
}

@test "net attach tcx prepend on an empty device, and the same program twice is refused" {
	run_bpfctl prog loadall "$OBJS/net_pass.o" "$PIN_DIR/np"
	expect_status 0
	id=$(prog_id "$PIN_DIR/np/net_tc_pass")
	run_bpfctl net attach tcx_ingress pinned "$PIN_DIR/np/net_tc_pass" dev "$DEV" prepend
	expect_status 0
	[[ $(tcx_ids) == "$id" ]]
	run_bpfctl net attach tcx_ingress pinned "$PIN_DIR/np/net_tc_pass" dev "$DEV" prepend
	expect_error
	[[ $stderr == *"attached to '$DEV' as tcx_ingress already"* ]]
}

# ---- -m / --mapcompat ----

@test "a map definition field the loader does not know: refused, as bpftool 7.1 does" {
	run_bpfctl prog load "$OBJS/mapcompat.o" "$PIN_DIR/mc"
	expect_error
	[[ $stderr == *"cannot open object '$OBJS/mapcompat.o': map 'compat_counts': unknown attribute 'future_attr'"* ]]
	no_pins
	run -255 "$BPFTOOL" prog load "$OBJS/mapcompat.o" "$PIN_DIR/mc-bpftool"
	[[ $output == *"unknown field 'future_attr'"* ]]
}

@test "-m skips the unknown field: the object loads and runs, as with bpftool 7.1 -m" {
	run_bpfctl -m prog load "$OBJS/mapcompat.o" "$PIN_DIR/mc"
	expect_status 0
	head -c 64 /dev/zero >"$BATS_TEST_TMPDIR/pkt"
	run_bpfctl prog run pinned "$PIN_DIR/mc" data_in "$BATS_TEST_TMPDIR/pkt" repeat 3
	expect_status 0
	map_id=$("$BPFTOOL" -j prog show pinned "$PIN_DIR/mc" | python3 -c 'import json,sys; print(json.load(sys.stdin)["map_ids"][0])')
	run "$BPFTOOL" -j map lookup id "$map_id" key 0 0 0 0
	[[ $status == 0 ]]
	python3 -c 'import json,sys; v=json.loads(sys.argv[1])["value"]; assert int(v[0], 16) == 3, v' "$output"
	# bpftool's -m gives the same map
	run "$BPFTOOL" -m prog load "$OBJS/mapcompat.o" "$PIN_DIR/mc-bpftool"
	[[ $status == 0 ]]
	run_bpfctl -j map show id "$map_id"
	ours=$output
	other=$("$BPFTOOL" -j prog show pinned "$PIN_DIR/mc-bpftool" | python3 -c 'import json,sys; print(json.load(sys.stdin)["map_ids"][0])')
	theirs=$("$BPFTOOL" -j map show id "$other")
	python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = (json.loads(s) for s in sys.argv[1:])
for k in ("type", "name", "bytes_key", "bytes_value", "max_entries", "flags"):
    assert ours[k] == theirs[k], (k, ours, theirs)
PY
}

@test "--mapcompat (long form) and -m -d: the skipped field is in the debug log" {
	run_bpfctl --mapcompat -d prog load "$OBJS/mapcompat.o" "$PIN_DIR/mc"
	expect_status 0
	[[ $stderr == *"ignoring unknown attribute 'future_attr'"* ]]
}

@test "a legacy 'maps' section is refused with and without -m, as bpftool 7.1 does" {
	for m in "" -m; do
		run_bpfctl $m prog load "$OBJS/legacy.o" "$PIN_DIR/lg"
		expect_error
		[[ $stderr == *"cannot open object '$OBJS/legacy.o'"*"legacy 'maps' section is not supported, use BTF-defined maps in '.maps'"* ]]
		no_pins
		run "$BPFTOOL" $m prog load "$OBJS/legacy.o" "$PIN_DIR/lg-bpftool"
		[[ $status != 0 && $output == *"legacy map definitions in 'maps' section are not supported"* ]]
	done
	[[ ! -e $PIN_DIR/lg-bpftool ]]
}

# ---- -L / --use-loader ----

# loader_progs_left: how many programs named loader_getpgid are loaded.
loader_progs_left() {
	"$BPFTOOL" -j prog show | python3 -c '
import json, sys
print(sum(p.get("name") == "loader_getpgid" for p in json.load(sys.stdin)))'
}

@test "-L prog load: the object loads through its loader program, as with bpftool -L" {
	run_bpfctl -L prog load "$OBJS/loader.o"
	expect_status 0
	[[ -z $output && -z $stderr ]]
	run "$BPFTOOL" -L prog load "$OBJS/loader.o"
	[[ $status == 0 ]]
	run_bpfctl -j --use-loader prog load "$OBJS/loader.o"
	expect_status 0
	[[ $output == null ]]
}

@test "-L -d: the loader's instructions, then the verifier's log of the loaded program" {
	run_bpfctl -d -L prog load "$OBJS/loader.o"
	expect_status 0
	[[ ${lines[0]} == "   0: (bf) r6 = r1" ]]
	[[ $output == *"(85) call "* ]]
	# the object's program, verified inside the loader's run
	[[ $stderr == *"loader_total += loader_step"* ]]
	[[ $stderr == *"processed "*" insns"* ]]
}

@test "-L pins nothing and leaves nothing loaded; PATH is ignored with a warning" {
	run_bpfctl -L prog load "$OBJS/loader.o" "$PIN_DIR/ld"
	expect_status 0
	[[ $stderr == *"pins nothing: ignoring '$PIN_DIR/ld'"* ]]
	[[ ! -e $PIN_DIR/ld ]]
	[[ $(loader_progs_left) == 0 ]]
}

@test "-L: the verifier's refusal inside the loader names the step that failed" {
	run_bpfctl -L prog load "$OBJS/loader_REJECT.o"
	expect_error
	[[ $stderr == *"loading tracepoint program 'loader_getpgid'"*"failed: Permission denied"* ]]
	[[ $stderr == *"can't load '$OBJS/loader_REJECT.o' through its loader program: the loader program failed: Permission denied"* ]]
	run "$BPFTOOL" -L prog load "$OBJS/loader_REJECT.o"
	[[ $output == *"err -13"* ]]
	run_bpfctl -d -L prog load "$OBJS/loader_REJECT.o"
	expect_error
	[[ $stderr == *"R0 invalid mem access 'map_value_or_null'"* ]]
}

@test "-L: what a loader program can't do is refused when it is generated" {
	run_bpfctl -L prog load "$OBJS/loader_PINNED.o"
	expect_error
	[[ $stderr == *"can't generate the loader program of '$OBJS/loader_PINNED.o': map 'loader_calls': pinned maps can't be part of a loader program"* ]]
	[[ ! -e /sys/fs/bpf/loader_calls ]]
	run_bpfctl -L prog load
	expect_error
	[[ $stderr == *"needs OBJ"* ]]
	run_bpfctl -L prog load /nonexistent.o
	expect_error
	[[ $stderr == *"cannot open object '/nonexistent.o'"* ]]
}

@test "-L prog loadall: loads and pins without a loader, as bpftool (with a warning)" {
	run_bpfctl -L prog loadall "$OBJS/loader.o" "$PIN_DIR/all"
	expect_status 0
	[[ $stderr == *"-L is for 'prog load'"* ]]
	[[ -e $PIN_DIR/all/loader_getpgid ]]
}
