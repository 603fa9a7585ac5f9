// SPDX-License-Identifier: BSD-2-Clause
/*
 * The raw records of "map tail": see tail_raw.h.
 */
#include <errno.h>
#include <stdlib.h>

#include "report.h"
#include "tail_raw.h"

int tail_raw_init(struct tail_raw *r, FILE *f)
{
	r->f = f;
	r->len = 0;
	r->buf = malloc(TAIL_RAW_BUF);
	if (!r->buf) {
		p_err("can't set up the output of records: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	return 0;
}

void tail_raw_free(struct tail_raw *r)
{
	free(r->buf);
	r->buf = NULL;
}

void tail_raw_flush(struct tail_raw *r)
{
	if (r->len)
		fwrite(r->buf, 1, r->len, r->f);
	r->len = 0;
}

void tail_raw_slow(struct tail_raw *r, const void *data, __u32 size)
{
	if (TAIL_RAW_BUF - r->len < sizeof(size) + size)
		tail_raw_flush(r);
	if (TAIL_RAW_BUF - r->len < sizeof(size) + size) {
		/* larger than the whole buffer: it goes out on its own */
		fwrite(&size, sizeof(size), 1, r->f);
		fwrite(data, 1, size, r->f);
		return;
	}
	memcpy(r->buf + r->len, &size, sizeof(size));
	memcpy(r->buf + r->len + sizeof(size), data, size);
	r->len += sizeof(size) + size;
}
