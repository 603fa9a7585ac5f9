// SPDX-License-Identifier: BSD-2-Clause
/*
 * Command output: stdout or an atomically replaced file, text or JSON, and
 * the single place where the error of a failed run is emitted.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "json_writer.h"
#include "output.h"
#include "report.h"



static struct {
	bool json;
	bool pretty;
	FILE *sink;			/* stdout or the temporary file */
	struct json_guard *guard;	/* JSON mode: in front of sink */
	struct json_writer *jw;
	const char *target;		/* -o FILE */
	bool stdout_done;		/* a whole JSON document went to stdout */
	bool lines;			/* JSON lines: see out_json_lines() */
} out;

/* The temporary file, for the signal handler too. */
static char tmp_path[PATH_MAX + 32];
static volatile sig_atomic_t tmp_live;

static void tmp_signal_cleanup(int sig)
{
	if (tmp_live)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void tmp_catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tmp_signal_cleanup;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* tmp_path := "DIR/.BASE.XXXXXX" for path "DIR/BASE". */
static int tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int n;

	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		p_err("invalid output file '%s': not a file name", path);
		return -EINVAL;
	}
	if (slash)
		n = snprintf(tmp_path, sizeof(tmp_path), "%.*s/.%s.XXXXXX",
			     (int)(slash - path), path, base);
	else
		n = snprintf(tmp_path, sizeof(tmp_path), ".%s.XXXXXX", base);
	if (n < 0 || (size_t)n >= sizeof(tmp_path)) {
		p_err("invalid output file '%s': %s", path, strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	return 0;
}

static int tmp_create(const char *path)
{
	int fd, err;

	err = tmp_name(path);
	if (err)
		return err;
	tmp_catch_signals();
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		err = -errno;
		p_err("can't create a temporary file for '%s': %s", path, strerror(errno));
		return err;
	}
	tmp_live = 1;
	out.sink = fdopen(fd, "w");
	if (!out.sink) {
		err = -errno;
		close(fd);
		unlink(tmp_path);
		tmp_live = 0;
		p_err("can't open '%s' for writing: %s", tmp_path, strerror(-err));
		return err;
	}
	out.target = path;
	return 0;
}

static int json_open(void)
{
	out.guard = json_guard_new(out.sink);
	if (out.guard)
		out.jw = jsonw_new(json_guard_stream(out.guard));
	if (!out.jw) {
		p_err("can't set up JSON output: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	jsonw_pretty(out.jw, out.pretty);
	return 0;
}

int out_open(const struct output_opts *opts)
{
	int err;

	out.json = opts->json;
	out.pretty = opts->pretty;
	out.lines = false;
	out.sink = stdout;
	if (opts->path) {
		err = tmp_create(opts->path);
		if (err)
			return err;
	}
	return out.json ? json_open() : 0;
}

FILE *out_stream(void)
{
	return out.guard ? json_guard_stream(out.guard) : out.sink;
}

struct json_writer *out_json(void)
{
	return out.jw;
}

FILE *out_json_lines(void)
{
	out.lines = true;
	return out.sink;
}

enum json_slot out_json_slot(void)
{
	return out.guard ? json_guard_slot(out.guard) : JSON_SLOT_LOST;
}

/* Close the JSON document (null if the command wrote none) and the guard. */
static int json_close(void)
{
	int err;

	if (out.jw) {
		if (json_guard_slot(out.guard) == JSON_SLOT_EMPTY && !out.lines)
			jsonw_null(out.jw);
		jsonw_destroy(out.jw);
		out.jw = NULL;
		out.stdout_done = out.sink == stdout;
	}
	err = json_guard_free(out.guard);
	out.guard = NULL;
	return err;
}

bool out_write_failed(void)
{
	return ferror(out_stream()) || (out.sink && ferror(out.sink));
}

const char *out_name(void)
{
	return out.target ? out.target : "stdout";
}

static int sink_flush(void)
{
	int err = json_close();

	if (fflush(out.sink) || ferror(out.sink) || err) {
		err = errno ? -errno : -EIO;
		p_err("can't write the output to %s%s%s: %s", out.target ? "'" : "", out_name(),
		      out.target ? "'" : "", strerror(-err));
		return err;
	}
	return 0;
}

static int tmp_commit(void)
{
	mode_t mask = umask(0);
	int fd = fileno(out.sink), err;

	umask(mask);
	if (fsync(fd) || fchmod(fd, 0644 & ~mask)) {
		err = -errno;
		p_err("can't write the output to '%s': %s", out.target, strerror(errno));
		return err;
	}
	err = fclose(out.sink) ? -errno : 0;
	out.sink = NULL;
	if (!err && rename(tmp_path, out.target))
		err = -errno;
	if (err) {
		p_err("can't replace '%s' with the output: %s", out.target, strerror(-err));
		return err;
	}
	tmp_live = 0;
	return 0;
}

static int out_commit(void)
{
	int err;

	errno = 0;
	err = sink_flush();
	if (!err && out.target)
		err = tmp_commit();
	return err;
}

static void tmp_discard(void)
{
	if (out.sink && out.sink != stdout)
		fclose(out.sink);
	out.sink = NULL;
	if (tmp_live)
		unlink(tmp_path);
	tmp_live = 0;
}

/* Put the error into the open JSON document on stdout; false if it can't go there. */
static bool json_error_in_place(const char *msg)
{
	switch (json_guard_slot(out.guard)) {
	case JSON_SLOT_EMPTY:
	case JSON_SLOT_VALUE:
		jsonw_start_object(out.jw);
		jsonw_string_field(out.jw, "error", msg);
		jsonw_end_object(out.jw);
		break;
	case JSON_SLOT_MEMBER:
		jsonw_string_field(out.jw, "error", msg);
		break;
	default:
		jsonw_close_all(out.jw);
		return false;
	}
	jsonw_close_all(out.jw);
	return true;
}

/* A document of its own on stdout: {"error": msg}. */
static bool json_error_alone(const char *msg)
{
	struct json_writer *jw = jsonw_new(stdout);

	if (!jw)
		return false;
	jsonw_pretty(jw, out.pretty);
	jsonw_start_object(jw);
	jsonw_string_field(jw, "error", msg);
	jsonw_destroy(jw);
	return true;
}

/*
 * In JSON mode the error goes to stdout, into the open document or as one
 * of its own; where that can't be done validly, or stdout fails, to stderr.
 */
static void emit_error(const char *msg)
{
	bool in_json = false;

	if (out.json && out.jw && !out.target)
		in_json = json_error_in_place(msg);
	else if (out.json && !out.stdout_done)
		in_json = json_error_alone(msg);
	json_close();
	tmp_discard();
	if (fflush(stdout) || ferror(stdout))
		in_json = false;
	if (!in_json)
		fprintf(stderr, "Error: %s\n", msg);
}

int out_close(int err)
{
	char *msg;

	if (!err)
		err = out_commit();
	lib_flush();
	if (!err)
		return 0;
	msg = report_take_error();
	emit_error(msg ? msg : strerror(err < 0 ? -err : EINVAL));
	report_free_error(msg);
	return EXIT_ERROR;
}
