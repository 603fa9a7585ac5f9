#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl prog dump jited PROG [opcodes] [linum]: the kernel's x86-64 image
# disassembled, per function, as bpftool built with LLVM prints it.
# Debian's bpftool has no disassembler, so the oracle is llvm-objdump on
# the raw image ("prog dump jited PROG file FILE" wrapped into an ELF
# object by objcopy): tests/lib/jited_oracle.py compares every
# instruction (offset, bytes, mnemonic, operands, branch distances).
# Programs: tests/progs/dump_jited.bpf.c (atomics, 32-bit ALU, division,
# byte swaps; -mcpu=v3), dump_visual.bpf.c (sub-programs, loops, tail
# call), prog_test.bpf.c, load_tail.bpf.c, load_globals.bpf.c.

load ../lib/common

ORACLE=$REPO_ROOT/tests/lib/jited_oracle.py

setup_file() {
	require_root_caps
	local objs=$BATS_FILE_TMPDIR/objs o
	PIN_DIR=/sys/fs/bpf/jited-test-jited-$$
	mkdir -p "$objs" "$PIN_DIR"
	for o in dump_visual prog_test load_tail load_globals; do
		compile_bpf "$PROGS/$o.bpf.c" "$objs/$o.bpf.o"
		"$BPFTOOL" prog loadall "$objs/$o.bpf.o" "$PIN_DIR/$o"
	done
	"$CLANG" -O2 -g -mcpu=v3 -target bpf -Wall -Werror -I "$REPO_ROOT/core/include" \
		-idirafter "$(multiarch_include)" -c "$PROGS/dump_jited.bpf.c" -o "$objs/dump_jited.bpf.o"
	"$BPFTOOL" prog loadall "$objs/dump_jited.bpf.o" "$PIN_DIR/dump_jited"
	export PIN_DIR
}

teardown_file() {
	if [[ -n ${PIN_DIR-} ]]; then
		rm -rf "${PIN_DIR:?}"
	fi
}

@test "prog dump jited: every instruction as llvm-objdump decodes it" {
	[[ $(uname -m) == x86_64 ]]
	local p n=0 t=$BATS_TEST_TMPDIR
	for p in "$PIN_DIR"/*/*; do
		bpfctl_to "$t/ours.txt" prog dump jited pinned "$p" opcodes
		expect_status 0
		run_bpfctl prog dump jited pinned "$p" file "$t/image.bin"
		expect_status 0
		run python3 "$ORACLE" "$t/ours.txt" "$t/image.bin"
		if [[ $status != 0 ]]; then
			echo "$p: $output" >&2
			return 1
		fi
		[[ $output == compared=* ]]
		n=$((n + 1))
	done
	((n >= 10))
}

@test "prog dump jited: functions, names, rows, opcodes" {
	local t=$BATS_TEST_TMPDIR tag
	tag=$("$BPFTOOL" -j prog show pinned "$PIN_DIR/dump_visual/dump_visual_xdp" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["tag"])')
	bpfctl_to "$t/out" prog dump jited pinned "$PIN_DIR/dump_visual/dump_visual_xdp"
	expect_status 0
	[[ $(sed -n 1p "$t/out") == "int dump_visual_xdp(struct xdp_md * ctx):" ]]
	[[ $(sed -n 2p "$t/out") == "bpf_prog_${tag}_dump_visual_xdp:" ]]
	grep -q "^int visual_sum(unsigned char \* data, unsigned char \* end):$" "$t/out"
	# sub-programs have tags of their own
	grep -Eq "^bpf_prog_[0-9a-f]{16}_visual_sum:$" "$t/out"
	grep -Eq "^bpf_prog_[0-9a-f]{16}_visual_mix:$" "$t/out"
	# each function starts at offset 0 and ends with a blank line
	[[ $(grep -c $'^   0:\t' "$t/out") == 3 ]]
	[[ $(grep -c '^$' "$t/out") == 3 ]]
	grep -q $'^   8:\tpushq\t%rbp$' "$t/out"
	grep -q $'\tretq$' "$t/out"
	grep -q '^; __sync_fetch_and_add(cnt, 1);$' "$t/out"
	bpfctl_to "$t/op" prog dump jited pinned "$PIN_DIR/dump_visual/dump_visual_xdp" opcodes
	expect_status 0
	grep -A1 $'^   8:\tpushq\t%rbp$' "$t/op" | tail -n 1 | grep -qx $'\t55 '
	# source lines with linum: file, line and column as for xlated
	bpfctl_to "$t/ln" prog dump jited pinned "$PIN_DIR/dump_visual/dump_visual_xdp" linum
	expect_status 0
	grep -Eq '^; .* \[file:.*dump_visual\.bpf\.c line_num:[0-9]+ line_col:[0-9]+\]$' "$t/ln"
	bpfctl_to "$t/xl" prog dump xlated pinned "$PIN_DIR/dump_visual/dump_visual_xdp" linum
	expect_status 0
	# every source line of the jited dump is one of the xlated dump's
	diff <(grep '^; ' "$t/ln" | sort -u | grep -vxF "$(grep '^; ' "$t/xl" | sort -u)") /dev/null
}

@test "prog dump jited -j: bpftool's JSON keys" {
	local t=$BATS_TEST_TMPDIR
	bpfctl_to "$t/j" -j prog dump jited pinned "$PIN_DIR/dump_jited/dump_jited_ops" opcodes linum
	expect_status 0
	python3 - "$t/j" <<'PY'
import json, sys
funcs = json.load(open(sys.argv[1]))
assert isinstance(funcs, list) and len(funcs) == 1, funcs
f = funcs[0]
assert f["proto"] == "int dump_jited_ops(struct __sk_buff * skb)", f["proto"]
assert f["name"].startswith("bpf_prog_") and f["name"].endswith("_dump_jited_ops"), f["name"]
insns = f["insns"]
assert insns[0]["pc"] == "0x0", insns[0]
for i in insns:
    assert set(i) <= {"pc", "operation", "operands", "opcodes", "src", "file", "line_num",
                      "line_col"}, i
    assert isinstance(i["operands"], list) and i["operands"], i
    assert all(o.startswith("0x") and len(o) == 4 for o in i["opcodes"]), i
locks = [i for i in insns if i["operation"] == "lock"]
assert locks and all(i["operands"] == [None] for i in locks), locks
mem = [i for i in insns if len(i["operands"]) >= 3 and i["operands"][1].startswith("%")]
assert mem, "a memory operand splits at '(' ',' ')'"
assert any("src" in i and "line_num" in i and "file" in i for i in insns), "linum fields"
pcs = [int(i["pc"], 16) for i in insns]
assert pcs == sorted(pcs) and all(b - a == len(i["opcodes"])
                                  for a, b, i in zip(pcs, pcs[1:], insns)), "pc steps"
PY
	# without opcodes, no "opcodes" key
	bpfctl_to "$t/j2" -j prog dump jited pinned "$PIN_DIR/dump_jited/dump_jited_ops"
	expect_status 0
	! grep -q '"opcodes"' "$t/j2"
}

@test "prog dump jited: file writes the raw image; bad requests fail cleanly" {
	local t=$BATS_TEST_TMPDIR p=$PIN_DIR/dump_visual/dump_visual_line
	run_bpfctl -j prog dump jited pinned "$p" file "$t/img"
	expect_status 0
	[[ $output == null ]]
	[[ $(stat -c %s "$t/img") == "$("$BPFTOOL" -j prog show pinned "$p" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["bytes_jited"])')" ]]
	run_bpfctl prog dump jited pinned "$p" file "$t/x" opcodes
	expect_error
	[[ ! -e $t/x ]]
	run_bpfctl prog dump jited pinned "$p" visual
	expect_error
	run_bpfctl prog dump jited pinned "$p" bogus
	expect_error
}
