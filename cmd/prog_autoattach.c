// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog load|loadall ... autoattach": each program is attached through
 * bpf_program__attach() and its link pinned, so that the pin, not this
 * process, holds the attachment. A program whose SEC() names no target
 * (xdp, cgroup_skb/..., a bare kprobe) can't be attached without one: it
 * is pinned as a program, as without autoattach, and the user told so.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "pinned.h"
#include "prog_autoattach.h"
#include "report.h"

int prog_autoattach_one(struct bpf_program *prog, const char *path)
{
	const char *name = bpf_program__name(prog);
	struct bpf_link *link;
	int err;

	lib_flush();
	link = bpf_program__attach(prog);
	if (!link && errno == EOPNOTSUPP) {
		err = pin_fd(bpf_program__fd(prog), path, !cli.nomount);
		if (!err)
			p_info("program '%s': SEC(\"%s\") names no attach point, pinned the program "
			       "at '%s' instead", name, bpf_program__section_name(prog), path);
		return err;
	}
	if (!link) {
		err = -errno;
		p_err("can't auto-attach program '%s': %s", name, lib_reason(err));
		return err;
	}
	/* once pinned the link lives on; destroying ours only closes our fd */
	err = pin_fd(bpf_link__fd(link), path, !cli.nomount);
	bpf_link__destroy(link);
	if (!err)
		p_debug("program '%s': attached, link pinned at '%s'", name, path);
	return err;
}

/* dir/<name of prog> into buf. */
static int prog_pin_path(const char *dir, const struct bpf_program *prog, char *buf,
			 size_t size)
{
	int len = snprintf(buf, size, "%s/%s", dir, bpf_program__name(prog));

	if (len < 0 || (size_t)len >= size) {
		p_err("pin path '%s/%s' is too long", dir, bpf_program__name(prog));
		return -ENAMETOOLONG;
	}
	return 0;
}

/* Unpin dir/<name> of the loaded programs before stop (all when stop is NULL). */
static void unpin_until(struct bpf_object *obj, const char *dir, const struct bpf_program *stop)
{
	char path[PATH_MAX];
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, obj) {
		if (prog == stop)
			break;
		if (bpf_program__fd(prog) < 0 || prog_pin_path(dir, prog, path, sizeof(path)))
			continue;
		if (unlink(path) && errno != ENOENT)
			p_warn("can't unpin '%s': %s", path, strerror(errno));
	}
}

int prog_autoattach_all(struct bpf_object *obj, const char *dir)
{
	char path[PATH_MAX];
	struct bpf_program *prog;
	int err = 0, loaded = 0;

	bpf_object__for_each_program(prog, obj) {
		if (bpf_program__fd(prog) < 0)
			continue;	/* not loaded (autoload off) */
		loaded++;
		err = prog_pin_path(dir, prog, path, sizeof(path));
		if (!err)
			err = prog_autoattach_one(prog, path);
		if (err) {
			unpin_until(obj, dir, prog);
			return err;
		}
	}
	if (!loaded) {
		p_err("object has no programs to attach");
		return -ENOENT;
	}
	return 0;
}

void prog_autoattach_undo(struct bpf_object *obj, const char *dir)
{
	unpin_until(obj, dir, NULL);
}
