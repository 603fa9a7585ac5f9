#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# USDT probes: bpf_program__attach_usdt() and SEC("usdt/BINARY:PROV:NAME")
# auto-attach, against usdt_target (tests/helpers), whose probes are
# notes written by our own usdt_sdt.h. The programs see each probe's
# arguments exactly (registers, constants, stack memory, 1 to 8 bytes,
# signed and unsigned), every site of a probe is attached, a semaphore is
# counted, and nothing stays attached once the links are gone. This kernel
# has uprobe_multi links: all sites of a probe are one link, pinnable;
# programs whose expected attach type the user set to 0 before the load
# get the fallback, one uprobe (perf event) per site.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-usdt-$$
	export D=$BATS_FILE_TMPDIR
	# -O2 puts the arguments in registers and constants, -O0 on the stack
	cc -O2 -I"$REPO_ROOT/tests/helpers" -o "$D/usdt_target" "$REPO_ROOT/tests/helpers/usdt_target.c"
	cc -O0 -I"$REPO_ROOT/tests/helpers" -o "$D/usdt_target_O0" \
		"$REPO_ROOT/tests/helpers/usdt_target.c"
	build_helper "$D/usdt_attach" "$REPO_ROOT/tests/helpers/usdt_attach.c"
	compile_bpf "$PROGS/usdt.bpf.c" "$D/usdt.o"
	mkdir -p "$D/auto"
	printf '#define USDT_TARGET "%s"\n' "$D/usdt_target" >"$D/auto/usdt_target.h"
	compile_bpf "$PROGS/usdt_auto.bpf.c" "$D/usdt_auto.o" "$D/auto"
}

setup() {
	require_root_caps
}

teardown() {
	rm -rf "$PIN"
}

# one_obj NAME SPEC [CLANG_DEFINE]: usdt_one.bpf.c with SEC("usdt/SPEC") as $D/NAME.o
one_obj() {
	mkdir -p "$D/$1"
	printf '#define USDT_SPEC "%s"\n' "$2" >"$D/$1/usdt_target.h"
	if [[ -n ${3-} ]]; then
		printf '#define %s\n' "$3" >>"$D/$1/usdt_target.h"
		sed 's|^#ifndef USDT_NO_MAPS|#include "usdt_target.h"\n#ifndef USDT_NO_MAPS|' \
			"$PROGS/usdt_one.bpf.c" >"$D/$1/usdt_one.bpf.c"
		compile_bpf "$D/$1/usdt_one.bpf.c" "$D/$1.o" "$D/$1"
	else
		compile_bpf "$PROGS/usdt_one.bpf.c" "$D/$1.o" "$D/$1"
	fi
}

# The lines usdt_attach prints for N=5 runs of usdt_target.
expected_api_output() {
	cat <<'EOF_OUT'
attach_type 48
attach_tick 0
attach_mixed 0
attach_twice 0
attach_none 0
attach_gated 0
tick_link_fd_valid 1
twice_link_fd_valid 1
twice_pin 0
twice_unpin 0
sixth_spec -7
no_such_probe -2
no_such_binary -2
rip_relative -22
semaphore 1
tick_hits 5
tick_sum_i 15
tick_sum_neg -15
tick_sum_prod 15000
tick_cookie 2748
tick_arg_cnt 3
tick_size0 4
tick_size2 8
tick_arg3_err -2
mixed_hits 5
mixed_sum_c -15
mixed_sum_s 300015
mixed_last_big 0x112233445566778d
twice_hits 10
twice_sum_i 30
twice_sum_const 70
none_hits 5
none_arg_cnt 0
gated_hits 5
gated_sum_i 15
reattach 0
semaphore 0
after_tick_hits 5
after_twice_hits 10
after_gated_hits 5
EOF_OUT
}

# What changes in the expected lines with one uprobe per site (usdt_attach -s).
PER_SITE_SED='
	s/^attach_type 48/attach_type 0/
	s/^twice_link_fd_valid 1/twice_link_fd_valid 0/
	s/^twice_pin 0/twice_pin -95/
	/^twice_unpin/d'

# What changes with the target built with -O0: the two sites of "twice"
# differ (two spec slots, not one), so the fifth program finds the 5 slots
# taken; "global" is read from a register.
O0_SED='
	s/^attach_gated 0/attach_gated -7/
	s/^rip_relative -22/rip_relative -7/
	0,/^semaphore 1/s/^semaphore 1/semaphore 0/
	s/^gated_hits 5/gated_hits 0/
	s/^gated_sum_i 15/gated_sum_i 0/
	s/^after_gated_hits 5/after_gated_hits 0/'

# api_run [-s] TARGET [SED]: run usdt_attach on TARGET (-s: one uprobe per
# site), compare with the expected lines (edited by the sed script SED).
api_run() {
	local opts=(-p "$PIN/twice")
	if [[ $1 == -s ]]; then
		opts+=(-s)
		shift
	fi
	mkdir -p "$PIN"
	run --separate-stderr "$D/usdt_attach" "${opts[@]}" "$D/usdt.o" "$1" 5
	no_sanitizer_report
	expect_status 0
	diff -u <(expected_api_output | sed -e "${2-}") <(printf '%s\n' "$output")
	[[ ! -e $PIN/twice ]]
}

@test "usdt C API: every site attached, arguments exact (registers, constants), cookie, detach" {
	api_run "$D/usdt_target"
	[[ $stderr == *"prog 'on_tick': can't attach usdt 'bpfctl_test:nosuch' in '$D/usdt_target': binary has no USDT probe 'bpfctl_test:nosuch'"* ]]
	[[ $stderr == *"can't attach usdt 'bpfctl_test:tick' in '/nonexistent/usdt_target': no such binary or library"* ]]
	[[ $stderr == *"too many USDT specs: all 5 slots of __bpf_usdt_specs are in use"* ]]
	[[ $stderr == *"can't use argument #0 '-4@usdt_global(%rip)': %rip-relative operands are not supported"* ]]
}

@test "usdt C API: arguments in stack memory, one spec per site (target built with -O0)" {
	readelf -n "$D/usdt_target_O0" | grep -q 'Arguments: -4@-[0-9]*(%rbp) -4@-[0-9]*(%rbp)'
	api_run "$D/usdt_target_O0" "$O0_SED"
	[[ $stderr == *"prog 'on_gated': can't attach usdt 'bpfctl_test:gated'"*"too many USDT specs"* ]]
}

@test "usdt: one uprobe_multi link per probe (two sites: one link of 2), at the notes, cookies = spec slots" {
	local links=$BATS_TEST_TMPDIR/links.json perf=$BATS_TEST_TMPDIR/perf.json
	USDT_WHILE_ATTACHED="$BPFCTL -j link show >$links; $BPFCTL -j perf show >$perf" \
		api_run "$D/usdt_target"
	python3 - "$links" "$perf" "$D/usdt_target" <<'PY'
import json, sys
links = [l for l in json.load(open(sys.argv[1])) if l.get("path") == sys.argv[3]]
# tick, mixed, twice, none, gated: a link each, twice's with both sites
assert len(links) == 5, links
assert all(l["type"] == "uprobe_multi" and not l["retprobe"] and l["pid"] == 0
           for l in links), links
assert sorted(l["func_cnt"] for l in links) == [1, 1, 1, 1, 2], links
funcs = [f for l in links for f in l["funcs"]]
data = open(sys.argv[3], "rb").read()
assert all(data[f["offset"]] == 0x90 for f in funcs), funcs
assert len({f["offset"] for f in funcs}) == 6, funcs
# -O2: the two sites of "twice" share a spec, so a cookie (slot); 5 slots in all
twice = next(l for l in links if l["func_cnt"] == 2)
assert twice["funcs"][0]["cookie"] == twice["funcs"][1]["cookie"], twice
assert sorted({f["cookie"] for f in funcs}) == [0, 1, 2, 3, 4], funcs
# gated counts its semaphore, the others have none
assert sorted(f["ref_ctr_offset"] != 0 for f in funcs) == [False] * 5 + [True], funcs
# no perf-event uprobes
assert not [e for e in json.load(open(sys.argv[2])) if e.get("filename") == sys.argv[3]]
PY
	run "$BPFCTL" -j link show
	[[ $output != *"$D/usdt_target"* ]]
	run "$D/usdt_target" 1
	[[ $output == "semaphore 0" ]]
}

@test "usdt C API fallback: attach type 0 set before load -> one uprobe per site, values exact, not pinnable" {
	local perf=$BATS_TEST_TMPDIR/perf.json
	USDT_WHILE_ATTACHED="$BPFCTL -j perf show >$perf" api_run -s "$D/usdt_target" \
		"$PER_SITE_SED"
	[[ $stderr == *"the link is 2 attachments (one per probe site), not one BPF link, and can't be pinned"* ]]
	# tick, mixed, none, gated once; twice at both of its sites; each at its note's nop
	python3 - "$perf" "$D/usdt_target" <<'PY'
import json, sys
evs = [e for e in json.load(open(sys.argv[1])) if e.get("filename") == sys.argv[2]]
assert len(evs) == 6, evs
assert all(e["fd_type"] == "uprobe" for e in evs), evs
data = open(sys.argv[2], "rb").read()
assert all(data[e["offset"]] == 0x90 for e in evs), evs
assert len({e["offset"] for e in evs}) == 6, evs
PY
	run "$BPFCTL" -j link show
	[[ $output != *"$D/usdt_target"* ]]
	run "$D/usdt_target" 1
	[[ $output == "semaphore 0" ]]
}

@test "usdt C API fallback with arguments in stack memory (-O0)" {
	api_run -s "$D/usdt_target_O0" "$PER_SITE_SED$O0_SED"
}

# links_on FILE: "type offset ref_ctr_offset cookie" of each probe on FILE,
# of perf-event uprobe links and of uprobe_multi links.
links_on() {
	"$BPFCTL" -j link show | python3 -c '
import json, sys
for l in json.load(sys.stdin):
    if l.get("file") == sys.argv[1]:
        print(l["type"], l["offset"], l["ref_ctr_offset"], l["cookie"])
    if l.get("path") == sys.argv[1]:
        for f in l["funcs"]:
            print(l["type"], f["offset"], f["ref_ctr_offset"], f["cookie"])' "$1"
}

@test "usdt loadall autoattach: SEC(\"usdt/...\") links pinned (two sites: one link), at the notes, counts exact after exit, gone with the pins" {
	run_bpfctl prog loadall "$D/usdt_auto.o" "$PIN/progs" pinmaps "$PIN/maps" autoattach
	expect_status 0
	[[ -e $PIN/progs/auto_tick && -e $PIN/progs/auto_gated && -e $PIN/progs/auto_twice ]]
	run_bpfctl -j link show pinned "$PIN/progs/auto_twice"
	expect_status 0
	python3 - "$output" "$D/usdt_target" <<'PY'
import json, sys
l = json.loads(sys.argv[1])
assert l["type"] == "uprobe_multi" and l["path"] == sys.argv[2] and l["func_cnt"] == 2, l
PY
	# four probes (twice at two sites), each at a probe's nop; gated counts its semaphore
	local probes_off
	probes_off=$(readelf -SW "$D/usdt_target" | awk '$2 == ".probes" { print $5 }')
	run links_on "$D/usdt_target"
	[[ ${#lines[@]} == 4 ]]
	[[ $output != *perf_event* ]]
	[[ $output == *" 0 "* ]]
	[[ $output == *" $((16#$probes_off)) "* ]]
	local nop off
	for off in $(links_on "$D/usdt_target" | cut -d' ' -f2); do
		nop=$(od -An -tx1 -j "$off" -N1 "$D/usdt_target" | tr -d ' ')
		[[ $nop == 90 ]]
	done
	run "$D/usdt_target" 4
	[[ ${lines[0]} == "semaphore 1" ]]
	run_bpfctl -j map dump pinned "$PIN/maps/usdt_aut_bss"
	expect_status 0
	python3 - "$output" <<'PY'
import json, sys
vals = {}
for d in json.loads(sys.argv[1])[0]["formatted"]["value"][".bss"]:
    vals.update(d)
want = {"tick_hits": 4, "tick_sum_i": 10, "tick_sum_neg": -10, "tick_sum_prod": 10000,
        "gated_hits": 4, "gated_sum_i": 10, "twice_hits": 8, "twice_sum_i": 20}
assert vals == want, vals
PY
	# the pin alone holds a link: removing it releases that one only
	rm "$PIN/progs/auto_twice"
	run links_on "$D/usdt_target"
	[[ ${#lines[@]} == 2 ]]
	"$D/usdt_target" 1 >/dev/null
	run_bpfctl -j map dump pinned "$PIN/maps/usdt_aut_bss"
	[[ $output == *'"twice_hits":8'* && $output == *'"tick_hits":5'* ]]
	rm -rf "$PIN"
	run links_on "$D/usdt_target"
	[[ -z $output ]]
	run "$D/usdt_target" 1
	[[ $output == "semaphore 0" ]]
}

@test "usdt loadall autoattach fallback (type kprobe: expected attach type 0): a two-site probe can't be pinned as one link" {
	one_obj twice "$D/usdt_target:bpfctl_test:twice"
	run_bpfctl prog loadall "$D/twice.o" "$PIN/t" type kprobe autoattach
	expect_error
	[[ $stderr == *"program 'usdt_one': attached at several places"* ]]
	run links_on "$D/usdt_target"
	[[ -z $output ]]
	[[ -z $(ls -A "$PIN"/* 2>/dev/null) ]]
	# without the type: one link, pinned
	run_bpfctl prog loadall "$D/twice.o" "$PIN/t" autoattach
	expect_status 0
	run links_on "$D/usdt_target"
	[[ ${#lines[@]} == 2 && $output == *uprobe_multi* ]]
}

@test "usdt autoattach errors: no such probe, no such binary, no spec map, unsupported argument; nothing left" {
	one_obj noprobe "$D/usdt_target:bpfctl_test:nosuch"
	run_bpfctl prog loadall "$D/noprobe.o" "$PIN/a" autoattach
	expect_error
	[[ $stderr == *"can't auto-attach program 'usdt_one': prog 'usdt_one': can't attach usdt 'bpfctl_test:nosuch' in '$D/usdt_target': binary has no USDT probe 'bpfctl_test:nosuch'"* ]]
	one_obj nobin "$D/nonexistent:bpfctl_test:tick"
	run_bpfctl prog loadall "$D/nobin.o" "$PIN/b" autoattach
	expect_error
	[[ $stderr == *"can't attach usdt 'bpfctl_test:tick' in '$D/nonexistent': no such binary or library"* ]]
	one_obj nomaps "$D/usdt_target:bpfctl_test:tick" USDT_NO_MAPS
	run_bpfctl prog loadall "$D/nomaps.o" "$PIN/c" autoattach
	expect_error
	[[ $stderr == *"object has no __bpf_usdt_specs map (include <bpf/usdt.bpf.h>)"* ]]
	one_obj rip "$D/usdt_target:bpfctl_test:global"
	run_bpfctl prog loadall "$D/rip.o" "$PIN/d" autoattach
	expect_error
	[[ $stderr == *"can't use argument #0 '-4@usdt_global(%rip)': %rip-relative operands are not supported"* ]]
	# not an ELF file
	one_obj notelf "$BATS_TEST_TMPDIR/plain:bpfctl_test:tick"
	echo "just text" >"$BATS_TEST_TMPDIR/plain"
	run_bpfctl prog loadall "$D/notelf.o" "$PIN/e" autoattach
	expect_error
	[[ $stderr == *"not an ELF file"* || $stderr == *"no ELF file"* ]]
	run links_on "$D/usdt_target"
	[[ -z $output ]]
	[[ -z $(ls -A "$PIN"/* 2>/dev/null) ]]
}
