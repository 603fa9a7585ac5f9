// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper: create a BPF link of one kind for the program pinned at
 * PROG, pin the link at LINK and exit; the pin keeps the link alive, so
 * "link show" has real links of every kind to look at.
 *
 *   link_attach raw_tp     PROG LINK TRACEPOINT [COOKIE]
 *   link_attach tracing    PROG LINK                        (BTF-typed: tp_btf, fentry...)
 *   link_attach tracepoint PROG LINK CATEGORY NAME [COOKIE]  (perf_event link)
 *   link_attach event      PROG LINK                        (perf_event link, page-faults)
 *   link_attach uprobe     PROG LINK FILE OFFSET [ret]      (perf_event link, uprobe PMU)
 *   link_attach cgroup     PROG LINK CGROUP_DIR ATTACH_TYPE_NUMBER
 *   link_attach xdp        PROG LINK IFNAME
 *   link_attach tcx        PROG LINK IFNAME ingress|egress
 *   link_attach iter       PROG LINK [MAP]                  (MAP: pinned map for map iters)
 *   link_attach netns      PROG LINK NETNS_FILE             (flow dissector)
 *
 * Built by the tests against the project's own libbpfcore.a.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>

#include "tracefs.h"

/* Attach types newer than the 6.1 UAPI headers. */
#define ATTACH_TCX_INGRESS 46
#define ATTACH_TCX_EGRESS 47

static int fail(const char *what, int err)
{
	fprintf(stderr, "link_attach: %s: %s\n", what, strerror(err < 0 ? -err : err));
	return 1;
}

static int perf_open(struct perf_event_attr *attr)
{
	int fd = syscall(__NR_perf_event_open, attr, -1 /* any pid */, 0 /* cpu 0 */, -1, 0);

	return fd < 0 ? -errno : fd;
}

/* A perf_event link on the tracepoint CATEGORY/NAME, or on page faults. */
static int perf_link(int prog_fd, const char *category, const char *name, __u64 cookie)
{
	struct perf_event_attr attr = { .size = sizeof(attr), .sample_period = 1 };
	struct bpf_link_create_opts opts = { .sz = sizeof(opts) };
	int pfd, link;

	if (category) {
		attr.type = PERF_TYPE_TRACEPOINT;
		attr.config = tracepoint_id(category, name);
		if ((int)attr.config < 0)
			return -ENOENT;
	} else {
		attr.type = PERF_TYPE_SOFTWARE;
		attr.config = PERF_COUNT_SW_PAGE_FAULTS;
		attr.sample_period = 1000000;
	}
	pfd = perf_open(&attr);
	if (pfd < 0)
		return pfd;
	opts.perf_event.bpf_cookie = cookie;
	link = bpf_link_create(prog_fd, pfd, BPF_PERF_EVENT, &opts);
	close(pfd);	/* the link holds the event */
	return link;
}

/* The type number of the uprobe PMU, which perf_event_open() wants. */
static int uprobe_pmu_type(void)
{
	FILE *f = fopen("/sys/bus/event_source/devices/uprobe/type", "r");
	int type = -1;

	if (!f)
		return -ENOENT;
	if (fscanf(f, "%d", &type) != 1)
		type = -EINVAL;
	fclose(f);
	return type;
}

/* A perf_event link on a uprobe (or uretprobe) at offset of file. */
static int uprobe_link(int prog_fd, const char *file, const char *offset, bool ret)
{
	struct perf_event_attr attr = { .size = sizeof(attr), .sample_period = 1 };
	int type = uprobe_pmu_type(), pfd, link;

	if (type < 0)
		return type;
	attr.type = type;
	attr.config = ret ? 1 : 0;	/* format/retprobe: config:0 */
	attr.config1 = (__u64)(unsigned long)file;
	attr.config2 = strtoull(offset, NULL, 0);
	pfd = perf_open(&attr);
	if (pfd < 0)
		return pfd;
	link = bpf_link_create(prog_fd, pfd, BPF_PERF_EVENT, NULL);
	close(pfd);
	return link;
}

static int iter_link(int prog_fd, const char *map_pin)
{
	struct bpf_link_create_opts opts = { .sz = sizeof(opts) };
	union bpf_iter_link_info info;
	int map_fd, link;

	if (!map_pin)
		return bpf_link_create(prog_fd, 0, BPF_TRACE_ITER, NULL);
	map_fd = bpf_obj_get(map_pin);
	if (map_fd < 0)
		return map_fd;
	memset(&info, 0, sizeof(info));
	info.map.map_fd = map_fd;
	opts.iter_info = &info;
	opts.iter_info_len = sizeof(info);
	link = bpf_link_create(prog_fd, 0, BPF_TRACE_ITER, &opts);
	close(map_fd);
	return link;
}

/* A link on the fd of the file at path (a cgroup directory, a netns). */
static int fd_link(int prog_fd, const char *path, enum bpf_attach_type type)
{
	int fd = open(path, O_RDONLY), link;

	if (fd < 0)
		return -errno;
	link = bpf_link_create(prog_fd, fd, type, NULL);
	close(fd);
	return link;
}

static int dev_link(int prog_fd, const char *dev, enum bpf_attach_type type)
{
	unsigned int ifindex = if_nametoindex(dev);

	if (!ifindex)
		return -errno;
	return bpf_link_create(prog_fd, ifindex, type, NULL);
}

static int make_link(const char *kind, int prog_fd, int argc, char **argv)
{
	__u64 cookie;

	if (!strcmp(kind, "raw_tp") && argc >= 1) {
		struct bpf_raw_tp_opts opts = { .sz = sizeof(opts), .tp_name = argv[0] };

		opts.cookie = argc > 1 ? strtoull(argv[1], NULL, 0) : 0;
		return bpf_raw_tracepoint_open_opts(prog_fd, &opts);
	}
	if (!strcmp(kind, "tracing"))
		return bpf_raw_tracepoint_open(NULL, prog_fd);
	if (!strcmp(kind, "tracepoint") && argc >= 2) {
		cookie = argc > 2 ? strtoull(argv[2], NULL, 0) : 0;
		return perf_link(prog_fd, argv[0], argv[1], cookie);
	}
	if (!strcmp(kind, "event"))
		return perf_link(prog_fd, NULL, NULL, 0);
	if (!strcmp(kind, "uprobe") && argc >= 2)
		return uprobe_link(prog_fd, argv[0], argv[1], argc > 2 && !strcmp(argv[2], "ret"));
	if (!strcmp(kind, "cgroup") && argc == 2)
		return fd_link(prog_fd, argv[0], atoi(argv[1]));
	if (!strcmp(kind, "xdp") && argc == 1)
		return dev_link(prog_fd, argv[0], BPF_XDP);
	if (!strcmp(kind, "tcx") && argc == 2)
		return dev_link(prog_fd, argv[0], strcmp(argv[1], "egress") ?
				ATTACH_TCX_INGRESS : ATTACH_TCX_EGRESS);
	if (!strcmp(kind, "iter"))
		return iter_link(prog_fd, argc ? argv[0] : NULL);
	if (!strcmp(kind, "netns") && argc == 1)
		return fd_link(prog_fd, argv[0], BPF_FLOW_DISSECTOR);
	return -EINVAL;
}

int main(int argc, char **argv)
{
	int prog_fd, link_fd, err;

	if (argc < 4) {
		fprintf(stderr, "usage: %s KIND PROG LINK [ARGS...]\n", argv[0]);
		return 2;
	}
	prog_fd = bpf_obj_get(argv[2]);
	if (prog_fd < 0)
		return fail(argv[2], prog_fd);
	link_fd = make_link(argv[1], prog_fd, argc - 4, argv + 4);
	if (link_fd < 0)
		return fail(argv[1], link_fd);
	err = bpf_obj_pin(link_fd, argv[3]);
	if (err)
		return fail(argv[3], err);
	return 0;
}
