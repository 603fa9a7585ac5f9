/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Minimal TAP test harness and an in-memory raw BTF builder for the C unit
 * tests of btf/ and core/.
 */
#ifndef __BPFCTL_UNIT_H
#define __BPFCTL_UNIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include <zlib.h>

#include <bpf/btf.h>

/* Encoders of the type info and int words (not in the UAPI header). */
#define BTF_INFO_ENC(kind, kflag, vlen) \
	(((__u32)!!(kflag) << 31) | (((kind) & 0x1fu) << 24) | ((vlen) & 0xffffu))
#define BTF_INT_ENC(encoding, bits_offset, nr_bits) \
	((encoding) << 24 | (bits_offset) << 16 | (nr_bits))

static int unit_count, unit_failed;

/* Report one TAP test point; returns cond so callers can bail out. */
__attribute__((format(printf, 4, 5)))
static inline bool unit_check(bool cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", cond ? "ok" : "not ok", ++unit_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		unit_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

#define CHECK(cond, ...) unit_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static inline int unit_done(void)
{
	printf("1..%d\n", unit_count);
	return unit_failed ? 1 : 0;
}

/* Directory of the source tree, for fixtures: set by the Makefile's cwd. */
#define UNIT_FIXTURE(name) "tests/fixtures/" name

/* Whole decompressed content of a gzip file (a fixture), or NULL. */
static inline void *gunzip_file(const char *path, size_t *size)
{
	gzFile gz = gzopen(path, "rb");
	size_t cap = 8 << 20, len = 0;
	char *buf = malloc(cap), *bigger;
	int n;

	if (!gz || !buf) {
		if (gz)
			gzclose(gz);
		free(buf);
		return NULL;
	}
	while ((n = gzread(gz, buf + len, cap - len)) > 0) {
		len += n;
		if (len < cap)
			continue;
		bigger = realloc(buf, cap *= 2);
		if (!bigger) {
			free(buf);
			gzclose(gz);
			return NULL;
		}
		buf = bigger;
	}
	gzclose(gz);
	*size = len;
	return buf;
}

/*
 * Raw BTF builder: append types with bb_type() and the words that follow
 * them with bb_u32(), strings with bb_str(); bb_finish() lays out header,
 * types and strings and returns a malloc'ed blob.
 */
struct btf_builder {
	__u32 *types;
	size_t types_len, types_cap;
	char *strs;
	size_t strs_len, strs_cap;
	__u32 nr_types;
};

static inline void bb_init(struct btf_builder *b)
{
	memset(b, 0, sizeof(*b));
	b->strs = calloc(1, 1);
	b->strs_len = b->strs_cap = 1;
}

static inline void bb_free(struct btf_builder *b)
{
	free(b->types);
	free(b->strs);
}

/* Offset of name in the string section (added if new; "" is 0). */
static inline __u32 bb_str(struct btf_builder *b, const char *name)
{
	size_t len = strlen(name) + 1, off;

	if (!name[0])
		return 0;
	for (off = 1; off + len <= b->strs_len; off++) {
		if (!memcmp(b->strs + off, name, len) && b->strs[off - 1] == '\0')
			return off;
	}
	if (b->strs_len + len > b->strs_cap) {
		b->strs_cap = (b->strs_len + len) * 2;
		b->strs = realloc(b->strs, b->strs_cap);
	}
	memcpy(b->strs + b->strs_len, name, len);
	off = b->strs_len;
	b->strs_len += len;
	return off;
}

static inline void bb_u32(struct btf_builder *b, __u32 v)
{
	if (b->types_len == b->types_cap) {
		b->types_cap = b->types_cap ? b->types_cap * 2 : 64;
		b->types = realloc(b->types, b->types_cap * sizeof(__u32));
	}
	b->types[b->types_len++] = v;
}

/* Append a type header; returns its id. size_or_type is the union field. */
static inline __u32 bb_type(struct btf_builder *b, __u32 kind, const char *name, __u32 vlen,
			    bool kflag, __u32 size_or_type)
{
	bb_u32(b, bb_str(b, name));
	bb_u32(b, BTF_INFO_ENC(kind, kflag, vlen));
	bb_u32(b, size_or_type);
	return ++b->nr_types;
}

static inline __u32 bb_int(struct btf_builder *b, const char *name, __u32 size, __u32 enc)
{
	__u32 id = bb_type(b, BTF_KIND_INT, name, 0, false, size);

	bb_u32(b, BTF_INT_ENC(enc, 0, size * 8));
	return id;
}

/* Member of a struct/union just added with bb_type(); bit_off may hold a bitfield size. */
static inline void bb_member(struct btf_builder *b, const char *name, __u32 type, __u32 bit_off)
{
	bb_u32(b, bb_str(b, name));
	bb_u32(b, type);
	bb_u32(b, bit_off);
}

static inline void *bb_finish(struct btf_builder *b, __u32 *size)
{
	struct btf_header hdr = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(hdr),
		.type_off = 0,
		.type_len = b->types_len * 4,
		.str_off = b->types_len * 4,
		.str_len = b->strs_len,
	};
	char *raw;

	*size = sizeof(hdr) + hdr.type_len + hdr.str_len;
	raw = malloc(*size);
	memcpy(raw, &hdr, sizeof(hdr));
	memcpy(raw + sizeof(hdr), b->types, hdr.type_len);
	memcpy(raw + sizeof(hdr) + hdr.type_len, b->strs, hdr.str_len);
	return raw;
}

/* Kinds whose third word is a type id: pointers, modifiers, typedefs, FUNC. */
static inline __u32 bb_ref(struct btf_builder *b, __u32 kind, const char *name, __u32 type)
{
	return bb_type(b, kind, name, 0, false, type);
}

static inline __u32 bb_array(struct btf_builder *b, __u32 elem, __u32 index, __u32 nelems)
{
	__u32 id = bb_type(b, BTF_KIND_ARRAY, "", 0, false, 0);

	bb_u32(b, elem);
	bb_u32(b, index);
	bb_u32(b, nelems);
	return id;
}

static inline void bb_enumerator(struct btf_builder *b, const char *name, __u32 val)
{
	bb_u32(b, bb_str(b, name));
	bb_u32(b, val);
}

static inline void bb_enumerator64(struct btf_builder *b, const char *name, __u64 val)
{
	bb_u32(b, bb_str(b, name));
	bb_u32(b, (__u32)val);
	bb_u32(b, val >> 32);
}

static inline void bb_param(struct btf_builder *b, const char *name, __u32 type)
{
	bb_u32(b, bb_str(b, name));
	bb_u32(b, type);
}

/* Member offset word of a bitfield (struct with the kind flag set). */
#define BITFIELD(bits, off) ((__u32)(bits) << 24 | (off))

/* Parse what was built (NULL if the parser refuses it) and free the builder. */
static inline struct btf *bb_parse(struct btf_builder *b)
{
	__u32 size;
	void *raw = bb_finish(b, &size);
	struct btf *btf = btf__new(raw, size);

	free(raw);
	bb_free(b);
	return btf;
}

#endif /* __BPFCTL_UNIT_H */
