// SPDX-License-Identifier: BSD-2-Clause
/*
 * Every BTF encoding clang emits for valid C that the kernel and libbpf
 * accept, for tests/bats/btf_encodings.bats: forward-declared enums (size 0,
 * vlen 0), empty structs and unions, flexible and zero-length arrays, odd
 * bitfields, enums of every size and signedness, every INT and FLOAT size,
 * qualifier chains, varargs, externs (.kconfig, .ksyms), every FUNC and VAR
 * linkage, decl and type tags. Needs only the UAPI headers.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __tag(x) __attribute__((btf_decl_tag(x)))
#define __ttag(x) __attribute__((btf_type_tag(x)))
#define __kconfig __attribute__((section(".kconfig")))
#define __ksym __attribute__((section(".ksyms")))
#define __weak __attribute__((weak))

/* used only through pointers: ENUM size 0 vlen 0, STRUCT/UNION as FWD */
enum later_defined;
enum never_defined;
struct opaque_s;
union opaque_u;

struct fwd_users {
	enum later_defined *later;
	enum never_defined *never;
	const enum later_defined *const_later;
	struct opaque_s *os;
	union opaque_u *ou;
};

enum later_defined { LATER_A = 1, LATER_B };

struct empty {};
union empty_u {};

struct with_empty {
	int a;
	struct empty e;
	union empty_u eu;
	int b;
};

struct flex {
	__u32 len;
	__u8 data[];
};

struct zero_len {
	__u64 head;
	char pad[0];
	__u32 words[0];
};

struct bits {
	unsigned int b1 : 1;
	unsigned int b2 : 2;
	signed int s3 : 3;
	unsigned int : 0;
	unsigned char c7 : 7;
	unsigned short w13 : 13;
	unsigned long long q33 : 33;
	signed long long q63 : 63;
	_Bool flag : 1;
	unsigned int : 5;
	unsigned int last : 31;
};

struct packed_bits {
	__u8 a;
	unsigned int b : 17;
	__u64 c;
	unsigned long long d : 47;
} __attribute__((packed));

struct packed_nested {
	char c;
	struct packed_bits inner;
	__u16 s;
} __attribute__((packed, aligned(2)));

union bits_u {
	unsigned int x : 9;
	unsigned long long y : 57;
	__u8 z;
};

enum e_u8 { E8_A = 0, E8_MAX = 255 } __attribute__((packed));
enum e_s8 { ES8_MIN = -128, ES8_MAX = 127 } __attribute__((packed));
enum e_u16 { E16_A = 256, E16_MAX = 65535 } __attribute__((packed));
enum e_s16 { ES16_MIN = -32768, ES16_A = 1 } __attribute__((packed));
enum e_u32 { EU32_HIGH = 0x80000000u, EU32_MAX = 0xffffffffu };
enum e_s32 { ES32_MIN = -2147483647 - 1, ES32_A = 0, ES32_MAX = 2147483647 };
enum e_u64 { EU64_A = 1, EU64_MAX = 0xffffffffffffffffull };
enum e_s64 { ES64_MIN = -9223372036854775807ll - 1, ES64_B = 0x100000000ll };
enum e_one { ONE_ONLY };
enum { ANON_ENUM_A = 7 };

typedef enum e_u64 e_u64_t;

struct numbers {
	_Bool b;
	char c;
	signed char sc;
	unsigned char uc;
	short s;
	unsigned short us;
	int i;
	unsigned int ui;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	__int128 i128;
	unsigned __int128 u128;
	float f;
	double d;
	long double ld;
	enum e_u8 eu8;
	enum e_s8 es8;
	enum e_u32 eu32;
	enum e_s32 es32;
	e_u64_t eu64;
	enum e_s64 es64;
	enum e_one one;
};

/* qualifier chains, in different orders */
typedef const volatile int cv_int;
typedef volatile const int vc_int;
typedef const int *const restrict *volatile cpcrpv;
typedef char *restrict const rc_char;
typedef const cv_int cv_again;

/* function pointers, varargs, function returning function pointer */
typedef int (*vfmt_fn)(const char *fmt, ...);
typedef void (*noargs_fn)(void);
typedef long (*many_fn)(int, const char *, struct flex *, enum later_defined *, ...);
typedef vfmt_fn (*get_fn)(noargs_fn cb, many_fn m);

struct callbacks {
	vfmt_fn fmt;
	noargs_fn none;
	many_fn many;
	get_fn get;
	int (*arr_fn[2])(void *, ...);
	void (*(*nested)(int))(long);
};

/* type tags on pointers, decl tags on structs, members, vars, funcs, params */
struct tagged {
	int __ttag("user") *u;
	const char __ttag("user") __ttag("percpu") *up;
	int member __tag("member_tag");
	int other __tag("a") __tag("b");
} __tag("struct_tag");

union tagged_u {
	int x __tag("ux");
	long y;
} __tag("union_tag");

typedef int tagged_int __tag("typedef_tag");

/* externs: .kconfig and .ksyms DATASECs of size 0, extern VARs and FUNCs */
extern int LINUX_KERNEL_VERSION __kconfig;
extern _Bool CONFIG_BPF_SYSCALL __kconfig __weak;
extern const void bpf_prog_active __ksym;
extern int bpf_iter_num_new(void *it, int start, int end) __ksym __weak;

/* globals in .bss, .data, .rodata and a custom section */
struct fwd_users g_fwd;
struct with_empty g_with_empty;
struct empty g_empty;
union empty_u g_empty_u;
struct flex g_flex;
struct zero_len g_zero_len;
struct bits g_bits = { .b1 = 1, .s3 = -2, .q63 = -5 };
struct packed_bits g_packed_bits;
struct packed_nested g_packed_nested;
union bits_u g_bits_u;
struct numbers g_numbers = { .eu32 = EU32_MAX, .es64 = ES64_MIN };
/*
 * Not members: libbpf's C dumper (and so bpftool's and ours) gives 2-byte
 * enums no mode attribute, so a struct holding one would change layout.
 */
enum e_u16 g_eu16;
enum e_s16 g_es16;
cpcrpv g_cpcrpv;
rc_char g_rc_char;
cv_int g_cv_int;
vc_int g_vc_int = 3;
cv_again g_cv_again;
const volatile __u64 g_rodata = 11;
struct callbacks g_callbacks;
struct tagged g_tagged;
union tagged_u g_tagged_u;
tagged_int g_tagged_int __tag("var_tag");
int g_array[0];
int g_matrix[2][0];
int g_custom SEC(".data.custom") = 1;
static volatile int g_static_var;
enum later_defined g_later = LATER_B;
enum { ANON_VAR_X = 3 } g_anon_enum;

char LICENSE[] SEC("license") = "Dual BSD/GPL";

static __attribute__((noinline)) int static_fn(struct flex *f __tag("param_tag"), int n)
{
	return f->len + n;
}

__attribute__((noinline)) __tag("global_tag") int global_fn(struct bits *b, long double *ld)
{
	return b ? b->b2 + (ld != 0) : 0;
}

SEC("xdp")
int xdp_encodings(struct xdp_md *ctx)
{
	g_static_var += LINUX_KERNEL_VERSION + CONFIG_BPF_SYSCALL;
	if (bpf_iter_num_new)
		g_static_var++;
	g_static_var += (long)&bpf_prog_active & 1;
	return static_fn(&g_flex, ctx->ingress_ifindex) + global_fn(&g_bits, 0) ? XDP_PASS : XDP_DROP;
}
