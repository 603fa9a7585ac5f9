# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
#
# For suites that test bash-completion/bpfctl: load after ../lib/common.
#   completion_setup   in setup(): the script sourced, running our bpfctl
#   complete LINE      the candidates for the last word of LINE (empty
#                      after a trailing space), one per line, sorted

completion_setup() {
	# the completion script runs bpfctl by the name typed: make that ours
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -sf "$BPFCTL" "$BATS_TEST_TMPDIR/bin/bpfctl"
	PATH=$BATS_TEST_TMPDIR/bin:$PATH
	# shellcheck source=/dev/null
	source "$REPO_ROOT/bash-completion/bpfctl"
}

complete() {
	local line=$1
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_bpfctl 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

# completion_words LINE: the same candidates on one line, space-separated
completion_words() {
	complete "$1" | paste -sd ' '
}
