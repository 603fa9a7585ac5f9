// SPDX-License-Identifier: BSD-2-Clause
/*
 * execsnoop: run a command N times and count, in the kernel, the execve()
 * calls of exactly those runs.
 *
 *   execsnoop [-n N] [-a] -- COMMAND [ARG...]
 *
 * Each run is forked, and its pid is put into the BPF program's "watched"
 * map before it is let go to exec; the program counts in a global
 * variable that this process reads through the skeleton. -a counts every
 * execve() on the system instead (a read-only global set before load).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "execsnoop.skel.h"

/* Fork a child that waits for a byte on a pipe, then runs argv. */
static pid_t spawn_held(char **argv, int *release_fd)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[0]);
	*release_fd = fds[1];
	return pid;
}

static int run_watched(struct execsnoop *skel, char **argv)
{
	int map_fd = bpf_map__fd(skel->maps.watched), release_fd, status;
	__u32 one = 1, key;
	pid_t pid;

	pid = spawn_held(argv, &release_fd);
	if (pid < 0) {
		perror("fork");
		return -1;
	}
	key = pid;
	if (bpf_map_update_elem(map_fd, &key, &one, BPF_ANY))
		fprintf(stderr, "can't watch pid %d: %s\n", pid, strerror(errno));
	if (write(release_fd, "x", 1) != 1)
		perror("release");
	close(release_fd);
	waitpid(pid, &status, 0);
	bpf_map_delete_elem(map_fd, &key);
	return 0;
}

int main(int argc, char **argv)
{
	struct execsnoop *skel;
	int opt, runs = 1, i, err;
	bool all = false;

	while ((opt = getopt(argc, argv, "n:a")) != -1) {
		if (opt == 'n')
			runs = atoi(optarg);
		else if (opt == 'a')
			all = true;
		else
			return 2;
	}
	if (optind >= argc || runs < 1) {
		fprintf(stderr, "usage: %s [-n N] [-a] -- COMMAND [ARG...]\n", argv[0]);
		return 2;
	}

	skel = execsnoop__open();
	if (!skel) {
		fprintf(stderr, "can't open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->watch_all = all;
	err = execsnoop__load(skel);
	if (!err)
		err = execsnoop__attach(skel);
	if (err) {
		fprintf(stderr, "can't load and attach: %s\n", strerror(-err));
		execsnoop__destroy(skel);
		return 1;
	}

	printf("watching execve() for %d runs of %s\n", runs, argv[optind]);
	for (i = 0; i < runs; i++)
		run_watched(skel, argv + optind);
	printf("last pid: %u\n", skel->bss->last_pid);
	printf("execve() calls seen: %llu\n", (unsigned long long)skel->bss->execs);
	execsnoop__destroy(skel);
	return 0;
}
