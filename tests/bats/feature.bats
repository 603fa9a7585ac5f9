#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# feature probe / list_builtins / help, side by side with Debian's bpftool
# v7.1 on this kernel: every key 7.1 prints must be ours with the same
# value. Known and explained differences:
#  - bpftool 7.1 (libbpf 1.1) takes the verifier's "program of this type
#    cannot use helper" refusal (Linux 6.7+) for support, so its helper
#    lists are too long; the helpers it lists that we don't must be exactly
#    those the kernel refuses with that message (checked with
#    tests/helpers/feature_verdicts.c built against libbpf 1.1, which marks
#    them);
#  - CONFIG_BPFILTER and CONFIG_BPFILTER_UMH: the kernel dropped bpfilter
#    in 6.10 and bpftool (v7.5 on) no longer lists them; we follow v7.8;
#  - keys 7.1 does not know (netfilter programs, newer map types, the v4
#    ISA probe) are ours only.
# Nothing is loaded for longer than a probe, nothing is pinned.

load ../lib/common

setup_file() {
	require_root_caps
	export OBJS=$BATS_FILE_TMPDIR
	command -v bpftool >/dev/null || fail "bpftool (Debian's 7.1) is missing"
	bpftool -j feature probe >"$OBJS/bt.json"
	"$BPFCTL" -j feature probe >"$OBJS/ours.json"
	bpftool feature list_builtins prog_types >"$OBJS/ptypes"
	bpftool feature list_builtins helpers >"$OBJS/helpers"
	# "T H" for each helper H the kernel refuses in program type T with
	# the 6.7 message, which libbpf 1.1 (so bpftool 7.1) takes for support
	cc -DMARK_NEW_REFUSAL -o "$OBJS/fv_libbpf" "$REPO_ROOT/tests/helpers/feature_verdicts.c" \
		-lbpf
	"$OBJS/fv_libbpf" 32 0 212 | awk '$5 == "refused" { print $2, $3 }' >"$OBJS/refused"
}

setup() {
	require_root_caps
}

# compare_json BPFTOOL OURS REFUSED: every key of BPFTOOL is in OURS with
# the same value, but for the exclusions above; REFUSED lists "T H" pairs
# (program type and helper numbers) the kernel refuses with the 6.7 message.
compare_json() {
	python3 - "$@" <<'PY'
import json, sys
bt, ours = (json.load(open(p)) for p in sys.argv[1:3])
refused = set()
for line in open(sys.argv[3]):
    t, h = line.split()
    refused.add((int(t), int(h)))
ptypes = [l.strip() for l in open(sys.argv[4])]
helpers = [l.strip() for l in open(sys.argv[5])]
dropped = {"CONFIG_BPFILTER", "CONFIG_BPFILTER_UMH"}
bad = 0
for sec, body in bt.items():
    for key, val in body.items():
        if sec == "system_config" and key in dropped:
            continue
        if key not in ours.get(sec, {}):
            print("missing", sec, key); bad += 1; continue
        if sec != "helpers":
            if ours[sec][key] != val:
                print("differs", sec, key, val, ours[sec][key]); bad += 1
            continue
        t = ptypes.index(key[:-len("_available_helpers")])
        want = [h for h in val if (t, helpers.index(h)) not in refused]
        # helpers newer than 7.1's list (cgrp_storage_*) are ours only
        if ours[sec][key][:len(want)] != want or \
           any(h in helpers for h in ours[sec][key][len(want):]):
            print("helpers differ", key, sorted(set(want) ^ set(ours[sec][key]))); bad += 1
sys.exit(1 if bad else 0)
PY
}

@test "feature probe -j: every key of bpftool 7.1, same values (exclusions explained)" {
	# the 6.7 refusal is common on this kernel: the exclusion is not empty
	[[ $(wc -l <"$OBJS/refused") -gt 100 ]]
	json_valid "$OBJS/ours.json"
	compare_json "$OBJS/bt.json" "$OBJS/ours.json" "$OBJS/refused" "$OBJS/ptypes" \
		"$OBJS/helpers"
}

@test "feature probe -j: bpftool's sections and keys, and what this kernel surely has" {
	python3 - "$OBJS/ours.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["system_config", "syscall_config", "program_types", "map_types",
                   "helpers", "misc"], list(d)
assert d["syscall_config"] == {"have_bpf_syscall": True}
assert d["program_types"]["have_socket_filter_prog_type"] is True
assert d["program_types"]["have_netfilter_prog_type"] is True
assert d["map_types"]["have_ringbuf_map_type"] is True
assert d["map_types"]["have_cgrp_storage_map_type"] is True
assert list(d["misc"]) == ["have_large_insn_limit", "have_bounded_loops",
                           "have_v2_isa_extension", "have_v3_isa_extension",
                           "have_v4_isa_extension"]
assert all(d["misc"].values()), d["misc"]
h = d["helpers"]
# sched_cls may store into packets, kprobes may not; kprobes read memory
assert "bpf_skb_store_bytes" in h["sched_cls_available_helpers"]
assert "bpf_skb_store_bytes" not in h["kprobe_available_helpers"]
assert "bpf_probe_read_kernel" in h["kprobe_available_helpers"]
assert h["lirc_mode2_available_helpers"] == []
# newer than the installed UAPI header's list (6.2), known by name
assert "bpf_cgrp_storage_get" in h["cgroup_skb_available_helpers"]
sc = d["system_config"]
assert isinstance(sc["bpf_jit_limit"], int) and isinstance(sc["CONFIG_HZ"], str)
PY
	# the sysctls as the kernel has them
	python3 - "$OBJS/ours.json" <<'PY'
import json, sys
sc = json.load(open(sys.argv[1]))["system_config"]
for key, path in [("unprivileged_bpf_disabled", "kernel/unprivileged_bpf_disabled"),
                  ("bpf_jit_enable", "net/core/bpf_jit_enable"),
                  ("bpf_jit_harden", "net/core/bpf_jit_harden"),
                  ("bpf_jit_kallsyms", "net/core/bpf_jit_kallsyms"),
                  ("bpf_jit_limit", "net/core/bpf_jit_limit")]:
    assert sc[key] == int(open("/proc/sys/" + path).read()), key
PY
	# -p is the same document, indented
	bpfctl_to "$OBJS/pretty.json" -p feature probe
	expect_status 0
	json_equal "$OBJS/ours.json" "$OBJS/pretty.json"
	[[ $(wc -l <"$OBJS/pretty.json") -gt 1000 ]]
}

# strip_new FILE: drop the lines of what bpftool 7.1 can't know and of
# the helpers (compared in the JSON test), for a line by line comparison.
strip_new() {
	grep -viE 'netfilter|cgrp_storage|arena|v4_isa|extension v4|BPFILTER|HELPER_|^	- ' "$1" || true
}

@test "feature probe: text output is bpftool's, line for line" {
	bpftool feature probe >"$OBJS/bt.txt"
	bpfctl_to "$OBJS/ours.txt" feature probe
	expect_status 0
	diff -u <(strip_new "$OBJS/bt.txt") <(strip_new "$OBJS/ours.txt")
	grep -qx 'eBPF program_type netfilter is available' "$OBJS/ours.txt"
	grep -qx 'ISA extension v4 is available' "$OBJS/ours.txt"
	grep -q 'bpf() syscall .*' "$OBJS/ours.txt"
	# a type without helpers says why
	grep -A1 -x 'eBPF helpers supported for program type lirc_mode2:' "$OBJS/ours.txt" |
		grep -qx '	Program type not supported'
}

@test "feature probe full: adds exactly the helpers that write to the kernel log" {
	bpfctl_to "$OBJS/full.json" -j feature probe full
	expect_status 0
	bpftool -j feature probe full >"$OBJS/btfull.json"
	compare_json "$OBJS/btfull.json" "$OBJS/full.json" "$OBJS/refused" "$OBJS/ptypes" \
		"$OBJS/helpers"
	python3 - "$OBJS/ours.json" "$OBJS/full.json" <<'PY'
import json, sys
base, full = (json.load(open(p)) for p in sys.argv[1:])
noisy = {"bpf_trace_printk", "bpf_trace_vprintk", "bpf_probe_write_user"}
seen = set()
for key, lst in full["helpers"].items():
    extra = set(lst) - set(base["helpers"][key])
    assert extra <= noisy, (key, extra)
    assert not noisy & set(base["helpers"][key]), key
    assert set(base["helpers"][key]) <= set(lst), key
    seen |= extra
# bpf_probe_write_user: this kernel refuses it everywhere (lockdown), as
# the comparison with bpftool above checked through the refusal list
assert {"bpf_trace_printk", "bpf_trace_vprintk"} <= seen, seen
assert "bpf_trace_printk" in full["helpers"]["tracepoint_available_helpers"]
for sec in base:
    if sec != "helpers":
        assert base[sec] == full[sec], sec
PY
}

@test "feature probe macros [prefix]: bpftool's #defines" {
	local p
	for p in "" "prefix BPFCTL_FEAT_"; do
		# shellcheck disable=SC2086
		bpftool feature probe macros $p >"$OBJS/bt.h"
		# shellcheck disable=SC2086
		bpfctl_to "$OBJS/ours.h" feature probe macros $p
		expect_status 0
		diff -u <(strip_new "$OBJS/bt.h") <(strip_new "$OBJS/ours.h")
	done
	grep -qx '#define BPFCTL_FEAT_HAVE_NETFILTER_PROG_TYPE' "$OBJS/ours.h"
	grep -qx '#define BPFCTL_FEAT_BPF__PROG_TYPE_xdp__HELPER_bpf_redirect 1' "$OBJS/ours.h"
	grep -qx '#define BPFCTL_FEAT_BPF__PROG_TYPE_kprobe__HELPER_bpf_redirect 0' "$OBJS/ours.h"
	grep -qE '^#define BPFCTL_FEAT_CONFIG_HZ [0-9]+$' "$OBJS/ours.h"
	# the macros compile, and HAVE_PROG_TYPE_HELPER works
	cat >"$OBJS/use.c" <<'C'
#include "ours.h"
#if !BPFCTL_FEAT_HAVE_PROG_TYPE_HELPER(xdp, bpf_redirect)
#error xdp has bpf_redirect
#endif
#if BPFCTL_FEAT_HAVE_PROG_TYPE_HELPER(kprobe, bpf_redirect)
#error kprobes have no bpf_redirect
#endif
#ifndef BPFCTL_FEAT_HAVE_BPF_SYSCALL
#error no syscall macro
#endif
int main(void) { return 0; }
C
	cc -fsyntax-only -I"$OBJS" "$OBJS/use.c"
	# JSON has no macros: -j wins, as in bpftool
	bpfctl_to "$OBJS/m.json" -j feature probe macros prefix X_
	expect_status 0
	json_equal "$OBJS/ours.json" "$OBJS/m.json"
}

@test "feature probe unprivileged: the probes run without the capabilities, as bpftool's" {
	bpftool -j feature probe unprivileged >"$OBJS/btu.json"
	bpfctl_to "$OBJS/oursu.json" -j feature probe unprivileged
	expect_status 0
	# helper lists are empty here, so the refusal exclusion is moot
	: >"$OBJS/none"
	compare_json "$OBJS/btu.json" "$OBJS/oursu.json" "$OBJS/none" "$OBJS/ptypes" \
		"$OBJS/helpers"
	python3 - "$OBJS/oursu.json" "$(cat /proc/sys/kernel/unprivileged_bpf_disabled)" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
if sys.argv[2] != "0":
    # unprivileged bpf() is off: a user gets no program, map or feature
    assert not any(d["program_types"].values())
    assert not any(d["map_types"].values())
    assert not any(d["misc"].values())
    assert not any(d["helpers"].values())
assert d["syscall_config"]["have_bpf_syscall"] is True
PY
	# the capabilities were dropped in bpfctl only: this shell still has them
	has_cap 21 && has_cap 39
	# and only for the probe: the next command of a batch has them back
	printf 'feature probe unprivileged\nprog show\n' >"$OBJS/batch"
	bpfctl_to "$OBJS/batch.out" batch file "$OBJS/batch"
	expect_status 0
	grep -q 'Scanning eBPF program types' "$OBJS/batch.out"
}

@test "feature probe without the capabilities and without 'unprivileged' says what is missing" {
	command -v setpriv >/dev/null || fail "setpriv (util-linux) is missing"
	run --separate-stderr setpriv --inh-caps=-bpf --bounding-set=-bpf "$BPFCTL" feature probe
	expect_error
	[[ $stderr == *"CAP_BPF"*"unprivileged"* ]]
	[[ -z $output ]]
}

@test "feature probe dev NAME: offload probes only, unsupported on a device that does not offload" {
	bpftool -j feature probe dev lo >"$OBJS/btd.json"
	bpfctl_to "$OBJS/oursd.json" -j feature probe dev lo
	expect_status 0
	: >"$OBJS/none"
	compare_json "$OBJS/btd.json" "$OBJS/oursd.json" "$OBJS/none" "$OBJS/ptypes" \
		"$OBJS/helpers"
	python3 - "$OBJS/oursd.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert "system_config" not in d
assert d["program_types"] == {"have_sched_cls_prog_type": False, "have_xdp_prog_type": False}
assert d["map_types"] == {"have_hash_map_type": False, "have_array_map_type": False}
assert d["helpers"] == {"sched_cls_available_helpers": [], "xdp_available_helpers": []}
assert not any(d["misc"].values())
PY
}

@test "feature list_builtins: bpftool 7.1's names first, then the newer ones" {
	local g
	for g in prog_types map_types attach_types link_types helpers; do
		bpftool feature list_builtins "$g" >"$OBJS/bt.$g"
		bpfctl_to "$OBJS/ours.$g" feature list_builtins "$g"
		expect_status 0
		head -n "$(wc -l <"$OBJS/bt.$g")" "$OBJS/ours.$g" | diff -u "$OBJS/bt.$g" -
		bpfctl_to "$OBJS/ours.$g.json" -j feature list_builtins "$g"
		python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == open(sys.argv[2]).read().split()' \
			"$OBJS/ours.$g.json" "$OBJS/ours.$g"
	done
	grep -qx netfilter "$OBJS/ours.prog_types"
	grep -qx tcx "$OBJS/ours.link_types"
	grep -qx arena "$OBJS/ours.map_types"
	[[ $(head -1 "$OBJS/ours.helpers") == bpf_unspec ]]
	[[ $(tail -1 "$OBJS/ours.helpers") == bpf_cgrp_storage_delete ]]
	[[ $(grep -c . "$OBJS/ours.helpers") == 212 ]]
	# unique prefix
	run_bpfctl feature list_builtins prog
	[[ $status == 0 && ${lines[1]} == socket_filter ]]
}

@test "feature: bad input gives a clear error and exit 255" {
	run_bpfctl feature probe bogus
	expect_error
	[[ $stderr == *"unknown feature probe argument 'bogus'"* ]]
	run_bpfctl feature probe dev bpfctl-nodev0
	expect_error
	[[ $stderr == *"unrecognized netdevice 'bpfctl-nodev0'"* ]]
	run_bpfctl feature probe dev
	expect_error
	[[ $stderr == *"after 'dev'"* ]]
	run_bpfctl feature probe prefix X
	expect_error
	[[ $stderr == *"'prefix' can only be used after 'macros'"* ]]
	run_bpfctl feature probe macros prefix
	expect_error
	run_bpfctl feature probe macros prefix A prefix B
	expect_error
	[[ $stderr == *"'prefix' given twice"* ]]
	run_bpfctl feature probe kernel dev lo
	expect_error
	[[ $stderr == *"component to probe already specified"* ]]
	run_bpfctl feature list_builtins
	expect_error
	run_bpfctl feature list_builtins bogus
	expect_error
	[[ $stderr == *"unknown builtin group 'bogus'"* ]]
	run_bpfctl feature list_builtins helpers extra
	expect_error
	run_bpfctl -j feature probe bogus
	[[ $status == 255 && $output == *'"error"'* ]]
	json_valid <<<"$output"
}

@test "feature help and usage" {
	run_bpfctl feature help
	[[ $status == 0 && $output == *"feature probe [COMPONENT] [full] [unprivileged] [macros [prefix PREFIX]]"* ]]
	[[ $output == *"GROUP := { prog_types | map_types | attach_types | link_types | helpers }"* ]]
	run_bpfctl -j feature help
	[[ $status == 0 && $output == null ]]
	# without a command, probe, as bpftool does (test_bpftool.py relies on it)
	bpfctl_to "$BATS_TEST_TMPDIR/bare.json" -j feature
	expect_status 0
	json_equal "$OBJS/ours.json" "$BATS_TEST_TMPDIR/bare.json"
}

# complete LINE: the completion script's candidates for the last word of
# LINE (empty after a trailing space), sorted, one per line.
complete_line() {
	local line=$1
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_bpfctl 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}

@test "feature: man page, bpfctl(8) and bash completion know it" {
	grep -q '^\.BR bpfctl\\-feature (8)' "$REPO_ROOT/man/bpfctl.8"
	"$BPFCTL" feature help | python3 "$REPO_ROOT/tests/lib/man_check.py" feature \
		"$REPO_ROOT/man/bpfctl-feature.8"
	[[ -z $(groff -man -ww -z -Tutf8 "$REPO_ROOT/man/bpfctl-feature.8" 2>&1) ]]
	# shellcheck source=/dev/null
	source "$REPO_ROOT/bash-completion/bpfctl"
	[[ $(complete_line "bpfctl fe") == "feature " ]]
	[[ $(complete_line "bpfctl feature ") == "help list_builtins probe " ]]
	[[ $(complete_line "bpfctl feature list_builtins ") == \
		"attach_types helpers link_types map_types prog_types " ]]
	[[ $(complete_line "bpfctl feature probe ") == "dev full kernel macros unprivileged " ]]
	[[ $(complete_line "bpfctl feature probe kernel macros ") == "full prefix unprivileged " ]]
	[[ $(complete_line "bpfctl feature probe dev l") == *"lo "* ]]
}
