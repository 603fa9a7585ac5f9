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
	struct json_writer *jw;		/* JSON lines on f */
	/*
	 * A typed value is rendered here first: the formatter may refuse a
	 * record, and then the line carries hex instead.
	 */
	FILE *vf;
	char *vbuf;
	size_t vlen;
	struct json_writer *vjw;
	char *hex;			/* hex of the record being printed */
	size_t hex_cap;
	time_t sec;			/* the second sec_text shows */
	char sec_text[32];
};

void tail_printer_free(struct tail_printer *p)
{
	if (!p)
		return;
	jsonw_destroy(p->jw);
	jsonw_destroy(p->vjw);
	if (p->vf)
		fclose(p->vf);
	free(p->vbuf);
	free(p->hex);
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
	p->jw = jsonw_new(f);
	p->vf = open_memstream(&p->vbuf, &p->vlen);
	if (!p->jw || !p->vf)
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

/* p->hex := the bytes in hex, separated by sep if non-zero; false on ENOMEM. */
static bool hex_of(struct tail_printer *p, const unsigned char *data, size_t size, char sep)
{
	static const char digits[] = "0123456789abcdef";
	size_t need = size * 3 + 1, i;
	char *h;

	if (need > p->hex_cap) {
		h = realloc(p->hex, need);
		if (!h)
			return false;
		p->hex = h;
		p->hex_cap = need;
	}
	h = p->hex;
	for (i = 0; i < size; i++) {
		if (sep && i)
			*h++ = sep;
		*h++ = digits[data[i] >> 4];
		*h++ = digits[data[i] & 15];
	}
	*h = '\0';
	return true;
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

static struct timespec now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts;
}

/* "YYYY-MM-DDTHH:MM:SS.NNNNNNNNNZ", the date and time formatted once a second. */
static void print_time(struct tail_printer *p, const struct timespec *ts)
{
	struct tm tm;

	if (ts->tv_sec != p->sec) {
		gmtime_r(&ts->tv_sec, &tm);
		strftime(p->sec_text, sizeof(p->sec_text), "%Y-%m-%dT%H:%M:%S", &tm);
		p->sec = ts->tv_sec;
	}
	fprintf(p->f, "%s.%09ldZ", p->sec_text, ts->tv_nsec);
}

static __u64 ns_of(const struct timespec *ts)
{
	return (__u64)ts->tv_sec * 1000000000ULL + ts->tv_nsec;
}

static void json_record(struct tail_printer *p, int cpu, const void *data, size_t size,
			const char *typed, size_t typed_len)
{
	struct timespec ts = now();

	jsonw_start_object(p->jw);
	jsonw_uint_field(p->jw, "ts", ns_of(&ts));
	if (cpu >= 0)
		jsonw_int_field(p->jw, "cpu", cpu);
	jsonw_uint_field(p->jw, "size", size);
	if (typed) {
		jsonw_name(p->jw, "value");
		jsonw_printf(p->jw, "%.*s", (int)typed_len, typed);
	} else if (hex_of(p, data, size, 0)) {
		jsonw_string_field(p->jw, "data", p->hex);
	} else {
		jsonw_null_field(p->jw, "data");
	}
	jsonw_end_object(p->jw);
	jsonw_close_all(p->jw);		/* the newline after the object */
}

static void text_record(struct tail_printer *p, int cpu, const void *data, size_t size,
			const char *typed, size_t typed_len)
{
	struct timespec ts = now();

	print_time(p, &ts);
	if (cpu >= 0)
		fprintf(p->f, " cpu %d", cpu);
	fprintf(p->f, " size %zu", size);
	if (typed) {
		fputs(" value ", p->f);
		fwrite(typed, 1, typed_len, p->f);
	} else if (hex_of(p, data, size, ' ')) {
		fputs(size ? " data " : " data", p->f);
		fputs(p->hex, p->f);
	} else {
		fputs(" data (out of memory)", p->f);
	}
	putc('\n', p->f);
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
	if (p->json)
		json_record(p, cpu, data, size, typed, typed_len);
	else
		text_record(p, cpu, data, size, typed, typed_len);
	return err;
}

void tail_print_lost(struct tail_printer *p, int cpu, __u64 cnt)
{
	struct timespec ts = now();

	if (p->json) {
		jsonw_start_object(p->jw);
		jsonw_uint_field(p->jw, "ts", ns_of(&ts));
		jsonw_int_field(p->jw, "cpu", cpu);
		jsonw_uint_field(p->jw, "lost", cnt);
		jsonw_end_object(p->jw);
		jsonw_close_all(p->jw);
		return;
	}
	print_time(p, &ts);
	fprintf(p->f, " cpu %d lost %llu\n", cpu, (unsigned long long)cnt);
}
