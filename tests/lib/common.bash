# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
#
# Helpers shared by the bats suites: load with
#   load ../lib/common
#
# Everything a test creates goes under BATS_TEST_TMPDIR (per test) or
# BATS_FILE_TMPDIR (per suite file); bats removes both, on failure too.

bats_require_minimum_version 1.5.0

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIXTURES=$REPO_ROOT/tests/fixtures
# shellcheck disable=SC2034 # used by the suites
PROGS=$REPO_ROOT/tests/progs
BPFCTL=${BPFCTL:-$REPO_ROOT/build/bpfctl}
# bpftool is a test oracle only (raw format on small objects, kernel BTF).
BPFTOOL=${BPFTOOL:-$(command -v bpftool || echo /usr/sbin/bpftool)}
CLANG=${CLANG:-clang}
export BPFCTL

# What ASan, LSan and UBSan print when they find something.
SANITIZER_REPORT='ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|SUMMARY: (Address|Undefined|Leak)'

# fixture NAME: decompress tests/fixtures/NAME.gz once per suite file and
# print the path of the copy.
fixture() {
	local name=$1
	local src=$FIXTURES/$name.gz
	local dst=$BATS_FILE_TMPDIR/fixtures/$name
	if [[ ! -f $dst ]]; then
		[[ -f $src ]] || { echo "no fixture $src" >&2; return 1; }
		mkdir -p "$(dirname "$dst")"
		gzip -dc "$src" >"$dst.part"
		mv "$dst.part" "$dst"
	fi
	printf '%s\n' "$dst"
}

# has_cap N: the effective capability set of this process holds bit N.
has_cap() {
	local hex
	hex=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
	[[ -n $hex ]] && (( (16#$hex >> $1) & 1 ))
}

# require_root_caps: skip the test when, and only when, the process lacks
# CAP_SYS_ADMIN (21) or CAP_BPF (39). tests/run turns a skip under uid 0
# into a failure, so this can't hide a broken test on a root CI machine.
require_root_caps() {
	local missing=()
	has_cap 21 || missing+=(CAP_SYS_ADMIN)
	has_cap 39 || missing+=(CAP_BPF)
	if ((${#missing[@]})); then
		skip "needs ${missing[*]}"
	fi
}

# json_valid [FILE]: FILE (or stdin) parses as JSON.
json_valid() {
	python3 -m json.tool "${1:-/dev/stdin}" >/dev/null
}

# json_equal A B: the two JSON files hold equal values (order of object
# keys ignored, order of arrays kept); prints the first difference.
json_equal() {
	python3 - "$1" "$2" <<'PY'
import json, sys

def diff(a, b, path):
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'second' if k in b else 'first'}"
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{path}: {len(a)} != {len(b)} elements"
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"

def undo_sign_extension(doc):
    """bpftool (v7.1 and v7.8) prints an unsigned 32-bit enumerator with bit 31
    set sign-extended to 64 bits in JSON (4026531839 as 18446744073441116159),
    while its own text output and the C header carry the real value. bpfctl
    prints the real value; map bpftool's back before comparing, nothing else."""
    types = doc.get("types") if isinstance(doc, dict) else None
    for t in types if isinstance(types, list) else []:
        if t.get("kind") == "ENUM" and t.get("encoding") == "UNSIGNED":
            for v in t.get("values", []):
                if isinstance(v.get("val"), int) and v["val"] > 0xFFFFFFFF:
                    v["val"] &= 0xFFFFFFFF
    return doc

with open(sys.argv[1]) as f:
    a = undo_sign_extension(json.load(f))
with open(sys.argv[2]) as f:
    b = json.load(f)
d = diff(a, b, "$")
if d:
    print("JSON differs at", d, file=sys.stderr)
    sys.exit(1)
PY
}

# The directory holding the multiarch UAPI headers (asm/types.h), which
# clang does not search with -target bpf.
multiarch_include() {
	local triple
	triple=$(gcc -dumpmachine 2>/dev/null || echo "$(uname -m)-linux-gnu")
	printf '/usr/include/%s\n' "$triple"
}

# compile_bpf SRC OUT [INCDIR...]: build a BPF object with clang, with the
# project's BPF-side headers and any extra include dirs (e.g. the one that
# holds a generated vmlinux.h).
compile_bpf() {
	local src=$1 out=$2
	shift 2
	local incs=(-I "$REPO_ROOT/core/include" -idirafter "$(multiarch_include)")
	local d
	for d in "$@"; do
		incs+=(-I "$d")
	done
	"$CLANG" -O2 -g -target bpf -Wall -Werror "${incs[@]}" -c "$src" -o "$out"
}

# compile_header H: H (a generated C header) compiles, alone, as a BPF
# translation unit.
compile_header() {
	local h=$1
	local tu=$BATS_TEST_TMPDIR/header-tu.c
	: >"$tu"
	"$CLANG" -O2 -g -target bpf -Wall -Werror -include "$h" -c "$tu" -o "$BATS_TEST_TMPDIR/header-tu.o"
}

# layout_asserts RAW_JSON OUT.c: write a translation unit of _Static_assert
# checks that every uniquely named struct/union has the size, and every
# named non-bitfield member the offset, that the BTF (bpftool-style JSON)
# records. Compiled with -include of a generated header, it proves the
# header reproduces the layout and not just some compilable C.
layout_asserts() {
	python3 - "$1" "$2" <<'PY'
import collections, json, sys

types = json.load(open(sys.argv[1]))["types"]
by_id = {t["id"]: t for t in types}
kinds = {"STRUCT": "struct", "UNION": "union"}
# struct, union and enum tags share one C namespace: a name used twice
# is printed with a ___N suffix, so skip those
count = collections.Counter(t["name"] for t in types
                            if t["kind"] in ("STRUCT", "UNION", "ENUM", "ENUM64"))

def holds_va_list(tid, seen=()):
    """va_list is 8 bytes on the BPF target, 24 in an x86 kernel: a
    struct holding one (not through a pointer) cannot keep its size."""
    t = by_id.get(tid)
    if t is None or tid in seen:
        return False
    if t["kind"] == "TYPEDEF" and t["name"] in ("va_list", "__builtin_va_list", "__gnuc_va_list"):
        return True
    if t["kind"] in ("TYPEDEF", "CONST", "VOLATILE", "RESTRICT", "TYPE_TAG", "ARRAY"):
        return holds_va_list(t["type_id"], seen + (tid,))
    if t["kind"] in kinds:
        return any(holds_va_list(m["type_id"], seen + (tid,)) for m in t["members"])
    return False

with open(sys.argv[2], "w") as out:
    for t in types:
        kw = kinds.get(t["kind"])
        if not kw or t["name"] == "(anon)" or count[t["name"]] != 1 or holds_va_list(t["id"]):
            continue
        ty = f"{kw} {t['name']}"
        out.write(f"_Static_assert(sizeof({ty}) == {t['size']}, \"size of {ty}\");\n")
        for m in t["members"]:
            if m["name"] == "(anon)" or "bitfield_size" in m:
                continue
            if m["bits_offset"] % 8:
                continue
            out.write(f"_Static_assert(__builtin_offsetof({ty}, {m['name']}) == {m['bits_offset'] // 8}, "
                      f"\"offset of {ty}.{m['name']}\");\n")
PY
}

# check_layout H RAW_JSON: H compiles with the layout asserts of RAW_JSON.
check_layout() {
	local h=$1 json=$2
	local tu=$BATS_TEST_TMPDIR/layout-tu.c
	layout_asserts "$json" "$tu"
	"$CLANG" -O2 -g -target bpf -Wall -Werror -idirafter "$(multiarch_include)" \
		-include "$h" -c "$tu" -o "$BATS_TEST_TMPDIR/layout-tu.o"
}

# no_sanitizer_report: fail, showing it, if $stderr holds a sanitizer
# report (SANITIZE=1 builds abort with one instead of crashing silently).
no_sanitizer_report() {
	if grep -qE "$SANITIZER_REPORT" <<<"${stderr-}"; then
		printf 'sanitizer report:\n%s\n' "$stderr" >&2
		return 1
	fi
}

# run_bpfctl ARGS...: run bpfctl, stdout in $output, stderr in $stderr,
# exit code in $status; fails on a sanitizer report. For small outputs.
run_bpfctl() {
	run --separate-stderr "$BPFCTL" "$@"
	no_sanitizer_report
}

# bpfctl_to OUT ARGS...: run bpfctl with stdout written to the file OUT
# (for outputs too large for $output); sets $status and $stderr, fails on
# a sanitizer report.
bpfctl_to() {
	local out=$1
	shift
	local err=$BATS_TEST_TMPDIR/bpfctl.stderr
	status=0
	"$BPFCTL" "$@" >"$out" 2>"$err" || status=$?
	stderr=$(<"$err")
	no_sanitizer_report
}

# expect_status N: $status is N; shows stderr otherwise.
expect_status() {
	if [[ $status != "$1" ]]; then
		printf 'expected exit status %s, got %s; stderr:\n%s\n' "$1" "$status" "${stderr-}" >&2
		return 1
	fi
}

# expect_error: the command failed cleanly: bpfctl's error status 255 (as
# bpftool's), not a crash (128 + signal), and an "Error: ..." message on stderr.
expect_error() {
	if ((status != 255)) || [[ ${stderr-} != *Error:* ]]; then
		printf 'expected a clean error (status 255 and "Error:" on stderr), got status %s; stderr:\n%s\n' \
			"$status" "${stderr-}" >&2
		return 1
	fi
}

# not_in_file ERE FILE: no line of FILE matches ERE.
not_in_file() {
	if grep -nE "$1" "$2" >&2; then
		echo "unexpected match for /$1/ in $2" >&2
		return 1
	fi
}

# same_file EXPECTED ACTUAL: byte-for-byte equal; shows the first lines of
# the difference otherwise.
same_file() {
	if ! cmp -s "$1" "$2"; then
		echo "files differ: $1 (expected) vs $2 (actual)" >&2
		diff -u "$1" "$2" | head -n 40 >&2 || true
		return 1
	fi
}
