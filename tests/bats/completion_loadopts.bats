#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# bash-completion/bpfctl for bpftool v7.8's remaining options: offload_dev,
# xdpmeta_dev, net attach prepend, -m/--mapcompat, several btf dump files.

load ../lib/common
load ../lib/completion

setup() {
	completion_setup
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
