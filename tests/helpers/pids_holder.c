// SPDX-License-Identifier: BSD-2-Clause
/*
 * Holds BPF objects open for the "pids" tests of the show commands.
 *
 *   pids_holder PROG_PIN MAP_PIN
 *
 * Opens the pinned program and map twice each (a process must be listed
 * once however many fds it holds), the program's BTF by id, and attaches
 * the program to raw tracepoint sys_enter; prints "READY LINK_ID BTF_ID"
 * and sleeps until killed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

static int fail(const char *what, const char *on, int err)
{
	fprintf(stderr, "pids_holder: %s %s: %s\n", what, on, strerror(err < 0 ? -err : err));
	return 1;
}

int main(int argc, char **argv)
{
	struct bpf_prog_info prog = { 0 };
	struct bpf_link_info link = { 0 };
	__u32 len = sizeof(prog);
	int pfd, mfd, bfd, lfd, i;

	if (argc != 3) {
		fprintf(stderr, "usage: pids_holder PROG_PIN MAP_PIN\n");
		return 2;
	}
	for (i = 0; i < 2; i++) {
		pfd = bpf_obj_get(argv[1]);
		if (pfd < 0)
			return fail("bpf_obj_get", argv[1], pfd);
		mfd = bpf_obj_get(argv[2]);
		if (mfd < 0)
			return fail("bpf_obj_get", argv[2], mfd);
	}
	if (bpf_prog_get_info_by_fd(pfd, &prog, &len))
		return fail("bpf_prog_get_info_by_fd", argv[1], errno);
	bfd = bpf_btf_get_fd_by_id(prog.btf_id);
	if (bfd < 0)
		return fail("bpf_btf_get_fd_by_id", "of the program", bfd);
	lfd = bpf_raw_tracepoint_open("sys_enter", pfd);
	if (lfd < 0)
		return fail("bpf_raw_tracepoint_open", "sys_enter", lfd);
	len = sizeof(link);
	if (bpf_link_get_info_by_fd(lfd, &link, &len))
		return fail("bpf_link_get_info_by_fd", "of the raw_tp link", errno);
	printf("READY %u %u\n", link.id, prog.btf_id);
	fflush(stdout);
	for (;;)
		pause();
}
