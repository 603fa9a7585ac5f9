// SPDX-License-Identifier: BSD-2-Clause
/*
 * A light skeleton's user side (skel_light.bats): with no argument, load
 * and attach skel_light.lskel.h through our skel_internal.h, call getppid()
 * 5 times and print the count the program saw; with "signed", ask
 * bpf_load_and_run() for a signed loader and print its refusal.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "skel_light.lskel.h"

static int refuse_signed(void)
{
	char sig[8] = { 0 };
	struct bpf_loader_ctx ctx = { .sz = sizeof(ctx) };
	struct bpf_load_and_run_opts opts = {
		.ctx = &ctx, .signature = sig, .signature_sz = sizeof(sig),
	};
	int err = bpf_load_and_run(&opts);

	printf("%d %s (%s)\n", err, opts.errstr, strerror(errno));
	return err ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct skel_light *s;
	int i, err;

	if (argc > 1 && !strcmp(argv[1], "signed"))
		return refuse_signed();
	s = skel_light__open();
	if (!s) {
		perror("skel_light__open");
		return 1;
	}
	s->bss->target_pid = getpid();
	s->bss->target_nr = SYS_getppid;
	err = skel_light__load(s);
	if (!err)
		err = skel_light__attach(s);
	if (err) {
		fprintf(stderr, "skel_light: load/attach: %d (%s)\n", err, strerror(errno));
		skel_light__destroy(s);
		return 1;
	}
	for (i = 0; i < 5; i++)
		getppid();
	printf("hits %d\n", s->bss->hits);
	skel_light__destroy(s);
	return 0;
}
