#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bpfctl btf dump, end to end:
#  (a) the fixture kernel BTF against bpftool v7.8's outputs for it,
#  (b) the running kernel's BTF: a vmlinux.h that real BPF programs build on,
#  (c) objects compiled from tests/progs against Debian's bpftool (raw),
#      and C output that compiles back with the layout the BTF records,
#  (d) -o atomic output, (e) module (split) BTF.

load ../lib/common

VMLINUX_SYSFS=/sys/kernel/btf/vmlinux

# includes_generated FILE: FILE includes, itself or through the files of
# $PROGS it includes, a header that is not in $PROGS.
includes_generated() {
	local inc
	for inc in $(sed -n 's/^#include "\(.*\)"/\1/p' "$1"); do
		[[ -f $PROGS/$inc ]] || return 0
		includes_generated "$PROGS/$inc" && return 0
	done
	return 1
}

setup_file() {
	OBJDIR=$BATS_FILE_TMPDIR/objs
	mkdir -p "$OBJDIR"
	local src
	for src in "$PROGS"/*.bpf.c; do
		# programs on headers their suites generate (vmlinux.h, a test
		# binary's path, ...) are built by those suites
		includes_generated "$src" && continue
		compile_bpf "$src" "$OBJDIR/$(basename "$src" .c).o"
	done
	export OBJDIR
}

# type_id JSON KIND NAME: id of the type KIND NAME in a raw JSON dump.
type_id() {
	python3 - "$@" <<'PY'
import json, sys
path, kind, name = sys.argv[1:]
ids = [t["id"] for t in json.load(open(path))["types"] if t["kind"] == kind and t["name"] == name]
if len(ids) != 1:
    sys.exit(f"{kind} {name}: {len(ids)} matches")
print(ids[0])
PY
}

# raw_blocks RAW_TXT ID...: the lines of the given types in a raw text dump,
# in the order of the ids (what `root_id ID...` prints in raw format).
raw_blocks() {
	python3 - "$@" <<'PY'
import re, sys
blocks, cur = {}, None
for line in open(sys.argv[1]):
    m = re.match(r"\[(\d+)\] ", line)
    if m:
        cur = blocks.setdefault(int(m.group(1)), [])
    cur.append(line)
for i in sys.argv[2:]:
    sys.stdout.write("".join(blocks[int(i)]))
PY
}

# json_select RAW_JSON ID...: {"types": [...]} with only the given types.
json_select() {
	python3 - "$@" <<'PY'
import json, sys
types = {t["id"]: t for t in json.load(open(sys.argv[1]))["types"]}
json.dump({"types": [types[int(i)] for i in sys.argv[2:]]}, sys.stdout)
PY
}

# ---- (a) the fixture kernel BTF

@test "format c of the fixture vmlinux.btf is vmlinux.h, byte for byte" {
	local out=$BATS_TEST_TMPDIR/vmlinux.h
	bpfctl_to "$out" btf dump file "$(fixture vmlinux.btf)" format c
	expect_status 0
	same_file "$(fixture vmlinux.h)" "$out"
}

@test "format c unsorted of the fixture is vmlinux.unsorted.h, byte for byte" {
	local out=$BATS_TEST_TMPDIR/vmlinux.unsorted.h
	bpfctl_to "$out" btf dump file "$(fixture vmlinux.btf)" format c unsorted
	expect_status 0
	same_file "$(fixture vmlinux.unsorted.h)" "$out"
}

@test "raw text of the fixture (default and format raw) is vmlinux.raw.txt" {
	local out=$BATS_TEST_TMPDIR/raw.txt
	bpfctl_to "$out" btf dump file "$(fixture vmlinux.btf)"
	expect_status 0
	same_file "$(fixture vmlinux.raw.txt)" "$out"

	bpfctl_to "$out" btf dump file "$(fixture vmlinux.btf)" format raw
	expect_status 0
	same_file "$(fixture vmlinux.raw.txt)" "$out"
}

@test "-j raw of the fixture equals vmlinux.raw.json; -p is the same JSON" {
	local out=$BATS_TEST_TMPDIR/raw.json
	bpfctl_to "$out" -j btf dump file "$(fixture vmlinux.btf)"
	expect_status 0
	json_equal "$(fixture vmlinux.raw.json)" "$out"

	bpfctl_to "$out" -p btf dump file "$(fixture vmlinux.btf)"
	expect_status 0
	json_equal "$(fixture vmlinux.raw.json)" "$out"
}

# ---- (b) the running kernel's BTF

@test "raw text and JSON of the running kernel's BTF equal bpftool's" {
	local want=$BATS_TEST_TMPDIR/want out=$BATS_TEST_TMPDIR/out
	"$BPFTOOL" btf dump file "$VMLINUX_SYSFS" >"$want"
	bpfctl_to "$out" btf dump file "$VMLINUX_SYSFS"
	expect_status 0
	same_file "$want" "$out"

	"$BPFTOOL" -j btf dump file "$VMLINUX_SYSFS" >"$want"
	bpfctl_to "$out" -j btf dump file "$VMLINUX_SYSFS"
	expect_status 0
	json_equal "$want" "$out"
}

# The program the live vmlinux.h must carry: kernel structs (task_struct),
# a BTF-defined map, kfunc prototypes (bpf_task_acquire/release).
write_live_prog() {
	cat >"$1" <<'EOF'
#include "vmlinux.h"

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_map_update_elem)(void *map, const void *key, const void *value,
				   __u64 flags) = (void *)BPF_FUNC_map_update_elem;
static struct task_struct *(*bpf_get_current_task_btf)(void) =
	(void *)BPF_FUNC_get_current_task_btf;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, pid_t);
	__type(value, __u64);
} forks SEC(".maps");

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_process_fork")
int on_fork(__u64 *ctx)
{
	struct task_struct *t = bpf_task_acquire(bpf_get_current_task_btf());
	__u64 start;
	pid_t pid;

	if (!t)
		return 0;
	pid = t->pid;
	start = t->start_time;
	bpf_map_update_elem(&forks, &pid, &start, BPF_ANY);
	bpf_task_release(t);
	return 0;
}
EOF
}

@test "format c of the running kernel's BTF builds a program with task_struct, a map and kfuncs" {
	local dir=$BATS_TEST_TMPDIR
	bpfctl_to "$dir/vmlinux.h" btf dump file "$VMLINUX_SYSFS" format c
	expect_status 0
	tail -n 1 "$dir/vmlinux.h" | grep -qxF '#endif /* __VMLINUX_H__ */'
	grep -qE '^extern struct task_struct \*bpf_task_acquire\(struct task_struct \*[a-z]*\) __weak __ksym;$' "$dir/vmlinux.h"

	write_live_prog "$dir/live.bpf.c"
	compile_bpf "$dir/live.bpf.c" "$dir/live.bpf.o" "$dir"
	# the object records the map and the kfunc calls
	"$BPFTOOL" btf dump file "$dir/live.bpf.o" | grep -qF "FUNC 'bpf_task_acquire'"
	"$BPFTOOL" btf dump file "$dir/live.bpf.o" | grep -qF "VAR 'forks'"
}

@test "format c of the running kernel's BTF has the kernel's struct layouts" {
	local dir=$BATS_TEST_TMPDIR
	bpfctl_to "$dir/vmlinux.h" btf dump file "$VMLINUX_SYSFS" format c
	expect_status 0
	"$BPFTOOL" -j btf dump file "$VMLINUX_SYSFS" >"$dir/raw.json"
	check_layout "$dir/vmlinux.h" "$dir/raw.json"
}

@test "a program built on the live vmlinux.h passes the kernel verifier" {
	require_root_caps
	local dir=$BATS_TEST_TMPDIR
	bpfctl_to "$dir/vmlinux.h" btf dump file "$VMLINUX_SYSFS" format c
	expect_status 0
	write_live_prog "$dir/live.bpf.c"
	compile_bpf "$dir/live.bpf.c" "$dir/live.bpf.o" "$dir"

	# a private bpffs, so that nothing outlives the test
	mkdir "$dir/bpffs"
	mount -t bpf bpffs "$dir/bpffs"
	BPFFS_MNT=$dir/bpffs
	"$BPFTOOL" prog load "$dir/live.bpf.o" "$dir/bpffs/on_fork"
	"$BPFTOOL" -j prog show pinned "$dir/bpffs/on_fork" | grep -qF '"name":"on_fork"'
}

@test "btf dump id of the kernel's BTF equals btf dump file of sysfs and bpftool's dump" {
	require_root_caps
	local dir=$BATS_TEST_TMPDIR id
	id=$("$BPFTOOL" -j btf show | python3 -c '
import json, sys
print(next(b["id"] for b in json.load(sys.stdin) if b.get("name") == "vmlinux"))')

	"$BPFTOOL" btf dump id "$id" >"$dir/want.txt"
	bpfctl_to "$dir/out.txt" btf dump id "$id"
	expect_status 0
	same_file "$dir/want.txt" "$dir/out.txt"

	bpfctl_to "$dir/file.h" btf dump file "$VMLINUX_SYSFS" format c
	expect_status 0
	bpfctl_to "$dir/id.h" btf dump id "$id" format c
	expect_status 0
	same_file "$dir/file.h" "$dir/id.h"
}

teardown() {
	if [[ -n ${BPFFS_MNT-} ]] && mountpoint -q "$BPFFS_MNT"; then
		umount "$BPFFS_MNT"
	fi
}

# ---- (c) objects compiled from tests/progs

@test "raw text of every tests/progs object equals bpftool's" {
	local o want=$BATS_TEST_TMPDIR/want out=$BATS_TEST_TMPDIR/out
	for o in "$OBJDIR"/*.o; do
		"$BPFTOOL" btf dump file "$o" >"$want"
		bpfctl_to "$out" btf dump file "$o"
		expect_status 0
		same_file "$want" "$out"
	done
}

@test "-j and -p raw of every tests/progs object equal bpftool's" {
	local o want=$BATS_TEST_TMPDIR/want out=$BATS_TEST_TMPDIR/out
	for o in "$OBJDIR"/*.o; do
		"$BPFTOOL" -j btf dump file "$o" >"$want"
		bpfctl_to "$out" -j btf dump file "$o"
		expect_status 0
		json_equal "$want" "$out"
		bpfctl_to "$out" -p btf dump file "$o"
		expect_status 0
		json_equal "$want" "$out"
	done
}

@test "format c (sorted and unsorted) of every tests/progs object compiles with the BTF's layout" {
	local o h=$BATS_TEST_TMPDIR/obj.h json=$BATS_TEST_TMPDIR/raw.json
	for o in "$OBJDIR"/*.o; do
		"$BPFTOOL" -j btf dump file "$o" >"$json"
		bpfctl_to "$h" btf dump file "$o" format c
		expect_status 0
		compile_header "$h"
		check_layout "$h" "$json"

		bpfctl_to "$h" btf dump file "$o" format c unsorted
		expect_status 0
		compile_header "$h"
		check_layout "$h" "$json"
	done
}

@test "format c of an object keeps bitfields, packing, anonymous members, tags and function pointers" {
	local h=$BATS_TEST_TMPDIR/types.h
	bpfctl_to "$h" btf dump file "$OBJDIR/types.bpf.o" format c
	expect_status 0
	grep -qE '^struct flags \{$' "$h"
	grep -qE $'^\tunsigned long long wide: 40;$' "$h"
	grep -qE '^\} __attribute__\(\(packed\)\);$' "$h"
	grep -qE '^enum small \{$' "$h"
	grep -qE '^typedef handler_fn \(\*lookup_fn\)\(const char \*, cmp_fn\);$' "$h"
	grep -qE '^typedef int \(\*vararg_fn\)\(const char \*, \.\.\.\);$' "$h"
	grep -qE '^typedef const volatile handle_t cv_handle_t;$|^typedef volatile const handle_t cv_handle_t;$' "$h"
	grep -qF 'struct forward_only;' "$h"
}

@test "root_id selects types in raw text and JSON, as bpftool prints them" {
	local o=$OBJDIR/types.bpf.o dir=$BATS_TEST_TMPDIR flags value ops
	"$BPFTOOL" btf dump file "$o" >"$dir/all.txt"
	"$BPFTOOL" -j btf dump file "$o" >"$dir/all.json"
	flags=$(type_id "$dir/all.json" STRUCT flags)
	value=$(type_id "$dir/all.json" UNION value)
	ops=$(type_id "$dir/all.json" STRUCT ops)

	raw_blocks "$dir/all.txt" "$ops" >"$dir/want.txt"
	bpfctl_to "$dir/out.txt" btf dump file "$o" root_id "$ops"
	expect_status 0
	same_file "$dir/want.txt" "$dir/out.txt"

	raw_blocks "$dir/all.txt" "$value" "$flags" >"$dir/want.txt"
	bpfctl_to "$dir/out.txt" btf dump file "$o" format raw root_id "$value" root_id "$flags"
	expect_status 0
	same_file "$dir/want.txt" "$dir/out.txt"

	json_select "$dir/all.json" "$value" "$flags" >"$dir/want.json"
	bpfctl_to "$dir/out.json" -j btf dump file "$o" root_id "$value" root_id "$flags"
	expect_status 0
	json_equal "$dir/want.json" "$dir/out.json"
}

@test "format c root_id prints the type with what it needs, and only that" {
	local o=$OBJDIR/types.bpf.o dir=$BATS_TEST_TMPDIR ops
	"$BPFTOOL" -j btf dump file "$o" >"$dir/all.json"
	ops=$(type_id "$dir/all.json" STRUCT ops)

	bpfctl_to "$dir/ops.h" btf dump file "$o" format c root_id "$ops"
	expect_status 0
	grep -qE '^struct ops \{$' "$dir/ops.h"
	grep -qE '^typedef int \(\*cmp_fn\)\(const void \*, const void \*\);$' "$dir/ops.h"
	# members reached through pointers need only a forward declaration
	grep -qE '^union value;$' "$dir/ops.h"
	grep -qE '^struct nested;$' "$dir/ops.h"
	not_in_file '^struct packed_hdr \{$' "$dir/ops.h"
	not_in_file '^struct tagged \{$' "$dir/ops.h"
	compile_header "$dir/ops.h"

	# a typedef of a struct needs the struct's definition
	bpfctl_to "$dir/flags.h" btf dump file "$o" format c root_id "$(type_id "$dir/all.json" TYPEDEF flags_t)"
	expect_status 0
	grep -qE '^struct flags \{$' "$dir/flags.h"
	grep -qE '^typedef struct flags flags_t;$' "$dir/flags.h"
	not_in_file '^struct ops \{$' "$dir/flags.h"
	compile_header "$dir/flags.h"

	printf '_Static_assert(sizeof(struct ops) == %s, "ops");\n' \
		"$(python3 -c 'import json,sys; print(next(t["size"] for t in json.load(open(sys.argv[1]))["types"] if t["name"] == "ops"))' "$dir/all.json")" \
		>"$dir/size.c"
	"$CLANG" -target bpf -Wall -Werror -include "$dir/ops.h" -c "$dir/size.c" -o "$dir/size.o"
}

@test "root_id past the last type is an error, with nothing on stdout" {
	local o=$OBJDIR/types.bpf.o n
	n=$("$BPFTOOL" btf dump file "$o" | grep -c '^\[')
	run_bpfctl btf dump file "$o" root_id $((n + 1))
	expect_error
	[ -z "$output" ]

	run_bpfctl btf dump file "$o" format c root_id 4294967295
	expect_error
}

@test "keywords may be abbreviated to unique prefixes" {
	local o=$OBJDIR/emitter.bpf.o dir=$BATS_TEST_TMPDIR
	bpfctl_to "$dir/full.h" btf dump file "$o" format c
	expect_status 0
	bpfctl_to "$dir/short.h" bt du 'fi' "$o" fo c
	expect_status 0
	same_file "$dir/full.h" "$dir/short.h"
}

# ---- (d) -o FILE: written to a temporary file, renamed on success only

# only_entries DIR NAME...: DIR holds exactly the entries NAME... (no
# temporary file left behind).
only_entries() {
	local dir=$1
	shift
	local want have
	want=$(printf '%s\n' "$@" | sort)
	have=$(find "$dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
	if [[ $want != "$have" ]]; then
		printf 'directory %s holds:\n%s\nexpected:\n%s\n' "$dir" "$have" "$want" >&2
		return 1
	fi
}

@test "-o writes what stdout would get, and nothing to stdout" {
	local dir=$BATS_TEST_TMPDIR/out vm
	vm=$(fixture vmlinux.btf)
	mkdir "$dir"
	bpfctl_to "$BATS_TEST_TMPDIR/stdout" -o "$dir/vmlinux.h" btf dump file "$vm" format c
	expect_status 0
	[ ! -s "$BATS_TEST_TMPDIR/stdout" ]
	same_file "$(fixture vmlinux.h)" "$dir/vmlinux.h"
	only_entries "$dir" vmlinux.h

	bpfctl_to "$BATS_TEST_TMPDIR/stdout" -j -o "$dir/raw.json" btf dump file "$OBJDIR/types.bpf.o"
	expect_status 0
	[ ! -s "$BATS_TEST_TMPDIR/stdout" ]
	"$BPFTOOL" -j btf dump file "$OBJDIR/types.bpf.o" >"$BATS_TEST_TMPDIR/want.json"
	json_equal "$BATS_TEST_TMPDIR/want.json" "$dir/raw.json"
	only_entries "$dir" vmlinux.h raw.json
}

@test "-o replaces an existing file by rename: a reader of the old file never sees a partial one" {
	local dir=$BATS_TEST_TMPDIR/out
	mkdir "$dir"
	echo "old contents" >"$dir/vmlinux.h"
	# a second name for the old inode, as an open reader would hold it
	ln "$dir/vmlinux.h" "$BATS_TEST_TMPDIR/old.h"
	bpfctl_to /dev/null -o "$dir/vmlinux.h" btf dump file "$(fixture vmlinux.btf)" format c
	expect_status 0
	same_file "$(fixture vmlinux.h)" "$dir/vmlinux.h"
	[ "$(cat "$BATS_TEST_TMPDIR/old.h")" = "old contents" ]
	only_entries "$dir" vmlinux.h
}

@test "-o on failure leaves the existing file untouched and no temporary file" {
	local dir=$BATS_TEST_TMPDIR/out o=$OBJDIR/types.bpf.o
	mkdir "$dir"
	echo "old contents" >"$dir/out.h"

	# the input is missing
	bpfctl_to /dev/null -o "$dir/out.h" btf dump file "$BATS_TEST_TMPDIR/missing.btf" format c
	expect_error
	[ "$(cat "$dir/out.h")" = "old contents" ]
	only_entries "$dir" out.h

	# the input is fine, the request is not (fails after the output is opened)
	bpfctl_to /dev/null -o "$dir/out.h" btf dump file "$o" format c root_id 4294967295
	expect_error
	[ "$(cat "$dir/out.h")" = "old contents" ]
	only_entries "$dir" out.h

	# the input is not BTF
	echo "not btf" >"$BATS_TEST_TMPDIR/junk"
	bpfctl_to /dev/null -o "$dir/out.h" btf dump file "$BATS_TEST_TMPDIR/junk"
	expect_error
	[ "$(cat "$dir/out.h")" = "old contents" ]
	only_entries "$dir" out.h
}

@test "-o into a directory that does not exist is an error" {
	run_bpfctl -o "$BATS_TEST_TMPDIR/no/such/dir/out.h" btf dump file "$OBJDIR/types.bpf.o" format c
	expect_error
	[ ! -e "$BATS_TEST_TMPDIR/no" ]
}

# ---- (e) module BTF: split BTF on top of vmlinux

@test "module BTF under /sys/kernel/btf dumps as split BTF on vmlinux (vmlinux alone when no module has BTF)" {
	local dir=$BATS_TEST_TMPDIR mod='' f
	for f in /sys/kernel/btf/*; do
		if [[ $f != "$VMLINUX_SYSFS" && -f $f ]]; then
			mod=$f
			break
		fi
	done

	if [[ -n $mod ]]; then
		"$BPFTOOL" -B "$VMLINUX_SYSFS" btf dump file "$mod" >"$dir/want.txt"
		bpfctl_to "$dir/out.txt" btf dump file "$mod"
		expect_status 0
		same_file "$dir/want.txt" "$dir/out.txt"
		# split ids continue after the base's last id
		local first base_last
		first=$(sed -n '1s/^\[\([0-9]*\)\].*/\1/p' "$dir/out.txt")
		base_last=$("$BPFTOOL" btf dump file "$VMLINUX_SYSFS" | grep -c '^\[')
		[ "$first" -eq $((base_last + 1)) ]

		bpfctl_to "$dir/mod.h" btf dump file "$mod" format c
		expect_status 0
		compile_header "$dir/mod.h"
	else
		echo "# no module BTF on this kernel: checking vmlinux only" >&3
		bpfctl_to "$dir/out.txt" btf dump file "$VMLINUX_SYSFS"
		expect_status 0
		[ "$(head -c 4 "$dir/out.txt")" = "[1] " ]
		run_bpfctl btf dump file /sys/kernel/btf/no_such_module
		expect_error
	fi
}
