#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# The verdicts of the kernel's bpftool selftest for `feature`
# (tools/testing/selftests/bpf/test_bpftool.py, class TestBpftool), checked
# against bpfctl and against Debian's bpftool 7.1 as the oracle: one test
# here per test method there, with the same name. Each check is run on both
# tools and must give both the same verdict, but for one kernel fact:
#
#  - this kernel refuses bpf_probe_write_user in every program type with the
#    verifier's "program of this type cannot use helper" (Linux 6.7+), which
#    libbpf 1.1 (so bpftool 7.1) takes for support. So bpftool 7.1 lists it
#    under "full" and passes the two "full" checks as the selftest writes
#    them, only because of its age; bpfctl, as libbpf 1.5+ does, does not list
#    it. For bpfctl those two checks expect the helpers that write to the
#    kernel log minus those the kernel refuses everywhere, a set computed
#    here from the verifier's own words (tests/helpers/feature_verdicts.c),
#    so on a kernel that accepts the helper they are the selftest's checks.
#    (Run as written here, the selftest fails those two for bpfctl, as it
#    would for a bpftool on libbpf 1.5+.)
#
# The selftest has no test of 'unprivileged' nor of list_builtins: feature.bats
# covers those. Nothing is pinned; every probe unloads what it loaded.

load ../lib/common

setup_file() {
	require_root_caps
	export OBJS=$BATS_FILE_TMPDIR
	command -v bpftool >/dev/null || { echo "bpftool (Debian's 7.1) is missing" >&2; return 1; }
	bpftool feature list_builtins prog_types >"$OBJS/ptypes"
	bpftool feature list_builtins helpers >"$OBJS/helpers"
	cc -DMARK_NEW_REFUSAL -o "$OBJS/fv_libbpf" "$REPO_ROOT/tests/helpers/feature_verdicts.c" \
		-lbpf
	# "T H" for each helper H the kernel refuses in program type T with the
	# 6.7 message
	"$OBJS/fv_libbpf" 32 0 212 | awk '$5 == "refused" { print $2, $3 }' >"$OBJS/refused"
	bpftool -j feature probe full >"$OBJS/bt.full.json"
	# the log-writing helpers bpftool 7.1 lists only because of that message
	python3 - "$OBJS/bt.full.json" "$OBJS/refused" "$OBJS/ptypes" "$OBJS/helpers" \
		>"$OBJS/refused_everywhere" <<'PY'
import json, sys
full = json.load(open(sys.argv[1]))["helpers"]
refused = {tuple(map(int, l.split())) for l in open(sys.argv[2])}
ptypes = [l.strip() for l in open(sys.argv[3])]
helpers = [l.strip() for l in open(sys.argv[4])]
for h in ["bpf_probe_write_user", "bpf_trace_printk", "bpf_trace_vprintk"]:
    where = [ptypes.index(k[:-len("_available_helpers")])
             for k, lst in full.items() if h in lst]
    if all((t, helpers.index(h)) in refused for t in where):
        print(h)
PY
}

setup() {
	require_root_caps
}

# The helpers whose use writes to the kernel log, which a probe leaves out
# unless asked for with 'full'.
NOISY=bpf_probe_write_user,bpf_trace_printk,bpf_trace_vprintk

# both NAME ARG...: run ARG... with bpftool into $BATS_TEST_TMPDIR/bt.NAME and
# with bpfctl into $BATS_TEST_TMPDIR/ours.NAME; both must succeed.
both() {
	local name=$1
	shift
	bpftool "$@" >"$BATS_TEST_TMPDIR/bt.$name"
	bpfctl_to "$BATS_TEST_TMPDIR/ours.$name" "$@"
	expect_status 0
}

# verdict CHECK ARG...: the checks of the selftest, on JSON probe outputs.
#  sections NAMES FILE: FILE's sections are the comma-separated NAMES, in any
#    order, and no helper list holds a helper of $NOISY;
#  full_found HELPERS FILE: one program type's list holds all of HELPERS;
#  full_diff HELPERS FULL BASE: the helpers listed in FULL and not in BASE
#    are exactly HELPERS, and none of BASE is missing from FULL.
verdict() {
	NOISY=$NOISY python3 - "$@" <<'PY'
import json, os, sys
check, names, *files = sys.argv[1:]
want = set(filter(None, names.split(",")))
noisy = set(os.environ["NOISY"].split(","))
docs = [json.load(open(f)) for f in files]

def union(doc):
    return set().union(*map(set, doc["helpers"].values()))

if check == "sections":
    d = docs[0]
    assert set(d) == want and len(d) == len(want), sorted(d)
    for key, lst in d["helpers"].items():
        assert not noisy & set(lst), (key, noisy & set(lst))
elif check == "full_found":
    assert any(want <= set(lst) for lst in docs[0]["helpers"].values()), want
elif check == "full_diff":
    full, base = map(union, docs)
    assert full - base == want, (full - base, want)
    assert not base - full, base - full
else:
    sys.exit("unknown check " + check)
PY
}

# The log-writing helpers the kernel accepts in some program type, as a
# comma-separated list: what bpfctl's 'full' must add.
accepted_noisy() {
	comm -23 <(tr , '\n' <<<"$NOISY" | sort) <(sort "$OBJS/refused_everywhere") | paste -sd,
}

@test "test_feature_dev_json" {
	# The selftest probes the first network device other than lo (as
	# if_nameindex orders them) with 'feature probe dev': the JSON has
	# exactly the sections syscall_config, program_types, map_types,
	# helpers and misc (no system_config), and the helper lists hold none
	# of the log-writing helpers.
	local iface
	iface=$(python3 -c 'import socket
print(next(n for _, n in socket.if_nameindex() if n != "lo"))')
	both dev -j feature probe dev "$iface"
	local f
	for f in bt ours; do
		verdict sections syscall_config,program_types,map_types,helpers,misc \
			"$BATS_TEST_TMPDIR/$f.dev"
	done
}

@test "test_feature_kernel" {
	# 'feature probe kernel', 'feature probe' and bare 'feature' (which
	# bpftool runs as 'feature probe') all give JSON with exactly the six
	# sections syscall_config, system_config, program_types, map_types,
	# helpers and misc, and without the log-writing helpers.
	both kernel -j feature probe kernel
	both probe -j feature probe
	both bare -j feature
	local f
	for f in {bt,ours}.{kernel,probe,bare}; do
		verdict sections \
			syscall_config,system_config,program_types,map_types,helpers,misc \
			"$BATS_TEST_TMPDIR/$f"
	done
}

@test "test_feature_kernel_full" {
	# With 'full' ('feature probe kernel full' and 'feature probe full'),
	# at least one program type's helper list holds all three log-writing
	# helpers at once.
	both kfull -j feature probe kernel full
	both full -j feature probe full
	# bpftool 7.1: the check as written (passing, see the top on why)
	verdict full_found "$NOISY" "$BATS_TEST_TMPDIR/bt.kfull"
	verdict full_found "$NOISY" "$BATS_TEST_TMPDIR/bt.full"
	# bpfctl: all of those the kernel accepts, and this kernel accepts the
	# printk ones
	local want
	want=$(accepted_noisy)
	[[ $want == *bpf_trace_printk,bpf_trace_vprintk* ]]
	verdict full_found "$want" "$BATS_TEST_TMPDIR/ours.kfull"
	verdict full_found "$want" "$BATS_TEST_TMPDIR/ours.full"
}

@test "test_feature_kernel_full_vs_not_full" {
	# Over all program types, 'feature probe full' lists exactly the
	# log-writing helpers more than 'feature probe', and nothing less.
	both full -j feature probe full
	both base -j feature probe
	verdict full_diff "$NOISY" "$BATS_TEST_TMPDIR/bt.full" "$BATS_TEST_TMPDIR/bt.base"
	verdict full_diff "$(accepted_noisy)" "$BATS_TEST_TMPDIR/ours.full" \
		"$BATS_TEST_TMPDIR/ours.base"
	# what bpfctl leaves out is what the verifier refuses everywhere, and
	# bpftool 7.1 lists it: the one difference between the two verdicts
	local h
	while read -r h; do
		grep -q "\"$h\"" "$BATS_TEST_TMPDIR/bt.full"
		if grep -q "\"$h\"" "$BATS_TEST_TMPDIR/ours.full"; then
			echo "bpfctl lists $h, which the kernel refuses" >&2
			return 1
		fi
	done <"$OBJS/refused_everywhere"
}

@test "test_feature_macros" {
	# 'feature probe macros' (plain text) has the five section comments
	# (system call availability, program types, map types, helper
	# functions, misc features), each but the last followed by at least
	# one #define of its kind.
	both macros feature probe macros
	local f re
	for f in bt ours; do
		for re in '/\*\*\* System call availability \*\*\*/' '#define HAVE_BPF_SYSCALL' \
			'/\*\*\* eBPF program types \*\*\*/' '#define HAVE.*PROG_TYPE' \
			'/\*\*\* eBPF map types \*\*\*/' '#define HAVE.*MAP_TYPE' \
			'/\*\*\* eBPF helper functions \*\*\*/' '#define HAVE.*HELPER' \
			'/\*\*\* eBPF misc features \*\*\*/'; do
			grep -qE "$re" "$BATS_TEST_TMPDIR/$f.macros" ||
				{ echo "$f: no line matches $re" >&2; return 1; }
		done
	done
}
