#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# libbpf's object-level API on the real kernel, through
# tests/helpers/objapi_check.c (built against libbpfcore.a) and objects
# compiled now from tests/progs/api_objapi*.bpf.c:
#  - bpf_map__lookup/update/delete/lookup_and_delete_elem, get_next_key:
#    hash, array and per-CPU maps with right and wrong sizes;
#  - bpf_object__pin/unpin under a bpffs directory of this suite's own;
#  - bpf_object__prepare then bpf_object__load; bpf_program__set_insns,
#    unload, clone, func_info/line_info; bpf_prog_linfo from a loaded
#    program's info; custom SEC() handlers;
#  - map definitions changed before load: inner map fd, bloom filter
#    map_extra, NUMA node, ifindex (an offload the kernel refuses),
#    struct_ops autoattach, exclusive programs (Linux 6.18).

load ../lib/common

setup_file() {
	require_root_caps
	export HELPER=$BATS_FILE_TMPDIR/objapi_check
	export OBJ=$BATS_FILE_TMPDIR
	export PIN=/sys/fs/bpf/bpfctl-test-objapi-$$
	build_helper "$HELPER" "$REPO_ROOT/tests/helpers/objapi_check.c"
	local p
	for p in api_objapi api_objapi_defs api_objapi_excl api_objapi_handler; do
		compile_bpf "$PROGS/$p.bpf.c" "$OBJ/$p.o"
	done
}

setup() {
	require_root_caps
}

teardown() {
	rm -rf "$PIN"
}

# run_helper ARGS...: the helper succeeds; its output (stdout and the
# library's messages) is in $output.
run_helper() {
	run "$HELPER" "$@"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "api_objapi: bpf_map__*_elem() on a hash map, and the key and value size checks" {
	run_helper elem "$OBJ/api_objapi.o"
	# a map not created yet: ENOENT, as libbpf
	[[ $output == *"before load: -2"* ]]
	[[ $output == *"hash next after last: -2"* ]]
	[[ $output == *"hash wrong key size: -22"* ]]
	[[ $output == *"map 'objapi_hash': key size 8 given, expected 4"* ]]
	[[ $output == *"hash wrong value size: -22 errno 22"* ]]
	[[ $output == *"map 'objapi_hash': value size 16 given, expected 8"* ]]
	[[ $output == *"hash next key wrong size: -22"* ]]
	[[ $output == *"hash after lookup_and_delete: -2"* ]]
	[[ $output == *"hash delete: 0"* ]]
	[[ $output == *"hash delete wrong key size: -22"* ]]
	[[ $output == *"hash delete missing: -2"* ]]
}

@test "api_objapi: bpf_map__*_elem() on array and per-CPU maps" {
	local cpus
	cpus=$(python3 -c 'import os; print(max(int(r.split("-")[-1]) for r in open("/sys/devices/system/cpu/possible").read().strip().split(",")) + 1)')
	run_helper elem "$OBJ/api_objapi.o"
	# the kernel's own refusal passes through
	[[ $output == *"array delete (kernel refuses): -22"* ]]
	[[ $output == *"array value size 4: -22"* ]]
	# 4-byte per-CPU values travel as 8 bytes per possible CPU
	[[ $output == *"percpu unpadded size: -22"* ]]
	[[ $output == *"value size $((4 * cpus)) given for a per-CPU map, expected $cpus * 8 = $((8 * cpus))"* ]]
	[[ $output == *"percpu one value: -22"* ]]
	local want="percpu values:" i
	for ((i = 0; i < cpus; i++)); do
		want+=" $((100 + i))"
	done
	[[ $output == *"$want ($cpus cpus)"* ]]
}

@test "api_objapi: bpf_object__pin and unpin: files appear under the directory and vanish" {
	local other=$BATS_TEST_TMPDIR/not-bpffs
	mkdir -p "$other"
	run_helper pin "$OBJ/api_objapi.o" "$PIN" "$other"
	[[ $output == *"pin before load: -2"* ]]
	# outside bpffs: the kernel's EPERM, and nothing left behind
	[[ $output == *"pin outside bpffs: -1"* ]]
	[[ $output == *"cannot pin at '$other/objapi_hash': Operation not permitted"* ]]
	[[ $output == *"left in the other dir:"$'\n'* ]]
	[[ $output == *"pin: 0"* ]]
	local line
	line=$(grep '^pinned:' <<<"$output")
	local n
	for n in objapi_hash objapi_array objapi_percpu objapi_count objapi_seen; do
		[[ " $line " == *" $n "* ]]
	done
	# pinning again fails on the programs, and keeps what the first pin made
	[[ $output == *"pin again: -17"* ]]
	[[ $output == *"unpin by an object not loaded: 0"* ]]
	[[ $output == *"after unpin:"$'\n'* ]]
	[[ $output == *"unpin again: -2"* ]]
	[ -d "$PIN" ]
	[ -z "$(ls -A "$PIN")" ]
	[ -z "$(ls -A "$other")" ]
}

@test "api_objapi: bpf_object__prepare creates maps and links programs, bpf_object__load loads them" {
	run_helper prepare "$OBJ/api_objapi.o"
	[[ $output == *"opened: insns 10, func_info 0"* ]]
	# the sub-program is appended and its func_info gathered, nothing loaded
	[[ $output == *"prepared: map fd yes, prog fd -2, insns grew 1, func_info 2"* ]]
	[[ $output == *"map setter after prepare: -16"* ]]
	[[ $output == *"prog setter after prepare: 0"* ]]
	[[ $output == *"elem after prepare: 0"* ]]
	[[ $output == *"prepare again: -22"* ]]
	[[ $output == *"loaded: prog runs 2"* ]]
	[[ $output == *"load again: -22"* ]]
	[[ $output == *"prog setter after load: -16"* ]]
}

@test "api_objapi: bpf_program__set_insns before prepare: r0 = 42; exit is what runs" {
	run_helper insns "$OBJ/api_objapi.o" before-prepare
	[[ $output == *"set_insns before-prepare: 0, insn_cnt 2"* ]]
	[[ $output == *"runs 42, func_info 0, line_info 0"* ]]
	# the object's other program is relocated and loaded as usual
	[[ $output == *"other program runs 2"* ]]
	[[ $output == *"set_insns after load: -16"* ]]
}

@test "api_objapi: bpf_program__set_insns after prepare keeps the infos that still fit" {
	run_helper insns "$OBJ/api_objapi.o" after-prepare
	[[ $output == *"set_insns after-prepare: 0, insn_cnt 2"* ]]
	# the records of instructions 0 and 1 stay: one function, a line or two
	[[ $output =~ "runs 42, func_info 1, line_info "[12]$'\n' ]]
	[[ $output == *"other program runs 2"* ]]
}

@test "api_objapi: func_info and line_info match the kernel's counts and the object's BTF" {
	run_helper infos "$OBJ/api_objapi.o"
	[[ $output == *"before load: func_info NULL errno 95"* ]]
	local fi li kfi kli
	read -r fi kfi li kli < <(sed -n 's/^func_info \([0-9]*\) (kernel \([0-9]*\)), line_info \([0-9]*\) (kernel \([0-9]*\))$/\1 \2 \3 \4/p' <<<"$output")
	[ "$fi" = 2 ] && [ "$kfi" = 2 ]
	[ "$li" -gt 2 ] && [ "$li" = "$kli" ]
	[[ $output == *"func 0 at insn 0: objapi_count"* ]]
	[[ $output == *"func 1 at insn "*": objapi_bump"* ]]
	[[ $output == *"first line: "*"return objapi_bump("* ]]
	[[ $output == *"unloaded: fd -2, func_info 0, line_info 0"* ]]
	# bpfctl's dump of the same program loaded by `prog load`: one source
	# line a record, one prototype a function
	mkdir -p "$PIN"
	"$BPFCTL" prog load "$OBJ/api_objapi.o" "$PIN/count"
	"$BPFCTL" -j prog dump xlated pinned "$PIN/count" linum >"$BATS_TEST_TMPDIR/dump.json"
	local counts
	counts=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(sum("proto" in i for i in d), sum("src" in i for i in d))' "$BATS_TEST_TMPDIR/dump.json")
	[ "$counts" = "$fi $li" ]
}

@test "api_objapi: bpf_program__unload frees the kernel program; bpf_program__clone loads it again" {
	run_helper unload "$OBJ/api_objapi.o"
	[[ $output == *"loaded: runs 2"* ]]
	[[ $output == *"unloaded: fd -2"* ]]
	[[ $output == *"kernel id gone: yes"* ]]
	[[ $output == *"reloaded: runs 2"* ]]
}

@test "api_objapi: bpf_program__clone: caller-owned programs from a prepared object" {
	run_helper clone "$OBJ/api_objapi.o"
	[[ $output == *"clone before prepare: -22"* ]]
	[[ $output == *"can't clone a program of an object not prepared"* ]]
	[[ $output == *"clones: distinct ids yes, func_info 2, runs 2 2, object fd -2"* ]]
	[[ $output == *"clone with caller's log: fd yes, log filled"* ]]
	[[ $output == *"clone with half a func_info: -22"* ]]
	[[ $output == *"func_info, func_info_cnt and func_info_rec_size must be given together"* ]]
	[[ $output == *"clone with bad flags: -22"* ]]
	[[ $output == *"clone failed to load: Invalid argument"* ]]
	[[ $output == *"clone after load: yes, object fd own"* ]]
}

@test "api_objapi: bpf_prog_linfo from a loaded program's info finds source lines" {
	local src=$PROGS/api_objapi.bpf.c call_line bump_line
	call_line=$(grep -n 'return objapi_bump(' "$src" | cut -d: -f1)
	bump_line=$(grep -n '^static __noinline int objapi_bump(' "$src" | cut -d: -f1)
	run_helper linfo "$OBJ/api_objapi.o"
	[[ $output == *"line_info "*", jited funcs 2"* ]]
	[[ $output == *"insn 0: insn 0 line $call_line file "*"api_objapi.bpf.c"* ]]
	[[ $output == *"insn 0 skip all: none (errno 2)"* ]]
	# the first JITed address of the sub-program is its first line
	[[ $output == *"func 1 start: insn "*" line $bump_line file "*"api_objapi.bpf.c"* ]]
	[[ $output == *"func 1 before start: none (errno 2)"* ]]
	[[ $output == *"func 9: none (errno 2)"* ]]
	[[ $output == *"no line info: NULL errno 22"* ]]
}

@test "api_objapi: a custom SEC() handler gives type, attach type and callbacks" {
	run_helper handler "$OBJ/api_objapi_handler.o"
	[[ $output == *"registered: yes yes"* ]]
	[[ $output == *"second fallback: -16"* ]]
	# BPF_PROG_TYPE_RAW_TRACEPOINT 17, BPF_TRACE_RAW_TP 23
	[[ $output == *"type_by_name: 0 type 17 attach 23"* ]]
	[[ $output == *"setup objapi_custom cookie 77 type 17"* ]]
	[[ $output == *"custom: type 17 attach 23; fallback: type 17"* ]]
	[[ $output == *"prepare_load objapi_custom cookie 77 expected_attach_type 23"* ]]
	[[ $output == *"attach objapi_custom cookie 77: link"* ]]
	[[ $output == *"bpf_program__attach: link"* ]]
	[[ $output == *"attach without callback: NULL errno EOPNOTSUPP"* ]]
	[[ $output == *"calls: setup 1 prepare 1 attach 1"* ]]
	[[ $output == *"unregister: 0 0, again -2, bad -22"* ]]
	[[ $output == *"after unregister: type 0"* ]]
}

@test "api_objapi: bpf_map__set_inner_map_fd creates the map-in-map with the caller's inner map" {
	run_helper defs "$OBJ/api_objapi_defs.o" inner
	[[ $output == *"inner fd on a hash: -22"* ]]
	[[ $output == *"an inner map fd needs a map-in-map, this is a hash map"* ]]
	[[ $output == *"inner fd: 0, again -22"* ]]
	[[ $output == *"inner map fd already set"* ]]
	[[ $output == *"outer slot 0 takes the inner map: 0"* ]]
	[[ $output == *"slot 0 holds it: yes"* ]]
}

@test "api_objapi: bpf_map__set_map_extra sets a bloom filter's hash count" {
	run_helper defs "$OBJ/api_objapi_defs.o" bloom
	[[ $output == *"map_extra: 0"* ]]
	[[ $output == *"map_extra after load: -16"* ]]
	[[ $output == *"kernel map_extra 3"* ]]
	[[ $output == *"bloom push: 0"* ]]
	[[ $output == *"bloom has 7: 0"* ]]
	[[ $output == *"bloom has 8: -2"* ]]
	# XDP_DROP (1): the program found 7 too
	[[ $output == *"program sees 7: 1"* ]]
}

@test "api_objapi: bpf_map__set_numa_node: node 0 created, a node that doesn't exist refused" {
	run_helper defs "$OBJ/api_objapi_defs.o" numa
	[[ $output == *"numa node 0: 0, reads back 0"* ]]
	[[ $output == *"load: 0"* ]]
	[[ $output == *"kernel map_flags has BPF_F_NUMA_NODE: yes"* ]]
	[[ $output == *"numa node after load: -16"* ]]
	run_helper defs "$OBJ/api_objapi_defs.o" numa-bad
	[[ $output == *"numa node 1000: 0, reads back 1000"* ]]
	[[ $output == *"load: -22"* ]]
	[[ $output == *"failed to create hash map (key 4, value 4, max_entries 4, NUMA node 1000): Invalid argument"* ]]
}

@test "api_objapi: bpf_map__set_ifindex to a device that can't offload: the kernel's refusal, named" {
	local lo
	lo=$(cat /sys/class/net/lo/ifindex)
	run_helper defs "$OBJ/api_objapi_defs.o" "ifindex=$lo"
	[[ $output == *"ifindex default 0"* ]]
	[[ $output == *"set ifindex $lo: 0, reads back $lo"* ]]
	[[ $output == *"load: -"* ]]
	[[ $output == *"map 'objapi_plain': failed to create hash map (key 4, value 4, max_entries 4, offloaded to ifindex $lo): "* ]]
	[[ $output == *"ifindex after load: -16"* ]]
}

@test "api_objapi: bpf_map__autoattach is a struct_ops map's flag, true by default" {
	run_helper defs "$OBJ/api_objapi_defs.o" autoattach
	[[ $output == *"hash autoattach 0, set -22"* ]]
	[[ $output == *"autoattach is for struct_ops maps, this is a hash map"* ]]
	[[ $output == *"struct_ops autoattach 1"* ]]
	[[ $output == *"set false 0 -> 0"* ]]
	[[ $output == *"set true 0 -> 1"* ]]
}

@test "api_objapi: bpf_map__set_exclusive_program: the owner loads and runs" {
	run_helper excl "$OBJ/api_objapi_excl.o" owner-only
	[[ $output == *"exclusive default: NULL"* ]]
	[[ $output == *"program of another object: -22"* ]]
	[[ $output == *"set: 0, reads back owner"* ]]
	[[ $output == *"load: 0"* ]]
	# the map's value 5 makes the owner return XDP_DROP (1)
	[[ $output == *"owner runs 1"* ]]
	[[ $output == *"set after load: -22"* ]]
}

@test "api_objapi: bpf_map__set_exclusive_program: another program using the map is refused by the kernel" {
	run_helper excl "$OBJ/api_objapi_excl.o" both
	[[ $output == *"load: -13"* ]]
	[[ $output == *"prog 'objapi_intruder': failed to load xdp program"*"Permission denied"* ]]
	[[ $output == *"program's hash doesn't match map's excl_prog_hash"* ]]
	[[ $output != *"prog 'objapi_owner': failed"* ]]
}

@test "api_objapi: bpf_object__set_kversion, token_fd and the pre-1.0 getters" {
	run_helper misc "$OBJ/api_objapi.o"
	[[ $output == *"token fd -1"* ]]
	[[ $output == *"set_kversion 0 -> 0x60112"* ]]
	# BPF_PROG_TYPE_XDP 6, BPF_XDP 37
	[[ $output == *"get_type 6 get_expected_attach_type 37"* ]]
	[[ $output == *"get_pin_path NULL"* ]]
	[[ $output == *"set_kversion after load -22"* ]]
}
