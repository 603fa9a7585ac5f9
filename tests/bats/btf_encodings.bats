#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# Every BTF encoding that compilers and pahole emit for valid C dumps as
# Debian's bpftool dumps it (raw text, JSON, format c), and its C header
# compiles with the layout the BTF records:
#  - tests/progs/btf_encodings.bpf.c, compiled by clang at test time
#    (forward-declared enums, empty structs, flexible and zero-length arrays,
#    bitfields, packing, every enum, INT and FLOAT size clang emits, externs);
#  - hand-built BTF from tests/lib/hostile_btf.py's "encodings" group for what
#    clang 14 does not emit (signed enums, ENUM64, FLOAT 12 and 16, odd INTs).
# bpftool v7.1's format c differs from v7.8's (which bpfctl follows) only by
# v7.8's additions; v7_8_additions strips them from ours before comparing.

load ../lib/common

setup_file() {
	ENC_OBJ=$BATS_FILE_TMPDIR/btf_encodings.bpf.o
	compile_bpf "$PROGS/btf_encodings.bpf.c" "$ENC_OBJ"
	ENC_DIR=$BATS_FILE_TMPDIR/encodings
	python3 "$REPO_ROOT/tests/lib/hostile_btf.py" --out "$ENC_DIR" --group encodings
	export ENC_OBJ ENC_DIR
}

# encoding_inputs: the object and every hand-built file.
encoding_inputs() {
	printf '%s\n' "$ENC_OBJ" "$ENC_DIR"/valid-*.btf
}

# v7_8_additions HEADER: HEADER without what bpftool v7.8 adds to v7.1's
# format c: the __ksym/__weak/__bpf_fastcall preamble, the (empty here) kfunc
# block, and mode(byte)/mode(word) on 1- and 8-byte enums.
v7_8_additions() {
	python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r"#ifndef __ksym\n.*?#endif\n#endif\n\n", "", text, count=1, flags=re.S)
text = text.replace("\n\n/* BPF kfuncs */\n#ifndef BPF_NO_KFUNC_PROTOTYPES\n#endif\n", "")
text = re.sub(r"\} __attribute__\(\(mode\((byte|word)\)\)\);", "};", text)
sys.stdout.write(text)
PY
}

@test "the object's raw text equals bpftool's, with no type left out" {
	local want=$BATS_TEST_TMPDIR/want.txt out=$BATS_TEST_TMPDIR/out.txt
	"$BPFTOOL" btf dump file "$ENC_OBJ" >"$want"
	bpfctl_to "$out" btf dump file "$ENC_OBJ"
	expect_status 0
	same_file "$want" "$out"
	grep -qxF "[$(grep -c '^\[' "$want")] DATASEC 'license' size=0 vlen=1" "$out"
	grep -qE "^\[[0-9]+\] ENUM 'never_defined' encoding=UNSIGNED size=0 vlen=0$" "$out"
	grep -qE "^\[[0-9]+\] STRUCT 'empty' size=0 vlen=0$" "$out"
	grep -qE "^\[[0-9]+\] UNION 'empty_u' size=0 vlen=0$" "$out"
	grep -qE "^\[[0-9]+\] DATASEC '.kconfig' size=0 vlen=2$" "$out"
	grep -qE "^\[[0-9]+\] DATASEC '.ksyms' size=0 vlen=2$" "$out"
	grep -qE "^\[[0-9]+\] FUNC 'bpf_iter_num_new' type_id=[0-9]+ linkage=extern$" "$out"
	grep -qE "^\[[0-9]+\] VAR 'LINUX_KERNEL_VERSION' type_id=[0-9]+, linkage=extern$" "$out"
	grep -qE "^\[[0-9]+\] DECL_TAG 'param_tag' type_id=[0-9]+ component_idx=0$" "$out"
	grep -qE "^\[[0-9]+\] TYPE_TAG 'percpu' type_id=[0-9]+$" "$out"
}

@test "hand-built signed enums, ENUM64, every INT and FLOAT size, externs and tags: raw text as bpftool" {
	local f want=$BATS_TEST_TMPDIR/want.txt out=$BATS_TEST_TMPDIR/out.txt
	for f in "$ENC_DIR"/valid-*.btf; do
		"$BPFTOOL" btf dump file "$f" >"$want"
		bpfctl_to "$out" btf dump file "$f"
		expect_status 0
		same_file "$want" "$out"
	done
	f=$ENC_DIR/valid-enums.btf
	bpfctl_to "$out" btf dump file "$f"
	grep -qxF "[12] ENUM 'fwd_signed' encoding=SIGNED size=0 vlen=0" "$out"
	grep -qxF "[13] ENUM64 'fwd64' encoding=SIGNED size=0 vlen=0" "$out"
	grep -qxF $'\t\'A\' val=18446744073709551615ULL' "$out"
	bpfctl_to "$out" btf dump file "$ENC_DIR/valid-numbers.btf"
	grep -qxF "[13] FLOAT '__float80' size=12" "$out"
	grep -qxF "[9] INT 'u24' size=3 bits_offset=0 nr_bits=24 encoding=(none)" "$out"
}

@test "-j and -p of the object and of the hand-built files equal bpftool's JSON" {
	local f want=$BATS_TEST_TMPDIR/want.json out=$BATS_TEST_TMPDIR/out.json
	while read -r f; do
		"$BPFTOOL" -j btf dump file "$f" >"$want"
		bpfctl_to "$out" -j btf dump file "$f"
		expect_status 0
		json_equal "$want" "$out"
		bpfctl_to "$out" -p btf dump file "$f"
		expect_status 0
		json_equal "$want" "$out"
	done < <(encoding_inputs)
	# the unsigned enumerator with bit 31 set keeps its value (bpftool sign-extends it)
	bpfctl_to "$out" -j btf dump file "$ENC_OBJ"
	python3 - "$out" <<'PY'
import json, sys
types = json.load(open(sys.argv[1]))["types"]
e = next(t for t in types if t["name"] == "e_u32")
assert {v["name"]: v["val"] for v in e["values"]} == {"EU32_HIGH": 2147483648, "EU32_MAX": 4294967295}, e
fwd = next(t for t in types if t["name"] == "never_defined")
assert (fwd["kind"], fwd["size"], fwd["vlen"], fwd["values"]) == ("ENUM", 0, 0, []), fwd
PY
}

@test "format c unsorted equals bpftool v7.1's format c, but for v7.8's additions" {
	local f want=$BATS_TEST_TMPDIR/want.h out=$BATS_TEST_TMPDIR/out.h
	while read -r f; do
		"$BPFTOOL" btf dump file "$f" format c >"$want"
		bpfctl_to "$out" btf dump file "$f" format c unsorted
		expect_status 0
		v7_8_additions "$out" >"$out.v71"
		same_file "$want" "$out.v71"
	done < <(encoding_inputs)
}

@test "format c (sorted and unsorted) compiles with the layout the BTF records" {
	local f h=$BATS_TEST_TMPDIR/enc.h json=$BATS_TEST_TMPDIR/raw.json mode
	while read -r f; do
		"$BPFTOOL" -j btf dump file "$f" >"$json"
		for mode in "" unsorted; do
			bpfctl_to "$h" btf dump file "$f" format c $mode
			expect_status 0
			compile_header "$h"
			check_layout "$h" "$json"
		done
	done < <(encoding_inputs)
}

@test "format c declares forward enums, empty structs, flexible arrays, bitfields and varargs" {
	local h=$BATS_TEST_TMPDIR/enc.h
	bpfctl_to "$h" btf dump file "$ENC_OBJ" format c
	expect_status 0
	grep -qxF 'enum never_defined;' "$h"
	grep -qxF $'\tenum never_defined *never;' "$h"
	grep -qxF $'\tconst enum later_defined *const_later;' "$h"
	grep -qxF 'enum later_defined {' "$h"
	grep -qxF 'struct empty {};' "$h"
	grep -qxF 'union empty_u {};' "$h"
	# BTF cannot tell data[] from data[0]: both are 0 elements
	grep -qxF $'\t__u8 data[0];' "$h"
	grep -qxF $'\tchar pad[0];' "$h"
	grep -qxF $'\tlong long q63: 63;' "$h"
	grep -qxF $'\tunsigned long long d: 47;' "$h"
	grep -qxF '} __attribute__((packed));' "$h"
	grep -qxF 'typedef int (*vfmt_fn)(const char *, ...);' "$h"
	grep -qF 'enum later_defined *, ...);' "$h"
	bpfctl_to "$h" btf dump file "$ENC_DIR/valid-enums.btf" format c
	expect_status 0
	grep -qxF 'enum fwd;' "$h"
	grep -qxF 'enum fwd64;' "$h"
	grep -qxF $'\tenum fwd64 *B;' "$h"
}

@test "BTF the new leniency must still refuse: clean errors naming the type and what is wrong" {
	local dir=$BATS_TEST_TMPDIR/bad
	python3 "$REPO_ROOT/tests/lib/hostile_btf.py" --out "$dir" --group scratch
	local -A want=(
		[scratch-enum-size-0-vlen-1.btf]="BTF type [1] ENUM 'a': size is 0 but it has 1 enumerators"
		[scratch-enum-size-0-vlen-1-kflag.btf]="BTF type [1] ENUM 'a': size is 0 but it has 1 enumerators"
		[scratch-enum-size-3.btf]="BTF type [1] ENUM 'a': size 3 is not 1, 2, 4 or 8"
		[scratch-enum-size-16.btf]="BTF type [1] ENUM 'a': size 16 is not 1, 2, 4 or 8"
		[scratch-enum64-size-0-vlen-1.btf]="BTF type [1] ENUM64 'a': size is 0 but it has 1 enumerators"
		[scratch-enum64-size-3.btf]="BTF type [1] ENUM64 'a': size 3 is not 1, 2, 4 or 8"
		[scratch-int-bits-past-size.btf]="BTF type [1] INT 'int': bits do not fit in its size"
		[scratch-int-offset-past-size.btf]="BTF type [1] INT 'int': bits do not fit in its size"
		[scratch-float-size-3.btf]="BTF type [1] FLOAT 'big': size is not 2, 4, 8, 12 or 16"
	)
	local f
	for f in "${!want[@]}"; do
		run_bpfctl btf dump file "$dir/$f"
		expect_error
		[[ -z $output ]]
		if [[ $stderr != *"${want[$f]}"* ]]; then
			printf '%s: expected "%s" in:\n%s\n' "$f" "${want[$f]}" "$stderr" >&2
			return 1
		fi
		run_bpfctl -j btf dump file "$dir/$f"
		expect_status 255
		[[ $output == *'"error"'*"${want[$f]#BTF type }"* ]]
	done
}
