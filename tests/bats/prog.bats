#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl prog show / list / dump / pin / run against the running kernel,
# with Debian's bpftool as the oracle: the same programs, loaded by bpftool
# from tests/progs/prog_test.bpf.c (twice, so that a name and a tag match
# two programs), give the same text and JSON. Known differences, by
# design: bpfctl's show JSON adds "orphaned" (as newer bpftool does) and
# "verified_insns"; with -f it always has a "pinned" array, where bpftool
# leaves it out when nothing at all is pinned.
#
# Everything is pinned under one directory on /sys/fs/bpf, removed in
# teardown_file; tests that pin more pin under it too.

load ../lib/common

ERR=255
XDP=prog_test_xdp_long_name
SOCK=prog_test_sock

setup_file() {
	require_root_caps
	local objs=$BATS_FILE_TMPDIR/objs
	PIN_DIR=/sys/fs/bpf/bpfctl-test-prog-$$
	mkdir -p "$objs" "$PIN_DIR"
	compile_bpf "$PROGS/prog_test.bpf.c" "$objs/prog_test.bpf.o"
	"$BPFTOOL" prog loadall "$objs/prog_test.bpf.o" "$PIN_DIR/a"
	"$BPFTOOL" prog loadall "$objs/prog_test.bpf.o" "$PIN_DIR/b"
	export PIN_DIR
}

teardown_file() {
	if [[ -n ${PIN_DIR-} ]]; then
		rm -rf "${PIN_DIR:?}"
	fi
}

# prog_field NAME FIELD [DIR]: FIELD of the program pinned as DIR/NAME
# (DIR a by default), from bpftool.
prog_field() {
	"$BPFTOOL" -j prog show pinned "$PIN_DIR/${3:-a}/$1" |
		python3 -c '
import json, sys
v = json.load(sys.stdin)[sys.argv[1]]
print(*v) if isinstance(v, list) else print(v)' "$2"
}

# normalize: show JSON without the fields only bpfctl prints, canonical.
normalize() {
	python3 -c '
import json, sys
doc = json.load(sys.stdin)
for o in doc if isinstance(doc, list) else [doc]:
    if isinstance(o, dict):
        o.pop("orphaned", None)
        o.pop("verified_insns", None)
        # processes holding the program: bpftool here finds none (its
        # iterator needs kernel data symbols /proc/kallsyms lacks)
        o.pop("pids", None)
print(json.dumps(doc, sort_keys=True))'
}

# same_as_bpftool ARGS...: `bpfctl ARGS` prints what `bpftool ARGS` prints
# (JSON through normalize). Other suites load and unload programs, and
# load times are rounded to seconds at the time of the call, so compare
# only against two bpftool runs that agree, retrying.
same_as_bpftool() {
	local norm=cat a b ours
	[[ " $* " == *" -j "* || " $* " == *" -p "* ]] && norm=normalize
	for _ in 1 2 3 4 5 6 7 8; do
		a=$("$BPFTOOL" "$@" | $norm)
		ours=$("$BPFCTL" "$@" 2>"$BATS_TEST_TMPDIR/stderr" | $norm)
		b=$("$BPFTOOL" "$@" | $norm)
		[[ $a == "$b" && $a == "$ours" ]] && return 0
		sleep 0.2
	done
	diff <(echo "$a") <(echo "$ours") | head -n 40 >&2
	printf 'stderr: %s\n' "$(cat "$BATS_TEST_TMPDIR/stderr")" >&2
	return 1
}

@test "prog show pinned: text and JSON as bpftool's, for each program" {
	local p
	for p in a/$XDP a/$SOCK b/$XDP b/$SOCK; do
		same_as_bpftool prog show pinned "$PIN_DIR/$p"
		same_as_bpftool -j prog show pinned "$PIN_DIR/$p"
		same_as_bpftool -p prog show pinned "$PIN_DIR/$p"
	done
}

@test "prog show: fields hold what the kernel holds" {
	local id
	id=$(prog_field $XDP id)
	run_bpfctl -j prog show id "$id"
	expect_status 0
	python3 - "$output" "$id" <<'PY'
import json, sys
o = json.loads(sys.argv[1])
assert o["id"] == int(sys.argv[2]), o
assert o["type"] == "xdp", o
# the kernel keeps 15 characters; the full name comes from BTF
assert o["name"] == "prog_test_xdp_long_name", o
assert o["gpl_compatible"] is True and o["orphaned"] is False, o
assert o["jited"] is True and o["bytes_jited"] > 0, o
assert o["bytes_xlated"] > 0 and o["bytes_xlated"] % 8 == 0, o
assert len(o["map_ids"]) == 2, o          # prog_counts and .bss
assert o["btf_id"] > 0 and o["uid"] == 0, o
assert o["loaded_at"] > 1600000000, o
assert o["verified_insns"] > 0, o
PY
	run_bpfctl prog show id "$id"
	expect_status 0
	[[ ${lines[0]} == "$id: xdp  name prog_test_xdp_long_name  tag "*"  gpl" ]]
	[[ ${lines[1]} =~ ^$'\t'loaded_at\ [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{4}\ \ uid\ 0$ ]]
	[[ ${lines[2]} == $'\t'xlated\ *B\ \ jited\ *B\ \ memlock\ *B\ \ map_ids\ * ]]
}

@test "prog show: the shapes of the reference output (bpftool, newer than Debian's)" {
	local ref_json ref_txt
	ref_json=$(fixture reference/prog_show_all.json)
	ref_txt=$(fixture reference/prog_show_all.txt)
	run_bpfctl -j prog show pinned "$PIN_DIR/a/$XDP"
	expect_status 0
	# the reference's fields, in its order, and only additions besides
	python3 - "$output" "$ref_json" <<'PY'
import json, sys
ours = list(json.loads(sys.argv[1]))
for ref in json.load(open(sys.argv[2])):
    common = [k for k in ours if k in ref]
    assert common == list(ref), (common, list(ref))
    assert set(ours) - set(ref) <= {"verified_insns"}, set(ours) - set(ref)
PY
	run_bpfctl prog show pinned "$PIN_DIR/a/$XDP"
	expect_status 0
	# the same line shapes: numbers, names and dates aside
	shape() {
		sed -E 's/[0-9]+/N/g; s/name [a-z_]+/name X/; s/tag [0-9a-fN]+/tag T/;
			s/^N: [a-z_]+/N: TYPE/; s/map_ids [N,]+/map_ids L/'
	}
	diff <(shape <"$ref_txt" | head -n 4) <(printf '%s\n' "$output" | shape)
}

@test "prog show and list of all programs: as bpftool's" {
	same_as_bpftool prog show
	same_as_bpftool prog list
	same_as_bpftool -j prog show
	run_bpfctl prog
	expect_status 0
	[[ $output == *"name $XDP"* ]]
}

@test "prog show -f: the pinned paths of each program" {
	same_as_bpftool -f prog show pinned "$PIN_DIR/a/$XDP"
	same_as_bpftool -f -j prog show pinned "$PIN_DIR/b/$SOCK"
	run_bpfctl -f prog show pinned "$PIN_DIR/a/$XDP"
	expect_status 0
	[[ $output == *$'\n\t'"pinned $PIN_DIR/a/$XDP"$'\n'* ]]
	run_bpfctl -f -j prog show pinned "$PIN_DIR/a/$SOCK"
	expect_status 0
	python3 -c 'import json, sys; assert json.loads(sys.argv[1])["pinned"] == [sys.argv[2]]' \
		"$output" "$PIN_DIR/a/$SOCK"
}

@test "prog show name and tag: every program that matches" {
	local tag ida idb
	ida=$(prog_field $SOCK id a)
	idb=$(prog_field $SOCK id b)
	tag=$(prog_field $SOCK tag)
	same_as_bpftool prog show name $SOCK
	same_as_bpftool -j prog show name $SOCK
	same_as_bpftool prog show tag "$tag"
	same_as_bpftool -j prog show tag "$tag"
	run_bpfctl -j prog show tag "$tag"
	expect_status 0
	python3 - "$output" "$ida" "$idb" <<'PY'
import json, sys
ids = sorted(o["id"] for o in json.loads(sys.argv[1]))
assert ids == sorted(int(i) for i in sys.argv[2:]), ids
PY
	# a long name matches in full, not by the 15 characters the kernel keeps
	same_as_bpftool -j prog show name $XDP
	run_bpfctl prog show name prog_test_xdp_l
	expect_error
	run_bpfctl prog show name ${XDP}_and_more
	expect_error
}

@test "prog dump xlated: text as bpftool's (signatures, source lines, calls, maps)" {
	local p
	for p in a/$XDP a/$SOCK; do
		same_as_bpftool prog dump xlated pinned "$PIN_DIR/$p"
		same_as_bpftool prog dump xlated pinned "$PIN_DIR/$p" opcodes
		same_as_bpftool prog dump xlated pinned "$PIN_DIR/$p" linum
	done
	run_bpfctl prog dump xlated pinned "$PIN_DIR/a/$XDP"
	expect_status 0
	[[ ${lines[0]} == "int prog_test_xdp_long_name(struct xdp_md * ctx):" ]]
	[[ $output == *"call pc+"*"#bpf_prog_"*"_scale"* ]]
	[[ $output == *"int scale(int x):"* ]]
	[[ $output =~ r1\ =\ map\[id:[0-9]+\][^[] ]]
	[[ $output =~ r1\ =\ map\[id:[0-9]+\]\[0\]\+0 ]]
	[[ $output =~ lock\ \*\(u64\ \*\)\(r[0-9]\ \+0\)\ \+=\ r[0-9] ]]
	[[ $output == *"; prog_runs++;"* ]]
	run_bpfctl prog dump xlated pinned "$PIN_DIR/a/$SOCK"
	expect_status 0
	[[ $output == *"call bpf_tail_call#12"* ]]
	[[ $output == *"(95) exit"* ]]
}

@test "prog dump xlated -j: JSON as bpftool's" {
	local p
	for p in a/$XDP a/$SOCK; do
		same_as_bpftool -j prog dump xlated pinned "$PIN_DIR/$p"
		same_as_bpftool -j prog dump xlated pinned "$PIN_DIR/$p" opcodes
		same_as_bpftool -j prog dump xlated pinned "$PIN_DIR/$p" linum
	done
	run_bpfctl -j prog dump xlated pinned "$PIN_DIR/a/$XDP" opcodes
	expect_status 0
	python3 - "$output" <<'PY'
import json, sys
insns = json.loads(sys.argv[1])
assert insns[0]["proto"] == "int prog_test_xdp_long_name(struct xdp_md * ctx)", insns[0]
assert insns[0]["disasm"].startswith("("), insns[0]
ld = [i for i in insns if i["disasm"].startswith("(18)")]
assert ld and all(len(i["opcodes"]["imm"]) == 12 for i in ld), ld
assert all(len(i["opcodes"]["off"]) == 2 for i in insns)
PY
}

@test "prog dump xlated of a name matching several programs: each, as bpftool" {
	same_as_bpftool prog dump xlated name $SOCK
	same_as_bpftool -j prog dump xlated name $SOCK
	run_bpfctl -j prog dump xlated name $SOCK
	expect_status 0
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert len(d) == 2 and all("insns" in o and "tag" in o for o in d)' "$output"
}

@test "prog dump xlated file and jited file: the raw bytes bpftool writes" {
	local t=$BATS_TEST_TMPDIR
	run_bpfctl prog dump xlated pinned "$PIN_DIR/a/$XDP" file "$t/ours.bin"
	expect_status 0
	"$BPFTOOL" prog dump xlated pinned "$PIN_DIR/a/$XDP" file "$t/theirs.bin"
	same_file "$t/theirs.bin" "$t/ours.bin"
	[[ $(stat -c %s "$t/ours.bin") == "$(prog_field $XDP bytes_xlated)" ]]
	# Debian's bpftool, built without libbfd, can't dump jited code at all
	# (tests/bats/prog_dump_jited.bats checks bpfctl's disassembly)
	run_bpfctl -j prog dump jited pinned "$PIN_DIR/a/$XDP" file "$t/ours.jit"
	expect_status 0
	[[ $output == null ]]
	[[ $(stat -c %s "$t/ours.jit") == "$(prog_field $XDP bytes_jited)" ]]
}

@test "prog dump: bad requests fail cleanly" {
	run_bpfctl prog dump xlated name $SOCK file "$BATS_TEST_TMPDIR/x"
	expect_error
	[[ $stderr == *"2 programs match"* ]]
	[[ ! -e $BATS_TEST_TMPDIR/x ]]
	run_bpfctl prog dump xlated pinned "$PIN_DIR/a/$XDP" file "$BATS_TEST_TMPDIR/x" opcodes
	expect_error
	run_bpfctl prog dump xlated pinned "$PIN_DIR/a/$XDP" bogus
	expect_error
	run_bpfctl prog dump source id 1
	expect_error
	run_bpfctl prog dump xlated
	expect_error
}

@test "prog pin: a second path for the program; bad targets refused" {
	local id
	id=$(prog_field $XDP id)
	run_bpfctl prog pin id "$id" "$PIN_DIR/pins/again"
	expect_status 0
	[[ -z $output ]]
	[[ $(prog_field again id pins) == "$id" ]]
	run_bpfctl -j prog pin pinned "$PIN_DIR/a/$XDP" "$PIN_DIR/pins/json"
	expect_status 0
	[[ $output == null ]]
	run_bpfctl prog pin id "$id" "$PIN_DIR/pins/again"
	expect_error
	[[ $stderr == *"exists"* ]]
	run_bpfctl prog pin id "$id" "$BATS_TEST_TMPDIR/not-bpffs"
	expect_error
	[[ $stderr == *"not on a BPF filesystem"* ]]
	run_bpfctl prog pin name $SOCK "$PIN_DIR/pins/two"
	expect_error
	[[ $stderr == *"matches 2 programs"* ]]
	[[ ! -e $PIN_DIR/pins/two ]]
	run_bpfctl prog pin id "$id"
	expect_error
	run_bpfctl prog pin id "$id" "$PIN_DIR/pins/x" extra
	expect_error
	[[ ! -e $PIN_DIR/pins/x ]]
}

@test "prog run: return value, output data, as bpftool" {
	local t=$BATS_TEST_TMPDIR
	printf 'hello, world: a packet of some bytes for XDP to look at.....' >"$t/in"
	run_bpfctl prog run pinned "$PIN_DIR/a/$XDP" data_in "$t/in" data_out "$t/out"
	expect_status 0
	[[ $output =~ ^Return\ value:\ 2,\ duration:\ [0-9]+ns$ ]]
	# the program writes 0x5a ('Z') into the first byte
	[[ $(head -c 1 "$t/out") == Z ]]
	cmp <(tail -c +2 "$t/in") <(tail -c +2 "$t/out")
	run_bpfctl prog run pinned "$PIN_DIR/a/$XDP" data_in "$t/in" repeat 5
	expect_status 0
	[[ $output =~ ^Return\ value:\ 2,\ duration\ \(average\):\ [0-9]+ns$ ]]
	run_bpfctl -j prog run pinned "$PIN_DIR/a/$XDP" data_in - data_out - <"$t/in"
	expect_status 0
	python3 - "$output" "$t/in" <<'PY'
import json, sys
o = json.loads(sys.argv[1])
data = open(sys.argv[2], "rb").read()
assert o["retval"] == 2 and isinstance(o["duration"], int), o
assert o["data_out"] == [0x5a] + list(data[1:]), o["data_out"]
PY
	# text dump of data_out on stdout: bpftool's layout
	diff <("$BPFCTL" prog run pinned "$PIN_DIR/a/$XDP" data_in "$t/in" data_out - | sed '$d') \
		<("$BPFTOOL" prog run pinned "$PIN_DIR/a/$XDP" data_in "$t/in" data_out - | sed '$d')
}

@test "prog run: context in and out, as bpftool" {
	local t=$BATS_TEST_TMPDIR p=$PIN_DIR/a/$SOCK
	head -c 64 /dev/zero >"$t/pkt"
	head -c 192 /dev/zero >"$t/ctx"	# struct __sk_buff
	run_bpfctl prog run pinned "$p" data_in "$t/pkt" ctx_in "$t/ctx" ctx_out "$t/ours"
	expect_status 0
	[[ $output =~ ^Return\ value:\ 0,\ duration:\ [0-9]+ns$ ]]
	"$BPFTOOL" prog run pinned "$p" data_in "$t/pkt" ctx_in "$t/ctx" ctx_out "$t/theirs"
	same_file "$t/theirs" "$t/ours"
	run_bpfctl -j prog run pinned "$p" data_in "$t/pkt" ctx_in - ctx_out - data_out - <"$t/ctx"
	expect_status 0
	python3 - "$output" "$t/ours" <<'PY'
import json, sys
o = json.loads(sys.argv[1])
assert list(o) == ["data_out", "ctx_out", "retval", "duration"], list(o)
assert o["ctx_out"] == list(open(sys.argv[2], "rb").read()), o["ctx_out"]
assert o["data_out"] == [0] * 64 and o["retval"] == 0, o
PY
}

@test "prog run: bad input fails cleanly" {
	local t=$BATS_TEST_TMPDIR
	printf 'xxxxxxxxxxxxxxxx' >"$t/in"
	run_bpfctl prog run pinned "$PIN_DIR/a/$XDP" data_in "$t/missing"
	expect_error
	[[ $stderr == *"$t/missing"* ]]
	run_bpfctl prog run pinned "$PIN_DIR/a/$XDP"
	expect_error
	run_bpfctl prog run pinned "$PIN_DIR/a/$XDP" data_in - ctx_in -
	expect_error
	run_bpfctl prog run name $SOCK data_in "$t/in"
	expect_error
	[[ $stderr == *"matches 2 programs"* ]]
	run_bpfctl prog run pinned "$PIN_DIR/a/$XDP" data_in "$t/in" repeat lots
	expect_error
	run_bpfctl prog run pinned "$PIN_DIR/a/$XDP" data_in "$t/in" data
	expect_error
	[[ $stderr == *ambiguous* ]]
	run_bpfctl prog run pinned "$PIN_DIR/a/$XDP" data_in "$t/in" data_out "$t/no/such/dir/out"
	expect_error
}

@test "prog selectors: unknown ids, non-program and non-bpffs files, bad tags" {
	local map_dir=$PIN_DIR/maps
	mkdir -p "$map_dir"
	run_bpfctl prog show id 4294967295
	expect_error
	[[ $stderr == *"no program with id 4294967295"* ]]
	run_bpfctl -j prog show id 4294967295
	expect_status $ERR
	json_valid <<<"$output"
	[[ $output == *error* ]]
	run_bpfctl prog show id 12abc
	expect_error
	run_bpfctl prog show pinned "$BATS_TEST_TMPDIR"
	expect_error
	[[ $stderr == *"not on a BPF filesystem"* ]]
	run_bpfctl prog show pinned "$PIN_DIR/a"
	expect_error
	run_bpfctl prog show pinned "$PIN_DIR/nothing-here"
	expect_error
	# a pinned map is not a program
	"$BPFTOOL" map create "$map_dir/m" type array key 4 value 4 entries 1 name prog_test_m
	run_bpfctl prog show pinned "$map_dir/m"
	expect_error
	[[ $stderr == *"not a pinned program"* ]]
	run_bpfctl prog show tag 0123
	expect_error
	run_bpfctl prog show tag zzzzzzzzzzzzzzzz
	expect_error
	run_bpfctl prog show tag 0000000000000001
	expect_error
	[[ $stderr == *"no program with tag"* ]]
	run_bpfctl prog show name no_such_program
	expect_error
	run_bpfctl prog show id
	expect_error
	run_bpfctl prog show bogus 1
	expect_error
	run_bpfctl prog show id 1 extra
	expect_error
}

@test "prog help, and an unknown command" {
	# attach, detach, tracelog (tracelog.bats) and profile (prog_profile.bats) have landed
	run_bpfctl prog help
	expect_status 0
	[[ $output == *"prog dump xlated PROG"* ]]
	[[ $output == *"PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME }"* ]]
	run_bpfctl -j prog help
	expect_status 0
	[[ $output == null ]]
	run_bpfctl prog bogus
	expect_error
}
