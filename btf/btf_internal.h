/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The BTF object, shared by the files of btf/ that build and index it.
 */
#ifndef __BPFCORE_BTF_INTERNAL_H
#define __BPFCORE_BTF_INTERNAL_H

#include <bpf/btf.h>

/* Longest chain of references (modifiers, typedefs, arrays, functions) accepted. */
#define BTF_MAX_CHAIN_DEPTH 64
/* Deepest nesting of embedded structs, unions, arrays and typedefs accepted. */
#define BTF_MAX_EMBED_DEPTH 512
/* Largest struct, union or datasec size accepted, so bit offsets fit in an int. */
#define BTF_MAX_TYPE_SIZE (1U << 28)
/* Largest BTF blob accepted from a file or the kernel. */
#define BTF_MAX_RAW_SIZE (1U << 30)

struct btf_name_index;
struct btf_strset;

struct btf {
	/* the raw BTF (header, types, strings): owned, malloc'ed or mapped */
	void *raw;
	__u32 raw_size;
	size_t raw_map_len;	/* non-zero: raw is a read-only mapping of this size */
	const char *strs;
	__u32 strs_len;
	/*
	 * The type section: in raw, or a 4-byte aligned copy of it (types_copy)
	 * when a header length that is not a multiple of 4 misaligns it there
	 */
	const char *types;
	void *types_copy;
	/* offsets of the own types into types, indexed by id - start_id */
	__u32 *type_offs;
	__u32 nr_types;
	/* first own type id and string offset: non-zero for split BTF */
	__u32 start_id;
	__u32 start_str_off;
	struct btf *base;
	/* 0 until guessed, see btf__pointer_size() */
	int ptr_sz;
	int fd;
	/* caches filled on first use, hence written through const pointers */
	struct btf_name_index *name_index;
	__u8 *align_memo;
	/*
	 * Writable form (see btf_write.c), entered on the first change: types
	 * then points into types_buf and strs into the string set, raw is gone.
	 */
	bool modifiable;
	__u32 types_len;	/* bytes of own types, in either form */
	char *types_buf;
	__u32 types_cap, offs_cap;
	/* string index: borrowing strs until modifiable, owning them after */
	struct btf_strset *strset;
	/* serialized form of a modified BTF, cached by btf__raw_data() */
	void *raw_out;
	__u32 raw_out_size;
	/* has a kind layout section, written again after changes (btf_kind_layout.c) */
	bool has_layout;
	/* read in, and written back in, the other byte order (see btf_endian.c) */
	bool swapped_endian;
	void *raw_swapped;	/* btf__raw_data() in that order, until a change */
};

/*
 * btf__type_by_id() for the hot loops of this library: own types are one
 * table lookup away without a call (id 0 and base types take the call).
 */
static inline const struct btf_type *btf_type_fast(const struct btf *btf, __u32 id)
{
	__u32 idx = id - btf->start_id;	/* wraps for base ids */

	if (idx < btf->nr_types)
		return (const void *)(btf->types + btf->type_offs[idx]);
	return btf__type_by_id(btf, id);
}

/* Build a BTF object that takes ownership of raw (freed on failure too). */
struct btf *btf_new_owned(void *raw, __u32 size, struct btf *base);

/*
 * The same for raw BTF in a read-only mapping of map_len bytes (sysfs),
 * unmapped with the object, or on failure.
 */
struct btf *btf_new_mapped(void *raw, __u32 size, size_t map_len, struct btf *base);

/* Check every reference of the own types; 0 or -EINVAL with the reason logged. */
int btf_validate(const struct btf *btf);

void btf_name_index_free(struct btf_name_index *idx);

/* Make a newly added type id findable by name, if the index is built. */
void btf_name_index_add(struct btf *btf, __u32 id);

/* Size of a type record with its trailing data, or 0 for an unknown kind. */
size_t btf_type_record_size(const struct btf_type *t);

/* Free raw (and the aligned copy of its types): once they are copied. */
void btf_raw_release(struct btf *btf);

/* Switch btf to its writable form (once); 0 or -ENOMEM. */
int btf_ensure_modifiable(struct btf *btf);

/* Release what the writable form owns (for btf__free()). */
void btf_write_free(struct btf *btf);

/* The raw BTF in the host's byte order (what the kernel loads); NULL with errno. */
const void *btf_raw_native(const struct btf *btf, __u32 *size);

/*
 * The native raw BTF of size bytes in the other byte order: a copy cached
 * in btf until btf_raw_swapped_free(); NULL on -ENOMEM.
 */
const void *btf_raw_swapped(const struct btf *btf, const void *native, __u32 size);
void btf_raw_swapped_free(struct btf *btf);

/* n <= 8 bytes of a value as an unsigned number (btf_value_bits.c). */
__u64 btf_load_uint(const __u8 *p, unsigned int n);

/*
 * The nr_bits (<= 128) bitfield at bit bit_off (< 8) of data: its low and
 * high 64 bits. Reads only the bytes the field spans.
 */
void btf_bits_extract(const __u8 *data, unsigned int bit_off, unsigned int nr_bits,
		      __u64 *lo, __u64 *hi);

/* The header with libbpf 1.8's kind layout fields (not in the installed UAPI). */
struct btf_layout_header {
	struct btf_header h;
	__u32 layout_off;
	__u32 layout_len;
};

/* The kind layout section this library writes, of *len bytes. */
const void *btf_kind_layout(__u32 *len);

/* Note a kind layout section of a host-order raw BTF; 0 or -EINVAL if misplaced. */
int btf_layout_sec_parse(struct btf *btf, const void *raw, __u32 size);

/* Swap the entries of the kind layout section lh (host order) places in raw. */
void btf_bswap_layout_sec(void *raw, __u32 size, const struct btf_layout_header *lh);

/* Upper-case kind name as bpftool prints it ("STRUCT"), "UNKNOWN" if unknown. */
const char *btf_kind_str(__u16 kind);

#endif /* __BPFCORE_BTF_INTERNAL_H */
