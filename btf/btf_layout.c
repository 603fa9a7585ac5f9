// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sizes and alignments of types as a C compiler for the BTF's target lays
 * them out: pointer size, resolved size, natural alignment.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "btf_internal.h"
#include "log.h"

/* Nesting of embedded structs beyond which alignment is not computed. */
#define BTF_MAX_ALIGN_DEPTH 1024

/* Alignment memo values besides real alignments (1..16). */
#define ALIGN_UNKNOWN 0
#define ALIGN_BUSY 0xfe
#define ALIGN_ERROR 0xff

/* True for "long", "unsigned long", "long int", "long unsigned int" and so on. */
static bool is_long_name(const char *name)
{
	bool seen_long = false;
	size_t len;

	while (*name) {
		len = strcspn(name, " ");
		if (len == 4 && !strncmp(name, "long", 4) && !seen_long)
			seen_long = true;
		else if (!(len == 3 && !strncmp(name, "int", 3)) &&
			 !(len == 8 && !strncmp(name, "unsigned", 8)))
			return false;
		name += len;
		name += strspn(name, " ");
	}
	return seen_long;
}

static int guess_pointer_size(const struct btf *btf)
{
	__u32 id, cnt = btf__type_cnt(btf);
	const struct btf_type *t;

	if (btf->base && btf__pointer_size(btf->base))
		return btf__pointer_size(btf->base);
	for (id = 1; id < cnt; id++) {
		t = btf_type_fast(btf, id);
		if (!btf_is_int(t) || (t->size != 4 && t->size != 8))
			continue;
		if (is_long_name(btf__name_by_offset(btf, t->name_off)))
			return t->size;
	}
	return -1;
}

size_t btf__pointer_size(const struct btf *btf)
{
	struct btf *cache = (struct btf *)btf;

	if (!btf->ptr_sz)
		cache->ptr_sz = guess_pointer_size(btf);
	return btf->ptr_sz < 0 ? 0 : btf->ptr_sz;
}

int btf__set_pointer_size(struct btf *btf, size_t ptr_sz)
{
	if (ptr_sz != 4 && ptr_sz != 8)
		return libbpf_err(-EINVAL);
	btf->ptr_sz = ptr_sz;
	return 0;
}

/* Kinds that stand for the type they refer to: size and identity pass through. */
static bool is_transparent(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_TYPE_TAG:
		return true;
	default:
		return false;
	}
}

static size_t ptr_size_or_host(const struct btf *btf)
{
	return btf__pointer_size(btf) ?: sizeof(void *);
}

__s64 btf__resolve_size(const struct btf *btf, __u32 type_id)
{
	const struct btf_type *t = btf_type_fast(btf, type_id);
	__u64 nelems = 1, size;
	int depth;

	for (depth = 0; t && depth < BTF_MAX_CHAIN_DEPTH; depth++) {
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_DATASEC:
		case BTF_KIND_FLOAT:
			size = t->size;
			goto done;
		case BTF_KIND_PTR:
			size = ptr_size_or_host(btf);
			goto done;
		case BTF_KIND_ARRAY:
			nelems *= btf_array(t)->nelems;
			if (nelems > UINT32_MAX)
				return libbpf_err(-E2BIG);
			type_id = btf_array(t)->type;
			break;
		default:
			if (!is_transparent(t))
				return libbpf_err(-EINVAL);
			type_id = t->type;
			break;
		}
		if (!type_id)
			return libbpf_err(-EINVAL);
		t = btf_type_fast(btf, type_id);
	}
	return libbpf_err(-EINVAL);
done:
	if (nelems && size > UINT32_MAX / nelems)
		return libbpf_err(-E2BIG);
	return nelems * size;
}

int btf__resolve_type(const struct btf *btf, __u32 type_id)
{
	const struct btf_type *t = btf_type_fast(btf, type_id);
	int depth;

	for (depth = 0; t && depth < BTF_MAX_CHAIN_DEPTH; depth++) {
		if (!is_transparent(t))
			return type_id;
		type_id = t->type;
		t = btf_type_fast(btf, type_id);
	}
	return libbpf_err(-EINVAL);
}

static int align_of(const struct btf *btf, __u32 id, int depth);

/*
 * A struct is naturally aligned to its most aligned member, unless a member
 * sits at an offset its type's alignment forbids or the size is not a
 * multiple of that alignment: then it was packed, and aligns to 1.
 */
static int composite_align(const struct btf *btf, const struct btf_type *t, int depth)
{
	const struct btf_member *m = btf_members(t);
	int i, align, max_align = 1;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		align = align_of(btf, m->type, depth + 1);
		if (align <= 0)
			return align;
		if (align > max_align)
			max_align = align;
		if (!btf_member_bitfield_size(t, i) && m->offset % (8 * align))
			return 1;
	}
	return t->size % max_align ? 1 : max_align;
}

static int align_of_uncached(const struct btf *btf, const struct btf_type *t, int depth)
{
	size_t ptr_sz = ptr_size_or_host(btf);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FLOAT:
		return t->size < ptr_sz ? t->size : ptr_sz;
	case BTF_KIND_PTR:
		return ptr_sz;
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return align_of(btf, t->type, depth + 1);
	case BTF_KIND_ARRAY:
		return align_of(btf, btf_array(t)->type, depth + 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return composite_align(btf, t, depth);
	default:
		return 0;
	}
}

static int align_of(const struct btf *btf, __u32 id, int depth)
{
	struct btf *cache = (struct btf *)btf;
	const struct btf_type *t = btf_type_fast(btf, id);
	int align;

	if (!t || depth > BTF_MAX_ALIGN_DEPTH)
		return 0;
	if (!btf->align_memo) {
		cache->align_memo = calloc(btf__type_cnt(btf), 1);
		if (!btf->align_memo)
			return align_of_uncached(btf, t, depth);
	}
	switch (btf->align_memo[id]) {
	case ALIGN_UNKNOWN:
		break;
	case ALIGN_BUSY:
		/* a struct that embeds itself has no alignment */
		return 0;
	case ALIGN_ERROR:
		return 0;
	default:
		return btf->align_memo[id];
	}
	cache->align_memo[id] = ALIGN_BUSY;
	align = align_of_uncached(btf, t, depth);
	cache->align_memo[id] = align > 0 && align < ALIGN_BUSY ? align : ALIGN_ERROR;
	return align;
}

int btf__align_of(const struct btf *btf, __u32 id)
{
	int align = align_of(btf, id, 0);

	if (align <= 0) {
		errno = EINVAL;
		return 0;
	}
	return align;
}
