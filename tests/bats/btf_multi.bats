#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# "btf dump file FILE [file FILE]..." (bpftool v7.8): several split BTFs
# (kernel modules' BTFs) merged into one on their common base and
# deduplicated. This machine has no module BTF under /sys/kernel/btf, so
# tests/helpers/btf_split_make.c writes two split BTFs on the running
# kernel's vmlinux BTF; bpftool 7.1 predates merging, so the merged dump
# is checked against what the files hold (and bpftool's dump of each).

load ../lib/common

VMLINUX=/sys/kernel/btf/vmlinux

setup_file() {
	build_helper "$BATS_FILE_TMPDIR/btf_split_make" "$REPO_ROOT/tests/helpers/btf_split_make.c"
	export M1=$BATS_FILE_TMPDIR/mod1.btf M2=$BATS_FILE_TMPDIR/mod2.btf
	"$BATS_FILE_TMPDIR/btf_split_make" "$VMLINUX" "$M1" "$M2"
	# the first id of a split BTF on vmlinux, from bpftool's dump of one file
	FIRST=$("$BPFTOOL" -B "$VMLINUX" btf dump file "$M2" | sed -n '1s/^\[\([0-9]*\)\].*/\1/p')
	export FIRST
}

# raw_types FILE: "ID KIND NAME" per type of a raw text dump.
raw_types() {
	sed -n "s/^\[\([0-9]*\)\] \([A-Z_]*\) '\([^']*\)'.*/\1 \2 \3/p" "$1"
}

@test "two split BTFs merged: each type of both once, on the same ids as the base's next" {
	bpfctl_to "$BATS_TEST_TMPDIR/raw" -B "$VMLINUX" btf dump file "$M1" file "$M2"
	expect_status 0
	raw_types "$BATS_TEST_TMPDIR/raw" >"$BATS_TEST_TMPDIR/types"
	cat >"$BATS_TEST_TMPDIR/expected" <<EOF2
$FIRST STRUCT loadopts_shared
$((FIRST + 1)) PTR (anon)
$((FIRST + 2)) STRUCT loadopts_mod1
$((FIRST + 3)) ENUM loadopts_mod2_state
$((FIRST + 4)) STRUCT loadopts_mod2
EOF2
	same_file "$BATS_TEST_TMPDIR/expected" "$BATS_TEST_TMPDIR/types"
	# mod2's loadopts_shared and pointer to it are mod1's: one of each
	grep -A2 "STRUCT 'loadopts_mod2'" "$BATS_TEST_TMPDIR/raw" | grep -q "'shared' type_id=$((FIRST + 1)) "
	grep -A2 "STRUCT 'loadopts_mod2'" "$BATS_TEST_TMPDIR/raw" | grep -q "'state' type_id=$((FIRST + 3)) "
}

@test "merged: copies of base types fold into the base (mod1's own int, its task_struct pointer)" {
	# each file alone (bpftool 7.1, the oracle) still holds its copies
	"$BPFTOOL" -B "$VMLINUX" btf dump file "$M1" >"$BATS_TEST_TMPDIR/m1"
	grep -q "INT 'int'" "$BATS_TEST_TMPDIR/m1"
	bpfctl_to "$BATS_TEST_TMPDIR/raw" -B "$VMLINUX" btf dump file "$M1" file "$M2"
	expect_status 0
	not_in_file "^\[[0-9]+\] INT " "$BATS_TEST_TMPDIR/raw"
	int_id=$(sed -n "s/^\[\([0-9]*\)\] INT 'int' size=4 .*SIGNED$/\1/p" \
		<("$BPFCTL" btf dump file "$VMLINUX") | head -1)
	grep -A2 "STRUCT 'loadopts_shared'" "$BATS_TEST_TMPDIR/raw" | grep -q "'count' type_id=$int_id "
	task_ptr=$(grep -A3 "STRUCT 'loadopts_mod1'" "$BATS_TEST_TMPDIR/raw" |
		sed -n "s/.*'task' type_id=\([0-9]*\) .*/\1/p")
	((task_ptr < FIRST))
	run_bpfctl btf dump file "$VMLINUX" root_id "$task_ptr"
	expect_status 0
	[[ ${lines[0]} == "[$task_ptr] PTR '(anon)' type_id="* ]]
	run_bpfctl btf dump file "$VMLINUX" root_id "${lines[0]##*type_id=}"
	expect_status 0
	[[ ${lines[0]} == *"STRUCT 'task_struct' "* ]]
}

@test "merged JSON: the same types as the raw text, valid JSON" {
	bpfctl_to "$BATS_TEST_TMPDIR/raw" -B "$VMLINUX" btf dump file "$M1" file "$M2"
	bpfctl_to "$BATS_TEST_TMPDIR/json" -j -B "$VMLINUX" btf dump file "$M1" file "$M2"
	expect_status 0
	raw_types "$BATS_TEST_TMPDIR/raw" >"$BATS_TEST_TMPDIR/from_raw"
	python3 - "$BATS_TEST_TMPDIR/json" >"$BATS_TEST_TMPDIR/from_json" <<'PY'
import json, sys
for t in json.load(open(sys.argv[1]))["types"]:
    print(t["id"], t["kind"], t["name"])
PY
	same_file "$BATS_TEST_TMPDIR/from_raw" "$BATS_TEST_TMPDIR/from_json"
}

@test "merged C: one header with both modules' types once, that compiles" {
	bpfctl_to "$BATS_TEST_TMPDIR/merged.h" -B "$VMLINUX" btf dump file "$M1" file "$M2" format c
	expect_status 0
	for decl in "struct loadopts_shared {" "struct loadopts_mod1 {" "struct loadopts_mod2 {" \
		"enum loadopts_mod2_state {" "struct task_struct {"; do
		[[ $(grep -cF "$decl" "$BATS_TEST_TMPDIR/merged.h") == 1 ]]
	done
	cat >"$BATS_TEST_TMPDIR/use.c" <<'EOF2'
#include "merged.h"
int use(struct loadopts_mod1 *a, struct loadopts_mod2 *b)
{
	return a->shared->count + a->task->pid + (b->state == LOADOPTS_BUSY) + b->shared->flags;
}
EOF2
	"$CLANG" -target bpf -fsyntax-only -I "$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR/use.c"
}

@test "vmlinux among the files is skipped, being the base; alone it is dumped as before" {
	bpfctl_to "$BATS_TEST_TMPDIR/two" -B "$VMLINUX" btf dump file "$M1" file "$M2"
	bpfctl_to "$BATS_TEST_TMPDIR/three" -B "$VMLINUX" btf dump file "$VMLINUX" file "$M1" file "$M2"
	expect_status 0
	[[ $stderr == *"skipping $VMLINUX: it is the base of the others"* ]]
	same_file "$BATS_TEST_TMPDIR/two" "$BATS_TEST_TMPDIR/three"
	# one file left: read as a single file, as bpftool 7.1 reads it
	bpfctl_to "$BATS_TEST_TMPDIR/one" -B "$VMLINUX" btf dump file "$M1" file "$VMLINUX"
	expect_status 0
	"$BPFTOOL" -B "$VMLINUX" btf dump file "$M1" >"$BATS_TEST_TMPDIR/bpftool_one"
	same_file "$BATS_TEST_TMPDIR/bpftool_one" "$BATS_TEST_TMPDIR/one"
	# none left: vmlinux itself
	bpfctl_to "$BATS_TEST_TMPDIR/vm2" btf dump file "$VMLINUX" file "$VMLINUX" format c
	expect_status 0
	bpfctl_to "$BATS_TEST_TMPDIR/vm1" btf dump file "$VMLINUX" format c
	same_file "$BATS_TEST_TMPDIR/vm1" "$BATS_TEST_TMPDIR/vm2"
}

@test "merging needs a base: -B, or module paths under /sys/kernel/btf" {
	run_bpfctl btf dump file "$M1" file "$M2"
	expect_error
	[[ $stderr == *"merging several BTF files needs their base: give it with -B"* ]]
}

@test "merge errors name the file; 'fi' is file, a lone 'f' is still format" {
	run_bpfctl -B "$VMLINUX" btf dump file "$M1" file "$BATS_TEST_TMPDIR/nonexistent"
	expect_error
	[[ $stderr == *"failed to load BTF from '$BATS_TEST_TMPDIR/nonexistent'"* ]]
	run_bpfctl -B "$VMLINUX" btf dump file "$M1" file
	expect_error
	run_bpfctl -B "$VMLINUX" btf dump id 1 file "$M1"
	expect_error
	[[ $stderr == *"'file FILE' can follow only another 'file FILE' source"* ]]
	run_bpfctl -B "$VMLINUX" b d f "$M1" fi "$M2" f c
	expect_status 0
	[[ $output == *"struct loadopts_mod2 {"* ]]
}
