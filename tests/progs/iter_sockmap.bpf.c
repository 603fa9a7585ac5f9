// SPDX-License-Identifier: BSD-2-Clause
/*
 * For iter.bats: an iterator over the elements of a sockmap given at attach
 * time ("iter pin ... map MAP"), printing "key K" per socket and "end" when
 * the walk is over (the kernel's last call, without an element).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* the kernel's types the iterator sees, relocated by CO-RE */
struct seq_file;
struct sock;
struct bpf_iter_meta {
	struct seq_file *seq;
} __attribute__((preserve_access_index));
struct bpf_iter__sockmap {
	struct bpf_iter_meta *meta;
	void *key;
	struct sock *sk;
} __attribute__((preserve_access_index));

SEC("iter/sockmap")
int iter_sockmap(struct bpf_iter__sockmap *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	__u32 *key = ctx->key;

	if (!key)
		BPF_SEQ_PRINTF(seq, "end\n");
	else if (ctx->sk)
		BPF_SEQ_PRINTF(seq, "key %u\n", *key);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
