// SPDX-License-Identifier: BSD-2-Clause
/*
 * Declarations that are hard to print back as C: ordering between mutually
 * dependent types, same names in different namespaces, declarators that
 * nest pointers, arrays and functions. Needs only the UAPI headers.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct, typedef and variable sharing one name */
typedef struct pair pair;
struct pair {
	int left;
	int right;
};

/* mutually dependent: b embeds a, a points to b */
struct node_b;
struct node_a {
	struct node_b *peer;
	int weight;
};
struct node_b {
	struct node_a a;
	struct node_a *many[2];
};

/* a struct and an enum nested in a struct definition */
struct outer {
	struct inner_def {
		int x;
	} in;
	enum inner_enum { INNER_ONE = 1, INNER_TWO } e;
	enum { ANON_IN_STRUCT = 7 } anon_e;
	union {
		struct inner_def alias;
		long raw;
	} u;
};

/* declarators: pointer to array, array of pointers to functions,
 * function returning pointer to array, pointer to pointer to const */
typedef int (*ptr_to_array)[10];
typedef int (*fn_array[4])(int);
typedef int (*(*fn_ret_array_ptr)(void))[3];
typedef const char *const *const_str_list;
typedef void (*(*signal_like)(int, void (*)(int)))(int);

struct declarators {
	ptr_to_array pa;
	fn_array fa;
	fn_ret_array_ptr fr;
	const_str_list names;
	signal_like sig;
	int (*inline_pa)[2][3];
	const volatile struct pair *const cvp;
	char (*grid)[8][8];
};

/* two anonymous structs with identical layouts stay distinct */
struct twins {
	struct {
		int a;
	} first;
	struct {
		int a;
	} second;
};

/* a bitfield-heavy struct with a layout that needs explicit padding */
struct hole_y {
	char c;
	long long l : 20;
	long long m : 44;
	short s;
	int : 3;
	int z : 29;
} __attribute__((aligned(8)));

pair g_pair;
struct node_b g_node;
struct outer g_outer;
struct declarators g_decl;
struct twins g_twins;
struct hole_y g_hole;

struct {
	int (*type)[BPF_MAP_TYPE_LRU_HASH];
	int (*max_entries)[32];
	pair *key;
	struct node_b *value;
} lru SEC(".maps");

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int socket_prog(struct __sk_buff *skb)
{
	return g_pair.left + g_node.a.weight + g_outer.e + skb->len;
}
