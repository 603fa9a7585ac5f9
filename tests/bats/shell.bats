#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# The interactive shell, driven on a pseudo-terminal (tests/lib/pty_session.py)
# the way a user types: commands, settings, errors that don't end the
# session, Ctrl-C, Ctrl-D, history and tab completion.

load ../lib/common

PTY=$REPO_ROOT/tests/lib/pty_session.py

teardown() {
	[[ -z ${SHELL_PINS-} ]] || rm -rf "$SHELL_PINS"
}

# session SCRIPT_TEXT [ARGS...]: run bpfctl ARGS on a terminal with the script.
session() {
	printf '%s\n' "$1" >"$BATS_TEST_TMPDIR/script"
	shift
	python3 "$PTY" "$BATS_TEST_TMPDIR/script" -- "$BPFCTL" "$@"
}

@test "shell: commands run, 'set json on' switches to JSON, errors don't end it" {
	export XDG_STATE_HOME=$BATS_TEST_TMPDIR/state
	session 'expect bpfctl> 
send version\n
expect using bpfcore
expect bpfctl> 
send btf dump file /nonexistent\n
expect Error: failed to load BTF from .?/nonexistent
expect bpfctl> 
send set json on\n
expect bpfctl> 
send version\n
expect "libbpf_version"
expect bpfctl> 
send set json maybe\n
expect Error: usage: set
expect bpfctl> 
send quit\n
exit 0' shell
}

@test "shell: 'bpfctl' alone on a terminal starts it; Ctrl-D leaves with status 0" {
	export XDG_STATE_HOME=$BATS_TEST_TMPDIR/state
	session 'expect bpfctl> 
send \x04
exit 0'
}

@test "shell: Ctrl-C cancels the running command, not the session" {
	export XDG_STATE_HOME=$BATS_TEST_TMPDIR/state
	# "batch file -" reads the terminal: it runs until interrupted
	session 'expect bpfctl> 
send batch file -\n
sleep 0.5
send \x03
expect \^C
expect bpfctl> 
send version\n
expect using bpfcore
expect bpfctl> 
send exit\n
exit 0'
}

@test "shell: history goes to \$XDG_STATE_HOME/bpfctl/history, else ~/.bpfctl_history" {
	export XDG_STATE_HOME=$BATS_TEST_TMPDIR/state
	session 'expect bpfctl> 
send version\n
expect bpfctl> 
send quit\n
exit 0' shell
	grep -qx version "$XDG_STATE_HOME/bpfctl/history"
	[[ $(stat -c %a "$XDG_STATE_HOME/bpfctl") == 700 ]]

	unset XDG_STATE_HOME
	export HOME=$BATS_TEST_TMPDIR/home
	mkdir -p "$HOME"
	session 'expect bpfctl> 
send help\n
expect bpfctl> 
send quit\n
exit 0'
	grep -qx help "$HOME/.bpfctl_history"
	# and the next session reads it back: Up twice recalls "help" (before "quit")
	session 'expect bpfctl> 
send \x1b[A\x1b[A\n
expect Usage:
expect bpfctl> 
send quit\n
exit 0'
}

@test "shell: tab completes objects and settings" {
	export XDG_STATE_HOME=$BATS_TEST_TMPDIR/state
	session 'expect bpfctl> 
send vers\t\n
expect using bpfcore
expect bpfctl> 
send set js\t\t\n
expect bpfctl> 
send quit\n
exit 0'
	grep -q '^set json' "$XDG_STATE_HOME/bpfctl/history"
}

@test "shell: standard input that is not a terminal runs as a batch file" {
	run_bpfctl shell <<<'version'
	[ "$status" -eq 0 ]
	[[ $output == *"using bpfcore"* ]]
	run_bpfctl shell <<<$'version\nbtf dump file /nonexistent\nversion'
	expect_error
	[[ $stderr == *"line 2:"* ]]
	run_bpfctl shell extra <<<'version'
	expect_error
}

@test "shell: a map name completes, the map dumps inside the session, Ctrl-C ends a tail" {
	require_root_caps
	export XDG_STATE_HOME=$BATS_TEST_TMPDIR/state
	local dir=/sys/fs/bpf/bpfctl-test-shell-$$
	SHELL_PINS=$dir
	mkdir -p "$dir"
	"$BPFCTL" map create "$dir/arr" type array key 4 value 4 entries 2 name shell_cmpl_arr
	"$BPFCTL" map create "$dir/rb" type ringbuf key 0 value 0 entries 4096 name shell_cmpl_rb
	run session 'expect bpfctl> 
send map dump name shell_cmpl_a\t\n
expect key: 01 00 00 00  value: 00 00 00 00
expect bpfctl> 
send map tail name shell_cmpl_rb\n
sleep 0.5
send \x03
expect bpfctl> 
send quit\n
exit 0'
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	grep -qx 'map dump name shell_cmpl_arr ' "$XDG_STATE_HOME/bpfctl/history"
	grep -qx 'map tail name shell_cmpl_rb' "$XDG_STATE_HOME/bpfctl/history"
}
