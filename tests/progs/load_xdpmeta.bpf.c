// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog load ... xdpmeta_dev": an XDP program reading the receive
 * metadata kfuncs, which a program bound to a device (veth implements
 * them) calls in the driver's implementation. An array map comes with it,
 * so that offload_dev also has a map to bind.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* kernel-internal (include/net/xdp.h): only its size matters here */
enum xdp_rss_hash_type { XDP_RSS_TYPE_NONE = 0 };

extern int bpf_xdp_metadata_rx_timestamp(const struct xdp_md *ctx, __u64 *timestamp) __ksym;
extern int bpf_xdp_metadata_rx_hash(const struct xdp_md *ctx, __u32 *hash,
				    enum xdp_rss_hash_type *rss_type) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} xdpmeta_seen SEC(".maps");

SEC("xdp")
int xdpmeta_rx(struct xdp_md *ctx)
{
	enum xdp_rss_hash_type rss_type;
	__u32 key = 0, hash;
	__u64 ts, *slot;

	slot = bpf_map_lookup_elem(&xdpmeta_seen, &key);
	if (slot && !bpf_xdp_metadata_rx_timestamp(ctx, &ts))
		*slot = ts;
	key = 1;
	slot = bpf_map_lookup_elem(&xdpmeta_seen, &key);
	if (slot && !bpf_xdp_metadata_rx_hash(ctx, &hash, &rss_type))
		*slot = hash;
	return XDP_PASS;
}
