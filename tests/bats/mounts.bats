#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl on a machine where bpffs and tracefs are not mounted, as on a fresh
# one: each test runs in a private mount namespace (unshare -m) where they
# are unmounted, so the host's mounts stay as they are, and whatever was
# pinned there goes with the namespace.

load ../lib/common

setup_file() {
	require_root_caps
	compile_bpf "$PROGS/tracefs_tp.bpf.c" "$BATS_FILE_TMPDIR/tracefs_tp.o"
	export OBJ=$BATS_FILE_TMPDIR/tracefs_tp.o
}

setup() {
	require_root_caps
}

# in_bare_ns SCRIPT: run bash SCRIPT in a private mount namespace without
# bpffs and tracefs, with "$output" and "$stderr" as run --separate-stderr.
in_bare_ns() {
	run --separate-stderr unshare --mount --propagation private bash -c '
		for m in /sys/fs/bpf /sys/kernel/tracing /sys/kernel/debug/tracing; do
			while mountpoint -q "$m"; do umount "$m"; done
		done
		'"$1"
	no_sanitizer_report
}

@test "pinning under /sys/fs/bpf mounts bpffs there first, as bpftool does" {
	in_bare_ns '
		stat -f -c %T /sys/fs/bpf
		"$BPFCTL" map create /sys/fs/bpf/dir/m type array key 4 value 4 entries 1 name m
		stat -f -c %T /sys/fs/bpf
		"$BPFCTL" -j map show pinned /sys/fs/bpf/dir/m'
	expect_status 0
	[[ ${lines[0]} == sysfs && ${lines[1]} == bpf_fs ]]
	[[ ${lines[2]} == *'"name":"m"'* ]]
}

@test "-n (--nomount): no bpffs is mounted, the pin is a clear error" {
	in_bare_ns '
		"$BPFCTL" -n map create /sys/fs/bpf/m type array key 4 value 4 entries 1 name m
		echo "status $?"
		stat -f -c %T /sys/fs/bpf'
	[[ $output == $'status 255\nsysfs' ]]
	[[ $stderr == "Error: can't pin at '/sys/fs/bpf/m': '/sys/fs/bpf' is not on a BPF filesystem (bpffs)" ]]
}

@test "a pin path outside /sys/fs/bpf is refused, nothing is mounted on it" {
	in_bare_ns '
		d=$(mktemp -d)
		"$BPFCTL" map create "$d/m" type array key 4 value 4 entries 1 name m
		echo "status $?"
		stat -f -c %T "$d"
		[[ ! -e $d/m ]] && echo "no pin"
		rmdir "$d"'
	[[ ${lines[0]} == "status 255" && ${lines[1]} != bpf_fs && ${lines[2]} == "no pin" ]]
	[[ $stderr == *"is not on a BPF filesystem (bpffs)" ]]
}

@test "tracefs mounted elsewhere only: a tracepoint's auto-attach finds it there" {
	in_bare_ns '
		d=$(mktemp -d)
		mount -t tracefs tracefs "$d"
		"$BPFCTL" prog load "$OBJ" /sys/fs/bpf/tp autoattach
		"$BPFCTL" -j link show pinned /sys/fs/bpf/tp
		rm /sys/fs/bpf/tp
		umount "$d" && rmdir "$d"'
	expect_status 0
	[[ $output == *'"type":"perf_event"'* && $output == *'"tracepoint":"sys_enter_getppid"'* ]]
}

@test "tracefs mounted nowhere: the tracepoint's attach says so and pins nothing" {
	in_bare_ns '
		"$BPFCTL" prog load "$OBJ" /sys/fs/bpf/tp autoattach
		echo "status $?"
		ls /sys/fs/bpf'
	[[ $output == "status 255" ]]
	[[ $stderr == *"prog 'tracefs_tp': can't attach to tracepoint 'syscalls/sys_enter_getppid': tracefs is not mounted (mount -t tracefs tracefs /sys/kernel/tracing)"* ]]
}
