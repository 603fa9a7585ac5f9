// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper for the attach API, built by tests/bats/attach.bats against
 * the project's libbpfcore.a. Objects are opened and loaded with the
 * project's loader (bpf_object__open_file + bpf_object__load).
 *
 *   attach_check trace OBJ            explicit attach calls, effects counted in-process,
 *                                     nothing counted after bpf_link__destroy()
 *   attach_check auto OBJ DIR         bpf_program__attach() of every program, effects
 *                                     checked, each link pinned at DIR/<prog>
 *   attach_check iter OBJ PROG        iterator output through bpf_iter_create()
 *   attach_check link PIN [detach]    bpf_link__open(PIN), [bpf_link__detach], unpin, destroy
 *   attach_check fail OBJ PROG KIND [ARGS]  attach (or, KIND load, load) of PROG alone
 *                                     that must fail: prints errno and the library's warnings
 *   attach_check net OBJ PROG KIND TARGET DIR  cgroup DIR / xdp IF / tcx IF / netns FILE:
 *                                     link pinned at DIR/link, maps pinned under DIR
 *   attach_check count PIN SLOT       value of slot SLOT of the pinned u64 array PIN
 *   attach_check call N               call attach_target_func() N times (a uprobe target)
 *
 * Prints "ok: ..." per check and exits 1 on the first failed one.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "tracefs.h"

enum { CNT_TP, CNT_RAW_TP, CNT_TP_BTF, CNT_UPROBE, CNT_URETPROBE, CNT_ITER, CNT_PERF,
       CNT_LEGACY, CNT_MAX };

static int print_all(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	fprintf(stderr, "libbpf: ");
	return vfprintf(stderr, fmt, ap);
}

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "FAIL: " __VA_ARGS__);		\
			fprintf(stderr, " (%s:%d, errno %d %s)\n", __FILE__, __LINE__, \
				errno, strerror(errno));		\
			exit(1);					\
		}							\
	} while (0)

/* A function of this binary for uprobes; noinline and used keep it in .symtab. */
__attribute__((noinline, used)) int attach_target_func(int x)
{
	asm volatile("" : "+r"(x));
	return x + 1;
}

static struct bpf_object *open_load(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);

	CHECK(obj, "open %s", path);
	CHECK(!bpf_object__load(obj), "load %s", path);
	return obj;
}

static struct bpf_program *prog_of(struct bpf_object *obj, const char *name)
{
	struct bpf_program *prog = bpf_object__find_program_by_name(obj, name);

	CHECK(prog, "no program %s", name);
	return prog;
}

static void set_filter(struct bpf_object *obj)
{
	__u32 zero = 0, pid = getpid();

	CHECK(!bpf_map_update_elem(bpf_object__find_map_fd_by_name(obj, "filter"), &zero, &pid,
				   0), "set filter");
}

static __u64 counter(struct bpf_object *obj, __u32 slot)
{
	__u64 v = 0;

	CHECK(!bpf_map_lookup_elem(bpf_object__find_map_fd_by_name(obj, "counts"), &slot, &v),
	      "read counts[%u]", slot);
	return v;
}

static void trigger_func(int n)
{
	int i;

	for (i = 0; i < n; i++)
		attach_target_func(i);
}

static void trigger(int n)
{
	int i;

	for (i = 0; i < n; i++) {
		getppid();
		attach_target_func(i);
	}
}

static void expect_count(struct bpf_object *obj, __u32 slot, __u64 want, const char *what)
{
	__u64 got = counter(obj, slot);

	CHECK(got == want, "%s: counted %llu, expected %llu", what, (unsigned long long)got,
	      (unsigned long long)want);
	printf("ok: %s counted %llu\n", what, (unsigned long long)got);
}

/* A perf event of tracepoint syscalls/sys_enter_getppid, this process only. */
static int tracepoint_perf_fd(void)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT, .size = sizeof(attr),
					.sample_period = 1 };
	int fd, id = tracepoint_id("syscalls", "sys_enter_getppid");

	CHECK(id >= 0, "tracepoint id");
	attr.config = id;
	fd = syscall(__NR_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	CHECK(fd >= 0, "perf_event_open");
	return fd;
}

/* Legacy tracefs uprobes this process made, still in uprobe_events. */
static int legacy_probes_left(void)
{
	char line[512], mine[32], path[4096];
	int n = 0;
	FILE *f;

	if (tracefs_dir(path, sizeof(path) - 16))
		return 0;
	strcat(path, "/uprobe_events");
	f = fopen(path, "r");
	if (!f)
		return 0;
	snprintf(mine, sizeof(mine), "/u%d_", getpid());
	while (fgets(line, sizeof(line), f))
		n += strstr(line, mine) != NULL;
	fclose(f);
	return n;
}

static int cmd_trace(const char *path)
{
	LIBBPF_OPTS(bpf_uprobe_opts, uopts, .func_name = "attach_target_func");
	LIBBPF_OPTS(bpf_uprobe_opts, ropts, .func_name = "getppid", .retprobe = true);
	LIBBPF_OPTS(bpf_uprobe_opts, lopts, .func_name = "attach_target_func",
		    .attach_mode = PROBE_ATTACH_MODE_LEGACY);
	LIBBPF_OPTS(bpf_perf_event_opts, popts, .force_ioctl_attach = true);
	struct bpf_object *obj = open_load(path);
	struct bpf_link *links[8];
	int n = 0, i;
	__u64 raw;

	set_filter(obj);
	links[n++] = bpf_program__attach_tracepoint(prog_of(obj, "trace_tp"), "syscalls",
						    "sys_enter_getppid");
	links[n++] = bpf_program__attach_raw_tracepoint(prog_of(obj, "trace_raw_tp"),
							"sys_enter");
	links[n++] = bpf_program__attach_trace(prog_of(obj, "trace_tp_btf"));
	/* pid 0: this process; binary by path, function by name */
	links[n++] = bpf_program__attach_uprobe_opts(prog_of(obj, "trace_uprobe"), 0,
						     "/proc/self/exe", 0, &uopts);
	/* a shared library by name, as a return probe */
	links[n++] = bpf_program__attach_uprobe_opts(prog_of(obj, "trace_uretprobe"), 0,
						     "libc.so.6", 0, &ropts);
	links[n++] = bpf_program__attach_uprobe_opts(prog_of(obj, "trace_legacy"), 0,
						     "/proc/self/exe", 0, &lopts);
	links[n++] = bpf_program__attach_perf_event_opts(prog_of(obj, "trace_perf"),
							 tracepoint_perf_fd(), &popts);
	for (i = 0; i < n; i++)
		CHECK(links[i], "attach %d", i);
	printf("ok: %d links attached\n", n);
	CHECK(legacy_probes_left() == 1, "legacy uprobe in tracefs");
	CHECK(bpf_link__pin(links[6], "/sys/fs/bpf/x") == -EOPNOTSUPP,
	      "ioctl attachment can't be pinned");
	trigger(5);
	expect_count(obj, CNT_TP, 5, "tracepoint");
	/* every syscall of this process counts, reading the map too: at least these */
	CHECK(counter(obj, CNT_RAW_TP) >= 5, "raw_tp saw the syscalls");
	CHECK(counter(obj, CNT_TP_BTF) >= 5, "tp_btf saw the syscalls");
	printf("ok: raw_tp and tp_btf counted the syscalls\n");
	expect_count(obj, CNT_UPROBE, 5, "uprobe on this binary");
	expect_count(obj, CNT_URETPROBE, 5, "uretprobe on libc getppid");
	expect_count(obj, CNT_LEGACY, 5, "legacy uprobe");
	expect_count(obj, CNT_PERF, 5, "perf event by ioctl");
	for (i = 0; i < n; i++)
		CHECK(!bpf_link__destroy(links[i]), "destroy %d", i);
	CHECK(legacy_probes_left() == 0, "legacy uprobe removed");
	printf("ok: legacy uprobe removed from tracefs\n");
	trigger(5);
	expect_count(obj, CNT_TP, 5, "tracepoint after destroy");
	expect_count(obj, CNT_UPROBE, 5, "uprobe after destroy");
	expect_count(obj, CNT_URETPROBE, 5, "uretprobe after destroy");
	raw = counter(obj, CNT_RAW_TP);
	trigger(5);
	expect_count(obj, CNT_RAW_TP, raw, "raw_tp after destroy");
	expect_count(obj, CNT_PERF, 5, "perf event after destroy");
	bpf_object__close(obj);
	return 0;
}

/* The text an iterator link produces; caller frees. */
static char *read_iter(struct bpf_link *link)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	int fd = bpf_iter_create(bpf_link__fd(link));
	ssize_t n;

	CHECK(buf && fd >= 0, "bpf_iter_create");
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += n;
		if (cap - len < 4096) {
			cap *= 2;
			buf = realloc(buf, cap);
			CHECK(buf, "realloc");
		}
	}
	CHECK(n == 0, "read iterator");
	close(fd);
	buf[len] = '\0';
	return buf;
}

static void check_iter_output(struct bpf_link *link)
{
	char want[32], *out = read_iter(link);

	snprintf(want, sizeof(want), "tgid %d\n", getpid());
	CHECK(strstr(out, want), "iterator output has '%s'", "tgid <self>");
	printf("ok: iterator lists this process\n");
	free(out);
}

static int cmd_auto(const char *path, const char *dir)
{
	struct bpf_object *obj = open_load(path);
	struct bpf_program *prog;
	struct bpf_link *link;
	char pin[512];
	int attached = 0;

	set_filter(obj);
	bpf_object__for_each_program(prog, obj) {
		link = bpf_program__attach(prog);
		if (!link && errno == EOPNOTSUPP) {
			printf("ok: %s: not auto-attachable\n", bpf_program__name(prog));
			continue;
		}
		CHECK(link, "auto-attach %s", bpf_program__name(prog));
		attached++;
		if (!strcmp(bpf_program__name(prog), "auto_iter"))
			check_iter_output(link);
		snprintf(pin, sizeof(pin), "%s/%s", dir, bpf_program__name(prog));
		CHECK(!bpf_link__pin(link, pin), "pin %s", pin);
		CHECK(!strcmp(bpf_link__pin_path(link), pin), "pin path");
		CHECK(bpf_link__pin(link, pin) == -EBUSY, "pinned twice");
		/* the pin holds the link: destroying ours leaves it attached */
		bpf_link__destroy(link);
	}
	printf("ok: %d programs auto-attached\n", attached);
	trigger(3);
	expect_count(obj, CNT_TP, 3, "tracepoint");
	CHECK(counter(obj, CNT_RAW_TP) >= 6, "raw_tp");
	CHECK(counter(obj, CNT_TP_BTF) >= 6, "tp_btf");
	expect_count(obj, CNT_UPROBE, 3, "uprobe on libc getppid");
	expect_count(obj, CNT_URETPROBE, 3, "uretprobe on libc getppid");
	CHECK(!bpf_object__pin_maps(obj, dir), "pin maps");
	bpf_object__close(obj);
	return 0;
}

static int cmd_iter(const char *path, const char *name)
{
	struct bpf_object *obj = open_load(path);
	struct bpf_link *link = bpf_program__attach_iter(prog_of(obj, name), NULL);

	CHECK(link, "attach iter");
	check_iter_output(link);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}

static int cmd_link(const char *pin, bool detach)
{
	struct bpf_link_info info;
	__u32 len = sizeof(info);
	struct bpf_link *link = bpf_link__open(pin);

	CHECK(link, "bpf_link__open %s", pin);
	CHECK(!strcmp(bpf_link__pin_path(link), pin), "pin path of an opened link");
	memset(&info, 0, sizeof(info));
	CHECK(!bpf_link_get_info_by_fd(bpf_link__fd(link), &info, &len), "link info");
	printf("ok: opened link id %u type %u\n", info.id, info.type);
	if (detach) {
		CHECK(!bpf_link__detach(link), "detach");
		printf("ok: detached\n");
	}
	CHECK(!bpf_link__unpin(link), "unpin");
	CHECK(!bpf_link__pin_path(link), "no pin path after unpin");
	CHECK(bpf_link__unpin(link) == -EINVAL, "second unpin");
	CHECK(access(pin, F_OK) && errno == ENOENT, "pin removed");
	printf("ok: unpinned\n");
	bpf_link__destroy(link);
	return 0;
}

/* Attach that must fail; the bats test checks errno and the message. */
static int cmd_fail(const char *path, const char *name, const char *kind, char **args)
{
	LIBBPF_OPTS(bpf_uprobe_opts, uopts);
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog, *p;
	struct bpf_link *link;

	CHECK(obj, "open %s", path);
	prog = prog_of(obj, name);
	/* only this program: the kernel may refuse to load the others */
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, p == prog);
	if (bpf_object__load(obj)) {
		CHECK(!strcmp(kind, "load"), "load %s", path);
		printf("failed: errno %d (%s)\n", errno, strerror(errno));
		bpf_object__close(obj);
		return 0;
	}
	if (!strcmp(kind, "auto"))
		link = bpf_program__attach(prog);
	else if (!strcmp(kind, "kprobe"))
		link = bpf_program__attach_kprobe(prog, false, args[0]);
	else if (!strcmp(kind, "ksyscall"))
		link = bpf_program__attach_ksyscall(prog, args[0], NULL);
	else if (!strcmp(kind, "kprobe_multi"))
		link = bpf_program__attach_kprobe_multi_opts(prog, args[0], NULL);
	else if (!strcmp(kind, "tracepoint"))
		link = bpf_program__attach_tracepoint(prog, args[0], args[1]);
	else if (!strcmp(kind, "raw_tp"))
		link = bpf_program__attach_raw_tracepoint(prog, args[0]);
	else if (!strcmp(kind, "trace"))
		link = bpf_program__attach_trace(prog);
	else if (!strcmp(kind, "lsm"))
		link = bpf_program__attach_lsm(prog);
	else if (!strcmp(kind, "uprobe")) {
		uopts.func_name = args[1];
		link = bpf_program__attach_uprobe_opts(prog, -1, args[0], 0, &uopts);
	} else if (!strcmp(kind, "xdp"))
		link = bpf_program__attach_xdp(prog, atoi(args[0]));
	else
		CHECK(0, "unknown kind %s", kind);
	if (link) {
		bpf_link__destroy(link);
		CHECK(0, "attach %s of %s succeeded", kind, name);
	}
	printf("failed: errno %d (%s)\n", errno, strerror(errno));
	bpf_object__close(obj);
	return 0;
}

static int cmd_net(const char *path, const char *name, const char *kind, const char *target,
		   const char *dir)
{
	struct bpf_object *obj = open_load(path);
	struct bpf_program *prog = prog_of(obj, name);
	struct bpf_link *link;
	char pin[512];
	int fd = -1;

	if (!strcmp(kind, "xdp") || !strcmp(kind, "tcx")) {
		int ifindex = if_nametoindex(target);

		CHECK(ifindex, "no device %s", target);
		link = !strcmp(kind, "xdp") ? bpf_program__attach_xdp(prog, ifindex)
					    : bpf_program__attach_tcx(prog, ifindex, NULL);
	} else {
		fd = open(target, O_RDONLY | O_CLOEXEC);
		CHECK(fd >= 0, "open %s", target);
		link = !strcmp(kind, "cgroup") ? bpf_program__attach_cgroup(prog, fd)
					       : bpf_program__attach_netns(prog, fd);
	}
	CHECK(link, "attach %s to %s", kind, target);
	snprintf(pin, sizeof(pin), "%s/link", dir);
	CHECK(!bpf_link__pin(link, pin), "pin link");
	CHECK(!bpf_object__pin_maps(obj, dir), "pin maps");
	printf("ok: %s attached to %s and pinned\n", kind, target);
	bpf_link__destroy(link);
	if (fd >= 0)
		close(fd);
	bpf_object__close(obj);
	return 0;
}

static int cmd_count(const char *pin, const char *slot_str)
{
	__u32 slot = atoi(slot_str);
	__u64 v = 0;
	int fd = bpf_obj_get(pin);

	CHECK(fd >= 0 && !bpf_map_lookup_elem(fd, &slot, &v), "read %s", pin);
	printf("%llu\n", (unsigned long long)v);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(print_all);
	if (argc == 3 && !strcmp(argv[1], "trace"))
		return cmd_trace(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "auto"))
		return cmd_auto(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "iter"))
		return cmd_iter(argv[2], argv[3]);
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "link"))
		return cmd_link(argv[2], argc == 4 && !strcmp(argv[3], "detach"));
	if (argc >= 5 && !strcmp(argv[1], "fail"))
		return cmd_fail(argv[2], argv[3], argv[4], argv + 5);
	if (argc == 7 && !strcmp(argv[1], "net"))
		return cmd_net(argv[2], argv[3], argv[4], argv[5], argv[6]);
	if (argc == 4 && !strcmp(argv[1], "count"))
		return cmd_count(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "call")) {
		trigger_func(atoi(argv[2]));
		return 0;
	}
	fprintf(stderr, "usage: see the comment at the top of attach_check.c\n");
	return 2;
}
