#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# link show/list, pin, detach on real links of every kind this kernel can
# create: programs from tests/progs/link_progs.bpf.c loaded by Debian's
# bpftool, links made and pinned by tests/helpers/link_attach.c (built
# against our libbpfcore.a). Checked against what the kernel holds (cgroup
# and netns inodes, ifindexes, map and program ids) and side by side with
# bpftool v7.1, which predates the perf_event details, tcx and cookies.

load ../lib/common

# func_offset BIN FUNC: the file offset of FUNC in the ELF executable BIN,
# which is what a uprobe is placed at.
func_offset() {
	python3 - "$1" "$2" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
phoff, shoff = struct.unpack_from("<QQ", data, 0x20)
phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 0x36)
secs = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
addr = None
for sec in secs:
    if sec[1] != 2:  # SHT_SYMTAB
        continue
    strs = secs[sec[6]][4]
    for off in range(sec[4], sec[4] + sec[5], 24):
        name, info, _, _, value, _ = struct.unpack_from("<IBBHQQ", data, off)
        end = data.index(b"\0", strs + name)
        if data[strs + name:end] == sys.argv[2].encode() and info & 0xf == 2:
            addr = value
for i in range(phnum):
    typ, _, off, vaddr, _, filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
    if typ == 1 and addr is not None and vaddr <= addr < vaddr + filesz:
        print(hex(addr - vaddr + off))
PY
}

setup_file() {
	require_root_caps
	export PIN=/sys/fs/bpf/bpfctl-test-link-$$
	export HELPER=$BATS_FILE_TMPDIR/link_attach
	export DEV=bpfl$$a PEER=bpfl$$b NETNS=bpfctl-test-link-$$
	local cg_root
	cg_root=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	export CGROUP=$cg_root/bpfctl-test-link-$$
	build_helper "$HELPER" "$REPO_ROOT/tests/helpers/link_attach.c"
	compile_bpf "$PROGS/link_progs.bpf.c" "$BATS_FILE_TMPDIR/link_progs.o"
	mkdir -p "$PIN/links"
	"$BPFTOOL" prog loadall "$BATS_FILE_TMPDIR/link_progs.o" "$PIN/progs" pinmaps "$PIN/maps"
	mkdir "$CGROUP"
	ip link add "$DEV" type veth peer name "$PEER"
	ip netns add "$NETNS"
	local p=$PIN/progs l=$PIN/links
	"$HELPER" raw_tp "$p/link_raw_tp" "$l/raw_tp" sys_enter
	"$HELPER" tracing "$p/link_tp_btf" "$l/tp_btf"
	"$HELPER" tracepoint "$p/link_tp" "$l/tracepoint" syscalls sys_enter_getppid 7
	"$HELPER" event "$p/link_perf" "$l/event"
	export UPROBE_OFF
	UPROBE_OFF=$(func_offset "$HELPER" main)
	"$HELPER" uprobe "$p/link_uprobe" "$l/uprobe" "$HELPER" "$UPROBE_OFF"
	"$HELPER" uprobe "$p/link_uprobe" "$l/uretprobe" "$HELPER" "$UPROBE_OFF" ret
	"$HELPER" cgroup "$p/link_cgroup" "$l/cgroup" "$CGROUP" 1
	"$HELPER" xdp "$p/link_xdp" "$l/xdp" "$DEV"
	"$HELPER" tcx "$p/link_tcx" "$l/tcx" "$DEV" egress
	"$HELPER" iter "$p/link_iter" "$l/iter"
	"$HELPER" netns "$p/link_dissect" "$l/netns" "/run/netns/$NETNS"
}

teardown_file() {
	# unpinning releases the links, which detaches them
	rm -rf "$PIN"
	ip link del "$DEV" 2>/dev/null || true
	ip netns del "$NETNS" 2>/dev/null || true
	rmdir "$CGROUP" 2>/dev/null || true
}

setup() {
	require_root_caps
}

teardown() {
	rm -rf "$PIN/extra"
}

# id_of KIND FILE: the id of the link, program or map pinned at FILE, as bpftool sees it.
id_of() {
	"$BPFTOOL" -j "$1" show pinned "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# show_text NAME: "link show" of the link pinned at links/NAME, in text.
show_text() {
	run_bpfctl link show pinned "$PIN/links/$1"
	expect_status 0
}

# field NAME KEY: the JSON field KEY of our "link show" of links/NAME.
field() {
	"$BPFCTL" -j link show pinned "$PIN/links/$1" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"
}

@test "link show: raw tracepoint, BTF tracepoint and perf tracepoint in bpftool's text layout" {
	local id prog
	id=$(id_of link "$PIN/links/raw_tp")
	prog=$(id_of prog "$PIN/progs/link_raw_tp")
	show_text raw_tp
	[[ $output == "$id: raw_tracepoint  prog $prog  "$'\n\t'"tp 'sys_enter'  " ]]
	id=$(id_of link "$PIN/links/tp_btf")
	prog=$(id_of prog "$PIN/progs/link_tp_btf")
	show_text tp_btf
	[[ $output == "$id: raw_tracepoint  prog $prog  "$'\n\t'"tp 'sys_enter'  " ]]
	id=$(id_of link "$PIN/links/tracepoint")
	prog=$(id_of prog "$PIN/progs/link_tp")
	show_text tracepoint
	[[ $output == "$id: perf_event  prog $prog  "$'\n\t'"tracepoint sys_enter_getppid  cookie 7  " ]]
}

@test "link show: uprobe and uretprobe perf_event links name the file and offset" {
	local id
	id=$(id_of link "$PIN/links/uprobe")
	show_text uprobe
	[[ $output == "$id: perf_event  prog "*"  "$'\n\t'"uprobe $HELPER+$UPROBE_OFF  " ]]
	show_text uretprobe
	[[ $output == *$'\n\t'"uretprobe $HELPER+$UPROBE_OFF  " ]]
	[[ $(field uprobe file) == "$HELPER" && $(field uprobe retprobe) == False ]]
	[[ $(field uretprobe retprobe) == True ]]
	[[ $(field uprobe offset) == $((UPROBE_OFF)) && $(field uprobe ref_ctr_offset) == 0 ]]
}

@test "link show: perf event, cgroup, iterators and netns in text, with the kernel's values" {
	local id cg_id ns_ino
	id=$(id_of link "$PIN/links/event")
	show_text event
	[[ $output == "$id: perf_event  prog "*"  "$'\n\t'"event software:page-faults  " ]]
	cg_id=$(stat -c %i "$CGROUP")
	show_text cgroup
	[[ $output == *$'\n\t'"cgroup_id $cg_id  attach_type cgroup_inet_egress  " ]]
	show_text iter
	[[ $output == *"  target_name bpf_map  " ]]
	ns_ino=$(stat -L -c %i "/run/netns/$NETNS")
	show_text netns
	[[ $output == *$'\n\t'"netns_ino $ns_ino  attach_type flow_dissector  " ]]
}

@test "link show: a map element iterator names its map where the kernel loads one, else a clear error" {
	local map_id prog=$PIN/extra/iter_elem_prog link=$PIN/extra/iter_elem
	compile_bpf "$PROGS/link_iter_elem.bpf.c" "$BATS_TEST_TMPDIR/link_iter_elem.o"
	run_bpfctl prog load "$BATS_TEST_TMPDIR/link_iter_elem.o" "$prog"
	if ((status != 0)); then
		# this kernel refuses iter/bpf_map_elem (6.18 here: EPERM)
		expect_status 255
		[[ $stderr == *"Error: cannot load object '$BATS_TEST_TMPDIR/link_iter_elem.o': prog 'link_iter_elem': failed to load tracing program (2 instructions): "* ]]
		[[ ! -e $prog ]]
		return 0
	fi
	"$HELPER" iter "$prog" "$link" "$PIN/maps/link_stats"
	map_id=$(id_of map "$PIN/maps/link_stats")
	run_bpfctl link show pinned "$link"
	expect_status 0
	[[ $output == *"  target_name bpf_map_elem  map_id $map_id  " ]]
	run_bpfctl -j link show pinned "$link"
	[[ $(python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["target_name"], d["map_id"])' \
		<<<"$output") == "bpf_map_elem $map_id" ]]
}

@test "link show: xdp and tcx name the device and its ifindex" {
	local ifindex
	ifindex=$(cat "/sys/class/net/$DEV/ifindex")
	show_text xdp
	[[ $output == *$'\n\t'"ifindex $DEV($ifindex)  " ]]
	show_text tcx
	[[ $output == *$'\n\t'"ifindex $DEV($ifindex)  attach_type tcx_egress  " ]]
	[[ $(field tcx devname) == "$DEV" && $(field tcx ifindex) == "$ifindex" ]]
	[[ $(field tcx attach_type) == tcx_egress && $(field tcx type) == tcx ]]
	[[ $(field xdp devname) == "$DEV" && $(field xdp ifindex) == "$ifindex" ]]
}

@test "link show -j: type-specific fields hold the kernel's values" {
	[[ $(field raw_tp tp_name) == sys_enter && $(field raw_tp cookie) == 0 ]]
	[[ $(field tracepoint tracepoint) == sys_enter_getppid && $(field tracepoint cookie) == 7 ]]
	[[ $(field event event_type) == software && $(field event event_config) == page-faults ]]
	[[ $(field cgroup cgroup_id) == "$(stat -c %i "$CGROUP")" ]]
	[[ $(field cgroup attach_type) == cgroup_inet_egress ]]
	[[ $(field netns netns_ino) == "$(stat -L -c %i "/run/netns/$NETNS")" ]]
	[[ $(field xdp prog_id) == "$(id_of prog "$PIN/progs/link_xdp")" ]]
}

@test "link show -j: the perf tracepoint link has the reference's fields" {
	"$BPFCTL" -j link show pinned "$PIN/links/tracepoint" >"$BATS_TEST_TMPDIR/ours.json"
	python3 - "$BATS_TEST_TMPDIR/ours.json" "$(fixture reference/link_show.json)" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
ref = json.load(open(sys.argv[2]))[0]
assert sorted(ours) == sorted(ref), (sorted(ours), sorted(ref))
for k, v in ref.items():
    assert type(ours[k]) is type(v), k
PY
}

@test "link show -j agrees with bpftool on every field both print" {
	run_bpfctl -j -f link show
	expect_status 0
	echo "$output" >"$BATS_TEST_TMPDIR/ours.json"
	json_valid "$BATS_TEST_TMPDIR/ours.json"
	"$BPFTOOL" -j -f link show >"$BATS_TEST_TMPDIR/theirs.json"
	python3 - "$BATS_TEST_TMPDIR/ours.json" "$BATS_TEST_TMPDIR/theirs.json" "$PIN/links/" <<'PY'
import json, sys
ours = {l["id"]: l for l in json.load(open(sys.argv[1]))}
theirs = json.load(open(sys.argv[2]))
mine = [l for l in theirs if any(p.startswith(sys.argv[3]) for p in l.get("pinned", []))]
assert len(mine) == 11, f"expected our 11 links in bpftool's list, got {len(mine)}"
for t in mine:
    o = ours[t["id"]]
    for k, v in t.items():
        # v7.1 knows no tcx: it prints the type as a number
        if k == "type" and isinstance(v, int):
            assert v == 11 and o[k] == "tcx", (o[k], v)
            continue
        assert o.get(k) == v, f"link {t['id']}: {k}: ours {o.get(k)!r}, bpftool {v!r}"
PY
}

@test "link show -f: text and JSON list the pinned paths; list is show" {
	local id
	id=$(id_of link "$PIN/links/cgroup")
	run_bpfctl -f link show id "$id"
	expect_status 0
	[[ $output == *$'\n\t'"pinned $PIN/links/cgroup" ]]
	run_bpfctl -j -f link list id "$id"
	expect_status 0
	[[ $output == *"\"pinned\":[\"$PIN/links/cgroup\"]"* ]]
	run_bpfctl link show id "$id"
	[[ $output != *pinned* ]]
	run_bpfctl link list
	expect_status 0
	[[ $output == *"$id: cgroup  prog "* ]]
	run_bpfctl link
	expect_status 0
	[[ $output == *"$id: cgroup  prog "* ]]
}

@test "link show: every link of the kernel, in id order, as bpftool lists them" {
	run_bpfctl -j link show
	expect_status 0
	ours=$(python3 -c 'import json,sys; print(" ".join(str(l["id"]) for l in json.load(sys.stdin)))' <<<"$output")
	theirs=$("$BPFTOOL" -j link show | python3 -c 'import json,sys; print(" ".join(str(l["id"]) for l in json.load(sys.stdin)))')
	[[ $ours == "$theirs" ]]
	[[ $ours == $(tr ' ' '\n' <<<"$ours" | sort -n | tr '\n' ' ' | sed 's/ $//') ]]
}

@test "link pin: a second pin of the same link; refuses an existing path and non-bpffs paths" {
	local id
	id=$(id_of link "$PIN/links/iter")
	run_bpfctl link pin id "$id" "$PIN/extra/sub/iter"
	expect_status 0
	[[ $(id_of link "$PIN/extra/sub/iter") == "$id" ]]
	run_bpfctl link pin pinned "$PIN/links/iter" "$PIN/extra/sub/iter"
	expect_error
	[[ $stderr == *"$PIN/extra/sub/iter"*exists* ]]
	run_bpfctl link pin id "$id" "$BATS_TEST_TMPDIR/iter"
	expect_error
	[[ ! -e $BATS_TEST_TMPDIR/iter ]]
	run_bpfctl -j link pin id "$id" "$PIN/extra/iter2"
	expect_status 0
	[[ $output == null ]]
	run_bpfctl link pin id "$id"
	expect_error
}

@test "link detach: an xdp link lets go of the device and shows as detached" {
	local id
	mkdir -p "$PIN/extra"
	"$HELPER" xdp "$PIN/progs/link_xdp" "$PIN/extra/xdp" "$PEER"
	ip -d link show dev "$PEER" | grep -q xdp
	id=$(id_of link "$PIN/extra/xdp")
	run_bpfctl link detach id "$id"
	expect_status 0
	if ip -d link show dev "$PEER" | grep -q xdp; then
		echo "xdp still attached to $PEER" >&2
		return 1
	fi
	run_bpfctl link show pinned "$PIN/extra/xdp"
	expect_status 0
	[[ $output == "$id: xdp  prog "*$'\n\t'"ifindex (detached)  " ]]
	[[ $("$BPFCTL" -j link show id "$id") == *'"devname":"(detached)","ifindex":0'* ]]
}

@test "link detach: a cgroup link by pinned path; a link type that can't detach is an error" {
	mkdir -p "$PIN/extra"
	"$HELPER" cgroup "$PIN/progs/link_cgroup" "$PIN/extra/cg" "$CGROUP" 1
	run_bpfctl -j link detach pinned "$PIN/extra/cg"
	expect_status 0
	[[ $output == null ]]
	run_bpfctl link show pinned "$PIN/extra/cg"
	[[ $output == *"cgroup_id 0  attach_type cgroup_inet_egress  "* ]]
	run_bpfctl link detach pinned "$PIN/links/raw_tp"
	expect_error
	[[ $stderr == *"link id $(id_of link "$PIN/links/raw_tp") (raw_tracepoint)"* ]]
	show_text raw_tp
	[[ $output == *"tp 'sys_enter'"* ]]
}

@test "link: bad input is a clean error" {
	run_bpfctl link show id 4000000000
	expect_error
	[[ $stderr == *"no link with id 4000000000"* ]]
	run_bpfctl -j link show id 4000000000
	expect_status 255
	[[ $output == *'"error"'* ]]
	run_bpfctl link show id abc
	expect_error
	run_bpfctl link show pinned "$PIN/progs/link_xdp"
	expect_error
	[[ $stderr == *"not a pinned link"* ]]
	run_bpfctl link show pinned "$BATS_FILE_TMPDIR/link_progs.o"
	expect_error
	[[ $stderr == *"not on a BPF filesystem"* ]]
	run_bpfctl link show pinned "$PIN/links/nonexistent"
	expect_error
	run_bpfctl link show name foo
	expect_error
	run_bpfctl link show id
	expect_error
	run_bpfctl link show pinned "$PIN/links/raw_tp" extra
	expect_error
	run_bpfctl link detach id 4000000000
	expect_error
	run_bpfctl link detach
	expect_error
	run_bpfctl link frobnicate
	expect_error
}

@test "link help: usage in text, null in JSON" {
	run_bpfctl link help
	expect_status 0
	[[ $output == *"link { show | list } [LINK]"* && $output == *"LINK := { id LINK_ID | pinned FILE }"* ]]
	[[ $output == *"link pin    LINK FILE"* && $output == *"link detach LINK"* ]]
	run_bpfctl -j link help
	expect_status 0
	[[ $output == null ]]
}
