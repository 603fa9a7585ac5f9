#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# Light skeletons: "gen skeleton -L" and the bpf_object__gen_loader() it
# is built on. A user program (tests/helpers/gen_light_user.c) built with
# libc only against the light skeleton of tests/progs/gen_light.bpf.c sets
# globals, loads (the loader program creates the maps, loads the programs
# and has the kernel apply a CO-RE relocation), attaches a raw tracepoint
# program through __attach() and a tracepoint program through a perf
# event, triggers getpgid() and checks every counter. The same program
# builds and runs against bpftool 7.1's light skeleton of the object, and
# with libbpf's skel_internal.h in place of ours. Loads that fail say
# which step of the loader failed and leave no fd open.

load ../lib/common

setup_file() {
	local d=$BATS_FILE_TMPDIR
	compile_bpf "$PROGS/gen_light.bpf.c" "$d/gen_light.bpf.o"
	compile_bpf "$PROGS/gen_light_slots.bpf.c" "$d/gen_light_slots.bpf.o"
	# compile_bpf takes include directories only: the -D variant by hand
	"$CLANG" -O2 -g -target bpf -Wall -Werror -DGEN_LIGHT_REJECT -I "$REPO_ROOT/core/include" \
		-I "$BPF_GEN_INCLUDE" -idirafter "$(multiarch_include)" \
		-c "$PROGS/gen_light.bpf.c" -o "$d/gen_light_reject.bpf.o"
}

obj() {
	printf '%s/%s.bpf.o\n' "$BATS_FILE_TMPDIR" "$1"
}

# light_header DIR OBJ [GEN-ARGS...]: DIR/gen_light.lskel.h from bpfctl.
light_header() {
	local dir=$1 o=$2
	shift 2
	mkdir -p "$dir"
	bpfctl_to "$dir/gen_light.lskel.h" "$@" gen skeleton -L "$o" name gen_light
	expect_status 0
}

# build_user OUT HEADER_DIR SKEL_INTERNAL_DIR: the user program, libc only.
build_user() {
	local out=$1 hdr=$2 skel=$3
	gcc -O2 -Wall -Wextra -Werror -I "$hdr" -I "$skel" -I "$REPO_ROOT/tests/helpers" \
		-o "$out" "$REPO_ROOT/tests/helpers/gen_light_user.c"
}

# run_user EXE N STEP: runs it and checks each count against N and STEP.
run_user() {
	run --separate-stderr "$1" "$2" "$3"
	if ((status != 0)); then
		printf 'status %s\nstdout: %s\nstderr: %s\n' "$status" "$output" "$stderr" >&2
		return 1
	fi
	[[ $output == *"tp_hits $(($2 * $3)) raw_hits $2 btf_hits $2 counts $2 ring $2 core_tgid ok step $3"* ]]
	[[ $output == *"fds leaked 0"* ]]
}

@test "gen help shows -L; -L before gen, --use-loader and -L after skeleton give one header" {
	run_bpfctl gen help
	expect_status 0
	[[ $output == *"gen skeleton {-L|--use-loader} FILE [name OBJECT_NAME]"* ]]
	local d=$BATS_TEST_TMPDIR
	bpfctl_to "$d/a.h" gen skeleton -L "$(obj gen_light)"
	expect_status 0
	bpfctl_to "$d/b.h" -L gen skeleton "$(obj gen_light)"
	expect_status 0
	bpfctl_to "$d/c.h" gen skeleton "$(obj gen_light)" --use-loader
	expect_status 0
	same_file "$d/a.h" "$d/b.h"
	same_file "$d/a.h" "$d/c.h"
	grep -q '^#include <bpf/skel_internal.h>$' "$d/a.h"
	not_in_file 'libbpf\.h|bpf_object' "$d/a.h"
}

@test "the light skeleton declares what bpftool 7.1's declares" {
	local d=$BATS_TEST_TMPDIR
	light_header "$d/ours" "$(obj gen_light)"
	"$BPFTOOL" gen skeleton -L "$(obj gen_light)" name gen_light >"$d/theirs.h"
	# the struct: loader context, map and program descs, links, typed data
	diff <(sed -n '/^struct gen_light {/,/^};/p' "$d/theirs.h") \
		<(sed -n '/^struct gen_light {/,/^};/p' "$d/ours/gen_light.lskel.h")
	# the functions
	diff <(grep -oE '^gen_light__[a-z_]+\(' "$d/theirs.h" | sort) \
		<(grep -oE '^gen_light__[a-z_]+\(' "$d/ours/gen_light.lskel.h" | sort)
	# the same attach calls: a raw tracepoint by name, tp_btf by its program,
	# none for the tracepoint
	grep -q 'skel_raw_tracepoint_open("sys_enter", prog_fd)' "$d/ours/gen_light.lskel.h"
	grep -q 'skel_raw_tracepoint_open(NULL, prog_fd)' "$d/ours/gen_light.lskel.h"
	grep -q 'auto-attach not supported' "$d/ours/gen_light.lskel.h"
}

@test "gen.bats' objects: light skeletons declare bpftool's names and compile with gcc and clang" {
	local d=$BATS_TEST_TMPDIR o
	for o in gen_globals gen_empty gen_rodata gen_many; do
		compile_bpf "$PROGS/$o.bpf.c" "$d/$o.bpf.o" "$PROGS"
		bpfctl_to "$d/ours.h" gen skeleton -L "$d/$o.bpf.o"
		expect_status 0
		"$BPFTOOL" gen skeleton -L "$d/$o.bpf.o" >"$d/theirs.h"
		diff <(sed -n "/^struct ${o}_bpf {/,/^};/p" "$d/theirs.h") \
			<(sed -n "/^struct ${o}_bpf {/,/^};/p" "$d/ours.h")
		diff <(grep -oE "^${o}_bpf__[a-z_]+\(" "$d/theirs.h" | sort) \
			<(grep -oE "^${o}_bpf__[a-z_]+\(" "$d/ours.h" | sort)
		printf '#include "gen_types.h"\n#include "%s"\nint main(void) { return 0; }\n' \
			"$d/ours.h" >"$d/tu.c"
		gcc -O2 -Wall -Wextra -Werror -I "$REPO_ROOT/core/include" -I "$PROGS" \
			-c "$d/tu.c" -o "$d/tu.o"
		clang -O2 -Wall -Wextra -Werror -I "$REPO_ROOT/core/include" -I "$PROGS" \
			-c "$d/tu.c" -o "$d/tu.o"
	done
}

@test "a libc-only program loads, attaches and counts through bpfctl's light skeleton" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	light_header "$d/ours" "$(obj gen_light)"
	build_user "$d/user" "$d/ours" "$REPO_ROOT/core/include"
	# nothing of a BPF library is linked in: only libc's symbols are undefined
	not_in_file '(bpf_|btf_|libbpf_|skel_)' <(nm -u "$d/user")
	run_user "$d/user" 25 3
}

@test "bpftool 7.1's light skeleton runs on bpfctl's skel_internal.h" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	mkdir -p "$d/theirs"
	"$BPFTOOL" gen skeleton -L "$(obj gen_light)" name gen_light \
		>"$d/theirs/gen_light.lskel.h"
	build_user "$d/user" "$d/theirs" "$REPO_ROOT/core/include"
	run_user "$d/user" 17 2
}

@test "bpfctl's light skeleton runs on libbpf 1.1's skel_internal.h" {
	require_root_caps
	[[ -f /usr/include/bpf/skel_internal.h ]] || skip "no libbpf-dev"
	local d=$BATS_TEST_TMPDIR
	light_header "$d/ours" "$(obj gen_light)"
	build_user "$d/user" "$d/ours" /usr/include
	run_user "$d/user" 12 1
}

@test "a program the verifier rejects: the failed step, the verifier's reason, no fd left" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	light_header "$d/rej" "$(obj gen_light_reject)"
	build_user "$d/user" "$d/rej" "$REPO_ROOT/core/include"
	run --separate-stderr "$d/user" 5 1
	((status == 1))
	[[ $stderr == *"light skeleton: the loader program failed: loading tracepoint program 'handle_unchecked'"*"failed: Permission denied"* ]]
	[[ $stderr == *"invalid access to map value"* ]]
	[[ $output == *"fds leaked 0"* ]]
}

@test "a map the kernel can't create: the failed step names it, no fd left" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	light_header "$d/ours" "$(obj gen_light)"
	build_user "$d/user" "$d/ours" "$REPO_ROOT/core/include"
	# max_entries from the skeleton's map desc: 2^32 - 1 eight-byte values
	run --separate-stderr "$d/user" 5 1 0xffffffff
	((status == 1))
	[[ $stderr == *"the loader program failed: creating array map 'counts' failed: "* ]]
	[[ $output == *"fds leaked 0"* ]]
}

@test "objects a loader program can't load: a clear error, no header" {
	local d=$BATS_TEST_TMPDIR
	compile_bpf "$PROGS/load_pinned.bpf.c" "$d/pinned.bpf.o"
	run_bpfctl -o "$d/p.h" gen skeleton -L "$d/pinned.bpf.o"
	expect_error
	[[ $stderr == *"map 'bpfctl_load_shared': pinned maps can't be part of a loader program"* ]]
	[[ $stderr == *"can't generate the loader program of '$d/pinned.bpf.o'"* ]]
	[[ ! -e $d/p.h ]]
	run_bpfctl gen subskeleton -L "$(obj gen_light)"
	expect_error
	[[ $stderr == *"-L (--use-loader) is for 'gen skeleton' only"* ]]
}

@test "bpf_object__gen_loader: argument checks" {
	local d=$BATS_TEST_TMPDIR
	build_helper "$d/glr" "$REPO_ROOT/tests/helpers/gen_loader_run.c"
	run --separate-stderr "$d/glr" args "$(obj gen_light)"
	((status == 0)) || { echo "$stderr" >&2; return 1; }
	[[ $output == "args ok" ]]
}

@test "bpf_object__gen_loader: the recorded loader, run by BPF_PROG_TEST_RUN, returns the fds" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	build_helper "$d/glr" "$REPO_ROOT/tests/helpers/gen_loader_run.c"
	run --separate-stderr "$d/glr" run "$(obj gen_light)"
	((status == 0)) || { printf '%s\n%s\n' "$output" "$stderr" >&2; return 1; }
	[[ ${lines[0]} =~ ^loader\ insns\ [1-9][0-9]*\ data\ [1-9][0-9]*$ ]]
	[[ ${lines[1]} == "retval 0" ]]
	[[ $output == *"map counts array fd-ok"* ]]
	[[ $output == *"map events ringbuf fd-ok"* ]]
	[[ $output == *"map gen_ligh.rodata array fd-ok"* ]]
	[[ $output == *"map gen_ligh.bss array fd-ok"* ]]
	[[ $output == *"prog handle_getpgid tracepoint fd-ok"* ]]
	[[ $output == *"prog handle_sys_ente raw_tracepoint fd-ok"* ]]
	[[ $output == *"prog handle_btf_ente tracing fd-ok"* ]]
	[[ $output != *fd-bad* ]]
	[[ ${lines[-1]} == "fds leaked 0" ]]
}

@test "bpf_object__gen_loader: program array and map-in-map slots are filled by the run" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	build_helper "$d/glr" "$REPO_ROOT/tests/helpers/gen_loader_run.c"
	run --separate-stderr "$d/glr" run "$(obj gen_light_slots)"
	((status == 0)) || { printf '%s\n%s\n' "$output" "$stderr" >&2; return 1; }
	[[ $output == *"map outer array_of_maps fd-ok"* ]]
	[[ $output == *"map jmp prog_array fd-ok"* ]]
	# the slots .maps initialises, and only those
	diff <(grep '^slot ' <<<"$output") - <<'EOF2'
slot outer 1 inner1
slot jmp 2 slot_target
EOF2
	# the entry program tail-calls through the slot: the target's 7
	[[ $output == *"test slot_entry 7"* ]]
	[[ ${lines[-1]} == "fds leaked 0" ]]
}

@test "bpf_object__gen_loader: kfuncs and a missing __weak ksym resolved when the loader runs" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	compile_bpf "$PROGS/load_ksym.bpf.c" "$d/ksym.bpf.o"
	build_helper "$d/glr" "$REPO_ROOT/tests/helpers/gen_loader_run.c"
	run --separate-stderr "$d/glr" run "$d/ksym.bpf.o"
	((status == 0)) || { printf '%s\n%s\n' "$output" "$stderr" >&2; return 1; }
	# 5: both kfunc calls verified, the __weak variable's address NULL
	[[ $output == *"test ksym_user 5"* ]]
	[[ ${lines[-1]} == "fds leaked 0" ]]
	# a kfunc the kernel lacks: the run stops there with ENOENT
	compile_bpf "$PROGS/gen_light_nokfunc.bpf.c" "$d/nokfunc.bpf.o"
	run --separate-stderr "$d/glr" run "$d/nokfunc.bpf.o"
	((status == 1))
	[[ ${lines[1]} == "retval -2" ]]
	[[ ${lines[2]} == "failed step: finding kfunc 'bpfctl_no_such_kfunc' of program 'call_missing' in the kernel's BTF" ]]
	[[ ${lines[-1]} == "fds leaked 0" ]]
}

@test "bpf_object__gen_loader: the context resizes maps, unless gen_hash keeps the blob's" {
	require_root_caps
	local d=$BATS_TEST_TMPDIR
	build_helper "$d/glr" "$REPO_ROOT/tests/helpers/gen_loader_run.c"
	# counts as an array of 2^32 - 1 values: the kernel refuses, the run cleans up
	run --separate-stderr "$d/glr" run "$(obj gen_light)" resize
	((status == 1))
	[[ ${lines[1]} =~ ^retval\ -(12|7)$ ]]	# ENOMEM or E2BIG
	[[ ${lines[2]} == "failed step: creating array map 'counts'" ]]
	[[ ${lines[-1]} == "fds leaked 0" ]]
	run --separate-stderr "$d/glr" run "$(obj gen_light)" resize hash
	((status == 0))
	[[ ${lines[1]} == "retval 0" ]]
	[[ ${lines[-1]} == "fds leaked 0" ]]
}
