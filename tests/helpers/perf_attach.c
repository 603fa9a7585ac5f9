// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper: attach the program pinned at PIN to the tracepoint
 * CATEGORY/NAME through a perf event this process holds, print "ready"
 * and wait until killed, so that "perf show" has something to find.
 *
 *   perf_attach PIN CATEGORY NAME
 *
 * Built by the tests against the project's own libbpfcore.a.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>

#include "tracefs.h"

int main(int argc, char **argv)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.sample_period = 1,
		.wakeup_events = 1,
	};
	int prog_fd, pfd, id;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PIN CATEGORY NAME\n", argv[0]);
		return 2;
	}
	prog_fd = bpf_obj_get(argv[1]);
	id = tracepoint_id(argv[2], argv[3]);
	if (prog_fd < 0 || id < 0) {
		fprintf(stderr, "perf_attach: no program at %s or no tracepoint %s/%s\n",
			argv[1], argv[2], argv[3]);
		return 1;
	}
	attr.config = id;
	pfd = syscall(__NR_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0 || ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog_fd) ||
	    ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0)) {
		fprintf(stderr, "perf_attach: %s\n", strerror(errno));
		return 1;
	}
	printf("ready %d\n", pfd);
	fflush(stdout);
	pause();
	return 0;
}
