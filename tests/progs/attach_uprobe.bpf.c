// SPDX-License-Identifier: BSD-2-Clause
/*
 * A uprobe auto-attached by its SEC() to a function of a binary the test
 * builds: attach_target.h, written by the test, defines UPROBE_BINARY.
 */
#include "attach_common.h"
#include "attach_target.h"

SEC("uprobe/" UPROBE_BINARY ":attach_target_func")
int auto_func(void *ctx)
{
	return count(CNT_UPROBE);
}

SEC("uretprobe/" UPROBE_BINARY ":attach_target_func")
int auto_func_ret(void *ctx)
{
	return count(CNT_URETPROBE);
}

char LICENSE[] SEC("license") = "GPL";
