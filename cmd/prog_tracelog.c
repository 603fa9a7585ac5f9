// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog tracelog": follow the kernel's trace_pipe (what programs
 * print with bpf_printk) until interrupted, or read what one program wrote
 * to its BPF stdout or stderr stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "object.h"
#include "output.h"
#include "report.h"
#include "tracefs.h"

#define TRACEFS_DEFAULT "/sys/kernel/tracing"

/* The stream ids of bpf_prog_stream_read(): BPF_STDOUT and BPF_STDERR. */
enum { STREAM_STDOUT = 1, STREAM_STDERR = 2 };

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Where tracefs is, mounting it at /sys/kernel/tracing if it is nowhere and -n allows. */
static int find_tracefs(char *root, size_t size)
{
	if (!tracefs_root(root, size))
		return 0;
	if (cli.nomount) {
		p_err("tracefs is not mounted, and -n (--nomount) forbids mounting it at %s",
		      TRACEFS_DEFAULT);
		return -ENOENT;
	}
	p_info("could not find tracefs, mounting it at %s", TRACEFS_DEFAULT);
	if (mount("tracefs", TRACEFS_DEFAULT, "tracefs", 0, NULL)) {
		p_err("can't mount tracefs at %s: %s", TRACEFS_DEFAULT, strerror(errno));
		return -errno;
	}
	snprintf(root, size, "%s", TRACEFS_DEFAULT);
	return 0;
}

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

/* What the follow changes about signals, to be put back after it. */
struct saved_signals {
	struct sigaction act[ARRAY_SIZE(stop_signals)];
	sigset_t mask;
};

/*
 * SIGINT, SIGTERM and SIGHUP end the follow. They stay blocked except while
 * waiting in ppoll(), so one can't slip in between the check of the flag
 * and the wait. *wait_mask is the mask to wait with.
 */
static void catch_stop_signals(struct saved_signals *saved, sigset_t *wait_mask)
{
	struct sigaction act = { .sa_handler = on_signal };
	sigset_t stop;
	size_t i;

	sigemptyset(&act.sa_mask);
	sigemptyset(&stop);
	for (i = 0; i < ARRAY_SIZE(stop_signals); i++) {
		sigaddset(&stop, stop_signals[i]);
		sigaction(stop_signals[i], &act, &saved->act[i]);
	}
	sigprocmask(SIG_BLOCK, &stop, &saved->mask);
	*wait_mask = saved->mask;
	for (i = 0; i < ARRAY_SIZE(stop_signals); i++)
		sigdelset(wait_mask, stop_signals[i]);
}

static void restore_signals(const struct saved_signals *saved)
{
	size_t i;

	sigprocmask(SIG_SETMASK, &saved->mask, NULL);
	for (i = 0; i < ARRAY_SIZE(stop_signals); i++)
		sigaction(stop_signals[i], &saved->act[i], NULL);
}

static void print_line(const char *line, size_t len)
{
	FILE *f = out_stream();

	if (out_json())
		jsonw_string_len(out_json(), line, len);
	else
		fwrite(line, 1, len, f);
}

/*
 * Print the complete lines of buf (all of it when it is full without a
 * newline) and move the rest to its start; returns the length left.
 */
static size_t print_lines(char *buf, size_t len, size_t size)
{
	char *start = buf, *nl;

	while ((nl = memchr(start, '\n', len - (start - buf)))) {
		print_line(start, nl + 1 - start);
		start = nl + 1;
	}
	len -= start - buf;
	if (len == size) {
		print_line(buf, len);
		len = 0;
	}
	memmove(buf, start, len);
	fflush(out_stream());
	return len;
}

/* Copy trace_pipe line by line until a stop signal; 0 when interrupted. */
static int follow_pipe(int fd, const char *path, const sigset_t *wait_mask)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[8192];
	size_t len = 0;
	ssize_t n;

	while (!interrupted) {
		if (ppoll(&pfd, 1, NULL, wait_mask) < 0) {
			if (errno == EINTR)
				continue;
			p_err("can't wait for '%s': %s", path, strerror(errno));
			return -errno;
		}
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno != EINTR && errno != EAGAIN) {
			p_err("can't read '%s': %s", path, strerror(errno));
			return -errno;
		}
		if (!n) {
			p_err("'%s' ended", path);
			return -EIO;
		}
		if (n > 0)
			len = print_lines(buf, len + n, sizeof(buf));
	}
	if (len)
		print_line(buf, len);
	return 0;
}

static int trace_pipe(void)
{
	char root[PATH_MAX], path[PATH_MAX + 16];
	struct saved_signals saved;
	sigset_t wait_mask;
	int fd, err;

	err = find_tracefs(root, sizeof(root));
	if (err)
		return err;
	snprintf(path, sizeof(path), "%s/trace_pipe", root);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		err = -errno;
		p_err("can't open '%s': %s", path, strerror(errno));
		return err;
	}
	interrupted = 0;
	catch_stop_signals(&saved, &wait_mask);
	if (out_json())
		jsonw_start_array(out_json());
	err = follow_pipe(fd, path, &wait_mask);
	if (out_json())
		jsonw_end_array(out_json());
	restore_signals(&saved);
	close(fd);
	return err;
}

/*
 * Drain one stream of the program: the kernel hands out what it holds in
 * pieces and answers 0 once it is empty, which ends the read (as bpftool).
 */
static int read_stream(int prog_fd, __u32 stream)
{
	FILE *f = stream == STREAM_STDOUT ? out_stream() : stderr;
	char buf[4096];
	int n;

	while ((n = bpf_prog_stream_read(prog_fd, stream, buf, sizeof(buf), NULL)) > 0) {
		if (out_json())
			jsonw_string_len(out_json(), buf, n);
		else
			fwrite(buf, 1, n, f);
	}
	fflush(f);
	if (n < 0) {
		p_err("can't read the %s stream of program %u: %s",
		      stream == STREAM_STDOUT ? "stdout" : "stderr", obj_fd_id(OBJ_PROG, prog_fd),
		      strerror(-n));
		return n;
	}
	return 0;
}

static int prog_stream(int argc, char **argv)
{
	__u32 stream;
	int fd, err;
	static const struct keyword streams[] = { { "stdout" }, { "stderr" } };
	int i = KEYWORD_MATCH(argv[0], streams, "stream");

	if (i < 0)
		return i;
	stream = i ? STREAM_STDERR : STREAM_STDOUT;
	argc--;
	argv++;
	if (!argc) {
		p_err("missing program after 'prog tracelog %s': %s",
		      stream == STREAM_STDOUT ? "stdout" : "stderr", obj_selector_usage(OBJ_PROG));
		return -EINVAL;
	}
	fd = obj_select_one(OBJ_PROG, &argc, &argv);
	if (fd < 0)
		return fd;
	err = expect_no_more_args(argc, argv, "prog tracelog { stdout | stderr } PROG");
	if (!err) {
		if (out_json())
			jsonw_start_array(out_json());
		err = read_stream(fd, stream);
		if (out_json())
			jsonw_end_array(out_json());
	}
	close(fd);
	return err;
}

int do_prog_tracelog(int argc, char **argv)
{
	if (!argc)
		return trace_pipe();
	return prog_stream(argc, argv);
}
