// SPDX-License-Identifier: BSD-2-Clause
/*
 * Streaming JSON writer. See json_writer.h for the guarantees it gives.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"

#define JSONW_MAX_DEPTH 256

struct json_writer {
	FILE *out;
	unsigned int depth;
	bool pretty;
	/* a value was written at the current depth: the next one needs a comma */
	bool sep_pending;
	/* a member name was just written: the next value follows it directly */
	bool after_name;
	/* closing character of each open level */
	char closers[JSONW_MAX_DEPTH];
};

struct json_writer *jsonw_new(FILE *out)
{
	struct json_writer *w = calloc(1, sizeof(*w));

	if (w)
		w->out = out;
	return w;
}

void jsonw_destroy(struct json_writer *w)
{
	if (!w)
		return;
	jsonw_close_all(w);
	fflush(w->out);
	free(w);
}

void jsonw_pretty(struct json_writer *w, bool on)
{
	w->pretty = on;
}

unsigned int jsonw_depth(const struct json_writer *w)
{
	return w->depth;
}

static void jsonw_indent(struct json_writer *w)
{
	unsigned int i;

	if (!w->pretty)
		return;
	putc('\n', w->out);
	for (i = 0; i < w->depth; i++)
		fputs("    ", w->out);
}

/* Everything a value needs before it: comma, newline and indentation. */
static void jsonw_begin_value(struct json_writer *w)
{
	if (w->after_name) {
		w->after_name = false;
		return;
	}
	if (w->sep_pending)
		putc(',', w->out);
	if (w->depth)
		jsonw_indent(w);
}

static void jsonw_end_value(struct json_writer *w)
{
	w->sep_pending = true;
}

static void jsonw_open(struct json_writer *w, char open, char close)
{
	jsonw_begin_value(w);
	putc(open, w->out);
	if (w->depth < JSONW_MAX_DEPTH)
		w->closers[w->depth] = close;
	w->depth++;
	w->sep_pending = false;
}

static void jsonw_close(struct json_writer *w)
{
	bool empty = !w->sep_pending;

	if (!w->depth)
		return;
	w->depth--;
	if (!empty)
		jsonw_indent(w);
	putc(w->depth < JSONW_MAX_DEPTH ? w->closers[w->depth] : '}', w->out);
	w->after_name = false;
	jsonw_end_value(w);
}

void jsonw_start_object(struct json_writer *w)
{
	jsonw_open(w, '{', '}');
}

void jsonw_end_object(struct json_writer *w)
{
	jsonw_close(w);
}

void jsonw_start_array(struct json_writer *w)
{
	jsonw_open(w, '[', ']');
}

void jsonw_end_array(struct json_writer *w)
{
	jsonw_close(w);
}

void jsonw_close_all(struct json_writer *w)
{
	bool wrote = w->depth || w->sep_pending;

	while (w->depth)
		jsonw_close(w);
	if (wrote)
		putc('\n', w->out);
	w->sep_pending = false;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* reject overlong forms, surrogates and code points past U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Printable ASCII other than the quote and the backslash goes out as it is. */
static bool jsonw_is_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

static void jsonw_put_escaped(FILE *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, len;

	putc('"', out);
	while (i < n) {
		unsigned char c = s[i];

		/* runs of plain bytes in one write: most strings are nothing else */
		for (len = 0; i + len < n && jsonw_is_plain(s[i + len]); len++)
			;
		if (len) {
			fwrite(s + i, 1, len, out);
			i += len;
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(out, "\\u%04x", c);
				break;
			}
			len = utf8_seq_len(s + i, n - i);
			if (!len) {
				fprintf(out, "\\u%04x", c);
				break;
			}
			fwrite(s + i, 1, len, out);
			i += len;
			continue;
		}
		i++;
	}
	putc('"', out);
}

void jsonw_name(struct json_writer *w, const char *name)
{
	jsonw_begin_value(w);
	jsonw_put_escaped(w->out, name, strlen(name));
	fputs(w->pretty ? ": " : ":", w->out);
	w->after_name = true;
}

void jsonw_string_len(struct json_writer *w, const char *s, size_t len)
{
	jsonw_begin_value(w);
	jsonw_put_escaped(w->out, s, len);
	jsonw_end_value(w);
}

void jsonw_string(struct json_writer *w, const char *s)
{
	jsonw_string_len(w, s ? s : "", s ? strlen(s) : 0);
}

__attribute__((format(printf, 2, 3)))
void jsonw_printf(struct json_writer *w, const char *fmt, ...)
{
	va_list ap;

	jsonw_begin_value(w);
	va_start(ap, fmt);
	vfprintf(w->out, fmt, ap);
	va_end(ap);
	jsonw_end_value(w);
}

/* Decimal without printf: numbers are most of what map dumps write. */
static void jsonw_put_decimal(struct json_writer *w, uint64_t v, bool negative)
{
	char buf[24], *p = buf + sizeof(buf);

	do {
		*--p = '0' + v % 10;
		v /= 10;
	} while (v);
	if (negative)
		*--p = '-';
	jsonw_begin_value(w);
	fwrite(p, 1, buf + sizeof(buf) - p, w->out);
	jsonw_end_value(w);
}

void jsonw_uint(struct json_writer *w, uint64_t v)
{
	jsonw_put_decimal(w, v, false);
}

void jsonw_int(struct json_writer *w, int64_t v)
{
	jsonw_put_decimal(w, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
}

void jsonw_bool(struct json_writer *w, bool v)
{
	jsonw_printf(w, "%s", v ? "true" : "false");
}

void jsonw_null(struct json_writer *w)
{
	jsonw_printf(w, "null");
}

void jsonw_double(struct json_writer *w, double v)
{
	if (!isfinite(v))
		jsonw_null(w);
	else
		jsonw_printf(w, "%.17g", v);
}

void jsonw_string_field(struct json_writer *w, const char *name, const char *v)
{
	jsonw_name(w, name);
	jsonw_string(w, v);
}

void jsonw_uint_field(struct json_writer *w, const char *name, uint64_t v)
{
	jsonw_name(w, name);
	jsonw_uint(w, v);
}

void jsonw_int_field(struct json_writer *w, const char *name, int64_t v)
{
	jsonw_name(w, name);
	jsonw_int(w, v);
}

void jsonw_bool_field(struct json_writer *w, const char *name, bool v)
{
	jsonw_name(w, name);
	jsonw_bool(w, v);
}

void jsonw_null_field(struct json_writer *w, const char *name)
{
	jsonw_name(w, name);
	jsonw_null(w);
}
