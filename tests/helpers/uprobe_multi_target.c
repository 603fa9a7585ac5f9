// SPDX-License-Identifier: BSD-2-Clause
/*
 * Target of the uprobe_multi tests, built by tests/bats/uprobe_multi.bats
 * without optimisation (no clones, no inlining):
 *
 *   uprobe_multi_target A B C [wait]
 *
 * calls uprobe_multi_target_fn_a A times, fn_b B times, fn_c C times and
 * uprobe_multi_target_other (which no test pattern matches) once; with
 * "wait", only after a line on stdin, so that a test can attach to its pid
 * first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each returns its id + 100: the return probe tells the functions apart. */
__attribute__((noinline, used)) int uprobe_multi_target_fn_a(int id)
{
	return id + 100;
}

__attribute__((noinline, used)) int uprobe_multi_target_fn_b(int id)
{
	return id + 100;
}

__attribute__((noinline, used)) int uprobe_multi_target_fn_c(int id)
{
	return id + 100;
}

__attribute__((noinline, used)) int uprobe_multi_target_other(int id)
{
	return id + 100;
}

int main(int argc, char **argv)
{
	int (*const fns[])(int) = { uprobe_multi_target_fn_a, uprobe_multi_target_fn_b,
				    uprobe_multi_target_fn_c };
	char line[16];
	int i, n;

	if (argc < 4) {
		fprintf(stderr, "usage: %s A B C [wait]\n", argv[0]);
		return 2;
	}
	if (argc > 4 && !strcmp(argv[4], "wait") && !fgets(line, sizeof(line), stdin))
		return 1;
	for (i = 0; i < 3; i++)
		for (n = atoi(argv[i + 1]); n > 0; n--)
			fns[i](i);
	uprobe_multi_target_other(0);
	return 0;
}
