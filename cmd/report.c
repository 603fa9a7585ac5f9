// SPDX-License-Identifier: BSD-2-Clause
/*
 * The error of the running command, stderr messages and the library log.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "report.h"

#define LIB_MSG_MAX 2048

static char oom_msg[] = "out of memory while reporting an error";

static bool debug_on;
static char *cmd_error;
static char lib_msg[LIB_MSG_MAX];
static bool lib_pending;
static char lib_reason_buf[LIB_MSG_MAX];

static void strip_trailing_space(char *s)
{
	size_t len = strlen(s);

	while (len && (s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '\t'))
		s[--len] = '\0';
}

static int lib_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_WARN) {
		if (debug_on) {
			fputs("bpfcore: ", stderr);
			vfprintf(stderr, fmt, ap);
		}
		return 0;
	}
	vsnprintf(lib_msg, sizeof(lib_msg), fmt, ap);
	strip_trailing_space(lib_msg);
	lib_pending = true;
	if (debug_on)
		fprintf(stderr, "bpfcore: %s\n", lib_msg);
	return 0;
}

void report_init(bool debug)
{
	debug_on = debug;
	libbpf_set_print(lib_print);
}

void p_err(const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (cmd_error) {
		if (debug_on && msg)
			fprintf(stderr, "(later error: %s)\n", msg);
		free(msg);
		return;
	}
	cmd_error = msg ? msg : oom_msg;
}

void report_prefix_error(const char *fmt, ...)
{
	char *prefix = NULL, *msg = NULL;
	va_list ap;

	if (!cmd_error || cmd_error == oom_msg)
		return;
	va_start(ap, fmt);
	if (vasprintf(&prefix, fmt, ap) < 0)
		prefix = NULL;
	va_end(ap);
	if (prefix && asprintf(&msg, "%s%s", prefix, cmd_error) >= 0) {
		free(cmd_error);
		cmd_error = msg;
	}
	free(prefix);
}

char *report_take_error(void)
{
	char *msg = cmd_error;

	cmd_error = NULL;
	return msg;
}

void report_free_error(char *msg)
{
	if (msg != oom_msg)
		free(msg);
}

static void vprint_stderr(const char *prefix, const char *fmt, va_list ap)
{
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void p_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_stderr("Warning: ", fmt, ap);
	va_end(ap);
}

void p_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_stderr("", fmt, ap);
	va_end(ap);
}

void p_debug(const char *fmt, ...)
{
	va_list ap;

	if (!debug_on)
		return;
	va_start(ap, fmt);
	vprint_stderr("", fmt, ap);
	va_end(ap);
}

void lib_flush(void)
{
	if (lib_pending && !debug_on)
		p_warn("%s", lib_msg);
	lib_pending = false;
}

const char *lib_reason(int err)
{
	if (lib_pending) {
		memcpy(lib_reason_buf, lib_msg, sizeof(lib_reason_buf));
		lib_pending = false;
		return lib_reason_buf;
	}
	return strerror(err < 0 ? -err : err);
}
