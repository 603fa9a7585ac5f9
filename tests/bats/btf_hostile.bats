#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl btf dump on hostile input: a corpus of malformed BTF files, ELF
# objects and other junk written by tests/lib/hostile_btf.py from the
# fixture vmlinux.btf and from an object compiled from tests/progs.
#
# Every run must end cleanly: an exit status below 128 (no signal), and
#  - for a file the generator marks "error": a non-zero status with an
#    "Error: ..." message (on stderr; with -j, a JSON {"error": ...} on
#    stdout is accepted as the message too);
#  - for "ok": status 0 and complete output;
#  - for "any" (e.g. random byte flips): one of the two.
# Under SANITIZE=1 any ASan/UBSan report fails the test. A run that takes
# longer than HOSTILE_TIMEOUT seconds (default 180) counts as hung: a hang
# guard for inputs that loop, not a speed check.

load ../lib/common

HOSTILE_TIMEOUT=${HOSTILE_TIMEOUT:-180}

setup_file() {
	HOSTILE_OBJ=$BATS_FILE_TMPDIR/types.bpf.o
	compile_bpf "$PROGS/types.bpf.c" "$HOSTILE_OBJ"
	HOSTILE_VMLINUX=$(fixture vmlinux.btf)
	export HOSTILE_OBJ HOSTILE_VMLINUX
}

# corpus GROUP...: write the corpus groups into a fresh directory of this
# test and print its path.
corpus() {
	local dir
	dir=$(mktemp -d "$BATS_TEST_TMPDIR/corpus.XXXXXX")
	local args=() g
	for g in "$@"; do
		args+=(--group "$g")
	done
	python3 "$REPO_ROOT/tests/lib/hostile_btf.py" --vmlinux "$HOSTILE_VMLINUX" \
		--obj "$HOSTILE_OBJ" --out "$dir" "${args[@]}"
	printf '%s\n' "$dir"
}

# complete MODE OUT: OUT is a whole dump, not a cut-off one.
complete() {
	local mode=$1 out=$2
	case $mode in
	raw)
		# empty (no types) or lines of "[id] ..." and tab-indented members,
		# the last one terminated
		[[ ! -s $out ]] && return 0
		[[ $(tail -c 1 "$out" | od -An -c | tr -d ' ') == '\n' ]] || return 1
		! LC_ALL=C grep -qvE $'^(\\[[0-9]+\\] |\t)' "$out"
		;;
	json)
		python3 - "$out" <<'PY'
import json, sys
# names may hold any bytes: judge the JSON syntax, not the UTF-8
doc = json.loads(open(sys.argv[1], "rb").read().decode("utf-8", "surrogateescape"))
sys.exit(0 if isinstance(doc, dict) and isinstance(doc.get("types"), list) else 1)
PY
		;;
	c)
		[[ $(tail -n 1 "$out") == '#endif /* __VMLINUX_H__ */' ]]
		;;
	esac
}

# json_error OUT: OUT is a JSON object {"error": "..."} (bpftool's -j way
# of reporting an error).
json_error() {
	python3 -c '
import json, sys
doc = json.load(open(sys.argv[1], "rb"))
sys.exit(0 if isinstance(doc, dict) and isinstance(doc.get("error"), str) and doc["error"] else 1)
' "$1" 2>/dev/null
}

# check_one FILE EXPECT MODE: run bpfctl on FILE in MODE (raw, json or c)
# and print a line describing each broken rule (nothing when all is well).
check_one() {
	local file=$1 expect=$2 mode=$3
	local out=$BATS_TEST_TMPDIR/hostile.out err=$BATS_TEST_TMPDIR/hostile.err
	local args
	case $mode in
	raw) args=(btf dump file "$file") ;;
	json) args=(-j btf dump file "$file") ;;
	c) args=(btf dump file "$file" format c) ;;
	esac
	local st=0
	timeout -k 10 "$HOSTILE_TIMEOUT" "$BPFCTL" "${args[@]}" >"$out" 2>"$err" </dev/null || st=$?
	local what="${file##*/} [$mode, expect $expect]"

	if grep -qE "$SANITIZER_REPORT" "$err"; then
		echo "$what: sanitizer report: $(grep -m1 -E "$SANITIZER_REPORT" "$err")"
		return
	fi
	if ((st == 124 || st == 137)); then
		echo "$what: hung (killed after ${HOSTILE_TIMEOUT}s)"
		return
	fi
	if ((st > 128 && st <= 128 + 64)); then
		echo "$what: killed by signal $((st - 128)) (or exit status $st)"
		return
	fi
	if ((st >= 128 && st != 255)); then
		echo "$what: exit status $st (>= 128 reads as death by a signal; errors are 255)"
		return
	fi
	if ((st != 0)); then
		if [[ $expect == ok ]]; then
			echo "$what: rejected a valid file (status $st): $(head -c 200 "$err")"
		elif ! grep -q 'Error:' "$err" && ! { [[ $mode == json ]] && json_error "$out"; }; then
			echo "$what: status $st without an 'Error:' message; stderr: $(head -c 200 "$err")"
		fi
		return
	fi
	if [[ $expect == error ]]; then
		echo "$what: accepted (status 0)"
	elif ! complete "$mode" "$out"; then
		echo "$what: status 0 with incomplete output ($(wc -c <"$out") bytes)"
	fi
}

# check_corpus DIR MODE...: check every file of DIR/MANIFEST in every mode;
# fail with the list of problems.
check_corpus() {
	local dir=$1
	shift
	local problems=() n=0 file expect what mode line
	while IFS=$'\t' read -r file expect what; do
		for mode in "$@"; do
			n=$((n + 1))
			line=$(check_one "$dir/$file" "$expect" "$mode")
			[[ -z $line ]] || problems+=("$line ($what)")
		done
	done <"$dir/MANIFEST"
	((n > 0)) || { echo "empty corpus in $dir" >&2; return 1; }
	if ((${#problems[@]})); then
		printf '%s of %s runs broke a rule:\n' "${#problems[@]}" "$n" >&2
		printf '  %s\n' "${problems[@]:0:60}" >&2
		((${#problems[@]} <= 60)) || echo "  ..." >&2
		return 1
	fi
}

@test "the corpus generator is deterministic" {
	local a b
	a=$(corpus obj-flip elf scratch)
	b=$(corpus obj-flip elf scratch)
	diff -r "$a" "$b"
	[ "$(wc -l <"$a/MANIFEST")" -gt 250 ]
}

@test "an object's BTF truncated, with bad headers, sections, strings, references, kinds and loops is rejected" {
	check_corpus "$(corpus obj)" raw json c
}

@test "the kernel's BTF truncated, with bad headers, sections, strings, references, kinds and loops is rejected" {
	check_corpus "$(corpus vmlinux)" raw json c
}

@test "hand-built BTF: reference loops rejected, deep chains and odd types handled without a crash" {
	check_corpus "$(corpus scratch)" raw json c
}

@test "hand-built valid encodings (forward enums, ENUM64, odd INT and FLOAT sizes) are accepted whole" {
	check_corpus "$(corpus encodings)" raw json c
}

@test "200 byte-flipped copies of an object's BTF: a clean error or complete output" {
	check_corpus "$(corpus obj-flip)" raw json c
}

@test "byte-flipped copies of the kernel's BTF: a clean error or complete output" {
	check_corpus "$(corpus vmlinux-flip)" raw c
}

@test "ELF objects with a corrupted .BTF section or ELF structure are rejected" {
	check_corpus "$(corpus elf)" raw json c
}

@test "files that are neither ELF nor BTF, and empty files, are rejected" {
	check_corpus "$(corpus other)" raw json c
	: >"$BATS_TEST_TMPDIR/empty"
	run_bpfctl btf dump file "$BATS_TEST_TMPDIR/empty" format c
	expect_error
	run_bpfctl btf dump file /dev/null
	expect_error
}

@test "a directory, a missing file and an empty path are rejected" {
	mkdir "$BATS_TEST_TMPDIR/dir"
	run_bpfctl btf dump file "$BATS_TEST_TMPDIR/dir"
	expect_error
	run_bpfctl btf dump file "$BATS_TEST_TMPDIR/dir" format c
	expect_error
	run_bpfctl btf dump file "$BATS_TEST_TMPDIR/missing"
	expect_error
	run_bpfctl -j btf dump file "$BATS_TEST_TMPDIR/missing"
	((status == 255))
	run_bpfctl btf dump file ""
	expect_error
}

@test "malformed command lines are rejected with an error" {
	local o=$HOSTILE_OBJ
	local -a cmds=(
		"btf dump file"
		"btf dump file $o format"
		"btf dump file $o format bogus"
		"btf dump file $o format c bogus"
		"btf dump file $o root_id"
		"btf dump file $o root_id abc"
		"btf dump file $o root_id -1"
		"btf dump file $o root_id 99999999999999999999"
		"btf dump file $o root_id 1 junk"
		"btf dump id"
		"btf dump id abc"
		"btf dump id 4294967296"
		"btf dump"
		"btf bogus"
		"bogus"
	)
	local c problems=()
	for c in "${cmds[@]}"; do
		# shellcheck disable=SC2086 # split on purpose: one word per argument
		run_bpfctl $c
		if ((status != 255)) || [[ ${stderr-} != *Error:* ]]; then
			problems+=("bpfctl $c: status $status, stderr: ${stderr:0:200}")
		fi
	done
	if ((${#problems[@]})); then
		printf '%s\n' "${problems[@]}" >&2
		return 1
	fi
}

@test "-o creates no file, and leaves no temporary file, when the input is hostile" {
	local dir=$BATS_TEST_TMPDIR/out src file expect what
	src=$(corpus obj)
	mkdir "$dir"
	while IFS=$'\t' read -r file expect what; do
		[[ $expect == error ]] || continue
		bpfctl_to /dev/null -o "$dir/out.h" btf dump file "$src/$file" format c
		if [[ $status == 0 ]]; then
			echo "$file ($what): accepted" >&2
			return 1
		fi
		expect_error
		if [[ -n $(find "$dir" -mindepth 1 -print -quit) ]]; then
			echo "$file ($what): left $(ls -A "$dir") behind" >&2
			return 1
		fi
	done <"$src/MANIFEST"
}

@test "a header length that is not a multiple of 4 is accepted, as by the kernel and libbpf" {
	local btf=$BATS_TEST_TMPDIR/types.btf pad want=$BATS_TEST_TMPDIR/want
	local out=$BATS_TEST_TMPDIR/out fmt
	llvm-objcopy --dump-section=".BTF=$btf" "$HOSTILE_OBJ"
	for fmt in raw c; do
		bpfctl_to "$want.$fmt" btf dump file "$btf" format "$fmt"
		expect_status 0
	done
	for pad in 1 2 3 4 5; do
		# the header grows by pad zero bytes; the sections (and hence the
		# type section's alignment in the file) move with it
		python3 - "$btf" "$btf.$pad" "$pad" <<'PY'
import struct, sys
raw = open(sys.argv[1], "rb").read()
pad = int(sys.argv[3])
hdr_len = struct.unpack_from("<I", raw, 4)[0]
out = bytearray(raw[:hdr_len]) + bytes(pad) + raw[hdr_len:]
struct.pack_into("<I", out, 4, hdr_len + pad)
open(sys.argv[2], "wb").write(out)
PY
		for fmt in raw c; do
			bpfctl_to "$out" btf dump file "$btf.$pad" format "$fmt"
			expect_status 0
			same_file "$want.$fmt" "$out"
		done
		if [[ -x $BPFTOOL ]]; then
			"$BPFTOOL" btf dump file "$btf.$pad" >"$out.bpftool"
			same_file "$want.raw" "$out.bpftool"
		fi
	done
}
