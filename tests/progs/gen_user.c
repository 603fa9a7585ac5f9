// SPDX-License-Identifier: BSD-2-Clause
/*
 * A user program on the skeleton of gen_globals.bpf.c, built against
 * bpfcore or libbpf with either tool's skeleton (-DSKEL_H="..."). It checks
 * initial values before load, sets .rodata and .data before load, runs the
 * XDP program with BPF_PROG_TEST_RUN and reads .bss back, writes .data of
 * the loaded object, reads the map through skel->maps, attaches the
 * tracepoint program and counts its hits, detaches. Prints "ok ..." and
 * exits 0, or says which check failed and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "gen_types.h"
#include SKEL_H

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "check failed (line %d): %s\n",	\
				__LINE__, #cond);			\
			goto out;					\
		}							\
	} while (0)

static unsigned long long expected(unsigned int base, unsigned int add)
{
	return (unsigned long long)(base + add) * 2 + 0xff + 22 + 'h' + 7;
}

static int run_xdp(struct gen_globals_bpf *skel, int repeat)
{
	unsigned char pkt[64] = { 0x5a };
	LIBBPF_OPTS(bpf_test_run_opts, run,
		.data_in = pkt,
		.data_size_in = sizeof(pkt),
		.repeat = repeat,
	);
	int err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.gen_run), &run);

	if (err)
		fprintf(stderr, "test run: %s\n", strerror(errno));
	return err ? -1 : (int)run.retval;
}

int main(void)
{
	struct gen_globals_bpf *skel;
	unsigned long long cnt = 0;
	unsigned int key = 0;
	int i, ret = 1;

	skel = gen_globals_bpf__open();
	if (!skel) {
		fprintf(stderr, "open: %s\n", strerror(errno));
		return 1;
	}
	CHECK(skel->data->base == 1000 && skel->data->marker == 'm' && skel->data->big == 7);
	CHECK(skel->rodata->add_by == 1 && skel->rodata->cfg.scale == 2);
	CHECK(skel->rodata->cfg.mask == 0xff && !strcmp((const char *)skel->rodata->cfg.tag, "ab"));
	CHECK(!strcmp(skel->data_my_sec->custom_text, "hello"));
	CHECK(skel->rodata_consts->custom_ro[0] == 11 && skel->rodata_consts->custom_ro[1] == 22);
	CHECK(skel->bss->runs == 0);

	skel->rodata->add_by = 5;
	skel->rodata->watch_tgid = getpid();
	skel->data->base = 2000;
	CHECK(gen_globals_bpf__load(skel) == 0);

	CHECK(run_xdp(skel, 3) == 2 /* XDP_PASS */);
	CHECK(skel->bss->runs == 3);
	CHECK(skel->bss->last_byte == 0x5a);
	CHECK(skel->bss->last_result == expected(2000, 5));

	/* .data of the loaded object is the kernel's */
	skel->data->base = 3000;
	skel->bss->runs = 100;
	CHECK(run_xdp(skel, 1) == 2);
	CHECK(skel->bss->runs == 101);
	CHECK(skel->bss->last_result == expected(3000, 5));

	CHECK(bpf_map_lookup_elem(bpf_map__fd(skel->maps.gen_counts), &key, &cnt) == 0);
	CHECK(cnt == 4 * 5);

	CHECK(gen_globals_bpf__attach(skel) == 0);
	CHECK(skel->links.gen_on_getpid != NULL);
	for (i = 0; i < 5; i++)
		syscall(SYS_getpid);
	CHECK(skel->bss->getpid_calls == 5);
	gen_globals_bpf__detach(skel);
	CHECK(skel->links.gen_on_getpid == NULL);
	syscall(SYS_getpid);
	CHECK(skel->bss->getpid_calls == 5);

	printf("ok runs=%llu result=%llu count=%llu getpid_calls=%u\n",
	       (unsigned long long)skel->bss->runs, (unsigned long long)skel->bss->last_result,
	       cnt, skel->bss->getpid_calls);
	ret = 0;
out:
	gen_globals_bpf__destroy(skel);
	return ret;
}
