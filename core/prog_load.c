// SPDX-License-Identifier: BSD-2-Clause
/*
 * Loading the linked programs: BPF_PROG_LOAD with the object's BTF,
 * func_info and line_info, the license and kernel version, and the
 * verifier's log: all of it at debug level when asked for, and on failure
 * the end of it (where the verifier names the instruction it rejects), or
 * all of it when the caller asked for verifier logs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "log.h"
#include "object_internal.h"

#define LOG_BUF_SIZE	(16u << 20)
#define LOG_TAIL_LINES	20

void log_print(const char *what, enum libbpf_print_level level, const char *log, bool tail)
{
	const char *end = log + strlen(log);
	int lines = 0, total = 0;
	const char *p;

	while (end > log && end[-1] == '\n')
		end--;
	for (p = log; p < end; p++)
		total += *p == '\n';
	p = end;
	while (tail && p > log && lines < LOG_TAIL_LINES)
		if (*--p == '\n')
			lines++;
	if (tail && lines == LOG_TAIL_LINES) {
		libbpf_print(level, "%s: -- verifier log, last %d of %d lines --\n%.*s\n"
			     "-- end of verifier log --\n", what, LOG_TAIL_LINES, total + 1,
			     (int)(end - p - 1), p + 1);
		return;
	}
	libbpf_print(level, "%s: -- verifier log --\n%.*s\n-- end of verifier log --\n", what,
		     (int)(end - log), log);
}

static void prog_fill_btf_opts(struct bpf_object *obj, struct bpf_program *prog,
			       struct bpf_prog_load_opts *opts)
{
	if (obj->btf_fd < 0)
		return;
	opts->prog_btf_fd = obj->btf_fd;
	/* the kernel took BTF with these functions: it supports func_info */
	if (prog->func_info_cnt) {
		opts->func_info = prog->func_info;
		opts->func_info_cnt = prog->func_info_cnt;
		opts->func_info_rec_size = prog->func_info_rec_size;
	}
	if (prog->line_info_cnt && opts->func_info) {
		opts->line_info = prog->line_info;
		opts->line_info_cnt = prog->line_info_cnt;
		opts->line_info_rec_size = prog->line_info_rec_size;
	}
}

/*
 * USDT programs load for uprobe_multi links where the kernel has them, so
 * that all sites of a probe make one link; the kernel attaches a program
 * only to the link kind it was loaded for. A type the user set stays.
 */
static void prog_choose_usdt_attach_type(struct bpf_object *obj, struct bpf_program *prog)
{
	if (!prog->sec_def || !(prog->sec_def->flags & SEC_USDT) || prog->attach_type_set)
		return;
	if (kernel_supports(obj, FEAT_UPROBE_MULTI_LINK))
		prog->expected_attach_type = ATTACH_UPROBE_MULTI;
}

/* Name the map behind a poisoned load the verifier reached, as libbpf does. */
static void log_missing_map(const struct bpf_program *prog, const char *log)
{
	const char *p = log ? strstr(log, "invalid func unknown#") : NULL;
	long idx;

	if (!p)
		return;
	idx = strtol(p + strlen("invalid func unknown#"), NULL, 10) - POISON_MAP_BASE;
	if (idx < 0 || (size_t)idx >= prog->obj->nr_maps)
		return;
	pr_warn("prog '%s': map '%s' is referenced but wasn't created (autocreate is off)\n",
		prog->name, prog->obj->maps[idx].name);
}

int prog_load_opts_fill(struct bpf_object *obj, struct bpf_program *prog,
			struct bpf_prog_load_opts *opts)
{
	int err;

	if (prog->type == BPF_PROG_TYPE_UNSPEC) {
		pr_warn("prog '%s': section '%s' names no known program type\n", prog->name,
			prog->sec_name);
		return -ESRCH;
	}
	if (prog->type == BPF_PROG_TYPE_STRUCT_OPS && !prog->attach_btf_id) {
		pr_warn("prog '%s': SEC(\"%s\") program is not used by any struct_ops map that is "
			"created, so the kernel can't tell which operation it implements\n",
			prog->name, prog->sec_name);
		return -EINVAL;
	}
	err = btf_attach_target(obj, prog);
	if (err)
		return err;
	prog_choose_usdt_attach_type(obj, prog);
	opts->expected_attach_type = prog->expected_attach_type;
	opts->prog_flags = prog->prog_flags;
	opts->attach_btf_id = prog->attach_btf_id;
	opts->attach_prog_fd = prog->attach_prog_fd;
	opts->attach_btf_obj_fd = prog->attach_btf_obj_fd;
	opts->kern_version = obj->kern_version;
	opts->prog_ifindex = prog->ifindex;
	opts->token_fd = object_token(obj);
	prog_fill_btf_opts(obj, prog, opts);
	return 0;
}

int prog_handler_prepare_load(struct bpf_program *prog, struct bpf_prog_load_opts *opts)
{
	int err;

	if (!prog->has_handler || !prog->handler.prepare_load)
		return 0;
	err = prog->handler.prepare_load(prog, opts, prog->handler.cookie);
	if (err) {
		pr_warn("prog '%s': the SEC() handler's prepare_load callback failed: %s\n",
			prog->name, strerror(err < 0 ? -err : err));
		return err < 0 ? err : -EINVAL;
	}
	/* bpf_program__set_insns() in the callback may have dropped records */
	if (opts->func_info == prog->func_info)
		opts->func_info_cnt = prog->func_info_cnt;
	if (opts->line_info == prog->line_info)
		opts->line_info_cnt = prog->line_info_cnt;
	return 0;
}

static int prog_load_one(struct bpf_object *obj, struct bpf_program *prog)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	char name[BPF_OBJ_NAME_LEN], what[BPF_OBJ_NAME_LEN + 16], *log = NULL;
	__u32 level = prog->log_level ? prog->log_level : obj->kernel_log_level;
	int fd;

	fd = prog_load_opts_fill(obj, prog, &opts);
	if (!fd)
		fd = prog_handler_prepare_load(prog, &opts);
	if (fd)
		return fd;
	snprintf(name, sizeof(name), "%s", prog->name);
	if (prog->log_buf) {
		opts.log_buf = prog->log_buf;
		opts.log_size = prog->log_size;
		opts.log_level = level ? level : 1;
	} else if (level) {
		log = malloc(LOG_BUF_SIZE);
		if (!log)
			return -ENOMEM;
		log[0] = '\0';
		opts.log_buf = log;
		opts.log_size = LOG_BUF_SIZE;
		opts.log_level = level;
	}
	fd = bpf_prog_load(prog->type, kernel_supports(obj, FEAT_PROG_NAME) ? name : NULL,
			   obj->license, prog->insns, prog->insns_cnt, &opts);
	if (fd < 0 && !opts.log_buf) {
		/* load again, this time for the verifier's reasons */
		log = malloc(LOG_BUF_SIZE);
		if (log) {
			log[0] = '\0';
			opts.log_buf = log;
			opts.log_size = LOG_BUF_SIZE;
			opts.log_level = 1;
			fd = bpf_prog_load(prog->type, name, obj->license, prog->insns,
					   prog->insns_cnt, &opts);
		}
	}
	/* the reason first: callers take the first warning as the cause */
	if (fd < 0)
		pr_warn("prog '%s': failed to load %s program (%u instructions): %s\n",
			prog->name, libbpf_bpf_prog_type_str(prog->type) ?: "?",
			(unsigned int)prog->insns_cnt, strerror(-fd));
	if (fd < 0)
		log_missing_map(prog, opts.log_buf);
	if (opts.log_buf && opts.log_buf[0] && (fd < 0 || level)) {
		snprintf(what, sizeof(what), "prog '%s'", prog->name);
		log_print(what, fd < 0 ? LIBBPF_WARN : LIBBPF_DEBUG, opts.log_buf,
			  fd < 0 && !level);
	}
	free(log);
	if (fd < 0)
		return fd;
	prog->fd = fd;
	pr_debug("prog '%s': loaded, %zu instructions\n", prog->name, prog->insns_cnt);
	return 0;
}

int programs_load(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->nr_programs; i++) {
		struct bpf_program *prog = &obj->progs[i];

		if (prog->is_subprog || !prog->autoload)
			continue;
		err = prog_load_one(obj, prog);
		if (err)
			return err;
	}
	return 0;
}
