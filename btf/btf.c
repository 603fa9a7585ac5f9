// SPDX-License-Identifier: BSD-2-Clause
/*
 * The BTF object: construction from raw bytes, header and section checks,
 * the type offset table that makes lookup by id O(1), and string access.
 * Reference checks between types live in btf_validate.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "btf_endian.h"
#include "btf_internal.h"
#include "log.h"

/* Type id 0: void. */
static const struct btf_type btf_void_type;

static const char *btf_kind_name(__u16 kind)
{
	static const char * const names[NR_BTF_KINDS] = {
		[BTF_KIND_UNKN] = "UNKNOWN",	[BTF_KIND_INT] = "INT",
		[BTF_KIND_PTR] = "PTR",		[BTF_KIND_ARRAY] = "ARRAY",
		[BTF_KIND_STRUCT] = "STRUCT",	[BTF_KIND_UNION] = "UNION",
		[BTF_KIND_ENUM] = "ENUM",	[BTF_KIND_FWD] = "FWD",
		[BTF_KIND_TYPEDEF] = "TYPEDEF",	[BTF_KIND_VOLATILE] = "VOLATILE",
		[BTF_KIND_CONST] = "CONST",	[BTF_KIND_RESTRICT] = "RESTRICT",
		[BTF_KIND_FUNC] = "FUNC",	[BTF_KIND_FUNC_PROTO] = "FUNC_PROTO",
		[BTF_KIND_VAR] = "VAR",		[BTF_KIND_DATASEC] = "DATASEC",
		[BTF_KIND_FLOAT] = "FLOAT",	[BTF_KIND_DECL_TAG] = "DECL_TAG",
		[BTF_KIND_TYPE_TAG] = "TYPE_TAG", [BTF_KIND_ENUM64] = "ENUM64",
	};

	return kind < NR_BTF_KINDS ? names[kind] : "UNKNOWN";
}

const char *btf_kind_str(__u16 kind)
{
	return btf_kind_name(kind);
}

size_t btf_type_record_size(const struct btf_type *t)
{
	size_t base = sizeof(struct btf_type);
	__u16 vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_FWD:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return base;
	case BTF_KIND_INT:
		return base + sizeof(__u32);
	case BTF_KIND_ENUM:
		return base + vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64:
		return base + vlen * sizeof(struct btf_enum64);
	case BTF_KIND_ARRAY:
		return base + sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return base + vlen * sizeof(struct btf_member);
	case BTF_KIND_FUNC_PROTO:
		return base + vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR:
		return base + sizeof(struct btf_var);
	case BTF_KIND_DATASEC:
		return base + vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_DECL_TAG:
		return base + sizeof(struct btf_decl_tag);
	default:
		return 0;
	}
}

static int btf_check_header(const struct btf_header *hdr, __u32 size)
{
	__u64 data_size, type_end, str_end;

	if (size < sizeof(*hdr)) {
		pr_warn("BTF is %u bytes, shorter than its %zu-byte header\n", size, sizeof(*hdr));
		return -EINVAL;
	}
	if (hdr->magic != BTF_MAGIC) {
		pr_warn("bad BTF magic 0x%04x, expected 0x%04x\n", hdr->magic, BTF_MAGIC);
		return -EINVAL;
	}
	if (hdr->version != BTF_VERSION) {
		pr_warn("unsupported BTF version %u, expected %u\n", hdr->version, BTF_VERSION);
		return -EINVAL;
	}
	if (hdr->hdr_len < sizeof(*hdr) || hdr->hdr_len > size) {
		pr_warn("BTF header length %u is out of range (%zu..%u)\n", hdr->hdr_len,
			sizeof(*hdr), size);
		return -EINVAL;
	}
	data_size = size - hdr->hdr_len;
	type_end = (__u64)hdr->type_off + hdr->type_len;
	str_end = (__u64)hdr->str_off + hdr->str_len;
	if (type_end > data_size || str_end > data_size) {
		pr_warn("BTF sections (types %u+%u, strings %u+%u) run past the end of %llu data bytes\n",
			hdr->type_off, hdr->type_len, hdr->str_off, hdr->str_len,
			(unsigned long long)data_size);
		return -EINVAL;
	}
	if (hdr->type_off % 4) {
		pr_warn("BTF type section offset %u is not 4-byte aligned\n", hdr->type_off);
		return -EINVAL;
	}
	if (hdr->type_len && hdr->str_len && hdr->type_off < str_end && hdr->str_off < type_end) {
		pr_warn("BTF type and string sections overlap\n");
		return -EINVAL;
	}
	return 0;
}

static int btf_check_strings(const struct btf *btf)
{
	if (!btf->strs_len) {
		if (btf->base)
			return 0;
		pr_warn("BTF has an empty string section\n");
		return -EINVAL;
	}
	if (btf->strs[btf->strs_len - 1]) {
		pr_warn("BTF string section is not NUL-terminated\n");
		return -EINVAL;
	}
	if (!btf->base && btf->strs[0]) {
		pr_warn("BTF string section does not start with an empty string\n");
		return -EINVAL;
	}
	if ((__u64)btf->start_str_off + btf->strs_len > BTF_MAX_NAME_OFFSET + 1ULL) {
		pr_warn("BTF string section of %u bytes is too large\n", btf->strs_len);
		return -EINVAL;
	}
	return 0;
}

/*
 * Point btf->types at the type section. The kernel and libbpf accept any
 * header length at least as long as the header they know, so the section
 * may start at an address that is not 4-byte aligned (raw itself is
 * malloc'ed or mapped, hence aligned): its records are then read from an
 * aligned copy.
 */
static int btf_place_types(struct btf *btf, __u32 types_start, __u32 types_len)
{
	const char *types = (const char *)btf->raw + types_start;

	if (types_start % 4 == 0) {
		btf->types = types;
		return 0;
	}
	btf->types_copy = malloc(types_len ? types_len : 1);
	if (!btf->types_copy)
		return -ENOMEM;
	memcpy(btf->types_copy, types, types_len);
	btf->types = btf->types_copy;
	return 0;
}

/* Walk the type section once, recording where each type starts. */
static int btf_index_types(struct btf *btf, __u32 types_len)
{
	__u32 off = 0, cap = 0, *offs;
	const char *types = btf->types;

	while (off < types_len) {
		const struct btf_type *t = (const void *)(types + off);
		size_t rec;

		if (types_len - off < sizeof(*t)) {
			pr_warn("BTF type [%u] is truncated: %u bytes left, need %zu\n",
				btf->start_id + btf->nr_types, types_len - off, sizeof(*t));
			return -EINVAL;
		}
		rec = btf_type_record_size(t);
		if (!rec) {
			pr_warn("BTF type [%u] has unknown kind %u\n",
				btf->start_id + btf->nr_types, btf_kind(t));
			return -EINVAL;
		}
		if (rec > types_len - off) {
			pr_warn("BTF type [%u] %s with vlen %u needs %zu bytes, only %u left\n",
				btf->start_id + btf->nr_types, btf_kind_name(btf_kind(t)),
				btf_vlen(t), rec, types_len - off);
			return -EINVAL;
		}
		if (btf->nr_types == cap) {
			cap = cap ? cap * 2 : 1024;
			offs = realloc(btf->type_offs, cap * sizeof(*offs));
			if (!offs)
				return -ENOMEM;
			btf->type_offs = offs;
		}
		if ((__u64)btf->start_id + btf->nr_types >= BTF_MAX_TYPE) {
			pr_warn("BTF has more than %u types\n", BTF_MAX_TYPE);
			return -EINVAL;
		}
		btf->type_offs[btf->nr_types++] = off;
		off += rec;
	}
	return 0;
}

static void raw_release(void *raw, size_t map_len)
{
	if (map_len)
		munmap(raw, map_len);
	else
		free(raw);
}

void btf_raw_release(struct btf *btf)
{
	if (btf->raw)
		raw_release(btf->raw, btf->raw_map_len);
	btf->raw = NULL;
	btf->raw_size = 0;
	btf->raw_map_len = 0;
	free(btf->types_copy);
	btf->types_copy = NULL;
}

/*
 * BTF of the other byte order: its header to the host's order, in a
 * writable copy if raw is mapped. The types follow once placed.
 */
static int btf_header_to_host(struct btf *btf)
{
	__u32 hdr_len;
	void *copy;

	if (!btf_raw_is_swapped(btf->raw, btf->raw_size) ||
	    btf->raw_size < sizeof(struct btf_header))
		return 0;
	if (btf->raw_map_len) {
		copy = malloc(btf->raw_size);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, btf->raw, btf->raw_size);
		munmap(btf->raw, btf->raw_map_len);
		btf->raw = copy;
		btf->raw_map_len = 0;
	}
	hdr_len = __builtin_bswap32(((const struct btf_header *)btf->raw)->hdr_len);
	btf_bswap_header(btf->raw, hdr_len < btf->raw_size ? hdr_len : btf->raw_size);
	btf->swapped_endian = true;
	return 0;
}

static struct btf *btf_new_raw(void *raw, __u32 size, size_t map_len, struct btf *base)
{
	const struct btf_header *hdr;
	struct btf *btf;
	int err;

	btf = calloc(1, sizeof(*btf));
	if (!btf) {
		raw_release(raw, map_len);
		return libbpf_err_ptr(-ENOMEM);
	}
	btf->raw = raw;
	btf->raw_size = size;
	btf->raw_map_len = map_len;
	btf->fd = -1;
	btf->base = base;
	btf->start_id = base ? btf__type_cnt(base) : 1;
	btf->start_str_off = base ? base->start_str_off + base->strs_len : 0;

	err = btf_header_to_host(btf);
	if (err)
		goto err_free;
	hdr = btf->raw;
	err = btf_check_header(hdr, size);
	err = err ?: btf_layout_sec_parse(btf, btf->raw, size);
	if (err)
		goto err_free;
	if (btf->swapped_endian && btf->has_layout) {
		struct btf_layout_header lh;

		memcpy(&lh, btf->raw, sizeof(lh));
		btf_bswap_layout_sec(btf->raw, size, &lh);
	}
	btf->strs = (const char *)btf->raw + hdr->hdr_len + hdr->str_off;
	btf->strs_len = hdr->str_len;
	err = btf_check_strings(btf);
	if (err)
		goto err_free;
	/* in raw itself, so that btf__raw_data() of an unchanged BTF is the host's order */
	if (btf->swapped_endian)
		btf_bswap_types((char *)btf->raw + hdr->hdr_len + hdr->type_off, hdr->type_len,
				true);
	err = btf_place_types(btf, hdr->hdr_len + hdr->type_off, hdr->type_len);
	err = err ?: btf_index_types(btf, hdr->type_len);
	btf->types_len = hdr->type_len;
	if (err)
		goto err_free;
	err = btf_validate(btf);
	if (err)
		goto err_free;
	return btf;

err_free:
	btf__free(btf);
	return libbpf_err_ptr(err);
}

struct btf *btf_new_owned(void *raw, __u32 size, struct btf *base)
{
	return btf_new_raw(raw, size, 0, base);
}

struct btf *btf_new_mapped(void *raw, __u32 size, size_t map_len, struct btf *base)
{
	return btf_new_raw(raw, size, map_len, base);
}

struct btf *btf__new_split(const void *data, __u32 size, struct btf *base_btf)
{
	void *copy;

	if (!data)
		return libbpf_err_ptr(-EINVAL);
	copy = malloc(size ? size : 1);
	if (!copy)
		return libbpf_err_ptr(-ENOMEM);
	memcpy(copy, data, size);
	return btf_new_owned(copy, size, base_btf);
}

struct btf *btf__new(const void *data, __u32 size)
{
	return btf__new_split(data, size, NULL);
}

void btf__free(struct btf *btf)
{
	if (!btf)
		return;
	btf_name_index_free(btf->name_index);
	btf_write_free(btf);
	btf_raw_swapped_free(btf);
	free(btf->align_memo);
	free(btf->type_offs);
	btf_raw_release(btf);
	/* as libbpf: the fd of btf__load_into_kernel() or btf__set_fd() is the object's */
	if (btf->fd >= 0)
		close(btf->fd);
	free(btf);
}

__u32 btf__type_cnt(const struct btf *btf)
{
	return btf->start_id + btf->nr_types;
}

const struct btf *btf__base_btf(const struct btf *btf)
{
	return btf->base;
}

const struct btf_type *btf__type_by_id(const struct btf *btf, __u32 id)
{
	if (id == 0)
		return &btf_void_type;
	if (id < btf->start_id)
		return btf__type_by_id(btf->base, id);
	if (id - btf->start_id >= btf->nr_types) {
		errno = EINVAL;
		return NULL;
	}
	return (const void *)(btf->types + btf->type_offs[id - btf->start_id]);
}

const char *btf__str_by_offset(const struct btf *btf, __u32 offset)
{
	if (offset < btf->start_str_off)
		return btf__str_by_offset(btf->base, offset);
	if (offset - btf->start_str_off < btf->strs_len)
		return btf->strs + (offset - btf->start_str_off);
	if (offset == 0)
		return "";
	errno = EINVAL;
	return NULL;
}

const char *btf__name_by_offset(const struct btf *btf, __u32 offset)
{
	return btf__str_by_offset(btf, offset);
}

int btf__fd(const struct btf *btf)
{
	return btf->fd;
}

void btf__set_fd(struct btf *btf, int fd)
{
	btf->fd = fd;
}
