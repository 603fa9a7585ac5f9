#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# "gen skeleton" / "gen subskeleton": the headers declare what bpftool's
# declare (same struct, same map and program names), compile against
# bpfcore's headers and Debian's libbpf, and run: programs built on either
# tool's skeleton, linked with bpfcore or libbpf, set globals before load,
# run and attach programs and read the results through the skeleton. Bad
# input fails cleanly and leaves no output file. examples/ builds and runs.

load ../lib/common

LIBBPFCORE=$(dirname "$BPFCTL")/libbpfcore.a
OBJS=(gen_globals gen_empty gen_rodata gen_many)

setup_file() {
	local objs=$BATS_FILE_TMPDIR/objs o
	mkdir -p "$objs"
	for o in "${OBJS[@]}"; do
		compile_bpf "$PROGS/$o.bpf.c" "$objs/$o.bpf.o" "$PROGS"
	done
}

obj() {
	printf '%s/objs/%s.bpf.o\n' "$BATS_FILE_TMPDIR" "$1"
}

# skel_struct H NAME: the body of "struct NAME { ... };" in header H,
# without bpftool's C++ members and blank lines.
skel_struct() {
	sed -n "/^struct $2 {/,/^};/p" "$1" |
		grep -v -e '__cplusplus' -e 'static inline' -e '^#endif' -e '^$'
}

# skel_tables H: the names the skeleton gives the runtime.
skel_tables() {
	grep -E '(maps|progs|vars)\[[0-9]+\]\.name = ' "$1"
}

# cc_user OUT SRC LIB [GCC-FLAGS...]: build a user program with gcc against
# bpfcore ("core") or Debian's libbpf ("libbpf").
cc_user() {
	local out=$1 src=$2 lib=$3
	shift 3
	local flags=(-O2 -Wall -Wextra -Werror -I "$PROGS" "$@")
	if [[ $lib == core ]]; then
		[[ ${SANITIZE:-} == 1 ]] && flags+=(-fsanitize=address,undefined)
		gcc "${flags[@]}" -I "$REPO_ROOT/core/include" "$src" "$LIBBPFCORE" -lelf -lz \
			-o "$out"
	else
		gcc "${flags[@]}" "$src" -lbpf -o "$out"
	fi
}

# compile_skel H LIB: H compiles (as C, with every warning) against LIB.
compile_skel() {
	local h=$1 lib=$2
	local tu=$BATS_TEST_TMPDIR/skel-tu.c
	printf '#include "gen_types.h"\n#include "%s"\nint main(void) { return 0; }\n' "$h" >"$tu"
	local inc=()
	[[ $lib == core ]] && inc=(-I "$REPO_ROOT/core/include")
	gcc -O2 -Wall -Wextra -Werror "${inc[@]}" -I "$PROGS" -c "$tu" \
		-o "$BATS_TEST_TMPDIR/skel-tu.o"
}

@test "gen help lists skeleton and subskeleton" {
	run_bpfctl gen help
	expect_status 0
	[[ $output == *"gen skeleton FILE [name OBJECT_NAME]"* ]]
	[[ $output == *"gen subskeleton FILE [name OBJECT_NAME]"* ]]
	run_bpfctl gen
	expect_status 0
	[[ $output == *"gen skeleton"* ]]
}

@test "skeleton struct and names are bpftool's, for every test object" {
	local o ours=$BATS_TEST_TMPDIR/ours.h theirs=$BATS_TEST_TMPDIR/theirs.h
	for o in "${OBJS[@]}"; do
		bpfctl_to "$ours" gen skeleton "$(obj "$o")"
		expect_status 0
		"$BPFTOOL" gen skeleton "$(obj "$o")" >"$theirs"
		diff <(skel_struct "$theirs" "${o}_bpf") <(skel_struct "$ours" "${o}_bpf")
		diff <(skel_tables "$theirs") <(skel_tables "$ours")
		grep -q "^#ifndef __${o^^}_BPF_SKEL_H__$" "$ours"
		grep -q "^${o}_bpf__assert(struct ${o}_bpf \*s" "$ours"
	done
}

@test "data sections are laid out with explicit padding at the BTF offsets" {
	local h=$BATS_TEST_TMPDIR/g.h
	bpfctl_to "$h" gen skeleton "$(obj gen_globals)"
	expect_status 0
	skel_struct "$h" gen_globals_bpf | sed -n '/__bss {/,/} \*bss;/p' >"$BATS_TEST_TMPDIR/bss"
	# runs @0, static "hidden" @8 left out, last_byte @16, last_result @24
	diff - "$BATS_TEST_TMPDIR/bss" <<'EOF2'
	struct gen_globals_bpf__bss {
		__u64 runs;
		char __pad0[8];
		char last_byte;
		char __pad1[7];
		__u64 last_result;
		__u32 getpid_calls;
	} *bss;
EOF2
	grep -q 'struct gen_globals_bpf__data_my_sec {' "$h"
	grep -q 's->maps\[[0-9]*\].name = ".data.my-sec";' "$h"
	grep -q '__builtin_offsetof(struct gen_globals_bpf__bss, last_result) == 24' "$h"
}

@test "the embedded object is the file, byte for byte" {
	local h=$BATS_TEST_TMPDIR/g.h tu=$BATS_TEST_TMPDIR/dump.c
	bpfctl_to "$h" gen skeleton "$(obj gen_many)"
	expect_status 0
	cat >"$tu" <<EOF2
#include <stdio.h>
#include "$h"
int main(void)
{
	size_t sz;
	const void *p = gen_many_bpf__elf_bytes(&sz);
	return fwrite(p, 1, sz, stdout) != sz;
}
EOF2
	gcc -O2 -Wall -Werror -I "$REPO_ROOT/core/include" "$tu" -o "$BATS_TEST_TMPDIR/dump"
	"$BATS_TEST_TMPDIR/dump" >"$BATS_TEST_TMPDIR/bytes"
	cmp "$BATS_TEST_TMPDIR/bytes" "$(obj gen_many)"
	# lines stay short, as bpftool's
	[[ $(awk 'length > 80' "$h" | wc -l) -eq 0 ]]
}

@test "object name: from the file name, sanitised as bpftool's; 'name' overrides" {
	local f=$BATS_TEST_TMPDIR/my-obj.v2.o h=$BATS_TEST_TMPDIR/h
	cp "$(obj gen_empty)" "$f"
	bpfctl_to "$h" gen skeleton "$f"
	expect_status 0
	"$BPFTOOL" gen skeleton "$f" >"$BATS_TEST_TMPDIR/bt"
	grep -q '^struct my_obj_v2 {' "$h"
	grep -q '^#ifndef __MY_OBJ_V2_SKEL_H__' "$h"
	grep -q '^struct my_obj_v2 {' "$BATS_TEST_TMPDIR/bt"
	grep -q 's->name = "my_obj_v2";' "$h"
	bpfctl_to "$h" gen skeleton "$f" name custom_Name
	expect_status 0
	grep -q '^struct custom_Name {' "$h"
	grep -q '^#ifndef __CUSTOM_NAME_SKEL_H__' "$h"
	grep -q '^custom_Name__open_and_load(void)' "$h"
}

@test "skeletons of both tools compile against bpfcore and against libbpf" {
	local o h
	for o in "${OBJS[@]}"; do
		h=$BATS_TEST_TMPDIR/$o.skel.h
		bpfctl_to "$h" gen skeleton "$(obj "$o")"
		expect_status 0
		compile_skel "$h" core
		compile_skel "$h" libbpf
		"$BPFTOOL" gen skeleton "$(obj "$o")" >"$BATS_TEST_TMPDIR/$o.bt.skel.h"
		compile_skel "$BATS_TEST_TMPDIR/$o.bt.skel.h" core
	done
}

@test "programs on either skeleton run against bpfcore and against libbpf" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR tool lib
	bpfctl_to "$d/bpfctl.skel.h" gen skeleton "$(obj gen_globals)"
	expect_status 0
	"$BPFTOOL" gen skeleton "$(obj gen_globals)" >"$d/bpftool.skel.h"
	for tool in bpfctl bpftool; do
		for lib in core libbpf; do
			cc_user "$d/user-$tool-$lib" "$PROGS/gen_user.c" "$lib" -I "$d" \
				-DSKEL_H="\"$tool.skel.h\""
			run --separate-stderr "$d/user-$tool-$lib"
			if ((status != 0)); then
				echo "$tool skeleton on $lib: $stderr" >&2
				return 1
			fi
			[[ $output == "ok runs=101 result=6398 count=20 getpid_calls=5" ]]
		done
	done
}

@test "a read-only global set before load reaches the verifier" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	bpfctl_to "$d/rodata.skel.h" gen skeleton "$(obj gen_rodata)"
	expect_status 0
	cat >"$d/rodata.c" <<'EOF2'
#include <stdio.h>
#include <bpf/bpf.h>
#include "rodata.skel.h"
int main(void)
{
	unsigned char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, run, .data_in = pkt, .data_size_in = sizeof(pkt));
	struct gen_rodata_bpf *skel = gen_rodata_bpf__open();
	int ret = 1;

	if (!skel || skel->rodata->verdict != XDP_DROP)
		return 1;
	skel->rodata->verdict = XDP_TX;
	if (gen_rodata_bpf__load(skel) ||
	    bpf_prog_test_run_opts(bpf_program__fd(skel->progs.gen_verdict), &run))
		goto out;
	printf("%u %u\n", run.retval, skel->rodata->verdict);
	ret = 0;
out:
	gen_rodata_bpf__destroy(skel);
	return ret;
}
EOF2
	local lib
	for lib in core libbpf; do
		cc_user "$d/rodata-$lib" "$d/rodata.c" "$lib" -I "$d"
		run "$d/rodata-$lib"
		expect_status 0
		[[ $output == "3 3" ]]	# XDP_TX
	done
}

@test "subskeleton: bpftool's struct, compiles against bpfcore and libbpf" {
	local h=$BATS_TEST_TMPDIR/g.subskel.h bt=$BATS_TEST_TMPDIR/bt.subskel.h
	bpfctl_to "$h" gen subskeleton "$(obj gen_globals)"
	expect_status 0
	"$BPFTOOL" gen subskeleton "$(obj gen_globals)" >"$bt"
	grep -q '^#ifndef __GEN_GLOBALS_BPF_SUBSKEL_H__' "$h"
	diff <(skel_struct "$bt" gen_globals_bpf | sed 's/typeof(/__typeof__(/') \
		<(skel_struct "$h" gen_globals_bpf)
	diff <(skel_tables "$bt" | sort) <(skel_tables "$h" | sort)
	compile_skel "$h" core
	compile_skel "$h" libbpf
}

@test "subskeleton variables point into the skeleton's memory, before and after load" {
	local skel=$BATS_TEST_TMPDIR/g.skel.h sub=$BATS_TEST_TMPDIR/lib.subskel.h lib
	bpfctl_to "$skel" gen skeleton "$(obj gen_globals)"
	expect_status 0
	bpfctl_to "$sub" gen subskeleton "$(obj gen_globals)" name gen_lib
	expect_status 0
	for lib in core libbpf; do
		cc_user "$BATS_TEST_TMPDIR/sub_$lib" "$PROGS/gen_subskel_user.c" "$lib" \
			-DSKEL_H="\"$skel\"" -DSUBSKEL_H="\"$sub\""
		run "$BATS_TEST_TMPDIR/sub_$lib"
		[ "$status" -eq 0 ] || { echo "$lib: $output"; return 1; }
		[[ $output == ok ]]
	done
}

@test "-o FILE holds what stdout shows" {
	local f=$BATS_TEST_TMPDIR/out.h
	run_bpfctl -o "$f" gen skeleton "$(obj gen_rodata)"
	expect_status 0
	[[ -z $output ]]
	bpfctl_to "$BATS_TEST_TMPDIR/stdout.h" gen skeleton "$(obj gen_rodata)"
	cmp "$f" "$BATS_TEST_TMPDIR/stdout.h"
}

@test "bad input: clear error, no output, no file with -o" {
	local d=$BATS_TEST_TMPDIR f
	echo "not an object" >"$d/text.o"
	head -c 2000 "$(obj gen_globals)" >"$d/truncated.o"
	for f in "$d/missing.o" "$d/text.o" "$d/truncated.o" "$d" /bin/true; do
		run_bpfctl -o "$d/out.h" gen skeleton "$f"
		expect_error
		[[ $stderr == *"'$f'"* ]]
		[[ ! -e $d/out.h ]]
		run_bpfctl gen subskeleton "$f"
		expect_error
		[[ -z $output ]]
	done
	run_bpfctl gen skeleton "$(obj gen_empty)" name 9lives
	expect_error
	[[ $stderr == *"'9lives' is not a C identifier"* ]]
	run_bpfctl gen skeleton "$(obj gen_empty)" name a name b
	expect_error
	run_bpfctl gen skeleton "$(obj gen_empty)" colour blue
	expect_error
	run_bpfctl gen skeleton
	expect_error
	run_bpfctl -j gen skeleton "$(obj gen_empty)"
	expect_status 255
	json_valid <<<"$output"
	[[ $output == *"not supported"* ]]
}

@test "a file that is not ELF: each command names the file, not an internal buffer" {
	local f=$BATS_TEST_TMPDIR/x.txt
	echo "hello" >"$f"
	for cmd in "gen skeleton" "gen subskeleton"; do
		run_bpfctl $cmd "$f"
		expect_error
		[[ $stderr == *"can't open '$f'"*"is not an ELF file"* ]]
		[[ ! $stderr =~ \'[0-9a-f]{6,}-[0-9a-f]+\' ]]
	done
	run_bpfctl prog load "$f" /sys/fs/bpf/bpfctl-gen-not-elf
	expect_error
	[[ $stderr == *"'$f' is not an ELF file"* ]]
	[[ ! -e /sys/fs/bpf/bpfctl-gen-not-elf ]]
	run_bpfctl btf dump file "$f"
	expect_error
	[[ $stderr == *"'$f' is neither an ELF object nor raw BTF"* ]]
}

@test "a .bss of 3 GB in a 12 KB object is refused before it is allocated" {
	local f=$REPO_ROOT/tests/fuzz/regress/elf_open/bss-3g.o
	run_bpfctl -o "$BATS_TEST_TMPDIR/out.h" gen skeleton "$f"
	expect_error
	[[ $stderr == *"section '.bss': 3221225472 bytes, more than the 4194304 a map value may have"* ]]
	[[ ! -e $BATS_TEST_TMPDIR/out.h ]]
}

@test "examples/ builds from scratch with its Makefile and runs" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR/ex
	cp -r "$REPO_ROOT/examples" "$d"
	make -C "$d" -s BPFCTL="$BPFCTL" BPFCORE_LIB="$LIBBPFCORE" \
		BPFCORE_INCLUDE="$REPO_ROOT/core/include" ${SANITIZE:+SANITIZE=$SANITIZE} >&2
	[[ -f $d/vmlinux.h && -f $d/execsnoop.skel.h && -x $d/execsnoop ]]
	run --separate-stderr "$d/execsnoop" -n 3 -- /bin/true
	expect_status 0
	[[ ${lines[0]} == "watching execve() for 3 runs of /bin/true" ]]
	[[ ${lines[-1]} == "execve() calls seen: 3" ]]
}

@test "examples/ builds against an installed bpfcore found by pkg-config" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR prefix=$BATS_TEST_TMPDIR/prefix
	make -C "$REPO_ROOT" -s install PREFIX="$prefix" BUILD="$(dirname "$BPFCTL")" >/dev/null
	cp -r "$REPO_ROOT/examples" "$d/ex"
	PKG_CONFIG_PATH=$prefix/lib/pkgconfig make -C "$d/ex" -s BPFCTL="$prefix/sbin/bpfctl" \
		${SANITIZE:+SANITIZE=$SANITIZE} >&2
	run --separate-stderr "$d/ex/execsnoop" -n 2 -- /bin/true
	expect_status 0
	[[ ${lines[-1]} == "execve() calls seen: 2" ]]
}
