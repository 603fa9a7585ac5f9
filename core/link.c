// SPDX-License-Identifier: BSD-2-Clause
/*
 * The link object: what the attach functions return. Pinning a link on
 * bpffs keeps the attachment after the process exits; destroying it detaches
 * unless it was disconnected or pinned (a pin holds the kernel link).
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/vfs.h>
#include <linux/magic.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "log.h"

struct bpf_link *link_new(int fd)
{
	struct bpf_link *link = calloc(1, sizeof(*link));

	if (!link) {
		close(fd);
		return libbpf_err_ptr(-ENOMEM);
	}
	link->fd = fd;
	link->perf_fd = -1;
	return link;
}

int bpf_link__fd(const struct bpf_link *link)
{
	return link->fd;
}

const char *bpf_link__pin_path(const struct bpf_link *link)
{
	return link->pin_path;
}

/* The directory that will hold path is on a BPF filesystem. */
static int check_bpffs_dir(const char *path)
{
	char buf[PATH_MAX];
	struct statfs st;

	if (strlen(path) >= sizeof(buf)) {
		pr_warn("link pin path '%s': too long\n", path);
		return -ENAMETOOLONG;
	}
	strcpy(buf, path);
	if (statfs(dirname(buf), &st)) {
		pr_warn("link pin path '%s': %s\n", path, strerror(errno));
		return -errno;
	}
	if (st.f_type != BPF_FS_MAGIC) {
		pr_warn("link pin path '%s': not on a BPF filesystem (bpffs)\n", path);
		return -EINVAL;
	}
	return 0;
}

int bpf_link__pin(struct bpf_link *link, const char *path)
{
	int err;

	if (link->pin_path) {
		pr_warn("link fd %d: already pinned at '%s'\n", link->fd, link->pin_path);
		return libbpf_err(-EBUSY);
	}
	if (link->perf_ioctl) {
		pr_warn("link pin path '%s': a perf event attached by ioctl is no BPF link\n",
			path);
		return libbpf_err(-EOPNOTSUPP);
	}
	if (link->fd < 0 && link->sub_cnt) {
		pr_warn("link pin path '%s': the link is %zu attachments (one per probe site), "
			"not one BPF link, and can't be pinned\n", path, link->sub_cnt);
		return libbpf_err(-EOPNOTSUPP);
	}
	err = check_bpffs_dir(path);
	if (err)
		return libbpf_err(err);
	link->pin_path = strdup(path);
	if (!link->pin_path)
		return libbpf_err(-ENOMEM);
	err = bpf_obj_pin(link->fd, path);
	if (err) {
		err = -errno;
		pr_warn("link pin path '%s': %s\n", path,
			err == -EEXIST ? "the path exists" : strerror(-err));
		free(link->pin_path);
		link->pin_path = NULL;
		return libbpf_err(err);
	}
	pr_debug("link fd %d: pinned at '%s'\n", link->fd, path);
	return 0;
}

int bpf_link__unpin(struct bpf_link *link)
{
	if (!link->pin_path)
		return libbpf_err(-EINVAL);
	if (unlink(link->pin_path)) {
		int err = -errno;

		pr_warn("link pin path '%s': can't unpin: %s\n", link->pin_path, strerror(-err));
		return libbpf_err(err);
	}
	free(link->pin_path);
	link->pin_path = NULL;
	return 0;
}

/*
 * fd is a BPF link: get_info would fill a link's info from a map or
 * program too, so ask the fd's anon inode (the kernel has named it both
 * "bpf_link" and "bpf-link").
 */
static bool fd_is_link(int fd)
{
	char proc[64], target[64];
	ssize_t n;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, target, sizeof(target) - 1);
	if (n <= 0)
		return true;	/* no /proc: let get_info decide */
	target[n] = '\0';
	return !strcmp(target, "anon_inode:bpf_link") || !strcmp(target, "anon_inode:bpf-link");
}

struct bpf_link *bpf_link__open(const char *path)
{
	struct bpf_link_info info;
	__u32 len = sizeof(info);
	struct bpf_link *link;
	int fd, err;

	fd = bpf_obj_get(path);
	if (fd < 0) {
		err = -errno;
		pr_warn("link pin path '%s': can't open: %s\n", path, strerror(-err));
		return libbpf_err_ptr(err);
	}
	memset(&info, 0, sizeof(info));
	if (!fd_is_link(fd) || bpf_link_get_info_by_fd(fd, &info, &len)) {
		pr_warn("link pin path '%s': not a BPF link\n", path);
		close(fd);
		return libbpf_err_ptr(-EINVAL);
	}
	link = link_new(fd);
	if (!link)
		return NULL;
	link->pin_path = strdup(path);
	if (!link->pin_path) {
		bpf_link__destroy(link);
		return libbpf_err_ptr(-ENOMEM);
	}
	return link;
}

void bpf_link__disconnect(struct bpf_link *link)
{
	link->disconnected = true;
}

/* Detach every attachment of a multi-attachment link; the first error. */
static int detach_subs(struct bpf_link *link)
{
	int err = 0, sub_err;
	size_t i;

	for (i = 0; i < link->sub_cnt; i++) {
		sub_err = bpf_link__detach(link->subs[i]);
		if (sub_err && !err)
			err = sub_err;
	}
	return err;
}

int bpf_link__detach(struct bpf_link *link)
{
	if (link->subs)
		return detach_subs(link);
	if (link->st_ops_map)
		return struct_ops_unregister(link);
	if (link->perf_ioctl) {
		pr_warn("link fd %d: a perf event attached by ioctl detaches only when destroyed\n",
			link->fd);
		return libbpf_err(-EOPNOTSUPP);
	}
	return bpf_link_detach(link->fd) ? libbpf_err(-errno) : 0;
}

int bpf_link__update_program(struct bpf_link *link, struct bpf_program *prog)
{
	int prog_fd = attach_prog_fd(prog);

	if (prog_fd < 0)
		return libbpf_err(prog_fd);
	if (link->subs) {
		pr_warn("prog '%s': a link of %zu attachments (one per probe site) can't change "
			"its program\n", bpf_program__name(prog), link->sub_cnt);
		return libbpf_err(-EOPNOTSUPP);
	}
	if (bpf_link_update(link->fd, prog_fd, NULL)) {
		int err = -errno;

		pr_warn("prog '%s': can't replace the program of link fd %d: %s\n",
			bpf_program__name(prog), link->fd, strerror(-err));
		return libbpf_err(err);
	}
	return 0;
}

int bpf_link__destroy(struct bpf_link *link)
{
	size_t i;

	if (!link)
		return 0;
	if (link->subs) {
		/* fd, if any, is the only attachment's and goes with it */
		for (i = 0; i < link->sub_cnt; i++) {
			link->subs[i]->disconnected |= link->disconnected;
			bpf_link__destroy(link->subs[i]);
		}
		free(link->subs);
	} else if (!link->disconnected) {
		if (link->perf_ioctl)
			ioctl(link->fd, PERF_EVENT_IOC_DISABLE, 0);
		if (link->st_ops_map)
			struct_ops_unregister(link);
		if (link->fd >= 0)
			close(link->fd);
		if (link->perf_fd >= 0)
			close(link->perf_fd);
		/* the tracefs probe is busy until its perf event is closed */
		if (link->legacy_probe)
			probe_legacy_remove(link->legacy_probe);
	}
	if (link->release)
		link->release(link);
	free(link->legacy_probe);
	free(link->pin_path);
	free(link);
	return 0;
}
