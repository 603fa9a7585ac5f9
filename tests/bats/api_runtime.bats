#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# Runtime parts of the libbpf API on the real kernel, through C helpers in
# tests/helpers/ built against libbpfcore.a:
#  - feature probes (libbpf_probe_bpf_prog_type/_map_type/_helper), every
#    verdict compared with Debian's libbpf 1.1 built from the same source;
#  - user ring buffers drained by a BPF program, and their blocking reserve;
#  - perf_buffer__new_raw and perf_buffer__buffer;
#  - bpf_obj_pin_opts (path_fd), bpf_prog_detach_opts, bpf_token_create (a
#    real token in a user namespace), bpf_prog_stream_read;
#  - attach_cgroup_opts, _sockmap, _netfilter, _netkit, _tracing_multi.
# BPF objects: tests/progs/api_*.bpf.c, one program type each.

load ../lib/common

setup_file() {
	require_root_caps
	export OBJS=$BATS_FILE_TMPDIR
	export PIN=/sys/fs/bpf/runtime-api-$$
	"$BPFCTL" btf dump file /sys/kernel/btf/vmlinux format c >"$OBJS/vmlinux.h"
}

teardown() {
	rm -rf "$PIN"
}

# Program types 0..31 and map types 0..32 are those libbpf 1.1 knows;
# helper ids run past the last one, which both must call unknown.
@test "feature probes: every verdict equals libbpf 1.1's" {
	build_helper "$OBJS/fv_core" "$REPO_ROOT/tests/helpers/feature_verdicts.c"
	cc -DMARK_NEW_REFUSAL -o "$OBJS/fv_libbpf" "$REPO_ROOT/tests/helpers/feature_verdicts.c" \
		-lbpf
	"$OBJS/fv_core" 32 33 240 >"$OBJS/core.txt"
	"$OBJS/fv_libbpf" 32 33 240 >"$OBJS/libbpf.txt"
	# libbpf 1.1 takes the verifier's 6.7+ refusal for support: the oracle's
	# own reload marked those, and libbpf 1.3+ (like us) calls them 0
	grep -q ' refused$' "$OBJS/libbpf.txt"
	sed 's/ 1 refused$/ 0/' "$OBJS/libbpf.txt" | diff -u - "$OBJS/core.txt"
	[[ $(wc -l <"$OBJS/core.txt") -eq $((32 + 33 + 32 * 240)) ]]
	# this kernel has these for sure
	grep -qx 'prog 1 1' "$OBJS/core.txt"		# socket filter
	grep -qx 'map 27 1' "$OBJS/core.txt"		# ring buffer
	grep -qx 'map 31 1' "$OBJS/core.txt"		# user ring buffer
	grep -qx 'helper 1 1 1' "$OBJS/core.txt"	# map_lookup_elem
	grep -qx 'helper 1 4 0' "$OBJS/core.txt"	# probe_read: tracing only
	grep -qx 'helper 5 6 1' "$OBJS/core.txt"	# trace_printk in tracepoints
	grep -qx 'helper 1 239 0' "$OBJS/core.txt"	# no such helper
}

@test "feature probes: types newer than libbpf 1.1, and errors" {
	build_helper "$OBJS/fv_core" "$REPO_ROOT/tests/helpers/feature_verdicts.c"
	run -0 "$OBJS/fv_core" 34 37 0
	# netfilter programs (6.4) and cgroup storage (6.2) exist here
	grep -qx 'prog 32 1' <<<"$output"
	grep -qx 'map 32 1' <<<"$output"
	# past the last type this library knows
	grep -qx 'prog 33 -95' <<<"$output"
	grep -qx 'map 36 -95' <<<"$output"
	grep -qx 'map 0 -95' <<<"$output"
	build_helper "$OBJS/probe_errors" "$REPO_ROOT/tests/helpers/feature_probe_errors.c"
	run -0 "$OBJS/probe_errors"
	[[ $output == ok ]]
}

@test "user ring buffer: a BPF program drains what was submitted; a full ring blocks" {
	compile_bpf "$PROGS/api_user_ringbuf.bpf.c" "$OBJS/api_user_ringbuf.o"
	build_helper "$OBJS/user_ringbuf_check" "$REPO_ROOT/tests/helpers/user_ringbuf_check.c" \
		-lpthread
	run --separate-stderr -0 "$OBJS/user_ringbuf_check" "$OBJS/api_user_ringbuf.o"
	[[ $stderr == *"user ringbuf: map 'rt_not_urb' (id "*") is not a user ring buffer (type 2)"* ]]
	diff -u - <(printf '%s\n' "$output") <<'OUT'
new on an array: Invalid argument
drained ret 2 cnt 2 sum 44
full after 256 records
reserve on full: No space left on device
reserve 8192: Argument list too long
reserve 2^31: Argument list too long
reserve_blocking -2: Invalid argument
reserve_blocking 0: No space left on device after no wait
reserve_blocking 300: No space left on device after the timeout
reserve_blocking 10000 with a drain at 200ms: record woken by the drain
the drain consumed all of them
ok
OUT
}

@test "perf_buffer__new_raw: raw records of our own event, stopped by the callback; perf_buffer__buffer" {
	compile_bpf "$PROGS/api_perf_raw.bpf.c" "$OBJS/api_perf_raw.o"
	build_helper "$OBJS/perf_raw_check" "$REPO_ROOT/tests/helpers/perf_raw_check.c"
	run --separate-stderr -0 "$OBJS/perf_raw_check" "$OBJS/api_perf_raw.o"
	[[ $stderr == *"perf buffer: 1 CPUs asked for without their cpus and map_keys"* ]]
	[[ $stderr == *"perf buffer: page count 3 is not a power of two"* ]]
	# type 9: PERF_RECORD_SAMPLE; the program numbers its records from 0
	diff -u - <(printf '%s\n' "$output") <<'OUT'
no attr: Invalid argument
cpu_cnt without cpus: Invalid argument
3 pages: Invalid argument
buffers 1
poll 1: records 3, last 2, cpu 0, type 9
consume stopping after one: 0, records 1, last 3
consume again: 0, records 2, last 4
buffer 0: 4 pages of data, head at tail
buffer 1: -22 (errno Invalid argument)
buffer -1: -22 (errno Invalid argument)
ok
OUT
}

@test "bpf_obj_pin_opts: a pathname relative to a directory fd with BPF_F_PATH_FD" {
	build_helper "$OBJS/bpf_cmds_check" "$REPO_ROOT/tests/helpers/bpf_cmds_check.c"
	mkdir "$PIN"
	run -0 "$OBJS/bpf_cmds_check" pin "$PIN"
	diff -u - <(printf '%s\n' "$output") <<'OUT'
pin relative to the directory: ok
get relative to the directory: ok, the same map
pin again: File exists
pin with path_fd -1: Bad file descriptor, errno Bad file descriptor
pin with path_fd, without BPF_F_PATH_FD: Invalid argument
pin relative to /: Operation not permitted
pin with NULL opts: ok
OUT
	[[ -e $PIN/m && -e $PIN/abs && ! -e /rt_pin_nowhere ]]
}

# cgroup v2 takes relative placement and revisions since Linux 6.16
@test "bpf_prog_detach_opts: a cgroup's program detached at its revision, placed by attach_opts" {
	local cg_root cg
	cg_root=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	[[ -n $cg_root ]]
	cg=$cg_root/runtime-api-$$
	mkdir "$cg"
	compile_bpf "$PROGS/api_cgroup_mprog.bpf.c" "$OBJS/api_cgroup_mprog.o"
	build_helper "$OBJS/bpf_cmds_check" "$REPO_ROOT/tests/helpers/bpf_cmds_check.c"
	run "$OBJS/bpf_cmds_check" detach "$cg" "$OBJS/api_cgroup_mprog.o"
	rmdir "$cg"
	[[ $status -eq 0 ]]
	diff -u - <(printf '%s\n' "$output") <<'OUT'
attach first: ok
attach second before first: ok
attached: second first
detach second at a later revision: Stale file handle
detach with relative_fd and relative_id: Invalid argument
detach second at the revision: ok
attached: first
detach second again: No such file or directory
detach first: ok
attached:
OUT
}

@test "bpf_token_create: refused on the initial namespace's bpffs; a real token in a user namespace" {
	build_helper "$OBJS/bpf_cmds_check" "$REPO_ROOT/tests/helpers/bpf_cmds_check.c"
	run -0 "$OBJS/bpf_cmds_check" token /sys/fs/bpf
	diff -u - <(printf '%s\n' "$output") <<'OUT'
token from /sys/fs/bpf: Operation not supported (errno Operation not supported)
token with unknown flags: Invalid argument
token from fd -1: Bad file descriptor
OUT
	# delegation: only the initial namespace may set delegate_cmds on a
	# bpffs made in the child's user namespace (the helper forks)
	build_helper "$OBJS/token_userns" "$REPO_ROOT/tests/helpers/token_userns.c"
	run -0 "$OBJS/token_userns"
	diff -u - <(printf '%s\n' "$output") <<'OUT'
bpf_token_create in the user namespace: token
token allows map_create: yes
token allows prog_load: no
OUT
}

# Streams are Linux 6.17's; this kernel runs bpf_stream_vprintk but may fail
# to allocate its pages (-ENOMEM), leaving stdout empty: either is the kernel's.
@test "bpf_prog_stream_read: what a program wrote to its stdout, or the kernel's refusal" {
	compile_bpf "$PROGS/api_stream.bpf.c" "$OBJS/api_stream.o"
	build_helper "$OBJS/bpf_cmds_check" "$REPO_ROOT/tests/helpers/bpf_cmds_check.c"
	run -0 "$OBJS/bpf_cmds_check" stream "$OBJS/api_stream.o"
	local first
	first=$(head -2 <<<"$output")
	[[ $first == $'bpf_stream_vprintk_impl: 0\nstdout: 12 bytes \'stream 42 7\'' ||
	   $first == $'bpf_stream_vprintk_impl: -12\nstdout: 0 bytes \'\'' ]]
	diff -u - <(tail -n +3 <<<"$output") <<'OUT'
stdout again: 0
stderr: 0
stream 3: No such file or directory
stream of fd -1: Bad file descriptor
OUT
}

@test "bpf_program__attach_cgroup_opts: a link placed before another at the cgroup's revision" {
	local cg_root cg
	cg_root=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	[[ -n $cg_root ]]
	cg=$cg_root/runtime-api-$$
	mkdir "$cg"
	compile_bpf "$PROGS/api_cgroup_mprog.bpf.c" "$OBJS/api_cgroup_mprog.o"
	build_helper "$OBJS/runtime_attach" "$REPO_ROOT/tests/helpers/runtime_attach.c"
	run --separate-stderr "$OBJS/runtime_attach" cgroup "$cg" "$OBJS/api_cgroup_mprog.o"
	rmdir "$cg"
	[[ $status -eq 0 ]]
	# link type 3: cgroup
	diff -u - <(printf '%s\n' "$output") <<'OUT'
first: link (link type 3)
attached: first
second before first at a later revision: Stale file handle
second with relative_fd and relative_id: Invalid argument
second before first's program, which a link holds: Invalid argument
second before first's link at the revision: link
attached: second first
attached:
OUT
	[[ $stderr == *"prog 'cg_second': can't attach to cgroup '$cg' as cgroup_inet_egress: the target's programs changed: it is not at the expected revision"* ]]
	[[ $stderr == *"prog 'cg_second': can't attach to cgroup '$cg' as cgroup_inet_egress: relative_fd and relative_id both set"* ]]
}

@test "bpf_program__attach_sockmap: an sk_msg link on a sockmap; an array refused" {
	compile_bpf "$PROGS/api_sockmap.bpf.c" "$OBJS/api_sockmap.o"
	build_helper "$OBJS/runtime_attach" "$REPO_ROOT/tests/helpers/runtime_attach.c"
	run --separate-stderr -0 "$OBJS/runtime_attach" sockmap "$OBJS/api_sockmap.o"
	# link type 14: sockmap (Linux 6.10)
	diff -u - <(printf '%s\n' "$output") <<'OUT'
sockmap: link (link type 14)
array: Invalid argument
fd -1: Bad file descriptor
OUT
	[[ $stderr == *"prog 'msg_pass': can't attach to sockmap 'not_socks' (id "*") as sk_msg_verdict: Invalid argument"* ]]
	[[ $stderr == *"prog 'msg_pass': can't attach to sockmap fd -1 (not a map) as sk_msg_verdict: Bad file descriptor"* ]]
}

@test "bpf_program__attach_netfilter: a link on IPv4 local out; bad family and hook refused" {
	compile_bpf "$PROGS/api_netfilter.bpf.c" "$OBJS/api_netfilter.o"
	build_helper "$OBJS/runtime_attach" "$REPO_ROOT/tests/helpers/runtime_attach.c"
	run --separate-stderr -0 "$OBJS/runtime_attach" netfilter "$OBJS/api_netfilter.o"
	# link type 10: netfilter
	diff -u - <(printf '%s\n' "$output") <<'OUT'
ipv4 local out: link (link type 10)
family 99: Address family not supported by protocol
hook 42: Protocol error
no opts: Address family not supported by protocol
OUT
	[[ $stderr == *"prog 'nf_accept': can't attach to netfilter hook 3 of family 99 at priority -128: Address family not supported by protocol"* ]]
	[[ $stderr == *"prog 'nf_accept': can't attach to netfilter hook 42 of family 2 at priority -128: Protocol error"* ]]
}

# iproute2 here (6.1) cannot create netkit devices: tests/helpers/netkit_pair.c
# does it through rtnetlink where the kernel has netkit; without it (this
# kernel: CONFIG_NETKIT unset), the kernel's refusal of a device that is none
@test "bpf_program__attach_netkit: a link on a netkit device, or refused on one that is not" {
	compile_bpf "$PROGS/api_netkit.bpf.c" "$OBJS/api_netkit.o"
	build_helper "$OBJS/runtime_attach" "$REPO_ROOT/tests/helpers/runtime_attach.c"
	cc -o "$OBJS/netkit_pair" "$REPO_ROOT/tests/helpers/netkit_pair.c"
	local nk=rtnk$$ ifindex=1 want='netkit: link'
	run --separate-stderr "$OBJS/netkit_pair" "$nk" "${nk}p"
	if [[ $status -eq 0 ]]; then
		ifindex=$output
	else
		[[ $stderr == "netkit pair $nk/${nk}p: Operation not supported" ]]
		want='netkit: Invalid argument'
	fi
	run --separate-stderr "$OBJS/runtime_attach" netkit "$OBJS/api_netkit.o" "$ifindex"
	[[ $ifindex -eq 1 ]] || ip link del "$nk"
	[[ $status -eq 0 ]]
	diff -u - <(printf '%s\n' "$output") <<OUT
$want
ifindex 0: Invalid argument
relative_fd and relative_id: Invalid argument
OUT
	if [[ $ifindex -eq 1 ]]; then
		[[ $stderr == *"prog 'nk_pass': can't attach to device 'lo' (ifindex 1) as netkit_primary: not a netkit device, or the kernel has no netkit (Invalid argument)"* ]]
	fi
	[[ $stderr == *"prog 'nk_pass': can't attach to netkit: no device (ifindex 0)"* ]]
	[[ $stderr == *"as netkit_primary: relative_fd and relative_id both set"* ]]
}

# This kernel has no tracing multi links: it loads an fentry.multi program
# as a plain fentry one, which needs a target
@test "bpf_program__attach_tracing_multi: the kernel's refusal, and the library's checks" {
	compile_bpf "$PROGS/api_tracing_multi.bpf.c" "$OBJS/api_tracing_multi.o"
	compile_bpf "$PROGS/api_netfilter.bpf.c" "$OBJS/api_netfilter.o"
	build_helper "$OBJS/runtime_attach" "$REPO_ROOT/tests/helpers/runtime_attach.c"
	run --separate-stderr -0 "$OBJS/runtime_attach" multi "$OBJS/api_tracing_multi.o" \
		"$OBJS/api_netfilter.o"
	diff -u - <(printf '%s\n' "$output") <<'OUT'
not loaded: Invalid argument
load fentry.multi: Invalid argument
another kind of program: Invalid argument
OUT
	[[ $stderr == *"prog 'multi_entry': can't attach: the program is not loaded"* ]]
	[[ $stderr == *"Tracing programs must provide btf_id"* ]]
	[[ $stderr == *"prog 'nf_accept': can't attach tracing multi: not an fentry.multi, fexit.multi or fsession.multi program"* ]]
}
