// SPDX-License-Identifier: BSD-2-Clause
/*
 * The map of the map-dump bench: a BTF-typed hash of 1,000,000 entries,
 * 8-byte keys and 16-byte values. Needs only the UAPI headers.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)BPF_FUNC_map_lookup_elem;

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct counters {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1000000);
	__type(key, __u64);
	__type(value, struct counters);
} big SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getpid")
int touch(void *ctx)
{
	__u64 k = 0;
	struct counters *c = bpf_map_lookup_elem(&big, &k);

	if (c)
		c->packets++;
	return 0;
}
