// SPDX-License-Identifier: BSD-2-Clause
/*
 * The writable form of a BTF object. Parsed BTF stays in its raw bytes
 * (or a read-only mapping) so that parsing vmlinux costs one read and one
 * walk; the first change copies the own types into a growable buffer and
 * the own strings into a deduplicated string set, as libbpf does, and
 * releases raw. btf__raw_data() then lays the three sections out anew.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf_internal.h"
#include "btf_strset.h"
#include "btf_write.h"
#include "log.h"

static __u32 strs_max_len(const struct btf *btf)
{
	return BTF_MAX_NAME_OFFSET + 1U - btf->start_str_off;
}

/* The string set over the current strings, created (borrowing them) on first use. */
static struct btf_strset *btf_strs(struct btf *btf)
{
	if (!btf->strset)
		btf->strset = btf_strset_new(btf->strs, btf->strs_len, strs_max_len(btf));
	return btf->strset;
}

int btf_ensure_modifiable(struct btf *btf)
{
	__u32 cap = btf->types_len + btf->types_len / 4 + 256;
	struct btf_strset *set;
	char *types;

	if (btf->modifiable)
		return 0;
	set = btf_strs(btf);
	if (!set || btf_strset_own(set))
		return -ENOMEM;
	types = malloc(cap);
	if (!types)
		return -ENOMEM;
	memcpy(types, btf->types, btf->types_len);
	btf->types_buf = types;
	btf->types_cap = cap;
	btf->types = types;
	btf->strs = btf_strset_data(set);
	/* type_offs was sized by the parser's doubling: record only what is known */
	btf->offs_cap = btf->nr_types;
	btf_raw_release(btf);
	btf->modifiable = true;
	return 0;
}

void btf_write_free(struct btf *btf)
{
	free(btf->types_buf);
	free(btf->raw_out);
	btf_strset_free(btf->strset);
}

/* Caches that a change makes stale. */
static void btf_changed(struct btf *btf)
{
	free(btf->raw_out);
	btf->raw_out = NULL;
	/* sized by the type count and holding alignments of grown structs */
	free(btf->align_memo);
	btf->align_memo = NULL;
}

void btf_drop_caches(struct btf *btf)
{
	btf_changed(btf);
	btf_name_index_free(btf->name_index);
	btf->name_index = NULL;
}

void *btf_types_reserve(struct btf *btf, size_t sz)
{
	__u32 cap;
	char *p;

	if (btf_ensure_modifiable(btf))
		return NULL;
	/* read after: becoming writable sizes the buffer */
	cap = btf->types_cap;
	if (sz > BTF_MAX_RAW_SIZE || btf->types_len + sz > BTF_MAX_RAW_SIZE)
		return NULL;
	if (btf->types_len + sz > cap) {
		while (btf->types_len + sz > cap)
			cap *= 2;
		p = realloc(btf->types_buf, cap);
		if (!p)
			return NULL;
		btf->types_buf = p;
		btf->types = p;
		btf->types_cap = cap;
	}
	return btf->types_buf + btf->types_len;
}

int btf_types_commit(struct btf *btf, size_t sz)
{
	__u32 cap = btf->offs_cap, *offs;

	if ((__u64)btf->start_id + btf->nr_types >= BTF_MAX_TYPE)
		return -E2BIG;
	if (btf->nr_types == cap) {
		cap = cap ? cap * 2 : 64;
		offs = realloc(btf->type_offs, cap * sizeof(*offs));
		if (!offs)
			return -ENOMEM;
		btf->type_offs = offs;
		btf->offs_cap = cap;
	}
	btf->type_offs[btf->nr_types++] = btf->types_len;
	btf->types_len += sz;
	btf_changed(btf);
	btf_name_index_add(btf, btf->start_id + btf->nr_types - 1);
	return btf->start_id + btf->nr_types - 1;
}

struct btf_type *btf_last_own_type(struct btf *btf)
{
	if (!btf->nr_types)
		return NULL;
	return (struct btf_type *)(btf->types + btf->type_offs[btf->nr_types - 1]);
}

int btf_last_extend(struct btf *btf, size_t sz)
{
	struct btf_type *t = btf_last_own_type(btf);
	__u16 vlen = btf_vlen(t);

	if (vlen == BTF_MAX_VLEN)
		return -E2BIG;
	t->info = (t->info & ~0xffffU) | (vlen + 1U);
	btf->types_len += sz;
	btf_changed(btf);
	return 0;
}

int btf_strs_add(struct btf *btf, const char *s)
{
	int off;

	off = btf_strset_add(btf->strset, s);
	if (off < 0)
		return off;
	/* the set may have moved its bytes */
	btf->strs = btf_strset_data(btf->strset);
	btf->strs_len = btf_strset_len(btf->strset);
	btf_changed(btf);
	return btf->start_str_off + off;
}

/* A split BTF's string found in its base: its offset, else -ENOENT. */
static int base_str_find(struct btf *btf, const char *s)
{
	return btf->base ? btf__find_str(btf->base, s) : -ENOENT;
}

int btf__find_str(struct btf *btf, const char *s)
{
	struct btf_strset *set;
	int off;

	if (!btf || !s)
		return libbpf_err(-EINVAL);
	off = base_str_find(btf, s);
	if (off != -ENOENT)
		return off;
	/* an index over the existing bytes: finding does not make btf writable */
	set = btf_strs(btf);
	if (!set)
		return libbpf_err(-ENOMEM);
	off = btf_strset_find(set, s);
	if (off < 0)
		return libbpf_err(off);
	return btf->start_str_off + off;
}

int btf__add_str(struct btf *btf, const char *s)
{
	int off;

	if (!btf || !s)
		return libbpf_err(-EINVAL);
	off = base_str_find(btf, s);
	if (off != -ENOENT)
		return off;
	if (btf_ensure_modifiable(btf))
		return libbpf_err(-ENOMEM);
	off = btf_strs_add(btf, s);
	return off < 0 ? libbpf_err(off) : off;
}

/* A header followed by the string section of an empty BTF: "" unless split. */
static struct btf *btf_new_empty(struct btf *base)
{
	__u32 str_len = base ? 0 : 1;
	struct btf_header *hdr;

	hdr = calloc(1, sizeof(*hdr) + 1);
	if (!hdr)
		return libbpf_err_ptr(-ENOMEM);
	hdr->magic = BTF_MAGIC;
	hdr->version = BTF_VERSION;
	hdr->hdr_len = sizeof(*hdr);
	hdr->str_len = str_len;
	return btf_new_owned(hdr, sizeof(*hdr) + str_len, base);
}

struct btf *btf__new_empty(void)
{
	return btf_new_empty(NULL);
}

struct btf *btf__new_empty_split(struct btf *base_btf)
{
	if (!base_btf)
		return libbpf_err_ptr(-EINVAL);
	return btf_new_empty(base_btf);
}

/* Lay out header, types and own strings in one buffer: cached until the next change. */
static int btf_serialize(struct btf *btf)
{
	struct btf_header hdr = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(hdr),
		.type_off = 0,
		.type_len = btf->types_len,
		.str_off = btf->types_len,
		.str_len = btf->strs_len,
	};
	__u32 size = sizeof(hdr) + hdr.type_len + hdr.str_len;
	char *raw;

	raw = malloc(size);
	if (!raw)
		return -ENOMEM;
	memcpy(raw, &hdr, sizeof(hdr));
	memcpy(raw + sizeof(hdr), btf->types, hdr.type_len);
	memcpy(raw + sizeof(hdr) + hdr.type_len, btf->strs, hdr.str_len);
	btf->raw_out = raw;
	btf->raw_out_size = size;
	return 0;
}

const void *btf__raw_data(const struct btf *btf, __u32 *size)
{
	struct btf *cache = (struct btf *)btf;
	int err;

	if (!btf->modifiable) {
		*size = btf->raw_size;
		return btf->raw;
	}
	if (!btf->raw_out) {
		err = btf_serialize(cache);
		if (err)
			return libbpf_err_ptr(err);
	}
	*size = btf->raw_out_size;
	return btf->raw_out;
}

const void *btf__get_raw_data(const struct btf *btf, __u32 *size)
{
	return btf__raw_data(btf, size);
}
