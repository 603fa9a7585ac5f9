// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper for bpf_program__attach_uprobe_multi() and kprobe.session,
 * built by tests/bats/uprobe_multi.bats against the project's
 * libbpfcore.a:
 *
 *   uprobe_multi_attach attach OBJ PROG DIR BINARY [OPTION...]
 *       load OBJ, attach PROG with bpf_program__attach_uprobe_multi() to
 *       BINARY ("-" for NULL), pin the link at DIR/link and the counts map
 *       at DIR/counts. Options: pattern=GLOB syms=A,B offsets=N,M
 *       cookies=N,M refctr=N,M cnt=N (overrides the list lengths)
 *       retprobe session pid=N (default -1: every process)
 *   uprobe_multi_attach ksession OBJ PROG PATTERN
 *       attach PROG with bpf_program__attach_kprobe_multi_opts(.session)
 *   uprobe_multi_attach counts PIN
 *       the values of the pinned counts array, space-separated
 *
 * Prints "ok: ..." on success; "failed: errno N (...)" and exit 1 when an
 * attach fails, with the library's warnings on stderr.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define MAX_FNS 16
#define COUNT_SLOTS 16

static int print_all(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	fprintf(stderr, "libbpf: ");
	return vfprintf(stderr, fmt, ap);
}

static void die(const char *what)
{
	fprintf(stderr, "FAIL: %s (errno %d %s)\n", what, errno, strerror(errno));
	exit(2);
}

/* "1,2,0x10" into vals; the number of values. */
static size_t parse_list(const char *s, unsigned long long *vals)
{
	size_t n = 0;
	char *end;

	while (*s && n < MAX_FNS) {
		vals[n++] = strtoull(s, &end, 0);
		if (end == s)
			die("bad number list");
		s = *end == ',' ? end + 1 : end;
	}
	return n;
}

/* "a,b,c" into names (pointers into the copy buf); the number of names. */
static size_t parse_names(char *buf, const char **names)
{
	size_t n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(buf, ",", &save); tok && n < MAX_FNS; tok = strtok_r(NULL, ",", &save))
		names[n++] = tok;
	return n;
}

struct attach_args {
	const char *pattern;
	const char *syms[MAX_FNS];
	unsigned long offsets[MAX_FNS], refctr[MAX_FNS];
	__u64 cookies[MAX_FNS];
	bool has_syms, has_offsets, has_refctr, has_cookies;
	long cnt;			/* -1: from the lists */
	size_t list_cnt;
	int pid;
	bool retprobe, session;
	char names[4096];
};

static void parse_option(struct attach_args *a, const char *opt)
{
	unsigned long long v[MAX_FNS];
	size_t n, i;

	if (!strncmp(opt, "pattern=", 8)) {
		a->pattern = opt + 8;
	} else if (!strncmp(opt, "syms=", 5)) {
		snprintf(a->names, sizeof(a->names), "%s", opt + 5);
		a->list_cnt = parse_names(a->names, a->syms);
		a->has_syms = true;
	} else if (!strncmp(opt, "offsets=", 8)) {
		a->list_cnt = n = parse_list(opt + 8, v);
		for (i = 0; i < n; i++)
			a->offsets[i] = v[i];
		a->has_offsets = true;
	} else if (!strncmp(opt, "refctr=", 7)) {
		n = parse_list(opt + 7, v);
		for (i = 0; i < n; i++)
			a->refctr[i] = v[i];
		a->has_refctr = true;
	} else if (!strncmp(opt, "cookies=", 8)) {
		n = parse_list(opt + 8, v);
		for (i = 0; i < n; i++)
			a->cookies[i] = v[i];
		a->has_cookies = true;
	} else if (!strncmp(opt, "cnt=", 4)) {
		a->cnt = strtol(opt + 4, NULL, 0);
	} else if (!strncmp(opt, "pid=", 4)) {
		a->pid = atoi(opt + 4);
	} else if (!strcmp(opt, "retprobe")) {
		a->retprobe = true;
	} else if (!strcmp(opt, "session")) {
		a->session = true;
	} else {
		fprintf(stderr, "unknown option %s\n", opt);
		exit(2);
	}
}

static struct bpf_object *open_load(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);

	if (!obj)
		die("open object");
	if (bpf_object__load(obj))
		die("load object");
	return obj;
}

static struct bpf_program *prog_of(struct bpf_object *obj, const char *name)
{
	struct bpf_program *prog = bpf_object__find_program_by_name(obj, name);

	if (!prog)
		die("no such program");
	return prog;
}

static int attach_failed(void)
{
	int err = errno;

	printf("failed: errno %d (%s)\n", err, strerror(err));
	return 1;
}

static void pin_all(struct bpf_object *obj, struct bpf_link *link, const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/link", dir);
	if (bpf_link__pin(link, path))
		die("pin link");
	snprintf(path, sizeof(path), "%s/counts", dir);
	if (bpf_map__pin(bpf_object__find_map_by_name(obj, "counts"), path))
		die("pin counts");
}

static int do_attach(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_uprobe_multi_opts, opts);
	struct attach_args a = { .cnt = -1, .pid = -1 };
	const char *binary = strcmp(argv[4], "-") ? argv[4] : NULL;
	struct bpf_object *obj;
	struct bpf_link *link;
	int i;

	for (i = 5; i < argc; i++)
		parse_option(&a, argv[i]);
	obj = open_load(argv[1]);
	opts.syms = a.has_syms ? a.syms : NULL;
	opts.offsets = a.has_offsets ? a.offsets : NULL;
	opts.ref_ctr_offsets = a.has_refctr ? a.refctr : NULL;
	opts.cookies = a.has_cookies ? a.cookies : NULL;
	opts.cnt = a.cnt >= 0 ? (size_t)a.cnt : a.list_cnt;
	opts.retprobe = a.retprobe;
	opts.session = a.session;
	link = bpf_program__attach_uprobe_multi(prog_of(obj, argv[2]), a.pid, binary, a.pattern,
						&opts);
	if (!link) {
		bpf_object__close(obj);
		return attach_failed();
	}
	pin_all(obj, link, argv[3]);
	printf("ok: attached, link fd %d\n", bpf_link__fd(link));
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}

static int do_ksession(char **argv)
{
	LIBBPF_OPTS(bpf_kprobe_multi_opts, opts, .session = true);
	struct bpf_object *obj = open_load(argv[1]);
	struct bpf_link *link;

	link = bpf_program__attach_kprobe_multi_opts(prog_of(obj, argv[2]), argv[3], &opts);
	if (!link) {
		bpf_object__close(obj);
		return attach_failed();
	}
	printf("ok: attached\n");
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}

static int do_counts(const char *pin)
{
	int fd = bpf_obj_get(pin);
	__u32 slot;
	__u64 v;

	if (fd < 0)
		die("open pinned counts");
	for (slot = 0; slot < COUNT_SLOTS; slot++) {
		if (bpf_map_lookup_elem(fd, &slot, &v))
			die("read counts");
		printf("%s%llu", slot ? " " : "", (unsigned long long)v);
	}
	printf("\n");
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	libbpf_set_print(print_all);
	if (argc >= 6 && !strcmp(argv[1], "attach"))
		return do_attach(argc - 1, argv + 1);
	if (argc == 5 && !strcmp(argv[1], "ksession"))
		return do_ksession(argv + 1);
	if (argc == 3 && !strcmp(argv[1], "counts"))
		return do_counts(argv[2]);
	fprintf(stderr, "usage: see the comment at the top of %s\n", __FILE__);
	return 2;
}
