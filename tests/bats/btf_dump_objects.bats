#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# btf dump prog PROG and btf dump map MAP [key|value|kv|all]: the BTF of
# loaded programs and maps (tests/progs/link_progs.bpf.c, loaded by
# Debian's bpftool), compared with what bpftool dumps for the same objects.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-btfobj-$$
	compile_bpf "$PROGS/link_progs.bpf.c" "$BATS_FILE_TMPDIR/link_progs.o"
	mkdir -p "$PIN"
	"$BPFTOOL" prog loadall "$BATS_FILE_TMPDIR/link_progs.o" "$PIN/progs" pinmaps "$PIN/maps"
	# a program without BTF: compiled without -g
	"$CLANG" -O2 -target bpf -I "$REPO_ROOT/core/include" -idirafter "$(multiarch_include)" \
		-c "$PROGS/perf_tp.bpf.c" -o "$BATS_FILE_TMPDIR/nobtf.o"
	"$BPFTOOL" prog load "$BATS_FILE_TMPDIR/nobtf.o" "$PIN/nobtf_prog"
	"$BPFTOOL" map create "$PIN/nobtf_map" type hash key 4 value 4 entries 1 name nobtf
	export MAP=$PIN/maps/link_stats
}

teardown_file() {
	rm -rf "$PIN"
}

setup() {
	require_root_caps
}

# same_as_bpftool ARGS...: "btf dump ARGS" prints what bpftool prints, in text and in JSON.
same_as_bpftool() {
	bpfctl_to "$BATS_TEST_TMPDIR/ours.txt" btf dump "$@"
	expect_status 0
	"$BPFTOOL" btf dump "$@" >"$BATS_TEST_TMPDIR/theirs.txt"
	same_file "$BATS_TEST_TMPDIR/theirs.txt" "$BATS_TEST_TMPDIR/ours.txt"
	bpfctl_to "$BATS_TEST_TMPDIR/ours.json" -j btf dump "$@"
	expect_status 0
	"$BPFTOOL" -j btf dump "$@" >"$BATS_TEST_TMPDIR/theirs.json"
	json_equal "$BATS_TEST_TMPDIR/ours.json" "$BATS_TEST_TMPDIR/theirs.json"
}

map_id() {
	"$BPFTOOL" -j map show pinned "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

@test "btf dump map: key and value types by default, as bpftool" {
	same_as_bpftool map pinned "$MAP"
	grep -q "^\[[0-9]*\] STRUCT 'link_key' size=8 vlen=3" "$BATS_TEST_TMPDIR/ours.txt"
	grep -q "^\[[0-9]*\] STRUCT 'link_value' size=24 vlen=3" "$BATS_TEST_TMPDIR/ours.txt"
	[[ $(grep -c '^\[' "$BATS_TEST_TMPDIR/ours.txt") == 2 ]]
}

@test "btf dump map: key, value, kv and all, by id and by name, as bpftool" {
	local id
	id=$(map_id "$MAP")
	same_as_bpftool map id "$id" key
	[[ $(grep -c '^\[' "$BATS_TEST_TMPDIR/ours.txt") == 1 ]]
	grep -q "STRUCT 'link_key'" "$BATS_TEST_TMPDIR/ours.txt"
	same_as_bpftool map id "$id" value
	grep -q "STRUCT 'link_value'" "$BATS_TEST_TMPDIR/ours.txt"
	same_as_bpftool map pinned "$MAP" kv
	same_as_bpftool map name link_stats all
	grep -q "ENUM 'link_verdict'" "$BATS_TEST_TMPDIR/ours.txt"
	grep -q "FUNC 'link_xdp'" "$BATS_TEST_TMPDIR/ours.txt"
}

@test "btf dump map: the BTF object is the map's (btf_id of map show)" {
	local btf_id
	btf_id=$("$BPFTOOL" -j map show pinned "$MAP" | python3 -c 'import json,sys; print(json.load(sys.stdin)["btf_id"])')
	bpfctl_to "$BATS_TEST_TMPDIR/all.txt" btf dump map pinned "$MAP" all
	expect_status 0
	bpfctl_to "$BATS_TEST_TMPDIR/id.txt" btf dump id "$btf_id"
	expect_status 0
	same_file "$BATS_TEST_TMPDIR/id.txt" "$BATS_TEST_TMPDIR/all.txt"
}

@test "btf dump map format c: key and value types with what they need, compilable" {
	bpfctl_to "$BATS_TEST_TMPDIR/kv.h" btf dump map pinned "$MAP" format c
	expect_status 0
	grep -q '^struct link_key {' "$BATS_TEST_TMPDIR/kv.h"
	grep -q '^struct link_value {' "$BATS_TEST_TMPDIR/kv.h"
	grep -q '^enum link_verdict {' "$BATS_TEST_TMPDIR/kv.h"
	not_in_file 'link_xdp|__sk_buff' "$BATS_TEST_TMPDIR/kv.h"
	compile_header "$BATS_TEST_TMPDIR/kv.h"
	bpfctl_to "$BATS_TEST_TMPDIR/v.h" btf dump map pinned "$MAP" value format c
	expect_status 0
	grep -q '^struct link_value {' "$BATS_TEST_TMPDIR/v.h"
	not_in_file 'struct link_key' "$BATS_TEST_TMPDIR/v.h"
	compile_header "$BATS_TEST_TMPDIR/v.h"
}

@test "btf dump prog: the program's BTF, by pinned path, id and name, as bpftool" {
	local id
	same_as_bpftool prog pinned "$PIN/progs/link_xdp"
	grep -q "FUNC 'link_xdp' type_id=" "$BATS_TEST_TMPDIR/ours.txt"
	id=$("$BPFTOOL" -j prog show pinned "$PIN/progs/link_cgroup" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	same_as_bpftool prog id "$id"
	same_as_bpftool prog name link_iter
	# bpftool v7.1 has no root_id: the type is the same line as in the whole dump
	bpfctl_to "$BATS_TEST_TMPDIR/root.txt" btf dump prog name link_iter root_id 1
	expect_status 0
	[[ $(grep -c '^\[' "$BATS_TEST_TMPDIR/root.txt") == 1 ]]
	grep -qxF "$(head -n 1 "$BATS_TEST_TMPDIR/root.txt")" "$BATS_TEST_TMPDIR/ours.txt"
	bpfctl_to "$BATS_TEST_TMPDIR/p.h" btf dump prog pinned "$PIN/progs/link_xdp" format c
	expect_status 0
	grep -q '^struct link_key {' "$BATS_TEST_TMPDIR/p.h"
	compile_header "$BATS_TEST_TMPDIR/p.h"
}

@test "btf dump prog|map: objects without BTF, unknown ones and bad words are clean errors" {
	run_bpfctl btf dump prog pinned "$PIN/nobtf_prog"
	expect_error
	[[ $stderr == *"has no BTF"* ]]
	run_bpfctl btf dump map pinned "$PIN/nobtf_map"
	expect_error
	[[ $stderr == *"map id "*"('nobtf') has no BTF"* ]]
	run_bpfctl btf dump map id 4000000000
	expect_error
	[[ $stderr == *"no map with id 4000000000"* ]]
	run_bpfctl btf dump prog id 4000000000
	expect_error
	run_bpfctl btf dump map pinned "$PIN/progs/link_xdp"
	expect_error
	[[ $stderr == *"not a pinned map"* ]]
	run_bpfctl btf dump prog pinned "$BATS_FILE_TMPDIR/link_progs.o"
	expect_error
	run_bpfctl btf dump map pinned "$MAP" k
	expect_error
	[[ $stderr == *"'k'"* ]]
	run_bpfctl btf dump map pinned "$MAP" kv root_id 1
	expect_error
	[[ $stderr == *root_id* ]]
	run_bpfctl btf dump map pinned "$MAP" root_id 1
	expect_error
	run_bpfctl btf dump map pinned "$MAP" all root_id 1
	expect_status 0
	run_bpfctl btf dump map pinned "$MAP" bogus
	expect_error
	run_bpfctl btf dump map
	expect_error
	run_bpfctl btf dump prog pinned "$PIN/progs/link_xdp" root_id 100000
	expect_error
	[[ $stderr == *"out of range"* ]]
	run_bpfctl -j btf dump map pinned "$MAP" format c
	expect_status 255
	[[ $output == *'"error"'* ]]
}

@test "btf help names the prog and map sources" {
	run_bpfctl btf help
	expect_status 0
	[[ $output == *"prog PROG"* && $output == *"map MAP [{ key | value | kv | all }]"* ]]
	[[ $output == *"MAP := { id MAP_ID | pinned FILE | name MAP_NAME }"* ]]
}
