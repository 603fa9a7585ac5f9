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
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "pinned.h"
#include "prog_autoattach.h"
#include "report.h"

/*
 * The library's last warning during one attach: callers (prog load) may
 * have their own log callback installed, so the reason is caught here.
 */
static char attach_warning[1024];

static int attach_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	size_t n;

	if (level != LIBBPF_WARN) {
		if (cli.debug) {
			fputs("bpfcore: ", stderr);
			vfprintf(stderr, fmt, ap);
		}
		return 0;
	}
	vsnprintf(attach_warning, sizeof(attach_warning), fmt, ap);
	n = strlen(attach_warning);
	while (n && (attach_warning[n - 1] == '\n' || attach_warning[n - 1] == ' '))
		attach_warning[--n] = '\0';
	if (cli.debug)
		fprintf(stderr, "bpfcore: %s\n", attach_warning);
	return 0;
}

/* bpf_program__attach(), with the library's warning kept in attach_warning. */
static struct bpf_link *attach_catching_warning(struct bpf_program *prog)
{
	libbpf_print_fn_t old;
	struct bpf_link *link;
	int err;

	attach_warning[0] = '\0';
	old = libbpf_set_print(attach_print);
	link = bpf_program__attach(prog);
	err = errno;
	libbpf_set_print(old);
	errno = err;
	return link;
}

int prog_autoattach_one(struct bpf_program *prog, const char *path)
{
	struct bpf_link *link;
	const char *name;
	int err;

	if (!prog) {
		p_err("object has no programs to attach");
		return -ENOENT;
	}
	name = bpf_program__name(prog);
	link = attach_catching_warning(prog);
	if (!link && errno == EOPNOTSUPP) {
		err = pin_fd(bpf_program__fd(prog), path, !cli.nomount);
		if (!err)
			p_info("program '%s': SEC(\"%s\") names no attach point, pinned the program "
			       "at '%s' instead", name, bpf_program__section_name(prog), path);
		return err;
	}
	if (!link) {
		err = -errno;
		p_err("can't auto-attach program '%s': %s", name,
		      attach_warning[0] ? attach_warning : strerror(-err));
		return err;
	}
	if (bpf_link__fd(link) < 0) {
		p_err("program '%s': attached at several places (a USDT probe with several "
		      "sites: one uprobe each, as the program was not loaded for uprobe_multi "
		      "links), which can't be pinned as one link", name);
		bpf_link__destroy(link);
		return -EOPNOTSUPP;
	}
	err = pin_fd(bpf_link__fd(link), path, !cli.nomount);
	/* once pinned, the attachment (and what it keeps, USDT specs) lives on */
	if (!err)
		bpf_link__disconnect(link);
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
