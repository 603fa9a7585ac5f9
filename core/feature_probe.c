// SPDX-License-Identifier: BSD-2-Clause
/*
 * The public feature probes: does this kernel support a program type, a
 * map type, a helper in a program type? Each asks the kernel directly
 * (load the smallest program, create the smallest map) and reads
 * nothing else, so that probing every type stays cheap.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "bpf_attr_recent.h"
#include "kconfig.h"
#include "log.h"
#include "object_internal.h"

/* Newer than the installed (6.1) UAPI header. */
#define PROG_TYPE_NETFILTER	32
#define MAP_TYPE_CGRP_STORAGE	32
#define MAP_TYPE_ARENA		33
#define MAP_TYPE_INSN_ARRAY	34
#define MAP_TYPE_RHASH		35
#define INSN_ARRAY_VALUE_SIZE	16	/* struct bpf_insn_array_value */
#define ENOTSUPP		524	/* the kernel's, not in userspace errno.h */

/*
 * What a trivial program of one type needs to load, and, for the types
 * that can never load without a real attach target, the refusal (error
 * and verifier message) that shows the kernel knows the type.
 */
struct prog_expect {
	int err;
	const char *msg;
};

static int prog_probe_setup(enum bpf_prog_type type, struct bpf_prog_load_opts *opts,
			    struct prog_expect *exp)
{
	switch ((int)type) {
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
		opts->expected_attach_type = BPF_CGROUP_INET4_CONNECT;
		return 0;
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		opts->expected_attach_type = BPF_CGROUP_GETSOCKOPT;
		return 0;
	case BPF_PROG_TYPE_SK_LOOKUP:
		opts->expected_attach_type = BPF_SK_LOOKUP;
		return 0;
	case BPF_PROG_TYPE_LIRC_MODE2:
		opts->expected_attach_type = BPF_LIRC_MODE2;
		return 0;
	case PROG_TYPE_NETFILTER:
		opts->expected_attach_type = ATTACH_NETFILTER;
		return 0;
	case BPF_PROG_TYPE_KPROBE:
		/* kernels before 5.0 check it */
		opts->kern_version = kconfig_kernel_version();
		return 0;
	case BPF_PROG_TYPE_SYSCALL:
		opts->prog_flags = BPF_F_SLEEPABLE;
		return 0;
	/* type 1 of vmlinux BTF is no function: known types say so */
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
		opts->expected_attach_type = type == BPF_PROG_TYPE_TRACING ? BPF_TRACE_FENTRY :
									     BPF_MODIFY_RETURN;
		opts->attach_btf_id = 1;
		*exp = (struct prog_expect){ -EINVAL, "attach_btf_id 1 is not a function" };
		return 0;
	case BPF_PROG_TYPE_EXT:
		opts->attach_btf_id = 1;
		*exp = (struct prog_expect){ -EINVAL, "Cannot replace kernel functions" };
		return 0;
	case BPF_PROG_TYPE_STRUCT_OPS:
		/* no struct_ops type given */
		*exp = (struct prog_expect){ -ENOTSUPP, NULL };
		return 0;
	case BPF_PROG_TYPE_UNSPEC:
	case BPF_PROG_TYPE_SOCKET_FILTER:
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_XDP:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_LWT_IN:
	case BPF_PROG_TYPE_LWT_OUT:
	case BPF_PROG_TYPE_LWT_XMIT:
	case BPF_PROG_TYPE_SOCK_OPS:
	case BPF_PROG_TYPE_SK_SKB:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_SK_MSG:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
	case BPF_PROG_TYPE_LWT_SEG6LOCAL:
	case BPF_PROG_TYPE_SK_REUSEPORT:
	case BPF_PROG_TYPE_FLOW_DISSECTOR:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/*
 * Load insns as a program of type: 1 if the kernel supports the type, 0 if
 * not, -EOPNOTSUPP for a type this library cannot probe. The verifier log
 * goes to log (size log_sz) when given.
 */
static int probe_prog_load(enum bpf_prog_type type, const struct bpf_insn *insns, size_t cnt,
			   char *log, size_t log_sz)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	struct prog_expect exp = { 0, NULL };
	char own_log[4096];
	int fd, err;

	err = prog_probe_setup(type, &opts, &exp);
	if (err)
		return err;
	if (exp.msg && !log) {
		log = own_log;
		log_sz = sizeof(own_log);
	}
	if (log) {
		log[0] = '\0';
		opts.log_buf = log;
		opts.log_size = log_sz;
		opts.log_level = 1;
	}
	fd = bpf_prog_load(type, NULL, "GPL", insns, cnt, &opts);
	if (fd >= 0) {
		close(fd);
		return exp.err ? 0 : 1;
	}
	err = -errno;
	if (!exp.err)
		return 0;
	return err == exp.err && (!exp.msg || strstr(log, exp.msg));
}

int libbpf_probe_bpf_prog_type(enum bpf_prog_type prog_type, const void *opts)
{
	if (opts)
		return libbpf_err(-EINVAL);
	return libbpf_err(probe_prog_load(prog_type, probe_return_zero, 2, NULL, 0));
}

/* The BTF that local storage maps need: a value with a struct bpf_spin_lock. */
static int local_storage_btf(void)
{
	static const char strs[] = "\0bpf_spin_lock\0val\0cnt\0l";
	static const __u32 types[] = {
		0, BTF_KIND_INT << 24, 4, (BTF_INT_SIGNED << 24) | 32,	/* [1] int */
		1, (BTF_KIND_STRUCT << 24) | 1, 4,			/* [2] bpf_spin_lock */
		15, 1, 0,						/* int val */
		15, (BTF_KIND_STRUCT << 24) | 2, 8,			/* [3] val */
		19, 1, 0,						/* int cnt */
		23, 2, 32,						/* lock l */
	};

	return probe_btf_load(types, sizeof(types), strs, sizeof(strs), 0);
}

struct map_probe {
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	bool inner_map;		/* a map of maps: needs a template map */
	bool local_storage;	/* needs local_storage_btf() */
	int exp_err;		/* the refusal that shows support, or 0 */
};

static int map_probe_setup(enum bpf_map_type type, struct bpf_map_create_opts *opts,
			   struct map_probe *p)
{
	*p = (struct map_probe){ .key_size = 4, .value_size = 4, .max_entries = 1 };
	switch ((int)type) {
	case BPF_MAP_TYPE_STACK_TRACE:
		p->value_size = 8;
		return 0;
	case BPF_MAP_TYPE_LPM_TRIE:
		p->key_size = 8;
		p->value_size = 8;
		opts->map_flags = BPF_F_NO_PREALLOC;
		return 0;
	case MAP_TYPE_RHASH:
		opts->map_flags = BPF_F_NO_PREALLOC;
		return 0;
	case BPF_MAP_TYPE_CGROUP_STORAGE:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		p->key_size = sizeof(struct bpf_cgroup_storage_key);
		p->value_size = 8;
		p->max_entries = 0;
		return 0;
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
	case BPF_MAP_TYPE_BLOOM_FILTER:
		p->key_size = 0;
		return 0;
	case BPF_MAP_TYPE_SK_STORAGE:
	case BPF_MAP_TYPE_INODE_STORAGE:
	case BPF_MAP_TYPE_TASK_STORAGE:
	case MAP_TYPE_CGRP_STORAGE:
		p->value_size = 8;
		p->max_entries = 0;
		p->local_storage = true;
		opts->btf_key_type_id = 1;
		opts->btf_value_type_id = 3;
		opts->map_flags = BPF_F_NO_PREALLOC;
		return 0;
	case BPF_MAP_TYPE_RINGBUF:
	case BPF_MAP_TYPE_USER_RINGBUF:
		p->key_size = 0;
		p->value_size = 0;
		p->max_entries = sysconf(_SC_PAGE_SIZE);
		return 0;
	case BPF_MAP_TYPE_STRUCT_OPS:
		/* type 1 of vmlinux BTF is no struct_ops value */
		opts->btf_vmlinux_value_type_id = 1;
		p->exp_err = -ENOTSUPP;
		return 0;
	case MAP_TYPE_ARENA:
		p->key_size = 0;
		p->value_size = 0;
		opts->map_flags = BPF_F_MMAPABLE;
		return 0;
	case MAP_TYPE_INSN_ARRAY:
		p->value_size = INSN_ARRAY_VALUE_SIZE;
		return 0;
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		p->inner_map = true;
		return 0;
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PROG_ARRAY:
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_CGROUP_ARRAY:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_SOCKMAP:
	case BPF_MAP_TYPE_CPUMAP:
	case BPF_MAP_TYPE_XSKMAP:
	case BPF_MAP_TYPE_SOCKHASH:
	case BPF_MAP_TYPE_REUSEPORT_SOCKARRAY:
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* Create the smallest map of type: 1 supported, 0 not, or -errno. */
static int probe_map_create(enum bpf_map_type type)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts);
	int fd = -1, inner_fd = -1, btf_fd = -1, err;
	struct map_probe p;

	err = map_probe_setup(type, &opts, &p);
	if (err)
		return err;
	if (p.local_storage) {
		btf_fd = local_storage_btf();
		if (btf_fd < 0)
			return btf_fd;
		opts.btf_fd = btf_fd;
	}
	if (p.inner_map) {
		inner_fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, NULL);
		if (inner_fd < 0)
			goto out;
		opts.inner_map_fd = inner_fd;
	}
	fd = bpf_map_create(type, NULL, p.key_size, p.value_size, p.max_entries, &opts);
	err = fd < 0 ? -errno : 0;
out:
	if (fd >= 0)
		close(fd);
	if (inner_fd >= 0)
		close(inner_fd);
	if (btf_fd >= 0)
		close(btf_fd);
	if (p.exp_err)
		return fd < 0 && err == p.exp_err;
	return fd >= 0;
}

int libbpf_probe_bpf_map_type(enum bpf_map_type map_type, const void *opts)
{
	if (opts)
		return libbpf_err(-EINVAL);
	return libbpf_err(probe_map_create(map_type));
}

/*
 * The verifier's words for a helper it does not know at all, or does not
 * allow in the program type. Any other refusal concerns the arguments of
 * the call: the helper itself is allowed.
 */
static bool helper_refused(const char *log)
{
	return strstr(log, "invalid func ") || strstr(log, "unknown func ") ||
	       strstr(log, "program of this type cannot use helper ");
}

int libbpf_probe_bpf_helper(enum bpf_prog_type prog_type, enum bpf_func_id helper_id,
			    const void *opts)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = (__s32)helper_id },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char log[4096];
	int ret;

	if (opts)
		return libbpf_err(-EINVAL);
	/* these types load only against a real attach target */
	switch (prog_type) {
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_EXT:
	case BPF_PROG_TYPE_LSM:
	case BPF_PROG_TYPE_STRUCT_OPS:
		return libbpf_err(-EOPNOTSUPP);
	default:
		break;
	}
	ret = probe_prog_load(prog_type, insns, 2, log, sizeof(log));
	if (ret < 0)
		return libbpf_err(ret);
	return ret == 0 && helper_refused(log) ? 0 : 1;
}
