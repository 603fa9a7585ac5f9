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

/*
 * Where the text stands, in locals while a buffer is scanned: the fields
 * of struct json_guard, which byte stores and wide loads would otherwise
 * go through memory for every byte that matters.
 */
struct scan_state {
	bool written, in_string, escaped, after_colon;
	unsigned int depth;
};

static void scan_string_byte(struct scan_state *st, char c)
{
	if (st->escaped)
		st->escaped = false;
	else if (c == '\\')
		st->escaped = true;
	else if (c == '"')
		st->in_string = false;
}

static inline void scan_byte(struct scan_state *st, char *open, char c)
{
	if (st->in_string) {
		scan_string_byte(st, c);
		return;
	}
	if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
		return;
	st->written = true;
	if (c == ':') {
		st->after_colon = true;
		return;
	}
	st->after_colon = false;
	if (c == '"') {
		st->in_string = true;
	} else if (c == '{' || c == '[') {
		if (st->depth < JSON_GUARD_DEPTH)
			open[st->depth] = c;
		st->depth++;
	} else if ((c == '}' || c == ']') && st->depth) {
		st->depth--;
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

/* Whether a mask of high bits has an odd number of them (no POPCNT needed). */
static inline bool odd_flags(uint64_t mask)
{
	return (((mask >> 7) * BYTES_ONE) >> 56) & 1;
}

/* The index of the first byte flagged in a mask of high bits, in memory order. */
static inline unsigned int first_flagged(uint64_t mask)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_ctzll(mask) / 8;
#else
	return __builtin_clzll(mask) / 8;
#endif
}

/* The first n bytes of a word (n < 8), in memory order. */
static inline uint64_t first_bytes(unsigned int n)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (1ULL << (8 * n)) - 1;
#else
	return n ? ~0ULL << (64 - 8 * n) : 0;
#endif
}

/*
 * Skip the bytes up to the next one that changes the structure other than
 * a quote: past the first value, and away from a member name, plain bytes
 * and quotes only flip in_string, once per quote, and that goes 8 bytes at
 * a time. Map dumps send hundreds of megabytes of "0x.." strings through;
 * a byte at a time costs more than making them. Returns the bytes skipped.
 */
static inline size_t skip_plain(struct scan_state *st, const char *buf, size_t size)
{
	uint64_t x, special;
	unsigned int n;
	size_t i;

	if (!st->written || st->after_colon || st->escaped)
		return 0;
	for (i = 0; i + sizeof(x) <= size; i += sizeof(x)) {
		memcpy(&x, buf + i, sizeof(x));
		special = bytes_special(x);
		if (special) {
			/* the lowest flagged byte is exact, whatever follows it */
			n = first_flagged(special);
			st->in_string ^= odd_flags(bytes_equal(x, '"') & first_bytes(n));
			return i + n;
		}
		st->in_string ^= odd_flags(bytes_equal(x, '"'));
	}
	return i;
}

static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
	struct json_guard *g = cookie;
	struct scan_state st = { g->written, g->in_string, g->escaped, g->after_colon, g->depth };
	size_t i;

	for (i = 0; i < size;) {
		i += skip_plain(&st, buf + i, size - i);
		/* the byte that stopped the skip, or the tail */
		if (i < size)
			scan_byte(&st, g->open, buf[i++]);
	}
	g->written = st.written;
	g->in_string = st.in_string;
	g->escaped = st.escaped;
	g->after_colon = st.after_colon;
	g->depth = st.depth;
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
