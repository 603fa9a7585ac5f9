// SPDX-License-Identifier: BSD-2-Clause
/*
 * The programs of uprobe_multi.bpf.c with their targets in SEC(), for
 * auto-attach: uprobe.multi and uprobe.session on
 * uprobe_multi_target_fn_?, a sleepable uretprobe.multi on
 * uprobe_multi_target_fn_*, all in the binary named by UMULTI_BINARY.
 */
#define UMULTI_AUTO
#include "uprobe_multi.bpf.c"
