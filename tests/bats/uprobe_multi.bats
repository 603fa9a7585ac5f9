#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# uprobe.multi, uretprobe.multi and uprobe.session links on the real
# kernel: bpf_program__attach_uprobe_multi() with a pattern, syms, offsets,
# cookies and a pid (tests/helpers/uprobe_multi_attach.c, built against
# libbpfcore.a), and auto-attach from SEC() through "bpfctl prog loadall
# ... autoattach". The target (tests/helpers/uprobe_multi_target.c) calls
# uprobe_multi_target_fn_a/b/c a known number of times; the programs
# (tests/progs/uprobe_multi.bpf.c) count per function. Then "link show"
# of the links, detach and unpinning, kprobe.session (no fprobe on this
# kernel: a clear error) and bad input, leaving nothing behind.

load ../lib/common

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-umulti-$$
	export HELPER=$BATS_FILE_TMPDIR/uprobe_multi_attach
	export TARGET=$BATS_FILE_TMPDIR/uprobe_multi_target
	export OBJ=$BATS_FILE_TMPDIR
	build_helper "$HELPER" "$REPO_ROOT/tests/helpers/uprobe_multi_attach.c"
	# no optimisation: no clones or inlined copies of the probed functions
	cc -O0 -g -o "$TARGET" "$REPO_ROOT/tests/helpers/uprobe_multi_target.c"
	local arch
	case $(uname -m) in
	x86_64) arch=x86 ;;
	aarch64) arch=arm64 ;;
	*) arch=$(uname -m) ;;
	esac
	printf '#define UMULTI_BINARY "%s"\n#define __TARGET_ARCH_%s\n' "$TARGET" "$arch" \
		>"$OBJ/uprobe_multi_target.h"
	local p
	for p in uprobe_multi uprobe_multi_auto; do
		compile_bpf "$PROGS/$p.bpf.c" "$OBJ/$p.o" "$OBJ"
	done
	compile_bpf "$PROGS/uprobe_multi_ksession.bpf.c" "$OBJ/uprobe_multi_ksession.o"
}

setup() {
	require_root_caps
	mkdir -p "$PIN"
}

teardown() {
	# unpinning releases the links, which detaches them
	rm -rf "$PIN"
	if [[ -n ${WAITER_PID-} ]]; then
		kill "$WAITER_PID" 2>/dev/null || true
		wait "$WAITER_PID" 2>/dev/null || true
	fi
}

# Slots of the counts map (see uprobe_multi.bpf.c), three per function a/b/c.
S_ENTRY=0 S_RETURN=3 S_SESSION_ENTRY=6 S_SESSION_RETURN=9 S_COOKIE_OK=12 S_COOKIE_BAD=15

link_ids() {
	"$BPFTOOL" -j link show | python3 -c 'import json,sys; [print(l["id"]) for l in json.load(sys.stdin)]'
}

# link_gone ID: the kernel has no link ID (any more).
link_gone() {
	if link_ids | grep -qx "$1"; then
		echo "link $1 still exists" >&2
		return 1
	fi
}

# links_of_type TYPE [PATH]: how many links of TYPE (on PATH) the kernel
# has; unlike a count of all links, immune to other suites running at once.
links_of_type() {
	"$BPFCTL" -j link show | python3 -c '
import json, sys
links = json.load(sys.stdin)
print(sum(1 for l in links if l["type"] == sys.argv[1] and sys.argv[2] in ("", l.get("path"))))
' "$1" "${2-}"
}

# attach PROG OPTION...: the C API attach of PROG to TARGET, link pinned at
# $PIN/link and the counts at $PIN/counts.
attach() {
	local prog=$1
	shift
	run --separate-stderr "$HELPER" attach "$OBJ/uprobe_multi.o" "$prog" "$PIN" "$TARGET" "$@"
	no_sanitizer_report
	if ((status != 0)); then
		printf 'attach failed: %s\n%s\n' "$output" "$stderr" >&2
		return 1
	fi
}

# slots FIRST: the three counts of functions a, b, c from slot FIRST on.
slots() {
	local all
	read -ra all < <("$HELPER" counts "$PIN/counts")
	echo "${all[$1]} ${all[$1 + 1]} ${all[$1 + 2]}"
}

# expect_slots FIRST "A B C": the three counts from slot FIRST.
expect_slots() {
	local got
	got=$(slots "$1")
	if [[ $got != "$2" ]]; then
		printf 'counts from slot %s: got "%s", expected "%s"\n' "$1" "$got" "$2" >&2
		return 1
	fi
}

# file_offset FUNC: FUNC's offset in TARGET's file, from readelf: its
# address less .text's address plus .text's file offset.
file_offset() {
	local addr sec_addr sec_off
	addr=$(readelf -sW "$TARGET" | awk -v f="$1" '$8 == f { print $2; exit }')
	read -r sec_addr sec_off < <(readelf -SW "$TARGET" |
		sed 's/^ *\[ *[0-9]*\]//' | awk '$1 == ".text" { print $3, $4; exit }')
	printf '0x%x\n' $((16#$addr - 16#$sec_addr + 16#$sec_off))
}

@test "C API: a pattern probes every matching function, counts per function exact" {
	attach umulti_entry 'pattern=uprobe_multi_target_fn_?'
	"$TARGET" 1 2 3
	# uprobe_multi_target_other(0) is not matched: function a counted once
	expect_slots $S_ENTRY "1 2 3"
	"$TARGET" 2 0 5
	expect_slots $S_ENTRY "3 2 8"
	expect_slots $S_COOKIE_OK "0 0 0"
	run_bpfctl -j link show pinned "$PIN/link"
	expect_status 0
	[[ $(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["type"], d["func_cnt"], d["retprobe"], d["path"])' <<<"$output") == "uprobe_multi 3 False $TARGET" ]]
}

@test "C API: a character class and '*' pattern; the binary found through PATH" {
	attach umulti_entry 'pattern=uprobe_multi_target_fn_[ac]'
	"$TARGET" 4 4 4
	expect_slots $S_ENTRY "4 0 4"
	rm -rf "$PIN" && mkdir -p "$PIN"
	PATH=$(dirname "$TARGET"):$PATH run --separate-stderr "$HELPER" attach \
		"$OBJ/uprobe_multi.o" umulti_entry "$PIN" "$(basename "$TARGET")" 'pattern=*_fn_*'
	expect_status 0
	"$TARGET" 1 1 2
	expect_slots $S_ENTRY "1 1 2"
	run_bpfctl -j link show pinned "$PIN/link"
	[[ $output == *"\"path\": \"$TARGET\""* || $output == *"\"path\":\"$TARGET\""* ]]
}

@test "C API: a stripped system library: libc.so.6 searched, its .dynsym matched, a versioned name" {
	run --separate-stderr "$HELPER" attach "$OBJ/uprobe_multi.o" umulti_entry "$PIN" libc.so.6 \
		'pattern=getpp*'
	expect_status 0
	run_bpfctl -j link show pinned "$PIN/link"
	expect_status 0
	local libc
	libc=$(python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["func_cnt"] >= 1; print(d["path"])' <<<"$output")
	[[ $libc == /*/libc.so.6 ]]
	# "malloc@@GLIBC_2.2.5" in readelf's listing: asked for as "malloc@GLIBC_2.2.5"
	local malloc
	malloc=$(readelf -W --dyn-syms "$libc" | awk '$8 ~ /^malloc@/ { sub("@@", "@", $8); print $8; exit }')
	[[ $malloc == malloc@GLIBC_* ]]
	rm -rf "$PIN" && mkdir -p "$PIN"
	run --separate-stderr "$HELPER" attach "$OBJ/uprobe_multi.o" umulti_entry "$PIN" libc.so.6 \
		"syms=getppid,$malloc,free"
	expect_status 0
	run_bpfctl -j link show pinned "$PIN/link"
	[[ $(python3 -c 'import json,sys; print(json.load(sys.stdin)["func_cnt"])' <<<"$output") == 3 ]]
}

@test "C API: syms with cookies, each function's cookie seen by bpf_get_attach_cookie" {
	attach umulti_entry syms=uprobe_multi_target_fn_a,uprobe_multi_target_fn_b,uprobe_multi_target_fn_c \
		cookies=0xc0,0xc1,0xc2
	"$TARGET" 1 2 3
	expect_slots $S_ENTRY "1 2 3"
	expect_slots $S_COOKIE_OK "1 2 3"
	[[ $(slots $S_COOKIE_BAD) == "0 "* ]]
}

@test "C API: cookies follow their function: swapped cookies are seen as wrong" {
	attach umulti_entry syms=uprobe_multi_target_fn_c,uprobe_multi_target_fn_a cookies=0xc0,0xc2
	"$TARGET" 1 2 3
	expect_slots $S_ENTRY "1 0 3"
	expect_slots $S_COOKIE_OK "0 0 0"
	[[ $(slots $S_COOKIE_BAD) == "4 "* ]]
}

@test "C API: offsets (from readelf) with zero ref_ctr_offsets" {
	local b c
	b=$(file_offset uprobe_multi_target_fn_b)
	c=$(file_offset uprobe_multi_target_fn_c)
	attach umulti_entry "offsets=$b,$c" refctr=0,0 cookies=0xc1,0xc2
	"$TARGET" 3 3 3
	expect_slots $S_ENTRY "0 3 3"
	expect_slots $S_COOKIE_OK "0 3 3"
}

@test "C API: uretprobe.multi counts the returns per function" {
	attach umulti_return 'pattern=uprobe_multi_target_fn_*' retprobe
	"$TARGET" 1 2 3
	expect_slots $S_RETURN "1 2 3"
	expect_slots $S_ENTRY "0 0 0"
	run_bpfctl -j link show pinned "$PIN/link"
	[[ $(python3 -c 'import json,sys; print(json.load(sys.stdin)["retprobe"])' <<<"$output") == True ]]
	run_bpfctl link show pinned "$PIN/link"
	[[ $output == *$'\n\turetprobe.multi  path '"$TARGET"'  func_cnt 3  '$'\n'* ]]
}

@test "C API: uprobe.session: function b's entry returns 1, its return probe never runs" {
	attach umulti_session 'pattern=uprobe_multi_target_fn_?' session
	"$TARGET" 1 2 3
	expect_slots $S_SESSION_ENTRY "1 2 3"
	expect_slots $S_SESSION_RETURN "1 0 3"
	"$TARGET" 2 2 2
	expect_slots $S_SESSION_ENTRY "3 4 5"
	expect_slots $S_SESSION_RETURN "3 0 5"
}

@test "C API: a pid filter counts only that process" {
	# fd 3 is bats' own
	mkfifo "$BATS_TEST_TMPDIR/go"
	"$TARGET" 1 2 3 wait <"$BATS_TEST_TMPDIR/go" &
	WAITER_PID=$!
	exec 7>"$BATS_TEST_TMPDIR/go"
	local i
	for ((i = 0; i < 100; i++)); do
		[[ $(readlink "/proc/$WAITER_PID/exe") == "$TARGET" ]] && break
		sleep 0.05
	done
	attach umulti_entry 'pattern=uprobe_multi_target_fn_?' "pid=$WAITER_PID"
	# another process calling the same functions is not counted
	"$TARGET" 5 5 5
	expect_slots $S_ENTRY "0 0 0"
	echo go >&7
	exec 7>&-
	wait "$WAITER_PID"
	WAITER_PID=
	expect_slots $S_ENTRY "1 2 3"
}

@test "link show: a uprobe_multi link's path, pid and probes (offset, ref_ctr_offset, cookie), text and JSON" {
	local a c
	a=$(file_offset uprobe_multi_target_fn_a)
	c=$(file_offset uprobe_multi_target_fn_c)
	attach umulti_entry syms=uprobe_multi_target_fn_a,uprobe_multi_target_fn_c cookies=0xc0,0xc2 "pid=$$"
	local id
	id=$("$BPFTOOL" -j link show pinned "$PIN/link" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	run_bpfctl link show id "$id"
	expect_status 0
	local want
	want=$(printf '%s: uprobe_multi  prog %s  \n\tuprobe.multi  path %s  func_cnt 2  pid %d  \n\t%-16s   %-16s   %-16s\n\t0x%-16x 0x%-16x 0x%-16x\n\t0x%-16x 0x%-16x 0x%-16x' \
		"$id" "$("$BPFTOOL" -j link show id "$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["prog_id"])')" \
		"$TARGET" $$ offset ref_ctr_offset cookies "$a" 0 0xc0 "$c" 0 0xc2)
	[[ $output == "$want"* ]] || { printf 'got:\n%s\nwant:\n%s\n' "$output" "$want" >&2; false; }
	run_bpfctl -j link show id "$id"
	expect_status 0
	python3 - "$output" "$id" "$TARGET" $$ $((a)) $((c)) <<'PY'
import json, sys
d = json.loads(sys.argv[1])
link_id, target, pid, a, c = int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
assert d["id"] == link_id and d["type"] == "uprobe_multi", d
assert d["retprobe"] is False and d["path"] == target and d["func_cnt"] == 2 and d["pid"] == pid, d
assert d["funcs"] == [{"offset": a, "ref_ctr_offset": 0, "cookie": 0xc0},
                      {"offset": c, "ref_ctr_offset": 0, "cookie": 0xc2}], d["funcs"]
PY
	# a pid of 0 (every process) is left out of the text
	rm -rf "$PIN" && mkdir -p "$PIN"
	attach umulti_entry 'pattern=uprobe_multi_target_fn_b'
	run_bpfctl link show pinned "$PIN/link"
	[[ $output == *$'\n\tuprobe.multi  path '"$TARGET"'  func_cnt 1  '$'\n\toffset '* ]]
}

@test "link detach: the kernel can't detach uprobe_multi links, said clearly; rm of the pin releases the link" {
	attach umulti_entry 'pattern=uprobe_multi_target_fn_?'
	"$TARGET" 1 1 1
	expect_slots $S_ENTRY "1 1 1"
	local id
	id=$("$BPFTOOL" -j link show pinned "$PIN/link" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	# uprobe_multi links have no detach operation in the kernel (6.18)
	run_bpfctl link detach pinned "$PIN/link"
	expect_error
	[[ $stderr == *"can't detach link id $id (uprobe_multi): Operation not supported"* ]]
	"$TARGET" 1 1 1
	expect_slots $S_ENTRY "2 2 2"
	link_ids | grep -qx "$id"
	rm "$PIN/link"
	link_gone "$id"
	"$TARGET" 1 1 1
	expect_slots $S_ENTRY "2 2 2"
}

@test "loadall autoattach: uprobe.multi, sleepable uretprobe.multi and uprobe.session from SEC()" {
	run_bpfctl prog loadall "$OBJ/uprobe_multi_auto.o" "$PIN/progs" pinmaps "$PIN/maps" autoattach
	expect_status 0
	local p
	for p in umulti_entry umulti_return umulti_session; do
		run_bpfctl -j link show pinned "$PIN/progs/$p"
		expect_status 0
		[[ $output == *'"type": "uprobe_multi"'* || $output == *'"type":"uprobe_multi"'* ]]
	done
	ln -s "$PIN/maps/counts" "$PIN/counts"
	"$TARGET" 1 2 3
	expect_slots $S_ENTRY "1 2 3"
	expect_slots $S_RETURN "1 2 3"
	expect_slots $S_SESSION_ENTRY "1 2 3"
	expect_slots $S_SESSION_RETURN "1 0 3"
	local ids
	ids=$(for p in umulti_entry umulti_return umulti_session; do
		"$BPFTOOL" -j link show pinned "$PIN/progs/$p" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
	done)
	rm -rf "$PIN/progs"
	for p in $ids; do
		link_gone "$p"
	done
}

@test "kprobe.session: this kernel has no fprobe, the C API and autoattach say so, nothing is left" {
	run --separate-stderr "$HELPER" ksession "$OBJ/uprobe_multi_ksession.o" ksession_nanosleep 'do_nano*'
	no_sanitizer_report
	expect_attach_error "prog 'ksession_nanosleep': can't attach kprobe.session to 'do_nano\*': kernel built without kprobe.multi support"
	run_bpfctl prog loadall "$OBJ/uprobe_multi_ksession.o" "$PIN/progs" autoattach
	expect_error
	[[ $stderr == *"can't attach kprobe.session to 'do_nano*': kernel built without kprobe.multi support"* ]]
	[[ ! -e $PIN/progs ]]
	(($(links_of_type kprobe_multi) == 0))
}

@test "bad input: errors name the program, the binary and the pattern; nothing is left" {
	local o=$OBJ/uprobe_multi.o
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET" 'pattern=bpfctl_nomatch*'
	expect_attach_error "prog 'umulti_entry': can't attach uprobe.multi to '.*uprobe_multi_target:bpfctl_nomatch\*': no function matching 'bpfctl_nomatch\*' in '.*uprobe_multi_target'"
	[[ $output == "failed: errno 2 "* ]]
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" /nonexistent/bpfctl 'pattern=f*'
	expect_attach_error "can't attach uprobe.multi to '/nonexistent/bpfctl:f\*': no such binary or library '/nonexistent/bpfctl'"
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" /etc/hostname 'pattern=f*'
	expect_attach_error "can't attach uprobe.multi to '/etc/hostname:f\*': not an ELF file"
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" - 'pattern=f*'
	expect_attach_error "prog 'umulti_entry': can't attach uprobe.multi: no binary given"
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET" cnt=2
	expect_attach_error "needs either syms or offsets \(one of them\) with cnt"
	[[ $output == "failed: errno 22 "* ]]
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET"
	expect_attach_error "needs a pattern, or cnt with syms or offsets"
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET" syms=uprobe_multi_target_fn_a offsets=0x1000
	expect_attach_error "needs either syms or offsets"
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET" 'pattern=*' cookies=1
	expect_attach_error "a pattern excludes syms, offsets, ref_ctr_offsets, cookies and cnt"
	run --separate-stderr "$HELPER" attach "$o" umulti_session "$PIN" "$TARGET" 'pattern=*' session retprobe
	expect_attach_error "can't attach uprobe.session: a session can't be a return probe"
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET" syms=uprobe_multi_target_fn_a,bpfctl_nosuch
	expect_attach_error "can't attach uprobe.multi to 2 functions in '.*': no function 'bpfctl_nosuch' in '.*uprobe_multi_target'"
	# the kernel's refusals, explained
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET" offsets=0x7fffffff
	expect_attach_error "can't attach uprobe.multi to 1 offset in '.*': the kernel refused an offset"
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET" 'pattern=*_fn_a' pid=2147483646
	expect_attach_error "can't attach uprobe.multi to '.*:\*_fn_a': no process 2147483646"
	[[ $output == "failed: errno 3 "* ]]
	# a program loaded for another attach type
	run --separate-stderr "$HELPER" attach "$o" umulti_session "$PIN" "$TARGET" 'pattern=*_fn_a'
	expect_attach_error "prog 'umulti_session': can't attach uprobe.multi to '.*': the program was not loaded as uprobe.multi \(SEC\(\"uprobe.session\"\) declares trace_uprobe_session\)"
	run --separate-stderr "$HELPER" attach "$o" umulti_entry "$PIN" "$TARGET" 'pattern=*_fn_a' session
	expect_attach_error "the program was not loaded as uprobe.session"
	[[ ! -e $PIN/link ]]
	(($(links_of_type uprobe_multi "$TARGET") == 0))
}
