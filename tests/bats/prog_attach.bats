#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# prog attach/detach for map-attached types (sockmap verdicts and parsers)
# and the flow dissector. Programs are compiled at test time and loaded,
# with a sockmap, by Debian's bpftool; the flow dissector goes into a
# network namespace of its own (unshare -n) so the host's stays untouched.

load ../lib/common

setup_file() {
	require_root_caps
	export PINS=/sys/fs/bpf/bpfctl-test-attach-$$
	compile_bpf "$PROGS/sk_attach.bpf.c" "$BATS_FILE_TMPDIR/sk.o"
	"$BPFTOOL" prog loadall "$BATS_FILE_TMPDIR/sk.o" "$PINS"
	"$BPFTOOL" map create "$PINS/sockmap" type sockmap key 4 value 4 entries 4 name t_sockmap
}

teardown_file() {
	rm -rf "$PINS"
}

setup() {
	require_root_caps
}

teardown() {
	"$BPFCTL" prog detach pinned "$PINS/sk_msg_pass" sk_msg_verdict pinned "$PINS/sockmap" \
		2>/dev/null || true
}

@test "prog attach sk_msg_verdict to a sockmap, then detach; twice is an error" {
	run_bpfctl prog attach pinned "$PINS/sk_msg_pass" sk_msg_verdict pinned "$PINS/sockmap"
	expect_status 0
	# the kernel holds it: a second attach of another program type to the
	# same slot is refused, and detach succeeds once
	run_bpfctl prog detach pinned "$PINS/sk_msg_pass" sk_msg_verdict pinned "$PINS/sockmap"
	expect_status 0
	run_bpfctl prog detach pinned "$PINS/sk_msg_pass" sk_msg_verdict pinned "$PINS/sockmap"
	expect_error
	[[ $stderr == *"not attached"* || $stderr == *"can't detach"* ]]
}

@test "prog attach sk_skb_stream_parser in JSON prints null" {
	run_bpfctl -j prog attach pinned "$PINS/sk_skb_parse" sk_skb_stream_parser pinned "$PINS/sockmap"
	expect_status 0
	[[ $output == null ]]
	run_bpfctl -j prog detach pinned "$PINS/sk_skb_parse" sk_skb_stream_parser pinned "$PINS/sockmap"
	expect_status 0
}

@test "prog attach flow_dissector to a namespace; net show sees it; detach" {
	run unshare -n bash -c '
		set -e
		"$1" prog attach pinned "$2/flow_dissect_ok" flow_dissector
		"$1" -j net show
		"$1" prog detach pinned "$2/flow_dissect_ok" flow_dissector
		"$1" -j net show' _ "$BPFCTL" "$PINS"
	[ "$status" -eq 0 ]
	id=$("$BPFTOOL" -j prog show pinned "$PINS/flow_dissect_ok" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	[[ ${lines[0]} == *"\"flow_dissector\":[{\"id\":$id}]"* ]]
	[[ ${lines[1]} == *'"flow_dissector":[]'* ]]
}

@test "prog attach bad input: unknown type, missing map, a map that isn't one" {
	run_bpfctl prog attach pinned "$PINS/sk_msg_pass" sk_msg_sometimes pinned "$PINS/sockmap"
	expect_error
	run_bpfctl prog attach pinned "$PINS/sk_msg_pass" sk_msg_verdict
	expect_error
	run_bpfctl prog attach pinned "$PINS/sk_msg_pass" sk_msg_verdict pinned "$PINS/sk_skb_parse"
	expect_error
	[[ $stderr == *"not a pinned map"* ]]
	run_bpfctl prog attach pinned "$PINS/sk_msg_pass"
	expect_error
	[[ $stderr == *"missing ATTACH_TYPE"* ]]
}
