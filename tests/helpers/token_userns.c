// SPDX-License-Identifier: BSD-2-Clause
/*
 * A real BPF token (Linux 6.9): a child in a new user and mount namespace
 * opens a bpffs context (fsopen), the parent, privileged in the initial
 * namespace, sets its delegation options and mounts it (fsconfig,
 * fsmount) - only it may delegate - and the child creates a token from
 * the mount with bpf_token_create(). Prints what the child saw, one line
 * per step; exit status 0 when the token was created.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <bpf/bpf.h>

#include "token_userns.h"

/* struct bpf_token_info (Linux 6.9), newer than the 6.1 UAPI headers. */
struct token_info {
	__u64 allowed_cmds;
	__u64 allowed_maps;
	__u64 allowed_progs;
	__u64 allowed_attachs;
};

static int child(int sock)
{
	struct token_info info;
	__u32 len = sizeof(info);
	int mnt_fd, bpffs_fd, tok;

	mnt_fd = userns_bpffs_mount(sock);
	if (mnt_fd < 0)
		return 1;
	/* fsmount's fd is O_PATH, which bpf(2) does not take: open the root */
	bpffs_fd = openat(mnt_fd, ".", O_RDONLY | O_DIRECTORY);
	if (bpffs_fd < 0)
		return printf("open the bpffs root: %s\n", strerror(errno)), 1;
	tok = bpf_token_create(bpffs_fd, NULL);
	if (tok < 0)
		return printf("bpf_token_create: %s\n", strerror(errno)), 1;
	printf("bpf_token_create in the user namespace: token\n");
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(tok, &info, &len))
		return printf("token info: %s\n", strerror(errno)), 1;
	printf("token allows map_create: %s\n", info.allowed_cmds & (1ULL << BPF_MAP_CREATE) ?
	       "yes" : "no");
	printf("token allows prog_load: %s\n", info.allowed_cmds & (1ULL << BPF_PROG_LOAD) ?
	       "yes" : "no");
	return 0;
}

/* Delegate map creation only. */
int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	return userns_run(child, "map_create", NULL, NULL, NULL);
}
