// SPDX-License-Identifier: BSD-2-Clause
/*
 * Output buffer of the C emitter. The printf callback receives whole
 * buffers ("%.*s"), so its per-call cost is paid once per 64 KiB rather
 * than once per token.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>

#include "btf_dump_internal.h"

#define DOUT_CAP (64 * 1024)

static const char tabs[BTF_DUMP_MAX_INDENT] = {
	'\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t',
};

int dout_init(struct dump_out *o, btf_dump_printf_fn_t fn, void *ctx)
{
	o->buf = malloc(DOUT_CAP);
	if (!o->buf)
		return -ENOMEM;
	o->len = 0;
	o->cap = DOUT_CAP;
	o->fn = fn;
	o->ctx = ctx;
	return 0;
}

void dout_fini(struct dump_out *o)
{
	free(o->buf);
	o->buf = NULL;
	o->len = 0;
	o->cap = 0;
}

/* The callback takes a va_list, which only a variadic function can make. */
static void dout_call(struct dump_out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	o->fn(o->ctx, fmt, ap);
	va_end(ap);
}

static void dout_pass(struct dump_out *o, const char *s, size_t n)
{
	while (n) {
		int chunk = n > INT_MAX ? INT_MAX : (int)n;

		dout_call(o, "%.*s", chunk, s);
		s += chunk;
		n -= chunk;
	}
}

void dout_flush(struct dump_out *o)
{
	dout_pass(o, o->buf, o->len);
	o->len = 0;
}

/* Slow path of dout_mem(): the buffer is full, or s does not fit at all. */
void dout_spill(struct dump_out *o, const char *s, size_t n)
{
	dout_flush(o);
	if (n > o->cap) {
		dout_pass(o, s, n);
		return;
	}
	memcpy(o->buf, s, n);
	o->len = n;
}

void dout_uint(struct dump_out *o, unsigned long long v)
{
	char tmp[24];
	char *p = tmp + sizeof(tmp);

	do {
		*--p = '0' + v % 10;
		v /= 10;
	} while (v);
	dout_mem(o, p, tmp + sizeof(tmp) - p);
}

void dout_int(struct dump_out *o, long long v)
{
	if (v < 0) {
		dout_chr(o, '-');
		/* negate in unsigned arithmetic so that LLONG_MIN survives */
		dout_uint(o, -(unsigned long long)v);
		return;
	}
	dout_uint(o, v);
}

void dout_tabs(struct dump_out *o, int lvl)
{
	if (lvl <= 0)
		return;
	dout_mem(o, tabs, lvl > BTF_DUMP_MAX_INDENT ? BTF_DUMP_MAX_INDENT : lvl);
}
