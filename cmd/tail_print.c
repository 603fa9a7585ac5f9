// SPDX-License-Identifier: BSD-2-Clause
/*
 * Lines of "map tail": see tail_print.h for their shapes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json_writer.h"
#include "report.h"
#include "tail_print.h"
#include "typed_value.h"

struct tail_printer {
	FILE *f;
	bool json;
	/*
	 * A typed value is rendered here first: the formatter may refuse a
	 * record, and then the line carries hex instead.
	 */
	FILE *vf;
	char *vbuf;
	size_t vlen;
	struct json_writer *vjw;
	/*
	 * Lines being built, written with one fwrite when 64 KiB have
	 * gathered or the batch ends. Their fixed parts (numbers, hex, keys)
	 * need no JSON escaping, so JSON lines are built here too, without a
	 * writer per line.
	 */
	char *line;
	size_t len, cap;
	/*
	 * The start of every line, with the time: read once per batch, and
	 * again each time gathered lines are written, not once per record.
	 */
	char head[48];
	size_t head_len;
	time_t sec;			/* the second sec_text shows */
	char sec_text[32];
};

void tail_printer_free(struct tail_printer *p)
{
	if (!p)
		return;
	jsonw_destroy(p->vjw);
	if (p->vf)
		fclose(p->vf);
	free(p->vbuf);
	free(p->line);
	free(p);
}

struct tail_printer *tail_printer_new(FILE *f, bool json)
{
	struct tail_printer *p = calloc(1, sizeof(*p));

	if (!p)
		goto err;
	p->f = f;
	p->json = json;
	p->sec = -1;
	tail_printer_stamp(p);
	p->vf = open_memstream(&p->vbuf, &p->vlen);
	if (!p->vf)
		goto err;
	p->vjw = jsonw_new(p->vf);
	if (!p->vjw)
		goto err;
	return p;

err:
	tail_printer_free(p);
	p_err("can't set up the output of records: %s", strerror(ENOMEM));
	return NULL;
}

/* Room for need more bytes in the line; false on ENOMEM. */
static bool line_room(struct tail_printer *p, size_t need)
{
	size_t cap = p->cap ? p->cap : 256;
	char *line;

	if (p->len + need <= p->cap)
		return true;
	while (cap < p->len + need)
		cap *= 2;
	line = realloc(p->line, cap);
	if (!line)
		return false;
	p->line = line;
	p->cap = cap;
	return true;
}

/* Appenders: the caller made room (a number takes at most 20 bytes). */
static void put(struct tail_printer *p, const char *s, size_t n)
{
	memcpy(p->line + p->len, s, n);
	p->len += n;
}

#define PUT_LIT(p, lit) put(p, lit, sizeof(lit) - 1)

static void put_u64(struct tail_printer *p, __u64 v)
{
	char digits[20];
	int n = 0;

	do {
		digits[sizeof(digits) - ++n] = '0' + v % 10;
		v /= 10;
	} while (v);
	put(p, digits + sizeof(digits) - n, n);
}


/* The bytes in hex, separated by sep if non-zero. */
static void put_hex(struct tail_printer *p, const unsigned char *data, size_t size, char sep)
{
	static const char digits[] = "0123456789abcdef";
	char *h = p->line + p->len;
	size_t i;

	for (i = 0; i < size; i++) {
		if (sep && i)
			*h++ = sep;
		*h++ = digits[data[i] >> 4];
		*h++ = digits[data[i] & 15];
	}
	p->len = h - p->line;
}

#define LINES_GATHERED (64 << 10)

void tail_printer_flush(struct tail_printer *p)
{
	if (p->len)
		fwrite(p->line, 1, p->len, p->f);
	p->len = 0;
	tail_printer_stamp(p);
}

/* A line is complete: write what has gathered once there is enough. */
static void line_done(struct tail_printer *p)
{
	if (p->len >= LINES_GATHERED)
		tail_printer_flush(p);
}

/* The typed value as one line of JSON in *text (len bytes), or the formatter's error. */
static int render_typed(struct tail_printer *p, const struct btf *btf, __u32 type_id,
			const void *data, size_t size, const char **text, size_t *len)
{
	long end;
	int err;

	if (fseek(p->vf, 0, SEEK_SET))
		return -errno;
	err = btf_typed_value_json(btf, type_id, data, size, p->vjw);
	if (err)
		return err;
	jsonw_close_all(p->vjw);	/* ends the value with a newline, not kept */
	if (fflush(p->vf))
		return -ENOMEM;
	end = ftell(p->vf);
	if (end <= 0)
		return -EIO;
	*text = p->vbuf;
	*len = end - 1;
	return 0;
}

/* A member name: ,"key": in JSON, " key " in text. */
static void put_key(struct tail_printer *p, const char *key)
{
	if (p->json)
		PUT_LIT(p, ",\"");
	else
		PUT_LIT(p, " ");
	put(p, key, strlen(key));
	if (p->json)
		PUT_LIT(p, "\":");
	else
		PUT_LIT(p, " ");
}

void tail_printer_stamp(struct tail_printer *p)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (p->json) {
		p->head_len = snprintf(p->head, sizeof(p->head), "{\"ts\":%llu",
				       (unsigned long long)ts.tv_sec * 1000000000ULL + ts.tv_nsec);
		return;
	}
	if (ts.tv_sec != p->sec) {
		gmtime_r(&ts.tv_sec, &tm);
		strftime(p->sec_text, sizeof(p->sec_text), "%Y-%m-%dT%H:%M:%S", &tm);
		p->sec = ts.tv_sec;
	}
	p->head_len = snprintf(p->head, sizeof(p->head), "%s.%09ldZ", p->sec_text, ts.tv_nsec);
}

/* Start a line: the time, and the CPU if there is one. */
static void put_head(struct tail_printer *p, int cpu)
{
	put(p, p->head, p->head_len);
	if (cpu >= 0) {
		put_key(p, "cpu");
		put_u64(p, cpu);
	}
}

/* Fixed parts of a line: head, keys, numbers, closing. */
#define LINE_FIXED 128

static void put_end(struct tail_printer *p)
{
	if (p->json)
		PUT_LIT(p, "}");
	PUT_LIT(p, "\n");
	line_done(p);
}

static void put_record(struct tail_printer *p, int cpu, const void *data, size_t size,
		       const char *typed, size_t typed_len)
{
	if (!line_room(p, LINE_FIXED + (typed ? typed_len : 3 * size))) {
		tail_printer_flush(p);
		fputs(p->json ? "{\"error\":\"out of memory\"}\n" : "(out of memory)\n", p->f);
		return;
	}
	put_head(p, cpu);
	put_key(p, "size");
	put_u64(p, size);
	if (typed) {
		put_key(p, "value");
		put(p, typed, typed_len);
	} else {
		put_key(p, "data");
		if (p->json)
			PUT_LIT(p, "\"");
		put_hex(p, data, size, p->json ? 0 : ' ');
		if (p->json)
			PUT_LIT(p, "\"");
	}
	put_end(p);
}

int tail_print_record(struct tail_printer *p, int cpu, const void *data, size_t size,
		      const struct btf *btf, __u32 type_id)
{
	const char *typed = NULL;
	size_t typed_len = 0;
	int err = 0;

	if (type_id)
		err = render_typed(p, btf, type_id, data, size, &typed, &typed_len);
	if (err)
		typed = NULL;
	put_record(p, cpu, data, size, typed, typed_len);
	return err;
}

void tail_print_lost(struct tail_printer *p, int cpu, __u64 cnt)
{
	if (!line_room(p, LINE_FIXED))
		return;
	put_head(p, cpu);
	put_key(p, "lost");
	put_u64(p, cnt);
	put_end(p);
}
