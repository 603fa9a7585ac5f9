// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_program__*: what a program of an object is and how it loads. Setters
 * work only before bpf_object__load(), as in libbpf.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "log.h"
#include "object_internal.h"

const char *bpf_program__name(const struct bpf_program *prog)
{
	return prog->name;
}

const char *bpf_program__section_name(const struct bpf_program *prog)
{
	return prog->sec_name;
}

int bpf_program__fd(const struct bpf_program *prog)
{
	if (!prog)
		return libbpf_err(-EINVAL);
	if (prog->fd < 0)
		return libbpf_err(-ENOENT);
	return prog->fd;
}

enum bpf_prog_type bpf_program__type(const struct bpf_program *prog)
{
	return prog->type;
}

enum bpf_prog_type bpf_program__get_type(const struct bpf_program *prog)
{
	return bpf_program__type(prog);
}

/* Setters refuse once the object is loaded: the kernel already has it. */
static int prog_busy(const struct bpf_program *prog)
{
	return prog->obj->loaded ? libbpf_err(-EBUSY) : 0;
}

#define PROG_SETTER(name, field, type)					\
	int bpf_program__##name(struct bpf_program *prog, type v)	\
	{								\
		int err = prog_busy(prog);				\
									\
		if (!err)						\
			prog->field = v;				\
		return err;						\
	}

PROG_SETTER(set_type, type, enum bpf_prog_type)

/* Remembered as the user's: it then wins over the loader's own choice (USDT). */
int bpf_program__set_expected_attach_type(struct bpf_program *prog, enum bpf_attach_type type)
{
	int err = prog_busy(prog);

	if (!err) {
		prog->expected_attach_type = type;
		prog->attach_type_set = true;
	}
	return err;
}

PROG_SETTER(set_flags, prog_flags, __u32)
PROG_SETTER(set_autoload, autoload, bool)
PROG_SETTER(set_ifindex, ifindex, __u32)
PROG_SETTER(set_log_level, log_level, __u32)

enum bpf_attach_type bpf_program__expected_attach_type(const struct bpf_program *prog)
{
	return prog->expected_attach_type;
}

enum bpf_attach_type bpf_program__get_expected_attach_type(const struct bpf_program *prog)
{
	return bpf_program__expected_attach_type(prog);
}

__u32 bpf_program__flags(const struct bpf_program *prog)
{
	return prog->prog_flags;
}

bool bpf_program__autoload(const struct bpf_program *prog)
{
	return prog->autoload;
}

const struct bpf_insn *bpf_program__insns(const struct bpf_program *prog)
{
	return prog->insns;
}

size_t bpf_program__insn_cnt(const struct bpf_program *prog)
{
	return prog->insns_cnt;
}

const char *bpf_program__log_buf(const struct bpf_program *prog, size_t *log_size)
{
	*log_size = prog->log_size;
	return prog->log_buf;
}

int bpf_program__set_log_buf(struct bpf_program *prog, char *log_buf, size_t log_size)
{
	int err = prog_busy(prog);

	if (err)
		return err;
	if (log_size && !log_buf)
		return libbpf_err(-EINVAL);
	prog->log_buf = log_buf;
	prog->log_size = log_size;
	return 0;
}

__u32 bpf_program__log_level(const struct bpf_program *prog)
{
	return prog->log_level;
}

int bpf_program__pin(struct bpf_program *prog, const char *path)
{
	int err;

	if (prog->fd < 0) {
		pr_warn("prog '%s': cannot pin a program that is not loaded\n", prog->name);
		return libbpf_err(-EINVAL);
	}
	err = bpf_obj_pin(prog->fd, path);
	if (err) {
		pr_warn("prog '%s': cannot pin at '%s': %s\n", prog->name, path, strerror(-err));
		return libbpf_err(err);
	}
	pr_debug("prog '%s': pinned at '%s'\n", prog->name, path);
	return 0;
}

int bpf_program__unpin(struct bpf_program *prog, const char *path)
{
	if (unlink(path)) {
		int err = -errno;

		pr_warn("prog '%s': cannot unpin '%s': %s\n", prog->name, path, strerror(errno));
		return libbpf_err(err);
	}
	return 0;
}

/* The infos go too, as in libbpf: they described the load that is gone. */
void bpf_program__unload(struct bpf_program *prog)
{
	if (!prog)
		return;
	if (prog->fd >= 0)
		close(prog->fd);
	prog->fd = -1;
	free(prog->func_info);
	free(prog->line_info);
	prog->func_info = prog->line_info = NULL;
	prog->func_info_cnt = prog->line_info_cnt = 0;
}

bool bpf_program__autoattach(const struct bpf_program *prog)
{
	return prog->autoattach;
}

void bpf_program__set_autoattach(struct bpf_program *prog, bool autoattach)
{
	prog->autoattach = autoattach;
}

int bpf_program__set_attach_target(struct bpf_program *prog, int attach_prog_fd,
				   const char *attach_func_name)
{
	int id, err;

	if (!prog || attach_prog_fd < 0)
		return libbpf_err(-EINVAL);
	if (prog->obj->loaded)
		return libbpf_err(-EINVAL);
	if (attach_prog_fd && !attach_func_name) {
		/* the load finds the function the section names in the target */
		prog->attach_prog_fd = attach_prog_fd;
		prog->attach_btf_id = 0;
		return 0;
	}
	if (!attach_func_name)
		return libbpf_err(-EINVAL);
	if (attach_prog_fd) {
		id = btf_find_prog_func(attach_prog_fd, attach_func_name, object_token(prog->obj));
	} else {
		err = btf_vmlinux_load(prog->obj);
		if (err)
			return libbpf_err(err);
		id = btf_find_vmlinux_attach_id(prog->obj->btf_vmlinux, attach_func_name,
						prog->expected_attach_type);
		if (id < 0)
			pr_warn("prog '%s': attach target '%s' not found in the kernel's BTF\n",
				prog->name, attach_func_name);
	}
	if (id < 0)
		return libbpf_err(id);
	prog->attach_btf_id = id;
	prog->attach_prog_fd = attach_prog_fd;
	return 0;
}
