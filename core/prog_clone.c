// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_program__clone(): one more kernel program from a prepared object's
 * linked instructions, owned by the caller. The object is left as it was:
 * the program's own fd, and the maps its clones share, stay the object's.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/bpf.h>

#include "log.h"
#include "object_internal.h"
#include "opts.h"

/* A func_info or line_info triple of opts: all three given, or none. */
static int clone_info(const struct bpf_program *prog, const char *what, const void *info,
		      __u32 cnt, __u32 rec_size, const void **out, __u32 *out_cnt,
		      __u32 *out_rec_size)
{
	if (!info && !cnt && !rec_size)
		return 0;
	if (!info || !cnt || !rec_size) {
		pr_warn("prog '%s': %s, %s_cnt and %s_rec_size must be given together\n",
			prog->name, what, what, what);
		return -EINVAL;
	}
	*out = info;
	*out_cnt = cnt;
	*out_rec_size = rec_size;
	return 0;
}

/* The caller's non-zero fields over the object's defaults. */
static int clone_opts_merge(const struct bpf_program *prog, const struct bpf_prog_load_opts *o,
			    struct bpf_prog_load_opts *attr)
{
	int err;

	attr->attach_prog_fd = OPTS_GET(o, attach_prog_fd, 0) ?: attr->attach_prog_fd;
	attr->prog_flags = OPTS_GET(o, prog_flags, 0) ?: attr->prog_flags;
	attr->prog_ifindex = OPTS_GET(o, prog_ifindex, 0) ?: attr->prog_ifindex;
	attr->kern_version = OPTS_GET(o, kern_version, 0) ?: attr->kern_version;
	attr->fd_array = OPTS_GET(o, fd_array, NULL) ?: attr->fd_array;
	attr->fd_array_cnt = OPTS_GET(o, fd_array_cnt, 0) ?: attr->fd_array_cnt;
	attr->token_fd = OPTS_GET(o, token_fd, 0) ?: attr->token_fd;
	attr->prog_btf_fd = OPTS_GET(o, prog_btf_fd, 0) ?: attr->prog_btf_fd;
	err = clone_info(prog, "func_info", OPTS_GET(o, func_info, NULL),
			 OPTS_GET(o, func_info_cnt, 0), OPTS_GET(o, func_info_rec_size, 0),
			 &attr->func_info, &attr->func_info_cnt, &attr->func_info_rec_size);
	if (!err)
		err = clone_info(prog, "line_info", OPTS_GET(o, line_info, NULL),
				 OPTS_GET(o, line_info_cnt, 0),
				 OPTS_GET(o, line_info_rec_size, 0), &attr->line_info,
				 &attr->line_info_cnt, &attr->line_info_rec_size);
	/* the verifier log is the caller's alone */
	attr->log_buf = OPTS_GET(o, log_buf, NULL);
	attr->log_size = OPTS_GET(o, log_size, 0);
	attr->log_level = OPTS_GET(o, log_level, 0);
	return err;
}

/* What a prepare_load callback may change, unless the caller fixed it. */
static void clone_opts_override(const struct bpf_prog_load_opts *o,
				struct bpf_prog_load_opts *attr)
{
	if (OPTS_GET(o, expected_attach_type, 0))
		attr->expected_attach_type = OPTS_GET(o, expected_attach_type, 0);
	if (OPTS_GET(o, attach_btf_id, 0))
		attr->attach_btf_id = OPTS_GET(o, attach_btf_id, 0);
	if (OPTS_GET(o, attach_btf_obj_fd, 0))
		attr->attach_btf_obj_fd = OPTS_GET(o, attach_btf_obj_fd, 0);
}

int bpf_program__clone(struct bpf_program *prog, const struct bpf_prog_load_opts *opts)
{
	LIBBPF_OPTS(bpf_prog_load_opts, attr);
	char name[BPF_OBJ_NAME_LEN];
	int err, fd;

	if (!prog || !OPTS_VALID(opts, bpf_prog_load_opts))
		return libbpf_err(-EINVAL);
	if (!prog->obj->prepared) {
		pr_warn("prog '%s': can't clone a program of an object not prepared\n",
			prog->name);
		return libbpf_err(-EINVAL);
	}
	err = prog_load_opts_fill(prog->obj, prog, &attr);
	if (!err)
		err = clone_opts_merge(prog, opts, &attr);
	if (!err)
		err = prog_handler_prepare_load(prog, &attr);
	if (err)
		return libbpf_err(err);
	clone_opts_override(opts, &attr);
	snprintf(name, sizeof(name), "%s", prog->name);
	fd = bpf_prog_load(prog->type, name, prog->obj->license, prog->insns, prog->insns_cnt,
			   &attr);
	if (fd < 0)
		pr_warn("prog '%s': clone failed to load: %s\n", prog->name, strerror(-fd));
	return libbpf_err(fd);
}
