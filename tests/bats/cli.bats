#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# The bpfctl command line: global options, keywords by unique prefix,
# help and version, errors in text and JSON, -o atomic output, batch mode.
# Every JSON document bpfctl prints here is checked with python3 -m json.tool.

load ../lib/common

VMLINUX_SYSFS=/sys/kernel/btf/vmlinux
ERR=255

# json_ok: $output is one valid JSON document.
json_ok() {
	printf '%s' "$output" | json_valid
}

# json_error_has TEXT...: $output is exactly {"error": "..."} and the message
# holds every TEXT.
json_error_has() {
	python3 - "$output" "$@" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
if not isinstance(doc, dict) or list(doc) != ["error"] or not isinstance(doc["error"], str):
    sys.exit(f"not an error object: {doc!r}")
for want in sys.argv[2:]:
    if want not in doc["error"]:
        sys.exit(f"{want!r} not in {doc['error']!r}")
PY
}

# expect_fail: exit status 255, an "Error: " line on stderr, nothing on stdout.
expect_fail() {
	expect_status "$ERR"
	[[ $stderr == *"Error: "* ]] || { echo "no 'Error: ' on stderr: $stderr" >&2; return 1; }
	[[ -z $output ]] || { echo "unexpected stdout: $output" >&2; return 1; }
}

# only_files DIR NAME...: DIR holds exactly NAME... (no temporary leftovers).
only_files() {
	local dir=$1
	shift
	local want got
	want=$(printf '%s\n' "$@" | sort)
	got=$(ls -A "$dir" | sort)
	if [[ $want != "$got" ]]; then
		printf 'files in %s:\n%s\nexpected:\n%s\n' "$dir" "$got" "$want" >&2
		return 1
	fi
}

# ---- keywords and prefixes

@test "objects, commands and keywords match by unique prefix" {
	run_bpfctl btf show
	expect_status 0
	local full=$output
	[[ $full == "1: name [vmlinux]  size "* ]]
	run_bpfctl b s
	expect_status 0
	[[ $output == "$full" ]]
	run_bpfctl bt sh
	[[ $output == "$full" ]]
	run_bpfctl btf list id 1
	local one=$output
	run_bpfctl b l i 1
	expect_status 0
	[[ $output == "$one" ]]
	# "btf" alone is "btf show", as in bpftool
	run_bpfctl btf
	expect_status 0
	[[ $output == "$full" ]]
}

@test "'b d f FILE f c' is 'btf dump file FILE format c'" {
	local dir=$BATS_TEST_TMPDIR
	bpfctl_to "$dir/full.h" btf dump file "$VMLINUX_SYSFS" format c
	expect_status 0
	bpfctl_to "$dir/short.h" b d f "$VMLINUX_SYSFS" f c
	expect_status 0
	same_file "$dir/full.h" "$dir/short.h"
	grep -q '^struct task_struct {$' "$dir/short.h"

	bpfctl_to "$dir/unsorted.h" btf dump file "$VMLINUX_SYSFS" format c unsorted
	bpfctl_to "$dir/unsorted-short.h" b d f "$VMLINUX_SYSFS" fo c u
	expect_status 0
	same_file "$dir/unsorted.h" "$dir/unsorted-short.h"

	bpfctl_to "$dir/raw.txt" btf dump file "$VMLINUX_SYSFS" format raw root_id 1
	bpfctl_to "$dir/raw-short.txt" b d f "$VMLINUX_SYSFS" f r r 1
	expect_status 0
	same_file "$dir/raw.txt" "$dir/raw-short.txt"
	[[ $(cat "$dir/raw.txt") == "[1] "* ]]
}

@test "an exact keyword wins, and top-level commands take prefixes too" {
	run_bpfctl v
	expect_status 0
	[[ ${lines[0]} == "bpfctl v"* ]]
	run_bpfctl h
	expect_status 0
	[[ ${lines[0]} == "Usage: bpfctl "* ]]
	# 'b' is btf; batch needs at least 'ba'
	printf 'version\n' >"$BATS_TEST_TMPDIR/cmds"
	run_bpfctl ba f "$BATS_TEST_TMPDIR/cmds"
	expect_status 0
	[[ ${lines[0]} == "bpfctl v"* ]]
}

@test "an ambiguous prefix is an error that lists the candidates" {
	run_bpfctl p
	expect_fail
	[[ $stderr == *"ambiguous object 'p'"* ]]
	[[ $stderr == *prog* && $stderr == *perf* ]]

	run_bpfctl -j p
	expect_status "$ERR"
	json_ok
	json_error_has "ambiguous object 'p'" prog perf
}

@test "an unknown object, command or keyword is an error naming it and the valid ones" {
	run_bpfctl bogus
	expect_fail
	[[ $stderr == *"unknown object 'bogus'"* ]]
	[[ $stderr == *btf* && $stderr == *batch* && $stderr == *version* && $stderr == *help* ]]

	run_bpfctl btf bogus
	expect_fail
	[[ $stderr == *"unknown btf command 'bogus'"*show*list*dump*help* ]]

	run_bpfctl btf dump bogus x
	expect_fail
	[[ $stderr == *"'bogus'"*id*file* ]]

	run_bpfctl btf dump file "$VMLINUX_SYSFS" bogus
	expect_fail
	[[ $stderr == *"'bogus'"*format*root_id*unsorted* ]]

	run_bpfctl btf dump file "$VMLINUX_SYSFS" format bogus
	expect_fail
	[[ $stderr == *"unknown format 'bogus'"*raw*c* ]]

	run_bpfctl btf show bogus 1
	expect_fail
	[[ $stderr == *"'bogus'"*id* ]]

	# an empty word matches nothing
	run_bpfctl ''
	expect_fail
	[[ $stderr == *"unknown object ''"* ]]
}

@test "global options go before the object; after it they are an error with a hint" {
	run_bpfctl btf show -j
	expect_fail
	[[ $stderr == *"'-j'"*"global options go before the object"* ]]
}

@test "bad values and missing words are errors naming them" {
	run_bpfctl btf dump file "$VMLINUX_SYSFS" root_id x12
	expect_fail
	[[ $stderr == *"can't parse 'x12' as BTF type id"* ]]
	run_bpfctl btf dump id -1
	expect_fail
	[[ $stderr == *"can't parse '-1' as BTF id"* ]]
	run_bpfctl btf dump id 4294967296
	expect_fail
	[[ $stderr == *"'4294967296'"* ]]
	run_bpfctl btf dump file
	expect_fail
	[[ $stderr == *"missing FILE after 'file'"* ]]
	run_bpfctl btf dump file "$VMLINUX_SYSFS" format
	expect_fail
	[[ $stderr == *"after 'format'"* ]]
	run_bpfctl btf dump file "$VMLINUX_SYSFS" root_id 1 root_id 1
	expect_fail
	[[ $stderr == *"duplicate root_id 1"* ]]
	run_bpfctl btf dump file "$VMLINUX_SYSFS" unsorted
	expect_fail
	[[ $stderr == *"'unsorted'"*"format c"* ]]
	run_bpfctl btf show id 1 extra
	expect_fail
	[[ $stderr == *"unexpected argument 'extra'"* ]]
	run_bpfctl version extra
	expect_fail
	[[ $stderr == *"unexpected argument 'extra'"* ]]
}

@test "a root_id past the last type is an error before any output" {
	local n
	n=$(grep -c '^\[' <("$BPFCTL" btf dump file "$VMLINUX_SYSFS"))
	run_bpfctl btf dump file "$VMLINUX_SYSFS" format c root_id $((n + 1))
	expect_fail
	[[ $stderr == *"root_id $((n + 1)) is out of range"*"$VMLINUX_SYSFS"*"0 to $n"* ]]
	run_bpfctl -j btf dump file "$VMLINUX_SYSFS" root_id $((n + 1))
	expect_status "$ERR"
	json_ok
	json_error_has "root_id $((n + 1)) is out of range"
	# the last type is fine
	run_bpfctl btf dump file "$VMLINUX_SYSFS" root_id "$n"
	expect_status 0
	[[ $output == "[$n] "* ]]
}

@test "unknown options and options missing their argument are errors" {
	run_bpfctl -x btf show
	expect_fail
	[[ $stderr == *"unknown option '-x'"* ]]
	run_bpfctl --bogus btf show
	expect_fail
	[[ $stderr == *"unknown option '--bogus'"* ]]
	run_bpfctl btf show -o
	expect_fail
	run_bpfctl -o
	expect_fail
	[[ $stderr == *"'-o' needs an argument"* ]]
	run_bpfctl --base-btf
	expect_fail
	[[ $stderr == *"'--base-btf' needs an argument"* ]]
	# -j applies to an error reported before it was seen
	run_bpfctl -x -j btf show
	expect_status "$ERR"
	json_ok
	json_error_has "unknown option '-x'"
}

@test "no object at all prints the usage on stderr and fails" {
	run_bpfctl
	expect_status "$ERR"
	[[ -z $output ]]
	[[ $stderr == *"Usage: bpfctl"* && $stderr == *"Error: missing OBJECT"* ]]
}

# ---- help and version

@test "help, -h and --help print the usage on stdout" {
	local h
	for h in help -h --help; do
		run_bpfctl $h
		expect_status 0
		[[ ${lines[0]} == "Usage: bpfctl [OPTIONS] OBJECT { COMMAND | help }" ]]
		[[ $output == *"OBJECT  := { prog | map | link | cgroup | perf | net | feature | btf |"* ]]
		[[ $output == *" gen | struct_ops | iter }"* ]]
		[[ $output == *"--output"* && $output == *"--base-btf"* ]]
		[[ -z $stderr ]]
	done
}

@test "btf help, and -h where a command goes, print the btf usage on stdout" {
	local args
	for args in "btf help" "btf h" "btf -h" "btf --help"; do
		# shellcheck disable=SC2086
		run_bpfctl $args
		expect_status 0
		[[ ${lines[0]} == "Usage: bpfctl btf { show | list } [id BTF_ID]" ]]
		[[ $output == *"btf dump BTF_SRC [format FORMAT] [root_id TYPE_ID]..."* ]]
		[[ $output == *"BTF_SRC := { id BTF_ID | prog PROG |"* ]]
		[[ $output == *"FORMAT  := { raw | c [unsorted] }"* ]]
		[[ -z $stderr ]]
	done
}

@test "help in JSON mode is null, as in bpftool" {
	run_bpfctl -j help
	expect_status 0
	json_ok
	[[ $output == null ]]
	run_bpfctl -j btf help
	expect_status 0
	[[ $output == null ]]
}

@test "version prints the version, the library version and the features" {
	local want
	want=$(sed -n 's/^VERSION := //p' "$REPO_ROOT/Makefile")
	run_bpfctl version
	expect_status 0
	[[ ${lines[0]} == "bpfctl v$want" ]]
	[[ ${lines[1]} =~ ^using\ bpfcore\ v$want\ \(libbpf\ API\ v[0-9]+\.[0-9]+\)$ ]]
	[[ ${lines[2]} == "features: readline, map_tail, batch_dump, atomic_output"* ]]
	((${#lines[@]} == 3))
	local text=$output
	run_bpfctl -V
	expect_status 0
	[[ $output == "$text" ]]
	run_bpfctl --version
	[[ $output == "$text" ]]
	run_bpfctl -V btf show
	[[ $output == "$text" ]]
}

@test "version in JSON has bpftool's field names, ours after them" {
	local want
	want=$(sed -n 's/^VERSION := //p' "$REPO_ROOT/Makefile")
	run_bpfctl -j version
	expect_status 0
	json_ok
	python3 - "$output" "$want" <<'PY'
import json, re, sys
doc = json.loads(sys.argv[1])
assert list(doc) == ["version", "libbpf_version", "features", "bpfcore_version"], list(doc)
assert doc["version"] == doc["bpfcore_version"] == sys.argv[2], doc
assert re.fullmatch(r"\d+\.\d+", doc["libbpf_version"]), doc["libbpf_version"]
feats = doc["features"]
assert list(feats)[:4] == ["libbfd", "llvm", "skeletons", "bootstrap"], list(feats)
assert all(isinstance(v, bool) for v in feats.values()), feats
assert not any(feats[k] for k in ["libbfd", "llvm", "skeletons", "bootstrap"]), feats
assert all(feats[k] for k in ["readline", "map_tail", "batch_dump", "atomic_output"]), feats
PY
	local compact=$output
	# -p implies -j; combined short options work
	run_bpfctl -p version
	expect_status 0
	json_ok
	[[ $output == *$'\n    "version": '* ]]
	run_bpfctl -jp version
	[[ $output == "$(cd / && "$BPFCTL" -p version)" ]]
	run_bpfctl --json --pretty -V
	json_ok
	[[ $(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])))' "$output") == \
		$(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])))' "$compact") ]]
	# the text version's library line matches the JSON one
	run_bpfctl version
	[[ ${lines[1]} == *"(libbpf API v$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["libbpf_version"])' "$compact"))" ]]
}

# ---- errors

@test "errors in JSON mode are one {\"error\": ...} document on stdout" {
	local args
	while IFS= read -r args; do
		# shellcheck disable=SC2086
		run_bpfctl -j $args
		expect_status "$ERR"
		json_ok
		json_error_has ""
		# -p too
		# shellcheck disable=SC2086
		run_bpfctl -p $args
		expect_status "$ERR"
		json_ok
		json_error_has ""
	done <<-EOF
		bogus
		btf bogus
		btf dump
		btf dump file $BATS_TEST_TMPDIR/missing
		btf dump id 4294967295
		btf show id 4294967295
		btf dump file $VMLINUX_SYSFS format c
		batch file $BATS_TEST_TMPDIR/missing
	EOF
}

@test "format c with JSON output is an error" {
	run_bpfctl -j btf dump file "$VMLINUX_SYSFS" format c
	expect_status "$ERR"
	json_ok
	json_error_has "JSON output for C-syntax dump is not supported"
	run_bpfctl -j btf dump id 1 format c
	json_error_has "JSON output for C-syntax dump is not supported"
}

@test "a failing library call says what failed, on what, and why" {
	local f=$BATS_TEST_TMPDIR/junk.btf
	printf 'this is not BTF at all\n' >"$f"
	run_bpfctl btf dump file "$f"
	expect_fail
	[[ $stderr == *"failed to load BTF from '$f': "* ]]
	# the library's reason, not only a strerror()
	[[ $stderr == *"neither an ELF object nor raw BTF"* ]]

	# a BTF header whose type section runs past the end of the data
	python3 - "$f" <<'PY'
import struct, sys
hdr = struct.pack("<HBBIIIII", 0xeB9F, 1, 0, 24, 0, 1000, 1000, 1)
open(sys.argv[1], "wb").write(hdr + b"\0")
PY
	run_bpfctl btf dump file "$f"
	expect_fail
	[[ $stderr == *"failed to load BTF from '$f': "*BTF* ]]
	(( $(grep -c . <<<"$stderr") == 1 ))

	run_bpfctl -B "$BATS_TEST_TMPDIR/missing" btf show
	expect_fail
	[[ $stderr == *"failed to load base BTF from '$BATS_TEST_TMPDIR/missing'"* ]]
}

@test "-d shows the library's messages" {
	local f=$BATS_TEST_TMPDIR/junk.btf
	printf 'junk' >"$f"
	run_bpfctl -d btf dump file "$f"
	expect_status "$ERR"
	[[ $stderr == *"bpfcore: "* ]]
	[[ $stderr == *"Error: failed to load BTF from '$f'"* ]]
	run_bpfctl btf dump file "$f"
	[[ $stderr != *"bpfcore: "* ]]
}

@test "a failure to write stdout is an error on stderr" {
	local args
	for args in "btf show" "-j btf show" "btf dump id 1 format c" "-j btf dump id 1"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$BPFCTL" $args
		no_sanitizer_report
		expect_status 0
		# shellcheck disable=SC2086
		"$BPFCTL" $args >/dev/full 2>"$BATS_TEST_TMPDIR/err" && return 1
		[[ $(cat "$BATS_TEST_TMPDIR/err") == "Error: "*"stdout"* ]]
	done
}

# ---- -o FILE

@test "-o writes the output to FILE, not stdout, with mode 0644 & ~umask" {
	local dir=$BATS_TEST_TMPDIR/out
	mkdir "$dir"
	bpfctl_to "$BATS_TEST_TMPDIR/want.h" btf dump file "$VMLINUX_SYSFS" format c
	run_bpfctl -o "$dir/vmlinux.h" btf dump file "$VMLINUX_SYSFS" format c
	expect_status 0
	[[ -z $output ]]
	same_file "$BATS_TEST_TMPDIR/want.h" "$dir/vmlinux.h"
	only_files "$dir" vmlinux.h
	(umask 022 && "$BPFCTL" -o "$dir/a" btf show)
	[[ $(stat -c %a "$dir/a") == 644 ]]
	(umask 077 && "$BPFCTL" --output "$dir/b" btf show)
	[[ $(stat -c %a "$dir/b") == 600 ]]
	(umask 027 && "$BPFCTL" --output="$dir/c" btf show)
	[[ $(stat -c %a "$dir/c") == 640 ]]
	only_files "$dir" vmlinux.h a b c
	# a relative path, in the current directory
	(cd "$dir" && "$BPFCTL" -o rel.txt btf show)
	[[ $(cat "$dir/rel.txt") == "1: name [vmlinux]  size "* ]]
}

@test "-o on success replaces an existing FILE by rename" {
	local dir=$BATS_TEST_TMPDIR/out ino
	mkdir "$dir"
	printf 'old\n' >"$dir/t.txt"
	ino=$(stat -c %i "$dir/t.txt")
	run_bpfctl -o "$dir/t.txt" btf show id 1
	expect_status 0
	[[ $(cat "$dir/t.txt") == "1: name [vmlinux]  size "* ]]
	# a new inode: the old file was never written into
	[[ $(stat -c %i "$dir/t.txt") != "$ino" ]]
	only_files "$dir" t.txt
}

@test "-o on failure leaves an existing FILE untouched and no temporary file" {
	local dir=$BATS_TEST_TMPDIR/out ino
	mkdir "$dir"
	printf 'precious\n' >"$dir/t.h"
	ino=$(stat -c %i "$dir/t.h")
	local args
	while IFS= read -r args; do
		# shellcheck disable=SC2086
		run_bpfctl -o "$dir/t.h" $args
		expect_fail
		[[ $(cat "$dir/t.h") == precious ]]
		[[ $(stat -c %i "$dir/t.h") == "$ino" ]]
		only_files "$dir" t.h
	done <<-EOF
		btf dump file $BATS_TEST_TMPDIR/missing format c
		btf dump file $VMLINUX_SYSFS format c root_id 4294967295
		btf dump id 4294967295
		btf bogus
		bogus
		btf show -x
	EOF
	# nor with a bad command line, nor in JSON mode
	run_bpfctl -o "$dir/t.h" -x btf show
	expect_fail
	run_bpfctl -j -o "$dir/t.h" btf dump file "$BATS_TEST_TMPDIR/missing"
	expect_status "$ERR"
	json_ok
	json_error_has "failed to load BTF from '$BATS_TEST_TMPDIR/missing'"
	[[ $(cat "$dir/t.h") == precious ]]
	[[ $(stat -c %i "$dir/t.h") == "$ino" ]]
	only_files "$dir" t.h
}

@test "-o on failure creates no FILE" {
	local dir=$BATS_TEST_TMPDIR/out
	mkdir "$dir"
	run_bpfctl -o "$dir/new.h" btf dump file "$BATS_TEST_TMPDIR/missing"
	expect_fail
	only_files "$dir"
	run_bpfctl -o "$dir/new.h" -j btf dump file "$VMLINUX_SYSFS" format c
	expect_status "$ERR"
	json_ok
	only_files "$dir"
}

@test "-o into a missing directory, onto a directory or to no file name is an error" {
	local dir=$BATS_TEST_TMPDIR/out
	mkdir -p "$dir/sub"
	run_bpfctl -o "$dir/no/such/x" btf show
	expect_fail
	[[ $stderr == *"$dir/no/such/x"* ]]
	run_bpfctl -o "$dir/sub" btf show
	expect_fail
	[[ $stderr == *"'$dir/sub'"* ]]
	[[ -d $dir/sub ]]
	only_files "$dir" sub
	only_files "$dir/sub"
	run_bpfctl -o "$dir/" btf show
	expect_fail
	[[ $stderr == *"invalid output file"* ]]
	run_bpfctl -o '' btf show
	expect_fail
	only_files "$dir" sub
}

@test "-o with JSON writes one JSON document to FILE and nothing to stdout" {
	local dir=$BATS_TEST_TMPDIR/out
	mkdir "$dir"
	run_bpfctl -p -o "$dir/show.json" btf show
	expect_status 0
	[[ -z $output ]]
	json_valid "$dir/show.json"
	run_bpfctl -j -o "$dir/raw.json" btf dump file "$VMLINUX_SYSFS" root_id 1 root_id 2
	expect_status 0
	json_valid "$dir/raw.json"
	[[ $(python3 -c 'import json,sys; print([t["id"] for t in json.load(open(sys.argv[1]))["types"]])' "$dir/raw.json") == "[1, 2]" ]]
	only_files "$dir" show.json raw.json
}

# ---- batch

@test "batch runs one command per line, with comments, quotes and continuations" {
	local f=$BATS_TEST_TMPDIR/cmds
	cat >"$f" <<-'EOF'
		# a comment line

		btf show id 1   # a trailing comment
		  'btf' "list" \
		      id 1
		b s i "1"
		version
	EOF
	local one
	one=$("$BPFCTL" btf show id 1)
	run_bpfctl batch file "$f"
	expect_status 0
	[[ ${lines[0]} == "$one" && ${lines[1]} == "$one" && ${lines[2]} == "$one" ]]
	[[ ${lines[3]} == "bpfctl v"* ]]
	((${#lines[@]} == 6))
	[[ $stderr == *"processed 4 commands"* ]]
}

@test "batch takes CRLF line ends" {
	local f=$BATS_TEST_TMPDIR/cmds
	printf 'btf show \\\r\n  id 1\r\nversion\r\n' >"$f"
	run_bpfctl -j batch file "$f"
	expect_status 0
	json_ok
	python3 - "$output" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
assert [e["command"] for e in doc] == [["btf", "show", "id", "1"], ["version"]], doc
PY
}

@test "batch reads stdin with 'file -'" {
	run --separate-stderr bash -c "printf 'btf show id 1\nversion\n' | '$BPFCTL' batch file -"
	no_sanitizer_report
	expect_status 0
	[[ ${lines[0]} == "1: name [vmlinux]  size "* ]]
	[[ ${lines[1]} == "bpfctl v"* ]]
}

@test "batch in JSON mode prints one array of {command, output}" {
	local f=$BATS_TEST_TMPDIR/cmds
	printf 'btf show id 1\nhelp\nversion\nbtf dump file %s root_id 1\n' "$VMLINUX_SYSFS" >"$f"
	run_bpfctl -j batch file "$f"
	expect_status 0
	json_ok
	python3 - "$output" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
assert isinstance(doc, list) and len(doc) == 4, doc
assert [list(e) for e in doc] == [["command", "output"]] * 4, doc
assert doc[0]["command"] == ["btf", "show", "id", "1"]
assert doc[0]["output"]["id"] == 1 and doc[0]["output"]["name"] == "vmlinux"
assert doc[1]["output"] is None
assert "version" in doc[2]["output"]
assert [t["id"] for t in doc[3]["output"]["types"]] == [1]
PY
	run_bpfctl -p batch file "$f"
	expect_status 0
	json_ok
	run_bpfctl -j batch file /dev/null
	expect_status 0
	[[ $output == "[]" ]]
}

@test "batch stops at the first failing command and names its line" {
	local f=$BATS_TEST_TMPDIR/cmds
	printf '# header\nbtf show id 1\n\nbtf bogus\nversion\n' >"$f"
	run_bpfctl batch file "$f"
	expect_status "$ERR"
	# the first command ran, the one after the failing one did not
	((${#lines[@]} == 1))
	[[ ${lines[0]} == "1: name [vmlinux]  size "* ]]
	[[ $stderr == *"Error: line 4: unknown btf command 'bogus'"* ]]

	run_bpfctl -j batch file "$f"
	expect_status "$ERR"
	json_ok
	python3 - "$output" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
assert len(doc) == 2, doc
assert doc[1]["command"] == ["btf", "bogus"]
assert doc[1]["output"]["error"].startswith("line 4: unknown btf command 'bogus'"), doc[1]
PY
}

@test "batch syntax errors name the line" {
	local f=$BATS_TEST_TMPDIR/cmds
	printf 'btf show id 1\nbtf show "id 1\n' >"$f"
	run_bpfctl batch file "$f"
	expect_status "$ERR"
	[[ $stderr == *"Error: line 2: unterminated double quote"* ]]
	run_bpfctl -j batch file "$f"
	expect_status "$ERR"
	json_ok
	[[ $output == *'"error":"line 2: unterminated double quote"'* ]]

	printf 'version\nbtf show \\\n' >"$f"
	run_bpfctl batch file "$f"
	expect_status "$ERR"
	[[ $stderr == *"Error: line 2: the last line ends with a backslash"* ]]

	printf 'version\nbtf show\0 id 1\n' >"$f"
	run_bpfctl batch file "$f"
	expect_status "$ERR"
	[[ $stderr == *"Error: line 2: contains a NUL byte"* ]]

	printf 'batch file x\n' >"$f"
	run_bpfctl batch file "$f"
	expect_status "$ERR"
	[[ $stderr == *"Error: line 1: a batch file can't run another batch"* ]]
}

@test "batch limits line length and word count, with clear errors" {
	local f=$BATS_TEST_TMPDIR/cmds
	python3 -c 'print("version"); print("btf show " + "x" * 70000)' >"$f"
	run_bpfctl batch file "$f"
	expect_status "$ERR"
	[[ $stderr == *"Error: line 2: longer than 65536 bytes"* ]]
	python3 -c 'print("btf show " + " ".join(["a"] * 5000))' >"$f"
	run_bpfctl batch file "$f"
	expect_status "$ERR"
	[[ $stderr == *"Error: line 1: command has more than 4096 words"* ]]
	run_bpfctl -j batch file "$f"
	expect_status "$ERR"
	json_ok
}

@test "batch needs 'file FILE' and an existing file" {
	run_bpfctl batch
	expect_fail
	[[ $stderr == *"missing 'file FILE'"* ]]
	run_bpfctl batch bogus x
	expect_fail
	[[ $stderr == *"'bogus'"*file* ]]
	run_bpfctl batch file
	expect_fail
	run_bpfctl batch file "$BATS_TEST_TMPDIR/missing"
	expect_fail
	[[ $stderr == *"can't open batch file '$BATS_TEST_TMPDIR/missing'"* ]]
	run_bpfctl batch file x y
	expect_fail
	[[ $stderr == *"unexpected argument 'y'"* ]]
}

@test "batch with -o writes every command's output to FILE, or nothing on failure" {
	local dir=$BATS_TEST_TMPDIR/out f=$BATS_TEST_TMPDIR/cmds
	mkdir "$dir"
	printf 'btf show id 1\nversion\n' >"$f"
	run_bpfctl -o "$dir/all.txt" batch file "$f"
	expect_status 0
	[[ -z $output ]]
	[[ $(wc -l <"$dir/all.txt") == 4 ]]
	printf 'btf show id 1\nbogus\n' >"$f"
	run_bpfctl -o "$dir/all.txt" batch file "$f"
	expect_fail
	[[ $(wc -l <"$dir/all.txt") == 4 ]]
	only_files "$dir" all.txt
}
