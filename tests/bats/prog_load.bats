#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl prog load / loadall: the ELF loader end to end against the running
# kernel. Objects are built from tests/progs/load_*.bpf.c at suite start;
# loaded programs are run with "prog run" (BPF_PROG_TEST_RUN) and their
# maps read back with bpftool (the oracle). Bad input must fail cleanly
# and leave nothing pinned.
#
# Pins go under one directory on /sys/fs/bpf, removed in teardown; the
# pinned-by-name map goes where LIBBPF_PIN_BY_NAME puts it (the pin root
# /sys/fs/bpf) and is removed in teardown too.

load ../lib/common

SHARED=/sys/fs/bpf/bpfctl_load_shared

setup_file() {
	require_root_caps
	local objs=$BATS_FILE_TMPDIR/objs
	mkdir -p "$objs"
	for p in globals tail ksym pinned core; do
		compile_bpf "$PROGS/load_$p.bpf.c" "$objs/$p.o"
	done
	for d in UNKNOWN_SEC MISSING_SYM REJECT; do
		printf '#define %s\n#include "%s"\n' "$d" "$PROGS/load_bad.bpf.c" >"$objs/load_bad.bpf.c"
		compile_bpf "$objs/load_bad.bpf.c" "$objs/bad_$d.o"
	done
	export OBJS=$objs
	head -c 64 /dev/zero >"$BATS_FILE_TMPDIR/pkt"
	export PKT=$BATS_FILE_TMPDIR/pkt
}

setup() {
	require_root_caps
	PIN_DIR=/sys/fs/bpf/bpfctl-test-load-$$-$BATS_TEST_NUMBER
}

teardown() {
	if [[ -n ${PIN_DIR-} ]]; then
		rm -rf "${PIN_DIR:?}"
	fi
	rm -f "$SHARED"
}

# run_ret PIN: the return value of one test run of the program pinned at PIN.
run_ret() {
	"$BPFCTL" -j prog run pinned "$1" data_in "$PKT" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["retval"])'
}

# map_values PIN: "key=value" per element of the array map pinned at PIN (bpftool).
map_values() {
	"$BPFTOOL" -j map dump pinned "$1" | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    k, v = e["key"], e["value"]
    if isinstance(k, list):
        k = int.from_bytes(bytes(int(x, 16) for x in k), "little")
    if isinstance(v, list):
        v = int.from_bytes(bytes(int(x, 16) for x in v), "little")
    print(f"{k}={v}")'
}

# nothing_pinned: PIN_DIR holds no file (directories may remain).
nothing_pinned() {
	if [[ -d $PIN_DIR ]] && [[ -n $(find "$PIN_DIR" -type f) ]]; then
		find "$PIN_DIR" >&2
		return 1
	fi
}

@test "loadall pins every program under PATH and every map under pinmaps" {
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR" pinmaps "$PIN_DIR/maps"
	expect_status 0
	[[ -z $output ]]
	run ls "$PIN_DIR"
	[[ $output == $'maps\nsock_add\ntc_add\ntc_second\nxdp_globals' ]]
	run ls "$PIN_DIR/maps"
	[[ $output == $'_data_custom\n_rodata_custom\nglobals_bss\nglobals_data\nglobals_kconfig\nglobals_rodata\nresults' ]]
}

# describe DIR KIND: one line per object pinned under DIR: file name and what
# bpftool says of it (programs: type, name; maps: type, name, sizes,
# flags, frozen, whether it has BTF).
describe() {
	local f
	for f in $(ls "$1"); do
		printf '%s ' "$f"
		"$BPFTOOL" -j "$2" show pinned "$1/$f" | python3 -c '
import json, sys
d = json.load(sys.stdin)
if sys.argv[1] == "prog":
    print(d["type"], d["name"], bool(d.get("btf_id")))
else:
    print(d["type"], d["name"], d["bytes_key"], d["bytes_value"], d["max_entries"],
          d["flags"], d.get("frozen", 0), bool(d.get("btf_id")))' "$2"
	done
}

@test "loadall gives the programs and maps bpftool's loadall gives" {
	mkdir -p "$PIN_DIR"
	"$BPFTOOL" prog loadall "$OBJS/globals.o" "$PIN_DIR/tool" pinmaps "$PIN_DIR/toolmaps"
	"$BPFCTL" prog loadall "$OBJS/globals.o" "$PIN_DIR/ctl" pinmaps "$PIN_DIR/ctlmaps"
	describe "$PIN_DIR/tool" prog >"$BATS_TEST_TMPDIR/tool.progs"
	describe "$PIN_DIR/ctl" prog >"$BATS_TEST_TMPDIR/ctl.progs"
	same_file "$BATS_TEST_TMPDIR/tool.progs" "$BATS_TEST_TMPDIR/ctl.progs"
	describe "$PIN_DIR/toolmaps" map >"$BATS_TEST_TMPDIR/tool.maps"
	describe "$PIN_DIR/ctlmaps" map >"$BATS_TEST_TMPDIR/ctl.maps"
	same_file "$BATS_TEST_TMPDIR/tool.maps" "$BATS_TEST_TMPDIR/ctl.maps"
	run "$BPFTOOL" map dump pinned "$PIN_DIR/ctlmaps/globals_kconfig"
	tool_dump=$("$BPFTOOL" map dump pinned "$PIN_DIR/toolmaps/globals_kconfig")
	[[ $output == "$tool_dump" ]]
}

@test "programs of several types, sub-programs and callbacks run with the expected results" {
	"$BPFCTL" prog loadall "$OBJS/globals.o" "$PIN_DIR" pinmaps "$PIN_DIR/maps"
	[[ $(run_ret "$PIN_DIR/xdp_globals") == 2 ]]	# XDP_PASS
	[[ $(run_ret "$PIN_DIR/sock_add") == 42 ]]
	[[ $(run_ret "$PIN_DIR/tc_add") == 6 ]]
	[[ $(run_ret "$PIN_DIR/tc_second") == 2 ]]
	# the run wrote global data, a map and used kconfig externs
	local hz
	hz=$(gzip -dc /proc/config.gz | sed -n 's/^CONFIG_HZ=//p')
	run map_values "$PIN_DIR/maps/results"
	[[ $output == $'0=42\n1=12\n2=1\n3=0\n4=1\n5='"$hz" ]]
	run "$BPFTOOL" -j map dump pinned "$PIN_DIR/maps/globals_bss"
	[[ $output == *'"bss_loops":10'* ]]
	[[ $output == *'"bss_seen":42'* ]]
	[[ $output == *'"static_counter":1'* ]]
}

@test "global data maps: initial values, mmapable, .rodata frozen and read-only for programs" {
	"$BPFCTL" prog loadall "$OBJS/globals.o" "$PIN_DIR" pinmaps "$PIN_DIR/maps"
	run "$BPFTOOL" -j map dump pinned "$PIN_DIR/maps/globals_data"
	[[ $output == *'"data_val":40'* ]]
	run "$BPFTOOL" -j map dump pinned "$PIN_DIR/maps/_rodata_custom"
	[[ $output == *'"custom_rodata":5'* ]]
	run "$BPFTOOL" -j map show pinned "$PIN_DIR/maps/globals_rodata"
	python3 -c '
import json, sys
m = json.loads(sys.argv[1])
assert m["flags"] == 0x480, m      # BPF_F_MMAPABLE | BPF_F_RDONLY_PROG
assert m["frozen"] == 1, m
assert m["name"] == "globals.rodata", m' "$output"
	run "$BPFTOOL" -j map show pinned "$PIN_DIR/maps/globals_bss"
	python3 -c '
import json, sys
m = json.loads(sys.argv[1])
assert m["flags"] == 0x400 and not m.get("frozen"), m
assert m["btf_id"] > 0, m' "$output"
}

@test "programs carry BTF func_info and line_info" {
	"$BPFCTL" prog loadall "$OBJS/globals.o" "$PIN_DIR"
	run "$BPFTOOL" prog dump xlated pinned "$PIN_DIR/xdp_globals" linum
	[[ $output == *'load_globals.bpf.c'* ]]
	[[ $output == *'int xdp_globals(struct xdp_md * ctx)'* ]]
	[[ $output == *'add_static'* ]]
}

@test "prog load loads the object and pins its first program at PATH" {
	run_bpfctl prog load "$OBJS/globals.o" "$PIN_DIR/first"
	expect_status 0
	run ls "$PIN_DIR"
	[[ $output == first ]]
	run "$BPFTOOL" -j prog show pinned "$PIN_DIR/first"
	[[ $output == *'"name":"xdp_globals"'* ]]
}

@test "-j prog loadall prints null" {
	run_bpfctl -j prog loadall "$OBJS/globals.o" "$PIN_DIR"
	expect_status 0
	[[ $output == null ]]
}

@test "prog arrays and map-in-maps get their initial slots; tail call runs" {
	"$BPFCTL" prog loadall "$OBJS/tail.o" "$PIN_DIR" pinmaps "$PIN_DIR/maps"
	[[ $(run_ret "$PIN_DIR/tail_caller") == 77 ]]
	run map_values "$PIN_DIR/maps/inner_b"
	[[ $output == 0=99 ]]
	run "$BPFTOOL" map dump pinned "$PIN_DIR/maps/outer"
	[[ $output == *'Found 2 elements'* ]]
	target_id=$("$BPFTOOL" -j prog show pinned "$PIN_DIR/tail_target" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
	run map_values "$PIN_DIR/maps/jumps"
	[[ $output == "1=$target_id" ]]
}

@test "__ksym kfuncs resolve against the kernel's BTF, missing __weak ksyms read as NULL" {
	"$BPFCTL" prog load "$OBJS/ksym.o" "$PIN_DIR/k"
	[[ $(run_ret "$PIN_DIR/k") == 5 ]]
}

@test "__ksym kfuncs: an object whose .BTF header is longer (25 bytes, types unaligned) loads the same" {
	local o=$BATS_TEST_TMPDIR/ksym-hdr25.o btf=$BATS_TEST_TMPDIR/btf
	llvm-objcopy --dump-section=.BTF="$btf" "$OBJS/ksym.o"
	# hdr_len 24 -> 25 and a zero byte after the header: the kernel takes it
	python3 - "$btf" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
hdr_len = struct.unpack_from("<I", d, 4)[0]
assert hdr_len == 24, hdr_len
d = d[:4] + struct.pack("<I", 25) + d[8:24] + b"\0" + d[24:]
open(sys.argv[1], "wb").write(d)
PY
	llvm-objcopy --update-section=.BTF="$btf" "$OBJS/ksym.o" "$o"
	run_bpfctl btf dump file "$o"
	expect_status 0
	[[ $output == "$("$BPFCTL" btf dump file "$OBJS/ksym.o")" ]]
	"$BPFCTL" prog load "$o" "$PIN_DIR/k"
	[[ $(run_ret "$PIN_DIR/k") == 5 ]]
}

@test "a map pinned by name is created once and reused by the next load" {
	rm -f "$SHARED"
	"$BPFCTL" prog load "$OBJS/pinned.o" "$PIN_DIR/a"
	[[ -e $SHARED ]]
	"$BPFCTL" prog load "$OBJS/pinned.o" "$PIN_DIR/b"
	[[ $(run_ret "$PIN_DIR/a") == 1 ]]
	[[ $(run_ret "$PIN_DIR/b") == 2 ]]
}

@test "a failed pin after the load also unpins the maps the load pinned by name" {
	rm -f "$SHARED"
	mkdir -p "$PIN_DIR"
	"$BPFTOOL" map create "$PIN_DIR/taken" type array key 4 value 4 entries 1 name taken
	run_bpfctl prog load "$OBJS/pinned.o" "$PIN_DIR/taken"
	expect_error
	[[ ! -e $SHARED ]]
	# a map that was pinned before stays
	"$BPFCTL" prog load "$OBJS/pinned.o" "$PIN_DIR/a"
	run_bpfctl prog load "$OBJS/pinned.o" "$PIN_DIR/taken"
	expect_error
	[[ -e $SHARED ]]
}

@test "an incompatible map pinned at the name is refused, naming the difference" {
	"$BPFTOOL" map create "$SHARED" type array key 4 value 4 entries 1 name bpfctl_load_sh
	run_bpfctl prog load "$OBJS/pinned.o" "$PIN_DIR/a"
	expect_error
	[[ $stderr == *"bpfctl_load_shared"*"differs"*"value 4"*"expected"*"value 8"* ]]
	nothing_pinned
}

@test "map name NAME MAP reuses an existing map" {
	"$BPFCTL" prog loadall "$OBJS/globals.o" "$PIN_DIR/one" pinmaps "$PIN_DIR/maps"
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR/two" \
		map name results pinned "$PIN_DIR/maps/results"
	expect_status 0
	map_id=$("$BPFTOOL" -j map show pinned "$PIN_DIR/maps/results" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
	run "$BPFTOOL" -j prog show pinned "$PIN_DIR/two/xdp_globals"
	python3 -c 'import json, sys; assert int(sys.argv[2]) in json.loads(sys.argv[1])["map_ids"]' \
		"$output" "$map_id"
}

@test "map idx IDX MAP: an index past the object's maps is an error" {
	"$BPFCTL" prog loadall "$OBJS/globals.o" "$PIN_DIR/one" pinmaps "$PIN_DIR/maps"
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR/two" \
		map idx 99 pinned "$PIN_DIR/maps/results"
	expect_error
	[[ $stderr == *"no map with index 99"* ]]
	[[ ! -e $PIN_DIR/two ]]
}

@test "an unknown section fails naming it; type TYPE loads it anyway" {
	run_bpfctl prog load "$OBJS/bad_UNKNOWN_SEC.o" "$PIN_DIR/u"
	expect_error
	[[ $stderr == *"section 'bpfctl_unknown/x' names no known program type"* ]]
	nothing_pinned
	run_bpfctl prog load "$OBJS/bad_UNKNOWN_SEC.o" "$PIN_DIR/u" type socket
	expect_status 0
	[[ $(run_ret "$PIN_DIR/u") == 3 ]]
	run "$BPFTOOL" -j prog show pinned "$PIN_DIR/u"
	[[ $output == *'"type":"socket_filter"'* ]]
}

@test "type TYPE accepts program type names and rejects unknown ones" {
	run_bpfctl prog load "$OBJS/bad_UNKNOWN_SEC.o" "$PIN_DIR/u" type sched_cls
	expect_status 0
	run "$BPFTOOL" -j prog show pinned "$PIN_DIR/u"
	[[ $output == *'"type":"sched_cls"'* ]]
	run_bpfctl prog load "$OBJS/bad_UNKNOWN_SEC.o" "$PIN_DIR/v" type no_such_type
	expect_error
	[[ $stderr == *"unknown program type 'no_such_type'"* ]]
}

@test "a call to a function defined nowhere is an error naming it" {
	run_bpfctl prog load "$OBJS/bad_MISSING_SYM.o" "$PIN_DIR/m"
	expect_error
	[[ $stderr == *"'defined_nowhere'"* ]]
	nothing_pinned
}

@test "verifier rejection: the tail of the log names the failing instruction" {
	run_bpfctl prog load "$OBJS/bad_REJECT.o" "$PIN_DIR/r"
	expect_error
	[[ $stderr == *"prog 'reject_unchecked': failed to load xdp program"*"Permission denied"* ]]
	[[ $stderr == *"1: (71) r0 = *(u8 *)(r1 +20)"* ]]
	[[ $stderr == *"invalid access to packet"* ]]
	[[ $stderr == *"load_bad.bpf.c:"* ]]
	nothing_pinned
}

@test "-d shows the loader's log and full verifier logs" {
	run_bpfctl -d prog loadall "$OBJS/globals.o" "$PIN_DIR"
	expect_status 0
	[[ $stderr == *"prog 'xdp_globals': -- verifier log --"* ]]
	[[ $stderr == *"prog 'sock_add': loaded"* ]]
	[[ $stderr == *"processed"*"insns"* ]]
}

@test "kernel_btf FILE is accepted as the CO-RE target" {
	local btf
	btf=$(fixture vmlinux.btf)
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR" kernel_btf "$btf"
	expect_status 0
	[[ -e $PIN_DIR/xdp_globals ]]
	run_bpfctl prog loadall "$OBJS/ksym.o" "$PIN_DIR/k" kernel_btf /nonexistent
	expect_error
	[[ $stderr == *"/nonexistent"* ]]
	[[ ! -e $PIN_DIR/k ]]
}

# pid_offset BTF: byte offset of task_struct.pid in the BTF file (bpftool raw dump).
pid_offset() {
	"$BPFTOOL" btf dump file "$1" format raw | awk '
		/STRUCT .task_struct. / { in_ts = 1; next }
		in_ts && /^\[/ { exit }
		in_ts && /^\t.pid. / { sub(/.*bits_offset=/, ""); print $1 / 8; exit }'
}

@test "CO-RE against the running kernel: flavours, moved and missing fields, types, enums" {
	"$BPFCTL" prog loadall "$OBJS/core.o" "$PIN_DIR"
	local want
	want=$(pid_offset /sys/kernel/btf/vmlinux)
	[[ -n $want ]]
	[[ $(run_ret "$PIN_DIR/core_pid_offset") == "$want" ]]
	[[ $(run_ret "$PIN_DIR/core_missing_field") == 3 ]]
	[[ $(run_ret "$PIN_DIR/core_missing_type") == 10 ]]
	[[ $(run_ret "$PIN_DIR/core_enum_value") == 27 ]]	# BPF_MAP_TYPE_RINGBUF
}

@test "CO-RE against kernel_btf FILE uses that file's layout" {
	local btf want
	btf=$(fixture vmlinux.btf)
	want=$(pid_offset "$btf")
	[[ -n $want ]]
	"$BPFCTL" prog loadall "$OBJS/core.o" "$PIN_DIR" kernel_btf "$btf"
	[[ $(run_ret "$PIN_DIR/core_pid_offset") == "$want" ]]
	[[ $(run_ret "$PIN_DIR/core_missing_field") == 3 ]]
}

@test "a file that is not ELF is refused" {
	printf 'not an object\n' >"$BATS_TEST_TMPDIR/junk.o"
	run_bpfctl prog load "$BATS_TEST_TMPDIR/junk.o" "$PIN_DIR/j"
	expect_error
	[[ $stderr == *"is not an ELF file"* ]]
	run_bpfctl prog load "$BATS_TEST_TMPDIR/none.o" "$PIN_DIR/j"
	expect_error
	[[ $stderr == *"none.o"*"No such file"* ]]
	nothing_pinned
}

@test "a .bss claiming 3 GB is refused at open, naming the section and the limit" {
	local f=$REPO_ROOT/tests/fuzz/regress/elf_open/bss-3g.o
	run_bpfctl prog load "$f" "$PIN_DIR/b"
	expect_error
	[[ $stderr == *"'$f': section '.bss': 3221225472 bytes, more than the 4194304 a map value may have"* ]]
	run_bpfctl prog loadall "$f" "$PIN_DIR"
	expect_error
	nothing_pinned
}

@test "truncated objects fail cleanly at every length" {
	local obj=$OBJS/tail.o size len
	size=$(stat -c %s "$obj")
	for len in 0 16 64 100 $((size / 3)) $((size / 2)) $((size - 100)) $((size - 1)); do
		head -c "$len" "$obj" >"$BATS_TEST_TMPDIR/cut.o"
		run_bpfctl prog loadall "$BATS_TEST_TMPDIR/cut.o" "$PIN_DIR/t"
		expect_error
	done
	nothing_pinned
}

@test "a pin path outside bpffs is refused and nothing stays pinned" {
	run_bpfctl prog load "$OBJS/globals.o" "$BATS_TEST_TMPDIR/p"
	expect_error
	[[ $stderr == *"$BATS_TEST_TMPDIR/p"* ]]
	[[ ! -e $BATS_TEST_TMPDIR/p ]]
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR" pinmaps "$BATS_TEST_TMPDIR/maps"
	expect_error
	nothing_pinned
}

@test "a taken pin path is refused; loadall unpins what it pinned before" {
	mkdir -p "$PIN_DIR"
	"$BPFTOOL" map create "$PIN_DIR/tc_add" type array key 4 value 4 entries 1 name taken
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR"
	expect_error
	[[ $stderr == *"$PIN_DIR/tc_add"*"exists"* ]]
	run ls "$PIN_DIR"
	[[ $output == tc_add ]]
	run_bpfctl prog load "$OBJS/globals.o" "$PIN_DIR/tc_add"
	expect_error
}

@test "missing and unknown arguments are errors" {
	run_bpfctl prog load "$OBJS/globals.o"
	expect_error
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR" pinmaps
	expect_error
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR" frobnicate
	expect_error
	[[ $stderr == *"unknown argument 'frobnicate'"* ]]
	run_bpfctl prog loadall "$OBJS/globals.o" "$PIN_DIR" map name results
	expect_error
	nothing_pinned
}
