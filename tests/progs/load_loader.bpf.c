// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl -L prog load": a tracepoint program with a map and global data,
 * loaded through a loader program. With LOADER_PINNED its map is pinned
 * by name, which a loader program can't do (refused when the loader is
 * generated); with LOADER_REJECT the verifier rejects the program (the
 * loader's run fails at that step).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
#ifdef LOADER_PINNED
	__uint(pinning, LIBBPF_PIN_BY_NAME);
#endif
} loader_calls SEC(".maps");

const volatile __u64 loader_step = 2;
__u64 loader_total;

SEC("tracepoint/syscalls/sys_enter_getpgid")
int loader_getpgid(void *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 *n = bpf_map_lookup_elem(&loader_calls, &tgid);
#ifdef LOADER_REJECT
	__u64 *unchecked = bpf_map_lookup_elem(&loader_calls, &tgid);

	*unchecked = 1;	/* no NULL check: the verifier refuses it */
#endif
	if (n)
		*n += loader_step;
	loader_total += loader_step;
	return 0;
}
