#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# Capability checks: a command that needs a capability the process lacks
# says which one before doing anything; commands that need none work as an
# ordinary user. Capabilities are dropped with setpriv (util-linux), so the
# suite runs as root and drops what each test must not have.

load ../lib/common

setup() {
	require_root_caps
	command -v setpriv >/dev/null || fail "setpriv (util-linux) is missing"
}

# without CAPS... -- CMD: run CMD with the capabilities CAPS dropped.
without() {
	local drop=()
	while [[ $1 != -- ]]; do
		drop+=("-$1")
		shift
	done
	shift
	local list
	list=$(IFS=,; echo "${drop[*]}")
	setpriv --bounding-set="$list" --inh-caps="$list" "$@"
}

# as_nobody CMD: run CMD as an ordinary user, with no capabilities.
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"
}

@test "btf show without CAP_SYS_ADMIN names the capability" {
	run --separate-stderr without sys_admin -- "$BPFCTL" btf show
	expect_error
	[[ $stderr == *"btf show needs CAP_SYS_ADMIN"* ]]
	[[ $stderr == *"this process lacks it"* ]]
}

@test "map show by id without CAP_SYS_ADMIN names the capability, in JSON too" {
	run --separate-stderr without sys_admin -- "$BPFCTL" -j map show id 1
	[ "$status" -eq 255 ]
	echo "$output" | json_valid
	[[ $output == *'"error"'* && $output == *"CAP_SYS_ADMIN"* ]]
}

@test "map dump of a pinned map without CAP_BPF and CAP_SYS_ADMIN says it has neither" {
	run --separate-stderr without sys_admin bpf -- "$BPFCTL" map dump pinned /sys/fs/bpf/no-such-map
	expect_error
	[[ $stderr == *"map dump needs CAP_BPF or CAP_SYS_ADMIN; this process has neither"* ]]
}

@test "a pinned selector needs CAP_BPF only: the check lets it through" {
	run --separate-stderr without sys_admin -- "$BPFCTL" map show pinned /sys/fs/bpf/bpfctl-no-such-pin-$$
	expect_error
	[[ $stderr != *"CAP_"* ]]
}

@test "prog load without CAP_BPF and CAP_SYS_ADMIN says it has neither" {
	run --separate-stderr without sys_admin bpf -- "$BPFCTL" prog load /dev/null /sys/fs/bpf/x
	expect_error
	[[ $stderr == *"prog load needs CAP_BPF or CAP_SYS_ADMIN; this process has neither"* ]]
}

@test "btf dump file, help and version work as an ordinary user" {
	run --separate-stderr as_nobody "$BPFCTL" btf dump file /sys/kernel/btf/vmlinux format c
	[ "$status" -eq 0 ]
	[[ $output == *"#ifndef __VMLINUX_H__"* ]]
	run --separate-stderr as_nobody "$BPFCTL" -j btf dump file /sys/kernel/btf/vmlinux root_id 1
	[ "$status" -eq 0 ]
	echo "$output" | json_valid
	run --separate-stderr as_nobody "$BPFCTL" version
	[ "$status" -eq 0 ]
	run --separate-stderr as_nobody "$BPFCTL" help
	[ "$status" -eq 0 ]
	run --separate-stderr as_nobody "$BPFCTL" map help
	[ "$status" -eq 0 ]
}

@test "an ordinary user gets the capability error, not a bare EPERM" {
	run --separate-stderr as_nobody "$BPFCTL" prog show
	expect_error
	[[ $stderr == *"prog show needs CAP_SYS_ADMIN"* ]]
	[[ $stderr != *"Operation not permitted"* ]]
}
