/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BPF-side definitions for programs loaded by bpfcore (or libbpf): the
 * section and attribute macros the loader understands, the BTF-defined
 * map syntax, printk-style helpers and a few compiler helpers. Include it
 * after the kernel's types (vmlinux.h, or linux/bpf.h and linux/types.h).
 *
 * The helper functions themselves are declared in bpf_helper_defs.h,
 * generated at build time from the UAPI linux/bpf.h.
 */
#ifndef __BPF_HELPERS__
#define __BPF_HELPERS__

/*
 * Installed, bpf_helper_defs.h sits next to this file; in the build tree
 * it is generated into $(BUILD)/include/bpf/, reached through -I$(BUILD)/include.
 */
#if __has_include("bpf_helper_defs.h")
#include "bpf_helper_defs.h"
#else
#include <bpf/bpf_helper_defs.h>
#endif

/* ---- preprocessor plumbing (also used by bpf_tracing.h) ---- */

#define ___bpf_concat(a, b) a ## b
#define ___bpf_apply(fn, n) ___bpf_concat(fn, n)
/* The 13th argument: ___bpf_narg(...) counts 0 to 12 arguments. */
#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _a, _b, _c, N, ...) N
#define ___bpf_narg(...) \
	___bpf_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)

/* ---- sections, linkage and attributes ---- */

/*
 * SEC(name): put a program, map or variable into ELF section name; the
 * loader infers a program's type and attach point from it ("xdp",
 * "kprobe/do_unlinkat", "tc", ...). "used" keeps clang from dropping
 * objects nothing in the program references, such as LICENSE:
 *	char LICENSE[] SEC("license") = "GPL";
 */
#define SEC(name) __attribute__((section(name), used))

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
/* A global function the verifier checks on its own but that is not exported. */
#ifndef __hidden
#define __hidden __attribute__((visibility("hidden")))
#endif

/* Extern resolved against kernel BTF (a variable or a kfunc). */
#define __ksym __attribute__((section(".ksyms")))
/* Extern filled by the loader: CONFIG_* values and LINUX_KERNEL_VERSION. */
#define __kconfig __attribute__((section(".kconfig")))

/* Pointer fields of map values that hold kernel objects (BTF type tags). */
#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))
#define __kptr __attribute__((btf_type_tag("kptr")))
#define __percpu_kptr __attribute__((btf_type_tag("percpu_kptr")))
/* A map value field pointing to user memory, pinned by the kernel. */
#define __uptr __attribute__((btf_type_tag("uptr")))

/* Arguments of global functions, as the verifier should check them. */
#define __arg_ctx __attribute__((btf_decl_tag("arg:ctx")))
#define __arg_nonnull __attribute__((btf_decl_tag("arg:nonnull")))
#define __arg_nullable __attribute__((btf_decl_tag("arg:nullable")))
#define __arg_trusted __attribute__((btf_decl_tag("arg:trusted")))
#define __arg_untrusted __attribute__((btf_decl_tag("arg:untrusted")))
#define __arg_arena __attribute__((btf_decl_tag("arg:arena")))

/* Graph roots (bpf_list_head, bpf_rb_root): the node type they link. */
#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))

/* ---- BTF-defined maps ---- */

/*
 * Map attributes are encoded in the types of the members of a struct in
 * SEC(".maps"), which clang records in BTF:
 *	struct {
 *		__uint(type, BPF_MAP_TYPE_HASH);
 *		__uint(max_entries, 64);
 *		__type(key, __u32);
 *		__type(value, struct flow);
 *	} flows SEC(".maps");
 * __uint: a number, as the size of an array pointed to;
 * __type: a type, as the pointed-to type;
 * __array: the values of map-in-map or prog arrays, with initial slots;
 * __ulong: a number that may not fit 32 bits, as an enumerator (map_extra).
 */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
#define __ulong(name, val) enum { ___bpf_apply(__bpf_ulong_, __COUNTER__) = val } name

/* Values of a map's "pinning" attribute. */
enum libbpf_pin_type {
	LIBBPF_PIN_NONE,
	/* pinned under the pin root path (/sys/fs/bpf by default) by its name */
	LIBBPF_PIN_BY_NAME,
};

/* Type of a tristate __kconfig extern (CONFIG_X=n/y/m). */
enum libbpf_tristate {
	TRI_NO = 0,
	TRI_YES = 1,
	TRI_MODULE = 2,
};

/* ---- compiler helpers ---- */

#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#ifndef container_of
#define container_of(ptr, type, member) ({ \
	void *__bpf_mptr = (void *)(ptr); \
	((type *)(__bpf_mptr - offsetof(type, member))); })
#endif

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

/* Compiler barrier: no memory access moves across it. */
#ifndef barrier
#define barrier() asm volatile("" ::: "memory")
#endif
/*
 * The compiler forgets what it knows about var (range, constness), e.g.
 * to keep a bounds check it would otherwise merge or drop.
 */
#ifndef barrier_var
#define barrier_var(var) asm volatile("" : "+r"(var))
#endif

/* A path the compiler must prove unreachable (left in, the build fails). */
#ifndef __bpf_unreachable
#define __bpf_unreachable() __builtin_trap()
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif

#ifndef KERNEL_VERSION
/* LINUX_VERSION_CODE encoding; the sub-level saturates at 255. */
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#endif

/*
 * Whether a __weak __ksym extern was found in the kernel (non-NULL
 * address). A non-weak one always exists, so asking is a mistake.
 */
#define bpf_ksym_exists(sym) ({ \
	_Static_assert(!__builtin_constant_p(!!sym), #sym " must be declared __weak"); \
	!!sym; })

/*
 * bpf_tail_call() with a constant slot, emitted as a bare call to helper
 * 12 with the arguments in r1-r3, so that the verifier sees the constant
 * index and the JIT can patch a direct jump.
 */
#if __clang_major__ >= 8 && defined(__bpf__)
static __always_inline void bpf_tail_call_static(void *ctx, const void *map, const __u32 slot)
{
	if (!__builtin_constant_p(slot))
		__bpf_unreachable();
	asm volatile("r1 = %[ctx]\n\t"
		     "r2 = %[map]\n\t"
		     "r3 = %[slot]\n\t"
		     "call 12"
		     :: [ctx]"r"(ctx), [map]"r"(map), [slot]"i"(slot)
		     : "r0", "r1", "r2", "r3", "r4", "r5");
}
#endif

/* ---- formatted output ---- */

/*
 * The format string of bpf_printk and friends: a read-only global (in
 * .rodata, so the verifier knows it is constant), or on the stack for
 * programs built with BPF_NO_GLOBAL_DATA for kernels without global data.
 */
#ifdef BPF_NO_GLOBAL_DATA
#define BPF_PRINTK_FMT_MOD
#else
#define BPF_PRINTK_FMT_MOD static const
#endif

/*
 * __bpf_fill(a, args...): a[i] = the i-th argument, widened to u64 (what
 * bpf_trace_vprintk, bpf_seq_printf and bpf_snprintf take). Each step
 * stores one argument at n (the count) minus the number left.
 */
#define __bpf_fill0(a, n, ...)
#define __bpf_fill1(a, n, x) a[n - 1] = (unsigned long long)(x);
#define __bpf_fill2(a, n, x, ...) a[n - 2] = (unsigned long long)(x); __bpf_fill1(a, n, __VA_ARGS__)
#define __bpf_fill3(a, n, x, ...) a[n - 3] = (unsigned long long)(x); __bpf_fill2(a, n, __VA_ARGS__)
#define __bpf_fill4(a, n, x, ...) a[n - 4] = (unsigned long long)(x); __bpf_fill3(a, n, __VA_ARGS__)
#define __bpf_fill5(a, n, x, ...) a[n - 5] = (unsigned long long)(x); __bpf_fill4(a, n, __VA_ARGS__)
#define __bpf_fill6(a, n, x, ...) a[n - 6] = (unsigned long long)(x); __bpf_fill5(a, n, __VA_ARGS__)
#define __bpf_fill7(a, n, x, ...) a[n - 7] = (unsigned long long)(x); __bpf_fill6(a, n, __VA_ARGS__)
#define __bpf_fill8(a, n, x, ...) a[n - 8] = (unsigned long long)(x); __bpf_fill7(a, n, __VA_ARGS__)
#define __bpf_fill9(a, n, x, ...) a[n - 9] = (unsigned long long)(x); __bpf_fill8(a, n, __VA_ARGS__)
#define __bpf_fill10(a, n, x, ...) a[n - 10] = (unsigned long long)(x); \
	__bpf_fill9(a, n, __VA_ARGS__)
#define __bpf_fill11(a, n, x, ...) a[n - 11] = (unsigned long long)(x); \
	__bpf_fill10(a, n, __VA_ARGS__)
#define __bpf_fill12(a, n, x, ...) a[n - 12] = (unsigned long long)(x); \
	__bpf_fill11(a, n, __VA_ARGS__)
#define __bpf_fill(a, ...) \
	___bpf_apply(__bpf_fill, ___bpf_narg(__VA_ARGS__))(a, ___bpf_narg(__VA_ARGS__), \
							   ##__VA_ARGS__)

/* bpf_trace_printk: the format and at most 3 arguments, in registers. */
#define __bpf_printk(fmt, ...) ({ \
	BPF_PRINTK_FMT_MOD char ____fmt[] = fmt; \
	bpf_trace_printk(____fmt, sizeof(____fmt), ##__VA_ARGS__); })

/* bpf_trace_vprintk (kernel 5.16+): up to 12 arguments, as an array. */
#define __bpf_vprintk(fmt, args...) ({ \
	BPF_PRINTK_FMT_MOD char ____fmt[] = fmt; \
	unsigned long long ____param[___bpf_narg(args)]; \
	__bpf_fill(____param, ##args) \
	bpf_trace_vprintk(____fmt, sizeof(____fmt), ____param, sizeof(____param)); })

/* 0 to 3 arguments: bpf_trace_printk, which every kernel has; 4 to 12: vprintk. */
#define __bpf_pick_printk(...) \
	___bpf_nth(_, ##__VA_ARGS__, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, \
		   __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, \
		   __bpf_vprintk, __bpf_vprintk, __bpf_printk, __bpf_printk, \
		   __bpf_printk, __bpf_printk)

/* libbpf's internal names for the two pieces above, which some programs use */
#define ___bpf_pick_printk __bpf_pick_printk
#define ___bpf_fill __bpf_fill

/*
 * bpf_printk(fmt, args...): a line in the trace pipe
 * (/sys/kernel/tracing/trace_pipe); fmt must be a string literal.
 */
#define bpf_printk(fmt, args...) __bpf_pick_printk(args)(fmt, ##args)

/* bpf_seq_printf from a BPF iterator program: fmt must be a string literal. */
#define BPF_SEQ_PRINTF(seq, fmt, args...) ({ \
	static const char ____fmt[] = fmt; \
	unsigned long long ____param[___bpf_narg(args)]; \
	__bpf_fill(____param, ##args) \
	bpf_seq_printf(seq, ____fmt, sizeof(____fmt), ____param, sizeof(____param)); })

/*
 * bpf_snprintf into out (out_size bytes): the length the whole string
 * needs, including its NUL, or a negative error.
 */
#define BPF_SNPRINTF(out, out_size, fmt, args...) ({ \
	static const char ____fmt[] = fmt; \
	unsigned long long ____param[___bpf_narg(args)]; \
	__bpf_fill(____param, ##args) \
	bpf_snprintf(out, out_size, ____fmt, ____param, sizeof(____param)); })

/*
 * bpf_stream_printk(stream_id, fmt, args...): a line in the program's
 * BPF stream (BPF_STDOUT or BPF_STDERR, kernel 6.17+), read back with
 * bpf_prog_stream_read(); bpf_stream_vprintk is the kernel's kfunc, which
 * vmlinux.h declares.
 */
#define bpf_stream_printk(stream_id, fmt, args...) ({ \
	static const char ____fmt[] = fmt; \
	unsigned long long ____param[___bpf_narg(args)]; \
	__bpf_fill(____param, ##args) \
	bpf_stream_vprintk(stream_id, ____fmt, ____param, sizeof(____param)); })

/* ---- open-coded number iterator (kfuncs, kernel 6.4+, needs vmlinux.h) ---- */

struct bpf_iter_num;
extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __weak __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __weak __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __weak __ksym;

#ifndef bpf_for_each
/*
 * bpf_for_each(type, cur, args...): cur takes each element the kfuncs
 * bpf_iter_<type>_new(&it, args...), _next() and _destroy() yield; the
 * iterator lives in the loop and is destroyed however the loop is left.
 * For numbers cur is an int *; bpf_for() gives the int with its range.
 */
#define bpf_for_each(type, cur, args...) for ( \
	struct bpf_iter_##type ___it __attribute__((aligned(8), \
						    cleanup(bpf_iter_##type##_destroy))), \
		*___p __attribute__((unused)) = \
			(bpf_iter_##type##_new(&___it, ##args), (void *)0); \
	(((cur) = bpf_iter_##type##_next(&___it))); )
#endif

/*
 * bpf_for(i, start, end): for i in [start, end), with i an int the
 * verifier knows to be in range. bpf_repeat(n): the body n times.
 */
#ifndef bpf_for
#define bpf_for(i, start, end) for ( \
	struct bpf_iter_num ___it __attribute__((aligned(8), cleanup(bpf_iter_num_destroy))), \
		*___p __attribute__((unused)) = \
			(bpf_iter_num_new(&___it, (start), (end)), (void *)0); \
	({ int *___t = bpf_iter_num_next(&___it); \
	   ___t && ((i) = *___t, (i) >= (start) && (i) < (end)); }); )
#endif

#ifndef bpf_repeat
#define bpf_repeat(n) for ( \
	struct bpf_iter_num ___it __attribute__((aligned(8), cleanup(bpf_iter_num_destroy))), \
		*___p __attribute__((unused)) = (bpf_iter_num_new(&___it, 0, (n)), (void *)0); \
	bpf_iter_num_next(&___it); )
#endif

#endif /* __BPF_HELPERS__ */
