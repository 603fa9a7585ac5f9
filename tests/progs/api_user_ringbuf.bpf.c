// SPDX-License-Identifier: BSD-2-Clause
/*
 * For api_runtime.bats: a syscall program, run by BPF_PROG_TEST_RUN, that
 * drains the user ring buffer urb and reports in its context what it
 * consumed: the drain's result, the record count and the sum of their
 * first 8 bytes. (No branch on the count: the verifier would walk the
 * callback once per value.)
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

struct drain_report {
	__s64 ret;
	__u64 cnt;
	__u64 sum;
};

struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} urb SEC(".maps");

static long on_record(struct bpf_dynptr *rec, void *ctx)
{
	struct drain_report *r = ctx;
	__u64 v;

	if (bpf_dynptr_read(&v, sizeof(v), rec, 0, 0))
		return 1;	/* stop */
	r->cnt++;
	r->sum += v;
	return 0;
}

SEC("syscall")
int drain(struct drain_report *out)
{
	struct drain_report r = {};

	r.ret = bpf_user_ringbuf_drain(&urb, on_record, &r, 0);
	out->ret = r.ret;
	out->cnt = r.cnt;
	out->sum = r.sum;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
