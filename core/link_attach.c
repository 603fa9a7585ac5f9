// SPDX-License-Identifier: BSD-2-Clause
/*
 * Attaching a program where its SEC() name says, for the skeleton's
 * __attach(): tracepoints (through a perf event and a BPF link) and raw
 * tracepoints. Other kinds report EOPNOTSUPP, which the skeleton takes as
 * "nothing to attach". The attach work of the CLI is meant to extend this.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "log.h"

struct bpf_link {
	int fd;		/* the BPF link */
	int pfd;	/* the perf event under a tracepoint link, or -1 */
};

static const char *const tracefs_dirs[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };

/* The id of tracepoint "cat/name", from tracefs. */
static int tracepoint_id(const char *tp)
{
	char path[512], buf[32];
	ssize_t n = -1;
	size_t i;
	int fd;

	for (i = 0; i < sizeof(tracefs_dirs) / sizeof(tracefs_dirs[0]) && n < 0; i++) {
		snprintf(path, sizeof(path), "%s/events/%s/id", tracefs_dirs[i], tp);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (n <= 0) {
		pr_warn("tracepoint '%s': no id in tracefs\n", tp);
		return -ENOENT;
	}
	buf[n] = '\0';
	return atoi(buf);
}

static int attach_tracepoint(int prog_fd, const char *tp, struct bpf_link *link)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT, .size = sizeof(attr) };
	int id = tracepoint_id(tp), err;

	if (id < 0)
		return id;
	attr.config = id;
	attr.sample_period = 1;
	link->pfd = syscall(__NR_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (link->pfd < 0) {
		err = -errno;
		pr_warn("tracepoint '%s': perf_event_open: %s\n", tp, strerror(errno));
		return err;
	}
	link->fd = bpf_link_create(prog_fd, link->pfd, BPF_PERF_EVENT, NULL);
	if (link->fd < 0) {
		err = link->fd;
		pr_warn("tracepoint '%s': can't link the program: %s\n", tp, strerror(-err));
		close(link->pfd);
		return err;
	}
	return 0;
}

/* What follows "prefix/" in sec, or NULL. */
static const char *after_prefix(const char *sec, const char *prefix)
{
	size_t len = strlen(prefix);

	if (strncmp(sec, prefix, len) || sec[len] != '/' || !sec[len + 1])
		return NULL;
	return sec + len + 1;
}

struct bpf_link *bpf_program__attach(const struct bpf_program *prog)
{
	const char *sec = bpf_program__section_name(prog), *target;
	int prog_fd = bpf_program__fd(prog), err = -EOPNOTSUPP;
	struct bpf_link *link;

	if (prog_fd < 0) {
		pr_warn("prog '%s': can't attach: not loaded\n", bpf_program__name(prog));
		return libbpf_err_ptr(-EINVAL);
	}
	link = calloc(1, sizeof(*link));
	if (!link)
		return libbpf_err_ptr(-ENOMEM);
	link->fd = link->pfd = -1;
	if ((target = after_prefix(sec, "tracepoint")) || (target = after_prefix(sec, "tp"))) {
		err = attach_tracepoint(prog_fd, target, link);
	} else if ((target = after_prefix(sec, "raw_tracepoint")) ||
		   (target = after_prefix(sec, "raw_tp"))) {
		link->fd = bpf_raw_tracepoint_open(target, prog_fd);
		err = link->fd < 0 ? link->fd : 0;
		if (err)
			pr_warn("raw tracepoint '%s': %s\n", target, strerror(-err));
	}
	if (err) {
		free(link);
		return libbpf_err_ptr(err);
	}
	return link;
}

int bpf_link__destroy(struct bpf_link *link)
{
	if (!link)
		return 0;
	if (link->fd >= 0)
		close(link->fd);
	if (link->pfd >= 0)
		close(link->pfd);
	free(link);
	return 0;
}

int bpf_link__fd(const struct bpf_link *link)
{
	return link->fd;
}
