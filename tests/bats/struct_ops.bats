#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# struct_ops show/list/dump/register/unregister on a TCP congestion control
# written in BPF (tests/progs/struct_ops_cc.bpf.c), built as a .struct_ops
# map and as a .struct_ops.link map. Registered, it must carry a real
# loopback TCP connection (tests/helpers/tcp_cc_traffic.py) and count its
# calls in .bss; unregistered, the kernel must refuse its name. Output is
# compared with Debian's bpftool 7.1 for the same maps.

load ../lib/common

AVAIL=/proc/sys/net/ipv4/tcp_available_congestion_control

setup_file() {
	require_root_caps
	export OBJS=$BATS_FILE_TMPDIR
	export PIN=/sys/fs/bpf/bpfctl-test-structops-$$
	export TRAFFIC=$REPO_ROOT/tests/helpers/tcp_cc_traffic.py
	# object names make the .bss map names, whose object part has 8
	# characters at most: short, and unique to this run
	local tag=$(($$ % 1000000))
	export OBJ=$OBJS/so$tag.o OBJL=$OBJS/sl$tag.o
	export BSS=so$tag.bss BSSL=sl$tag.bss
	"$BPFCTL" btf dump file /sys/kernel/btf/vmlinux format c >"$OBJS/vmlinux.h"
	compile_bpf "$PROGS/struct_ops_cc.bpf.c" "$OBJ" "$OBJS"
	"$CLANG" -O2 -g -target bpf -Wall -Werror -I "$REPO_ROOT/core/include" \
		-I "$BPF_GEN_INCLUDE" -I "$OBJS" -DCC_LINK -DCC=bpfctl_ccl \
		-c "$PROGS/struct_ops_cc.bpf.c" -o "$OBJL"
	compile_bpf "$PROGS/struct_ops_bad.bpf.c" "$OBJS/bad.o" "$OBJS"
	compile_bpf "$PROGS/struct_ops_none.bpf.c" "$OBJS/none.o"
	compile_bpf "$PROGS/struct_ops_opt.bpf.c" "$OBJS/opt.o" "$OBJS"
	"$CLANG" -O2 -g -target bpf -Wall -Werror -I "$REPO_ROOT/core/include" \
		-I "$BPF_GEN_INCLUDE" -I "$OBJS" -DUNUSED \
		-c "$PROGS/struct_ops_opt.bpf.c" -o "$OBJS/unused.o"
	# the API's: two link objects of one congestion control, one plain
	mkdir "$OBJS/api" "$OBJS/skel"
	"$CLANG" -O2 -g -target bpf -Wall -Werror -I "$REPO_ROOT/core/include" \
		-I "$BPF_GEN_INCLUDE" -I "$OBJS" -DCC_LINK -DCC=bpfctl_cca \
		-c "$PROGS/struct_ops_cc.bpf.c" -o "$OBJS/api/a.o"
	cp "$OBJS/api/a.o" "$OBJS/api/b.o"
	"$CLANG" -O2 -g -target bpf -Wall -Werror -I "$REPO_ROOT/core/include" \
		-I "$BPF_GEN_INCLUDE" -I "$OBJS" -DCC=bpfctl_ccn \
		-c "$PROGS/struct_ops_cc.bpf.c" -o "$OBJS/api/n.o"
	"$CLANG" -O2 -g -target bpf -Wall -Werror -I "$REPO_ROOT/core/include" \
		-I "$BPF_GEN_INCLUDE" -I "$OBJS" -DCC=bpfctl_ccs \
		-c "$PROGS/struct_ops_cc.bpf.c" -o "$OBJS/skel/struct_ops_cc.o"
	export API=$OBJS/struct_ops_api
	build_helper "$API" "$REPO_ROOT/tests/helpers/struct_ops_api.c"
}

# Nothing of ours stays registered or pinned, whatever a test did.
unregister_all() {
	"$BPFCTL" struct_ops unregister name bpfctl_cc >/dev/null 2>&1 || true
	local n
	for n in bpfctl_ccl bpfctl_cca bpfctl_ccn bpfctl_ccs bpfctl_cco; do
		"$BPFCTL" struct_ops unregister name "$n" >/dev/null 2>&1 || true
	done
	rm -rf "$PIN"
}

teardown_file() {
	unregister_all
}

setup() {
	require_root_caps
}

teardown() {
	unregister_all
}

# available NAME: the kernel lists congestion control NAME.
available() {
	grep -qw "$1" "$AVAIL"
}

# map_id NAME: the id of struct_ops map NAME, from bpftool.
map_id() {
	"$BPFTOOL" -j struct_ops show name "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])'
}

# counter BSS VAR: VAR of the .bss map BSS, read with "bpfctl map dump".
counter() {
	"$BPFCTL" -j map dump name "$1" | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    for v in e["formatted"]["value"][".bss"]:
        if sys.argv[1] in v:
            print(v[sys.argv[1]])
' "$2"
}

# traffic_through CC BSS: a TCP connection uses CC, and CC's programs ran.
traffic_through() {
	run python3 "$TRAFFIC" "$1" 8
	expect_status 0
	[[ ${lines[0]} == "$1" ]]
	[[ ${lines[1]} == 8388608 ]]
	(($(counter "$2" cc_init_calls) > 0))
	(($(counter "$2" cc_cong_avoid_calls) > 0))
}

# refused CC: the kernel no longer knows congestion control CC (it lets
# go of one after an RCU grace period: allow 2 s).
refused() {
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		available "$1" || break
		sleep 0.2
	done
	! available "$1"
	run python3 "$TRAFFIC" "$1" 1
	expect_status 2
	[[ $output == *"No such file or directory"* ]]
}

# json_keys FILE: every key path of the JSON document in FILE, one a line.
json_keys() {
	python3 - "$1" <<'PY'
import json, sys
def walk(x, p):
    if isinstance(x, dict):
        for k, v in x.items():
            print(p + "/" + k)
            walk(v, p + "/" + k)
    elif isinstance(x, list):
        for i, v in enumerate(x):
            walk(v, "%s/%d" % (p, i))
walk(json.load(open(sys.argv[1])), "")
PY
}

@test "struct_ops register: a .struct_ops congestion control carries a TCP connection" {
	! available bpfctl_cc
	run_bpfctl struct_ops register "$OBJ"
	expect_status 0
	[[ $output == "" ]]
	[[ $stderr =~ ^Registered\ tcp_congestion_ops\ bpfctl_cc\ id\ [0-9]+$ ]]
	available bpfctl_cc
	traffic_through bpfctl_cc "$BSS"
}

@test "struct_ops unregister: the congestion control is gone" {
	"$BPFCTL" struct_ops register "$OBJ" 2>/dev/null
	available bpfctl_cc
	id=$(map_id bpfctl_cc)
	run_bpfctl struct_ops unregister name bpfctl_cc
	expect_status 0
	[[ $stderr == "Unregistered tcp_congestion_ops bpfctl_cc id $id" ]]
	refused bpfctl_cc
	run_bpfctl struct_ops show name bpfctl_cc
	expect_error
	[[ $stderr == *"no struct_ops found for bpfctl_cc"* ]]
}

@test "struct_ops unregister id ID" {
	"$BPFCTL" struct_ops register "$OBJ" 2>/dev/null
	id=$(map_id bpfctl_cc)
	run_bpfctl -j struct_ops unregister id "$id"
	expect_status 0
	# with -j, as bpftool: null and no message
	[[ $output == null ]]
	[[ -z $stderr ]]
	refused bpfctl_cc
}

@test "struct_ops show/list: text and JSON as bpftool's" {
	"$BPFCTL" struct_ops register "$OBJ" 2>/dev/null
	id=$(map_id bpfctl_cc)
	run_bpfctl struct_ops show name bpfctl_cc
	expect_status 0
	[[ $output == "$("$BPFTOOL" struct_ops show name bpfctl_cc)" ]]
	[[ $output == "$id: bpfctl_cc       tcp_congestion_ops"* ]]
	run_bpfctl struct_ops list id "$id"
	expect_status 0
	[[ $output == "$("$BPFTOOL" struct_ops show id "$id")" ]]
	run_bpfctl -j struct_ops show name bpfctl_cc
	expect_status 0
	[[ $output == "$("$BPFTOOL" -j struct_ops show name bpfctl_cc)" ]]
	# by id, an array too: bpftool since v7.3 (v7.1 printed the bare object)
	run_bpfctl -j struct_ops show id "$id"
	expect_status 0
	[[ $output == "[$("$BPFTOOL" -j struct_ops show id "$id")]" ]]
	[[ $output == "[{\"id\":$id,\"name\":\"bpfctl_cc\",\"kernel_struct_ops\":\"tcp_congestion_ops\"}]" ]]
	# all of them: ours among them, every line in bpftool's format
	run_bpfctl struct_ops show
	expect_status 0
	[[ $output == *"$id: bpfctl_cc "* ]]
	run_bpfctl -j struct_ops
	expect_status 0
	python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert any(m["name"] == "bpfctl_cc" for m in d)' "$output"
}

@test "struct_ops dump: the keys bpftool prints, the kernel's value" {
	"$BPFCTL" struct_ops register "$OBJ" 2>/dev/null
	id=$(map_id bpfctl_cc)
	bpfctl_to "$BATS_TEST_TMPDIR/ours.json" -j struct_ops dump id "$id"
	expect_status 0
	# by name: bpftool v7.1 wraps only that one in an array (v7.3 both)
	"$BPFTOOL" -j struct_ops dump name bpfctl_cc >"$BATS_TEST_TMPDIR/theirs.json"
	json_keys "$BATS_TEST_TMPDIR/ours.json" >"$BATS_TEST_TMPDIR/ours.keys"
	json_keys "$BATS_TEST_TMPDIR/theirs.json" >"$BATS_TEST_TMPDIR/theirs.keys"
	diff "$BATS_TEST_TMPDIR/theirs.keys" "$BATS_TEST_TMPDIR/ours.keys"
	# values too: function pointers as "SIGNATURE PROG/prog_id:ID"
	json_equal "$BATS_TEST_TMPDIR/theirs.json" "$BATS_TEST_TMPDIR/ours.json"
	python3 - "$BATS_TEST_TMPDIR/ours.json" "$id" <<'PY'
import json, sys
info, value = json.load(open(sys.argv[1]))
assert info["bpf_map_info"]["id"] == int(sys.argv[2])
assert info["bpf_map_info"]["name"] == "bpfctl_cc"
st = value["bpf_struct_ops_tcp_congestion_ops"]
assert st["data"]["name"] == "bpfctl_cc"
assert st["common"]["state"] == "BPF_STRUCT_OPS_STATE_INUSE"
assert "cc_init/prog_id:" in st["data"]["init"], st["data"]["init"]
assert st["data"]["release"].endswith(" 0")
PY
	# text: the same document, pretty-printed (and valid JSON, unlike bpftool's "(nil)")
	bpfctl_to "$BATS_TEST_TMPDIR/text.json" struct_ops dump name bpfctl_cc
	expect_status 0
	json_keys "$BATS_TEST_TMPDIR/text.json" >"$BATS_TEST_TMPDIR/text.keys"
	diff "$BATS_TEST_TMPDIR/theirs.keys" "$BATS_TEST_TMPDIR/text.keys"
	[[ $(head -c 2 "$BATS_TEST_TMPDIR/text.json") == "[" ]]
}

@test "struct_ops register OBJ LINK_DIR: a .struct_ops.link map's link is pinned, unregister removes it" {
	run_bpfctl struct_ops register "$OBJL" "$PIN/links"
	expect_status 0
	[[ $stderr =~ ^Registered\ tcp_congestion_ops\ bpfctl_ccl\ map\ id\ ([0-9]+)\ link\ id\ ([0-9]+)$ ]]
	map=${BASH_REMATCH[1]} link=${BASH_REMATCH[2]}
	[[ -e $PIN/links/bpfctl_ccl ]]
	run "$BPFTOOL" -j link show pinned "$PIN/links/bpfctl_ccl"
	python3 -c 'import json,sys; l=json.loads(sys.argv[1]); assert l["id"] == int(sys.argv[2]) and l["type"] == "struct_ops"' "$output" "$link"
	run_bpfctl -j link show id "$link"
	python3 -c 'import json,sys; l=json.loads(sys.argv[1]); assert l["map_id"] == int(sys.argv[2])' "$output" "$map"
	traffic_through bpfctl_ccl "$BSSL"
	run_bpfctl struct_ops unregister id "$map"
	expect_status 0
	[[ $stderr == "Unregistered tcp_congestion_ops bpfctl_ccl id $map" ]]
	[[ ! -e $PIN/links/bpfctl_ccl ]]
	refused bpfctl_ccl
}

@test "struct_ops register: removing the pinned link unregisters a .struct_ops.link map" {
	"$BPFCTL" struct_ops register "$OBJL" "$PIN/links" 2>/dev/null
	available bpfctl_ccl
	rm "$PIN/links/bpfctl_ccl"
	refused bpfctl_ccl
}

@test "struct_ops register without LINK_DIR: a link map is registered only while the command runs" {
	run_bpfctl struct_ops register "$OBJL"
	expect_status 0
	[[ $stderr == "Registered tcp_congestion_ops bpfctl_ccl map id "* ]]
	refused bpfctl_ccl
}

@test "struct_ops register: a ?.struct_ops map is not created, nor are the programs only it uses" {
	run_bpfctl struct_ops register "$OBJS/opt.o"
	expect_status 0
	[[ $stderr =~ ^Registered\ tcp_congestion_ops\ bpfctl_cco\ id\ ([0-9]+)$ ]]
	local id=${BASH_REMATCH[1]}
	available bpfctl_cco
	! available bpfctl_cco_off
	run_bpfctl struct_ops show name bpfctl_cco_off
	expect_error
	# the maps' programs: the shared ones loaded, off_ssthresh not
	run "$BPFTOOL" -j struct_ops dump id "$id"
	[[ $output == *"opt_ssthresh/prog_id:"* && $output == *"opt_undo_cwnd/prog_id:"* ]]
	run "$BPFTOOL" -j prog show name off_ssthresh
	[[ $output != *'"name":"off_ssthresh"'* ]]
}

@test "struct_ops register: a struct_ops program no map uses fails the load" {
	run_bpfctl struct_ops register "$OBJS/unused.o"
	expect_error
	[[ $stderr == *"prog 'opt_unused': SEC(\"struct_ops/opt_unused\") program is not used by any struct_ops map"* ]]
	refused bpfctl_cco
}

@test "struct_ops register: a type the kernel lacks fails at load, nothing registered" {
	run_bpfctl struct_ops register "$OBJS/bad.o" "$PIN/links"
	expect_error
	[[ $stderr == *"can't load object $OBJS/bad.o: struct_ops: the kernel has no struct_ops type bpfctl_no_such_ops"* ]]
	[[ ! -e $PIN/links ]] || [[ -z $(ls -A "$PIN/links") ]]
	run "$BPFTOOL" struct_ops show name bpfctl_bad
	[[ $status != 0 ]]
}

@test "struct_ops register: an object without struct_ops, a missing file" {
	run_bpfctl struct_ops register "$OBJS/none.o"
	expect_error
	[[ $stderr == "Error: no struct_ops found in $OBJS/none.o" ]]
	run_bpfctl -j struct_ops register "$OBJS/missing.o"
	expect_status 255
	[[ $output == *'"error"'*"can't open object $OBJS/missing.o"* ]]
	run_bpfctl struct_ops register
	expect_error
}

@test "struct_ops: unknown map id, a map that is no struct_ops, bad selectors" {
	run_bpfctl struct_ops show id 4000000000
	expect_error
	[[ $stderr == *"can't get map by id (4000000000)"* ]]
	run_bpfctl struct_ops unregister id 4000000000
	expect_error
	run_bpfctl struct_ops dump id 4000000000
	expect_error
	"$BPFCTL" struct_ops register "$OBJ" 2>/dev/null
	bss=$("$BPFTOOL" -j map show name "$BSS" | python3 -c 'import json,sys; d=json.load(sys.stdin); print((d[0] if isinstance(d, list) else d)["id"])')
	run_bpfctl struct_ops show id "$bss"
	expect_error
	[[ $stderr == *"$BSS id $bss is not a struct_ops map"* ]]
	run_bpfctl struct_ops unregister name bpfctl_no_such_map
	expect_error
	[[ $stderr == *"no struct_ops found for bpfctl_no_such_map"* ]]
	run_bpfctl struct_ops show tag 1234
	expect_error
	run_bpfctl struct_ops unregister
	expect_error
	available bpfctl_cc
}

@test "struct_ops help" {
	run_bpfctl struct_ops help
	expect_status 0
	[[ $output == *"struct_ops register OBJ [LINK_DIR]"* ]]
	[[ $output == *"STRUCT_OPS_MAP := [ id STRUCT_OPS_MAP_ID | name STRUCT_OPS_MAP_NAME ]"* ]]
}

@test "api: bpf_map__attach_struct_ops of a link map, bpf_link__update_map to a second map" {
	run --separate-stderr "$API" link "$OBJS/api/a.o" "$OBJS/api/b.o" bpfctl_cca
	no_sanitizer_report
	expect_status 0
	[[ ${lines[0]} =~ ^attached\ A\ map\ ([0-9]+)$ ]]
	[[ ${lines[1]} =~ ^updated\ to\ B\ map\ ([0-9]+)$ ]]
	[[ ${lines[1]} != "updated to B map ${lines[0]#attached A map }" ]]
	[[ ${lines[2]} == "replaced B with A (old_map_fd), wrong old map: EPERM" ]]
	[[ ${lines[3]} == "non-struct_ops map refused" ]]
	[[ ${lines[4]} == "destroyed, bpfctl_cca gone" ]]
	[[ $stderr == *"can't update a struct_ops link: not a struct_ops map"* ]]
	refused bpfctl_cca
}

@test "api: bpf_map__attach_struct_ops of a plain map: detach and destroy unregister" {
	run --separate-stderr "$API" map "$OBJS/api/n.o" bpfctl_ccn
	no_sanitizer_report
	expect_status 0
	[[ $output == "attached
update_map refused
detached, bpfctl_ccn gone
attach again: kernel says EBUSY
non-struct_ops map refused
destroyed, bpfctl_ccn gone" ]]
	[[ $stderr == *"can't update a link that is no struct_ops link"* ]]
	[[ $stderr == *"can't register struct_ops: Device or resource busy"* ]]
	refused bpfctl_ccn
}

@test "api: bpf_prog_assoc_struct_ops and bpf_program__assoc_struct_ops: the kernel's answer" {
	run --separate-stderr "$API" assoc "$OBJS/api/n.o" "$OBJS/none.o"
	no_sanitizer_report
	expect_status 0
	[[ ${lines[0]} == "struct_ops program refused" ]]
	[[ ${lines[1]} == "non-struct_ops map refused" ]]
	[[ $stderr == *"bpf_prog_assoc_struct_ops_opts: size 1 is too small"* ]]
	# 6.18 has no BPF_PROG_ASSOC_STRUCT_OPS (the kernel says EINVAL); newer ones take it
	if [[ ${lines[2]} == *"-22 errno 22" ]]; then
		[[ ${lines[3]} == "kernel: bpf_program__assoc_struct_ops -22 errno 22" ]]
		[[ $stderr == *"can't associate with struct_ops map 'bpfctl_ccn': Invalid argument (kernels up to 6.18 lack BPF_PROG_ASSOC_STRUCT_OPS)"* ]]
	else
		[[ ${lines[2]} == "kernel: bpf_prog_assoc_struct_ops 0 errno 0" ]]
	fi
	refused bpfctl_ccn
}

@test "gen skeleton: struct_ops shadow types and links; X__attach() registers, X__destroy() unregisters" {
	local d=$OBJS/skel
	bpfctl_to "$d/struct_ops_cc.skel.h" gen skeleton "$d/struct_ops_cc.o"
	expect_status 0
	# bpftool 7.x's shape (7.1 predates it): the shadow type, the map's link
	grep -q '^		struct struct_ops_cc__bpfctl_ccs__tcp_congestion_ops {$' "$d/struct_ops_cc.skel.h"
	grep -q '^			struct bpf_program \*init;$' "$d/struct_ops_cc.skel.h"
	grep -q '^			unsigned int flags;$' "$d/struct_ops_cc.skel.h"
	grep -q '^			char __unsupported_11\[16\];$' "$d/struct_ops_cc.skel.h"
	grep -q '^		} \*bpfctl_ccs;$' "$d/struct_ops_cc.skel.h"
	grep -q '^	} struct_ops;$' "$d/struct_ops_cc.skel.h"
	grep -q '^		struct bpf_link \*bpfctl_ccs;$' "$d/struct_ops_cc.skel.h"
	grep -q 'map\.link = &skel->links\.bpfctl_ccs;\|maps\[[0-9]\]\.link = &skel->links\.bpfctl_ccs;' \
		"$d/struct_ops_cc.skel.h"
	local san=()
	[[ ${SANITIZE:-} == 1 ]] && san=(-fsanitize=address,undefined)
	gcc -O2 -Wall -Wextra -Werror "${san[@]}" -I "$REPO_ROOT/core/include" -I "$d" \
		"$PROGS/struct_ops_skel_user.c" "$(dirname "$BPFCTL")/libbpfcore.a" -lelf -lz \
		-o "$d/user"
	coproc USER { "$d/user" 2>"$d/user.err"; }
	local pid=$USER_PID in=${USER[1]} out=${USER[0]}
	read -r -t 20 line <&"$out"
	[[ $line == attached ]]
	available bpfctl_ccs
	run python3 "$TRAFFIC" bpfctl_ccs 1
	expect_status 0
	[[ ${lines[0]} == bpfctl_ccs ]]
	echo >&"$in"
	read -r -t 20 line <&"$out"
	[[ $line == destroyed ]]
	wait "$pid"
	refused bpfctl_ccs
}

@test "gen subskeleton: the struct_ops shadow too, pointed at the map's initial value" {
	local d=$OBJS/skel
	bpfctl_to "$d/sub.h" gen subskeleton "$d/struct_ops_cc.o"
	expect_status 0
	grep -q '^		} \*bpfctl_ccs;$' "$d/sub.h"
	grep -q 'skel->struct_ops.bpfctl_ccs = (__typeof__(skel->struct_ops.bpfctl_ccs))' "$d/sub.h"
	printf '#include <bpf/libbpf.h>\n#include "sub.h"\nint main(void) { return 0; }\n' \
		>"$d/sub.c"
	gcc -O2 -Wall -Wextra -Werror -I "$REPO_ROOT/core/include" -I "$d" -c "$d/sub.c" \
		-o "$d/sub.o"
}
