// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog load" bad input, one program chosen by -D: a section no program
 * type matches (UNKNOWN_SEC), a call to a function defined nowhere
 * (MISSING_SYM), or code the verifier rejects (REJECT: reads the packet
 * without a bounds check).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#ifdef UNKNOWN_SEC
SEC("bpfctl_unknown/x")
int unknown_sec(struct __sk_buff *skb)
{
	(void)skb;
	return 3;
}
#endif

#ifdef MISSING_SYM
int defined_nowhere(int x);

SEC("socket")
int missing_sym(struct __sk_buff *skb)
{
	return defined_nowhere(skb->len);
}
#endif

#ifdef REJECT
SEC("xdp")
int reject_unchecked(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;

	return data[20];	/* no check against data_end */
}
#endif
