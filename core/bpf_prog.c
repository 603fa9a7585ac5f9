// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf(2) wrappers for programs: load, test run, legacy attach and detach,
 * queries, map binding and statistics.
 */
#include <string.h>

#include <bpf/bpf.h>
#include "bpf_attr_recent.h"
#include "bpf_sys.h"
#include "opts.h"

#define PROG_LOAD_ATTEMPTS 5

static void prog_load_attr(union bpf_attr *attr, enum bpf_prog_type prog_type,
			   const char *prog_name, const char *license,
			   const struct bpf_insn *insns, size_t insn_cnt,
			   const struct bpf_prog_load_opts *opts)
{
	attr->prog_type = prog_type;
	attr->insns = ptr_to_u64(insns);
	attr->insn_cnt = (__u32)insn_cnt;
	attr->license = ptr_to_u64(license);
	if (prog_name)
		strncpy(attr->prog_name, prog_name, sizeof(attr->prog_name) - 1);
	attr->expected_attach_type = OPTS_GET(opts, expected_attach_type, 0);
	attr->prog_btf_fd = OPTS_GET(opts, prog_btf_fd, 0);
	attr->prog_flags = OPTS_GET(opts, prog_flags, 0);
	attr->prog_ifindex = OPTS_GET(opts, prog_ifindex, 0);
	attr->kern_version = OPTS_GET(opts, kern_version, 0);
	attr->attach_btf_id = OPTS_GET(opts, attach_btf_id, 0);
	if (OPTS_GET(opts, attach_prog_fd, 0))
		attr->attach_prog_fd = OPTS_GET(opts, attach_prog_fd, 0);
	else
		attr->attach_btf_obj_fd = OPTS_GET(opts, attach_btf_obj_fd, 0);
	attr->fd_array = ptr_to_u64(OPTS_GET(opts, fd_array, NULL));
	attr->func_info = ptr_to_u64(OPTS_GET(opts, func_info, NULL));
	attr->func_info_cnt = OPTS_GET(opts, func_info_cnt, 0);
	attr->func_info_rec_size = OPTS_GET(opts, func_info_rec_size, 0);
	attr->line_info = ptr_to_u64(OPTS_GET(opts, line_info, NULL));
	attr->line_info_cnt = OPTS_GET(opts, line_info_cnt, 0);
	attr->line_info_rec_size = OPTS_GET(opts, line_info_rec_size, 0);
	attr->log_buf = ptr_to_u64(OPTS_GET(opts, log_buf, NULL));
	attr->log_size = OPTS_GET(opts, log_size, 0);
	attr->log_level = OPTS_GET(opts, log_level, 0);
}

#define PROG_LOAD_TAIL_OFF	attr_size(core_relo_rec_size)

/* The 6.1 union ends with BPF_PROG_LOAD's fields: room for the newer ones. */
struct prog_load_attr {
	union bpf_attr attr;
	char tail[sizeof(struct attr_prog_load_tail)];
};

_Static_assert(PROG_LOAD_TAIL_OFF + sizeof(struct attr_prog_load_tail) <=
	       sizeof(struct prog_load_attr), "the 6.9 prog_load attr fits");

/*
 * A token sets BPF_F_TOKEN_FD itself: the kernel wants both or neither.
 * The attr grows past the 6.1 union only with a token, so older kernels
 * still take the rest.
 */
int bpf_prog_load(enum bpf_prog_type prog_type, const char *prog_name, const char *license,
		  const struct bpf_insn *insns, size_t insn_cnt, struct bpf_prog_load_opts *opts)
{
	struct attr_prog_load_tail tail = { .prog_token_fd = OPTS_GET(opts, token_fd, 0) };
	size_t sz = PROG_LOAD_TAIL_OFF;
	struct prog_load_attr a;
	int attempts, fd;

	if (!OPTS_VALID(opts, bpf_prog_load_opts) || OPTS_GET(opts, fd_array_cnt, 0))
		return libbpf_err(-EINVAL);
	if (!insns || !insn_cnt || insn_cnt > UINT32_MAX)
		return libbpf_err(-EINVAL);
	attempts = OPTS_GET(opts, attempts, 0) ?: PROG_LOAD_ATTEMPTS;
	memset(&a, 0, sizeof(a));
	prog_load_attr(&a.attr, prog_type, prog_name, license, insns, insn_cnt, opts);
	if (tail.prog_token_fd) {
		a.attr.prog_flags |= F_TOKEN_FD;
		memcpy((char *)&a + PROG_LOAD_TAIL_OFF, &tail, sizeof(tail));
		sz = PROG_LOAD_TAIL_OFF + offsetofend(struct attr_prog_load_tail, prog_token_fd);
	}
	/* EAGAIN comes from a transient shortage in the verifier: retry */
	do {
		fd = sys_bpf(BPF_PROG_LOAD, &a.attr, sz);
	} while (fd == -EAGAIN && --attempts > 0);
	return libbpf_err(fd);
}

int bpf_prog_test_run_opts(int prog_fd, struct bpf_test_run_opts *opts)
{
	const size_t sz = attr_size(test);
	union bpf_attr attr;
	int ret;

	if (!OPTS_VALID(opts, bpf_test_run_opts) || !opts)
		return libbpf_err(-EINVAL);
	memset(&attr, 0, sz);
	attr.test.prog_fd = prog_fd;
	attr.test.batch_size = OPTS_GET(opts, batch_size, 0);
	attr.test.cpu = OPTS_GET(opts, cpu, 0);
	attr.test.flags = OPTS_GET(opts, flags, 0);
	attr.test.repeat = OPTS_GET(opts, repeat, 0);
	attr.test.duration = OPTS_GET(opts, duration, 0);
	attr.test.ctx_size_in = OPTS_GET(opts, ctx_size_in, 0);
	attr.test.ctx_size_out = OPTS_GET(opts, ctx_size_out, 0);
	attr.test.ctx_in = ptr_to_u64(OPTS_GET(opts, ctx_in, NULL));
	attr.test.ctx_out = ptr_to_u64(OPTS_GET(opts, ctx_out, NULL));
	attr.test.data_size_in = OPTS_GET(opts, data_size_in, 0);
	attr.test.data_size_out = OPTS_GET(opts, data_size_out, 0);
	attr.test.data_in = ptr_to_u64(OPTS_GET(opts, data_in, NULL));
	attr.test.data_out = ptr_to_u64(OPTS_GET(opts, data_out, NULL));
	ret = sys_bpf(BPF_PROG_TEST_RUN, &attr, sz);
	OPTS_SET(opts, data_size_out, attr.test.data_size_out);
	OPTS_SET(opts, ctx_size_out, attr.test.ctx_size_out);
	OPTS_SET(opts, duration, attr.test.duration);
	OPTS_SET(opts, retval, attr.test.retval);
	return libbpf_err(ret);
}

/* Where a program goes in (or leaves) a multi-program target, and when. */
struct mprog_place {
	__u32 flags;
	__u32 replace_fd;
	int relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
};

/*
 * BPF_PROG_ATTACH or BPF_PROG_DETACH. A relative program is named by fd,
 * or by id with BPF_F_ID, never both.
 */
static int prog_attach_cmd(enum bpf_cmd cmd, int prog_fd, int target, enum bpf_attach_type type,
			   const struct mprog_place *p)
{
	union attr_recent u;

	if (p->relative_fd && p->relative_id)
		return libbpf_err(-EINVAL);
	memset(&u, 0, sizeof(u));
	u.prog_attach.target_fd = target;
	u.prog_attach.attach_bpf_fd = prog_fd;
	u.prog_attach.attach_type = type;
	u.prog_attach.attach_flags = p->flags | (p->relative_id ? F_ID : 0);
	u.prog_attach.replace_bpf_fd = p->replace_fd;
	u.prog_attach.relative_fd = p->relative_id ?: (__u32)p->relative_fd;
	u.prog_attach.expected_revision = p->expected_revision;
	return sys_bpf_err(cmd, &u.attr, sizeof(u.prog_attach));
}

int bpf_prog_attach_opts(int prog_fd, int target, enum bpf_attach_type type,
			 const struct bpf_prog_attach_opts *opts)
{
	struct mprog_place p;

	if (!OPTS_VALID(opts, bpf_prog_attach_opts))
		return libbpf_err(-EINVAL);
	p = (struct mprog_place){
		.flags = OPTS_GET(opts, flags, 0),
		.replace_fd = OPTS_GET(opts, replace_fd, 0),
		.relative_fd = OPTS_GET(opts, relative_fd, 0),
		.relative_id = OPTS_GET(opts, relative_id, 0),
		.expected_revision = OPTS_GET(opts, expected_revision, 0),
	};
	return prog_attach_cmd(BPF_PROG_ATTACH, prog_fd, target, type, &p);
}

int bpf_prog_attach(int prog_fd, int attachable_fd, enum bpf_attach_type type,
		    unsigned int flags)
{
	LIBBPF_OPTS(bpf_prog_attach_opts, opts, .flags = flags);

	return bpf_prog_attach_opts(prog_fd, attachable_fd, type, &opts);
}

int bpf_prog_detach_opts(int prog_fd, int target, enum bpf_attach_type type,
			 const struct bpf_prog_detach_opts *opts)
{
	struct mprog_place p;

	if (!OPTS_VALID(opts, bpf_prog_detach_opts))
		return libbpf_err(-EINVAL);
	p = (struct mprog_place){
		.flags = OPTS_GET(opts, flags, 0),
		.relative_fd = OPTS_GET(opts, relative_fd, 0),
		.relative_id = OPTS_GET(opts, relative_id, 0),
		.expected_revision = OPTS_GET(opts, expected_revision, 0),
	};
	return prog_attach_cmd(BPF_PROG_DETACH, prog_fd, target, type, &p);
}

int bpf_prog_detach2(int prog_fd, int attachable_fd, enum bpf_attach_type type)
{
	return bpf_prog_detach_opts(prog_fd, attachable_fd, type, NULL);
}

int bpf_prog_detach(int attachable_fd, enum bpf_attach_type type)
{
	return bpf_prog_detach2(0, attachable_fd, type);
}

int bpf_prog_query(int target_fd, enum bpf_attach_type type, __u32 query_flags,
		   __u32 *attach_flags, __u32 *prog_ids, __u32 *prog_cnt)
{
	const size_t sz = attr_size(query);
	union bpf_attr attr;
	int ret;

	memset(&attr, 0, sz);
	attr.query.target_fd = target_fd;
	attr.query.attach_type = type;
	attr.query.query_flags = query_flags;
	attr.query.prog_ids = ptr_to_u64(prog_ids);
	attr.query.prog_cnt = *prog_cnt;
	ret = sys_bpf(BPF_PROG_QUERY, &attr, sz);
	if (attach_flags)
		*attach_flags = attr.query.attach_flags;
	*prog_cnt = attr.query.prog_cnt;
	return libbpf_err(ret);
}

/*
 * BPF_PROG_QUERY as kernels since 6.6 lay it out: the UAPI headers we build
 * with stop at prog_attach_flags. Older kernels ignore nothing we send:
 * link_ids and the rest stay zero unless asked for.
 */
struct prog_query_attr {
	__u32 target;
	__u32 attach_type;
	__u32 query_flags;
	__u32 attach_flags;
	__aligned_u64 prog_ids;
	__u32 count;
	__u32 :32;
	__aligned_u64 prog_attach_flags;
	__aligned_u64 link_ids;
	__aligned_u64 link_attach_flags;
	__u64 revision;
};

int bpf_prog_query_opts(int target, enum bpf_attach_type type, struct bpf_prog_query_opts *opts)
{
	struct prog_query_attr a;
	size_t sz = sizeof(a);
	int ret;

	if (!opts || !OPTS_VALID(opts, bpf_prog_query_opts))
		return libbpf_err(-EINVAL);
	memset(&a, 0, sizeof(a));
	a.target = target;
	a.attach_type = type;
	a.query_flags = OPTS_GET(opts, query_flags, 0);
	a.prog_ids = ptr_to_u64(OPTS_GET(opts, prog_ids, NULL));
	a.count = OPTS_GET(opts, count, 0);
	a.prog_attach_flags = ptr_to_u64(OPTS_GET(opts, prog_attach_flags, NULL));
	a.link_ids = ptr_to_u64(OPTS_GET(opts, link_ids, NULL));
	a.link_attach_flags = ptr_to_u64(OPTS_GET(opts, link_attach_flags, NULL));
	/* the old layout, when no field of the new one is used */
	if (!a.link_ids && !a.link_attach_flags)
		sz = offsetof(struct prog_query_attr, link_ids);
	ret = sys_bpf(BPF_PROG_QUERY, (union bpf_attr *)&a, sz);
	OPTS_SET(opts, attach_flags, a.attach_flags);
	OPTS_SET(opts, count, a.count);
	OPTS_SET(opts, revision, a.revision);
	return libbpf_err(ret);
}

int bpf_prog_bind_map(int prog_fd, int map_fd, const struct bpf_prog_bind_opts *opts)
{
	const size_t sz = attr_size(prog_bind_map);
	union bpf_attr attr;

	if (!OPTS_VALID(opts, bpf_prog_bind_opts))
		return libbpf_err(-EINVAL);
	memset(&attr, 0, sz);
	attr.prog_bind_map.prog_fd = prog_fd;
	attr.prog_bind_map.map_fd = map_fd;
	attr.prog_bind_map.flags = OPTS_GET(opts, flags, 0);
	return sys_bpf_err(BPF_PROG_BIND_MAP, &attr, sz);
}

/* Newer than the 6.1 UAPI headers, and than kernel 6.18. */
#define CMD_PROG_ASSOC_STRUCT_OPS	38

int bpf_prog_assoc_struct_ops(int prog_fd, int map_fd,
			      struct bpf_prog_assoc_struct_ops_opts *opts)
{
	struct {
		__u32 map_fd;
		__u32 prog_fd;
		__u32 flags;
	} assoc = { map_fd, prog_fd, 0 };
	union bpf_attr attr;

	if (!OPTS_VALID(opts, bpf_prog_assoc_struct_ops_opts))
		return libbpf_err(-EINVAL);
	assoc.flags = OPTS_GET(opts, flags, 0);
	memset(&attr, 0, sizeof(assoc));
	memcpy(&attr, &assoc, sizeof(assoc));
	return sys_bpf_err(CMD_PROG_ASSOC_STRUCT_OPS, &attr, sizeof(assoc));
}

int bpf_enable_stats(enum bpf_stats_type type)
{
	const size_t sz = attr_size(enable_stats);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.enable_stats.type = type;
	return sys_bpf_err(BPF_ENABLE_STATS, &attr, sz);
}

int bpf_task_fd_query(int pid, int fd, __u32 flags, char *buf, __u32 *buf_len, __u32 *prog_id,
		      __u32 *fd_type, __u64 *probe_offset, __u64 *probe_addr)
{
	const size_t sz = attr_size(task_fd_query);
	union bpf_attr attr;
	int ret;

	memset(&attr, 0, sz);
	attr.task_fd_query.pid = pid;
	attr.task_fd_query.fd = fd;
	attr.task_fd_query.flags = flags;
	attr.task_fd_query.buf = ptr_to_u64(buf);
	attr.task_fd_query.buf_len = *buf_len;
	ret = sys_bpf(BPF_TASK_FD_QUERY, &attr, sz);
	*buf_len = attr.task_fd_query.buf_len;
	*prog_id = attr.task_fd_query.prog_id;
	*fd_type = attr.task_fd_query.fd_type;
	*probe_offset = attr.task_fd_query.probe_offset;
	*probe_addr = attr.task_fd_query.probe_addr;
	return libbpf_err(ret);
}
