#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bash-completion/bpfctl for bpftool v7.8's remaining options: offload_dev,
# xdpmeta_dev, net attach prepend, -m/--mapcompat, several btf dump files.

load ../lib/common

setup() {
	# the completion script runs bpfctl by the name typed: make that ours
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -sf "$BPFCTL" "$BATS_TEST_TMPDIR/bin/bpfctl"
	PATH=$BATS_TEST_TMPDIR/bin:$PATH
	# shellcheck source=/dev/null
	source "$REPO_ROOT/bash-completion/bpfctl"
}

# complete LINE: the candidates for the last word of LINE, one per line, sorted.
complete() {
	local line=$1
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_bpfctl 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

@test "completion: prog load offload_dev/xdpmeta_dev and their devices" {
	run complete "bpfctl prog load /x /y "
	[[ $output == *offload_dev* && $output == *xdpmeta_dev* ]]
	run complete "bpfctl prog loadall /x /y xdpmeta_dev l"
	[[ $output == *lo* ]]
	run complete "bpfctl prog load /x /y offload_dev l"
	[[ $output == *lo* ]]
}

@test "completion: net attach overwrite | prepend; -m/--mapcompat" {
	run complete "bpfctl net attach tcx_ingress id 1 dev lo "
	[[ $output == $'overwrite\nprepend' ]]
	run complete "bpfctl --mapc"
	[[ $output == --mapcompat ]]
	run complete "bpfctl -"
	[[ $output == *$'\n-m\n'* ]]
}

@test "completion: btf dump file FILE offers another file; a lone f is still format" {
	run complete "bpfctl -B /v btf dump file /x "
	[[ $output == $'file\nformat\nroot_id' ]]
	run complete "bpfctl btf dump file /x fi"
	[[ $output == file ]]
	run complete "bpfctl btf dump file /x f"
	[[ $output == format ]]
	run complete "bpfctl btf dump id 1 "
	[[ $output == $'format\nroot_id' ]]
}
