#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl map watch against the running kernel: a BTF-typed hash and a
# per-CPU hash from tests/progs/map_watch.bpf.c (loaded by bpfctl prog
# loadall, maps pinned), and hashes without BTF from bpfctl map create.
# The watch runs in the background at 0.3 s intervals with its output in a
# file; the tests change the map once the first interval's lines are there,
# wait for the lines of the changes, then wait two more intervals and stop
# it: exactly those changes must have been reported.
#
# Everything is pinned under one directory on /sys/fs/bpf, removed in
# teardown_file; a watch still running is stopped in teardown.

load ../lib/common

setup_file() {
	require_root_caps
	local objs=$BATS_FILE_TMPDIR/objs
	PIN_DIR=/sys/fs/bpf/bpfctl-test-watch-$$
	mkdir -p "$objs" "$PIN_DIR"
	compile_bpf "$PROGS/map_watch.bpf.c" "$objs/map_watch.bpf.o"
	"$BPFCTL" prog loadall "$objs/map_watch.bpf.o" "$PIN_DIR/progs" pinmaps "$PIN_DIR/maps"
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
	OUT=$BATS_TEST_TMPDIR/watch.out
	WATCH_PID=
}

teardown() {
	if [[ -n ${WATCH_PID-} ]] && kill -0 "$WATCH_PID" 2>/dev/null; then
		kill -KILL "$WATCH_PID" 2>/dev/null || true
		wait "$WATCH_PID" 2>/dev/null || true
	fi
	# the typed maps are shared: empty them for the next test
	local k
	for k in 1 2 3; do
		"$BPFCTL" map delete pinned "$M/conns" key "$k" 0 0 0 80 0 6 0 2>/dev/null || true
		"$BPFCTL" map delete pinned "$M/hits" key "$k" 0 0 0 2>/dev/null || true
	done
	rm -rf "${NEW:?}"
}

# watch_start ARGS...: bpfctl ARGS in the background, stdout to $OUT.
watch_start() {
	"$BPFCTL" "$@" >"$OUT" 2>"$BATS_TEST_TMPDIR/watch.stderr" &
	WATCH_PID=$!
}

# wait_lines N: until $OUT holds at least N whole lines (10 s at most).
wait_lines() {
	local i
	for ((i = 0; i < 200; i++)); do
		(($(wc -l <"$OUT") >= $1)) && return 0
		sleep 0.05
	done
	echo "timed out waiting for $1 lines; got:" >&2
	cat "$OUT" >&2
	return 1
}

# watch_stop: two more intervals for spurious lines, then SIGTERM; the
# watch must end cleanly (status 0) and without a sanitizer report.
watch_stop() {
	sleep 0.7
	kill -TERM "$WATCH_PID"
	local status=0
	wait "$WATCH_PID" || status=$?
	WATCH_PID=
	stderr=$(<"$BATS_TEST_TMPDIR/watch.stderr")
	no_sanitizer_report
	expect_status 0
}

# changes [FIRST]: the JSON lines of $OUT from line FIRST (default 1) as
# "OP KEY VALUE" lines, sorted: KEY and VALUE the hex bytes joined
# ("01000000"), per-CPU values as CPU=HEX joined by commas, "-" for none.
# Fails on a line that is not one object with a float time and a known op.
changes() {
	tail -n +"${1:-1}" "$OUT" | python3 -c '
import json, sys, time
rows = []
for line in sys.stdin:
    o = json.loads(line)
    assert isinstance(o["time"], float) and abs(o["time"] - time.time()) < 60, o
    assert o["op"] in ("add", "update", "delete"), o
    assert list(o)[:3] == ["time", "op", "key"], o
    hx = lambda a: "".join(b[2:] for b in a)
    if "values" in o:
        v = ",".join("%d=%s" % (c["cpu"], hx(c["value"])) for c in o["values"])
    else:
        v = hx(o["value"]) if "value" in o else "-"
    if o["op"] == "delete":
        assert "value" not in o and "values" not in o, o
    rows.append("%s %s %s" % (o["op"], hx(o["key"]), v))
print("\n".join(sorted(rows)))'
}

@test "map watch -j: adds, then exactly the updates, adds and deletes made (no BTF)" {
	local m=$NEW/plain
	run_bpfctl map create "$m" type hash key 4 value 8 entries 64 name watch_plain
	expect_status 0
	"$BPFCTL" map update pinned "$m" key 1 0 0 0 value 1 0 0 0 0 0 0 0
	"$BPFCTL" map update pinned "$m" key 2 0 0 0 value 2 0 0 0 0 0 0 0
	watch_start -j map watch pinned "$m" interval 0.3
	wait_lines 2
	run changes
	[[ $output == $'add 01000000 0100000000000000\nadd 02000000 0200000000000000' ]]
	"$BPFCTL" map update pinned "$m" key 1 0 0 0 value 0x2a 0 0 0 0 0 0 0
	"$BPFCTL" map delete pinned "$m" key 2 0 0 0
	"$BPFCTL" map update pinned "$m" key 3 0 0 0 value 3 0 0 0 0 0 0 9
	wait_lines 5
	watch_stop
	[[ $(wc -l <"$OUT") == 5 ]]
	run changes 3
	[[ $output == $'add 03000000 0300000000000009\ndelete 02000000 -\nupdate 01000000 2a00000000000000' ]]
	# no "formatted" without BTF
	not_in_file formatted "$OUT"
}

@test "map watch -j: the entries have map dump -j's form, typed with BTF" {
	"$BPFCTL" map update pinned "$M/conns" key 1 0 0 0 80 0 6 0 \
		value 5 0 0 0 0 0 0 0 0 2 0 0 0 0 0 0
	run_bpfctl -j map watch pinned "$M/conns" count 1
	expect_status 0
	local watched=$output
	run_bpfctl -j map dump pinned "$M/conns"
	expect_status 0
	python3 -c '
import json, sys
w = json.loads(sys.argv[1])
d = json.loads(sys.argv[2])
assert w["op"] == "add", w
del w["time"], w["op"]
assert [w] == d, (w, d)
f = w["formatted"]
assert f == {"key": {"addr": 1, "port": 80, "proto": 6},
             "value": {"packets": 5, "bytes": 512}}, f' "$watched" "$output"
}

@test "map watch -j: typed updates and deletes (BTF key without value on a delete)" {
	"$BPFCTL" map update pinned "$M/conns" key 1 0 0 0 80 0 6 0 \
		value 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0
	watch_start -j map watch pinned "$M/conns" interval 0.3
	wait_lines 1
	"$BPFCTL" map update pinned "$M/conns" key 1 0 0 0 80 0 6 0 \
		value 7 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0
	"$BPFCTL" map update pinned "$M/conns" key 2 0 0 0 80 0 6 0 \
		value 1 0 0 0 0 0 0 0 1 0 0 0 0 0 0 0
	wait_lines 3
	"$BPFCTL" map delete pinned "$M/conns" key 2 0 0 0 80 0 6 0
	wait_lines 4
	watch_stop
	[[ $(wc -l <"$OUT") == 4 ]]
	python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ops = sorted((r["op"], json.dumps(r["formatted"], sort_keys=True)) for r in rows[1:])
k1 = {"addr": 1, "port": 80, "proto": 6}
k2 = {"addr": 2, "port": 80, "proto": 6}
want = sorted([
    ("update", json.dumps({"key": k1, "value": {"packets": 7, "bytes": 2}}, sort_keys=True)),
    ("add", json.dumps({"key": k2, "value": {"packets": 1, "bytes": 1}}, sort_keys=True)),
    ("delete", json.dumps({"key": k2}, sort_keys=True)),
])
assert ops == want, ops
assert rows[3]["op"] == "delete" and "value" not in rows[3], rows[3]' "$OUT"
}

@test "map watch -j: per-CPU values per CPU, as map dump prints them" {
	local ncpus
	"$BPFCTL" map update pinned "$M/hits" key 1 0 0 0 value 7 0 0 0 0 0 0 0
	watch_start -j map watch pinned "$M/hits" interval 0.3
	wait_lines 1
	"$BPFCTL" map update pinned "$M/hits" key 1 0 0 0 value 8 0 0 0 0 0 0 0
	wait_lines 2
	watch_stop
	[[ $(wc -l <"$OUT") == 2 ]]
	ncpus=$(python3 -c 'import os; print(os.cpu_count())')
	python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
for r, op, v in zip(rows, ["add", "update"], [7, 8]):
    assert r["op"] == op, r
    assert "value" not in r and len(r["values"]) >= 1, r
    assert all(c["value"] == ["0x%02x" % v] + ["0x00"] * 7 for c in r["values"]), r
    assert r["formatted"]["key"] == 1, r
    assert [c["value"] for c in r["formatted"]["values"]] == [v] * len(r["values"]), r
    assert [c["cpu"] for c in r["values"]] == [c["cpu"] for c in r["formatted"]["values"]], r
' "$OUT" "$ncpus"
	# the same shape as the dump of the map
	local line
	line=$(tail -n 1 "$OUT")
	run_bpfctl -j map dump pinned "$M/hits"
	python3 -c '
import json, sys
w = json.loads(sys.argv[1]); del w["time"], w["op"]
assert [w] == json.loads(sys.argv[2]), (w, sys.argv[2])' "$line" "$output"
}

@test "map watch: text marks adds, updates and deletes with +, ~ and -" {
	local m=$NEW/text
	run_bpfctl map create "$m" type hash key 4 value 4 entries 8 name watch_text
	"$BPFCTL" map update pinned "$m" key 1 0 0 0 value 1 0 0 0
	"$BPFCTL" map update pinned "$m" key 2 0 0 0 value 2 0 0 0
	watch_start map watch pinned "$m" interval 0.3
	wait_lines 2
	"$BPFCTL" map update pinned "$m" key 1 0 0 0 value 9 0 0 0
	"$BPFCTL" map delete pinned "$m" key 2 0 0 0
	wait_lines 4
	watch_stop
	sort "$OUT" >"$BATS_TEST_TMPDIR/sorted"
	printf '%s\n' '+ key: 01 00 00 00  value: 01 00 00 00' \
		'+ key: 02 00 00 00  value: 02 00 00 00' \
		'- key: 02 00 00 00' \
		'~ key: 01 00 00 00  value: 09 00 00 00' | sort >"$BATS_TEST_TMPDIR/expected"
	same_file "$BATS_TEST_TMPDIR/expected" "$BATS_TEST_TMPDIR/sorted"
}

@test "map watch: text with BTF prints typed entries, one line each" {
	"$BPFCTL" map update pinned "$M/conns" key 3 0 0 0 80 0 6 0 \
		value 4 0 0 0 0 0 0 0 5 0 0 0 0 0 0 0
	watch_start map watch pinned "$M/conns" interval 0.3
	wait_lines 1
	"$BPFCTL" map delete pinned "$M/conns" key 3 0 0 0 80 0 6 0
	wait_lines 2
	watch_stop
	[[ $(sed -n 1p "$OUT") == '+ {"key":{"addr":3,"port":80,"proto":6},"value":{"packets":4,"bytes":5}}' ]]
	[[ $(sed -n 2p "$OUT") == '- {"key":{"addr":3,"port":80,"proto":6}}' ]]
	[[ $(wc -l <"$OUT") == 2 ]]
}

@test "map watch: count N stops after N intervals, the first being the adds" {
	local m=$NEW/count t0 t1
	run_bpfctl map create "$m" type hash key 4 value 4 entries 8 name watch_count
	"$BPFCTL" map update pinned "$m" key 1 0 0 0 value 1 0 0 0
	run_bpfctl -j map watch pinned "$m" count 1
	expect_status 0
	[[ ${#lines[@]} == 1 && ${lines[0]} == *'"op":"add"'* ]]
	t0=$EPOCHREALTIME
	run_bpfctl -j map watch pinned "$m" interval 0.25 count 3
	t1=$EPOCHREALTIME
	expect_status 0
	[[ ${#lines[@]} == 1 ]]
	# two waits of 0.25 s between the three reads
	python3 -c 'import sys; d = float(sys.argv[2]) - float(sys.argv[1]); assert 0.45 < d < 5, d' \
		"$t0" "$t1"
	# an empty map: nothing at all
	run_bpfctl map delete pinned "$m" key 1 0 0 0
	run_bpfctl -j map watch pinned "$m" count 2 interval 0.1
	expect_status 0
	[[ -z $output ]]
}

@test "map watch: bad input is a clear error" {
	local m=$NEW/bad
	run_bpfctl map create "$m" type hash key 4 value 4 entries 8 name watch_bad
	run_bpfctl map watch pinned "$m" bogus 1
	expect_error
	[[ $stderr == *"unknown map watch option 'bogus'"* ]]
	run_bpfctl map watch pinned "$m" interval 0
	expect_error
	[[ $stderr == *"can't parse '0' as an interval"* ]]
	run_bpfctl map watch pinned "$m" interval -1
	expect_error
	run_bpfctl map watch pinned "$m" interval 1x
	expect_error
	run_bpfctl map watch pinned "$m" interval
	expect_error
	[[ $stderr == *"missing SECS after 'interval'"* ]]
	run_bpfctl map watch pinned "$m" count 0
	expect_error
	run_bpfctl map watch pinned "$m" count x
	expect_error
	run_bpfctl map watch
	expect_error
	[[ $stderr == *"missing MAP after 'map watch'"* ]]
	run_bpfctl map watch pinned "$NEW/no-such-map"
	expect_error
	[[ $stderr == *no-such-map* ]]
	run_bpfctl -j map watch pinned "$NEW/no-such-map"
	expect_status 255
	[[ $output == *'"error"'* ]]
}

@test "map watch: maps without keys to iterate are refused, naming the map and its type" {
	run_bpfctl map create "$NEW/rb" type ringbuf key 0 value 0 entries 4096 name watch_rb
	expect_status 0
	run_bpfctl map watch pinned "$NEW/rb"
	expect_error
	[[ $stderr == *"map 'watch_rb'"*"a ringbuf map can't be watched"* ]]
	run_bpfctl -j map watch pinned "$NEW/rb" count 1
	expect_status 255
	[[ $output == *"a ringbuf map can't be watched"* ]]
	run_bpfctl map create "$NEW/q" type queue key 0 value 4 entries 4 name watch_q
	expect_status 0
	run_bpfctl map watch pinned "$NEW/q"
	expect_error
	[[ $stderr == *"map 'watch_q'"*"a queue map can't be watched"* ]]
	run_bpfctl map create "$NEW/pe" type perf_event_array key 4 value 4 entries 1 name watch_pe
	expect_status 0
	run_bpfctl map watch pinned "$NEW/pe"
	expect_error
	[[ $stderr == *"map 'watch_pe'"*"perf_event_array map can't be watched"* ]]
}

@test "map watch: arrays, and maps without batch lookups, are watched too" {
	local m=$NEW/arr
	run_bpfctl map create "$m" type array key 4 value 4 entries 2 name watch_arr
	expect_status 0
	watch_start -j map watch pinned "$m" interval 0.3
	wait_lines 2
	"$BPFCTL" map update pinned "$m" key 1 0 0 0 value 5 0 0 0
	wait_lines 3
	watch_stop
	run changes
	[[ $output == $'add 00000000 00000000\nadd 01000000 00000000\nupdate 01000000 05000000' ]]
	# a program array has no batch lookups: key by key, its empty slots no entries
	m=$NEW/progs
	run_bpfctl map create "$m" type prog_array key 4 value 4 entries 4 name watch_pa
	expect_status 0
	run_bpfctl -d -j map watch pinned "$m" count 2 interval 0.1
	expect_status 0
	[[ -z $output ]]
	[[ $stderr == *"map 'watch_pa': no batch lookup for this map, reading key by key"* ]]
}

@test "map watch: bash completion offers the command and its keywords" {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -sf "$BPFCTL" "$BATS_TEST_TMPDIR/bin/bpfctl"
	PATH=$BATS_TEST_TMPDIR/bin:$PATH
	# shellcheck source=/dev/null
	source "$REPO_ROOT/bash-completion/bpfctl"
	local COMP_WORDS COMP_CWORD COMPREPLY
	COMP_WORDS=(bpfctl map wat)
	COMP_CWORD=2
	COMPREPLY=()
	_bpfctl 2>/dev/null
	[[ ${COMPREPLY[*]} == watch ]]
	COMP_WORDS=(bpfctl map watch pinned /sys/fs/bpf/x "")
	COMP_CWORD=5
	COMPREPLY=()
	_bpfctl 2>/dev/null
	[[ $(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ') == "count interval " ]]
	COMP_WORDS=(bpfctl map watch pinned /sys/fs/bpf/x interval "")
	COMP_CWORD=6
	COMPREPLY=()
	_bpfctl 2>/dev/null
	((${#COMPREPLY[@]} == 0))
}
