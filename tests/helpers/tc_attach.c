// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper: libbpf's tc API (bpf_tc_hook_create/destroy,
 * bpf_tc_attach/detach/query) on a device, one call per run, as a libbpf
 * program makes them. DEV is a device name or, to test bad ones, a number
 * taken as the ifindex. POINT is ingress, egress or both.
 *
 *   tc_attach create  DEV POINT
 *   tc_attach destroy DEV POINT
 *   tc_attach attach  DEV POINT PROG [HANDLE PRIORITY [replace]]   (PROG: pinned program)
 *   tc_attach query   DEV POINT HANDLE PRIORITY
 *   tc_attach detach  DEV POINT HANDLE PRIORITY
 *   tc_attach cycle   DEV PROG    (create, attach, query, detach, query, destroy in one
 *                                  process: what a libbpf program does before it exits)
 *
 * Prints what the call returned ("handle 1 priority 1 prog_id 42"); on an
 * error, "tc_attach: CALL: -ERRNO (message)" on stderr and exit 1.
 * Built by the tests against the project's own libbpfcore.a.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static int fail(const char *what, int err)
{
	fprintf(stderr, "tc_attach: %s: %d (%s)\n", what, err, strerror(-err));
	return 1;
}

static int dev_index(const char *dev)
{
	char *end;
	long n = strtol(dev, &end, 10);

	return *end ? (int)if_nametoindex(dev) : (int)n;
}

static enum bpf_tc_attach_point point(const char *s)
{
	if (!strcmp(s, "ingress"))
		return BPF_TC_INGRESS;
	if (!strcmp(s, "egress"))
		return BPF_TC_EGRESS;
	if (!strcmp(s, "both"))
		return BPF_TC_INGRESS | BPF_TC_EGRESS;
	fprintf(stderr, "tc_attach: bad point '%s'\n", s);
	exit(2);
}

static void print_opts(const struct bpf_tc_opts *o)
{
	printf("handle %u priority %u prog_id %u\n", o->handle, o->priority, o->prog_id);
}

static int attach(struct bpf_tc_hook *hook, int argc, char **argv)
{
	LIBBPF_OPTS(bpf_tc_opts, o);
	int err;

	o.prog_fd = bpf_obj_get(argv[0]);
	if (o.prog_fd < 0)
		return fail("bpf_obj_get", -errno);
	if (argc >= 3) {
		o.handle = strtoul(argv[1], NULL, 0);
		o.priority = strtoul(argv[2], NULL, 0);
	}
	if (argc >= 4 && !strcmp(argv[3], "replace"))
		o.flags = BPF_TC_F_REPLACE;
	err = bpf_tc_attach(hook, &o);
	close(o.prog_fd);
	if (err)
		return fail("bpf_tc_attach", err);
	print_opts(&o);
	return 0;
}

static int named(struct bpf_tc_hook *hook, const char *op, char **argv)
{
	LIBBPF_OPTS(bpf_tc_opts, o, .handle = strtoul(argv[0], NULL, 0),
		    .priority = strtoul(argv[1], NULL, 0));
	int err;

	if (!strcmp(op, "query")) {
		err = bpf_tc_query(hook, &o);
		if (err)
			return fail("bpf_tc_query", err);
		print_opts(&o);
		return 0;
	}
	err = bpf_tc_detach(hook, &o);
	return err ? fail("bpf_tc_detach", err) : 0;
}

/*
 * The lifetime of a libbpf tc program, checked step by step; declared as
 * libbpf-bootstrap's tc.c declares its options, with the older macro name.
 */
static int cycle(int ifindex, const char *prog)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = BPF_TC_INGRESS);
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, o);
	LIBBPF_OPTS(bpf_tc_opts, q);
	int err;

	err = bpf_tc_hook_create(&hook);
	if (err && err != -EEXIST)
		return fail("bpf_tc_hook_create", err);
	o.prog_fd = bpf_obj_get(prog);
	if (o.prog_fd < 0)
		return fail("bpf_obj_get", -errno);
	err = bpf_tc_attach(&hook, &o);
	close(o.prog_fd);
	if (err)
		return fail("bpf_tc_attach", err);
	printf("attached: ");
	print_opts(&o);
	q.handle = o.handle;
	q.priority = o.priority;
	err = bpf_tc_query(&hook, &q);
	if (err)
		return fail("bpf_tc_query", err);
	printf("queried: ");
	print_opts(&q);
	o.prog_fd = o.prog_id = o.flags = 0;
	err = bpf_tc_detach(&hook, &o);
	if (err)
		return fail("bpf_tc_detach", err);
	q.prog_id = 0;
	err = bpf_tc_query(&hook, &q);
	printf("query after detach: %d\n", err);
	hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
	err = bpf_tc_hook_destroy(&hook);
	if (err)
		return fail("bpf_tc_hook_destroy", err);
	printf("destroyed\n");
	return 0;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_tc_hook, hook);
	int err;

	if (argc < 4) {
		fprintf(stderr, "usage: see the comment at the top of tc_attach.c\n");
		return 2;
	}
	hook.ifindex = dev_index(argv[2]);
	if (!strcmp(argv[1], "cycle"))
		return cycle(hook.ifindex, argv[3]);
	hook.attach_point = point(argv[3]);
	if (!strcmp(argv[1], "create")) {
		err = bpf_tc_hook_create(&hook);
		return err ? fail("bpf_tc_hook_create", err) : 0;
	}
	if (!strcmp(argv[1], "destroy")) {
		err = bpf_tc_hook_destroy(&hook);
		return err ? fail("bpf_tc_hook_destroy", err) : 0;
	}
	if (!strcmp(argv[1], "attach") && argc >= 5)
		return attach(&hook, argc - 4, argv + 4);
	if ((!strcmp(argv[1], "query") || !strcmp(argv[1], "detach")) && argc >= 6)
		return named(&hook, argv[1], argv + 4);
	fprintf(stderr, "tc_attach: bad arguments\n");
	return 2;
}
