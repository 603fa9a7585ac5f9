/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "map tail ... raw": each record as its size (u32, host byte order) and
 * its bytes, gathered into large writes. The append is inline: with
 * millions of small records a second, a call per record is much of the
 * cost.
 */
#ifndef __BPFCTL_TAIL_RAW_H
#define __BPFCTL_TAIL_RAW_H

#include <stdio.h>
#include <string.h>
#include <linux/types.h>

#define TAIL_RAW_BUF	(1 << 20)	/* gathered before a write */
#define TAIL_RAW_WORDS	32		/* records up to this size are copied in words */

struct tail_raw {
	FILE *f;
	char *buf;
	size_t len;
};

/* A writer on f (not owned); 0 or -ENOMEM, reported. */
int tail_raw_init(struct tail_raw *r, FILE *f);

void tail_raw_free(struct tail_raw *r);

/* Write what has gathered to the stream (the caller flushes it). */
void tail_raw_flush(struct tail_raw *r);

/* A record the inline path doesn't take: large, or no room left. */
void tail_raw_slow(struct tail_raw *r, const void *data, __u32 size);

/*
 * One record. readable bytes may be read from data: ring buffer records
 * are padded to 8 bytes, so small ones are copied in whole words.
 */
static inline void tail_raw_record(struct tail_raw *r, const void *data, __u32 size,
				   size_t readable)
{
	char *dst = r->buf + r->len;
	size_t i;

	if ((readable & 7) || readable > TAIL_RAW_WORDS ||
	    TAIL_RAW_BUF - r->len < sizeof(size) + TAIL_RAW_WORDS) {
		tail_raw_slow(r, data, size);
		return;
	}
	memcpy(dst, &size, sizeof(size));
	for (i = 0; i < readable; i += 8)
		memcpy(dst + sizeof(size) + i, (const char *)data + i, 8);
	r->len += sizeof(size) + size;
}

#endif /* __BPFCTL_TAIL_RAW_H */
