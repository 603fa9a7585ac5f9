// SPDX-License-Identifier: BSD-2-Clause
/*
 * uprobe.multi, uretprobe.multi and uprobe.session programs on the
 * functions uprobe_multi_target_fn_a/b/c(id) of the test's target binary,
 * which return id + 100 (a: 0, b: 1, c: 2). counts[] holds per function
 * the entries, returns, session entries and returns, and the cookies seen.
 * uprobe_multi_target.h, written by the test, defines the binary's path
 * (UMULTI_BINARY) and the target architecture; uprobe_multi_auto.bpf.c
 * defines UMULTI_AUTO to build the same programs with SEC() targets.
 */
#include "uprobe_multi_target.h"
#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

enum {
	S_ENTRY = 0,		/* + id: uprobe.multi entries */
	S_RETURN = 3,		/* + id: uretprobe.multi returns */
	S_SESSION_ENTRY = 6,	/* + id: uprobe.session entries */
	S_SESSION_RETURN = 9,	/* + id: uprobe.session returns */
	S_COOKIE_OK = 12,	/* + id: entries whose cookie was 0xc0 + id */
	S_COOKIE_BAD = 15,	/* entries with another non-zero cookie */
	S_MAX = 16,
};

#define FN_CNT 3
#define COOKIE_BASE 0xc0

#ifdef UMULTI_AUTO
#define FNS UMULTI_BINARY ":uprobe_multi_target_fn_?"
#define SEC_ENTRY "uprobe.multi/" FNS
#define SEC_RETURN "uretprobe.multi.s/" UMULTI_BINARY ":uprobe_multi_target_fn_*"
#define SEC_SESSION "uprobe.session/" FNS
#else
#define SEC_ENTRY "uprobe.multi"
#define SEC_RETURN "uretprobe.multi"
#define SEC_SESSION "uprobe.session"
#endif

extern bool bpf_session_is_return(void) __ksym;
extern __u64 *bpf_session_cookie(void) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, S_MAX);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

static __always_inline void bump(__u32 slot)
{
	__u64 *c = bpf_map_lookup_elem(&counts, &slot);

	if (c)
		__sync_fetch_and_add(c, 1);
}

SEC(SEC_ENTRY)
int umulti_entry(struct pt_regs *ctx)
{
	__u64 id = PT_REGS_PARM1(ctx), cookie = bpf_get_attach_cookie(ctx);

	if (id >= FN_CNT)
		return 0;
	bump(S_ENTRY + id);
	if (cookie)
		bump(cookie == COOKIE_BASE + id ? S_COOKIE_OK + id : S_COOKIE_BAD);
	return 0;
}

SEC(SEC_RETURN)
int umulti_return(struct pt_regs *ctx)
{
	__u64 id = PT_REGS_RC(ctx) - 100;

	if (id < FN_CNT)
		bump(S_RETURN + id);
	return 0;
}

/* Function b's entry returns 1: its return probe does not run. */
SEC(SEC_SESSION)
int umulti_session(struct pt_regs *ctx)
{
	__u64 *cookie = bpf_session_cookie();
	__u64 id;

	if (bpf_session_is_return()) {
		id = *cookie;
		if (id < FN_CNT)
			bump(S_SESSION_RETURN + id);
		return 0;
	}
	id = PT_REGS_PARM1(ctx);
	if (id >= FN_CNT)
		return 0;
	*cookie = id;
	bump(S_SESSION_ENTRY + id);
	return id == 1;
}

char LICENSE[] SEC("license") = "GPL";
