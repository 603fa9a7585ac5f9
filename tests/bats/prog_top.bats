#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# prog top: run-time statistics sampled every interval, on a tracepoint
# program (tests/progs/prog_top.bpf.c) attached with prog load autoattach
# and run an exact number of times by the test.
#
# The kernel counts every run of a program, whoever triggered it: a pid
# filter inside the program can't keep other processes' runs out. So the
# program sits on a syscall nothing else on the machine calls,
# sched_rr_get_interval, and the test triggers it from python.
#
# Checked: the runs of all intervals add up to the calls; the JSON lines
# have exactly the documented keys; statistics are on during the run and
# off after it, SIGKILL included, the sysctl left as it was; the terminal
# view under tmux (a real pty) shows the program, follows a resize and
# quits on q and Ctrl-C with the terminal restored; bad input is refused.

load ../lib/common
load ../lib/completion

STATS=/proc/sys/kernel/bpf_stats_enabled

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-prog-top-$$
	compile_bpf "$PROGS/prog_top.bpf.c" "$BATS_FILE_TMPDIR/prog_top.o"
	mkdir -p "$PIN"
}

teardown_file() {
	rm -rf "/sys/fs/bpf/bpfctl-test-prog-top-$$"
}

setup() {
	require_root_caps
	top_pid=
	tmux_sock=
	# a program of its own per test: its totals start at zero
	"$BPFCTL" prog load "$BATS_FILE_TMPDIR/prog_top.o" "$PIN/t$BATS_TEST_NUMBER" autoattach
	prog_id=$("$BPFCTL" -j link show pinned "$PIN/t$BATS_TEST_NUMBER" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["prog_id"])')
}

# a bpfctl or tmux left running by a failed test is stopped; the link goes
teardown() {
	if [[ -n $top_pid ]]; then
		kill -KILL "$top_pid" 2>/dev/null || true
		wait "$top_pid" 2>/dev/null || true
	fi
	if [[ -n $tmux_sock ]]; then
		tmux -L "$tmux_sock" kill-server 2>/dev/null || true
	fi
	rm -f "$PIN/t$BATS_TEST_NUMBER"
}

# trigger N: call sched_rr_get_interval N times.
trigger() {
	python3 -c "import os; [os.sched_rr_get_interval(0) for _ in range($1)]"
}

# wait_for CMD...: retry CMD for up to 5 s.
wait_for() {
	local i
	for ((i = 0; i < 50; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	echo "timed out waiting for: $*" >&2
	return 1
}

has_lines() {
	[[ -s $1 ]]
}

@test "prog top -j: runs over all intervals add up to exactly the calls made" {
	local out=$BATS_TEST_TMPDIR/top.jsonl
	# long enough for a slow python start on a busy machine
	"$BPFCTL" -j prog top id "$prog_id" interval 0.2 count 30 >"$out" 2>"$out.err" &
	top_pid=$!
	# the first line comes after the start pass: statistics are on
	wait_for has_lines "$out"
	trigger 1234
	status=0
	wait "$top_pid" || status=$?
	top_pid=
	stderr=$(<"$out.err")
	expect_status 0
	no_sanitizer_report
	python3 - "$out" "$prog_id" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
ids = {l["id"] for l in lines}
assert ids == {int(sys.argv[2])}, ids
assert len(lines) == 30, len(lines)
runs = sum(l["runs"] for l in lines)
assert runs == 1234, runs
assert lines[-1]["total_runs"] == 1234, lines[-1]
assert sum(l["run_time_ns"] for l in lines) > 0
busy = [l for l in lines if l["runs"]]
for l in busy:
    assert abs(l["avg_ns"] - l["run_time_ns"] / l["runs"]) <= 0.05 + 1e-9 * l["avg_ns"], l
    assert l["runs_per_sec"] > 0 and l["cpu_percent"] > 0, l
times = [l["time"] for l in lines]
assert times == sorted(times), times
assert 0.1 < (times[-1] - times[0]) / 29 < 0.4, times
assert lines[0]["name"] == "prog_top_tp" and lines[0]["type"] == "tracepoint", lines[0]
PY
}

@test "prog top -j: each line holds exactly the documented keys, of number types" {
	local out=$BATS_TEST_TMPDIR/top.jsonl
	bpfctl_to "$out" -j -p prog top interval 0.1 count 2
	expect_status 0
	python3 - "$out" "$prog_id" <<'PY'
import json, sys
keys = ["time", "id", "name", "type", "runs", "run_time_ns", "avg_ns", "runs_per_sec",
        "cpu_percent", "total_runs"]
lines = open(sys.argv[1]).read().splitlines()
assert lines
objs = [json.loads(l) for l in lines]
for o in objs:
    assert list(o) == keys, list(o)
    for k in ("id", "runs", "run_time_ns", "total_runs"):
        assert isinstance(o[k], int) and o[k] >= 0, (k, o)
    for k in ("time", "avg_ns", "runs_per_sec", "cpu_percent"):
        assert isinstance(o[k], (int, float)) and o[k] >= 0, (k, o)
    assert isinstance(o["name"], str)
# every program loaded, ours included, in each of the two intervals
ours = [o for o in objs if o["id"] == int(sys.argv[2])]
assert len(ours) == 2, ours
assert len({o["time"] for o in objs}) == 2
PY
}

@test "prog top: output that is no terminal gets JSON lines without -j" {
	run_bpfctl prog top id "$prog_id" interval 0.1 count 3
	expect_status 0
	[[ $(wc -l <<<"$output") == 3 ]]
	python3 -c 'import json, sys; [json.loads(l) for l in sys.stdin]' <<<"$output"
}

# run_cnt: the program's run count as the kernel keeps it (0 until a run
# was counted).
run_cnt() {
	"$BPFCTL" -j prog show id "$prog_id" |
		python3 -c 'import json, sys; print(json.load(sys.stdin).get("run_cnt", 0))'
}

# The sysctl kernel.bpf_stats_enabled shows only what was written to it, not
# the statistics BPF_ENABLE_STATS turns on: whether they are on shows in
# the run count, which grows only then. (This assumes no other process on
# the machine keeps statistics on meanwhile.)
@test "prog top: statistics on during the run, off after it; the sysctl untouched" {
	local before out=$BATS_TEST_TMPDIR/top.jsonl
	before=$(<"$STATS")
	"$BPFCTL" -j prog top id "$prog_id" interval 0.2 count 30 >"$out" &
	top_pid=$!
	wait_for has_lines "$out"
	[[ $(<"$STATS") == "$before" ]]
	trigger 10
	[[ $(run_cnt) == 10 ]]
	wait "$top_pid"
	top_pid=
	trigger 10
	[[ $(run_cnt) == 10 ]]
	[[ $(<"$STATS") == "$before" ]]
}

@test "prog top: statistics off again when bpfctl is killed with SIGKILL mid-run" {
	local before out=$BATS_TEST_TMPDIR/top.jsonl
	before=$(<"$STATS")
	"$BPFCTL" -j prog top id "$prog_id" interval 0.2 >"$out" &
	top_pid=$!
	wait_for has_lines "$out"
	trigger 5
	[[ $(run_cnt) == 5 ]]
	kill -KILL "$top_pid"
	wait "$top_pid" || true
	top_pid=
	# the kernel dropped its statistics reference with the process's fds
	trigger 5
	[[ $(run_cnt) == 5 ]]
	[[ $(<"$STATS") == "$before" ]]
}

@test "prog top: SIGINT ends a JSON run cleanly, exit 0" {
	local out=$BATS_TEST_TMPDIR/top.jsonl
	"$BPFCTL" -j prog top id "$prog_id" interval 0.1 >"$out" 2>"$out.err" &
	top_pid=$!
	wait_for has_lines "$out"
	kill -INT "$top_pid"
	status=0
	wait "$top_pid" || status=$?
	top_pid=
	stderr=$(<"$out.err")
	expect_status 0
	python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1])]' "$out"
}

@test "prog top: a program loaded during the run appears, one unloaded disappears" {
	local out=$BATS_TEST_TMPDIR/top.jsonl late=$PIN/late$BATS_TEST_NUMBER late_id
	"$BPFCTL" -j prog top interval 0.2 >"$out" &
	top_pid=$!
	wait_for has_lines "$out"
	"$BPFCTL" prog load "$BATS_FILE_TMPDIR/prog_top.o" "$late" autoattach
	late_id=$("$BPFCTL" -j link show pinned "$late" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["prog_id"])')
	trigger 77
	sleep 0.6
	rm -f "$PIN/t$BATS_TEST_NUMBER"
	sleep 0.6
	kill -INT "$top_pid"
	wait "$top_pid"
	top_pid=
	rm -f "$late"
	python3 - "$out" "$prog_id" "$late_id" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
first, old, late = lines[0]["time"], int(sys.argv[2]), int(sys.argv[3])
times = sorted({l["time"] for l in lines})
seen_old = [l["time"] for l in lines if l["id"] == old]
seen_late = [l for l in lines if l["id"] == late]
assert seen_late and seen_late[0]["time"] > first, seen_late
# loaded after the start: counted from zero, so its calls are all there
assert sum(l["runs"] for l in seen_late) == 77, seen_late
# the first program went with its link: missing from the last intervals
assert seen_old and seen_old[-1] < times[-1], (seen_old, times)
PY
}

# tmux_top CMD: run CMD in a detached tmux session (its own server, 160x30),
# then write its exit status and the terminal's settings to $tty_after.
tmux_top() {
	tmux_sock=bpfctl-top-$$-$BATS_TEST_NUMBER
	tty_after=$BATS_TEST_TMPDIR/after
	tmux -L "$tmux_sock" -f /dev/null new-session -d -s top -x 160 -y 30 \
		"stty -a >'$tty_after.before'; $1; echo \"exit=\$?\" >'$tty_after.tmp'; stty -a >>'$tty_after.tmp'; mv '$tty_after.tmp' '$tty_after'; sleep 30"
}

screen_has() {
	tmux -L "$tmux_sock" capture-pane -p -t top | grep -q "$1"
}

after_written() {
	[[ -f $tty_after ]]
}

# the session's terminal settings after bpfctl equal those before it
terminal_restored() {
	grep -qx 'exit=0' "$tty_after"
	# all but the first line, which has the size
	diff <(tail -n +3 "$tty_after") <(tail -n +2 "$tty_after.before")
	# and the alternate screen is left: the shell's screen is back, empty
	! screen_has 'TOTAL_RUNS'
}

@test "prog top on a terminal: the program on screen, q quits, terminal restored" {
	tmux_top "'$BPFCTL' prog top id $prog_id interval 0.2"
	wait_for screen_has 'TOTAL_RUNS'
	wait_for screen_has "prog_top_tp"
	screen_has "tracepoint"
	# the link's target shows as where the program is attached
	wait_for screen_has "sys_enter_sched_rr_get_interval"
	trigger 500
	wait_for screen_has " 500 "
	tmux -L "$tmux_sock" send-keys -t top q
	wait_for after_written
	terminal_restored
}

@test "prog top on a terminal: follows a resize, Ctrl-C quits, terminal restored" {
	local width
	tmux_top "'$BPFCTL' prog top id $prog_id interval 0.2 sort name"
	wait_for screen_has "prog_top_tp"
	screen_has 'sort name'
	tmux -L "$tmux_sock" resize-window -t top -x 70 -y 12
	sleep 0.5
	width=$(tmux -L "$tmux_sock" capture-pane -p -t top | awk '{ if (length > m) m = length } END { print m }')
	((width <= 70))
	screen_has 'prog_top_tp'
	tmux -L "$tmux_sock" send-keys -t top C-c
	wait_for after_written
	terminal_restored
}

@test "prog top: bad input is refused with a clear error" {
	run_bpfctl prog top sort fastest
	expect_error
	[[ $stderr == *"unknown sort key 'fastest'"*cpu*runs*avg*name* ]]
	local bad
	for bad in 0 -1 0.0 abc 1e9 nan; do
		run_bpfctl prog top interval "$bad"
		expect_error
		[[ $stderr == *"'$bad'"* ]]
	done
	run_bpfctl prog top count 0
	expect_error
	[[ $stderr == *"count must be at least 1"* ]]
	run_bpfctl prog top count -3
	expect_error
	run_bpfctl prog top id
	expect_error
	[[ $stderr == *"missing"*"after 'id'"* ]]
	run_bpfctl prog top id 4000000000
	expect_error
	[[ $stderr == *"no program with id 4000000000"* ]]
	run_bpfctl prog top interval
	expect_error
	[[ $stderr == *"missing SECS after 'interval'"* ]]
	run_bpfctl prog top frobnicate
	expect_error
	# no run started, so statistics were never switched on by these
}

@test "prog top: bash completion of its keywords, sort keys and program ids" {
	completion_setup
	run complete "bpfctl prog to"
	[[ $output == top ]]
	run complete "bpfctl prog top "
	[[ $output == $'count\nid\ninterval\nname\npinned\nsort\ntag' ]]
	run complete "bpfctl prog top sort "
	[[ $output == $'avg\ncpu\nname\nruns' ]]
	# after "sort name" come keywords again, not program names
	run complete "bpfctl prog top sort name i"
	[[ $output == $'id\ninterval' ]]
	run complete "bpfctl prog top interval 0.5 id "
	[[ $'\n'$output$'\n' == *$'\n'$prog_id$'\n'* ]]
	run complete "bpfctl prog top interval "
	[[ -z $output ]]
}
