// SPDX-License-Identifier: BSD-2-Clause
/*
 * A user program on the skeleton of gen_globals.bpf.c and on a
 * subskeleton of the same object (as a library linked into it would have,
 * built with "gen subskeleton ... name gen_lib"): the subskeleton's
 * variable pointers must point into the memory the skeleton mapped, before
 * load and after. Prints "ok" and exits 0, or says what failed.
 */
#include <stdio.h>

#include <bpf/libbpf.h>

#include "gen_types.h"
#include SKEL_H
#include SUBSKEL_H

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "check failed (line %d): %s\n",	\
				__LINE__, #cond);			\
			goto out;					\
		}							\
	} while (0)

int main(void)
{
	struct gen_globals_bpf *skel;
	struct gen_lib *lib = NULL;
	int ret = 1;

	skel = gen_globals_bpf__open();
	CHECK(skel);
	lib = gen_lib__open(skel->obj);
	CHECK(lib);
	/* before load: the same memory */
	CHECK(lib->data.base == &skel->data->base);
	CHECK(*lib->data.base == 1000);
	CHECK(lib->rodata.add_by == &skel->rodata->add_by);
	*lib->rodata.add_by = 3;
	CHECK(skel->rodata->add_by == 3);
	CHECK(lib->maps.bss == skel->maps.bss);
	CHECK(lib->progs.gen_run == skel->progs.gen_run);
	CHECK(!gen_globals_bpf__load(skel));
	/* after load: still the same memory, now the kernel's */
	*lib->data.base = 2000;
	CHECK(skel->data->base == 2000);
	CHECK(lib->bss.runs == &skel->bss->runs);
	ret = 0;
	printf("ok\n");
out:
	gen_lib__destroy(lib);
	gen_globals_bpf__destroy(skel);
	return ret;
}
