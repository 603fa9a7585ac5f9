// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog load" tests: several program types, sub-programs (static and
 * global, in .text), a callback (bpf_loop), global data in every section
 * kind, kconfig externs, and maps read back after a run. Each program
 * returns a value the test knows; the XDP one also records what it saw
 * in .bss.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 6);
	__type(key, __u32);
	__type(value, __u64);
} results SEC(".maps");

/* .data, .rodata, .bss and custom sections */
__u64 data_val = 40;
const volatile __u64 rodata_val = 2;
__u64 bss_seen;
__u64 bss_loops;
__u64 custom_data SEC(".data.custom") = 7;
const volatile __u32 custom_rodata SEC(".rodata.custom") = 5;
static __u64 static_counter;

extern __u32 LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_BPFCTL_TEST_MISSING __kconfig __weak;
extern _Bool CONFIG_BPF_SYSCALL __kconfig;
extern int CONFIG_HZ __kconfig;

static __noinline __u64 add_static(__u64 a, __u64 b)
{
	return a + b;
}

__noinline int add_global(int a)
{
	return a + 1;
}

static int loop_cb(__u32 idx, void *ctx)
{
	__u64 *sum = ctx;

	*sum += idx;
	return 0;
}

static void record(__u32 slot, __u64 val)
{
	bpf_map_update_elem(&results, &slot, &val, BPF_ANY);
}

SEC("xdp")
int xdp_globals(struct xdp_md *ctx)
{
	__u64 sum = 0;

	(void)ctx;
	bpf_loop(5, loop_cb, &sum, 0);	/* 0+1+2+3+4 */
	bss_loops = sum;
	bss_seen = add_static(data_val, rodata_val);	/* 42 */
	static_counter++;
	record(0, bss_seen);
	record(1, custom_data + custom_rodata);		/* 12 */
	record(2, LINUX_KERNEL_VERSION != 0);
	record(3, CONFIG_BPFCTL_TEST_MISSING);		/* weak, unset: 0 */
	record(4, CONFIG_BPF_SYSCALL);			/* y: 1 */
	record(5, CONFIG_HZ);
	return XDP_PASS;
}

SEC("socket")
int sock_add(struct __sk_buff *skb)
{
	(void)skb;
	return add_global(41) + (int)add_static(0, 0);	/* 42 */
}

SEC("tc")
int tc_add(struct __sk_buff *skb)
{
	(void)skb;
	return add_global((int)custom_rodata);	/* 6 */
}

/* Two programs in one section. */
SEC("tc")
int tc_second(struct __sk_buff *skb)
{
	(void)skb;
	return (int)rodata_val;	/* 2 */
}
