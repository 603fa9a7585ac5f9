// SPDX-License-Identifier: BSD-2-Clause
/*
 * Type zoo for the BTF tests: every kind of type clang emits into .BTF,
 * reached from globals so that all of them survive into the object.
 * Needs only the UAPI headers, no vmlinux.h and no helper headers.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __tag(x) __attribute__((btf_decl_tag(x)))
#define __user_ptr __attribute__((btf_type_tag("user")))
#define __rcu_ptr __attribute__((btf_type_tag("rcu")))

/* bitfields, including ones straddling a storage unit and a zero-width one */
struct flags {
	unsigned int a : 1;
	unsigned int b : 3;
	int c : 5;
	unsigned long long wide : 40;
	unsigned short : 0;
	unsigned char tail : 7;
	__u16 after;
};

struct packed_hdr {
	__u8 kind;
	__u32 len;
	__u16 port;
} __attribute__((packed));

struct aligned_blob {
	char c;
	__u64 v __attribute__((aligned(16)));
};

union value {
	__u64 u64;
	__s32 s32[2];
	char bytes[8];
	struct {
		__u32 lo;
		__u32 hi;
	} halves;
	unsigned int bits : 12;
};

/* anonymous nested structs and unions */
struct nested {
	int id;
	union {
		struct {
			__u16 major;
			__u16 minor;
		};
		__u32 version;
	};
	struct {
		union {
			void *ptr;
			unsigned long addr;
		};
		int refs[4];
	} inner;
	char name[16];
	int data[];
};

enum color { RED = 1, GREEN = 2, BLUE = 4, NEGATIVE = -3 };
enum small { SMALL_A, SMALL_B = 200 } __attribute__((packed));
enum big { BIG_ZERO = 0, BIG_HIGH = 0x100000000ULL, BIG_TOP = 0xfffffffffff0ULL };
enum { ANON_ONE = 1, ANON_TWO };

/* typedef chains and qualifiers */
typedef __u32 u32_t;
typedef u32_t handle_t;
typedef handle_t *handle_ptr_t;
typedef const volatile handle_t cv_handle_t;
typedef struct flags flags_t;
typedef union value value_t;
typedef enum color color_t;

/* function pointers, with a pointer to function returning function pointer */
typedef int (*cmp_fn)(const void *a, const void *b);
typedef void (*handler_fn)(int sig, union value *v);
typedef handler_fn (*lookup_fn)(const char *name, cmp_fn cmp);
typedef int (*vararg_fn)(const char *fmt, ...);

struct forward_only;
union forward_union;

struct ops {
	cmp_fn cmp;
	handler_fn handlers[3];
	lookup_fn lookup;
	vararg_fn log;
	int (*inline_fn)(struct ops *self, long arg);
	struct forward_only *opaque;
	union forward_union *opaque_u;
	const char *names[4];
	struct nested *table[2][3];
	volatile int *const cvp;
	char *restrict rp;
	_Bool enabled;
	float ratio;
	double scale;
	__int128 huge;
	unsigned __int128 uhuge;
	long double ld;
};

struct self_ref {
	struct self_ref *next;
	struct self_ref *prev;
	int key __tag("key_field");
};

struct tagged {
	int __user_ptr *uptr;
	struct self_ref __rcu_ptr *rcu_list;
	char __user_ptr __rcu_ptr *both;
} __tag("tagged_struct");

/* globals: .data, .bss, .rodata; each makes a VAR inside a DATASEC */
struct flags g_flags = { .a = 1, .b = 5, .c = -3, .wide = 0x123456789ULL };
struct packed_hdr g_hdr;
struct aligned_blob g_blob;
union value g_value = { .u64 = 42 };
struct nested g_nested;
struct ops g_ops;
struct self_ref g_list;
struct tagged g_tagged;
enum color g_color = BLUE;
enum small g_small;
enum big g_big = BIG_HIGH;
handle_t g_handle;
handle_ptr_t g_handle_ptr;
cv_handle_t g_cv_handle;
flags_t g_flags_t;
value_t g_value_t;
color_t g_color_t;
int g_matrix[3][4][5];
const volatile int g_config = 7;
const char g_banner[] = "bpfctl";
volatile __u64 g_counter __tag("counter");
static int g_static_counter;

/* BTF-defined maps */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, struct packed_hdr);
	__type(value, struct flags);
} hash_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, union value);
	__uint(map_flags, BPF_F_MMAPABLE);
} array_map SEC(".maps");

struct inner_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, int);
} inner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, int);
	__array(values, struct inner_map);
} outer SEC(".maps") = {
	.values = { [0] = &inner },
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

char LICENSE[] SEC("license") = "Dual BSD/GPL";

static __attribute__((noinline)) int sum_refs(struct nested *n __tag("arg_tag"), int count)
{
	int i, total = 0;

	for (i = 0; i < 4 && i < count; i++)
		total += n->inner.refs[i];
	return total;
}

__attribute__((noinline)) __tag("global_func") int global_step(union value *v, enum small s)
{
	return v ? (int)v->s32[0] + s : -1;
}

SEC("xdp")
int xdp_prog(struct xdp_md *ctx)
{
	g_counter++;
	g_static_counter += g_config;
	return sum_refs(&g_nested, ctx->ingress_ifindex) + global_step(&g_value, g_small) ? XDP_PASS : XDP_DROP;
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int tp_prog(void *ctx)
{
	g_flags.b = g_hdr.kind;
	g_ops.enabled = g_color == RED;
	return g_big == BIG_TOP;
}
