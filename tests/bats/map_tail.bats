#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# map tail / map event_pipe on real maps: a helper (tests/helpers/
# tail_producer.c, built against our libbpfcore.a) creates and pins a ring
# buffer, a perf event array and a hash map, and the hand-assembled
# producers of tests/helpers/tail_prog.h, which it runs with
# BPF_PROG_TEST_RUN to emit exactly N events {seq, pid, kind 7, tag
# "tail"}. Typed decoding uses the BTF of clang-built objects
# (tests/progs/tail_*.bpf.c), as a file or as the producers' program BTF.
#
# Ring buffers keep records until they are consumed, so events are produced
# before the tail starts; perf buffers drop what comes before the tail opens
# its events, so there the tail starts first (wait_perf_open).
#
# The "tracepoint" tests load tests/progs/tail_tp.bpf.c with "prog loadall
# ... autoattach": its programs, on syscalls/sys_enter_getpgid, emit an
# event per getpgid() call with their magic PID, which the test makes a
# known number of times.

load ../lib/common

setup_file() {
	require_root_caps
	build_helper "$BATS_FILE_TMPDIR/producer" "$REPO_ROOT/tests/helpers/tail_producer.c"
	compile_bpf "$PROGS/tail_events.bpf.c" "$BATS_FILE_TMPDIR/events.o"
	compile_bpf "$PROGS/tail_ambiguous.bpf.c" "$BATS_FILE_TMPDIR/ambiguous.o"
	compile_bpf "$PROGS/tail_tp.bpf.c" "$BATS_FILE_TMPDIR/tail_tp.o"
}

setup() {
	require_root_caps
	TAIL_PID=
	PIN=/sys/fs/bpf/bpfctl-test-tail-$$-$BATS_TEST_NUMBER
	mkdir -p "$PIN"
	OUT=$BATS_TEST_TMPDIR/out
	ERR_FILE=$BATS_TEST_TMPDIR/err
}

teardown() {
	if [[ -n $TAIL_PID ]]; then
		kill "$TAIL_PID" 2>/dev/null || true
		wait "$TAIL_PID" 2>/dev/null || true
	fi
	rm -rf "${PIN:?}"
}

# pins [btf]: the maps and producers; with "btf", the producers carry the
# BTF of tail_events.bpf.o as program BTF.
pins() {
	if [[ ${1-} == btf ]]; then
		"$BATS_FILE_TMPDIR/producer" setup "$PIN" "$BATS_FILE_TMPDIR/events.o"
	else
		"$BATS_FILE_TMPDIR/producer" setup "$PIN"
	fi
}

# produce rb|pa N: run the producer into the ring buffer or perf array N times.
produce() {
	"$BATS_FILE_TMPDIR/producer" run "$PIN/prog_$1" "$2"
}

# tail_bg ARGS...: bpfctl ARGS in the background, stdout to $OUT, stderr to $ERR_FILE.
tail_bg() {
	"$BPFCTL" "$@" >"$OUT" 2>"$ERR_FILE" &
	TAIL_PID=$!
}

# tail_wait: wait (at most 20 s) for the background tail; its status in $status.
tail_wait() {
	local i
	for ((i = 0; i < 200; i++)); do
		kill -0 "$TAIL_PID" 2>/dev/null || break
		sleep 0.1
	done
	status=0
	wait "$TAIL_PID" || status=$?
	TAIL_PID=
	stderr=$(<"$ERR_FILE")
	no_sanitizer_report
}

# wait_perf_open: the background tail holds a perf event per online CPU
# (and has stored them in the map right after opening them).
wait_perf_open() {
	local i n cpus
	cpus=$(nproc)
	for ((i = 0; i < 100; i++)); do
		n=$(find "/proc/$TAIL_PID/fd" -lname 'anon_inode:*perf_event*' 2>/dev/null | wc -l)
		((n >= cpus)) && { sleep 0.2; return 0; }
		sleep 0.1
	done
	echo "the tail never opened its perf events" >&2
	return 1
}

# wait_lines N: $OUT has at least N lines (at most 10 s).
wait_lines() {
	local i
	for ((i = 0; i < 100; i++)); do
		(($(wc -l <"$OUT") >= $1)) && return 0
		sleep 0.1
	done
	echo "expected $1 lines, got: $(cat "$OUT")" >&2
	return 1
}

# check_json_lines FILE N FIRST_SEQ [cpu]: N lines, each a JSON object with
# ts, size and the typed event, seq counting up from FIRST_SEQ.
check_json_lines() {
	python3 - "$@" <<'PY'
import json, os, sys, time
path, n, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
perf = len(sys.argv) > 4
lines = open(path).read().splitlines()
assert len(lines) == n, f"{len(lines)} lines, expected {n}"
now = time.time_ns()
for i, line in enumerate(lines):
    ev = json.loads(line)
    assert abs(ev["ts"] - now) < 600e9, f"ts {ev['ts']} is not close to now"
    assert ev["size"] == (28 if perf else 24), line
    assert ("cpu" in ev) == perf, line
    v = ev["value"]
    assert v["seq"] == first + i, line
    assert v["kind"] == 7 and v["tag"] == "tail" and v["pid"] > 0, line
    assert set(ev) <= {"ts", "cpu", "size", "value"}, line
PY
}

@test "map tail: a ring buffer's records, typed through the program's BTF, count ends it" {
	pins btf
	produce rb 5
	run_bpfctl map tail pinned "$PIN/rb" count 5
	expect_status 0
	[[ ${#lines[@]} == 5 ]]
	[[ ${lines[0]} =~ ^20[0-9-]+T[0-9:.]+Z\ size\ 24\ value\ \{\"seq\":0,\"pid\":[0-9]+,\"kind\":7,\"tag\":\"tail\"\}$ ]]
	[[ ${lines[4]} == *'"seq":4,'* ]]
	[[ $stderr == *"count reached: 5 events, 120 bytes"* ]]
}

@test "map tail -j: one valid JSON object per line, in order" {
	pins btf
	produce rb 50
	run_bpfctl -j map tail pinned "$PIN/rb" count 50
	expect_status 0
	printf '%s\n' "$output" >"$OUT"
	while IFS= read -r line; do
		json_valid <<<"$line"
	done <"$OUT"
	check_json_lines "$OUT" 50 0
}

@test "map tail: count stops mid-ring; the rest comes with the next tail" {
	pins btf
	produce rb 10
	run_bpfctl -j map tail pinned "$PIN/rb" count 4
	expect_status 0
	printf '%s\n' "$output" >"$OUT"
	check_json_lines "$OUT" 4 0
	run_bpfctl -j map tail pinned "$PIN/rb" count 6
	expect_status 0
	printf '%s\n' "$output" >"$OUT"
	check_json_lines "$OUT" 6 4
}

@test "map tail: hex without BTF, typed with 'btf FILE'" {
	pins
	produce rb 2
	run_bpfctl map tail pinned "$PIN/rb" count 1
	expect_status 0
	[[ $output == *" size 24 data 00 00 00 00 00 00 00 00 "*" 07 00 00 00 74 61 69 6c 00 00 00 00" ]]
	run_bpfctl -j map tail pinned "$PIN/rb" count 1 btf "$BATS_FILE_TMPDIR/events.o"
	expect_status 0
	printf '%s\n' "$output" >"$OUT"
	check_json_lines "$OUT" 1 1
}

@test "map tail -j: hex records as a \"data\" string" {
	pins
	produce rb 1
	run_bpfctl -j map tail pinned "$PIN/rb" count 1
	expect_status 0
	json_valid <<<"$output"
	python3 -c '
import json, sys
ev = json.loads(sys.argv[1])
assert ev["size"] == 24 and "value" not in ev
assert bytes.fromhex(ev["data"])[16:20] == b"tail", ev
assert int.from_bytes(bytes.fromhex(ev["data"])[12:16], "little") == 7, ev
' "$output"
}

@test "map tail: several structs of the record size: hex and a notice, or the one named with type" {
	pins
	produce rb 2
	run_bpfctl map tail pinned "$PIN/rb" count 1 btf "$BATS_FILE_TMPDIR/ambiguous.o"
	expect_status 0
	[[ $output == *" size 24 data 00 00 "* ]]
	[[ $stderr == *"2 structs of that size"*"tail_event, tail_other"*"type NAME"* ]]
	run_bpfctl map tail pinned "$PIN/rb" count 1 btf "$BATS_FILE_TMPDIR/ambiguous.o" \
		type tail_other
	expect_status 0
	[[ $output == *' size 24 value {"a":1,"b":'*',"c":1818845556}' ]]
	[[ $stderr != *"structs of that size"* ]]
}

@test "map tail: type NAME from the programs' BTF" {
	pins btf
	produce rb 1
	run_bpfctl -j map tail pinned "$PIN/rb" count 1 type tail_event
	expect_status 0
	printf '%s\n' "$output" >"$OUT"
	check_json_lines "$OUT" 1 0
}

@test "map tail: an unknown type name is an error" {
	pins btf
	run_bpfctl map tail pinned "$PIN/rb" type no_such_struct
	expect_error
	[[ $stderr == *"type 'no_such_struct' not found in the BTF of the programs using map 'tail_rb'"* ]]
	run_bpfctl map tail pinned "$PIN/rb" btf "$BATS_FILE_TMPDIR/ambiguous.o" type no_such_struct
	expect_error
	[[ $stderr == *"not found in the BTF of '$BATS_FILE_TMPDIR/ambiguous.o'"* ]]
}

@test "map tail: type NAME without any BTF is an error that says where to get one" {
	pins
	run_bpfctl map tail pinned "$PIN/rb" type tail_event
	expect_error
	[[ $stderr == *"no program using map 'tail_rb'"*"has BTF"*"btf FILE"* ]]
}

@test "map event_pipe: a perf event array's samples, with their CPU" {
	pins btf
	tail_bg -j map event_pipe pinned "$PIN/pa" count 20
	wait_perf_open
	produce pa 20
	tail_wait
	expect_status 0
	check_json_lines "$OUT" 20 0 perf
	[[ $stderr == *"count reached: 20 events, 560 bytes, 0 lost"* ]]
}

@test "map tail: a perf buffer overflowing shows the lost samples" {
	pins
	tail_bg map tail pinned "$PIN/pa" duration 3
	wait_perf_open
	# stopped, the tail reads nothing: 64 pages hold 6553 samples of 40 bytes
	kill -STOP "$TAIL_PID"
	taskset -c 0 "$BATS_FILE_TMPDIR/producer" run "$PIN/prog_pa" 10000
	kill -CONT "$TAIL_PID"
	sleep 0.5
	# the kernel reports a loss with the next sample that fits
	taskset -c 0 "$BATS_FILE_TMPDIR/producer" run "$PIN/prog_pa" 1
	tail_wait
	expect_status 0
	[[ $stderr =~ duration\ elapsed:\ ([0-9]+)\ events,\ [0-9]+\ bytes,\ ([0-9]+)\ lost ]]
	local events=${BASH_REMATCH[1]} lost=${BASH_REMATCH[2]}
	((lost > 0))
	((events + lost == 10001))
	grep -q ' cpu 0 lost [0-9]' "$OUT"
}

@test "map tail: duration ends an idle tail with a summary" {
	pins
	local start=$SECONDS
	run_bpfctl map tail pinned "$PIN/rb" duration 1.5
	expect_status 0
	[[ -z $output ]]
	[[ $stderr == *"duration elapsed: 0 events, 0 bytes"* ]]
	((SECONDS - start >= 1 && SECONDS - start < 5))
}

@test "map tail -j: an idle tail prints nothing, not null" {
	pins
	run_bpfctl -j map tail pinned "$PIN/rb" duration 0.2
	expect_status 0
	[[ -z $output ]]
}

@test "map tail: SIGINT and SIGTERM end it with the summary, output kept" {
	pins btf
	tail_bg map tail pinned "$PIN/rb"
	produce rb 3
	wait_lines 3
	kill -INT "$TAIL_PID"
	tail_wait
	expect_status 0
	[[ $stderr == *"interrupted: 3 events, 72 bytes"* ]]
	[[ $(wc -l <"$OUT") == 3 ]]
	tail_bg -j -o "$BATS_TEST_TMPDIR/file" map tail pinned "$PIN/rb"
	produce rb 2
	sleep 0.5
	kill -TERM "$TAIL_PID"
	tail_wait
	expect_status 0
	[[ $stderr == *"terminated: 2 events, 48 bytes"* ]]
	check_json_lines "$BATS_TEST_TMPDIR/file" 2 3
}

@test "map tail: a map that is neither a ring buffer nor a perf event array" {
	pins
	run_bpfctl map tail pinned "$PIN/hash"
	expect_error
	[[ $stderr == *"map 'tail_hash' (id "*") is a hash map, not a ring buffer (ringbuf) or perf event array"* ]]
	run_bpfctl -j map event_pipe pinned "$PIN/hash"
	expect_status 255
	json_valid <<<"$output"
	[[ $output == *'"error"'*"is a hash map"* ]]
}

@test "map event_pipe: cpu and index" {
	pins
	tail_bg -j map event_pipe pinned "$PIN/pa" cpu 0 index 0 count 2
	local i
	for ((i = 0; i < 100; i++)); do
		[[ $(find "/proc/$TAIL_PID/fd" -lname 'anon_inode:*perf_event*' | wc -l) -ge 1 ]] && break
		sleep 0.1
	done
	sleep 0.2
	taskset -c 0 "$BATS_FILE_TMPDIR/producer" run "$PIN/prog_pa" 2
	tail_wait
	expect_status 0
	[[ $(wc -l <"$OUT") == 2 ]]
	grep -q '"cpu":0,"size":28,"data":"' "$OUT"
	run_bpfctl map event_pipe pinned "$PIN/pa" cpu 0
	expect_error
	[[ $stderr == *"'cpu' and 'index' go together"* ]]
	run_bpfctl map event_pipe pinned "$PIN/rb" cpu 0 index 0
	expect_error
	[[ $stderr == *"is a ring buffer: 'cpu' and 'index' apply to perf event arrays"* ]]
	run_bpfctl map event_pipe pinned "$PIN/pa" cpu 0 index 4096
	expect_error
	[[ $stderr == *"key 4096 is out of the map's"* ]]
}

@test "map tail: bad arguments" {
	pins
	run_bpfctl map tail
	expect_error
	[[ $stderr == *"needs a MAP"* ]]
	run_bpfctl map tail pinned "$PIN/rb" count 0
	expect_error
	run_bpfctl map tail pinned "$PIN/rb" count
	expect_error
	run_bpfctl map tail pinned "$PIN/rb" duration -1
	expect_error
	[[ $stderr == *"can't parse '-1' as a duration"* ]]
	run_bpfctl map tail pinned "$PIN/rb" frobnicate 1
	expect_error
	[[ $stderr == *"unknown map tail option 'frobnicate'"* ]]
	run_bpfctl map tail pinned "$PIN/rb" btf /nonexistent
	expect_error
	[[ $stderr == *"can't read BTF from '/nonexistent'"* ]]
	run_bpfctl map tail pinned "$PIN/nonexistent"
	expect_error
}

# ---- events from a real tracepoint ----

MAGIC_RING=$((0x7ead0001))
MAGIC_PERF=$((0x7ead0002))
MAGIC_SMALL=$((0x7ead0003))

# load_tp: tail_tp.o loaded, its programs attached (links pinned under
# $PIN/progs), its maps pinned under $PIN/maps.
load_tp() {
	run_bpfctl prog loadall "$BATS_FILE_TMPDIR/tail_tp.o" "$PIN/progs" pinmaps "$PIN/maps" \
		autoattach
	expect_status 0
	[[ -e $PIN/progs/tp_to_ring && -e $PIN/maps/tp_ring ]]
}

# getpgid_calls MAGIC N: N calls of getpgid(MAGIC) from one process; its pid
# in $CALLER_PID.
getpgid_calls() {
	CALLER_PID=$(python3 -c '
import os, sys
for _ in range(int(sys.argv[2])):
    try:
        os.getpgid(int(sys.argv[1]))
    except ProcessLookupError:
        pass
print(os.getpid())' "$1" "$2")
}

# check_tp_lines FILE N MAGIC ring|perf: N JSON lines of the caller's
# events, seq from 0, typed from the program's BTF.
check_tp_lines() {
	python3 - "$@" "$CALLER_PID" <<'PY'
import json, sys
path, n, magic = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
perf, pid = sys.argv[4] == "perf", int(sys.argv[5])
lines = open(path).read().splitlines()
assert len(lines) == n, f"{len(lines)} lines, expected {n}"
for i, line in enumerate(lines):
    ev = json.loads(line)
    assert ev["size"] == (44 if perf else 40), line
    assert ("cpu" in ev) == perf, line
    v = ev["value"]
    assert v == {"seq": i, "arg": magic, "pid": pid, "tid": pid, "comm": "python3"}, line
PY
}

@test "map tail, tracepoint: exactly the events of N getpgid() calls, typed, in JSON lines" {
	load_tp
	getpgid_calls "$MAGIC_RING" 100
	run_bpfctl -j map tail pinned "$PIN/maps/tp_ring" count 100
	expect_status 0
	printf '%s\n' "$output" >"$OUT"
	check_tp_lines "$OUT" 100 "$MAGIC_RING" ring
	[[ $stderr == *"count reached: 100 events, 4000 bytes"* ]]
	[[ $stderr != *"ring full"* ]]
	# nothing more came: the events were exactly those of the calls
	run_bpfctl map tail pinned "$PIN/maps/tp_ring" duration 0.3
	expect_status 0
	[[ -z $output && $stderr == *"duration elapsed: 0 events, 0 bytes"* ]]
	# text: one line per event, the typed value after the time and size
	getpgid_calls "$MAGIC_RING" 2
	run_bpfctl map tail pinned "$PIN/maps/tp_ring" count 2
	expect_status 0
	[[ ${#lines[@]} == 2 ]]
	[[ ${lines[1]} =~ ^20[0-9-]+T[0-9:.]+Z\ size\ 40\ value\ \{\"seq\":101,\"arg\":$MAGIC_RING,\"pid\":$CALLER_PID, ]]
}

@test "map tail, tracepoint: a perf event array's events of N getpgid() calls" {
	load_tp
	tail_bg -j map tail pinned "$PIN/maps/tp_perf" count 30 duration 20
	wait_perf_open
	getpgid_calls "$MAGIC_PERF" 30
	tail_wait
	expect_status 0
	check_tp_lines "$OUT" 30 "$MAGIC_PERF" perf
	[[ $stderr == *"count reached: 30 events, 1320 bytes, 0 lost"* ]]
}

@test "map tail, tracepoint: a full ring shows its drops in the summary" {
	load_tp
	# 85 events of 40 bytes fill the 4 KiB ring: the other 15 are refused
	getpgid_calls "$MAGIC_SMALL" 100
	run_bpfctl map tail pinned "$PIN/maps/tp_small" duration 0.5 drops dropped
	expect_status 0
	[[ ${#lines[@]} == 85 ]]
	[[ $stderr == *"duration elapsed: 85 events, 3400 bytes, 15 dropped, ring full at 1 read"* ]]
	[[ $stderr == *"(records may have been dropped)"* ]]
	# read, the ring takes events again; the counter keeps its count
	getpgid_calls "$MAGIC_SMALL" 3
	run_bpfctl -j map tail pinned "$PIN/maps/tp_small" count 3 drops dropped
	expect_status 0
	[[ ${#lines[@]} == 3 && ${lines[0]} == *'"seq":85,'* ]]
	[[ $stderr == *"count reached: 3 events, 120 bytes, 15 dropped"* ]]
	[[ $stderr != *"ring full"* ]]
}

@test "map tail, tracepoint: drops VAR must be an integer global of the ring's programs" {
	load_tp
	run_bpfctl map tail pinned "$PIN/maps/tp_small" drops nosuchvar
	expect_error
	[[ $stderr == *"no global variable 'nosuchvar' in the programs using map 'tp_small'"* ]]
	run_bpfctl map tail pinned "$PIN/maps/tp_ring" drops note
	expect_error
	[[ $stderr == *"global variable 'note' in map "*"can't count drops: it is not an integer"* ]]
	run_bpfctl map tail pinned "$PIN/maps/tp_small" drops
	expect_error
}

@test "map tail raw: each record as a 32-bit size and its bytes" {
	load_tp
	getpgid_calls "$MAGIC_RING" 10
	"$BPFCTL" map tail pinned "$PIN/maps/tp_ring" count 10 raw >"$OUT" 2>"$ERR_FILE"
	[[ $(<"$ERR_FILE") == *"count reached: 10 events, 400 bytes"* ]]
	python3 - "$OUT" "$MAGIC_RING" "$CALLER_PID" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
magic, pid = int(sys.argv[2]), int(sys.argv[3])
assert len(data) == 10 * 44, len(data)
for i in range(10):
    size, = struct.unpack_from("=I", data, i * 44)
    seq, arg, rpid, tid = struct.unpack_from("=QQII", data, i * 44 + 4)
    comm = data[i * 44 + 28:i * 44 + 44].split(b"\0")[0]
    assert (size, seq, arg, rpid, tid, comm) == (40, i, magic, pid, pid, b"python3"), i
PY
	# a perf event array's samples too (their bytes padded to 44 by the kernel)
	tail_bg map tail pinned "$PIN/maps/tp_perf" count 5 duration 20 raw
	wait_perf_open
	getpgid_calls "$MAGIC_PERF" 5
	tail_wait
	expect_status 0
	[[ $stderr == *"count reached: 5 events, 220 bytes, 0 lost"* ]]
	python3 - "$OUT" "$MAGIC_PERF" "$CALLER_PID" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
magic, pid = int(sys.argv[2]), int(sys.argv[3])
assert len(data) == 5 * 48, len(data)
for i in range(5):
    size, seq, arg, rpid = struct.unpack_from("=IQQI", data, i * 48)
    assert (size, seq, arg, rpid) == (44, i, magic, pid), i
PY
	# -j, type and btf don't go with raw
	run_bpfctl -j map tail pinned "$PIN/maps/tp_ring" raw
	expect_status 255
	[[ $output == *"'raw' writes the records' bytes as they are: -j doesn't apply"* ]]
	run_bpfctl map tail pinned "$PIN/maps/tp_ring" raw type tp_event
	expect_error
	[[ $stderr == *"'type' doesn't apply"* ]]
}
