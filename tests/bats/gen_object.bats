#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# "gen object": the static linker. linker_{a,b,c}.bpf.c share types, a map
# defined in one and extern in the others, weak and strong functions and
# variables, a global function called across files, .rodata/.data/.bss in
# each, CO-RE relocations in each. bpfctl's output is compared with Debian
# bpftool's (libbpf 1.1's linker, the oracle): sections, symbols,
# relocations, BTF; then loaded by both tools, run, and the cross-file
# globals and maps checked. Conflicts and bad input fail cleanly and leave
# no output file. The C API (add_buf, add_fd, new_fd) through a helper.

load ../lib/common

INPUTS=(linker_a linker_b linker_c)

setup_file() {
	local objs=$BATS_FILE_TMPDIR/objs o
	mkdir -p "$objs"
	for o in "${INPUTS[@]}" linker_bad_dup linker_bad_type linker_bad_map; do
		compile_bpf "$PROGS/$o.bpf.c" "$objs/$o.bpf.o" "$PROGS"
	done
	"$BPFCTL" gen object "$objs/ours.o" "$objs"/linker_{a,b,c}.bpf.o
	"$BPFTOOL" gen object "$objs/ref.o" "$objs"/linker_{a,b,c}.bpf.o
	PIN_DIR=/sys/fs/bpf/bpfctl-test-linker-$$
	mkdir -p "$PIN_DIR"
	export PIN_DIR
}

teardown_file() {
	if [[ -n ${PIN_DIR-} ]]; then
		rm -rf "${PIN_DIR:?}"
	fi
}

obj() {
	printf '%s/objs/%s\n' "$BATS_FILE_TMPDIR" "$1"
}

# sections FILE: the section table without file offsets (and without the
# sizes of .BTF/.BTF.ext when $2 is "nobtfsize").
sections() {
	readelf -SW "$1" 2>/dev/null | sed -n '/^ *\[ *[0-9]/p' |
		awk -v nobtf="${2-}" '{ sub(/^ *\[ */, ""); sub(/\]/, "");
			if (nobtf != "" && $2 ~ /^\.BTF/) { $6 = "-" }
			$5 = ""; print }'
}

symbols() {
	readelf -sW "$1" 2>/dev/null | sed -n '/^ *[0-9]*:/p'
}

relocations() {
	readelf -rW "$1" 2>/dev/null
}

@test "gen object: sections, symbols and relocations as bpftool's" {
	diff <(sections "$(obj ref.o)" nobtfsize) <(sections "$(obj ours.o)" nobtfsize)
	diff <(symbols "$(obj ref.o)") <(symbols "$(obj ours.o)")
	diff <(relocations "$(obj ref.o)") <(relocations "$(obj ours.o)")
	# one copy of each shared section, strong definitions kept
	[[ $(sections "$(obj ours.o)" | grep -c ' \.maps ') == 1 ]]
	symbols "$(obj ours.o)" | grep -qE 'FUNC +GLOBAL +DEFAULT +[0-9]+ lk_pick$'
	symbols "$(obj ours.o)" | grep -qE 'OBJECT +GLOBAL +DEFAULT +[0-9]+ lk_wvar$'
	symbols "$(obj ours.o)" | grep -qE 'FUNC +GLOBAL +DEFAULT +[0-9]+ lk_add$'
	symbols "$(obj ours.o)" | grep -qE 'OBJECT +GLOBAL +DEFAULT +[0-9]+ lk_counts$'
}

@test "gen object: the output is byte for byte bpftool's" {
	cmp "$(obj ref.o)" "$(obj ours.o)"
}

@test "gen object of single objects of other suites: byte for byte bpftool's" {
	local d=$BATS_TEST_TMPDIR p
	for p in gen_globals gen_many map_types tail_events typed_value load_globals usdt \
		link_progs core_values btf_encodings; do
		compile_bpf "$PROGS/$p.bpf.c" "$d/$p.o" "$PROGS"
		"$BPFTOOL" gen object "$d/ref-$p.o" "$d/$p.o"
		run_bpfctl gen object "$d/ours-$p.o" "$d/$p.o"
		expect_status 0
		cmp "$d/ref-$p.o" "$d/ours-$p.o"
	done
}

@test "gen object: BTF as bpftool's, in C and raw" {
	diff <("$BPFCTL" btf dump file "$(obj ref.o)" format c) \
		<("$BPFCTL" btf dump file "$(obj ours.o)" format c)
	diff <("$BPFCTL" btf dump file "$(obj ref.o)") <("$BPFCTL" btf dump file "$(obj ours.o)")
	diff <(sections "$(obj ref.o)") <(sections "$(obj ours.o)")
	# each shared type once
	[[ $("$BPFCTL" btf dump file "$(obj ours.o)" | grep -c "STRUCT 'lk_stats'") == 1 ]]
}

@test "gen object: .BTF.ext func_info, line_info and CO-RE records as bpftool's" {
	local f
	for f in ref ours; do
		"$BPFTOOL" -j prog loadall "$(obj $f.o)" "$PIN_DIR/ext-$f" >/dev/null
		"$BPFTOOL" prog dump xlated pinned "$PIN_DIR/ext-$f/lk_xdp_a" linum \
			>"$BATS_TEST_TMPDIR/$f.a"
		"$BPFTOOL" prog dump xlated pinned "$PIN_DIR/ext-$f/lk_xdp_b" linum \
			>"$BATS_TEST_TMPDIR/$f.b"
		rm -rf "${PIN_DIR:?}/ext-$f"
	done
	# map addresses differ between loads
	sed -i -E 's/0x[0-9a-f]{8,}/ADDR/g; s/map\[id:[0-9]+\]/map/g' "$BATS_TEST_TMPDIR"/{ref,ours}.?
	same_file "$BATS_TEST_TMPDIR/ref.a" "$BATS_TEST_TMPDIR/ours.a"
	same_file "$BATS_TEST_TMPDIR/ref.b" "$BATS_TEST_TMPDIR/ours.b"
	grep -q 'linker_b.bpf.c' "$BATS_TEST_TMPDIR/ours.b"
}

# run_linked LOADER OBJ DIR: load OBJ with LOADER pinning programs under DIR
# and maps under DIR/maps, run each program once; prints the maps as JSON.
run_linked() {
	local loader=$1 o=$2 dir=$3 p
	head -c 64 /dev/zero >"$BATS_TEST_TMPDIR/pkt"
	"$loader" prog loadall "$o" "$dir" pinmaps "$dir/maps"
	for p in lk_xdp_a lk_xdp_b lk_xdp_c; do
		"$BPFCTL" prog run pinned "$dir/$p" data_in "$BATS_TEST_TMPDIR/pkt" >/dev/null
	done
}

# check_values DIR: the cross-file results the three programs stored.
check_values() {
	local dir=$1 bss
	bss=$(ls "$dir/maps" | grep 'bss$')
	"$BPFCTL" -j map dump pinned "$dir/maps/$bss" | python3 -c '
import json, sys
v = {k: x for d in json.load(sys.stdin)[0]["formatted"]["value"][".bss"] for k, x in d.items()}
want = {"lk_res_pick": 105, "lk_res_add": 37, "lk_res_wvar": 2, "lk_res_ext": 42,
        "lk_res_core": 41, "lk_res_kver": 1, "lk_bss_a": 1, "lk_res_b_core": 41,
        "lk_bss_b": 12, "lk_bss_c": 21, "lk_res_local_a": 14, "lk_res_local_b": 33,
        "lk_res_kver_b": 1}
bad = {k: (v.get(k), x) for k, x in want.items() if v.get(k) != x}
sys.exit("got, wanted: %s" % bad if bad else 0)'
	"$BPFCTL" -j map dump pinned "$dir/maps/lk_counts" | python3 -c '
import json, sys
got = [(e["formatted"]["key"], e["formatted"]["value"]) for e in json.load(sys.stdin)]
want = [(0, {"hits": 1, "last": 10, "from": 5}), (1, {"hits": 1, "last": 11, "from": 111}),
        (2, {"hits": 1, "last": 12, "from": 0})]
sys.exit(0 if got == want else "lk_counts: %s" % got)'
	"$BPFCTL" -j map dump pinned "$dir/maps/lk_own" | python3 -c '
import json, sys
got = [(e["formatted"]["key"], e["formatted"]["value"]) for e in json.load(sys.stdin)]
sys.exit(0 if got == [(1, {"hits": 3, "last": 99, "from": 0})] else "lk_own: %s" % got)'
}

@test "linked object loads with bpfctl and runs: shared map, strong over weak, externs, CO-RE" {
	run_linked "$BPFCTL" "$(obj ours.o)" "$PIN_DIR/ours-bpfctl"
	check_values "$PIN_DIR/ours-bpfctl"
	rm -rf "${PIN_DIR:?}/ours-bpfctl"
}

@test "linked object loads with bpftool (libbpf) and runs the same" {
	run_linked "$BPFTOOL" "$(obj ours.o)" "$PIN_DIR/ours-bpftool"
	check_values "$PIN_DIR/ours-bpftool"
	rm -rf "${PIN_DIR:?}/ours-bpftool"
	# and bpftool's own output, loaded by bpfctl, behaves alike
	run_linked "$BPFCTL" "$(obj ref.o)" "$PIN_DIR/ref-bpfctl"
	check_values "$PIN_DIR/ref-bpfctl"
	rm -rf "${PIN_DIR:?}/ref-bpfctl"
}

@test "a linked object links again: the same result" {
	local d=$BATS_TEST_TMPDIR
	run_bpfctl gen object "$d/ab.o" "$(obj linker_a.bpf.o)" "$(obj linker_b.bpf.o)"
	expect_status 0
	run_bpfctl gen object "$d/abc.o" "$d/ab.o" "$(obj linker_c.bpf.o)"
	expect_status 0
	"$BPFTOOL" gen object "$d/ref-abc.o" "$d/ab.o" "$(obj linker_c.bpf.o)"
	cmp "$d/ref-abc.o" "$d/abc.o"
	diff <(symbols "$d/ref-abc.o") <(symbols "$d/abc.o")
	diff <("$BPFCTL" btf dump file "$d/ref-abc.o" format c) \
		<("$BPFCTL" btf dump file "$d/abc.o" format c)
	run_linked "$BPFCTL" "$d/abc.o" "$PIN_DIR/relinked"
	check_values "$PIN_DIR/relinked"
	rm -rf "${PIN_DIR:?}/relinked"
}

# link_fails ERE INPUTS...: gen object fails with an error matching ERE and
# leaves neither the output nor a temporary file.
link_fails() {
	local ere=$1 d=$BATS_TEST_TMPDIR/out
	shift
	mkdir -p "$d"
	run_bpfctl gen object "$d/linked.o" "$@"
	expect_error
	[[ $stderr =~ $ere ]] || { echo "stderr: $stderr" >&2; return 1; }
	[[ -z $(ls -A "$d") ]]
}

@test "conflicts: duplicate strong symbol, extern type mismatch, map mismatch" {
	link_fails "failed to link '.*linker_bad_dup.bpf.o': .*symbol 'lk_add' is defined in both '.*linker_b.bpf.o' and '.*linker_bad_dup.bpf.o'" \
		"$(obj linker_b.bpf.o)" "$(obj linker_bad_dup.bpf.o)"
	link_fails "global 'lk_data_b': INT of 8 bytes in '.*linker_bad_type.bpf.o', of 4 in '.*linker_b.bpf.o'" \
		"$(obj linker_bad_type.bpf.o)" "$(obj linker_b.bpf.o)"
	link_fails "map 'lk_counts': max_entries is 3 in '.*linker_a.bpf.o' and 64 in '.*linker_bad_map.bpf.o'" \
		"$(obj linker_a.bpf.o)" "$(obj linker_bad_map.bpf.o)"
	# bpftool refuses the same inputs
	! "$BPFTOOL" gen object "$BATS_TEST_TMPDIR/x.o" "$(obj linker_b.bpf.o)" \
		"$(obj linker_bad_dup.bpf.o)" 2>/dev/null
}

@test "an unresolved extern map links (as libbpf's linker) and is refused at load" {
	local d=$BATS_TEST_TMPDIR
	run_bpfctl gen object "$d/b.o" "$(obj linker_b.bpf.o)"
	expect_status 0
	"$BPFTOOL" gen object "$d/ref-b.o" "$(obj linker_b.bpf.o)"
	diff <(symbols "$d/ref-b.o") <(symbols "$d/b.o")
	symbols "$d/b.o" | grep -qE 'NOTYPE +GLOBAL +DEFAULT +UND lk_counts$'
	run_bpfctl prog loadall "$d/b.o" "$PIN_DIR/unresolved"
	expect_error
	# the extern map has no definition, so .maps has no section
	[[ $stderr == *.maps* ]]
	[[ ! -e $PIN_DIR/unresolved ]]
}

@test "bad input: non-BPF ELF, not ELF, missing file, directory, missing output directory" {
	local d=$BATS_TEST_TMPDIR
	echo "not an object" >"$d/text.o"
	head -c 1000 "$(obj linker_a.bpf.o)" >"$d/truncated.o"
	link_fails "failed to link '/bin/true': .*not a 64-bit BPF relocatable object" /bin/true
	link_fails "failed to link '$d/text.o': .*is not an ELF file" "$(obj linker_a.bpf.o)" \
		"$d/text.o"
	link_fails "failed to link '$d/truncated.o'" "$d/truncated.o"
	link_fails "failed to link '$d/missing.o': .*No such file or directory" "$d/missing.o"
	link_fails "failed to link '$d': .*is not a regular file" "$d"
	run_bpfctl gen object "$d/no/such/dir/out.o" "$(obj linker_a.bpf.o)"
	expect_error
	[[ $stderr == *"can't create '$d/no/such/dir/out.o'"*"No such file or directory"* ]]
	[[ ! -e $d/no ]]
	run_bpfctl gen object "$d/out.o"
	expect_error
	[[ $stderr == *"needs an OUTPUT_FILE and at least one INPUT_FILE"* ]]
	run_bpfctl -o "$d/x" gen object "$d/out.o" "$(obj linker_a.bpf.o)"
	expect_error
	[[ ! -e $d/x && ! -e $d/out.o ]]
}

@test "an existing output is replaced only by a successful link" {
	local d=$BATS_TEST_TMPDIR/out
	mkdir "$d"
	echo keep >"$d/out.o"
	run_bpfctl gen object "$d/out.o" "$(obj linker_b.bpf.o)" "$(obj linker_bad_dup.bpf.o)"
	expect_error
	[[ $(<"$d/out.o") == keep ]]
	run_bpfctl gen object "$d/out.o" "$(obj linker_a.bpf.o)"
	expect_status 0
	[[ $(stat -c %a "$d/out.o") == 644 ]]
	[[ $(ls -A "$d") == out.o ]]
	"$BPFCTL" btf dump file "$d/out.o" | grep -q "VAR 'lk_wvar'"
}

@test "C API: new_fd, add_buf, add_fd, add_file give the same object; error conventions" {
	local d=$BATS_TEST_TMPDIR
	build_helper "$d/linker_api" "$REPO_ROOT/tests/helpers/linker_api.c"
	run --separate-stderr "$d/linker_api" "$d/api.o" "$(obj linker_a.bpf.o)" \
		"$(obj linker_b.bpf.o)" "$(obj linker_c.bpf.o)"
	no_sanitizer_report
	[[ $status == 0 ]] || { echo "$output" >&2; return 1; }
	cmp "$d/api.o" "$(obj ours.o)"
}

@test "gen help lists gen object; man page and completion know it" {
	run_bpfctl gen help
	expect_status 0
	[[ $output == *"gen object OUTPUT_FILE INPUT_FILE [INPUT_FILE...]"* ]]
	grep -q 'gen object' "$REPO_ROOT/man/bpfctl-gen.8"
	grep -qw object "$REPO_ROOT/bash-completion/bpfctl"
}
