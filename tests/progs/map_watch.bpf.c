// SPDX-License-Identifier: BSD-2-Clause
/*
 * Maps of the map watch tests: a BTF-typed hash (struct key, struct value)
 * and a per-CPU hash, with one tracepoint program that uses both so that
 * loading the object creates them. Needs only the UAPI headers.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)BPF_FUNC_map_lookup_elem;

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct conn {
	__u32 addr;
	__u16 port;
	__u16 proto;
};

struct usage {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct conn);
	__type(value, struct usage);
} conns SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int on_getppid(void *ctx)
{
	struct conn c = {};
	__u32 k = 0;
	struct usage *u = bpf_map_lookup_elem(&conns, &c);
	__u64 *h = bpf_map_lookup_elem(&hits, &k);

	if (u)
		u->packets++;
	if (h)
		(*h)++;
	return 0;
}
