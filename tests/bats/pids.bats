#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# "pids" in prog/map/link/btf show: the processes that hold each object,
# found through /proc/PID/fd and fdinfo. A program and its map from
# tests/progs/pids.bpf.c are loaded and pinned by bpfctl; holder processes
# (tests/helpers/pids_holder.c) open them twice each, open their BTF by id
# and attach the program to a raw tracepoint, a link only they hold.
# Holders are killed in teardown, pins removed in teardown_file, on
# failure too.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-pids-$$
	export HOLDER=$BATS_FILE_TMPDIR/pids_holder
	build_helper "$HOLDER" "$REPO_ROOT/tests/helpers/pids_holder.c"
	compile_bpf "$PROGS/pids.bpf.c" "$BATS_FILE_TMPDIR/pids.o"
	"$BPFCTL" prog load "$BATS_FILE_TMPDIR/pids.o" "$PIN/prog" pinmaps "$PIN/maps"
	export PROG_ID MAP_ID
	PROG_ID=$("$BPFCTL" -j prog show pinned "$PIN/prog" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
	MAP_ID=$("$BPFCTL" -j map show pinned "$PIN/maps/pids_counts" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
}

teardown_file() {
	rm -rf "$PIN"
}

# Holders' pids go to a file too, so that teardown finds them whatever
# state the failed test left its variables in.
teardown() {
	local pid
	[[ -f $BATS_TEST_TMPDIR/holders ]] || return 0
	while read -r pid; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done <"$BATS_TEST_TMPDIR/holders"
}

# start_holder: start one holder; its pid in $HOLDER_PID, the ids of the
# link it made and of the program's BTF in $LINK_ID and $BTF_ID.
start_holder() {
	local out i line=
	out=$(mktemp "$BATS_TEST_TMPDIR/holder.XXXXXX")
	"$HOLDER" "$PIN/prog" "$PIN/maps/pids_counts" >"$out" 2>&1 3>&- &
	HOLDER_PID=$!
	echo "$HOLDER_PID" >>"$BATS_TEST_TMPDIR/holders"
	for ((i = 0; i < 100; i++)); do
		line=$(<"$out")
		[[ $line == READY* ]] && break
		kill -0 "$HOLDER_PID" 2>/dev/null || break
		sleep 0.05
	done
	[[ $line == READY* ]] || { echo "holder did not start: $line" >&2; return 1; }
	read -r _ LINK_ID BTF_ID <<<"$line"
}

# stop_holder PID: end that holder and wait until it is gone.
stop_holder() {
	kill "$1"
	wait "$1" 2>/dev/null || true
}

# The four shows of the objects a holder holds, in $SHOWS.
set_shows() {
	SHOWS=("prog show id $PROG_ID" "map show id $MAP_ID" "link show id $LINK_ID"
	       "btf show id $BTF_ID")
}

# json_pids FILE: the "pids" member of the object in FILE, as "PID:COMM"
# words, or "none" when the key is absent.
json_pids() {
	python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
if "pids" not in doc:
    print("none")
else:
    print(" ".join(f"{p['pid']}:{p['comm']}" for p in doc["pids"]))
PY
}

@test "text: each show lists the holder once, as COMM(PID), on the last line" {
	start_holder
	local args
	set_shows
	for args in "${SHOWS[@]}"; do
		# shellcheck disable=SC2086 # words of a command line
		run_bpfctl $args
		expect_status 0
		[[ ${lines[-1]} == "	pids pids_holder($HOLDER_PID)" ]] ||
			{ echo "$args: last line '${lines[-1]}'" >&2; return 1; }
		[[ $(grep -c pids_holder <<<"$output") == 1 ]]
	done
}

@test "text: every object listed also carries its pids" {
	start_holder
	run_bpfctl prog show
	expect_status 0
	grep -qx "	pids pids_holder($HOLDER_PID)" <<<"$output"
	run_bpfctl btf show
	expect_status 0
	grep -qx "	pids pids_holder($HOLDER_PID)" <<<"$output"
}

@test "json: pids is [{pid, comm}] for each kind" {
	start_holder
	local args out=$BATS_TEST_TMPDIR/show.json
	set_shows
	for args in "${SHOWS[@]}"; do
		# shellcheck disable=SC2086
		bpfctl_to "$out" -j $args
		expect_status 0
		[[ $(json_pids "$out") == "$HOLDER_PID:pids_holder" ]] ||
			{ echo "$args: $(json_pids "$out")" >&2; return 1; }
	done
}

@test "json: the pids of several objects in a listing" {
	start_holder
	local out=$BATS_TEST_TMPDIR/all.json
	bpfctl_to "$out" -j map show
	expect_status 0
	python3 - "$out" "$MAP_ID" "$HOLDER_PID" <<'PY'
import json, sys
maps = json.load(open(sys.argv[1]))
mine = [m for m in maps if m["id"] == int(sys.argv[2])]
assert mine[0]["pids"] == [{"pid": int(sys.argv[3]), "comm": "pids_holder"}], mine
PY
}

@test "two holders: both listed, by pid" {
	local first second
	start_holder
	first=$HOLDER_PID
	start_holder
	second=$HOLDER_PID
	local want_text want_json
	if ((first < second)); then
		want_text="pids_holder($first), pids_holder($second)"
		want_json="$first:pids_holder $second:pids_holder"
	else
		want_text="pids_holder($second), pids_holder($first)"
		want_json="$second:pids_holder $first:pids_holder"
	fi
	local kind args out=$BATS_TEST_TMPDIR/show.json
	for kind in "prog show id $PROG_ID" "map show id $MAP_ID" "btf show id $BTF_ID"; do
		# shellcheck disable=SC2086
		run_bpfctl $kind
		expect_status 0
		[[ ${lines[-1]} == "	pids $want_text" ]] ||
			{ echo "$kind: '${lines[-1]}'" >&2; return 1; }
		# shellcheck disable=SC2086
		bpfctl_to "$out" -j $kind
		[[ $(json_pids "$out") == "$want_json" ]]
	done
}

@test "after the holder exits its pids are gone" {
	start_holder
	local link=$LINK_ID out=$BATS_TEST_TMPDIR/show.json args
	stop_holder "$HOLDER_PID"
	for args in "prog show id $PROG_ID" "map show id $MAP_ID" "btf show id $BTF_ID"; do
		# shellcheck disable=SC2086
		run_bpfctl $args
		expect_status 0
		not_in_file $'^\tpids ' <(printf '%s\n' "$output")
		# shellcheck disable=SC2086
		bpfctl_to "$out" -j $args
		[[ $(json_pids "$out") == none ]]
	done
	# the link was held by the holder alone: it went with it
	run_bpfctl link show id "$link"
	expect_error
}

@test "bpfctl does not list itself, though it holds the object it shows" {
	run_bpfctl prog show pinned "$PIN/prog"
	expect_status 0
	not_in_file $'^\tpids |bpfctl\(' <(printf '%s\n' "$output")
	local out=$BATS_TEST_TMPDIR/show.json
	bpfctl_to "$out" -j map show pinned "$PIN/maps/pids_counts"
	[[ $(json_pids "$out") == none ]]
}
