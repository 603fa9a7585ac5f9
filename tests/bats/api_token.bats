#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# BPF tokens (Linux 6.9) at the object level, on the real kernel: a child
# in a new user and mount namespace gets a bpffs the privileged parent
# delegated (tests/helpers/token_userns.h) and loads a socket filter with
# an array map and global data (tests/progs/api_token.bpf.c) - which only
# the token allows. bpf_token_path, LIBBPF_BPF_TOKEN_PATH and the default
# /sys/fs/bpf, with libbpf's semantics; the low-level wrappers with
# token_fd. The mounts die with the child's namespaces.

load ../lib/common

setup_file() {
	require_root_caps
	export OBJS=$BATS_FILE_TMPDIR
	compile_bpf "$PROGS/api_token.bpf.c" "$OBJS/api_token.o"
	build_helper "$OBJS/token_object" "$REPO_ROOT/tests/helpers/token_object.c"
	export PIN=/sys/fs/bpf/token-api-$$
}

teardown() {
	rm -f "$PIN"
}

@test "token: a user namespace loads an object only with a token from its delegated bpffs" {
	local dir=$BATS_TEST_TMPDIR/bpffs
	mkdir "$dir"
	run -0 "$OBJS/token_object" userns "$OBJS/api_token.o" "$dir"
	diff -u - <(printf '%s\n' "$output") <<'OUT'
no token path, /sys/fs/bpf not delegated:
  debug: object 'api_token': cannot create a BPF token from '/sys/fs/bpf': Operation not permitted
  load: Operation not permitted (errno Operation not permitted), token_fd -1
bpf_token_path to the delegated bpffs:
  load: ok, token_fd >= 0, btf_fd >= 0, test run 42, .bss 50
  btf load without token: Operation not permitted
  btf load with token: fd
  prog load without token: Operation not permitted
  prog load with token and BPF_F_TOKEN_FD: fd
  btf by id without token: Operation not permitted
  btf by id with token: fd
  map create without token: Operation not permitted
  map create with token: fd
LIBBPF_BPF_TOKEN_PATH to the delegated bpffs:
  load: ok, token_fd >= 0, btf_fd >= 0, test run 42, .bss 50
bpf_token_path over LIBBPF_BPF_TOKEN_PATH:
  load: ok, token_fd >= 0, btf_fd >= 0, test run 42, .bss 50
bpf_token_path to a bpffs not delegated:
  warn: object 'api_token': cannot create a BPF token from '/sys/fs/bpf': Operation not permitted
  load: Operation not permitted (errno Operation not permitted), token_fd -1
LIBBPF_BPF_TOKEN_PATH to a missing directory:
  warn: object 'api_token': cannot open BPF FS '/nonexistent' for a BPF token: No such file or directory
  load: No such file or directory (errno No such file or directory), token_fd -1
no token path, /sys/fs/bpf delegated:
  load: ok, token_fd >= 0, btf_fd >= 0, test run 42, .bss 50
LIBBPF_BPF_TOKEN_PATH empty, /sys/fs/bpf delegated:
  debug: object 'api_token': BPF token disabled by an empty token path
  load: Operation not permitted (errno Operation not permitted), token_fd -1
bpf_token_path empty, /sys/fs/bpf delegated:
  debug: object 'api_token': BPF token disabled by an empty token path
  load: Operation not permitted (errno Operation not permitted), token_fd -1
OUT
	# the child's mounts were its own: nothing is left on the host
	! grep -q " $dir " /proc/self/mounts
	! grep -q "$BATS_TEST_TMPDIR" /proc/mounts
}

@test "token: as root with no path the load works as before, without a token" {
	run -0 env -u LIBBPF_BPF_TOKEN_PATH "$OBJS/token_object" root "$OBJS/api_token.o"
	diff -u - <(printf '%s\n' "$output") <<'OUT'
as root, no token path:
  debug: object 'api_token': cannot create a BPF token from '/sys/fs/bpf': Operation not supported
  load: ok, token_fd -1, btf_fd >= 0, test run 42, .bss 50
as root, bpf_token_path to /sys/fs/bpf:
  warn: object 'api_token': cannot create a BPF token from '/sys/fs/bpf': Operation not supported
  load: Operation not supported (errno Operation not supported), token_fd -1
OUT
}

@test "token: bpfctl prog load: as before without a token; LIBBPF_BPF_TOKEN_PATH must give one" {
	run -0 "$BPFCTL" prog load "$OBJS/api_token.o" "$PIN"
	[[ -e $PIN ]]
	rm -f "$PIN"
	run ! env LIBBPF_BPF_TOKEN_PATH=/nonexistent "$BPFCTL" prog load "$OBJS/api_token.o" "$PIN"
	[[ $output == *"cannot open BPF FS '/nonexistent' for a BPF token"* ]]
	[[ ! -e $PIN ]]
}
