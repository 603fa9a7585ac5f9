// SPDX-License-Identifier: BSD-2-Clause
/*
 * One tracepoint program, whose auto-attach needs tracefs (the event's id):
 * mounts.bats attaches it where tracefs is mounted only somewhere unusual,
 * or nowhere.
 */
#define SEC(name) __attribute__((section(name), used))

SEC("tp/syscalls/sys_enter_getppid")
int tracefs_tp(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
