// SPDX-License-Identifier: BSD-2-Clause
/*
 * Programs on perf events: a BPF link of type perf_event on the event fd
 * where the kernel has them (5.15+), PERF_EVENT_IOC_SET_BPF otherwise; and
 * tracepoints, whose perf event is found by the id tracefs gives them.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "log.h"
#include "opts.h"

int read_small_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EINVAL;
	buf[n] = '\0';
	return 0;
}

/* A small file holding a number, as that number, or -errno. */
static long read_number_file(const char *path)
{
	char buf[32];
	int err = read_small_file(path, buf, sizeof(buf));

	return err ? err : strtol(buf, NULL, 10);
}

int tracefs_event_id(const char *prog, const char *what, const char *cat, const char *name)
{
	char root[PATH_MAX], path[PATH_MAX + 256];
	long id;

	if (tracefs_root(root, sizeof(root))) {
		pr_warn("prog '%s': can't attach to %s: tracefs is not mounted "
			"(mount -t tracefs tracefs /sys/kernel/tracing)\n", prog, what);
		return -ENOENT;
	}
	snprintf(path, sizeof(path), "%s/events/%s/%s", root, cat, name);
	if (access(path, F_OK)) {
		pr_warn("prog '%s': can't attach to %s: no such tracepoint (no %s)\n", prog, what,
			path);
		return -ENOENT;
	}
	strncat(path, "/id", sizeof(path) - strlen(path) - 1);
	id = read_number_file(path);
	if (id < 0) {
		pr_warn("prog '%s': can't attach to %s: can't read %s: %s\n", prog, what, path,
			strerror((int)-id));
		return (int)id;
	}
	return (int)id;
}

int perf_event_open_fd(struct perf_event_attr *attr, int pid, int cpu)
{
	long fd = syscall(__NR_perf_event_open, attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);

	return fd < 0 ? -errno : (int)fd;
}

/* The kernel predates perf-event links (5.15): BPF_LINK_CREATE refuses the attach type. */
static bool no_perf_links(int err)
{
	return err == -EINVAL || err == -EOPNOTSUPP;
}

static struct bpf_link *attach_perf_ioctl(const struct bpf_program *prog, int prog_fd, int pfd,
					  __u64 cookie, const char *what)
{
	struct bpf_link *link;
	int err;

	if (cookie) {
		pr_warn("prog '%s': can't attach to %s: a BPF cookie needs perf-event links "
			"(kernel 5.15+)\n", bpf_program__name(prog), what);
		return libbpf_err_ptr(-EOPNOTSUPP);
	}
	if (ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog_fd)) {
		err = -errno;
		pr_warn("prog '%s': can't attach to %s: %s\n", bpf_program__name(prog), what,
			err == -EEXIST ? "the event already has a BPF program" : strerror(-err));
		return libbpf_err_ptr(err);
	}
	link = calloc(1, sizeof(*link));
	if (!link)
		return libbpf_err_ptr(-ENOMEM);
	link->fd = pfd;
	link->perf_fd = -1;
	link->perf_ioctl = true;
	return link;
}

struct bpf_link *attach_perf_fd(const struct bpf_program *prog, int pfd, __u64 cookie,
				bool force_ioctl, const char *what)
{
	LIBBPF_OPTS(bpf_link_create_opts, opts, .perf_event.bpf_cookie = cookie);
	int prog_fd = attach_prog_fd(prog), fd, err;
	struct bpf_link *link;

	if (prog_fd < 0)
		return libbpf_err_ptr(prog_fd);
	if (force_ioctl) {
		link = attach_perf_ioctl(prog, prog_fd, pfd, cookie, what);
	} else {
		fd = bpf_link_create(prog_fd, pfd, BPF_PERF_EVENT, &opts);
		err = fd < 0 ? -errno : 0;
		if (err && no_perf_links(err) && !cookie) {
			pr_debug("prog '%s': no perf-event link for %s (%s), attaching by ioctl\n",
				 bpf_program__name(prog), what, strerror(-err));
			link = attach_perf_ioctl(prog, prog_fd, pfd, cookie, what);
		} else if (err) {
			pr_warn("prog '%s': can't attach to %s: %s\n", bpf_program__name(prog), what,
				strerror(-err));
			return libbpf_err_ptr(err);
		} else {
			link = link_new(fd);
			if (link)
				link->perf_fd = pfd;
		}
	}
	if (!link)
		return NULL;
	if (ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0)) {
		err = -errno;
		pr_warn("prog '%s': can't enable the perf event of %s: %s\n",
			bpf_program__name(prog), what, strerror(-err));
		link->perf_fd = -1;	/* the caller keeps pfd on failure */
		if (link->perf_ioctl)
			link->fd = -1;
		bpf_link__destroy(link);
		return libbpf_err_ptr(err);
	}
	return link;
}

struct bpf_link *bpf_program__attach_perf_event_opts(const struct bpf_program *prog, int pfd,
						     const struct bpf_perf_event_opts *opts)
{
	char what[32];

	if (!OPTS_VALID(opts, bpf_perf_event_opts))
		return libbpf_err_ptr(-EINVAL);
	if (pfd < 0) {
		pr_warn("prog '%s': can't attach to a perf event: invalid fd %d\n",
			bpf_program__name(prog), pfd);
		return libbpf_err_ptr(-EINVAL);
	}
	snprintf(what, sizeof(what), "perf event fd %d", pfd);
	return attach_perf_fd(prog, pfd, OPTS_GET(opts, bpf_cookie, 0),
			      OPTS_GET(opts, force_ioctl_attach, false), what);
}

struct bpf_link *bpf_program__attach_perf_event(const struct bpf_program *prog, int pfd)
{
	return bpf_program__attach_perf_event_opts(prog, pfd, NULL);
}

struct bpf_link *bpf_program__attach_tracepoint_opts(const struct bpf_program *prog,
						     const char *tp_category, const char *tp_name,
						     const struct bpf_tracepoint_opts *opts)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.sample_period = 1,
		.wakeup_events = 1,
	};
	struct bpf_link *link;
	char what[300];
	int id, pfd;

	if (!OPTS_VALID(opts, bpf_tracepoint_opts) || !tp_category || !tp_name)
		return libbpf_err_ptr(-EINVAL);
	snprintf(what, sizeof(what), "tracepoint '%s/%s'", tp_category, tp_name);
	id = tracefs_event_id(bpf_program__name(prog), what, tp_category, tp_name);
	if (id < 0)
		return libbpf_err_ptr(id);
	attr.config = id;
	/* any process, one CPU: the program runs on every CPU the event fires on */
	pfd = perf_event_open_fd(&attr, -1, 0);
	if (pfd < 0) {
		pr_warn("prog '%s': can't attach to %s: perf_event_open: %s\n",
			bpf_program__name(prog), what, strerror(-pfd));
		return libbpf_err_ptr(pfd);
	}
	link = attach_perf_fd(prog, pfd, OPTS_GET(opts, bpf_cookie, 0), false, what);
	if (!link) {
		int err = -errno;

		close(pfd);
		return libbpf_err_ptr(err);
	}
	return link;
}

struct bpf_link *bpf_program__attach_tracepoint(const struct bpf_program *prog,
						const char *tp_category, const char *tp_name)
{
	return bpf_program__attach_tracepoint_opts(prog, tp_category, tp_name, NULL);
}
