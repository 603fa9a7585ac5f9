// SPDX-License-Identifier: BSD-2-Clause
/*
 * A fopencookie() stream that scans the JSON text written through it (no
 * validation: only nesting, strings and member separators) and passes it on.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
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

#define BYTES_ONE	0x0101010101010101ULL
#define BYTES_LOW7	0x7f7f7f7f7f7f7f7fULL

/* The high bit of each byte of x that equals c, and no other bit. */
static inline uint64_t bytes_equal(uint64_t x, unsigned char c)
{
	uint64_t v = x ^ (BYTES_ONE * c);

	return ~(((v & BYTES_LOW7) + BYTES_LOW7) | v | BYTES_LOW7);
}

/* Non-zero if a byte of x equals c (which one is not told exactly). */
static inline uint64_t bytes_any(uint64_t x, unsigned char c)
{
	uint64_t v = x ^ (BYTES_ONE * c);

	return (v - BYTES_ONE) & ~v & ~BYTES_LOW7;
}

/*
 * Non-zero if x may hold a byte that changes the structure other than a
 * quote: with bit 5 set, '[' and ']' read as '{' and '}' (as do '{' and
 * '}' themselves, and also a few plain bytes, which only cost time).
 */
static inline uint64_t bytes_special(uint64_t x)
{
	uint64_t folded = x | BYTES_ONE * 0x20;

	return bytes_any(folded, '{') | bytes_any(folded, '}') | bytes_any(x, '\\') |
	       bytes_any(x, ':');
}

/*
 * Skip whole 8-byte words that hold nothing but quotes besides plain bytes:
 * past the first value, and away from a member name, they only flip
 * in_string, once per quote. Map dumps send hundreds of megabytes of
 * "0x.." strings through; a byte at a time costs more than making them.
 * Returns the bytes skipped.
 */
static size_t skip_plain_words(struct json_guard *g, const char *buf, size_t size)
{
	size_t i;
	uint64_t x;

	if (!g->written || g->after_colon || g->escaped)
		return 0;
	for (i = 0; i + sizeof(x) <= size; i += sizeof(x)) {
		memcpy(&x, buf + i, sizeof(x));
		if (bytes_special(x))
			break;
		g->in_string ^= __builtin_popcountll(bytes_equal(x, '"')) & 1;
	}
	return i;
}

static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
	struct json_guard *g = cookie;
	size_t i, end;

	for (i = 0; i < size;) {
		i += skip_plain_words(g, buf + i, size - i);
		/* a word with something else in it, a byte at a time */
		for (end = i + sizeof(uint64_t) < size ? i + sizeof(uint64_t) : size; i < end; i++)
			scan_byte(g, buf[i]);
	}
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
