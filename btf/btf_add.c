// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__add_*(): one type per call, or one member, value, parameter or
 * variable appended to the type added last. Inputs are checked as libbpf
 * checks them, so that code written against libbpf fails the same way.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "btf_write.h"
#include "log.h"

static bool str_empty(const char *s)
{
	return !s || !s[0];
}

/* Type ids are only range-checked: a type may refer to one added later. */
static int check_type_id(int id)
{
	return id < 0 || id >= BTF_MAX_TYPE ? -EINVAL : 0;
}

/* Offset of name (0 for none) in a writable btf, or a negative errno. */
static int name_off(struct btf *btf, const char *name)
{
	if (str_empty(name))
		return btf_ensure_modifiable(btf);
	return btf__add_str(btf, name);
}

/*
 * Append a type: its common part and extra bytes of kind-specific data
 * that follow it (copied from extra). Returns the new id or -errno.
 */
static int add_type(struct btf *btf, const char *name, __u32 info, __u32 size_type,
		    const void *extra, size_t extra_sz)
{
	struct btf_type *t;
	int off;

	off = name_off(btf, name);
	if (off < 0)
		return libbpf_err(off);
	t = btf_types_reserve(btf, sizeof(*t) + extra_sz);
	if (!t)
		return libbpf_err(-ENOMEM);
	t->name_off = off;
	t->info = info;
	t->size = size_type;
	if (extra_sz)
		memcpy(t + 1, extra, extra_sz);
	return libbpf_err(btf_types_commit(btf, sizeof(*t) + extra_sz));
}

static __u32 info_enc(__u32 kind, __u32 vlen, bool kflag)
{
	return (kflag ? 1U << 31 : 0) | kind << 24 | vlen;
}

/* The last type if it is of kind (both kinds for composites), else NULL. */
static struct btf_type *last_of_kind(struct btf *btf, __u32 kind)
{
	struct btf_type *t = btf_last_own_type(btf);

	if (!t)
		return NULL;
	if (kind == BTF_KIND_STRUCT)
		return btf_is_composite(t) ? t : NULL;
	return btf_kind(t) == kind ? t : NULL;
}

/*
 * Append sz bytes from item to the last type (which must be of kind),
 * as its next vlen item. Returns 0 or -errno.
 */
static int add_item(struct btf *btf, __u32 kind, const void *item, size_t sz)
{
	void *p;

	if (!last_of_kind(btf, kind))
		return -EINVAL;
	p = btf_types_reserve(btf, sz);
	if (!p)
		return -ENOMEM;
	memcpy(p, item, sz);
	return btf_last_extend(btf, sz);
}

int btf__add_int(struct btf *btf, const char *name, size_t byte_sz, int encoding)
{
	__u32 word;

	if (str_empty(name))
		return libbpf_err(-EINVAL);
	if (byte_sz != 1 && byte_sz != 2 && byte_sz != 4 && byte_sz != 8 && byte_sz != 16)
		return libbpf_err(-EINVAL);
	if (encoding & ~(BTF_INT_SIGNED | BTF_INT_CHAR | BTF_INT_BOOL))
		return libbpf_err(-EINVAL);
	word = (__u32)encoding << 24 | byte_sz * 8;
	return add_type(btf, name, info_enc(BTF_KIND_INT, 0, false), byte_sz, &word, sizeof(word));
}

int btf__add_float(struct btf *btf, const char *name, size_t byte_sz)
{
	if (str_empty(name))
		return libbpf_err(-EINVAL);
	if (byte_sz != 2 && byte_sz != 4 && byte_sz != 8 && byte_sz != 12 && byte_sz != 16)
		return libbpf_err(-EINVAL);
	return add_type(btf, name, info_enc(BTF_KIND_FLOAT, 0, false), byte_sz, NULL, 0);
}

/* Kinds made of the common part only, whose third word is a type id. */
static int add_ref(struct btf *btf, __u32 kind, const char *name, int ref_type_id, bool kflag)
{
	if (check_type_id(ref_type_id))
		return libbpf_err(-EINVAL);
	return add_type(btf, name, info_enc(kind, 0, kflag), ref_type_id, NULL, 0);
}

int btf__add_ptr(struct btf *btf, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_PTR, NULL, ref_type_id, false);
}

int btf__add_volatile(struct btf *btf, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_VOLATILE, NULL, ref_type_id, false);
}

int btf__add_const(struct btf *btf, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_CONST, NULL, ref_type_id, false);
}

int btf__add_restrict(struct btf *btf, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_RESTRICT, NULL, ref_type_id, false);
}

int btf__add_typedef(struct btf *btf, const char *name, int ref_type_id)
{
	if (str_empty(name))
		return libbpf_err(-EINVAL);
	return add_ref(btf, BTF_KIND_TYPEDEF, name, ref_type_id, false);
}

int btf__add_type_tag(struct btf *btf, const char *value, int ref_type_id)
{
	if (str_empty(value))
		return libbpf_err(-EINVAL);
	return add_ref(btf, BTF_KIND_TYPE_TAG, value, ref_type_id, false);
}

/* The kind flag makes the tag's value a whole attribute: __attribute__((value)). */
int btf__add_type_attr(struct btf *btf, const char *value, int ref_type_id)
{
	if (str_empty(value))
		return libbpf_err(-EINVAL);
	return add_ref(btf, BTF_KIND_TYPE_TAG, value, ref_type_id, true);
}

int btf__add_array(struct btf *btf, int index_type_id, int elem_type_id, __u32 nr_elems)
{
	struct btf_array a = { .type = elem_type_id, .index_type = index_type_id,
			       .nelems = nr_elems };

	if (check_type_id(index_type_id) || check_type_id(elem_type_id))
		return libbpf_err(-EINVAL);
	return add_type(btf, NULL, info_enc(BTF_KIND_ARRAY, 0, false), 0, &a, sizeof(a));
}

int btf__add_struct(struct btf *btf, const char *name, __u32 byte_sz)
{
	return add_type(btf, name, info_enc(BTF_KIND_STRUCT, 0, false), byte_sz, NULL, 0);
}

int btf__add_union(struct btf *btf, const char *name, __u32 byte_sz)
{
	return add_type(btf, name, info_enc(BTF_KIND_UNION, 0, false), byte_sz, NULL, 0);
}

int btf__add_field(struct btf *btf, const char *name, int type_id, __u32 bit_offset,
		   __u32 bit_size)
{
	bool bitfield = bit_size || bit_offset % 8;
	struct btf_member m = { .type = type_id };
	struct btf_type *t = last_of_kind(btf, BTF_KIND_STRUCT);
	int off, err;

	if (!t || check_type_id(type_id))
		return libbpf_err(-EINVAL);
	if (bitfield && (bit_size > 255 || bit_offset > 0xffffff))
		return libbpf_err(-EINVAL);
	if (btf_is_union(t) && bit_offset)
		return libbpf_err(-EINVAL);
	off = name_off(btf, name);
	if (off < 0)
		return libbpf_err(off);
	m.name_off = off;
	m.offset = bit_offset | bit_size << 24;
	err = add_item(btf, BTF_KIND_STRUCT, &m, sizeof(m));
	if (err)
		return libbpf_err(err);
	/* offsets of earlier members read the same with the flag: bitfield size 0 */
	if (bitfield)
		btf_last_own_type(btf)->info |= 1U << 31;
	return 0;
}

static bool enum_size_ok(__u32 byte_sz)
{
	return byte_sz == 1 || byte_sz == 2 || byte_sz == 4 || byte_sz == 8;
}

int btf__add_enum(struct btf *btf, const char *name, __u32 byte_sz)
{
	if (!enum_size_ok(byte_sz))
		return libbpf_err(-EINVAL);
	return add_type(btf, name, info_enc(BTF_KIND_ENUM, 0, false), byte_sz, NULL, 0);
}

int btf__add_enum64(struct btf *btf, const char *name, __u32 byte_sz, bool is_signed)
{
	if (!enum_size_ok(byte_sz))
		return libbpf_err(-EINVAL);
	return add_type(btf, name, info_enc(BTF_KIND_ENUM64, 0, is_signed), byte_sz, NULL, 0);
}

int btf__add_enum_value(struct btf *btf, const char *name, __s64 value)
{
	struct btf_enum e = { .val = (__s32)value };
	int off, err;

	if (!last_of_kind(btf, BTF_KIND_ENUM) || str_empty(name))
		return libbpf_err(-EINVAL);
	if (value < INT_MIN || value > UINT_MAX)
		return libbpf_err(-E2BIG);
	off = btf__add_str(btf, name);
	if (off < 0)
		return off;
	e.name_off = off;
	err = add_item(btf, BTF_KIND_ENUM, &e, sizeof(e));
	if (err)
		return libbpf_err(err);
	if (value < 0)
		btf_last_own_type(btf)->info |= 1U << 31;
	return 0;
}

int btf__add_enum64_value(struct btf *btf, const char *name, __u64 value)
{
	struct btf_enum64 e = { .val_lo32 = (__u32)value, .val_hi32 = value >> 32 };
	int off;

	if (!last_of_kind(btf, BTF_KIND_ENUM64) || str_empty(name))
		return libbpf_err(-EINVAL);
	off = btf__add_str(btf, name);
	if (off < 0)
		return off;
	e.name_off = off;
	return libbpf_err(add_item(btf, BTF_KIND_ENUM64, &e, sizeof(e)));
}

int btf__add_fwd(struct btf *btf, const char *name, enum btf_fwd_kind fwd_kind)
{
	if (str_empty(name))
		return libbpf_err(-EINVAL);
	switch (fwd_kind) {
	case BTF_FWD_STRUCT:
		return add_type(btf, name, info_enc(BTF_KIND_FWD, 0, false), 0, NULL, 0);
	case BTF_FWD_UNION:
		return add_type(btf, name, info_enc(BTF_KIND_FWD, 0, true), 0, NULL, 0);
	case BTF_FWD_ENUM:
		/* an enum without values is how BTF forward-declares enums */
		return btf__add_enum(btf, name, sizeof(int));
	default:
		return libbpf_err(-EINVAL);
	}
}

int btf__add_func(struct btf *btf, const char *name, enum btf_func_linkage linkage,
		  int proto_type_id)
{
	if (str_empty(name) || check_type_id(proto_type_id))
		return libbpf_err(-EINVAL);
	if (linkage != BTF_FUNC_STATIC && linkage != BTF_FUNC_GLOBAL && linkage != BTF_FUNC_EXTERN)
		return libbpf_err(-EINVAL);
	/* a FUNC keeps its linkage in vlen */
	return add_type(btf, name, info_enc(BTF_KIND_FUNC, linkage, false), proto_type_id,
			NULL, 0);
}

int btf__add_func_proto(struct btf *btf, int ret_type_id)
{
	return add_ref(btf, BTF_KIND_FUNC_PROTO, NULL, ret_type_id, false);
}

int btf__add_func_param(struct btf *btf, const char *name, int type_id)
{
	struct btf_param p = { .type = type_id };
	int off;

	if (!last_of_kind(btf, BTF_KIND_FUNC_PROTO) || check_type_id(type_id))
		return libbpf_err(-EINVAL);
	off = name_off(btf, name);
	if (off < 0)
		return libbpf_err(off);
	p.name_off = off;
	return libbpf_err(add_item(btf, BTF_KIND_FUNC_PROTO, &p, sizeof(p)));
}

int btf__add_var(struct btf *btf, const char *name, int linkage, int type_id)
{
	struct btf_var v = { .linkage = linkage };

	if (str_empty(name) || check_type_id(type_id))
		return libbpf_err(-EINVAL);
	if (linkage != BTF_VAR_STATIC && linkage != BTF_VAR_GLOBAL_ALLOCATED &&
	    linkage != BTF_VAR_GLOBAL_EXTERN)
		return libbpf_err(-EINVAL);
	return add_type(btf, name, info_enc(BTF_KIND_VAR, 0, false), type_id, &v, sizeof(v));
}

int btf__add_datasec(struct btf *btf, const char *name, __u32 byte_sz)
{
	if (str_empty(name))
		return libbpf_err(-EINVAL);
	return add_type(btf, name, info_enc(BTF_KIND_DATASEC, 0, false), byte_sz, NULL, 0);
}

int btf__add_datasec_var_info(struct btf *btf, int var_type_id, __u32 offset, __u32 byte_sz)
{
	struct btf_var_secinfo v = { .type = var_type_id, .offset = offset, .size = byte_sz };

	if (!last_of_kind(btf, BTF_KIND_DATASEC) || check_type_id(var_type_id))
		return libbpf_err(-EINVAL);
	return libbpf_err(add_item(btf, BTF_KIND_DATASEC, &v, sizeof(v)));
}

static int add_decl_tag(struct btf *btf, const char *value, int ref_type_id, int component_idx,
			bool kflag)
{
	struct btf_decl_tag d = { .component_idx = component_idx };

	if (str_empty(value) || check_type_id(ref_type_id) || component_idx < -1)
		return libbpf_err(-EINVAL);
	return add_type(btf, value, info_enc(BTF_KIND_DECL_TAG, 0, kflag), ref_type_id,
			&d, sizeof(d));
}

int btf__add_decl_tag(struct btf *btf, const char *value, int ref_type_id, int component_idx)
{
	return add_decl_tag(btf, value, ref_type_id, component_idx, false);
}

/* As for type tags, the kind flag makes the value an attribute of its own. */
int btf__add_decl_attr(struct btf *btf, const char *value, int ref_type_id, int component_idx)
{
	return add_decl_tag(btf, value, ref_type_id, component_idx, true);
}
