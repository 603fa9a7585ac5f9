// SPDX-License-Identifier: BSD-2-Clause
/*
 * A kprobe.session program, auto-attached by its SEC() to the kernel's
 * do_nano* functions. The test machine has no fprobe: attaching must fail
 * with an error saying so, leaving nothing behind.
 */
#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern bool bpf_session_is_return(void) __ksym;

__u64 entries, returns;

SEC("kprobe.session/do_nano*")
int ksession_nanosleep(void *ctx)
{
	if (bpf_session_is_return())
		__sync_fetch_and_add(&returns, 1);
	else
		__sync_fetch_and_add(&entries, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
