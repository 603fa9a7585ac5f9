#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl btf show / list against the running kernel, with bpftool as the
# oracle (field by field; bpftool lists prog and map ids in the order of its
# hash table, bpfctl in increasing order, so id lists compare as sets), and
# against the shapes of tests/fixtures/reference/btf_show.{json,txt}.
#
# Programs and maps with BTF are loaded for the test by bpftool into a
# private bpffs mount, removed again in teardown_file.

load ../lib/common

VMLINUX_SYSFS=/sys/kernel/btf/vmlinux
ERR=255

setup_file() {
	require_root_caps
	local objs=$BATS_FILE_TMPDIR/objs
	BPFFS=$BATS_FILE_TMPDIR/bpffs
	mkdir -p "$objs" "$BPFFS"
	compile_bpf "$PROGS/types.bpf.c" "$objs/types.bpf.o"
	compile_bpf "$PROGS/emitter.bpf.c" "$objs/emitter.bpf.o"
	mount -t bpf bpf "$BPFFS"
	"$BPFTOOL" prog loadall "$objs/types.bpf.o" "$BPFFS/types"
	"$BPFTOOL" prog loadall "$objs/emitter.bpf.o" "$BPFFS/emitter"
	export BPFFS
}

teardown_file() {
	if [[ -n ${BPFFS-} ]] && mountpoint -q "$BPFFS"; then
		rm -rf "${BPFFS:?}"/types "${BPFFS:?}"/emitter
		umount "$BPFFS"
	fi
}

# normalize: a `btf show` JSON document (array or object) with the id lists
# sorted, printed canonically.
normalize() {
	python3 -c '
import json, sys
doc = json.load(sys.stdin)
for o in doc if isinstance(doc, list) else [doc]:
    o["prog_ids"].sort()
    o["map_ids"].sort()
    # processes holding the object: bpftool here finds none (its iterator
    # needs kernel data symbols /proc/kallsyms lacks); pids.bats tests ours
    o.pop("pids", None)
print(json.dumps(doc, sort_keys=True))'
}

# normalize_text: `btf show` text with the id lists of each line sorted.
normalize_text() {
	python3 -c '
import re, sys
def srt(m):
    return m.group(1) + ",".join(sorted(m.group(2).split(","), key=int))
for line in sys.stdin:
    if line.startswith("\tpids "):
        continue  # ours only here, as "pids" in JSON
    print(re.sub(r"((?:prog|map)_ids )([0-9,]+)", srt, line.rstrip("\n")))'
}

# same_as_bpftool ARGS...: `bpfctl ARGS` prints what `bpftool ARGS` prints,
# once normalized. Programs, maps and BTF objects come and go as other
# tests run, so compare only between two bpftool runs that agree, retrying.
same_as_bpftool() {
	local norm=normalize a b ours
	[[ " $* " == *" -j "* ]] || norm=normalize_text
	for _ in 1 2 3 4 5 6 7 8; do
		a=$("$BPFTOOL" "$@" | $norm)
		ours=$("$BPFCTL" "$@" 2>"$BATS_TEST_TMPDIR/stderr" | $norm)
		b=$("$BPFTOOL" "$@" | $norm)
		[[ $a == "$b" && $a == "$ours" ]] && return 0
		sleep 0.2
	done
	printf 'bpftool %s:\n%s\nbpfctl:\n%s\nstderr: %s\n' "$*" "$a" "$ours" \
		"$(cat "$BATS_TEST_TMPDIR/stderr")" >&2
	return 1
}

# prog_info NAME FIELD: FIELD of the pinned program NAME (types/xdp_prog...).
prog_info() {
	"$BPFTOOL" -j prog show pinned "$BPFFS/$1" |
		python3 -c 'import json, sys; v = json.load(sys.stdin)[sys.argv[1]]; print(*v) if isinstance(v, list) else print(v)' "$2"
}

@test "btf show in JSON equals bpftool's, field by field" {
	same_as_bpftool -j btf show
	run_bpfctl -j btf show
	expect_status 0
	printf '%s' "$output" | json_valid
}

@test "btf show in text equals bpftool's" {
	same_as_bpftool btf show
}

@test "btf list is btf show" {
	local show list
	for _ in 1 2 3 4 5; do
		show=$("$BPFCTL" -j btf show)
		list=$("$BPFCTL" -j btf list)
		[[ $show == "$list" ]] && break
	done
	[[ $show == "$list" ]]
	run_bpfctl btf l
	expect_status 0
	[[ ${lines[0]} == "1: name [vmlinux]  size "* ]]
}

@test "btf show id 1 is the kernel's vmlinux BTF" {
	local size
	size=$(stat -c %s "$VMLINUX_SYSFS")
	run_bpfctl -j btf show id 1
	expect_status 0
	printf '%s' "$output" | json_valid
	python3 - "$output" "$size" <<'PY'
import json, sys
o = json.loads(sys.argv[1])
assert isinstance(o, dict), "show id prints one object, not an array"
assert list(o) == ["id", "size", "prog_ids", "map_ids", "kernel", "name"], list(o)
assert o["id"] == 1 and o["kernel"] is True and o["name"] == "vmlinux", o
assert o["size"] == int(sys.argv[2]), (o["size"], sys.argv[2])
assert isinstance(o["prog_ids"], list) and isinstance(o["map_ids"], list), o
PY
	same_as_bpftool -j btf show id 1
	same_as_bpftool btf show id 1
	run_bpfctl btf show id 1
	[[ ${lines[0]} == "1: name [vmlinux]  size ${size}B"* ]]
	# the id in hexadecimal too
	run_bpfctl btf show id 0x1
	[[ ${lines[0]} == "1: name [vmlinux]  size ${size}B"* ]]
}

@test "btf show lists the programs and maps that use a BTF object" {
	local btf_id progs maps
	btf_id=$(prog_info types/xdp_prog btf_id)
	[[ $(prog_info types/tp_prog btf_id) == "$btf_id" ]]
	progs=$(printf '%s\n' "$(prog_info types/xdp_prog id)" "$(prog_info types/tp_prog id)" |
		sort -n | paste -sd,)
	# shellcheck disable=SC2046 # one word per map id
	maps=$(printf '%s\n' $(prog_info types/xdp_prog map_ids) $(prog_info types/tp_prog map_ids) |
		sort -nu | paste -sd,)
	[[ -n $maps ]]

	run_bpfctl -j btf show id "$btf_id"
	expect_status 0
	python3 - "$output" "$btf_id" "$progs" "$maps" <<'PY'
import json, sys
o = json.loads(sys.argv[1])
want_progs = [int(x) for x in sys.argv[3].split(",")]
want_maps = [int(x) for x in sys.argv[4].split(",")]
assert list(o) == ["id", "size", "prog_ids", "map_ids", "kernel"], list(o)
assert o["id"] == int(sys.argv[2]) and o["kernel"] is False, o
assert o["prog_ids"] == want_progs, (o["prog_ids"], want_progs)
# every map the programs use has the object's BTF; the list is ascending
assert set(want_maps) <= set(o["map_ids"]), (o["map_ids"], want_maps)
assert o["map_ids"] == sorted(o["map_ids"]), o["map_ids"]
PY
	same_as_bpftool -j btf show id "$btf_id"
	same_as_bpftool btf show id "$btf_id"

	run_bpfctl btf show id "$btf_id"
	expect_status 0
	((${#lines[@]} == 1))
	[[ ${lines[0]} =~ ^$btf_id:\ name\ \<anon\>\ \ size\ [0-9]+B\ \ prog_ids\ $progs\ \ map_ids\ [0-9,]+$ ]]

	# the other object has its own BTF, program and map
	local other
	other=$(prog_info emitter/socket_prog btf_id)
	[[ $other != "$btf_id" ]]
	run_bpfctl btf show id "$other"
	[[ ${lines[0]} == "$other: name <anon>  size "*"B  prog_ids $(prog_info emitter/socket_prog id)  map_ids "* ]]
}

@test "btf show has the shapes of the reference outputs" {
	run_bpfctl -j btf show
	expect_status 0
	python3 - "$output" "$FIXTURES/reference/btf_show.json.gz" <<'PY'
import gzip, json, sys
ours = json.loads(sys.argv[1])
ref = json.load(gzip.open(sys.argv[2]))
assert isinstance(ours, list) and ours, ours
shape = lambda o: (list(o), [type(v).__name__ for v in o.values()])
ref_shapes = {o["kernel"]: shape(o) for o in ref}
for o in ours:
    # "pids" (which processes hold it) sits between map_ids and kernel in
    # bpftool's shape, only when some process holds the object
    pids = o.pop("pids", None)
    assert pids is None or all(set(p) == {"pid", "comm"} for p in pids), pids
    # a named object (vmlinux, a module) has "name" last; others none
    want = ref_shapes[True] if "name" in o else ref_shapes[False]
    assert shape(o) == want, (o, want)
    assert all(isinstance(i, int) for i in o["prog_ids"] + o["map_ids"]), o
ids = [o["id"] for o in ours]
assert ids == sorted(ids) and len(set(ids)) == len(ids), ids
PY
	run_bpfctl btf show
	expect_status 0
	# every line fits the reference lines' pattern, and ours list ids ascending
	local re='^[0-9]+: name (\[[^]]+\]|<anon>|[^ ]+)  size [0-9]+B(  prog_ids [0-9]+(,[0-9]+)*)?(  map_ids [0-9]+(,[0-9]+)*)?$'
	local line
	while IFS= read -r line; do
		[[ $line =~ $re ]] || { echo "reference line does not fit: $line" >&2; return 1; }
	done < <(gzip -dc "$FIXTURES/reference/btf_show.txt.gz")
	# the processes holding an object, on a line of their own after it
	local pids_re=$'^\tpids [^(]*\\([0-9]+\\)(, [^(]*\\([0-9]+\\))*$'
	for line in "${lines[@]}"; do
		[[ $line =~ $pids_re ]] && continue
		[[ $line =~ $re ]] || { echo "line does not fit: $line" >&2; return 1; }
		[[ $line == "$(normalize_text <<<"$line")" ]]
	done
}

@test "module BTF is shown with its name in brackets" {
	local mod name
	for mod in /sys/kernel/btf/*; do
		name=${mod##*/}
		[[ $name == vmlinux ]] && continue
		run_bpfctl btf show
		[[ $output == *": name [$name]  size "* ]]
		return 0
	done
	echo "# no module BTF on this kernel: vmlinux only" >&3
	run_bpfctl btf show
	[[ $output == *": name [vmlinux]  size "* ]]
}

@test "btf show -p is the same JSON as -j, pretty-printed" {
	local a b
	run_bpfctl -p btf show id 1
	expect_status 0
	printf '%s' "$output" | json_valid
	[[ $output == *$'\n    "id": 1,\n'* ]]
	a=$(printf '%s' "$output" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))')
	b=$("$BPFCTL" -j btf show id 1 | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))')
	[[ $a == "$b" ]]
}

@test "btf show of a missing or malformed id is an error" {
	run_bpfctl btf show id 4294967295
	expect_status "$ERR"
	[[ -z $output ]]
	[[ $stderr == *"Error: can't open BTF id 4294967295: "* ]]
	run_bpfctl -j btf show id 4294967295
	expect_status "$ERR"
	printf '%s' "$output" | json_valid
	[[ $output == '{"error":"can'"'"'t open BTF id 4294967295: '* ]]
	run_bpfctl btf show id x1
	expect_status "$ERR"
	[[ $stderr == *"can't parse 'x1' as BTF id"* ]]
	run_bpfctl btf show id
	expect_status "$ERR"
	[[ $stderr == *"missing BTF_ID after 'id'"* ]]
	run_bpfctl btf show id 1 id 1
	expect_status "$ERR"
	[[ $stderr == *"unexpected argument 'id'"* ]]
	run_bpfctl btf show name x
	expect_status "$ERR"
	[[ $stderr == *"'name'"* ]]
}
