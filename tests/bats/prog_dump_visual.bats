#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl prog dump xlated PROG visual: the control flow graph in DOT, in
# the shape of bpftool 7.8, checked against Debian's bpftool 7.1 on real
# programs with branches, a loop, a switch and sub-program calls
# (tests/progs/dump_visual.bpf.c, tests/progs/prog_test.bpf.c). bpftool
# 7.8 changed the text 7.1 prints: rows lose their number padding and the
# " | " around "|", the label opens with "{\" and a newline, rows gain the
# function signature and source lines from BTF, and sub-program calls
# their callee's name. tests/lib/dot_graph.py as71 undoes exactly these
# changes; what is left must be 7.1's output byte for byte. The output
# must also parse as DOT (dot_graph.py check; graphviz is not needed).

load ../lib/common

DOT=$REPO_ROOT/tests/lib/dot_graph.py
PROGS_VISUAL="v/dump_visual_xdp v/dump_visual_sock v/dump_visual_line
	t/prog_test_xdp_long_name t/prog_test_sock"

setup_file() {
	require_root_caps
	local objs=$BATS_FILE_TMPDIR/objs
	PIN_DIR=/sys/fs/bpf/jited-test-visual-$$
	mkdir -p "$objs" "$PIN_DIR"
	compile_bpf "$PROGS/dump_visual.bpf.c" "$objs/dump_visual.bpf.o"
	compile_bpf "$PROGS/prog_test.bpf.c" "$objs/prog_test.bpf.o"
	"$BPFTOOL" prog loadall "$objs/dump_visual.bpf.o" "$PIN_DIR/v"
	"$BPFTOOL" prog loadall "$objs/prog_test.bpf.o" "$PIN_DIR/t"
	export PIN_DIR
}

teardown_file() {
	if [[ -n ${PIN_DIR-} ]]; then
		rm -rf "${PIN_DIR:?}"
	fi
}

prog_id() {
	"$BPFTOOL" -j prog show pinned "$PIN_DIR/$1" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

@test "prog dump xlated visual: bpftool 7.1's graph, in bpftool 7.8's text" {
	local p id t=$BATS_TEST_TMPDIR
	for p in $PROGS_VISUAL; do
		id=$(prog_id "$p")
		bpfctl_to "$t/ours.dot" prog dump xlated id "$id" visual
		expect_status 0
		"$BPFTOOL" prog dump xlated id "$id" visual >"$t/theirs.dot"
		python3 "$DOT" as71 "$t/ours.dot" >"$t/ours71.dot"
		same_file "$t/theirs.dot" "$t/ours71.dot"
		python3 "$DOT" check "$t/ours.dot"
		# the same graph, compared structurally too
		diff <(python3 "$DOT" canon "$t/theirs.dot") <(python3 "$DOT" canon "$t/ours.dot")
	done
}

@test "prog dump xlated visual: clusters per function, loops, annotations" {
	local t=$BATS_TEST_TMPDIR
	bpfctl_to "$t/g.dot" prog dump xlated pinned "$PIN_DIR/v/dump_visual_xdp" visual
	expect_status 0
	run python3 "$DOT" check "$t/g.dot"
	[[ $status == 0 ]]
	# main, visual_sum, visual_mix
	[[ $output == clusters=3* ]]
	[[ $(head -n 1 "$t/g.dot") == 'digraph "DOT graph for eBPF program" {' ]]
	grep -q '^	label="func_2 ()";$' "$t/g.dot"
	grep -q '^	fn_1_bb_0:s -> fn_1_bb_1:n \[style="invis", constraint=true\];$' "$t/g.dot"
	grep -q '^; int dump_visual_xdp(struct xdp_md \* ctx):\\l\\$' "$t/g.dot"
	grep -q '^; int visual_sum(unsigned char \* data, unsigned char \* end):\\l\\$' "$t/g.dot"
	grep -q 'call pc+[0-9]*#bpf_prog_[0-9a-f]*_visual_sum\\l\\$' "$t/g.dot"
	# source lines escape what DOT records treat as syntax
	grep -q '^\(| \)\?; __u32\\ key\\ =\\ ctx-\\>rx_queue_index\\ &\\ 7;\\l\\$' "$t/g.dot"
	# the loop of visual_sum: an edge back to an earlier block
	python3 - "$t/g.dot" <<'PY'
import re, sys
edges = re.findall(r'fn_1_bb_(\d+):s -> fn_1_bb_(\d+):n \[style="solid', open(sys.argv[1]).read())
assert any(int(d) > 1 and int(d) < int(s) for s, d in edges), edges
PY
}

@test "prog dump xlated visual opcodes linum: bytes and source positions in the rows" {
	local t=$BATS_TEST_TMPDIR
	bpfctl_to "$t/g.dot" prog dump xlated pinned "$PIN_DIR/v/dump_visual_xdp" visual opcodes linum
	expect_status 0
	python3 "$DOT" check "$t/g.dot"
	grep -q '^; \[\(\.\.\.\)\?[^ ]*dump_visual\.bpf\.c line:[0-9]* col:[0-9]*\]\\l\\$' "$t/g.dot"
	# each instruction row followed by its bytes; a 64-bit load by 16
	grep -q '^\\ \\ \\ \\ 79 16 08 00 00 00 00 00\\l\\$' "$t/g.dot"
	grep -Eq '^\\ \\ \\ \\ 18( [0-9a-f]{2}){15}\\l\\$' "$t/g.dot"
	# the same rows as the plain dump with opcodes, in the same order
	bpfctl_to "$t/plain" prog dump xlated pinned "$PIN_DIR/v/dump_visual_xdp" opcodes
	expect_status 0
	diff <(grep -E '^ +[0-9a-f]{2}( [0-9a-f]{2}){7}' "$t/plain" | sed 's/^ *//') \
		<(grep '^\\ \\ \\ \\ ' "$t/g.dot" | sed 's/^\(\\ \)\{4\}//; s/\\l\\$//')
}

@test "prog dump xlated visual: refused with JSON, jited or file" {
	run_bpfctl -j prog dump xlated pinned "$PIN_DIR/v/dump_visual_line" visual
	[[ $status == 255 && $output == '{"error":'*JSON* ]]
	run_bpfctl prog dump jited pinned "$PIN_DIR/v/dump_visual_line" visual
	expect_error
	run_bpfctl prog dump xlated pinned "$PIN_DIR/v/dump_visual_line" visual file "$BATS_TEST_TMPDIR/x"
	expect_error
	[[ ! -e $BATS_TEST_TMPDIR/x ]]
}

@test "prog dump: completion offers visual after xlated, opcodes and linum after both" {
	# shellcheck source=/dev/null
	source "$REPO_ROOT/bash-completion/bpfctl"
	local line
	for line in "bpfctl prog dump xlated id 1 " "bpfctl prog dump jited id 1 "; do
		read -r -a COMP_WORDS <<<"$line"
		COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_bpfctl 2>/dev/null
		if [[ $line == *xlated* ]]; then
			[[ " ${COMPREPLY[*]} " == *" visual "* && " ${COMPREPLY[*]} " == *" linum "* ]]
		else
			[[ " ${COMPREPLY[*]} " != *" visual "* && " ${COMPREPLY[*]} " == *" opcodes "* ]]
		fi
	done
	run_bpfctl prog help
	[[ $stderr$output == *"dump xlated PROG [{ file FILE | [opcodes] [linum] [visual] }]"* ]]
	[[ $stderr$output == *"dump jited  PROG [{ file FILE | [opcodes] [linum] }]"* ]]
}
