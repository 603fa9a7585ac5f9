// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel feature probes: load the smallest thing that uses a feature and
 * see whether the kernel takes it, instead of guessing from its version.
 * Results are cached in the object (the library keeps no global state).
 * Probes use the object's BPF token, if any: without it a process in a
 * user namespace would find every feature missing.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "attach_internal.h"
#include "object_internal.h"

int probe_btf_load(const __u32 *types, __u32 types_len, const char *strs, __u32 strs_len,
		   __u32 token_fd)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .token_fd = token_fd);
	struct btf_header h = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(h),
		.type_off = 0,
		.type_len = types_len,
		.str_off = types_len,
		.str_len = strs_len,
	};
	char buf[512];

	if (sizeof(h) + types_len + strs_len > sizeof(buf))
		return -E2BIG;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), types, types_len);
	memcpy(buf + sizeof(h) + types_len, strs, strs_len);
	return bpf_btf_load(buf, sizeof(h) + types_len + strs_len, &opts);
}

/* Raw BTF with the given type words and the strings "\0int\0x\0.d". */
static int probe_btf(const __u32 *types, __u32 types_len, __u32 token_fd)
{
	static const char strs[] = "\0int\0x\0.d";
	int fd = probe_btf_load(types, types_len, strs, sizeof(strs), token_fd);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

#define INT_TYPE	1, BTF_KIND_INT << 24, 4, (BTF_INT_SIGNED << 24) | 32

static int probe_btf_basic(__u32 token_fd)
{
	static const __u32 t[] = { INT_TYPE };

	return probe_btf(t, sizeof(t), token_fd);
}

static int probe_btf_func(__u32 token_fd)
{
	static const __u32 t[] = {
		INT_TYPE,
		0, BTF_KIND_FUNC_PROTO << 24, 1,		/* [2] int (void) */
		5, (BTF_KIND_FUNC << 24) | BTF_FUNC_GLOBAL, 2,	/* [3] x */
	};

	return probe_btf(t, sizeof(t), token_fd);
}

static int probe_btf_datasec(__u32 token_fd)
{
	static const __u32 t[] = {
		INT_TYPE,
		5, BTF_KIND_VAR << 24, 1, BTF_VAR_GLOBAL_ALLOCATED,	/* [2] x */
		7, (BTF_KIND_DATASEC << 24) | 1, 4, 2, 0, 4,		/* [3] .d */
	};

	return probe_btf(t, sizeof(t), token_fd);
}

const struct bpf_insn probe_return_zero[2] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

static int probe_prog_name(__u32 token_fd)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .token_fd = token_fd);
	int fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "probe", "GPL", probe_return_zero, 2,
			       &opts);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

int uprobe_multi_try(int prog_fd, __u32 attach_type, __u32 pid)
{
	LIBBPF_OPTS(bpf_link_create_opts, opts);
	unsigned long offset = 0;
	int fd;

	opts.uprobe_multi.path = "/";
	opts.uprobe_multi.offsets = &offset;
	opts.uprobe_multi.cnt = 1;
	opts.uprobe_multi.pid = pid;
	fd = bpf_link_create(prog_fd, 0, attach_type, &opts);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * A kernel with uprobe_multi links refuses "/" (no regular file) with
 * EBADF, one without them the attach type with EINVAL. The first ones
 * filtered by thread, not process; those fixed check the pid first and
 * refuse a negative one with EINVAL. USDT programs choose the link kind
 * at load, before any pid is known, so only the fixed ones count.
 */
static int probe_uprobe_multi_link(__u32 token_fd)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = ATTACH_UPROBE_MULTI,
		    .token_fd = token_fd);
	int fd, ok;

	fd = bpf_prog_load(BPF_PROG_TYPE_KPROBE, NULL, "GPL", probe_return_zero, 2, &opts);
	if (fd < 0)
		return 0;
	ok = uprobe_multi_try(fd, ATTACH_UPROBE_MULTI, 0) == EBADF &&
	     uprobe_multi_try(fd, ATTACH_UPROBE_MULTI, (__u32)-1) == EINVAL;
	close(fd);
	return ok;
}

bool kernel_supports(struct bpf_object *obj, enum probe_feature feat)
{
	static int (*const probes[FEAT_CNT])(__u32 token_fd) = {
		[FEAT_PROG_NAME] = probe_prog_name,
		[FEAT_BTF] = probe_btf_basic,
		[FEAT_BTF_FUNC] = probe_btf_func,
		[FEAT_BTF_DATASEC] = probe_btf_datasec,
		[FEAT_UPROBE_MULTI_LINK] = probe_uprobe_multi_link,
	};

	if (!obj->feat[feat])
		obj->feat[feat] = probes[feat](object_token(obj)) ? 1 : -1;
	return obj->feat[feat] > 0;
}
