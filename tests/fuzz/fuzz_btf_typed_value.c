// SPDX-License-Identifier: BSD-2-Clause
/*
 * The typed value formatter of map dump, map lookup and map tail
 * (btf_typed_value_json) on hostile BTF and values. Input: le32 type id,
 * le32 length L, L bytes of raw BTF, then the value bytes. The value is
 * formatted as given (in JSON and pretty-printed, as -j and the text
 * output do), then, so that short values still reach the deep types,
 * repeated to the size the type resolves to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "fuzz.h"
#include "json_writer.h"
#include "typed_value.h"

/* Largest value the harness builds by repetition: map values are smaller. */
#define VALUE_MAX	(64u << 10)

static void format(const struct btf *btf, __u32 id, const void *val, size_t len, FILE *sink)
{
	struct json_writer *jw;
	bool pretty;

	for (pretty = false; ; pretty = true) {
		jw = jsonw_new(sink);
		if (!jw)
			return;
		jsonw_pretty(jw, pretty);
		btf_typed_value_json(btf, id, val, len, jw);
		jsonw_destroy(jw);
		if (pretty)
			break;
	}
}

/* The value repeated (zeros when there is none) to the size of type id. */
static void format_resized(const struct btf *btf, __u32 id, const uint8_t *val, size_t len,
			   FILE *sink)
{
	__s64 want = btf__resolve_size(btf, id);
	uint8_t *buf;
	size_t i;

	if (want <= 0 || (size_t)want <= len || want > VALUE_MAX)
		return;
	buf = calloc(1, want);
	if (!buf)
		return;
	for (i = 0; len && i < (size_t)want; i++)
		buf[i] = val[i % len];
	format(btf, id, buf, want, sink);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	__u32 id, btf_len;
	struct btf *btf;
	FILE *sink;

	if (size < 8)
		return 0;
	memcpy(&id, data, 4);
	memcpy(&btf_len, data + 4, 4);
	data += 8;
	size -= 8;
	if (btf_len > size)
		btf_len = size;
	btf = btf__new(data, btf_len);
	if (!btf)
		return 0;
	data += btf_len;
	size -= btf_len;
	sink = fopen("/dev/null", "w");
	if (sink) {
		/* an id out of range must be refused; its wrap is a real type */
		format(btf, id, data, size, sink);
		id %= btf__type_cnt(btf);
		format(btf, id, data, size, sink);
		format_resized(btf, id, data, size, sink);
		fclose(sink);
	}
	btf__free(btf);
	return 0;
}
