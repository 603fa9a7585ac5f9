// SPDX-License-Identifier: BSD-2-Clause
/*
 * Values for the formatter tests: the demo map's struct flow and struct
 * stats exactly as in the bpftool reference output (initialised to the
 * reference's bytes), and scalars of every encoding clang emits, all in
 * .data so the test reads their bytes from the object.
 * Needs only the UAPI headers.
 */
#include <linux/types.h>

#define SEC(name) __attribute__((section(name), used))

enum color { RED = 1, GREEN = 2, BLUE = 4 };
struct flow { __u32 saddr; __u32 daddr; __u16 sport; __u16 dport; __u8 proto; };
struct stats {
	__u64 packets;
	__u64 bytes;
	enum color c;
	char tag[8];
	int flags : 3;
	int mode : 5;
	int arr[2];
};

struct scalars {
	_Bool on;
	char letter;
	signed char sc;
	unsigned char uc;
	short s;
	unsigned short us;
	int i;
	unsigned int u;
	long l;
	unsigned long ul;
	__int128 big;
	unsigned __int128 ubig;
	float f;
	double d;
	void *ptr;
	int (*fn)(int);
	enum color unknown;
	char name[6];
	unsigned char raw[3];
	const char cname[4];
	union {
		__u32 word;
		__u16 halves[2];
	};
	struct {
		unsigned int lo : 4;
		unsigned int hi : 28;
	} nib;
	int empty[0];
};

struct flow g_flow SEC(".data") = {
	.saddr = 0x0100000a, .daddr = 0x0200000a, .sport = 0x901f, .dport = 0x5000, .proto = 6,
};
struct stats g_stats SEC(".data") = {
	.packets = 1, .bytes = 64, .c = GREEN, .tag = "abc", .flags = 3, .mode = 1,
	.arr = { 5, 6 },
};
struct scalars g_scalars SEC(".data") = {
	.on = 1, .letter = 'x', .sc = -5, .uc = 250, .s = -300, .us = 60000, .i = -70000,
	.u = 4000000000u, .l = -5000000000l, .ul = 18000000000000000000ul,
	.big = -(__int128)1, .ubig = (unsigned __int128)1 << 100, .f = 0.5f, .d = -2.25,
	.ptr = (void *)0x1234, .fn = 0, .unknown = (enum color)9, .name = "bpf",
	.raw = { 1, 2, 3 }, .cname = "a\"b", .word = 0x00020001, .nib = { .lo = 9, .hi = 0xabcdef },
};

char LICENSE[] SEC("license") = "Dual BSD/GPL";
