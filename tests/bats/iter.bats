#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# iter pin: iterators from tests/progs/iter_*.bpf.c attached as iterator
# links and pinned on bpffs; reading the pinned file runs them (a task
# iterator shows this test's own process, a map iterator a map the test
# made). The refusals (no iterator, missing file, a path off bpffs or taken,
# a map for an iterator without one, the kernel's EPERM for bpf_map_elem)
# leave nothing pinned and no program loaded.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-iter-$$
	local p
	for p in iter_task iter_map iter_elem iter_sockmap iter_none; do
		compile_bpf "$PROGS/$p.bpf.c" "$BATS_FILE_TMPDIR/$p.o"
	done
	mkdir -p "$PIN"
}

teardown_file() {
	rm -rf "/sys/fs/bpf/bpfctl-test-iter-$$"
}

setup() {
	require_root_caps
	OBJ=$BATS_FILE_TMPDIR
}

# progs_named NAME: the ids of the loaded programs called NAME (bpftool, the oracle).
progs_named() {
	"$BPFTOOL" -j prog show | python3 -c '
import json, sys
print(" ".join(str(p["id"]) for p in json.load(sys.stdin) if p.get("name") == sys.argv[1]))' "$1"
}

@test "iter pin: a task iterator's pinned file lists this test's process, pid and comm" {
	run_bpfctl iter pin "$OBJ/iter_task.o" "$PIN/task"
	expect_status 0
	[[ -z $output ]]
	# the reader is a child of this shell: cat sees itself and its parent
	run cat "$PIN/task"
	[[ $output == *"pid $$ tgid $$ comm "* ]]
	grep -q " comm cat$" <<<"$output"
	[[ $(grep -c '^pid [0-9]* tgid [0-9]* comm ' <<<"$output") == "${#lines[@]}" ]]
	[[ $("$BPFTOOL" -j link show pinned "$PIN/task") == *'"type":"iter"'* ]]
	rm "$PIN/task"
}

@test "iter pin: a map iterator lists the map the test created; -j prints null" {
	local map_id
	"$BPFCTL" map create "$PIN/m" type hash key 4 value 4 entries 4 name iterlog_m
	map_id=$("$BPFTOOL" -j map show pinned "$PIN/m" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	run_bpfctl -j iter pin "$OBJ/iter_map.o" "$PIN/maps"
	expect_status 0
	[[ $output == null ]]
	run cat "$PIN/maps"
	rm "$PIN/maps" "$PIN/m"
	[[ $output == *"map $map_id iterlog_m"* ]]
}

@test "iter pin: bpffs is mounted at /sys/fs/bpf first unless -n, as for other pins" {
	run --separate-stderr unshare --mount --propagation private bash -c '
		while mountpoint -q /sys/fs/bpf; do umount /sys/fs/bpf; done
		"$BPFCTL" -n iter pin "$1" /sys/fs/bpf/t; echo "status $?"
		stat -f -c %T /sys/fs/bpf
		"$BPFCTL" iter pin "$1" /sys/fs/bpf/t; echo "status $?"
		stat -f -c %T /sys/fs/bpf
		grep -c "^pid " /sys/fs/bpf/t' _ "$OBJ/iter_task.o"
	no_sanitizer_report
	[[ ${lines[0]} == "status 255" && ${lines[1]} == sysfs ]]
	[[ ${lines[2]} == "status 0" && ${lines[3]} == bpf_fs && ${lines[4]} -gt 0 ]]
	[[ $stderr == "Error: can't pin at '/sys/fs/bpf/t': '/sys/fs/bpf' is not on a BPF filesystem (bpffs)" ]]
}

@test "iter pin: an object without an iterator program is refused, nothing loaded" {
	run_bpfctl iter pin "$OBJ/iter_none.o" "$PIN/none"
	expect_error
	[[ $stderr == *"iterator program not found in object '$OBJ/iter_none.o': its first program 'iter_none' is SEC(\"socket\")"* ]]
	[[ ! -e $PIN/none && -z $(progs_named iter_none) ]]
}

@test "iter pin: a missing object file, a path off bpffs, a taken path: clear errors, nothing left" {
	local before
	before=$(progs_named iter_task)
	run_bpfctl iter pin "$OBJ/missing.o" "$PIN/x"
	expect_error
	[[ $stderr == *"can't open object '$OBJ/missing.o'"*"No such file or directory"* ]]

	run_bpfctl iter pin "$OBJ/iter_task.o" "$BATS_TEST_TMPDIR/x"
	expect_error
	[[ $stderr == *"can't pin at '$BATS_TEST_TMPDIR/x': '$BATS_TEST_TMPDIR' is not on a BPF filesystem (bpffs)"* ]]
	[[ ! -e $BATS_TEST_TMPDIR/x ]]

	"$BPFCTL" map create "$PIN/taken" type array key 4 value 4 entries 1 name iterlog_t
	run_bpfctl iter pin "$OBJ/iter_task.o" "$PIN/taken"
	rm "$PIN/taken"
	expect_error
	[[ $stderr == *"can't pin at '$PIN/taken': the path exists"* ]]
	[[ ! -e $PIN/x && $(progs_named iter_task) == "$before" ]]
}

@test "iter pin: usage errors" {
	run_bpfctl iter pin "$OBJ/iter_task.o"
	expect_error
	[[ $stderr == *"'iter pin' needs OBJ and PATH"* ]]
	run_bpfctl iter pin "$OBJ/iter_task.o" "$PIN/u" bogus
	expect_error
	[[ $stderr == *"unknown argument 'bogus'"* ]]
	run_bpfctl iter pin "$OBJ/iter_task.o" "$PIN/u" map id
	expect_error
	run_bpfctl iter pin "$OBJ/iter_task.o" "$PIN/u" map id 4294967295
	expect_error
	[[ $stderr == *"no map with id 4294967295"* ]]
	[[ ! -e $PIN/u ]]
}

@test "iter pin: 'map MAP' for an iterator that walks no map is refused, nothing pinned" {
	"$BPFCTL" map create "$PIN/m2" type hash key 4 value 4 entries 4 name iterlog_m2
	run_bpfctl iter pin "$OBJ/iter_task.o" "$PIN/t2" map pinned "$PIN/m2"
	rm "$PIN/m2"
	expect_error
	[[ $stderr == *"iterator 'iter_task' (SEC(\"iter/task\")) takes no map"* ]]
	[[ ! -e $PIN/t2 ]]
}

@test "iter pin: a map element iterator with its map, or the kernel's refusal (EPERM here)" {
	"$BPFCTL" map create "$PIN/h" type hash key 4 value 4 entries 4 name iterlog_h
	run_bpfctl iter pin "$OBJ/iter_elem.o" "$PIN/elem" map pinned "$PIN/h"
	rm "$PIN/h"
	if ((status == 0)); then
		# a kernel that loads it: the (empty) iterator reads as nothing
		run cat "$PIN/elem"
		rm "$PIN/elem"
		[[ -z $output ]]
	else
		expect_error
		[[ $stderr == *"can't load object '$OBJ/iter_elem.o': prog 'iter_elem': "*"Operation not permitted"* ]]
		[[ ! -e $PIN/elem && -z $(progs_named iter_elem) ]]
	fi
}

@test "iter pin: a sockmap iterator walks its sockmap, or the kernel refuses it (EPERM here)" {
	"$BPFCTL" map create "$PIN/sm" type sockmap key 4 value 4 entries 4 name iterlog_sm
	run_bpfctl iter pin "$OBJ/iter_sockmap.o" "$PIN/smi" map pinned "$PIN/sm"
	if ((status == 0)); then
		# an empty sockmap: only the walk's last call
		run cat "$PIN/smi"
		rm "$PIN/smi" "$PIN/sm"
		[[ $output == end ]]
	else
		rm "$PIN/sm"
		expect_error
		[[ $stderr == *"can't load object '$OBJ/iter_sockmap.o': prog 'iter_sockmap': "*"Operation not permitted"* ]]
		[[ ! -e $PIN/smi && -z $(progs_named iter_sockmap) ]]
	fi
}

@test "iter help, and iter alone, show the usage" {
	run_bpfctl iter help
	expect_status 0
	[[ $output == *"iter pin OBJ PATH [map MAP]"* && $output == *"MAP := { id MAP_ID | pinned FILE | name MAP_NAME }"* ]]
	run_bpfctl iter
	expect_status 0
	[[ $output == *"iter pin OBJ PATH"* ]]
	run_bpfctl -j iter help
	[[ $output == null ]]
	run_bpfctl iter bogus
	expect_error
}
