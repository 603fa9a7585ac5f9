// SPDX-License-Identifier: BSD-2-Clause
/*
 * A fopencookie() stream that scans the JSON text written through it (no
 * validation: only nesting, strings and member separators) and passes it on.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "json_guard.h"

#define JSON_GUARD_DEPTH 256

struct json_guard {
	FILE *sink;
	FILE *stream;
	bool write_failed;
	bool written;		/* a non-blank byte went through */
	bool in_string;
	bool escaped;		/* the previous string byte was a backslash */
	bool after_colon;	/* a member name was written, its value not yet */
	unsigned int depth;
	char open[JSON_GUARD_DEPTH];	/* '{' or '[' per level */
};

static void scan_string_byte(struct json_guard *g, char c)
{
	if (g->escaped)
		g->escaped = false;
	else if (c == '\\')
		g->escaped = true;
	else if (c == '"')
		g->in_string = false;
}

static void scan_byte(struct json_guard *g, char c)
{
	if (g->in_string) {
		scan_string_byte(g, c);
		return;
	}
	if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
		return;
	g->written = true;
	if (c == ':') {
		g->after_colon = true;
		return;
	}
	g->after_colon = false;
	if (c == '"') {
		g->in_string = true;
	} else if (c == '{' || c == '[') {
		if (g->depth < JSON_GUARD_DEPTH)
			g->open[g->depth] = c;
		g->depth++;
	} else if ((c == '}' || c == ']') && g->depth) {
		g->depth--;
	}
}

static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
	struct json_guard *g = cookie;
	size_t i;

	for (i = 0; i < size; i++)
		scan_byte(g, buf[i]);
	if (fwrite(buf, 1, size, g->sink) != size) {
		g->write_failed = true;
		return -1;
	}
	return size;
}

struct json_guard *json_guard_new(FILE *sink)
{
	cookie_io_functions_t io = { .write = guard_write };
	struct json_guard *g = calloc(1, sizeof(*g));

	if (!g)
		return NULL;
	g->sink = sink;
	g->stream = fopencookie(g, "w", io);
	if (!g->stream) {
		free(g);
		return NULL;
	}
	return g;
}

FILE *json_guard_stream(struct json_guard *g)
{
	return g->stream;
}

enum json_slot json_guard_slot(struct json_guard *g)
{
	fflush(g->stream);
	if (!g->depth)
		return g->written ? JSON_SLOT_DONE : JSON_SLOT_EMPTY;
	if (g->depth > JSON_GUARD_DEPTH || g->in_string)
		return JSON_SLOT_LOST;
	if (g->open[g->depth - 1] == '[' || g->after_colon)
		return JSON_SLOT_VALUE;
	return JSON_SLOT_MEMBER;
}

int json_guard_free(struct json_guard *g)
{
	int err;

	if (!g)
		return 0;
	err = fclose(g->stream) || g->write_failed ? -EIO : 0;
	free(g);
	return err;
}
