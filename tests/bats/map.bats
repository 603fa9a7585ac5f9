#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl map show / create / dump / lookup / update / delete / getnext /
# pin / freeze / peek / push / pop against the running kernel, with
# Debian's bpftool (v7.1) as the oracle. The maps come from
# tests/progs/map_types.bpf.c, loaded by bpftool (`prog loadall ...
# pinmaps`), and from `bpfctl map create`.
#
# Known differences, by design:
# - map dump of maps of maps adds "inner_map_id" (as bpftool v7.8 does;
#   v7.1 doesn't); text mode prints "inner_map_id: N" there, as v7.8.
# - BTF-typed text output is valid JSON: bitfields are strings ("0x3"),
#   and arrays are laid out by our JSON writer, not bpftool's.
# - lookup of a missing key, pop of an empty queue, dump of a queue are
#   errors (exit 255, {"error": ...} in JSON), where bpftool prints
#   "Not found" / null with exit 254, or "Found 0 elements".
#
# Everything is pinned under one directory on /sys/fs/bpf, removed in
# teardown_file; tests that create maps pin them under it too.

load ../lib/common

setup_file() {
	require_root_caps
	local objs=$BATS_FILE_TMPDIR/objs
	PIN_DIR=/sys/fs/bpf/bpfctl-test-map-$$
	mkdir -p "$objs" "$PIN_DIR"
	compile_bpf "$PROGS/map_types.bpf.c" "$objs/map_types.bpf.o"
	"$BPFTOOL" prog loadall "$objs/map_types.bpf.o" "$PIN_DIR/progs" pinmaps "$PIN_DIR/maps"
	export PIN_DIR
}

teardown_file() {
	if [[ -n ${PIN_DIR-} ]]; then
		rm -rf "${PIN_DIR:?}"
	fi
}

setup() {
	require_root_caps
	M=$PIN_DIR/maps
	NEW=$PIN_DIR/new-$BATS_TEST_NUMBER
	mkdir -p "$NEW"
}

teardown() {
	rm -rf "${NEW:?}"
}

# map_field PATH FIELD: FIELD of the map pinned at PATH, from bpftool.
map_field() {
	"$BPFTOOL" -j map show pinned "$1" | python3 -c '
import json, sys
print(json.load(sys.stdin)[sys.argv[1]])' "$2"
}

# canon: a JSON document, keys sorted, without what only bpfctl prints.
canon() {
	python3 -c '
import json, sys
def strip(o):
    if isinstance(o, dict):
        o.pop("inner_map_id", None)
        # processes holding the map: bpftool here finds none (its
        # iterator needs kernel data symbols /proc/kallsyms lacks)
        if isinstance(o.get("pids"), list) and all("comm" in p for p in o["pids"]):
            o.pop("pids")
        for v in o.values():
            strip(v)
    elif isinstance(o, list):
        for v in o:
            strip(v)
    return o
print(json.dumps(strip(json.load(sys.stdin)), sort_keys=True))'
}

# same_as_bpftool ARGS...: `bpfctl ARGS` prints what `bpftool ARGS` prints
# (JSON compared as values, through canon; NORM=canon forces that for
# text output that is JSON, the typed dumps).
same_as_bpftool() {
	local norm=${NORM:-cat} a ours
	[[ " $* " == *" -j "* || " $* " == *" -p "* ]] && norm=canon
	a=$("$BPFTOOL" "$@" | $norm)
	ours=$("$BPFCTL" "$@" 2>"$BATS_TEST_TMPDIR/stderr" | $norm)
	if [[ $a != "$ours" ]]; then
		diff <(echo "$a") <(echo "$ours") | head -n 40 >&2
		printf 'stderr: %s\n' "$(cat "$BATS_TEST_TMPDIR/stderr")" >&2
		return 1
	fi
}

# put_flow: the entry of the reference dump (map_dump_flows_btf.json)
put_flow() {
	"$BPFCTL" map update pinned "$M/flows" \
		key hex 0a 00 00 01 0a 00 00 02 1f 90 00 50 06 00 00 00 \
		value 1 0 0 0 0 0 0 0 64 0 0 0 0 0 0 0 2 0 0 0 0x61 0x62 0x63 0 0 0 0 0 \
		0x0b 0 0 0 5 0 0 0 6 0 0 0
}

@test "map show pinned: text and JSON as bpftool's, for each map" {
	local m
	for m in flows arr pcpu pcpu_hash lru q stk map_type_bss map_type_data map_type_rodata; do
		[[ -e $M/$m ]] || { ls "$M" >&2; false; }
		same_as_bpftool map show pinned "$M/$m"
		same_as_bpftool -j map show pinned "$M/$m"
		same_as_bpftool -p map show pinned "$M/$m"
	done
}

@test "map show: fields hold what the kernel holds, in the reference's shape" {
	local id ref
	id=$(map_field "$M/flows" id)
	run_bpfctl -j map show id "$id"
	expect_status 0
	ref=$(fixture reference/map_show.json)
	python3 - "$output" "$id" "$ref" <<'PY'
import json, sys
o = json.loads(sys.argv[1])
ref = json.load(open(sys.argv[3]))
assert list(o) == list(ref), (list(o), list(ref))
assert o["id"] == int(sys.argv[2]), o
assert (o["type"], o["name"], o["flags"]) == ("hash", "flows", 0), o
assert (o["bytes_key"], o["bytes_value"], o["max_entries"]) == (16, 40, 16), o
assert o["bytes_memlock"] > 0 and o["frozen"] == 0 and o["btf_id"] > 0, o
PY
	run_bpfctl map show id "$id"
	expect_status 0
	[[ ${lines[0]} == "$id: hash  name flows  flags 0x0" ]]
	[[ ${lines[1]} =~ ^$'\t'key\ 16B\ \ value\ 40B\ \ max_entries\ 16\ \ memlock\ [0-9]+B$ ]]
	[[ ${lines[2]} =~ ^$'\t'btf_id\ [0-9]+$ ]]
}

@test "map show: every map, JSON valid, ours among them; list is show" {
	local id
	id=$(map_field "$M/arr" id)
	bpfctl_to "$BATS_TEST_TMPDIR/all.json" -j map show
	expect_status 0
	json_valid "$BATS_TEST_TMPDIR/all.json"
	python3 - "$BATS_TEST_TMPDIR/all.json" "$id" <<'PY'
import json, sys
maps = json.load(open(sys.argv[1]))
ids = [m["id"] for m in maps]
assert ids == sorted(ids), ids
assert int(sys.argv[2]) in ids
PY
	run_bpfctl map list id "$id"
	expect_status 0
	[[ ${lines[0]} == "$id: array  name arr  flags 0x0" ]]
}

@test "map show -f: pinned paths, as bpftool's" {
	same_as_bpftool -f map show pinned "$M/arr"
	same_as_bpftool -j -f map show pinned "$M/arr"
	run_bpfctl -j -f map show pinned "$M/arr"
	expect_status 0
	python3 - "$output" "$M/arr" <<'PY'
import json, sys
assert sys.argv[2] in json.loads(sys.argv[1])["pinned"]
PY
}

@test "map create: a map of each kind, pinned, as asked; JSON null" {
	run_bpfctl -j map create "$NEW/h" type hash key 4 value 8 entries 16 name t_hash
	expect_status 0
	[[ $output == null ]]
	"$BPFCTL" map create "$NEW/a" type array key 4 value 12 entries 3 name t_array flags 0x400
	"$BPFCTL" map create "$NEW/pc" type percpu_hash key 8 value 4 entries 2 name t_pcpu
	"$BPFCTL" map create "$NEW/lpm" type lpm_trie key 8 value 4 entries 4 name t_lpm flags 1
	"$BPFCTL" map create "$NEW/q" type queue key 0 value 4 entries 2 name t_queue
	"$BPFCTL" map create "$NEW/inner" type array key 4 value 4 entries 1 name t_inner
	"$BPFCTL" map create "$NEW/hom" type hash_of_maps key 4 value 4 entries 2 name t_hom \
		inner_map pinned "$NEW/inner"
	run_bpfctl -j map show pinned "$NEW/a"
	python3 - "$output" <<'PY'
import json, sys
o = json.loads(sys.argv[1])
assert (o["type"], o["name"], o["flags"]) == ("array", "t_array", 0x400), o
assert (o["bytes_key"], o["bytes_value"], o["max_entries"]) == (4, 12, 3), o
PY
	local m
	for m in h a pc lpm q inner hom; do
		same_as_bpftool map show pinned "$NEW/$m"
		same_as_bpftool -j map show pinned "$NEW/$m"
	done
	[[ $(map_field "$NEW/hom" type) == hash_of_maps ]]
	[[ $(map_field "$NEW/lpm" flags) == 1 ]]
}

@test "map create: bad input is refused, nothing is pinned" {
	run_bpfctl map create "$NEW/x" type nosuch key 4 value 4 entries 1 name x
	expect_error
	[[ $stderr == *"unknown map type 'nosuch'"* ]]
	run_bpfctl map create "$NEW/x" type hash key 4 value 4 entries 1
	expect_error
	[[ $stderr == *"missing 'name'"* ]]
	run_bpfctl map create "$NEW/x" type hash key 4 value 4 entries 0 name x
	expect_error
	[[ $stderr == *"can't create hash map 'x'"* ]]
	run_bpfctl map create "$NEW/x" type hash key four value 4 entries 1 name x
	expect_error
	run_bpfctl map create "$NEW/x" type hash key 4 key 4 value 4 entries 1 name x
	expect_error
	[[ $stderr == *"'key' given twice"* ]]
	run_bpfctl map create "$BATS_TEST_TMPDIR/x" type hash key 4 value 4 entries 1 name x
	expect_error
	[[ ! -e $BATS_TEST_TMPDIR/x ]]
	run_bpfctl map create "$NEW/x" type hash_of_maps key 4 value 4 entries 1 name x \
		inner_map id 4294967295
	expect_error
	[[ ! -e $NEW/x ]]
	"$BPFCTL" map create "$NEW/y" type hash key 4 value 4 entries 1 name y
	run_bpfctl -j map create "$NEW/y" type hash key 4 value 4 entries 1 name y
	expect_status 255
	json_valid <<<"$output"
	[[ $output == *'"error"'* ]]
}

@test "map update, lookup, getnext, delete: text and JSON against the kernel" {
	local h=$NEW/h
	"$BPFCTL" map create "$h" type hash key 4 value 8 entries 4 name t_kv
	run_bpfctl -j map update pinned "$h" key 1 0 0 0 value 0x11 2 3 4 5 6 7 8
	expect_status 0
	[[ $output == null ]]
	"$BPFCTL" map update pinned "$h" key hex 02 00 00 00 value hex 0102030405060708 noexist
	run "$BPFTOOL" -j map lookup pinned "$h" key 1 0 0 0
	[[ $output == *'"value":["0x11","0x02","0x03","0x04","0x05","0x06","0x07","0x08"]'* ]]
	run "$BPFTOOL" -j map lookup pinned "$h" key 2 0 0 0
	[[ $output == *'"value":["0x01","0x02","0x03","0x04","0x05","0x06","0x07","0x08"]'* ]]
	same_as_bpftool map lookup pinned "$h" key 1 0 0 0
	same_as_bpftool -j map lookup pinned "$h" key 2 0 0 0
	same_as_bpftool map getnext pinned "$h"
	same_as_bpftool -j map getnext pinned "$h"
	# from the first key in the kernel's order, which has a next one
	local first
	first=$("$BPFTOOL" -j map getnext pinned "$h" |
		python3 -c 'import json, sys; print(*(int(b, 16) for b in json.load(sys.stdin)["next_key"]))')
	# shellcheck disable=SC2086 # the bytes are words
	same_as_bpftool map getnext pinned "$h" key $first
	# shellcheck disable=SC2086
	same_as_bpftool -j map getnext pinned "$h" key $first
	same_as_bpftool map dump pinned "$h"
	same_as_bpftool -j map dump pinned "$h"
	run_bpfctl map lookup pinned "$h" key 1 0 0 0
	[[ $output == "key: 01 00 00 00  value: 11 02 03 04 05 06 07 08" ]]
	run_bpfctl -j map delete pinned "$h" key 1 0 0 0
	expect_status 0
	[[ $output == null ]]
	run "$BPFTOOL" -j map lookup pinned "$h" key 1 0 0 0
	[[ $output != *'"value"'* ]]
	run_bpfctl map update pinned "$h" key 2 0 0 0 value 9 9 9 9 9 9 9 9 exist
	expect_status 0
	run_bpfctl map update pinned "$h" key 7 0 0 0 value 9 9 9 9 9 9 9 9 exist
	expect_error
	[[ $stderr == *"map 't_kv': key 07 00 00 00 not found"* ]]
	run_bpfctl map update pinned "$h" key 2 0 0 0 value 9 9 9 9 9 9 9 9 noexist
	expect_error
	[[ $stderr == *"exists already"* ]]
	run_bpfctl map delete pinned "$h" key 5 0 0 0
	expect_error
	[[ $stderr == *"key 05 00 00 00 not found"* ]]
	run_bpfctl map getnext pinned "$h" key 2 0 0 0
	expect_error
	run_bpfctl map delete pinned "$h" key 2 0 0 0
	run_bpfctl map getnext pinned "$h"
	expect_error
	[[ $stderr == *"map 't_kv' is empty"* ]]
}

@test "map lookup of a missing key: a clean error, also in JSON" {
	run_bpfctl map lookup pinned "$M/arr" key 9 0 0 0
	expect_error
	[[ $stderr == "Error: map 'arr': key 09 00 00 00 not found" ]]
	[[ -z $output ]]
	run_bpfctl -j map lookup pinned "$M/arr" key 9 0 0 0
	expect_status 255
	json_valid <<<"$output"
	[[ $output == '{"error":"map '"'arr'"': key 09 00 00 00 not found"}' ]]
}

@test "map dump: BTF-typed maps give bpftool's JSON, value for value" {
	put_flow
	"$BPFCTL" map update pinned "$M/arr" key 1 0 0 0 value 42 0 0 0 0 0 0 0
	"$BPFCTL" map update pinned "$M/pcpu_hash" key 3 0 0 0 value 1 0 0 0 2 0 0 0
	"$BPFCTL" map update pinned "$M/lru" key 1 2 3 4 5 6 7 8 value 7 0 0 0
	local m
	for m in flows arr pcpu pcpu_hash lru map_type_bss map_type_data map_type_rodata; do
		same_as_bpftool -j map dump pinned "$M/$m"
		same_as_bpftool -p map dump pinned "$M/$m"
		# bpftool's typed text is JSON too, but for bitfields (flows)
		[[ $m == flows ]] || NORM=canon same_as_bpftool map dump pinned "$M/$m"
	done
	same_as_bpftool -j map lookup pinned "$M/flows" \
		key 10 0 0 1 10 0 0 2 0x1f 0x90 0 0x50 6 0 0 0
}

@test "map dump: the reference's shapes (flows, arr, per-CPU, .bss; lookup, peek)" {
	put_flow
	"$BPFCTL" map update pinned "$M/arr" key 1 0 0 0 value 42 0 0 0 0 0 0 0
	bpfctl_to "$BATS_TEST_TMPDIR/flows.json" -j map dump pinned "$M/flows"
	expect_status 0
	json_equal "$(fixture reference/map_dump_flows_btf.json)" "$BATS_TEST_TMPDIR/flows.json"
	bpfctl_to "$BATS_TEST_TMPDIR/lookup.json" -p map lookup pinned "$M/arr" key 1 0 0 0
	json_equal "$(fixture reference/map_lookup.pretty.json)" "$BATS_TEST_TMPDIR/lookup.json"
	# same members, nesting and types of values as the reference
	bpfctl_to "$BATS_TEST_TMPDIR/pcpu.json" -p map dump pinned "$M/pcpu"
	bpfctl_to "$BATS_TEST_TMPDIR/bss.json" -p map dump pinned "$M/map_type_bss"
	python3 - "$(fixture reference/map_dump_pcpu.pretty.json)" "$BATS_TEST_TMPDIR/pcpu.json" \
		"$(fixture reference/map_dump_bss.pretty.json)" "$BATS_TEST_TMPDIR/bss.json" <<'PY'
import json, sys
def shape(o):
    if isinstance(o, dict):
        return {k: shape(v) for k, v in o.items() if k not in ("counter", "seeded", "cfg")}
    if isinstance(o, list):
        return [shape(v) for v in o[:1]]
    return type(o).__name__
for ref, ours in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    a, b = shape(json.load(open(ref))), shape(json.load(open(ours)))
    assert a == b, (a, b)
bss = json.load(open(sys.argv[4]))
assert list(bss[0]["formatted"]["value"][".bss"][0]) == ["counter"], bss
assert "key" not in bss[0]["formatted"], bss
ncpus = len(json.load(open(sys.argv[2]))[0]["values"])
possible = open("/sys/devices/system/cpu/possible").read().strip()
assert ncpus == (int(possible.split("-")[-1]) + 1 if "-" in possible else 1), ncpus
PY
}

@test "map dump, text: typed maps as valid JSON (bitfields as strings), others as bpftool's lines" {
	put_flow
	run_bpfctl map dump pinned "$M/flows"
	expect_status 0
	json_valid <<<"$output"
	bpfctl_to "$BATS_TEST_TMPDIR/j.json" -j map dump pinned "$M/flows"
	python3 - "$output" "$BATS_TEST_TMPDIR/j.json" <<'PY'
import json, sys
text = json.loads(sys.argv[1])
j = json.load(open(sys.argv[2]))
assert text == [e["formatted"] for e in j], (text, j)
v = text[0]["value"]
assert (v["flags"], v["mode"], v["c"], v["tag"]) == ("0x3", "0x1", "GREEN", "abc"), v
PY
	run_bpfctl map dump pinned "$M/pcpu"
	json_valid <<<"$output"
	"$BPFCTL" map create "$NEW/h" type hash key 4 value 20 entries 4 name t_wide
	"$BPFCTL" map update pinned "$NEW/h" key 1 0 0 0 \
		value 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20
	"$BPFCTL" map create "$NEW/pc" type percpu_array key 4 value 4 entries 2 name t_pc
	"$BPFCTL" map update pinned "$NEW/pc" key 1 0 0 0 value 5 0 0 0
	same_as_bpftool map dump pinned "$NEW/h"
	same_as_bpftool map dump pinned "$NEW/pc"
	same_as_bpftool -j map dump pinned "$NEW/pc"
	run_bpfctl map dump pinned "$NEW/h"
	[[ ${lines[0]} == "key:" && ${lines[1]} == "01 00 00 00" && ${lines[2]} == "value:" ]]
	[[ ${lines[3]} == "01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10" ]]
	[[ ${lines[4]} == "11 12 13 14" && ${lines[5]} == "Found 1 element" ]]
}

@test "map dump: thousands of entries in batches, and key by key (LPM trie), as bpftool's" {
	local h=$NEW/h i
	"$BPFCTL" map create "$h" type hash key 4 value 4 entries 5000 name t_many
	for ((i = 0; i < 3000; i++)); do
		echo "map update pinned $h key $((i & 255)) $((i >> 8)) 0 0 value $((i % 7)) 0 0 $((i & 255))"
	done >"$BATS_TEST_TMPDIR/fill"
	"$BPFCTL" batch file "$BATS_TEST_TMPDIR/fill" >/dev/null
	bpfctl_to "$BATS_TEST_TMPDIR/ours.json" -j map dump pinned "$h"
	expect_status 0
	"$BPFTOOL" -j map dump pinned "$h" >"$BATS_TEST_TMPDIR/theirs.json"
	python3 - "$BATS_TEST_TMPDIR/ours.json" "$BATS_TEST_TMPDIR/theirs.json" <<'PY'
import json, sys
ours, theirs = (json.load(open(p)) for p in sys.argv[1:])
assert len(ours) == 3000, len(ours)
key = lambda e: e["key"]
assert sorted(ours, key=key) == sorted(theirs, key=key)
assert len({tuple(e["key"]) for e in ours}) == 3000
PY
	run_bpfctl map dump pinned "$h"
	[[ ${lines[-1]} == "Found 3000 elements" ]]
	"$BPFCTL" map create "$NEW/lpm" type lpm_trie key 8 value 4 entries 4 name t_lpm flags 1
	"$BPFCTL" map update pinned "$NEW/lpm" key 24 0 0 0 10 1 2 0 value 7 0 0 0
	"$BPFCTL" map update pinned "$NEW/lpm" key 16 0 0 0 10 9 0 0 value 8 0 0 0
	same_as_bpftool map dump pinned "$NEW/lpm"
	same_as_bpftool -j map dump pinned "$NEW/lpm"
}

@test "map dump name: several maps of one name, each with its header" {
	"$BPFCTL" map create "$NEW/a" type array key 4 value 4 entries 1 name t_twin
	"$BPFCTL" map create "$NEW/b" type array key 4 value 4 entries 2 name t_twin
	run_bpfctl -j map dump name t_twin
	expect_status 0
	python3 - "$output" <<'PY'
import json, sys
maps = json.loads(sys.argv[1])
assert [m["name"] for m in maps] == ["t_twin", "t_twin"], maps
assert sorted(len(m["elements"]) for m in maps) == [1, 2], maps
assert all(m["type"] == "array" and "id" in m for m in maps), maps
PY
	run_bpfctl map dump name t_twin
	[[ ${lines[0]} =~ ^[0-9]+:\ array\ \ name\ t_twin\ \ flags\ 0x0$ ]]
	[[ $output == *"Found 1 element"* && $output == *"Found 2 elements"* ]]
	run_bpfctl -j map show name t_twin
	python3 -c 'import json, sys; assert len(json.loads(sys.argv[1])) == 2' "$output"
	run_bpfctl map lookup name t_twin key 0 0 0 0
	expect_error
	[[ $stderr == *"id"* ]]
}

@test "map update of a per-CPU map: one value for every CPU" {
	"$BPFCTL" map update pinned "$M/pcpu" key 0 0 0 0 value 5 0 0 0
	run_bpfctl -j map lookup pinned "$M/pcpu" key 0 0 0 0
	expect_status 0
	python3 - "$output" <<'PY'
import json, sys
o = json.loads(sys.argv[1])
assert o["values"] and all(v["value"] == ["0x05", "0x00", "0x00", "0x00"] for v in o["values"]), o
assert all(v["value"] == 5 for v in o["formatted"]["values"]), o
PY
	same_as_bpftool -j map lookup pinned "$M/pcpu" key 0 0 0 0
	NORM=canon same_as_bpftool map lookup pinned "$M/pcpu" key 0 0 0 0
	NORM=canon same_as_bpftool map dump pinned "$M/pcpu_hash"
}

@test "queue and stack: push, peek, pop in order; empty is an error" {
	run_bpfctl -j map push pinned "$M/q" value 9 0 0 0
	expect_status 0
	[[ $output == null ]]
	"$BPFCTL" map enqueue pinned "$M/q" value 10 0 0 0
	same_as_bpftool -j map peek pinned "$M/q"
	bpfctl_to "$BATS_TEST_TMPDIR/peek.json" -p map peek pinned "$M/q"
	json_equal "$(fixture reference/map_peek.pretty.json)" "$BATS_TEST_TMPDIR/peek.json"
	run_bpfctl map peek pinned "$M/q"
	[[ $output == "value: 09 00 00 00" ]]
	run_bpfctl map pop pinned "$M/q"
	[[ $output == "value: 09 00 00 00" ]]
	run_bpfctl -j map dequeue pinned "$M/q"
	[[ $output == '{"key":[],"value":["0x0a","0x00","0x00","0x00"]}' ]]
	run_bpfctl map pop pinned "$M/q"
	expect_error
	[[ $stderr == *"map 'q' is empty"* ]]
	run_bpfctl -j map peek pinned "$M/q"
	expect_status 255
	json_valid <<<"$output"
	"$BPFCTL" map push pinned "$M/stk" value 1 0 0 0
	"$BPFCTL" map push pinned "$M/stk" value 2 0 0 0
	run_bpfctl map pop pinned "$M/stk"
	[[ $output == "value: 02 00 00 00" ]]
	run_bpfctl map pop pinned "$M/stk"
	[[ $output == "value: 01 00 00 00" ]]
	run_bpfctl map dump pinned "$M/q"
	expect_error
	[[ $stderr == *"use 'map peek' or 'map pop'"* ]]
	run_bpfctl map push pinned "$M/q" key 1 value 1 0 0 0
	expect_error
}

@test "map update of full maps and past an array's end: clean errors" {
	"$BPFCTL" map create "$NEW/h" type hash key 4 value 4 entries 1 name t_full
	"$BPFCTL" map update pinned "$NEW/h" key 1 0 0 0 value 1 0 0 0
	run_bpfctl map update pinned "$NEW/h" key 2 0 0 0 value 1 0 0 0
	expect_error
	[[ $stderr == *"map 't_full' is full (max_entries 1)"* ]]
	run_bpfctl map update pinned "$M/arr" key 2 0 0 0 value 1 0 0 0 0 0 0 0
	expect_error
	[[ $stderr == *"map 'arr': key 02 00 00 00 is past the last index 1"* ]]
	"$BPFCTL" map create "$NEW/q" type queue key 0 value 4 entries 1 name t_fullq
	"$BPFCTL" map push pinned "$NEW/q" value 1 0 0 0
	run_bpfctl map push pinned "$NEW/q" value 2 0 0 0
	expect_error
	[[ $stderr == *"is full"* ]]
}

@test "map freeze: shown as frozen, updates refused" {
	"$BPFCTL" map create "$NEW/a" type array key 4 value 4 entries 1 name t_frozen
	run_bpfctl -j map freeze pinned "$NEW/a"
	expect_status 0
	[[ $output == null ]]
	[[ $(map_field "$NEW/a" frozen) == 1 ]]
	same_as_bpftool map show pinned "$NEW/a"
	same_as_bpftool -j map show pinned "$NEW/a"
	run_bpfctl map show pinned "$NEW/a"
	[[ ${lines[2]} == $'\t'frozen ]]
	run_bpfctl map update pinned "$NEW/a" key 0 0 0 0 value 1 0 0 0
	expect_error
	[[ $stderr == *"map 't_frozen' is frozen"* ]]
	run_bpfctl map freeze pinned "$NEW/a"
	expect_error
	same_as_bpftool map show pinned "$M/map_type_rodata"
}

@test "map pin: a second path to the same map; existing and non-bpffs paths refused" {
	local id
	id=$(map_field "$M/arr" id)
	run_bpfctl -j map pin id "$id" "$NEW/sub/arr2"
	expect_status 0
	[[ $output == null ]]
	[[ $(map_field "$NEW/sub/arr2" id) == "$id" ]]
	run_bpfctl map pin id "$id" "$NEW/sub/arr2"
	expect_error
	run_bpfctl map pin id "$id" "$BATS_TEST_TMPDIR/arr"
	expect_error
	[[ ! -e $BATS_TEST_TMPDIR/arr ]]
	run_bpfctl map pin id "$id"
	expect_error
}

@test "maps of maps and program arrays: values by id and by pin" {
	local prog_id
	"$BPFCTL" map create "$NEW/inner" type array key 4 value 4 entries 1 name t_inner
	"$BPFCTL" map create "$NEW/aom" type array_of_maps key 4 value 4 entries 2 name t_aom \
		inner_map pinned "$NEW/inner"
	"$BPFCTL" map update pinned "$NEW/aom" key 1 0 0 0 value pinned "$NEW/inner"
	run_bpfctl -j map dump pinned "$NEW/aom"
	expect_status 0
	python3 - "$output" "$(map_field "$NEW/inner" id)" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert len(d) == 1 and d[0]["inner_map_id"] == int(sys.argv[2]), d
PY
	same_as_bpftool -j map dump pinned "$NEW/aom"
	run_bpfctl map update pinned "$NEW/aom" key 0 0 0 0 value 1 0 0 0
	expect_error
	"$BPFCTL" map create "$NEW/pa" type prog_array key 4 value 4 entries 2 name t_pa
	prog_id=$("$BPFTOOL" -j prog show pinned "$PIN_DIR/progs/on_getpid" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
	run_bpfctl map update pinned "$NEW/pa" key 0 0 0 0 value id "$prog_id"
	expect_status 0
	[[ $stderr == *Warning* ]]
	same_as_bpftool map show pinned "$NEW/pa"
	same_as_bpftool -j map show pinned "$NEW/pa"
	same_as_bpftool -j map dump pinned "$NEW/pa"
	run_bpfctl -j map show pinned "$NEW/pa"
	[[ $output == *'"owner_prog_type":"tracepoint"'* ]]
}

@test "bad input: unknown ids, non-BPF and non-bpffs files, wrong sizes, bad bytes" {
	echo x >"$BATS_TEST_TMPDIR/plain"
	run_bpfctl map show id 4294967295
	expect_error
	run_bpfctl -j map dump id 4294967295
	expect_status 255
	json_valid <<<"$output"
	run_bpfctl map dump pinned "$BATS_TEST_TMPDIR/plain"
	expect_error
	run_bpfctl map lookup pinned "$PIN_DIR/progs/on_getpid" key 0 0 0 0
	expect_error
	run_bpfctl map show pinned "$PIN_DIR/nosuch"
	expect_error
	run_bpfctl map lookup pinned "$M/flows" key 1 2 3 4 5 6 7 8 9 10 11 12
	expect_error
	[[ $stderr == "Error: map 'flows': key has 12 bytes, expected 16" ]]
	run_bpfctl map update pinned "$M/arr" key 0 0 0 0 value 1 2 3
	expect_error
	[[ $stderr == "Error: map 'arr': value has 3 bytes, expected 8" ]]
	run_bpfctl map update pinned "$M/arr" key 0 0 0 0 0 value 1 2 3 4 5 6 7 8
	expect_error
	[[ $stderr == *"key has 5 bytes, expected 4"* ]]
	run_bpfctl map lookup pinned "$M/arr" key hex 0g 00 00 00
	expect_error
	[[ $stderr == *"can't parse '0g'"* ]]
	run_bpfctl map lookup pinned "$M/arr" key hex 000
	expect_error
	run_bpfctl map lookup pinned "$M/arr" key 256 0 0 0
	expect_error
	[[ $stderr == *"can't parse '256'"* ]]
	run_bpfctl map lookup pinned "$M/arr" key -1 0 0 0
	expect_error
	run_bpfctl map lookup pinned "$M/arr"
	expect_error
	[[ $stderr == *"missing 'key DATA'"* ]]
	run_bpfctl map lookup pinned "$M/arr" key 0 0 0 0 key 0 0 0 0
	expect_error
	[[ $stderr == *"key given twice"* ]]
	run_bpfctl map lookup pinned "$M/arr" key 0 0 0 0 any
	expect_error
	run_bpfctl map update pinned "$M/arr" key 0 0 0 0 value 0 0 0 0 0 0 0 0 any exist
	expect_error
	run_bpfctl map update pinned "$M/arr" key 0 0 0 0 value 0 0 0 0 0 0 0 0 bogus
	expect_error
	run_bpfctl map dump pinned "$M/arr" extra
	expect_error
	run_bpfctl map nosuch
	expect_error
	run_bpfctl -j map lookup pinned "$M/arr" key 1 2
	expect_status 255
	json_valid <<<"$output"
}

@test "map help: usage in text, null in JSON" {
	run_bpfctl map help
	expect_status 0
	[[ ${lines[0]} == "Usage: bpfctl map { show | list } [MAP]" ]]
	[[ $output == *"DATA := { [hex] BYTES }"* ]]
	[[ $output == *"UPDATE_FLAGS := { any | exist | noexist }"* ]]
	run_bpfctl -j map help
	[[ $output == null ]]
}
