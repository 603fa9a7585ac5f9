// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper for tests/bats/usdt.bats: attach the programs of
 * tests/progs/usdt.bpf.c with bpf_program__attach_usdt() to the probes of
 * usdt_target, run it, print what the programs saw, detach, run it again.
 *
 *	usdt_attach [-s] [-p PIN] OBJ TARGET N
 *
 * -s sets the programs' expected attach type to 0 before the load, which
 * keeps them off uprobe_multi links: one uprobe per site. -p pins the
 * link of the two-site probe at PIN (and unpins it again).
 *
 * Prints "name value" lines; the library's warnings go to stderr. The
 * command in $USDT_WHILE_ATTACHED, if set, runs while all are attached.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "usdt_results.h"

enum { TICK, MIXED, TWICE, NONE, GATED, NR_LINKS };

static const char *const probes[NR_LINKS] = { "tick", "mixed", "twice", "none", "gated" };

static struct bpf_link *attach(struct bpf_object *obj, const char *prog_name,
			       const char *target, const char *probe, __u64 cookie)
{
	LIBBPF_OPTS(bpf_usdt_opts, opts, .usdt_cookie = cookie);
	struct bpf_program *prog = bpf_object__find_program_by_name(obj, prog_name);

	if (!prog) {
		fprintf(stderr, "no program %s\n", prog_name);
		exit(1);
	}
	return bpf_program__attach_usdt(prog, -1, target, "bpfctl_test", probe, &opts);
}

static void read_results(struct bpf_object *obj, struct usdt_results *res)
{
	struct bpf_map *bss = bpf_object__find_map_by_name(obj, ".bss");
	int zero = 0;

	if (!bss || bpf_map_lookup_elem(bpf_map__fd(bss), &zero, res)) {
		fprintf(stderr, "can't read .bss\n");
		exit(1);
	}
}

static void run_target(const char *target, int n)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "%s %d", target, n);
	fflush(stdout);
	if (system(cmd)) {
		fprintf(stderr, "%s failed\n", cmd);
		exit(1);
	}
}

#define PRINT(res, f) printf(#f " %lld\n", (res)->f)

static void print_results(const struct usdt_results *r)
{
	PRINT(r, tick_hits);
	PRINT(r, tick_sum_i);
	PRINT(r, tick_sum_neg);
	PRINT(r, tick_sum_prod);
	PRINT(r, tick_cookie);
	PRINT(r, tick_arg_cnt);
	PRINT(r, tick_size0);
	PRINT(r, tick_size2);
	PRINT(r, tick_arg3_err);
	PRINT(r, mixed_hits);
	PRINT(r, mixed_sum_c);
	PRINT(r, mixed_sum_s);
	printf("mixed_last_big 0x%llx\n", (unsigned long long)r->mixed_last_big);
	PRINT(r, twice_hits);
	PRINT(r, twice_sum_i);
	PRINT(r, twice_sum_const);
	PRINT(r, none_hits);
	PRINT(r, none_arg_cnt);
	PRINT(r, gated_hits);
	PRINT(r, gated_sum_i);
}

/* The errno of an attachment that must fail, or 0 if it worked. */
static int attach_error(struct bpf_object *obj, const char *target, const char *probe)
{
	struct bpf_link *link = attach(obj, "on_tick", target, probe, 0);

	if (link) {
		bpf_link__destroy(link);
		return 0;
	}
	return -errno;
}

/* Open and load obj; with per_site, every program's attach type set to 0 first. */
static struct bpf_object *load(const char *path, int per_site)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog;

	if (!obj)
		return NULL;
	if (per_site)
		bpf_object__for_each_program(prog, obj)
			bpf_program__set_expected_attach_type(prog, 0);
	if (bpf_object__load(obj)) {
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

/* Pin link at path and unpin it again: "twice_pin" and "twice_unpin" lines. */
static void pin_unpin(struct bpf_link *link, const char *path)
{
	int err = link ? bpf_link__pin(link, path) : -1000;

	printf("twice_pin %d\n", err);
	if (!err)
		printf("twice_unpin %d\n", bpf_link__unpin(link));
}

int main(int argc, char **argv)
{
	const char *names[NR_LINKS] = { "on_tick", "on_mixed", "on_twice", "on_none", "on_gated" };
	const char *pin = "/sys/fs/bpf/bpfctl-usdt-attach-unused";
	struct bpf_link *links[NR_LINKS], *extra;
	struct usdt_results res;
	struct bpf_object *obj;
	int i, n, opt, per_site = 0;
	const char *target;

	while ((opt = getopt(argc, argv, "sp:")) != -1) {
		if (opt == 's')
			per_site = 1;
		else if (opt == 'p')
			pin = optarg;
		else
			return 2;
	}
	if (argc - optind != 3) {
		fprintf(stderr, "usage: usdt_attach [-s] [-p PIN] OBJ TARGET N\n");
		return 2;
	}
	target = argv[optind + 1];
	n = atoi(argv[optind + 2]);
	obj = load(argv[optind], per_site);
	if (!obj) {
		fprintf(stderr, "can't load %s\n", argv[optind]);
		return 1;
	}
	printf("attach_type %d\n",
	       bpf_program__expected_attach_type(bpf_object__find_program_by_name(obj, "on_tick")));
	for (i = 0; i < NR_LINKS; i++) {
		links[i] = attach(obj, names[i], target, probes[i], i == TICK ? 0xabc : 0);
		printf("attach_%s %d\n", probes[i], links[i] ? 0 : -errno);
	}
	printf("tick_link_fd_valid %d\n", links[TICK] && bpf_link__fd(links[TICK]) >= 0);
	printf("twice_link_fd_valid %d\n", links[TWICE] && bpf_link__fd(links[TWICE]) >= 0);
	pin_unpin(links[TWICE], pin);
	/* all 5 slots are taken: a sixth spec has none */
	printf("sixth_spec %d\n", attach_error(obj, target, "tick"));
	printf("no_such_probe %d\n", attach_error(obj, target, "nosuch"));
	printf("no_such_binary %d\n", attach_error(obj, "/nonexistent/usdt_target", "tick"));
	printf("rip_relative %d\n", attach_error(obj, target, "global"));

	/* a look from outside while attached: "perf show" lists our uprobes */
	if (getenv("USDT_WHILE_ATTACHED")) {
		fflush(stdout);
		if (system(getenv("USDT_WHILE_ATTACHED")))
			fprintf(stderr, "USDT_WHILE_ATTACHED command failed\n");
	}
	run_target(target, n);
	read_results(obj, &res);
	print_results(&res);

	/* a destroyed link gives its slot back */
	bpf_link__destroy(links[NONE]);
	links[NONE] = NULL;
	extra = attach(obj, "on_none", target, "none", 0);
	printf("reattach %d\n", extra ? 0 : -errno);
	bpf_link__destroy(extra);

	for (i = 0; i < NR_LINKS; i++)
		bpf_link__destroy(links[i]);
	run_target(target, n);
	read_results(obj, &res);
	printf("after_tick_hits %lld\n", res.tick_hits);
	printf("after_twice_hits %lld\n", res.twice_hits);
	printf("after_gated_hits %lld\n", res.gated_hits);
	bpf_object__close(obj);
	return 0;
}
