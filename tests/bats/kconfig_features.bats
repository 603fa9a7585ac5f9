#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# libbpf's kernel-feature kconfig externs, LINUX_HAS_BPF_COOKIE (used by
# libbpf's usdt.bpf.h) and LINUX_HAS_SYSCALL_WRAPPER (libbpf's
# BPF_KSYSCALL): bpfctl's loader fills them from the kernel's BTF; the
# test checks them against /proc/kallsyms and the kernel version, and a
# wrongly typed one is refused by name. Pins live under one directory on
# /sys/fs/bpf, removed in teardown.

load ../lib/common

setup() {
	require_root_caps
	PIN_DIR=/sys/fs/bpf/corpus-kcfg-$$
}

teardown() {
	rm -rf "${PIN_DIR:?}"
}

@test "kconfig features: LINUX_HAS_BPF_COOKIE and LINUX_HAS_SYSCALL_WRAPPER hold the kernel's answers" {
	local o=$BATS_TEST_TMPDIR/kcfg_features.bpf.o out cookie wrapper major minor
	compile_bpf "$PROGS/kcfg_features.bpf.c" "$o"
	mkdir -p "$PIN_DIR"
	run "$BPFCTL" prog load "$o" "$PIN_DIR/prog" pinmaps "$PIN_DIR/maps"
	[ "$status" -eq 0 ]
	out=$("$BPFCTL" -j map dump pinned "$PIN_DIR"/maps/*kconfig)
	cookie=$(python3 -c 'import json,sys
v = json.load(sys.stdin)[0]["formatted"]["value"][".kconfig"]
d = {k: x for f in v for k, x in f.items()}
print(int(d["LINUX_HAS_BPF_COOKIE"]), int(d["LINUX_HAS_SYSCALL_WRAPPER"]))' <<<"$out")
	read -r cookie wrapper <<<"$cookie"
	# bpf_get_attach_cookie came with 5.15
	IFS=. read -r major minor _ <<<"$(uname -r)"
	[[ $cookie == $(((major > 5 || (major == 5 && minor >= 15)) ? 1 : 0)) ]]
	# x86_64 kernels enter syscalls through __x64_sys_NAME
	[[ $wrapper == $(grep -qE ' __(x64|arm64|s390x|riscv)_sys_bpf$' /proc/kallsyms &&
		echo 1 || echo 0) ]]
}

@test "kconfig features: a LINUX_HAS_* extern that is not a bool is refused by name" {
	local src=$BATS_TEST_TMPDIR/bad.c o=$BATS_TEST_TMPDIR/bad.o
	sed 's/extern _Bool LINUX_HAS_BPF_COOKIE/extern int LINUX_HAS_BPF_COOKIE/' \
		"$PROGS/kcfg_features.bpf.c" >"$src"
	compile_bpf "$src" "$o"
	mkdir -p "$PIN_DIR"
	run "$BPFCTL" prog load "$o" "$PIN_DIR/prog"
	[ "$status" -ne 0 ]
	[[ $output == *"extern (kcfg) 'LINUX_HAS_BPF_COOKIE' must be a bool"* ]]
}
