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

/* struct bpf_token_info (Linux 6.9), newer than the 6.1 UAPI headers. */
struct token_info {
	__u64 allowed_cmds;
	__u64 allowed_maps;
	__u64 allowed_progs;
	__u64 allowed_attachs;
};

static int send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, b = 0;
	struct iovec iov = { .iov_base = &b, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &m, 0) == 1 ? 0 : -errno;
}

/* The fd sent, or -1 when the other side sent none (it failed). */
static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, b;
	struct iovec iov = { .iov_base = &b, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &m, 0) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&m);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static int child(int sock)
{
	struct token_info info;
	__u32 len = sizeof(info);
	int fs_fd, mnt_fd, bpffs_fd, tok;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return printf("unshare: %s\n", strerror(errno)), 1;
	fs_fd = fsopen("bpf", 0);
	if (fs_fd < 0)
		return printf("fsopen bpf in the user namespace: %s\n", strerror(errno)), 1;
	send_fd(sock, fs_fd);
	mnt_fd = recv_fd(sock);
	if (mnt_fd < 0)
		return printf("the parent could not mount the bpffs\n"), 1;
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

/* Delegate map creation only, and mount. */
static int parent(int sock)
{
	int fs_fd = recv_fd(sock), mnt_fd;

	if (fs_fd < 0)
		return 1;
	if (fsconfig(fs_fd, FSCONFIG_SET_STRING, "delegate_cmds", "map_create", 0) ||
	    fsconfig(fs_fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0)) {
		fprintf(stderr, "fsconfig: %s\n", strerror(errno));
		return 1;
	}
	mnt_fd = fsmount(fs_fd, 0, 0);
	if (mnt_fd < 0) {
		fprintf(stderr, "fsmount: %s\n", strerror(errno));
		return 1;
	}
	send_fd(sock, mnt_fd);
	return 0;
}

int main(void)
{
	int sv[2], status;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		close(sv[0]);
		_exit(child(sv[1]));
	}
	close(sv[1]);
	if (parent(sv[0]))
		close(sv[0]);	/* the child's recv_fd fails */
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
