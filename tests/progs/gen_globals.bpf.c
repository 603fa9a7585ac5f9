// SPDX-License-Identifier: BSD-2-Clause
/*
 * Globals of every kind a skeleton types: .rodata set before load, .data
 * with initial values, .bss read after a run, custom .data.* / .rodata.*
 * sections (one whose name needs sanitising), padding between variables,
 * a static variable the skeleton must leave out, a map, an XDP program
 * run by BPF_PROG_TEST_RUN and a tracepoint program for __attach().
 * Needs only the UAPI headers.
 */
#include <linux/types.h>
#include <linux/bpf.h>

#include "gen_types.h"

#define SEC(name) __attribute__((section(name), used))

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)BPF_FUNC_map_lookup_elem;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)BPF_FUNC_get_current_pid_tgid;

struct {
	int (*type)[BPF_MAP_TYPE_ARRAY];
	int (*max_entries)[2];
	__u32 *key;
	__u64 *value;
} gen_counts SEC(".maps");

const volatile __u32 add_by = 1;
const volatile struct gen_cfg cfg = { .scale = 2, .tag = "ab", .mask = 0xff };
const volatile __u32 watch_tgid;

__u32 base = 1000;
char marker = 'm';
__u64 big = 7;			/* padding before it: 8-byte alignment after a char */

__u64 runs;
__u64 last_result;
char last_byte;
__u32 getpid_calls;

char custom_text[6] SEC(".data.my-sec") = "hello";
const volatile __u16 custom_ro[2] SEC(".rodata.consts") = { 11, 22 };

static __u64 hidden;

SEC("xdp")
int gen_run(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	__u32 key = 0;
	__u64 *cnt = bpf_map_lookup_elem(&gen_counts, &key);

	if (cnt)
		__sync_fetch_and_add(cnt, add_by);
	runs++;
	hidden += runs;
	if (data + 1 <= end)
		last_byte = data[0];
	last_result = (base + add_by) * cfg.scale + cfg.mask + custom_ro[1] + custom_text[0] +
		      big + hidden - hidden;
	return XDP_PASS;
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int gen_on_getpid(void *ctx)
{
	if ((bpf_get_current_pid_tgid() >> 32) == watch_tgid)
		__sync_fetch_and_add(&getpid_calls, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
