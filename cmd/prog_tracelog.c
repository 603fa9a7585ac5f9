// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog tracelog": follow the kernel's trace_pipe (what programs
 * print with bpf_printk) until interrupted, or read what one program wrote
 * to its BPF stdout or stderr stream.
 */
#include <errno.h>
#include <limits.h>
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

/*
 * SIGINT, SIGTERM and SIGHUP end the follow: they interrupt the read. The
 * previous handlers are kept in old, for the shell and batch mode.
 */
static void catch_stop_signals(struct sigaction *old)
{
	struct sigaction act = { .sa_handler = on_signal };
	size_t i;

	sigemptyset(&act.sa_mask);
	for (i = 0; i < ARRAY_SIZE(stop_signals); i++)
		sigaction(stop_signals[i], &act, &old[i]);
}

static void restore_signals(const struct sigaction *old)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stop_signals); i++)
		sigaction(stop_signals[i], &old[i], NULL);
}

static void print_line(const char *line, size_t len)
{
	FILE *f = out_stream();

	if (out_json())
		jsonw_string_len(out_json(), line, len);
	else
		fwrite(line, 1, len, f);
	fflush(f);
}

/* Copy trace_pipe line by line until a signal; 0 when interrupted. */
static int follow_pipe(FILE *pipe, const char *path)
{
	size_t cap = 0;
	char *line = NULL;
	ssize_t len;
	int err = 0;

	while (!interrupted) {
		len = getline(&line, &cap, pipe);
		if (len > 0) {
			print_line(line, len);
			continue;
		}
		if (interrupted)
			break;
		if (feof(pipe)) {
			p_err("'%s' ended", path);
			err = -EIO;
		} else if (errno != EINTR) {
			err = -errno;
			p_err("can't read '%s': %s", path, strerror(errno));
		}
		if (err)
			break;
		clearerr(pipe);
	}
	free(line);
	return err;
}

static int trace_pipe(void)
{
	struct sigaction old[ARRAY_SIZE(stop_signals)];
	char root[PATH_MAX], path[PATH_MAX + 16];
	FILE *pipe;
	int err;

	err = find_tracefs(root, sizeof(root));
	if (err)
		return err;
	snprintf(path, sizeof(path), "%s/trace_pipe", root);
	pipe = fopen(path, "re");
	if (!pipe) {
		err = -errno;
		p_err("can't open '%s': %s", path, strerror(errno));
		return err;
	}
	interrupted = 0;
	catch_stop_signals(old);
	if (out_json())
		jsonw_start_array(out_json());
	err = follow_pipe(pipe, path);
	restore_signals(old);
	if (out_json())
		jsonw_end_array(out_json());
	fclose(pipe);
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
