// SPDX-License-Identifier: BSD-2-Clause
/*
 * A read of a field the kernel does not have, not guarded by
 * bpf_core_field_exists(): the loader poisons the instruction and the
 * verifier must reject the program, naming the poisoned call.
 */
#include <linux/types.h>
#include <bpf/bpf_core_read.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;
static __u64 (*bpf_get_current_task)(void) = (void *)35;

struct task_struct___gone {
	int bpfctl_field_that_never_was;
} __attribute__((preserve_access_index));

SEC("raw_tp/sys_enter")
int core_poison(void *ctx)
{
	struct task_struct___gone *t = (void *)bpf_get_current_task();

	return BPF_CORE_READ(t, bpfctl_field_that_never_was);
}

char _license[] SEC("license") = "GPL";
