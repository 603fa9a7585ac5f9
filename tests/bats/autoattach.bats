#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# "prog load|loadall OBJ PATH autoattach": every program whose SEC() says
# where is attached and its link pinned at PATH/<prog>, the others pinned
# as programs with a notice; the attachments outlive bpfctl (effects
# counted afterwards), removing a pin releases its link, and a program that
# can't attach (no kprobes here) fails the command, leaving nothing.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-autoattach-$$
	export HELPER=$BATS_FILE_TMPDIR/attach_check
	export OBJ=$BATS_FILE_TMPDIR
	build_helper "$HELPER" "$REPO_ROOT/tests/helpers/attach_check.c"
	printf '#define UPROBE_BINARY "%s"\n' "$HELPER" >"$OBJ/attach_target.h"
	local p
	for p in auto kprobe; do
		compile_bpf "$PROGS/attach_$p.bpf.c" "$OBJ/attach_$p.o"
	done
	compile_bpf "$PROGS/attach_uprobe.bpf.c" "$OBJ/attach_uprobe.o" "$OBJ"
}

setup() {
	require_root_caps
}

teardown() {
	rm -rf "$PIN"
}

link_ids() {
	"$BPFTOOL" -j link show | python3 -c 'import json,sys; [print(l["id"]) for l in json.load(sys.stdin)]'
}

# bpftool_show KIND PIN KEY: field KEY of bpftool's JSON for the KIND pinned at PIN.
bpftool_show() {
	"$BPFTOOL" -j "$1" show pinned "$2" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$3"
}

@test "loadall autoattach: links pinned per program, untargeted programs pinned as programs with a notice" {
	run_bpfctl prog loadall "$OBJ/attach_auto.o" "$PIN/progs" pinmaps "$PIN/maps" autoattach
	expect_status 0
	local p
	for p in auto_tp auto_uprobe auto_uretprobe; do
		[[ $(bpftool_show link "$PIN/progs/$p" type) == perf_event ]]
	done
	[[ $(bpftool_show link "$PIN/progs/auto_raw_tp" type) == raw_tracepoint ]]
	[[ $(bpftool_show link "$PIN/progs/auto_raw_tp" tp_name) == sys_enter ]]
	[[ $(bpftool_show link "$PIN/progs/auto_tp_btf" type) == raw_tracepoint ]]
	[[ $(bpftool_show link "$PIN/progs/auto_iter" type) == iter ]]
	# the link's program is the one loaded under that name
	local prog
	prog=$(bpftool_show link "$PIN/progs/auto_tp" prog_id)
	[[ $("$BPFTOOL" -j prog show id "$prog" | python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])') == auto_tp ]]
	# xdp and cgroup_skb name no target: pinned as programs
	[[ $(bpftool_show prog "$PIN/progs/auto_xdp" type) == xdp ]]
	[[ $(bpftool_show prog "$PIN/progs/auto_cgroup" type) == cgroup_skb ]]
	[[ $stderr == *"program 'auto_xdp': SEC(\"xdp\") names no attach point, pinned the program at '$PIN/progs/auto_xdp' instead"* ]]
	[[ $stderr == *"program 'auto_cgroup'"*"names no attach point"* ]]
}

@test "loadall autoattach: the pinned links keep counting after bpfctl exits; rm of a pin releases its link" {
	run_bpfctl prog loadall "$OBJ/attach_auto.o" "$PIN/progs" pinmaps "$PIN/maps" autoattach
	expect_status 0
	local n0 n1 u0 u1
	n0=$("$HELPER" count "$PIN/maps/counts" 0)
	u0=$("$HELPER" count "$PIN/maps/counts" 3)
	python3 -c 'import os; [os.getppid() for _ in range(20)]'
	n1=$("$HELPER" count "$PIN/maps/counts" 0)
	u1=$("$HELPER" count "$PIN/maps/counts" 3)
	((n1 >= n0 + 20))
	# the uprobe on libc's getppid, in every process
	((u1 >= u0 + 20))
	local id
	id=$(bpftool_show link "$PIN/progs/auto_tp" id)
	link_ids | grep -qx "$id"
	rm "$PIN/progs/auto_tp"
	! link_ids | grep -qx "$id"
	n0=$("$HELPER" count "$PIN/maps/counts" 0)
	python3 -c 'import os; [os.getppid() for _ in range(20)]'
	n1=$("$HELPER" count "$PIN/maps/counts" 0)
	((n1 < n0 + 20))
}

@test "loadall autoattach: an iterator read through its pinned link" {
	run_bpfctl prog loadall "$OBJ/attach_auto.o" "$PIN/progs" autoattach
	expect_status 0
	run cat "$PIN/progs/auto_iter"
	expect_status 0
	# this shell is one of the tasks listed
	[[ $output == *"tgid $$"$'\n'* ]]
}

@test "loadall autoattach: a uprobe on a function of a binary the test built" {
	run_bpfctl prog loadall "$OBJ/attach_uprobe.o" "$PIN/progs" pinmaps "$PIN/maps" autoattach
	expect_status 0
	[[ $(bpftool_show link "$PIN/progs/auto_func" type) == perf_event ]]
	"$HELPER" call 7
	(($("$HELPER" count "$PIN/maps/counts" 3) == 7))
	(($("$HELPER" count "$PIN/maps/counts" 4) == 7))
	rm "$PIN/progs/auto_func" "$PIN/progs/auto_func_ret"
	"$HELPER" call 7
	(($("$HELPER" count "$PIN/maps/counts" 3) == 7))
}

@test "load autoattach: the first program attached, its link pinned at PATH" {
	run_bpfctl prog load "$OBJ/attach_auto.o" "$PIN/tp" autoattach
	expect_status 0
	[[ $(bpftool_show link "$PIN/tp" type) == perf_event ]]
}

@test "loadall autoattach of kprobes on a kernel without them: clear error, nothing pinned or attached" {
	local before
	before=$(link_ids | wc -l)
	run_bpfctl prog loadall "$OBJ/attach_kprobe.o" "$PIN/progs" pinmaps "$PIN/maps" autoattach
	expect_error
	[[ $stderr == *"program 'kprobe_nanosleep'"*"can't attach kprobe to 'do_nanosleep': kernel built without kprobes"* ]]
	[[ -z $(find "$PIN" -mindepth 1 ! -type d 2>/dev/null) ]]
	(($(link_ids | wc -l) == before))
	run_bpfctl -j prog loadall "$OBJ/attach_kprobe.o" "$PIN/progs" autoattach
	expect_status 255
	json_valid <<<"$output"
	[[ $output == *"kernel built without kprobes"* ]]
}

@test "loadall autoattach onto a taken pin path: error, the rest undone" {
	mkdir -p "$PIN/progs"
	touch "$PIN/progs/auto_tp_btf" 2>/dev/null || "$BPFTOOL" map create "$PIN/progs/auto_tp_btf" type array key 4 value 4 entries 1 name taken
	local before
	before=$(link_ids | wc -l)
	run_bpfctl prog loadall "$OBJ/attach_auto.o" "$PIN/progs" autoattach
	expect_error
	[[ $stderr == *"'$PIN/progs/auto_tp_btf'"*"exists"* ]]
	[[ ! -e $PIN/progs/auto_tp && ! -e $PIN/progs/auto_raw_tp ]]
	(($(link_ids | wc -l) == before))
}
