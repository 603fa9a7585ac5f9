#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# libbpf's BTF API on real BTF, through tests/helpers/btf_api.c built
# against libbpfcore.a and, as an oracle, against Debian's libbpf 1.1:
#  - byte order: a clang object's .BTF written in the other order is
#    libbpf's bytes; .BTF and .BTF.ext parse back remembering their order;
#  - btf__load_into_kernel: BTF of every kind loads, btf__fd is set, the
#    kernel's copy is the same bytes, a second load is -EEXIST; BTF the
#    kernel refuses fails with the kernel's reason and its verifier log;
#  - btf__distill_base/btf__relocate: this kernel has no module with BTF
#    (/sys/kernel/btf/ holds vmlinux only), so split BTF is built on the
#    running kernel's vmlinux BTF as a module's is, distilled, written,
#    parsed back and relocated onto vmlinux;
#  - btf_dump__dump_type_data: values of every kind with every option,
#    libbpf's output byte for byte (tests/helpers/btf_data_dump.c).

load ../lib/common

setup_file() {
	local dir=$BATS_FILE_TMPDIR
	compile_bpf "$PROGS/core_reloc.bpf.c" "$dir/core_reloc.o"
	build_helper "$dir/btf_api" "$REPO_ROOT/tests/helpers/btf_api.c"
	cc -o "$dir/btf_api_libbpf" "$REPO_ROOT/tests/helpers/btf_api.c" -lbpf
	build_helper "$dir/data_dump" "$REPO_ROOT/tests/helpers/btf_data_dump.c"
	cc -o "$dir/data_dump_libbpf" "$REPO_ROOT/tests/helpers/btf_data_dump.c" -lbpf
	OBJ=$dir/core_reloc.o
	HELPER=$dir/btf_api
	ORACLE=$dir/btf_api_libbpf
	export OBJ HELPER ORACLE
}

@test "api_btf: .BTF in the other byte order is libbpf's bytes" {
	cd "$BATS_TEST_TMPDIR"
	"$HELPER" endian "$OBJ" ours.btf ours.ext
	"$ORACLE" endian "$OBJ" libbpf.btf libbpf.ext
	cmp ours.btf libbpf.btf
	# the magic is the other order's (big-endian on this x86 host)
	[ "$(od -An -tx1 -N2 ours.btf | tr -d ' ')" = "eb9f" ]
	[ "$(od -An -tx1 -N2 ours.ext | tr -d ' ')" = "eb9f" ]
}

@test "api_btf: .BTF and .BTF.ext of the other byte order parse back, remembering it" {
	cd "$BATS_TEST_TMPDIR"
	"$HELPER" endian "$OBJ" o.btf o.ext
	run -0 "$HELPER" reparse o.btf o.ext
	[ "$output" = "btf big 22 types, ext big" ]
	# libbpf 1.1 reads our .BTF alike
	run -0 "$ORACLE" reparse o.btf -
	[[ "$output" == "btf big 22 types"* ]]
}

@test "api_btf: btf__load_into_kernel loads BTF of every kind and sets its fd" {
	require_root_caps
	run -0 "$HELPER" load
	[ "${lines[0]}" = "loaded: fd, 15 types, the kernel's copy the same" ]
	[ "${lines[1]}" = "again: -17 errno 17" ]
	# as libbpf does
	run -0 "$ORACLE" load
	[ "${lines[0]}" = "loaded: fd, 15 types, the kernel's copy the same" ]
	[ "${lines[1]}" = "again: -17 errno 17" ]
}

@test "api_btf: btf__load_into_kernel reports the kernel's refusal with its log" {
	require_root_caps
	run -0 --separate-stderr "$HELPER" reject
	[ "$output" = "rejected: -22 errno 22 fd -1" ]
	[[ "$stderr" == *"the kernel rejects BTF of 2 types"*"Invalid argument"* ]]
	[[ "$stderr" == *"verifier log"*"STRUCT not an identifier size=4 vlen=1 Invalid name"* ]]
}

@test "api_btf: btf_dump__dump_type_data prints values as libbpf, byte for byte" {
	cd "$BATS_TEST_TMPDIR"
	"$BATS_FILE_TMPDIR/data_dump" >ours.txt
	"$BATS_FILE_TMPDIR/data_dump_libbpf" >libbpf.txt
	diff -u libbpf.txt ours.txt
	# the cases are there: nested, bitfields, strings of chars, errors
	grep -qF '.tag = (char[4])[' ours.txt
	grep -qF '.level = (int)0x7d,' ours.txt
	grep -qF '(struct outer){.flags = (unsigned int)0x5,' ours.txt
	[ "$(grep -c -- '-> -7$' ours.txt)" = 3 ]
	[ "$(grep -c '^== ' ours.txt)" -gt 120 ]
}

@test "api_btf: split BTF on the kernel's vmlinux, distilled, written, relocated back" {
	local m
	# a real module's split BTF when there is one: it must distill too
	for m in /sys/kernel/btf/*; do
		[ "$(basename "$m")" = vmlinux ] && continue
		run -0 "$BPFCTL" btf dump file "$m" format raw
	done
	run -0 "$HELPER" distill "$BATS_TEST_TMPDIR"
	[[ "${lines[0]}" =~ ^distilled:\ ([0-9]+)\ base\ types,\ ([0-9]+)\ split\ types$ ]]
	((BASH_REMATCH[1] > 3 && BASH_REMATCH[1] < 50 && BASH_REMATCH[2] >= 6))
	[ "${lines[1]}" = "relocated: on vmlinux yes, 3 of 3 types declared alike" ]
	# the distilled base is named identities only: no members, no references
	run -0 "$BPFCTL" btf dump file "$BATS_TEST_TMPDIR/base" format raw
	! grep -qE "^\[[0-9]+\] (PTR|TYPEDEF|ARRAY|CONST|VOLATILE|FUNC_PROTO) " <<<"$output"
	! grep -q "vlen=[1-9]" <<<"$output"
	grep -q "STRUCT 'list_head' size=16 vlen=0" <<<"$output"
}
