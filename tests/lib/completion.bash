# SPDX-License-Identifier: BSD-2-Clause
#
# bash-completion/bpfctl driven from a test, as bash would at a <Tab>.
# completion.bats and feature.bats have their own copies of the second
# function, from before this file.

# completion_load: source the completion script, with `bpfctl` on PATH
# being the bpfctl under test (the script runs it by the name typed).
completion_load() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -sf "$BPFCTL" "$BATS_TEST_TMPDIR/bin/bpfctl"
	PATH=$BATS_TEST_TMPDIR/bin:$PATH
	# shellcheck source=/dev/null
	source "$REPO_ROOT/bash-completion/bpfctl"
}

# completion_candidates LINE: the candidates for the last word of LINE
# (empty after a trailing space), sorted, on one line, space-separated.
completion_candidates() {
	local line=$1
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_bpfctl 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd ' '
}
