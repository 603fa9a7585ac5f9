#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# "gen min_core_btf INPUT OUTPUT OBJECT...": the part of the kernel's BTF
# the CO-RE relocations of clang-built objects need. tests/progs/min_core_
# {fields,types}.bpf.c cover field accesses (pointers, nested structs, an
# array of structs, bitfields, existence/size/offset/signedness), type
# relocations (existence, size, kernel id, through a typedef of a function
# pointer; a match, patched in) and enumerator relocations; the older
# core_*.bpf.c objects are compared too. The output is compared with Debian bpftool's (the oracle)
# on the same inputs, then each object is loaded with it as kernel BTF and
# run (a getpgid tracepoint) next to the same object loaded with the
# running kernel's BTF: both must compute the same values. Bad input fails
# cleanly and leaves no OUTPUT.

load ../lib/common

VMLINUX=/sys/kernel/btf/vmlinux

setup_file() {
	local objs=$BATS_FILE_TMPDIR/objs src
	mkdir -p "$objs"
	for src in min_core_fields min_core_types core_reloc core_values core_macros tracelog_tp; do
		compile_bpf "$PROGS/$src.bpf.c" "$objs/$src.o"
	done
	export PIN=/sys/fs/bpf/bpfctl-test-mincore-$$
}

teardown() {
	rm -rf "${PIN:?}"
}

obj() {
	printf '%s/objs/%s.o\n' "$BATS_FILE_TMPDIR" "$1"
}

# both NAME OBJECT...: OUTPUT of bpfctl and of bpftool for the objects,
# as $BATS_TEST_TMPDIR/NAME.{ours,ref}.btf.
both() {
	local name=$1 o objs=()
	shift
	for o in "$@"; do
		objs+=("$(obj "$o")")
	done
	run_bpfctl gen min_core_btf "$VMLINUX" "$BATS_TEST_TMPDIR/$name.ours.btf" "${objs[@]}"
	expect_status 0
	"$BPFTOOL" gen min_core_btf "$VMLINUX" "$BATS_TEST_TMPDIR/$name.ref.btf" "${objs[@]}"
}

# same_btf NAME: both outputs dump to the same C and the same raw types.
same_btf() {
	local d=$BATS_TEST_TMPDIR/$1
	"$BPFTOOL" btf dump file "$d.ref.btf" format c >"$d.ref.h"
	"$BPFTOOL" btf dump file "$d.ours.btf" format c >"$d.ours.h"
	same_file "$d.ref.h" "$d.ours.h"
	"$BPFTOOL" btf dump file "$d.ref.btf" >"$d.ref.txt"
	"$BPFTOOL" btf dump file "$d.ours.btf" >"$d.ours.txt"
	same_file "$d.ref.txt" "$d.ours.txt"
}

# no_output FILE: neither FILE nor a temporary file next to it is left.
no_output() {
	[[ ! -e $1 ]]
	! compgen -G "$(dirname "$1")/.$(basename "$1").*" >/dev/null
}

# mc_run: a process named "mc_probe" calls getpgid; prints its pid, parent
# pid, RLIMIT_NOFILE soft limit.
mc_run() {
	python3 -c '
import ctypes, os, resource
ctypes.CDLL(None).prctl(15, b"mc_probe", 0, 0, 0)
os.getpgid(0)
print(os.getpid(), os.getppid(), resource.getrlimit(resource.RLIMIT_NOFILE)[0])'
}

# lookup MAP PID: the map's value for key PID, as JSON ("formatted").
lookup() {
	local key
	key=$(python3 -c 'import struct, sys
print(" ".join(str(b) for b in struct.pack("<I", int(sys.argv[1]))))' "$2")
	# shellcheck disable=SC2086 # the key bytes are separate words
	"$BPFCTL" -j map lookup pinned "$1" key $key |
		python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["formatted"]["value"], sort_keys=True))'
}

# load_pair NAME OBJ BTF: OBJ loaded twice and attached, with BTF as kernel
# BTF under $PIN/NAME_min, with the running kernel's under $PIN/NAME_kern.
load_pair() {
	mkdir -p "$PIN"
	run_bpfctl prog loadall "$2" "$PIN/$1_min" kernel_btf "$3" pinmaps "$PIN/$1_min_maps" \
		autoattach
	expect_status 0
	run_bpfctl prog loadall "$2" "$PIN/$1_kern" pinmaps "$PIN/$1_kern_maps" autoattach
	expect_status 0
}

@test "gen min_core_btf: the same BTF as bpftool's, per object and for several" {
	both fields min_core_fields
	same_btf fields
	both types min_core_types
	same_btf types
	both all min_core_fields min_core_types core_reloc core_values core_macros
	same_btf all
}

@test "gen min_core_btf: only the members accessed, struct sizes kept, far smaller than INPUT" {
	both fields min_core_fields
	local dump=$BATS_TEST_TMPDIR/fields.txt size
	"$BPFTOOL" btf dump file "$BATS_TEST_TMPDIR/fields.ours.btf" >"$dump"
	size=$(stat -c %s "$BATS_TEST_TMPDIR/fields.ours.btf")
	((size * 1000 < $(stat -c %s "$VMLINUX")))
	# task_struct with its real size, and exactly the members the program reads
	local task_size
	task_size=$("$BPFTOOL" btf dump file "$VMLINUX" | sed -n "s/^\[[0-9]*\] STRUCT 'task_struct' size=\([0-9]*\).*/\1/p")
	grep -q "STRUCT 'task_struct' size=$task_size vlen=9$" "$dump"
	python3 - "$dump" <<'EOF'
import re, sys
members, cur = {}, None
for line in open(sys.argv[1]):
    m = re.match(r"\[\d+\] (STRUCT|UNION) '([^']*)'", line)
    if m:
        cur = members.setdefault(m.group(2), [])
        continue
    m = re.match(r"\s+'([^']*)' type_id=\d+ bits_offset=\d+( bitfield_size=(\d+))?", line)
    if m and cur is not None:
        cur.append((m.group(1), m.group(3)))
    elif not line.startswith("\t"):
        cur = None
want = {
    "task_struct": {"pid", "tgid", "real_parent", "group_leader", "comm", "cred", "signal",
                    "user_dumpable", "in_execve"},
    "cred": {"uid"}, "signal_struct": {"rlim"}, "rlimit": {"rlim_cur"}, "(anon)": {"val"},
}
for name, fields in want.items():
    got = {f for f, _ in members[name]}
    assert got == fields, (name, got)
bits = {f: b for f, b in members["task_struct"]}
assert bits["user_dumpable"] == "1" and bits["in_execve"] == "1", bits
EOF
}

@test "gen min_core_btf: field relocations resolve with OUTPUT as with the kernel's BTF" {
	local btf=$BATS_TEST_TMPDIR/fields.btf
	run_bpfctl gen min_core_btf "$VMLINUX" "$btf" "$(obj min_core_fields)"
	expect_status 0
	load_pair fields "$(obj min_core_fields)" "$btf"
	local pid ppid nofile min kern
	read -r pid ppid nofile < <(mc_run)
	min=$(lookup "$PIN/fields_min_maps/mc_fields" "$pid")
	kern=$(lookup "$PIN/fields_kern_maps/mc_fields" "$pid")
	[[ $min == "$kern" ]]
	python3 - "$min" "$pid" "$ppid" "$nofile" <<'EOF'
import json, sys
v = json.loads(sys.argv[1])
pid, ppid, nofile = map(int, sys.argv[2:])
assert v["pid"] == pid and v["tgid"] == pid and v["leader_pid"] == pid, v
assert v["ppid"] == ppid and v["uid"] == 0 and v["nofile"] == nofile, v
assert v["comm"] == "mc_probe" and v["comm_size"] == 16 and v["nofile_size"] == 8, v
assert v["pid_signed"] == 1 and v["has_pid"] == 1 and v["has_bogus"] == 0, v
assert v["in_execve"] == 0 and v["user_dumpable"] in (0, 1), v
EOF
}

@test "gen min_core_btf: type and enum relocations resolve with OUTPUT as with the kernel's BTF" {
	local btf=$BATS_TEST_TMPDIR/types.btf
	# one OUTPUT for both objects: each loads with it
	run_bpfctl gen min_core_btf "$VMLINUX" "$btf" "$(obj min_core_types)" \
		"$(obj min_core_fields)"
	expect_status 0
	load_pair types "$(obj min_core_types)" "$btf"
	load_pair fields "$(obj min_core_fields)" "$btf"
	local pid ppid nofile min kern cred_size
	read -r pid ppid nofile < <(mc_run)
	min=$(lookup "$PIN/types_min_maps/mc_types" "$pid")
	kern=$(lookup "$PIN/types_kern_maps/mc_types" "$pid")
	[[ $(lookup "$PIN/fields_min_maps/mc_fields" "$pid") == \
		$(lookup "$PIN/fields_kern_maps/mc_fields" "$pid") ]]
	cred_size=$("$BPFTOOL" btf dump file "$VMLINUX" | sed -n "s/^\[[0-9]*\] STRUCT 'cred' size=\([0-9]*\).*/\1/p")
	# the kernel type id is OUTPUT's own, everything else as with the kernel's BTF
	python3 - "$min" "$kern" "$cred_size" "$btf" <<'EOF'
import json, subprocess, sys
m, k = json.loads(sys.argv[1]), json.loads(sys.argv[2])
dump = subprocess.run(["bpftool", "btf", "dump", "file", sys.argv[4]], capture_output=True,
                      text=True, check=True).stdout
task_id = int(next(l for l in dump.splitlines() if "STRUCT 'task_struct'" in l)[1:].split("]")[0])
assert m.pop("task_id") == task_id and k.pop("task_id") > 0, (m, k)
assert m == k, (m, k)
assert m["task_exists"] == 1 and m["no_type_exists"] == 0, m
assert m["cred_size"] == int(sys.argv[3]), m
assert m["rcu_cb_size"] == 8 and m["rcu_cb_exists"] == 1, m
assert m["tgid_val"] == 1 and m["max_val"] == 4, m
assert m["max_exists"] == 1 and m["nope_exists"] == 0, m
EOF
}

@test "gen min_core_btf: a TYPE_MATCHES relocation keeps every member, as bpftool" {
	# clang 14 can't emit bpf_core_type_matches(): the first TYPE_EXISTS (8)
	# relocation, on task_struct, made a TYPE_MATCHES (12)
	local o=$BATS_TEST_TMPDIR/match.o
	cp "$(obj min_core_types)" "$o"
	python3 "$REPO_ROOT/tests/lib/core_relo_kind.py" "$o" 8 12
	run_bpfctl gen min_core_btf "$VMLINUX" "$BATS_TEST_TMPDIR/match.ours.btf" "$o"
	expect_status 0
	"$BPFTOOL" gen min_core_btf "$VMLINUX" "$BATS_TEST_TMPDIR/match.ref.btf" "$o"
	same_btf match
	# task_struct whole, every member kept
	local task_vlen
	task_vlen=$("$BPFTOOL" btf dump file "$VMLINUX" | sed -n "s/^\[[0-9]*\] STRUCT 'task_struct' size=[0-9]* vlen=\([0-9]*\)$/\1/p")
	"$BPFTOOL" btf dump file "$BATS_TEST_TMPDIR/match.ours.btf" |
		grep -q "STRUCT 'task_struct' size=[0-9]* vlen=$task_vlen$"
	load_pair match "$o" "$BATS_TEST_TMPDIR/match.ours.btf"
	local pid min kern
	read -r pid _ < <(mc_run)
	min=$(lookup "$PIN/match_min_maps/mc_types" "$pid")
	kern=$(lookup "$PIN/match_kern_maps/mc_types" "$pid")
	python3 - "$min" "$kern" <<'EOF'
import json, sys
m, k = json.loads(sys.argv[1]), json.loads(sys.argv[2])
m.pop("task_id"), k.pop("task_id")
assert m == k and m["task_exists"] == 1, (m, k)
EOF
}

@test "gen min_core_btf: another object's OUTPUT lacks what the fields need: the load fails" {
	local btf=$BATS_TEST_TMPDIR/types.btf
	run_bpfctl gen min_core_btf "$VMLINUX" "$btf" "$(obj min_core_types)"
	expect_status 0
	mkdir -p "$PIN"
	run_bpfctl prog loadall "$(obj min_core_fields)" "$PIN/fields" kernel_btf "$btf"
	expect_error
	[[ ! -e $PIN/fields/min_core_fields ]]
}

@test "gen min_core_btf: an object without CO-RE relocations adds nothing, as bpftool" {
	both none tracelog_tp
	same_btf none
	run "$BPFTOOL" btf dump file "$BATS_TEST_TMPDIR/none.ours.btf"
	[[ -z $output ]]
}

@test "gen min_core_btf: relocations INPUT can't satisfy add nothing, as bpftool" {
	# INPUT: an object's BTF (ELF), with no task_struct at all
	local out=$BATS_TEST_TMPDIR/unsat.btf
	run_bpfctl gen min_core_btf "$(obj tracelog_tp)" "$out" "$(obj min_core_fields)"
	expect_status 0
	"$BPFTOOL" gen min_core_btf "$(obj tracelog_tp)" "$out.ref" "$(obj min_core_fields)"
	same_file "$out.ref" "$out"
}

@test "gen min_core_btf: an ambiguous relocation fails and leaves no OUTPUT" {
	local src=$BATS_TEST_TMPDIR/ambiguous.c input=$BATS_TEST_TMPDIR/ambiguous.o
	local out=$BATS_TEST_TMPDIR/out.btf
	# two task_struct flavours that give pid different offsets
	cat >"$src" <<'EOF'
struct task_struct___a { int pid; int tgid; } a;
struct task_struct___b { int tgid; int pid; } b;
EOF
	"$CLANG" -O2 -g -target bpf -c "$src" -o "$input"
	run_bpfctl gen min_core_btf "$input" "$out" "$(obj min_core_fields)"
	expect_error
	[[ $stderr == *"$(obj min_core_fields)"* && $stderr == *ambiguous* ]]
	no_output "$out"
	run "$BPFTOOL" gen min_core_btf "$input" "$out" "$(obj min_core_fields)"
	((status != 0))
}

@test "gen min_core_btf: bad INPUT, OBJECT or OUTPUT fail cleanly, an existing OUTPUT kept" {
	local out=$BATS_TEST_TMPDIR/out.btf nobtf=$BATS_TEST_TMPDIR/nobtf.o
	run_bpfctl gen min_core_btf "$BATS_TEST_TMPDIR/missing" "$out" "$(obj min_core_fields)"
	expect_error
	[[ $stderr == *"$BATS_TEST_TMPDIR/missing"* ]]
	no_output "$out"
	# INPUT that is not BTF
	run_bpfctl gen min_core_btf /etc/passwd "$out" "$(obj min_core_fields)"
	expect_error
	no_output "$out"
	# an object without BTF (no -g), and a missing one
	"$CLANG" -O2 -target bpf -I "$REPO_ROOT/core/include" -I "$BPF_GEN_INCLUDE" \
		-idirafter "$(multiarch_include)" -c "$PROGS/tracelog_tp.bpf.c" -o "$nobtf"
	run_bpfctl gen min_core_btf "$VMLINUX" "$out" "$(obj min_core_fields)" "$nobtf"
	expect_error
	[[ $stderr == *"$nobtf"* ]]
	no_output "$out"
	run "$BPFTOOL" gen min_core_btf "$VMLINUX" "$out" "$nobtf"
	((status != 0))
	rm -f "$out"
	# raw BTF as an object: no .BTF.ext, as bpftool
	run_bpfctl gen min_core_btf "$VMLINUX" "$out" "$VMLINUX"
	expect_error
	[[ $stderr == *.BTF.ext* ]]
	no_output "$out"
	run_bpfctl gen min_core_btf "$VMLINUX" "$out" "$BATS_TEST_TMPDIR/none.o"
	expect_error
	no_output "$out"
	# OUTPUT in a missing directory, and OUTPUT a directory
	run_bpfctl gen min_core_btf "$VMLINUX" "$BATS_TEST_TMPDIR/no/dir/out.btf" \
		"$(obj min_core_fields)"
	expect_error
	[[ $stderr == *"$BATS_TEST_TMPDIR/no/dir/out.btf"* ]]
	mkdir "$BATS_TEST_TMPDIR/isdir"
	run_bpfctl gen min_core_btf "$VMLINUX" "$BATS_TEST_TMPDIR/isdir" "$(obj min_core_fields)"
	expect_error
	[[ -d $BATS_TEST_TMPDIR/isdir ]]
	! compgen -G "$BATS_TEST_TMPDIR/.isdir.*" >/dev/null
	# an existing OUTPUT survives a failure unchanged
	echo keep >"$out"
	run_bpfctl gen min_core_btf "$VMLINUX" "$out" "$nobtf"
	expect_error
	[[ $(<"$out") == keep ]]
	! compgen -G "$BATS_TEST_TMPDIR/.out.btf.*" >/dev/null
}

@test "gen min_core_btf: grammar: three words at least, -o refused" {
	run_bpfctl gen min_core_btf "$VMLINUX" "$BATS_TEST_TMPDIR/out.btf"
	expect_error
	[[ $stderr == *OBJECT* ]]
	run_bpfctl gen min_core_btf
	expect_error
	run_bpfctl -o "$BATS_TEST_TMPDIR/x" gen min_core_btf "$VMLINUX" "$BATS_TEST_TMPDIR/out.btf" \
		"$(obj min_core_fields)"
	expect_error
	no_output "$BATS_TEST_TMPDIR/out.btf"
	# an unambiguous prefix, as bpftool's
	run_bpfctl gen min "$VMLINUX" "$BATS_TEST_TMPDIR/out.btf" "$(obj min_core_fields)"
	expect_status 0
	run_bpfctl gen help
	[[ $output == *"gen min_core_btf INPUT OUTPUT OBJECT [OBJECT...]"* ]]
}

@test "gen min_core_btf: completion offers the command, then files" {
	mkdir -p "$BATS_TEST_TMPDIR/bin" "$BATS_TEST_TMPDIR/d"
	ln -sf "$BPFCTL" "$BATS_TEST_TMPDIR/bin/bpfctl"
	touch "$BATS_TEST_TMPDIR/d/app.bpf.o"
	run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" bash -c '
		source "$1/bash-completion/bpfctl"
		for line in "bpfctl gen min" "bpfctl gen min_core_btf $2/d/a" \
			"bpfctl gen min_core_btf in out $2/d/a"; do
			read -r -a COMP_WORDS <<<"$line"
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMPREPLY=()
			_bpfctl 2>/dev/null
			echo "${COMPREPLY[*]}"
		done' _ "$REPO_ROOT" "$BATS_TEST_TMPDIR"
	[[ ${lines[0]} == min_core_btf ]]
	[[ ${lines[1]} == "$BATS_TEST_TMPDIR/d/app.bpf.o" ]]
	[[ ${lines[2]} == "$BATS_TEST_TMPDIR/d/app.bpf.o" ]]
}
