#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# btf__dedup() on real BTF, against Debian's libbpf 1.1 as the oracle:
# tests/helpers/btf_dedup_run.c is built twice, against libbpfcore.a and
# against -lbpf, and both results (type count, raw BTF, and its dump by
# `bpfctl btf dump ... format raw`) must be the same, type for type.
# The kernel's BTF added twice to an empty BTF must give 126,203 types
# on this kernel (VAR and DATASEC are never merged), as libbpf gives.

load ../lib/common

VMLINUX=/sys/kernel/btf/vmlinux

setup_file() {
	export OURS=$BATS_FILE_TMPDIR/dedup_ours ORACLE=$BATS_FILE_TMPDIR/dedup_libbpf
	build_helper "$OURS" "$REPO_ROOT/tests/helpers/btf_dedup_run.c"
	cc -o "$ORACLE" "$REPO_ROOT/tests/helpers/btf_dedup_run.c" -lbpf
	compile_bpf "$PROGS/btf_encodings.bpf.c" "$BATS_FILE_TMPDIR/btf_encodings.o"
	export RND_OURS=$BATS_FILE_TMPDIR/random_ours RND_ORACLE=$BATS_FILE_TMPDIR/random_libbpf
	build_helper "$RND_OURS" "$REPO_ROOT/tests/helpers/btf_dedup_random.c"
	cc -o "$RND_ORACLE" "$REPO_ROOT/tests/helpers/btf_dedup_random.c" -lbpf
}

# dedup_both MODE ARGS...: run both builds; each prints its type count
# into $BATS_TEST_TMPDIR/{ours,libbpf}.cnt and writes {ours,libbpf}.btf.
dedup_both() {
	local mode=$1 t=$BATS_TEST_TMPDIR
	shift
	"$OURS" "$mode" "$@" "$t/ours.btf" >"$t/ours.cnt"
	"$ORACLE" "$mode" "$@" "$t/libbpf.btf" >"$t/libbpf.cnt"
}

# same_result [BASE]: equal counts, equal raw dumps, byte-identical BTF.
same_result() {
	local t=$BATS_TEST_TMPDIR base=()
	[[ -n ${1-} ]] && base=(-B "$1")
	same_file "$t/libbpf.cnt" "$t/ours.cnt"
	bpfctl_to "$t/libbpf.txt" "${base[@]}" btf dump file "$t/libbpf.btf" format raw
	expect_status 0
	bpfctl_to "$t/ours.txt" "${base[@]}" btf dump file "$t/ours.btf" format raw
	expect_status 0
	same_file "$t/libbpf.txt" "$t/ours.txt"
	same_file "$t/libbpf.btf" "$t/ours.btf"
}

@test "btf_dedup: the kernel's BTF added twice to an empty BTF dedups to 126,203 types" {
	run "$OURS" twice "$VMLINUX"
	[[ $status == 0 ]]
	[[ $output == 126203 ]]
}

@test "btf_dedup: the kernel's BTF added twice: type for type libbpf's result" {
	dedup_both twice "$VMLINUX"
	[[ $(<"$BATS_TEST_TMPDIR/ours.cnt") == 126203 ]]
	same_result
}

@test "btf_dedup: the kernel's BTF deduped once keeps its types, as libbpf's" {
	local n
	n=$("$BPFCTL" btf dump file "$VMLINUX" format raw | grep -c '^\[')
	dedup_both once "$VMLINUX"
	[[ $(<"$BATS_TEST_TMPDIR/ours.cnt") == "$n" ]]
	same_result
}

@test "btf_dedup: split BTF on the kernel's is deduped against it, as libbpf does" {
	dedup_both split "$VMLINUX" "$VMLINUX"
	same_result "$VMLINUX"
}

@test "btf_dedup: a clang object's BTF (fwd enums, tags, bitfields, externs) twice, as libbpf" {
	local obj=$BATS_FILE_TMPDIR/btf_encodings.o
	dedup_both twice "$obj"
	same_result
	dedup_both once "$obj"
	same_result
}

@test "btf_dedup: 300 pseudo-random BTFs of three mutated CUs each, byte for byte as libbpf" {
	local t=$BATS_TEST_TMPDIR seed ours libbpf same=0
	for ((seed = 1; seed <= 300; seed++)); do
		ours=$("$RND_OURS" "$seed" "$t/ours.btf" 2>"$t/ours.err")
		libbpf=$("$RND_ORACLE" "$seed" "$t/libbpf.btf" 2>/dev/null)
		stderr=$(<"$t/ours.err")
		no_sanitizer_report
		# both fail alike (a cycle of pointers: -ELOOP), or both give the same BTF
		if [[ $ours != "$libbpf" ]]; then
			echo "seed $seed: ours '$ours', libbpf '$libbpf'" >&2
			return 1
		fi
		[[ -n $ours ]] && continue
		same_file "$t/libbpf.btf" "$t/ours.btf" || { echo "seed $seed" >&2; return 1; }
		same=$((same + 1))
	done
	# most seeds give a BTF, not an error
	((same > 200))
}
