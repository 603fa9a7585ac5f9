#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# prog profile PROG [duration DURATION] METRICs: hardware counters read by
# an fentry and an fexit program attached to PROG. This kernel refuses
# fentry/fexit (EPERM), so the command must fail with the kernel's reason,
# for the program named, and leave nothing behind. The programs themselves
# are verified and run here as raw tracepoint programs (tests/helpers/
# profiler_run.c), which the kernel allows, over software counters.
#
# The target is tests/progs/profile_tp.bpf.c, loaded twice: with BTF (-g),
# and without (no func info: nothing to attach fentry to). Debian's
# bpftool 7.1 was built without "prog profile" (it says so, see the last
# test), so the grammar errors follow bpftool v7.8's source.

load ../lib/common
load ../lib/completion

setup_file() {
	require_root_caps
	local dir=$BATS_FILE_TMPDIR
	export PIN=/sys/fs/bpf/bpfctl-test-profile-$$
	compile_bpf "$PROGS/profile_tp.bpf.c" "$dir/profile_tp.o"
	"$CLANG" -O2 -target bpf -I "$REPO_ROOT/core/include" -I "$BPF_GEN_INCLUDE" \
		-idirafter "$(multiarch_include)" -c "$PROGS/profile_tp.bpf.c" -o "$dir/nobtf.o"
	build_helper "$dir/profiler_run" "$REPO_ROOT/tests/helpers/profiler_run.c" \
		-I"$REPO_ROOT/core"
	mkdir -p "$PIN"
	"$BPFCTL" prog load "$dir/profile_tp.o" "$PIN/tp"
	"$BPFCTL" prog load "$dir/nobtf.o" "$PIN/nobtf"
}

teardown_file() {
	rm -rf "/sys/fs/bpf/bpfctl-test-profile-$$"
}

setup() {
	require_root_caps
	ID=$(prog_id tp)
}

# prog_id NAME: the id of the program pinned as $PIN/NAME.
prog_id() {
	"$BPFCTL" -j prog show pinned "$PIN/$1" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

# max_id KIND: the highest id of a KIND (prog, map) now loaded.
max_id() {
	"$BPFCTL" -j "$1" show |
		python3 -c '
import json, sys
print(max((o["id"] for o in json.load(sys.stdin)), default=0))'
}

# ours_after KIND ID: the KINDs with an id above ID and one of the profiler's names.
ours_after() {
	"$BPFCTL" -j "$1" show | python3 -c '
import json, sys
names = {"bpfctl_fentry", "bpfctl_fexit", "bpfctl_events", "bpfctl_entry", "bpfctl_accum"}
print(*[o["id"] for o in json.load(sys.stdin)
        if o["id"] > int(sys.argv[1]) and o.get("name") in names])' "$2"
}

REFUSED="the kernel refused to load the fentry program for program id"
METRICS="cycles, instructions, l1d_loads, llc_misses, itlb_misses, dtlb_misses"
USAGE="'prog profile PROG [duration DURATION] METRICs'"

@test "prog profile: this kernel refuses the fentry program: the error names it, PROG, errno" {
	run_bpfctl prog profile id "$ID" duration 1 cycles instructions
	expect_error
	[[ $stderr == "Error: $REFUSED $ID: Operation not permitted (errno 1)" ]]
	[[ -z $output ]]
	run_bpfctl prog profile pinned "$PIN/tp" llc_misses
	expect_error
	[[ $stderr == "Error: $REFUSED $ID: Operation not permitted (errno 1)" ]]
}

@test "prog profile -j: the refusal as a JSON error on stdout" {
	run_bpfctl -j prog profile id "$ID" duration 1 cycles instructions
	expect_status 255
	[[ $output == "{\"error\":\"$REFUSED $ID: Operation not permitted (errno 1)\"}" ]]
}

@test "prog profile: a refused run leaves no program or map behind" {
	local progs maps
	progs=$(max_id prog)
	maps=$(max_id map)
	run_bpfctl prog profile id "$ID" duration 1 cycles instructions l1d_loads dtlb_misses
	expect_error
	[[ -z $(ours_after prog "$progs") ]]
	[[ -z $(ours_after map "$maps") ]]
}

@test "prog profile: in the shell, refused runs close their maps (the session holds none)" {
	export XDG_STATE_HOME=$BATS_TEST_TMPDIR/state
	printf '%s\n' 'expect bpfctl> ' \
		"send prog profile id $ID cycles\\n" \
		"expect Error: $REFUSED $ID" \
		'expect bpfctl> ' \
		"send prog profile id $ID duration 1 instructions itlb_misses\\n" \
		"expect Error: $REFUSED $ID" \
		'expect bpfctl> ' \
		'send map show name bpfctl_events\n' \
		"expect Error: no map with name 'bpfctl_events'" \
		'expect bpfctl> ' \
		'send map show name bpfctl_accum\n' \
		"expect Error: no map with name 'bpfctl_accum'" \
		'expect bpfctl> ' \
		'send quit\n' \
		'exit 0' >"$BATS_TEST_TMPDIR/script"
	python3 "$REPO_ROOT/tests/lib/pty_session.py" "$BATS_TEST_TMPDIR/script" -- "$BPFCTL" shell
}

@test "profiler: each fentry load refused cleanly, for 1 to 4 metrics, no fd left open" {
	run "$BATS_FILE_TMPDIR/profiler_run" refused "$PIN/tp"
	[[ $status == 0 ]]
	[[ $output == "metrics 1: load fentry: Operation not permitted
metrics 2: load fentry: Operation not permitted
metrics 3: load fentry: Operation not permitted
metrics 4: load fentry: Operation not permitted
fds leaked 0" ]]
}

# check_rawtp N: profiler_run rawtp N counted runs and, per metric, time.
check_rawtp() {
	run "$BATS_FILE_TMPDIR/profiler_run" rawtp "$1"
	printf '%s\n' "$output" >&2
	[[ $status == 0 ]]
	[[ ${lines[0]} =~ ^insns\ fentry\ [0-9]+\ fexit\ [0-9]+$ ]]
	[[ ${lines[1]} =~ ^runs\ [1-9][0-9]*$ ]]
	local i
	for ((i = 0; i < $1; i++)); do
		local n='[1-9][0-9]*'
		[[ ${lines[i + 2]} =~ ^metric\ $i\ counter\ $n\ enabled\ $n\ running\ $n$ ]]
	done
	[[ ${lines[$1 + 2]} == "fds leaked 0" ]]
	((${#lines[@]} == $1 + 3))
}

@test "profiler: the generated programs pass the verifier and count (as raw_tp, 1 metric)" {
	check_rawtp 1
}

@test "profiler: the generated programs pass the verifier and count (as raw_tp, 4 metrics)" {
	check_rawtp 4
}

@test "prog profile: a program without BTF func info can't be profiled" {
	local id
	id=$(prog_id nobtf)
	run_bpfctl prog profile id "$id" cycles
	expect_error
	[[ $stderr == "Error: can't profile program id $id: it has no BTF"\
" (fentry/fexit attach to its function's BTF)" ]]
}

@test "prog profile: metrics: unknown, ambiguous, twice, more than 4, none" {
	run_bpfctl prog profile id "$ID" cycles bogus
	expect_error
	[[ $stderr == "Error: unknown metric 'bogus', expected one of: $METRICS" ]]
	run_bpfctl prog profile id "$ID" i
	expect_error
	[[ $stderr == "Error: ambiguous metric 'i': could be instructions, itlb_misses" ]]
	run_bpfctl prog profile id "$ID" cycles instructions cyc
	expect_error
	[[ $stderr == "Error: metric 'cycles' given twice" ]]
	run_bpfctl prog profile id "$ID" cycles instructions l1d_loads llc_misses itlb_misses
	expect_error
	[[ $stderr == "Error: too many metrics (5): at most 4 at a time" ]]
	run_bpfctl prog profile id "$ID"
	expect_error
	[[ $stderr == "Error: missing METRIC: $USAGE needs at least one of $METRICS" ]]
	run_bpfctl -j prog profile id "$ID" bogus
	expect_status 255
	[[ $output == "{\"error\":\"unknown metric 'bogus', expected one of: $METRICS\"}" ]]
}

@test "prog profile: duration: not a number, missing, negative, no metric after; 'd' ambiguous" {
	run_bpfctl prog profile id "$ID" duration x cycles
	expect_error
	[[ $stderr == "Error: can't parse 'x' as duration" ]]
	run_bpfctl prog profile id "$ID" duration -1 cycles
	expect_error
	[[ $stderr == "Error: can't parse '-1' as duration" ]]
	run_bpfctl prog profile id "$ID" duration
	expect_error
	[[ $stderr == "Error: missing a number of seconds after 'duration'" ]]
	run_bpfctl prog profile id "$ID" duration 5
	expect_error
	[[ $stderr == "Error: missing METRIC: "* ]]
	run_bpfctl prog profile id "$ID" d 5 cycles
	expect_error
	[[ $stderr == "Error: ambiguous 'd': duration or dtlb_misses?" ]]
	# a unique prefix of duration, and of the metrics, is accepted: the kernel refuses
	run_bpfctl prog profile id "$ID" du 1 cy ins
	expect_error
	[[ $stderr == "Error: $REFUSED $ID: Operation not permitted (errno 1)" ]]
}

@test "prog profile: PROG missing, unknown, or several programs by name" {
	run_bpfctl prog profile
	expect_error
	[[ $stderr == "Error: missing PROG: $USAGE,"\
" PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME }" ]]
	run_bpfctl prog profile id 4294967295 cycles
	expect_error
	[[ $stderr == "Error: no program with id 4294967295" ]]
	# both loads are named profile_tp (other runs may add more)
	run_bpfctl prog profile name profile_tp cycles
	expect_error
	[[ $stderr == "Error: name 'profile_tp' matches "*" programs; select one by id" ]]
}

@test "prog profile: Debian's bpftool 7.1 has no profile command to compare with" {
	run "$BPFTOOL" prog profile id "$ID" cycles
	[[ $stderr$output == *"prog profile command is not supported"* ]]
}

@test "completion: prog profile: PROG, then duration and the metrics not yet given, at most 4" {
	completion_setup
	[[ $(completion_words "bpfctl prog pro") == profile ]]
	[[ $(completion_words "bpfctl prog profile ") == "id name pinned tag" ]]
	[[ $(completion_words "bpfctl prog profile id 1 ") == \
		"cycles dtlb_misses duration instructions itlb_misses l1d_loads llc_misses" ]]
	[[ -z $(completion_words "bpfctl prog profile id 1 duration ") ]]
	[[ $(completion_words "bpfctl prog profile id 1 duration 5 cycles ") == \
		"dtlb_misses instructions itlb_misses l1d_loads llc_misses" ]]
	[[ $(completion_words "bpfctl prog profile id 1 cycles llc_misses l") == l1d_loads ]]
	[[ -z $(completion_words \
		"bpfctl prog profile id 1 cycles instructions l1d_loads llc_misses ") ]]
}
