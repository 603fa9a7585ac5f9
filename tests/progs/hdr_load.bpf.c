// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_helpers.h and bpf_endian.h against the UAPI headers alone (no
 * vmlinux.h), loaded and run by bpf_headers.bats: an XDP program that
 * prints a marker from the packet with bpf_printk (bpf_trace_printk and,
 * past 3 arguments, bpf_trace_vprintk), formats it with BPF_SNPRINTF,
 * counts itself in an array map, tail-calls an empty prog array slot,
 * reads __kconfig externs into .bss and returns a verdict chosen by the
 * packet's EtherType through the byte order macros.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
_Static_assert(__bpf_constant_htons(0x1234) == 0x3412, "htons folds to a swap");
_Static_assert(__bpf_constant_ntohl(0x12345678) == 0x78563412, "ntohl folds to a swap");
_Static_assert(__bpf_constant_cpu_to_be64(0x0102030405060708ULL) == 0x0807060504030201ULL,
	       "cpu_to_be64 folds to a swap");
#else
_Static_assert(__bpf_constant_htons(0x1234) == 0x1234, "htons is the identity");
#endif
_Static_assert(KERNEL_VERSION(5, 10, 300) == 0x050aff, "KERNEL_VERSION saturates");

extern int LINUX_KERNEL_VERSION __kconfig;
extern enum libbpf_tristate CONFIG_BPF_SYSCALL __kconfig;
extern _Bool CONFIG_BPF_JIT __kconfig __weak;
extern int CONFIG_HZ __kconfig __weak;
extern char CONFIG_DEFAULT_HOSTNAME[16] __kconfig __weak;
extern int CONFIG_BPFCTL_HDR_MISSING __kconfig __weak;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jumps SEC(".maps");

struct hdr_pair {
	__u32 first;
	__u64 second;
};

int kver, hz, bpf_syscall, jit, missing, container_ok;
char hostname[16];
char text[48];
__u32 marker;
__u64 be64;

static __noinline int pair_check(__u64 *second)
{
	struct hdr_pair *p = container_of(second, struct hdr_pair, second);

	return p->first == 7 && offsetof(struct hdr_pair, second) == 8;
}

SEC("xdp")
int hdr_load(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct hdr_pair pair = { .first = 7, .second = 9 };
	__u32 key = 0, raw;
	__u64 *count;

	if (data + sizeof(*eth) + sizeof(raw) > end)
		return XDP_ABORTED;
	__builtin_memcpy(&raw, data + sizeof(*eth), sizeof(raw));
	marker = bpf_ntohl(raw);
	be64 = bpf_cpu_to_be64((__u64)marker);
	bpf_printk("hdr_load %x", marker);
	bpf_printk("hdr_load %x vprintk %d %d %d %d", marker, 1, 2, 3, 4);
	BPF_SNPRINTF(text, sizeof(text), "marker %x hz %d", marker, CONFIG_HZ);

	kver = LINUX_KERNEL_VERSION;
	hz = CONFIG_HZ;
	bpf_syscall = CONFIG_BPF_SYSCALL;
	jit = CONFIG_BPF_JIT;
	missing = CONFIG_BPFCTL_HDR_MISSING;
	__builtin_memcpy(hostname, CONFIG_DEFAULT_HOSTNAME, sizeof(hostname));
	barrier_var(pair.second);
	container_ok = pair_check(&pair.second);

	count = bpf_map_lookup_elem(&hits, &key);
	if (likely(count))
		__sync_fetch_and_add(count, 1);
	barrier();

	/* slot 0 is empty: the call falls through */
	bpf_tail_call_static(ctx, &jumps, 0);

	switch (eth->h_proto) {
	case __bpf_constant_htons(ETH_P_IP):
		return bpf_ntohs(eth->h_proto) == ETH_P_IP ? XDP_PASS : XDP_ABORTED;
	case __bpf_constant_htons(ETH_P_IPV6):
		return XDP_DROP;
	}
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
