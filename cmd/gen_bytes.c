// SPDX-License-Identifier: BSD-2-Clause
/*
 * The object file embedded in a skeleton, as the body of a C string
 * literal. Objects run to megabytes, so the escapes come from a table and
 * go out in large blocks rather than through printf per byte.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gen_skel.h"

#define LINE_MAX_COLS	78
#define BLOCK_SIZE	65536

struct escape {
	char text[4];
	unsigned char len;
};

/* "\0" for zero (the common byte: shorter), "\xNN" for the others. */
static void escape_table(struct escape tab[256])
{
	static const char hex[] = "0123456789abcdef";
	int b;

	memcpy(tab[0].text, "\\0", 2);
	tab[0].len = 2;
	for (b = 1; b < 256; b++) {
		tab[b].text[0] = '\\';
		tab[b].text[1] = 'x';
		tab[b].text[2] = hex[b >> 4];
		tab[b].text[3] = hex[b & 15];
		tab[b].len = 4;
	}
}

int gen_bytes_literal(FILE *out, const void *bytes, size_t size)
{
	const unsigned char *p = bytes, *end = p + size;
	struct escape tab[256];
	char block[BLOCK_SIZE];
	size_t fill = 0, col = 0;

	escape_table(tab);
	for (; p < end; p++) {
		const struct escape *e = &tab[*p];

		/* room for a line break and the longest escape */
		if (fill > sizeof(block) - 8) {
			if (fwrite(block, 1, fill, out) != fill)
				return -EIO;
			fill = 0;
		}
		if (col + e->len > LINE_MAX_COLS) {
			block[fill++] = '\\';
			block[fill++] = '\n';
			col = 0;
		}
		memcpy(block + fill, e->text, 4);
		fill += e->len;
		col += e->len;
	}
	if (fill && fwrite(block, 1, fill, out) != fill)
		return -EIO;
	return 0;
}
