// SPDX-License-Identifier: BSD-2-Clause
/*
 * The library's warnings while an object is opened and loaded: the first
 * is the reason for a failure, the rest (verifier log included) its
 * details. Shared by "prog load/loadall" and "struct_ops register".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "load_log.h"
#include "report.h"

/* The warnings so far: the first apart. */
struct load_log {
	char *text;
	size_t len;
	char *first;
};

static struct load_log load_log;

int load_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char *msg = NULL;
	size_t n;
	char *t;

	if (level != LIBBPF_WARN) {
		if (cli.debug) {
			fputs("bpfcore: ", stderr);
			vfprintf(stderr, fmt, ap);
		}
		return 0;
	}
	if (vasprintf(&msg, fmt, ap) < 0)
		return 0;
	if (!load_log.first) {
		load_log.first = msg;
		return 0;
	}
	n = strlen(msg);
	t = realloc(load_log.text, load_log.len + n + 1);
	if (t) {
		memcpy(t + load_log.len, msg, n + 1);
		load_log.text = t;
		load_log.len += n;
	}
	free(msg);
	return 0;
}

void load_log_reset(void)
{
	free(load_log.text);
	free(load_log.first);
	memset(&load_log, 0, sizeof(load_log));
}

/* Report a failed library call: the details on stderr, the reason as the error. */
int load_fail(const char *what, int err)
{
	char *reason = load_log.first;
	size_t len;

	if (load_log.text)
		fputs(load_log.text, stderr);
	if (reason) {
		len = strlen(reason);
		while (len && (reason[len - 1] == '\n' || reason[len - 1] == ' '))
			reason[--len] = '\0';
	}
	p_err("%s: %s", what, reason ? reason : strerror(err < 0 ? -err : err));
	return err < 0 ? err : -err;
}

