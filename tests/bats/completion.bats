#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bash-completion/bpfctl: what it offers at each point of the grammar,
# live values from the kernel, and that the commands it offers per object
# are the ones the object's help lists.

load ../lib/common
load ../lib/completion

setup() {
	completion_setup
}

@test "completion: objects, options, commands, keywords" {
	run complete "bpfctl "
	[[ $output == *prog* && $output == *map* && $output == *btf* && $output == *shell* ]]
	run complete "bpfctl --js"
	[[ $output == --json ]]
	run complete "bpfctl -j pr"
	[[ $output == prog ]]
	run complete "bpfctl prog s"
	[[ $output == show ]]
	run complete "bpfctl btf dump file /x f"
	[[ $output == format ]]
	run complete "bpfctl btf dump file /x format "
	[[ $output == $'c\nraw' ]]
	run complete "bpfctl map create /sys/fs/bpf/x type ringb"
	[[ $output == ringbuf ]]
	run complete "bpfctl cgroup attach /sys/fs/cgroup cgroup_inet_in"
	[[ $output == cgroup_inet_ingress ]]
	run complete "bpfctl prog attach id 1 sk_msg"
	[[ $output == sk_msg_verdict ]]
	run complete "bpfctl net attach xdpg"
	[[ $output == xdpgeneric ]]
}

@test "completion: files, pinned paths and devices" {
	touch "$BATS_TEST_TMPDIR/obj.bpf.o"
	run complete "bpfctl btf dump file $BATS_TEST_TMPDIR/obj"
	[[ $output == "$BATS_TEST_TMPDIR/obj.bpf.o" ]]
	run complete "bpfctl net show dev l"
	[[ $output == *lo* ]]
}

@test "completion: live map ids, names and pinned paths from the kernel" {
	require_root_caps
	local pin=/sys/fs/bpf/bpfctl-test-compl-$$ id
	"$BPFTOOL" map create "$pin" type array key 4 value 4 entries 1 name compl_test_map
	id=$("$BPFTOOL" -j map show pinned "$pin" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	run complete "bpfctl map dump id "
	local ids=$output
	run complete "bpfctl map dump name compl_te"
	local names=$output
	run complete "bpfctl map dump pinned /sys/fs/bpf/bpfctl-test-compl-"
	rm -f "$pin"
	[[ $'\n'$ids$'\n' == *$'\n'$id$'\n'* ]]
	[[ $names == compl_test_map ]]
	[[ $output == "$pin" ]]
}

@test "completion offers exactly the commands of each object's help" {
	local obj offered listed
	for obj in prog map link cgroup perf net btf; do
		offered=$(complete "bpfctl $obj ")
		listed=$("$BPFCTL" "$obj" help | python3 "$REPO_ROOT/tests/lib/man_check.py" --commands "$obj")
		[[ $offered == "$listed" ]] || {
			echo "$obj: offered: $offered"
			echo "$obj: in help: $listed"
			return 1
		}
	done
}
