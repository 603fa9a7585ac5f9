#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# CO-RE relocations of clang-built objects (tests/progs/core_*.bpf.c)
# applied against the fixture kernel BTF and the running kernel's BTF by
# the library (through the test_core_relo unit binary in object mode).
# Each patched instruction is compared with the value worked out
# independently from bpftool's JSON dump of the same target BTF: member
# bit offsets, sizes, signedness, type ids and enumerator values.
# Hostile .BTF.ext sections spliced into a real object must be refused
# cleanly (no crash, no sanitizer report).

load ../lib/common

setup_file() {
	CORE_UNIT=$(dirname "$BPFCTL")/tests/test_core_relo
	CORE_DIR=$BATS_FILE_TMPDIR/objs
	mkdir -p "$CORE_DIR"
	local src vmlinux_dir=$BATS_FILE_TMPDIR/vmlinux
	for src in reloc macros values poison; do
		compile_bpf "$PROGS/core_$src.bpf.c" "$CORE_DIR/core_$src.bpf.o"
	done
	mkdir -p "$vmlinux_dir"
	gzip -dc "$FIXTURES/vmlinux.h.gz" >"$vmlinux_dir/vmlinux.h"
	compile_bpf "$PROGS/core_vmlinux.bpf.c" "$CORE_DIR/core_vmlinux.bpf.o" "$vmlinux_dir"
	CORE_OBJ=$CORE_DIR/core_reloc.bpf.o
	export CORE_UNIT CORE_DIR CORE_OBJ
}

teardown() {
	rm -rf "/sys/fs/bpf/bpfctl-test-core-$$"
}

# expected_values TARGET OBJ LINES: print each relocation line of the file
# LINES with the value the target BTF calls for, computed from bpftool's JSON.
expected_values() {
	local target_json=$BATS_TEST_TMPDIR/target.json obj_json=$BATS_TEST_TMPDIR/obj.json
	"$BPFTOOL" btf dump file "$1" -j >"$target_json"
	"$BPFTOOL" btf dump file "$2" -j >"$obj_json"
	python3 - "$target_json" "$obj_json" "$3" <<'EOF'
import json, re, sys

targ = {t["id"]: t for t in json.load(open(sys.argv[1]))["types"]}
local = {t["id"]: t for t in json.load(open(sys.argv[2]))["types"]}


def skip(types, tid):
    while types[tid]["kind"] in ("TYPEDEF", "CONST", "VOLATILE", "RESTRICT", "TYPE_TAG"):
        tid = types[tid]["type_id"]
    return tid


def size_of(types, tid):
    t = types[skip(types, tid)]
    if t["kind"] == "PTR":
        return 8
    if t["kind"] == "ARRAY":
        return t["nr_elems"] * size_of(types, t["type_id"])
    return t["size"]


def find_member(types, sid, name):
    """(bit offset, member) of name in struct sid, through anonymous members."""
    for m in types[sid].get("members", []):
        if m["name"] == name:
            return m["bits_offset"], m
        if m["name"] == "(anon)":
            inner = types[skip(types, m["type_id"])]
            if inner["kind"] in ("STRUCT", "UNION"):
                found = find_member(types, inner["id"], name)
                if found:
                    return m["bits_offset"] + found[0], found[1]
    return None


def by_name(types, name, kinds):
    return [t for t in types.values() if t["name"] == name and t["kind"] in kinds]


def field(kind, path):
    root, *members = path.split(".")
    missing = "0" if kind == "field_exists" else "poison"
    cands = by_name(targ, root, ("STRUCT", "UNION"))
    if not cands:
        return missing
    sid, bits, tid, bf = cands[0]["id"], 0, None, 0
    for tok in members:
        name, *idx = re.findall(r"[^\[\]]+", tok)
        found = find_member(targ, sid, name)
        if not found:
            return missing
        bits += found[0]
        tid, bf = found[1]["type_id"], found[1].get("bitfield_size", 0)
        for i in map(int, idx):
            arr = targ[skip(targ, tid)]
            if arr["kind"] != "ARRAY" or i >= arr["nr_elems"]:
                return missing
            tid, bf = arr["type_id"], 0
            bits += i * size_of(targ, tid) * 8
        sid = skip(targ, tid)
    if kind == "field_exists":
        return "1"
    mt = targ[sid]
    if kind == "signed":
        return "1" if mt.get("encoding") == "SIGNED" else "0"
    sz = size_of(targ, tid)
    if bf:
        off = bits // 8 // sz * sz
        while bits + bf - off * 8 > sz * 8:
            sz *= 2
            off = bits // 8 // sz * sz
    else:
        off, bf = bits // 8, sz * 8
    return str({"byte_off": off, "byte_sz": sz, "lshift_u64": 64 - (bits + bf - off * 8),
                "rshift_u64": 64 - bf}[kind])


def value(kind, path):
    if kind in ("type_exists", "type_size", "target_type_id"):
        cands = by_name(targ, path, ("STRUCT", "UNION"))
        if not cands:
            return "0"
        return str({"type_exists": 1, "type_size": cands[0].get("size"),
                    "target_type_id": cands[0]["id"]}[kind])
    if kind == "local_type_id":
        return str(next(t["id"] for t in local.values()
                        if t["kind"] == "STRUCT" and t["name"].split("___")[0] == path))
    if kind.startswith("enumval"):
        enum, name = path.split("::")
        for t in by_name(targ, enum, ("ENUM", "ENUM64")):
            for v in t["values"]:
                if v["name"] == name:
                    return "1" if kind == "enumval_exists" else str(v["val"])
        return "0" if kind == "enumval_exists" else "poison"
    return field(kind, path)


for line in open(sys.argv[3]):
    sec, idx, kind, path, *rest = line.split()
    print(sec, idx, kind, path, value(kind, path))
EOF
}

# check_against TARGET: relocate every core_* object against TARGET and
# compare each patched value with the one bpftool's dump calls for.
check_against() {
	local target=$1 obj got want
	for obj in "$CORE_DIR"/core_{reloc,macros,values,vmlinux}.bpf.o; do
		run "$CORE_UNIT" "$obj" "$target"
		echo "$obj: $output"
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -ge 5 ]
		got=$BATS_TEST_TMPDIR/got want=$BATS_TEST_TMPDIR/want
		printf '%s\n' "${lines[@]}" | sed 's/ size=[0-9]*$//' >"$got"
		expected_values "$target" "$obj" "$got" >"$want"
		[ "$(wc -l <"$want")" -eq "${#lines[@]}" ]
		diff -u "$want" "$got"
	done
}

@test "every CO-RE relocation matches the fixture kernel BTF" {
	check_against "$(fixture vmlinux.btf)"
}

@test "every CO-RE relocation matches the running kernel's BTF" {
	[ -r /sys/kernel/btf/vmlinux ]
	check_against /sys/kernel/btf/vmlinux
}

@test "the relocations cover moved fields, missing fields, bitfields, types and enums" {
	run "$CORE_UNIT" "$CORE_OBJ" "$(fixture vmlinux.btf)"
	[ "$status" -eq 0 ]
	# a field at another offset than the local flavour's (local pid is at 4)
	[[ $output == *"byte_off task_struct.pid 1264"* ]]
	# a missing field: exists is 0 and the guarded read is poisoned
	[[ $output == *"field_exists task_struct.no_such_field___really 0"* ]]
	[[ $output == *"byte_off task_struct.no_such_field___really poison"* ]]
	[[ $output == *"lshift_u64 task_struct.sched_reset_on_fork"* ]]
	[[ $output == *"type_exists bpfctl_no_such_type 0"* ]]
	[[ $output == *"enumval_value pid_type::PIDTYPE_MAX 4"* ]]
	[[ $output == *"enumval_exists pid_type::PIDTYPE_BPFCTL_NOPE 0"* ]]
}

@test "an object whose CO-RE relocations resolve loads (guarded dead code poisoned)" {
	require_root_caps
	local pin=/sys/fs/bpf/bpfctl-test-core-$$
	mkdir -p "$pin"
	run "$BPFCTL" prog load "$CORE_OBJ" "$pin/live"
	echo "$output"
	[ "$status" -eq 0 ]
	run "$BPFCTL" prog load "$CORE_OBJ" "$pin/fixture" kernel_btf "$(fixture vmlinux.btf)"
	echo "$output"
	[ "$status" -eq 0 ]
	[ -e "$pin/live" ] && [ -e "$pin/fixture" ]
}

# run_values TARGET [kernel_btf FILE]: load core_values.bpf.o, run it once
# and check the array it filled against the values the target BTF calls for.
run_values() {
	local target=$1 pin=/sys/fs/bpf/bpfctl-test-core-$$
	shift
	rm -rf "$pin" && mkdir -p "$pin"
	run "$BPFCTL" prog load "$CORE_DIR/core_values.bpf.o" "$pin/prog" pinmaps "$pin/maps" "$@"
	echo "$output"
	[ "$status" -eq 0 ]
	head -c 64 /dev/zero >"$BATS_TEST_TMPDIR/pkt"
	run "$BPFCTL" prog run pinned "$pin/prog" data_in "$BATS_TEST_TMPDIR/pkt"
	echo "$output"
	[ "$status" -eq 0 ]
	run "$BPFCTL" -j map dump pinned "$pin/maps/core_val_bss"
	echo "$output"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | python3 -c '
import json, sys
for v in json.load(sys.stdin)[0]["formatted"]["value"][".bss"][0]["out"]:
    print(v)' >"$BATS_TEST_TMPDIR/got"
	# out[i] of core_values.bpf.c, in order
	cat >"$BATS_TEST_TMPDIR/queries" <<-EOF
		v 0 byte_off task_struct.pid -
		v 1 byte_off task_struct.tgid -
		v 2 byte_off task_struct.comm -
		v 3 byte_sz task_struct.comm -
		v 4 field_exists task_struct.flags -
		v 5 field_exists task_struct.no_such_field___really -
		v 6 signed task_struct.pid -
		v 7 type_size task_struct -
		v 8 type_exists task_struct -
		v 9 type_exists bpfctl_no_such_type -
		v 10 target_type_id task_struct -
		v 11 enumval_value pid_type::PIDTYPE_MAX -
		v 12 enumval_exists pid_type::PIDTYPE_BPFCTL_NOPE -
		v 13 byte_off task_struct.real_parent -
	EOF
	expected_values "$target" "$CORE_DIR/core_values.bpf.o" "$BATS_TEST_TMPDIR/queries" |
		awk '{ print $NF }' >"$BATS_TEST_TMPDIR/want"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/want")" -eq 14 ]
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "a relocated program computes the fixture BTF's offsets, sizes, ids and values" {
	require_root_caps
	local vmlinux
	vmlinux=$(fixture vmlinux.btf)
	run_values "$vmlinux" kernel_btf "$vmlinux"
}

@test "a relocated program computes the running kernel's offsets, sizes, ids and values" {
	require_root_caps
	run_values /sys/kernel/btf/vmlinux
}

@test "an unguarded read of a missing field is rejected by the verifier at the poisoned call" {
	require_root_caps
	local pin=/sys/fs/bpf/bpfctl-test-core-$$
	mkdir -p "$pin"
	run "$CORE_UNIT" "$CORE_DIR/core_poison.bpf.o" "$(fixture vmlinux.btf)"
	[ "$status" -eq 0 ]
	[[ $output == *"byte_off task_struct.bpfctl_field_that_never_was poison"* ]]
	run "$BPFCTL" prog load "$CORE_DIR/core_poison.bpf.o" "$pin/poison"
	echo "$output"
	[ "$status" -eq 255 ]
	[[ $output == *"Error:"* ]]
	# 195896080 is 0xbad2310, the poisoned helper call
	[[ $output == *"invalid func unknown#195896080"* ]]
	[ ! -e "$pin/poison" ]
}

# splice_ext FILE: a copy of the object whose .BTF.ext is FILE.
splice_ext() {
	local out=$BATS_TEST_TMPDIR/spliced.o
	llvm-objcopy --update-section ".BTF.ext=$1" "$CORE_OBJ" "$out"
	printf '%s\n' "$out"
}

# expect_clean_refusal OBJ: the unit binary fails without crashing or a sanitizer report.
expect_clean_refusal() {
	run "$CORE_UNIT" "$1" "$(fixture vmlinux.btf)"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ $output == *"failed"* ]]
	! [[ $output =~ $SANITIZER_REPORT ]]
}

@test "truncated .BTF.ext sections of a real object are refused" {
	local ext=$BATS_TEST_TMPDIR/ext size n
	llvm-objcopy --dump-section ".BTF.ext=$ext" "$CORE_OBJ"
	size=$(stat -c %s "$ext")
	for n in 0 4 8 20 31 $((size / 2)) $((size - 4)); do
		head -c "$n" "$ext" >"$ext.cut"
		expect_clean_refusal "$(splice_ext "$ext.cut")"
	done
}

# poke_u32 FILE OFFSET VALUE: overwrite the little-endian 32-bit word at OFFSET.
poke_u32() {
	printf '%08x' "$3" | sed 's/\(..\)\(..\)\(..\)\(..\)/\\x\4\\x\3\\x\2\\x\1/' |
		xargs -0 printf | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# peek_u32 FILE OFFSET: the little-endian 32-bit word at OFFSET.
peek_u32() {
	od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '
}

@test "corrupted .BTF.ext header fields of a real object are refused" {
	local ext=$BATS_TEST_TMPDIR/ext c off val
	llvm-objcopy --dump-section ".BTF.ext=$ext" "$CORE_OBJ"
	# offset:value of hdr_len, core_relo_off, func_info record size
	for c in 4:4096 24:1000000 32:3; do
		IFS=: read -r off val <<<"$c"
		cp "$ext" "$ext.bad"
		poke_u32 "$ext.bad" "$off" "$val"
		expect_clean_refusal "$(splice_ext "$ext.bad")"
	done
}

@test "corrupted CO-RE records of a real object are refused" {
	local ext=$BATS_TEST_TMPDIR/ext rec c off val
	llvm-objcopy --dump-section ".BTF.ext=$ext" "$CORE_OBJ"
	# first record: header, core_relo_off, then rec_size, sec_name_off, num_info
	rec=$(($(peek_u32 "$ext" 4) + $(peek_u32 "$ext" 24) + 12))
	# field offset:value of insn_off, type_id, access_str_off, kind; insn_off mid-insn
	for c in 0:4000000 4:9999999 8:99999999 12:77 0:3; do
		IFS=: read -r off val <<<"$c"
		cp "$ext" "$ext.bad"
		poke_u32 "$ext.bad" $((rec + off)) "$val"
		expect_clean_refusal "$(splice_ext "$ext.bad")"
	done
}
