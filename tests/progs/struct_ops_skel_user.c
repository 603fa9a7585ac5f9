// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct_ops.bats: a user program of the skeleton of struct_ops_cc.bpf.c
 * (built with -DCC=bpfctl_ccs). Before load it clears one member through
 * the struct_ops shadow (cwnd_event: that program is then not loaded) and
 * checks that the shadow names the programs; X__attach() registers the
 * congestion control, X__destroy() unregisters it. Prints what it saw; the
 * suite checks /proc between the steps (the program waits for a line on
 * stdin after attaching).
 */
#include <stdio.h>
#include <string.h>

#include "struct_ops_cc.skel.h"

static int fail(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	return 1;
}

int main(void)
{
	struct struct_ops_cc *skel;
	char line[16];

	skel = struct_ops_cc__open();
	if (!skel)
		return fail("open");
	if (!skel->struct_ops.bpfctl_ccs ||
	    skel->struct_ops.bpfctl_ccs->init != skel->progs.cc_init)
		return fail("shadow init is not cc_init");
	skel->struct_ops.bpfctl_ccs->cwnd_event = NULL;
	if (struct_ops_cc__load(skel))
		return fail("load");
	if (bpf_program__fd(skel->progs.cc_cwnd_event) >= 0)
		return fail("cc_cwnd_event was loaded though no member uses it");
	if (struct_ops_cc__attach(skel))
		return fail("attach");
	if (!skel->links.bpfctl_ccs)
		return fail("no struct_ops link");
	printf("attached\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	struct_ops_cc__destroy(skel);
	printf("destroyed\n");
	return 0;
}
