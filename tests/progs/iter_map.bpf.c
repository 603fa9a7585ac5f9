// SPDX-License-Identifier: BSD-2-Clause
/*
 * For iter.bats: a BPF map iterator printing "map ID NAME" for every map
 * of the system, among them the one the test created.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* the kernel's types the iterator sees, relocated by CO-RE */
struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
} __attribute__((preserve_access_index));
struct bpf_map {
	__u32 id;
	char name[16];
} __attribute__((preserve_access_index));
struct bpf_iter__bpf_map {
	struct bpf_iter_meta *meta;
	struct bpf_map *map;
} __attribute__((preserve_access_index));

SEC("iter/bpf_map")
int iter_map(struct bpf_iter__bpf_map *ctx)
{
	struct bpf_map *map = ctx->map;

	if (map)
		BPF_SEQ_PRINTF(ctx->meta->seq, "map %u %s\n", map->id, map->name);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
