/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The C emitter (struct btf_dump), shared by the files that implement it:
 *   btf_dump.c        public API, per-type state, alignment memo
 *   btf_dump_out.c    output buffer flushed through the printf callback
 *   btf_dump_names.c  "___N" de-duplication of tags and identifiers
 *   btf_dump_order.c  topological order of definitions
 *   btf_dump_emit.c   which definitions and forwards to emit when; typedefs
 *   btf_dump_struct.c struct and union definitions with explicit padding
 *   btf_dump_enum.c   enum definitions
 *   btf_dump_decl.c   declarators: pointers, arrays, functions, modifiers
 *   btf_dump_data.c   values of types, as C initializers (dump_type_data)
 */
#ifndef __BPFCORE_BTF_DUMP_INTERNAL_H
#define __BPFCORE_BTF_DUMP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <bpf/btf.h>

#include "btf_internal.h"

/*
 * Deepest nesting of definitions and declarators followed before giving up
 * with -ELOOP; hostile BTF can nest anonymous types arbitrarily deep.
 */
#define BTF_DUMP_MAX_DEPTH 512

/* Indentation saturates here, as in libbpf. */
#define BTF_DUMP_MAX_INDENT 13

enum dump_order_state {
	ORDER_NONE,
	ORDER_BUSY,
	ORDER_DONE,
};

enum dump_emit_state {
	EMIT_NONE,
	EMIT_BUSY,
	EMIT_DONE,
};

struct dump_type_state {
	__u8 order:2;
	__u8 emit:2;
	/* a forward declaration (or, for a typedef, its definition) is out */
	__u8 fwd_done:1;
	/* the de-duplicated name was chosen */
	__u8 name_done:1;
	/* some other type refers to this one */
	__u8 referenced:1;
};

/*
 * Output collected here and handed to the callback in large pieces:
 * formatting every token through the callback would dominate run time.
 */
struct dump_out {
	char *buf;
	size_t len;
	size_t cap;
	btf_dump_printf_fn_t fn;
	void *ctx;
};

struct name_slot {
	const char *key;
	__u32 hash;
	__u32 count;
};

/* Open-addressing map from name to number of times it was claimed. */
struct name_map {
	struct name_slot *slots;
	__u32 mask;
	__u32 used;
};

struct btf_dump {
	const struct btf *btf;
	__u32 type_cnt;
	int ptr_sz;
	/* set for one btf_dump__emit_type_decl() call */
	bool strip_mods;
	/* anonymous structs, unions and enums as their keyword (value casts) */
	bool skip_anon_defs;
	/* nesting of declarators being emitted, bounded by BTF_DUMP_MAX_DEPTH */
	int decl_depth;

	struct dump_type_state *states;
	/* "name___N" of renamed types, NULL for types keeping their name */
	char **renamed;
	/* btf__align_of() results, 0 when not computed yet */
	__u8 *aligns;

	/* named definitions in the order they must be emitted */
	__u32 *queue;
	__u32 queue_cnt;
	__u32 queue_cap;

	/* ids of declarator chains, one frame per chain being emitted */
	__u32 *decls;
	__u32 decls_cnt;
	__u32 decls_cap;

	/* struct, union and enum tags */
	struct name_map tags;
	/* typedef names and enumerators, which share C's ordinary namespace */
	struct name_map idents;

	struct dump_out out;
};

/* btf_dump.c */
static inline const struct btf_type *dump_type(const struct btf_dump *d, __u32 id)
{
	return btf_type_fast(d->btf, id);
}
const char *dump_str(const struct btf_dump *d, __u32 off);
int dump_align_of(struct btf_dump *d, __u32 id);

/* btf_dump_out.c */
int dout_init(struct dump_out *o, btf_dump_printf_fn_t fn, void *ctx);
void dout_fini(struct dump_out *o);
void dout_flush(struct dump_out *o);
void dout_spill(struct dump_out *o, const char *s, size_t n);
void dout_uint(struct dump_out *o, unsigned long long v);
void dout_int(struct dump_out *o, long long v);
void dout_tabs(struct dump_out *o, int lvl);

static inline void dout_mem(struct dump_out *o, const char *s, size_t n)
{
	if (o->cap - o->len < n) {
		dout_spill(o, s, n);
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void dout_str(struct dump_out *o, const char *s)
{
	dout_mem(o, s, strlen(s));
}

static inline void dout_chr(struct dump_out *o, char c)
{
	dout_mem(o, &c, 1);
}

/* btf_dump_names.c */
void name_map_free(struct name_map *m);
long name_map_claim(struct name_map *m, const char *name);
const char *dump_tag_name(struct btf_dump *d, __u32 id);
const char *dump_ident_name(struct btf_dump *d, __u32 id);

/* btf_dump_order.c */
int dump_order(struct btf_dump *d, __u32 id, bool via_ptr, int depth);

/* btf_dump_emit.c */
int dump_emit(struct btf_dump *d, __u32 id, __u32 cont_id, int depth);
int dump_struct_def(struct btf_dump *d, __u32 id, const struct btf_type *t, int lvl);
int dump_struct_fwd(struct btf_dump *d, __u32 id, const struct btf_type *t);
int dump_enum_def(struct btf_dump *d, __u32 id, const struct btf_type *t, int lvl);
int dump_enum_fwd(struct btf_dump *d, __u32 id);
int dump_fwd_def(struct btf_dump *d, __u32 id, const struct btf_type *t);

/* btf_dump_decl.c */
int dump_decl(struct btf_dump *d, __u32 id, const char *fname, int lvl);

#endif /* __BPFCORE_BTF_DUMP_INTERNAL_H */
