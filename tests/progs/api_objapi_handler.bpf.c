// SPDX-License-Identifier: BSD-2-Clause
/*
 * api_objapi.bats: programs whose sections only custom SEC() handlers
 * (libbpf_register_prog_handler) know: "myhandler/TRACEPOINT" and a name
 * nothing matches, for the fallback handler. Both are raw tracepoint
 * programs once a handler gives them their type.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("myhandler/sys_enter")
int objapi_custom(void *ctx)
{
	return 0;
}

SEC("objapi_nothing_matches")
int objapi_fallback(void *ctx)
{
	return 0;
}
