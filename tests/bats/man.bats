#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# The manual pages: they format without warnings, every object of the CLI
# has its page, and each page documents exactly the commands the object's
# help lists.

load ../lib/common

MAN_DIR=$REPO_ROOT/man

# The objects "bpfctl help" lists.
objects() {
	"$BPFCTL" help | sed -n 's/.*OBJECT  := { \(.*\) }.*/\1/p' | tr -d ' ' | tr '|' '\n'
}

@test "man pages format without warnings (groff -ww, man --warnings)" {
	local page out
	for page in "$MAN_DIR"/*.8; do
		out=$(groff -man -ww -z -Tutf8 "$page" 2>&1)
		[[ -z $out ]] || { echo "$page: $out"; return 1; }
		out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		[[ -z $out ]] || { echo "$page: $out"; return 1; }
	done
}

@test "every object has a page, and bpfctl(8) points to it" {
	local obj
	for obj in $(objects) shell; do
		[[ -f $MAN_DIR/bpfctl-$obj.8 ]] || { echo "no man/bpfctl-$obj.8"; return 1; }
		grep -q "^\.BR bpfctl\\\\-$obj (8)" "$MAN_DIR/bpfctl.8" ||
			{ echo "bpfctl.8 does not point to bpfctl-$obj(8)"; return 1; }
	done
}

@test "each page documents exactly the commands of its object's help" {
	local obj
	for obj in $(objects); do
		"$BPFCTL" "$obj" help | python3 "$REPO_ROOT/tests/lib/man_check.py" "$obj" \
			"$MAN_DIR/bpfctl-$obj.8"
	done
}

@test "the pages of the man directory are all installed by make install" {
	local dest=$BATS_TEST_TMPDIR/inst
	make -C "$REPO_ROOT" -s install DESTDIR="$dest" PREFIX=/usr BUILD="$(dirname "$BPFCTL")" \
		>/dev/null
	local page
	for page in "$MAN_DIR"/*.8; do
		[[ -f $dest/usr/share/man/man8/$(basename "$page") ]]
	done
}
