#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# perf show: a helper process (tests/helpers/perf_attach.c, built against
# our libbpfcore.a) holds a perf event on a tracepoint running a program
# loaded by Debian's bpftool; bpfctl must find it, as bpftool does.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-perf-$$
	build_helper "$BATS_FILE_TMPDIR/perf_attach" "$REPO_ROOT/tests/helpers/perf_attach.c"
	compile_bpf "$PROGS/perf_tp.bpf.c" "$BATS_FILE_TMPDIR/tp.o"
	"$BPFTOOL" prog load "$BATS_FILE_TMPDIR/tp.o" "$PIN"
}

teardown_file() {
	rm -f "$PIN"
}

setup() {
	require_root_caps
	HELPER_PID=
}

teardown() {
	if [[ -n $HELPER_PID ]]; then
		kill "$HELPER_PID" 2>/dev/null || true
		wait "$HELPER_PID" 2>/dev/null || true
	fi
}

# start_helper: run perf_attach in the background; sets HELPER_PID and HELPER_FD.
start_helper() {
	coproc HELPER { exec "$BATS_FILE_TMPDIR/perf_attach" "$PIN" syscalls sys_enter_getppid; }
	HELPER_PID=$HELPER_PID
	local line
	read -r -t 10 line <&"${HELPER[0]}"
	[[ $line == ready* ]]
	HELPER_FD=${line#ready }
}

@test "perf show finds the tracepoint attachment with pid, fd and program id" {
	start_helper
	id=$("$BPFTOOL" -j prog show pinned "$PIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	run_bpfctl perf show
	expect_status 0
	[[ $output == *"pid $HELPER_PID  fd $HELPER_FD: prog_id $id  tracepoint  sys_enter_getppid"* ]]
	run_bpfctl -j perf show
	expect_status 0
	echo "$output" >"$BATS_TEST_TMPDIR/ours.json"
	"$BPFTOOL" -j perf show >"$BATS_TEST_TMPDIR/theirs.json"
	python3 - "$BATS_TEST_TMPDIR/ours.json" "$BATS_TEST_TMPDIR/theirs.json" "$HELPER_PID" <<'PY'
import json, sys
ours, theirs = (json.load(open(p)) for p in sys.argv[1:3])
pid = int(sys.argv[3])
mine = [e for e in ours if e["pid"] == pid]
ref = [e for e in theirs if e["pid"] == pid]
assert mine == ref and len(mine) == 1, (mine, ref)
assert mine[0]["fd_type"] == "tracepoint" and mine[0]["tracepoint"] == "sys_enter_getppid"
PY
}

@test "perf show without attachments prints an empty list; extra words are an error" {
	run_bpfctl -j perf show
	expect_status 0
	echo "$output" | json_valid
	run_bpfctl perf show extra
	expect_error
	run_bpfctl perf
	expect_status 0
}
