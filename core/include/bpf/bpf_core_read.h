/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BPF-side CO-RE helpers: reads and queries that clang records as
 * relocations (.BTF.ext) so the loader can fit them to the running
 * kernel's types. Built on clang's builtins:
 *   __builtin_preserve_access_index(expr)    field accesses in expr
 *   __builtin_preserve_field_info(field, k)  offset/size/existence/... of field
 *   __builtin_preserve_type_info(*(T *)0, k) existence/size/match of type T
 *   __builtin_preserve_enum_value(*(T *)V, k) existence/value of enumerator V
 *   __builtin_btf_type_id(*(T *)0, k)        BTF id of T, local or target
 * The reads use bpf_probe_read_kernel() and friends, declared by
 * bpf_helpers.h (include it first).
 */
#ifndef __BPF_CORE_READ_H__
#define __BPF_CORE_READ_H__

/* Second argument of __builtin_preserve_field_info() (BPF_CORE_FIELD_* relocations). */
enum bpf_field_info_kind {
	BPF_FIELD_BYTE_OFFSET = 0,	/* offset of the field in its struct */
	BPF_FIELD_BYTE_SIZE = 1,	/* size of the field */
	BPF_FIELD_EXISTS = 2,		/* 1 if the target has the field */
	BPF_FIELD_SIGNED = 3,		/* 1 if the field is a signed integer or enum */
	BPF_FIELD_LSHIFT_U64 = 4,	/* bitfield: left shift after a 64-bit load */
	BPF_FIELD_RSHIFT_U64 = 5,	/* bitfield: right shift after the left one */
};

/* Second argument of __builtin_btf_type_id(). */
enum bpf_type_id_kind {
	BPF_TYPE_ID_LOCAL = 0,		/* id in the program's own BTF */
	BPF_TYPE_ID_TARGET = 1,		/* id in the kernel's BTF */
};

/* Second argument of __builtin_preserve_type_info(). */
enum bpf_type_info_kind {
	BPF_TYPE_EXISTS = 0,		/* the kernel has a compatible type */
	BPF_TYPE_SIZE = 1,		/* its size */
	BPF_TYPE_MATCHES = 2,		/* the kernel's type matches this one (clang 15+) */
};

/* Second argument of __builtin_preserve_enum_value(). */
enum bpf_enum_value_kind {
	BPF_ENUMVAL_EXISTS = 0,		/* the kernel's enum has the enumerator */
	BPF_ENUMVAL_VALUE = 1,		/* its value there */
};

/*
 * Argument counting and dispatch: __bpfcore_call(name, a, b, c) expands to
 * name3(a, b, c). Supports 1 to 10 arguments.
 */
#define __bpfcore_nth(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, N, ...) N
#define __bpfcore_narg(...) __bpfcore_nth(__VA_ARGS__, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __bpfcore_cat2(a, b) a##b
#define __bpfcore_cat(a, b) __bpfcore_cat2(a, b)
#define __bpfcore_call(name, ...) __bpfcore_cat(name, __bpfcore_narg(__VA_ARGS__))(__VA_ARGS__)

/*
 * Field forms: (expr) is a field access such as p->a.b, (type, field) a
 * field of a type such as (struct task_struct, pid).
 */
#define __bpfcore_field1(kind, expr) __builtin_preserve_field_info(expr, kind)
#define __bpfcore_field2(kind, type, field) \
	__builtin_preserve_field_info(((__typeof__(type) *)0)->field, kind)
#define __bpfcore_field_info(kind, ...) \
	__bpfcore_cat(__bpfcore_field, __bpfcore_narg(__VA_ARGS__))(kind, __VA_ARGS__)

/* 1 if the field exists in the target kernel, 0 if not: bpf_core_field_exists(p->f). */
#define bpf_core_field_exists(...) __bpfcore_field_info(BPF_FIELD_EXISTS, __VA_ARGS__)
/* Size in bytes of the field in the target kernel. */
#define bpf_core_field_size(...) __bpfcore_field_info(BPF_FIELD_BYTE_SIZE, __VA_ARGS__)
/* Offset in bytes of the field within its outermost struct in the target kernel. */
#define bpf_core_field_offset(...) __bpfcore_field_info(BPF_FIELD_BYTE_OFFSET, __VA_ARGS__)
/* 1 if the field is a signed integer (or signed enum) in the target kernel. */
#define bpf_core_field_signed(...) __bpfcore_field_info(BPF_FIELD_SIGNED, __VA_ARGS__)

/* BTF id of type in the program's own BTF. */
#define bpf_core_type_id_local(type) \
	__builtin_btf_type_id(*(__typeof__(type) *)0, BPF_TYPE_ID_LOCAL)
/* BTF id of the matching type in the kernel's BTF (0 if none). */
#define bpf_core_type_id_kernel(type) \
	__builtin_btf_type_id(*(__typeof__(type) *)0, BPF_TYPE_ID_TARGET)
/* 1 if the kernel has a type compatible with type. */
#define bpf_core_type_exists(type) \
	__builtin_preserve_type_info(*(__typeof__(type) *)0, BPF_TYPE_EXISTS)
/* 1 if the kernel's type matches type member by member (needs clang 15+). */
#if defined(__clang_major__) && __clang_major__ < 15
/* older clang crashes in its backend on this kind: fail at compile time with a reason */
#define bpf_core_type_matches(type) \
	({ _Static_assert(0, "bpf_core_type_matches() needs clang 15 or newer"); 0; })
#else
#define bpf_core_type_matches(type) \
	__builtin_preserve_type_info(*(__typeof__(type) *)0, BPF_TYPE_MATCHES)
#endif
/* Size of type in the kernel (0 if it has no such type). */
#define bpf_core_type_size(type) \
	__builtin_preserve_type_info(*(__typeof__(type) *)0, BPF_TYPE_SIZE)

/* 1 if the kernel's enum_type has enumerator enum_value (e.g. (enum e, E_X)). */
#define bpf_core_enum_value_exists(enum_type, enum_value) \
	__builtin_preserve_enum_value(*(__typeof__(enum_type) *)enum_value, BPF_ENUMVAL_EXISTS)
/* Value of enumerator enum_value of enum_type in the kernel. */
#define bpf_core_enum_value(enum_type, enum_value) \
	__builtin_preserve_enum_value(*(__typeof__(enum_type) *)enum_value, BPF_ENUMVAL_VALUE)

/* Relocated probe reads: src is an address expression such as &p->a.b. */
#define bpf_core_read(dst, sz, src) \
	bpf_probe_read_kernel(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user(dst, sz, src) \
	bpf_probe_read_user(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_str(dst, sz, src) \
	bpf_probe_read_kernel_str(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user_str(dst, sz, src) \
	bpf_probe_read_user_str(dst, sz, (const void *)__builtin_preserve_access_index(src))

/* The same reads without relocations (for BPF_PROBE_READ*). */
#define __bpfcore_probe_read(dst, sz, src) bpf_probe_read_kernel(dst, sz, src)
#define __bpfcore_probe_read_str(dst, sz, src) bpf_probe_read_kernel_str(dst, sz, src)
#define __bpfcore_probe_read_user(dst, sz, src) bpf_probe_read_user(dst, sz, src)
#define __bpfcore_probe_read_user_str(dst, sz, src) bpf_probe_read_user_str(dst, sz, src)

/*
 * Pointer chase: src->a->b->c read one pointer at a time. __bpfcore_chainN(rd, last, dst,
 * src, f1..fN) reads each intermediate pointer with rd into a temporary and the last
 * field with last into dst. Each level names its own temporary, so nothing shadows.
 */
#define __bpfcore_step(rd, tmp, src, f) \
	const void *tmp; rd((void *)&tmp, sizeof(tmp), &(src)->f)
#define __bpfcore_at(src, f, tmp) ((__typeof__((src)->f))(tmp))

#define __bpfcore_chain1(rd, last, dst, src, a) \
	last((void *)(dst), sizeof(*(dst)), &(src)->a)
#define __bpfcore_chain2(rd, last, dst, src, a, b) ({ \
	__bpfcore_step(rd, __bc_t2, src, a); \
	__bpfcore_chain1(rd, last, dst, __bpfcore_at(src, a, __bc_t2), b); })
#define __bpfcore_chain3(rd, last, dst, src, a, b, c) ({ \
	__bpfcore_step(rd, __bc_t3, src, a); \
	__bpfcore_chain2(rd, last, dst, __bpfcore_at(src, a, __bc_t3), b, c); })
#define __bpfcore_chain4(rd, last, dst, src, a, b, c, d) ({ \
	__bpfcore_step(rd, __bc_t4, src, a); \
	__bpfcore_chain3(rd, last, dst, __bpfcore_at(src, a, __bc_t4), b, c, d); })
#define __bpfcore_chain5(rd, last, dst, src, a, b, c, d, e) ({ \
	__bpfcore_step(rd, __bc_t5, src, a); \
	__bpfcore_chain4(rd, last, dst, __bpfcore_at(src, a, __bc_t5), b, c, d, e); })
#define __bpfcore_chain6(rd, last, dst, src, a, b, c, d, e, f) ({ \
	__bpfcore_step(rd, __bc_t6, src, a); \
	__bpfcore_chain5(rd, last, dst, __bpfcore_at(src, a, __bc_t6), b, c, d, e, f); })
#define __bpfcore_chain7(rd, last, dst, src, a, b, c, d, e, f, g) ({ \
	__bpfcore_step(rd, __bc_t7, src, a); \
	__bpfcore_chain6(rd, last, dst, __bpfcore_at(src, a, __bc_t7), b, c, d, e, f, g); })
#define __bpfcore_chain8(rd, last, dst, src, a, b, c, d, e, f, g, h) ({ \
	__bpfcore_step(rd, __bc_t8, src, a); \
	__bpfcore_chain7(rd, last, dst, __bpfcore_at(src, a, __bc_t8), b, c, d, e, f, g, h); })
/* dispatched on the number of fields (1 to 8) */
#define __bpfcore_chain(rd, last, dst, src, ...) \
	__bpfcore_cat(__bpfcore_chain, __bpfcore_narg(__VA_ARGS__))(rd, last, dst, src, \
								   __VA_ARGS__)

/* The type of src->a->b->...: the value BPF_CORE_READ() returns. */
#define __bpfcore_arrow2(src, a) (src)->a
#define __bpfcore_arrow3(src, a, b) __bpfcore_arrow2((src)->a, b)
#define __bpfcore_arrow4(src, a, b, c) __bpfcore_arrow3((src)->a, b, c)
#define __bpfcore_arrow5(src, a, b, c, d) __bpfcore_arrow4((src)->a, b, c, d)
#define __bpfcore_arrow6(src, a, b, c, d, e) __bpfcore_arrow5((src)->a, b, c, d, e)
#define __bpfcore_arrow7(src, a, b, c, d, e, f) __bpfcore_arrow6((src)->a, b, c, d, e, f)
#define __bpfcore_arrow8(src, a, b, c, d, e, f, g) \
	__bpfcore_arrow7((src)->a, b, c, d, e, f, g)
#define __bpfcore_arrow9(src, a, b, c, d, e, f, g, h) \
	__bpfcore_arrow8((src)->a, b, c, d, e, f, g, h)
#define __bpfcore_arrow(src, ...) __bpfcore_call(__bpfcore_arrow, src, __VA_ARGS__)

/*
 * BPF_CORE_READ_INTO(&dst, src, a, b, c): dst = src->a->b->c, each step a relocated
 * probe read. Returns the last read's result (0 or negative error).
 */
#define BPF_CORE_READ_INTO(dst, src, ...) \
	__bpfcore_chain(bpf_core_read, bpf_core_read, dst, src, __VA_ARGS__)
#define BPF_CORE_READ_USER_INTO(dst, src, ...) \
	__bpfcore_chain(bpf_core_read_user, bpf_core_read_user, dst, src, __VA_ARGS__)
#define BPF_PROBE_READ_INTO(dst, src, ...) \
	__bpfcore_chain(__bpfcore_probe_read, __bpfcore_probe_read, dst, src, __VA_ARGS__)
#define BPF_PROBE_READ_USER_INTO(dst, src, ...) \
	__bpfcore_chain(__bpfcore_probe_read_user, __bpfcore_probe_read_user, dst, src, \
			__VA_ARGS__)

/* The same, the last field read as a NUL-terminated string into the array dst. */
#define BPF_CORE_READ_STR_INTO(dst, src, ...) \
	__bpfcore_chain(bpf_core_read, bpf_core_read_str, dst, src, __VA_ARGS__)
#define BPF_CORE_READ_USER_STR_INTO(dst, src, ...) \
	__bpfcore_chain(bpf_core_read_user, bpf_core_read_user_str, dst, src, __VA_ARGS__)
#define BPF_PROBE_READ_STR_INTO(dst, src, ...) \
	__bpfcore_chain(__bpfcore_probe_read, __bpfcore_probe_read_str, dst, src, __VA_ARGS__)
#define BPF_PROBE_READ_USER_STR_INTO(dst, src, ...) \
	__bpfcore_chain(__bpfcore_probe_read_user, __bpfcore_probe_read_user_str, dst, src, \
			__VA_ARGS__)

/* BPF_CORE_READ(src, a, b, c): the value of src->a->b->c (the probe reads zero it on failure). */
#define BPF_CORE_READ(src, ...) ({ \
	__typeof__(__bpfcore_arrow(src, __VA_ARGS__)) __bc_val; \
	BPF_CORE_READ_INTO(&__bc_val, src, __VA_ARGS__); \
	__bc_val; })
#define BPF_CORE_READ_USER(src, ...) ({ \
	__typeof__(__bpfcore_arrow(src, __VA_ARGS__)) __bc_val; \
	BPF_CORE_READ_USER_INTO(&__bc_val, src, __VA_ARGS__); \
	__bc_val; })
#define BPF_PROBE_READ(src, ...) ({ \
	__typeof__(__bpfcore_arrow(src, __VA_ARGS__)) __bc_val; \
	BPF_PROBE_READ_INTO(&__bc_val, src, __VA_ARGS__); \
	__bc_val; })
#define BPF_PROBE_READ_USER(src, ...) ({ \
	__typeof__(__bpfcore_arrow(src, __VA_ARGS__)) __bc_val; \
	BPF_PROBE_READ_USER_INTO(&__bc_val, src, __VA_ARGS__); \
	__bc_val; })

/*
 * Bitfields. The loader patches the load size, offset and the two shifts
 * to the target's layout: load byte_size bytes at byte_offset into a u64,
 * shift the field to the top, then down (arithmetically if signed).
 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __bpfcore_bf_dst(val, sz) ((void *)&(val))
#else
#define __bpfcore_bf_dst(val, sz) ((void *)((char *)&(val) + 8 - (sz)))
#endif

#define __bpfcore_bf_shift(val, s, field) ({ \
	(val) <<= __builtin_preserve_field_info((s)->field, BPF_FIELD_LSHIFT_U64); \
	__builtin_preserve_field_info((s)->field, BPF_FIELD_SIGNED) ? \
		(unsigned long long)((long long)(val) >> \
			__builtin_preserve_field_info((s)->field, BPF_FIELD_RSHIFT_U64)) : \
		(val) >> __builtin_preserve_field_info((s)->field, BPF_FIELD_RSHIFT_U64); })

/* Value of bitfield s->field read with a probe read (kprobes, tracepoints). */
#define BPF_CORE_READ_BITFIELD_PROBED(s, field) ({ \
	unsigned long long __bc_bf = 0; \
	unsigned int __bc_sz = __builtin_preserve_field_info((s)->field, BPF_FIELD_BYTE_SIZE); \
	bpf_probe_read_kernel(__bpfcore_bf_dst(__bc_bf, __bc_sz), __bc_sz, \
			      (const char *)(s) + \
			      __builtin_preserve_field_info((s)->field, BPF_FIELD_BYTE_OFFSET)); \
	__bpfcore_bf_shift(__bc_bf, s, field); })

/* Value of bitfield s->field read directly (BTF-typed pointers: tp_btf, fentry, iter). */
#define BPF_CORE_READ_BITFIELD(s, field) ({ \
	const void *__bc_p = (const char *)(s) + \
		__builtin_preserve_field_info((s)->field, BPF_FIELD_BYTE_OFFSET); \
	unsigned long long __bc_bf; \
	switch (__builtin_preserve_field_info((s)->field, BPF_FIELD_BYTE_SIZE)) { \
	case 1: __bc_bf = *(const unsigned char *)__bc_p; break; \
	case 2: __bc_bf = *(const unsigned short *)__bc_p; break; \
	case 4: __bc_bf = *(const unsigned int *)__bc_p; break; \
	case 8: __bc_bf = *(const unsigned long long *)__bc_p; break; \
	default: __bc_bf = 0; break; \
	} \
	__bpfcore_bf_shift(__bc_bf, s, field); })

/*
 * __CORE_RELO(s, field, KIND): libbpf's name for the field relocation of
 * s->field (KIND is BYTE_OFFSET, BYTE_SIZE, LSHIFT_U64, ...), which some
 * programs use directly; __CORE_BITFIELD_PROBE_READ(dst, s, field) probe
 * reads the bytes holding the bitfield into the u64 at dst, unshifted.
 */
#define __CORE_RELO(s, field, kind) __builtin_preserve_field_info((s)->field, BPF_FIELD_##kind)
#define __CORE_BITFIELD_PROBE_READ(dst, s, field) \
	bpf_probe_read_kernel(__bpfcore_bf_dst(*(dst), __CORE_RELO(s, field, BYTE_SIZE)), \
			      __CORE_RELO(s, field, BYTE_SIZE), \
			      (const char *)(s) + __CORE_RELO(s, field, BYTE_OFFSET))

/*
 * Store new_val into bitfield s->field of a writable BTF-typed object:
 * load its storage unit, replace the field's bits, store the unit back.
 * After a load, the field is bits [rshift - lshift, 64 - lshift) of the
 * unit (what the read side's shifts say).
 */
#define BPF_CORE_WRITE_BITFIELD(s, field, new_val) ({ \
	void *__bc_p = (char *)(s) + __CORE_RELO(s, field, BYTE_OFFSET); \
	unsigned int __bc_sz = __CORE_RELO(s, field, BYTE_SIZE); \
	unsigned int __bc_l = __CORE_RELO(s, field, LSHIFT_U64); \
	unsigned int __bc_r = __CORE_RELO(s, field, RSHIFT_U64); \
	unsigned long long __bc_m = (~0ULL << __bc_r) >> __bc_l; \
	unsigned long long __bc_v = 0, __bc_n = (new_val); \
	asm volatile("" : "+r"(__bc_p)); \
	switch (__bc_sz) { \
	case 1: __bc_v = *(unsigned char *)__bc_p; break; \
	case 2: __bc_v = *(unsigned short *)__bc_p; break; \
	case 4: __bc_v = *(unsigned int *)__bc_p; break; \
	case 8: __bc_v = *(unsigned long long *)__bc_p; break; \
	} \
	__bc_v = (__bc_v & ~__bc_m) | ((__bc_n << (__bc_r - __bc_l)) & __bc_m); \
	switch (__bc_sz) { \
	case 1: *(unsigned char *)__bc_p = __bc_v; break; \
	case 2: *(unsigned short *)__bc_p = __bc_v; break; \
	case 4: *(unsigned int *)__bc_p = __bc_v; break; \
	case 8: *(unsigned long long *)__bc_p = __bc_v; break; \
	} })

/*
 * bpf_core_cast(ptr, type): ptr as a BTF-typed pointer to the kernel's type,
 * readable directly (through the bpf_rdonly_cast kfunc, kernel 6.2+).
 */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id)
	__attribute__((section(".ksyms"))) __attribute__((weak));
#define bpf_core_cast(ptr, type) \
	((__typeof__(type) *)bpf_rdonly_cast((ptr), bpf_core_type_id_kernel(type)))

#endif /* __BPF_CORE_READ_H__ */
