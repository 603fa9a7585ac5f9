/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A bpffs delegated to a user namespace, for BPF token tests: the child
 * enters a new user and mount namespace and opens a bpffs context
 * (fsopen); the parent, privileged in the initial namespace, sets the
 * delegation options and mounts it (fsconfig, fsmount) - only it may
 * delegate - and hands the mount back. Everything dies with the child's
 * namespaces.
 */
#ifndef TOKEN_USERNS_H
#define TOKEN_USERNS_H

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>

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

/* Child: new namespaces, then the delegated bpffs as an (O_PATH) mount fd, or -1. */
static int userns_bpffs_mount(int sock)
{
	int fs_fd, mnt_fd;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return printf("unshare: %s\n", strerror(errno)), -1;
	fs_fd = fsopen("bpf", 0);
	if (fs_fd < 0)
		return printf("fsopen bpf in the user namespace: %s\n", strerror(errno)), -1;
	send_fd(sock, fs_fd);
	close(fs_fd);
	mnt_fd = recv_fd(sock);
	if (mnt_fd < 0)
		printf("the parent could not mount the bpffs\n");
	return mnt_fd;
}

/*
 * Parent: set the delegation options (NULL: not set) on the child's
 * bpffs, mount it and send it back. 1 on failure: the caller closes the
 * socket, so that the child's userns_bpffs_mount() fails.
 */
static int bpffs_delegate(int sock, const char *cmds, const char *maps, const char *progs,
			  const char *attachs)
{
	const char *keys[] = { "delegate_cmds", "delegate_maps", "delegate_progs",
			       "delegate_attachs" };
	const char *vals[] = { cmds, maps, progs, attachs };
	int fs_fd = recv_fd(sock), mnt_fd;
	unsigned int i;

	if (fs_fd < 0)
		return 1;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (vals[i] && fsconfig(fs_fd, FSCONFIG_SET_STRING, keys[i], vals[i], 0)) {
			fprintf(stderr, "fsconfig %s=%s: %s\n", keys[i], vals[i], strerror(errno));
			return 1;
		}
	}
	if (fsconfig(fs_fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0)) {
		fprintf(stderr, "fsconfig create: %s\n", strerror(errno));
		return 1;
	}
	mnt_fd = fsmount(fs_fd, 0, 0);
	close(fs_fd);
	if (mnt_fd < 0) {
		fprintf(stderr, "fsmount: %s\n", strerror(errno));
		return 1;
	}
	send_fd(sock, mnt_fd);
	close(mnt_fd);
	return 0;
}

/*
 * Fork; the child runs child_fn(sock) in its namespaces while this
 * process delegates as given. The child's exit status.
 */
static int userns_run(int (*child_fn)(int sock), const char *cmds, const char *maps,
		      const char *progs, const char *attachs)
{
	int sv[2], status;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		close(sv[0]);
		_exit(child_fn(sv[1]));
	}
	close(sv[1]);
	bpffs_delegate(sv[0], cmds, maps, progs, attachs);
	close(sv[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

#endif /* TOKEN_USERNS_H */
