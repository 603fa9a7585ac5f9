#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# prog tracelog: the kernel's trace_pipe followed until a signal, with the
# line a tracepoint program (tests/progs/tracelog_tp.bpf.c, bpf_printk on
# getpgid) printed for a process of the test; tracefs mounted when it is
# nowhere (in a private mount namespace), or refused with -n; and the BPF
# stdout/stderr streams of a program (tests/progs/api_stream.bpf.c) read
# once, empty or not.
#
# trace_pipe is consumed by its readers: a reader elsewhere on the machine
# may take some lines, so the test's process calls getpgid several times.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-tracelog-$$
	compile_bpf "$PROGS/tracelog_tp.bpf.c" "$BATS_FILE_TMPDIR/tracelog_tp.o"
	# a syscall program writing "stream 42 N" to its stdout, shared with api_runtime.bats
	compile_bpf "$PROGS/api_stream.bpf.c" "$BATS_FILE_TMPDIR/api_stream.o"
	mkdir -p "$PIN"
	"$BPFCTL" prog load "$BATS_FILE_TMPDIR/tracelog_tp.o" "$PIN/tp" autoattach
}

teardown_file() {
	rm -rf "/sys/fs/bpf/bpfctl-test-tracelog-$$"
}

setup() {
	require_root_caps
	follower=
}

# a follower left running by a failed test is stopped
teardown() {
	if [[ -n $follower ]]; then
		kill -KILL "$follower" 2>/dev/null || true
	fi
}

# getpgid_pid: call getpgid a few times, a moment apart, and print the pid
# that did.
getpgid_pid() {
	python3 -c '
import os, time
for _ in range(5):
    os.getpgid(0)
    time.sleep(0.1)
print(os.getpid())'
}

# follow OUT [OPTIONS...]: run "bpfctl OPTIONS prog tracelog" in the
# background, stdout to OUT, stderr to OUT.err; its pid in $follower.
follow() {
	local out=$1
	shift
	"$BPFCTL" "$@" prog tracelog >"$out" 2>"$out.err" &
	follower=$!
	sleep 1
}

# stop_follower SIG: send SIG to the follower, its exit status in $status.
stop_follower() {
	kill "-$1" "$follower"
	status=0
	wait "$follower" || status=$?
	follower=
	stderr=$(<"$out.err")
	no_sanitizer_report
}

@test "prog tracelog: the line the tracepoint printed for this test, until SIGINT (exit 0)" {
	local pid out=$BATS_TEST_TMPDIR/trace
	follow "$out"
	pid=$(getpgid_pid)
	sleep 0.5
	stop_follower INT
	expect_status 0
	grep -q "bpf_trace_printk: bpfctl-tracelog getpgid tgid $pid\$" "$out"
	[[ -z $stderr ]]
}

@test "prog tracelog -j: a JSON array of the lines, closed on SIGTERM" {
	local pid out=$BATS_TEST_TMPDIR/trace.json
	follow "$out" -j
	pid=$(getpgid_pid)
	sleep 0.5
	stop_follower TERM
	expect_status 0
	python3 - "$out" "$pid" <<'PY'
import json, sys
lines = json.load(open(sys.argv[1]))
want = "bpfctl-tracelog getpgid tgid %s\n" % sys.argv[2]
assert isinstance(lines, list) and any(l.endswith(want) for l in lines), lines[:5]
PY
}

# in_bare_ns SCRIPT: run bash SCRIPT in a private mount namespace without
# tracefs, with "$output" and "$stderr" as run --separate-stderr.
in_bare_ns() {
	run --separate-stderr unshare --mount --propagation private bash -c '
		for m in /sys/kernel/tracing /sys/kernel/debug/tracing; do
			while mountpoint -q "$m"; do umount "$m"; done
		done
		'"$1"
	no_sanitizer_report
}

@test "prog tracelog: tracefs mounted nowhere is mounted at /sys/kernel/tracing, as bpftool does" {
	in_bare_ns '
		stat -f -c %T /sys/kernel/tracing
		timeout -s INT 1 "$BPFCTL" prog tracelog >/dev/null; echo "status $?"
		stat -f -c %T /sys/kernel/tracing'
	[[ ${lines[0]} == sysfs && ${lines[2]} == tracefs ]]
	# timeout's own status for a command it had to stop
	[[ ${lines[1]} == "status 124" ]]
	[[ $stderr == *"could not find tracefs, mounting it at /sys/kernel/tracing"* ]]
	[[ $stderr != *Error* ]]
}

@test "prog tracelog -n: tracefs mounted nowhere is a clear error, nothing mounted" {
	in_bare_ns '
		timeout 5 "$BPFCTL" -n prog tracelog; echo "status $?"
		stat -f -c %T /sys/kernel/tracing'
	[[ $output == $'status 255\nsysfs' ]]
	[[ $stderr == "Error: tracefs is not mounted, and -n (--nomount) forbids mounting it at /sys/kernel/tracing" ]]
}

@test "prog tracelog: tracefs mounted elsewhere only is found there" {
	in_bare_ns '
		d=$(mktemp -d)
		mount -t tracefs tracefs "$d"
		timeout -s INT 1 "$BPFCTL" -n prog tracelog >/dev/null; echo "status $?"
		stat -f -c %T /sys/kernel/tracing
		umount "$d" && rmdir "$d"'
	[[ $output == $'status 124\nsysfs' ]]
	[[ $stderr != *Error* && $stderr != *mounting* ]]
}

@test "prog tracelog stdout PROG: the stream a syscall program wrote, or empty when the kernel refused the write" {
	local ret
	"$BPFCTL" prog load "$BATS_FILE_TMPDIR/api_stream.o" "$PIN/stream"
	ret=$(python3 "$REPO_ROOT/tests/helpers/syscall_prog_run.py" "$PIN/stream" 7)
	run_bpfctl prog tracelog stdout pinned "$PIN/stream"
	expect_status 0
	if ((ret == 0)); then
		[[ $output == "stream 42 7" ]]
	else
		# this kernel may have no room for the stream (-ENOMEM)
		[[ $ret == -12 && -z $output ]]
	fi
	# read once: what was read is gone
	run_bpfctl prog tracelog stdout pinned "$PIN/stream"
	expect_status 0
	[[ -z $output ]]
	run_bpfctl prog tracelog stderr pinned "$PIN/stream"
	rm "$PIN/stream"
	expect_status 0
	[[ -z $output ]]
}

@test "prog tracelog stdout id ID of a program that never wrote: empty, exit 0; -j an empty array" {
	local prog_id
	prog_id=$("$BPFCTL" -j link show pinned "$PIN/tp" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["prog_id"])')
	run_bpfctl prog tracelog stdout id "$prog_id"
	expect_status 0
	[[ -z $output && -z $stderr ]]
	run_bpfctl -j prog tracelog stderr id "$prog_id"
	expect_status 0
	[[ $output == '[]' ]]
}

@test "prog tracelog: a bad PROG or stream word is a clear error" {
	run_bpfctl prog tracelog stdout id 4294967295
	expect_error
	[[ $stderr == *"no program with id 4294967295"* ]]
	run_bpfctl prog tracelog stdout
	expect_error
	[[ $stderr == *"missing program after 'prog tracelog stdout'"* ]]
	run_bpfctl prog tracelog bogus id 1
	expect_error
	[[ $stderr == *"unknown stream 'bogus'"* ]]
	run_bpfctl prog tracelog stdout pinned "$BATS_TEST_TMPDIR/none"
	expect_error
	run_bpfctl prog tracelog stdout id 1 extra
	expect_error
}

@test "prog tracelog in batch mode: the signal ends the follow, the next command runs" {
	local out=$BATS_TEST_TMPDIR/batch.out
	printf 'prog tracelog\nversion\n' >"$BATS_TEST_TMPDIR/cmds"
	"$BPFCTL" batch file "$BATS_TEST_TMPDIR/cmds" >"$out" 2>"$out.err" &
	follower=$!
	sleep 1
	stop_follower INT
	expect_status 0
	grep -q '^bpfctl v' "$out"
	[[ $stderr == "processed 2 commands" ]]
}
