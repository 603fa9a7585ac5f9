// SPDX-License-Identifier: BSD-2-Clause
/*
 * Attachments that are a BPF link on a target: cgroups, network devices
 * (XDP, tcx), network namespaces, iterators, program replacement
 * (freplace), raw tracepoints and BTF-typed tracing programs (tp_btf,
 * fentry/fexit/fmod_ret, lsm), made with BPF_LINK_CREATE, or with
 * BPF_RAW_TRACEPOINT_OPEN where the kernel has no link_create for them.
 */
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "bpf_attr_recent.h"
#include "log.h"
#include "opts.h"

/* Newer than the 6.1 UAPI headers. */
#define AT_TCX_INGRESS 46
#define AT_TCX_EGRESS 47
#ifndef ENOTSUPP
#define ENOTSUPP 524	/* kernel-internal "not supported", seen by user space */
#endif

/* Name of what the fd refers to ("/sys/fs/cgroup/x", "net:[4026531840]"). */
static void fd_target_name(int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	if (n <= 0)
		n = snprintf(buf, size, "fd %d", fd);
	buf[n < (ssize_t)size ? n : (ssize_t)size - 1] = '\0';
}

/* The reason the kernel refused a link, in words for the common errnos. */
static const char *link_reason(enum bpf_attach_type type, int err)
{
	switch (-err) {
	case EEXIST:
	case EBUSY:
		return type == BPF_XDP ? "the device already has an XDP program"
				       : "the target already has a program of this attach type";
	case ENOTSUPP:
	case EOPNOTSUPP:
		return "the kernel can't attach this program type there";
	case ESTALE:
		return "the target's programs changed: it is not at the expected revision";
	case EINVAL:
		if ((unsigned int)type != ATTACH_NETKIT_PRIMARY &&
		    (unsigned int)type != ATTACH_NETKIT_PEER)
			return strerror(-err);
		return "not a netkit device, or the kernel has no netkit (Invalid argument)";
	default:
		return strerror(-err);
	}
}

/* A link from BPF_LINK_CREATE on target, or NULL with a warning naming what. */
static struct bpf_link *link_create(const struct bpf_program *prog, int target,
				    enum bpf_attach_type type, const struct bpf_link_create_opts *opts,
				    const char *what)
{
	int prog_fd = attach_prog_fd(prog), fd, err;

	if (prog_fd < 0)
		return libbpf_err_ptr(prog_fd);
	fd = bpf_link_create(prog_fd, target, type, opts);
	if (fd < 0) {
		err = -errno;
		pr_warn("prog '%s': can't attach to %s: %s\n", bpf_program__name(prog), what,
			link_reason(type, err));
		return libbpf_err_ptr(err);
	}
	return link_new(fd);
}

static const char *attach_type_name(enum bpf_attach_type type)
{
	const char *s = libbpf_bpf_attach_type_str(type);

	return s ? s : "unknown attach type";
}

/*
 * The placement of a program among others on a multi-program target, or
 * NULL with a warning when it names its neighbour twice.
 */
static bool mprog_place_valid(const struct bpf_program *prog, const char *what,
			      __u32 relative_fd, __u32 relative_id)
{
	if (relative_fd && relative_id) {
		pr_warn("prog '%s': can't attach to %s: relative_fd and relative_id both set\n",
			bpf_program__name(prog), what);
		return false;
	}
	return true;
}

struct bpf_link *bpf_program__attach_cgroup_opts(const struct bpf_program *prog, int cgroup_fd,
						 const struct bpf_cgroup_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	enum bpf_attach_type type = bpf_program__expected_attach_type(prog);
	char target[PATH_MAX], what[PATH_MAX + 64];

	if (!OPTS_VALID(opts, bpf_cgroup_opts))
		return libbpf_err_ptr(-EINVAL);
	fd_target_name(cgroup_fd, target, sizeof(target));
	snprintf(what, sizeof(what), "cgroup '%s' as %s", target, attach_type_name(type));
	lopts.flags = OPTS_GET(opts, flags, 0);
	lopts.cgroup.relative_fd = OPTS_GET(opts, relative_fd, 0);
	lopts.cgroup.relative_id = OPTS_GET(opts, relative_id, 0);
	lopts.cgroup.expected_revision = OPTS_GET(opts, expected_revision, 0);
	if (!mprog_place_valid(prog, what, lopts.cgroup.relative_fd, lopts.cgroup.relative_id))
		return libbpf_err_ptr(-EINVAL);
	return link_create(prog, cgroup_fd, type, &lopts, what);
}

struct bpf_link *bpf_program__attach_cgroup(const struct bpf_program *prog, int cgroup_fd)
{
	return bpf_program__attach_cgroup_opts(prog, cgroup_fd, NULL);
}

struct bpf_link *bpf_program__attach_sockmap(const struct bpf_program *prog, int map_fd)
{
	enum bpf_attach_type type = bpf_program__expected_attach_type(prog);
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	char what[BPF_OBJ_NAME_LEN + 96];

	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(map_fd, &info, &len))
		snprintf(what, sizeof(what), "sockmap fd %d (not a map) as %s", map_fd,
			 attach_type_name(type));
	else
		snprintf(what, sizeof(what), "sockmap '%s' (id %u) as %s", info.name, info.id,
			 attach_type_name(type));
	return link_create(prog, map_fd, type, NULL, what);
}

struct bpf_link *bpf_program__attach_netfilter(const struct bpf_program *prog,
					       const struct bpf_netfilter_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	char what[96];

	if (!OPTS_VALID(opts, bpf_netfilter_opts))
		return libbpf_err_ptr(-EINVAL);
	lopts.netfilter.pf = OPTS_GET(opts, pf, 0);
	lopts.netfilter.hooknum = OPTS_GET(opts, hooknum, 0);
	lopts.netfilter.priority = OPTS_GET(opts, priority, 0);
	lopts.netfilter.flags = OPTS_GET(opts, flags, 0);
	snprintf(what, sizeof(what), "netfilter hook %u of family %u at priority %d",
		 lopts.netfilter.hooknum, lopts.netfilter.pf, lopts.netfilter.priority);
	return link_create(prog, 0, ATTACH_NETFILTER, &lopts, what);
}

struct bpf_link *bpf_program__attach_netns(const struct bpf_program *prog, int netns_fd)
{
	enum bpf_attach_type type = bpf_program__expected_attach_type(prog);
	char target[PATH_MAX], what[PATH_MAX + 64];

	fd_target_name(netns_fd, target, sizeof(target));
	snprintf(what, sizeof(what), "network namespace '%s' as %s", target,
		 attach_type_name(type));
	return link_create(prog, netns_fd, type, NULL, what);
}

/* "device 'eth0' (ifindex 2)" into buf. */
static void device_name(int ifindex, char *buf, size_t size)
{
	char name[IF_NAMESIZE];

	if (ifindex > 0 && if_indextoname(ifindex, name))
		snprintf(buf, size, "device '%s' (ifindex %d)", name, ifindex);
	else
		snprintf(buf, size, "device ifindex %d (no such device)", ifindex);
}

struct bpf_link *bpf_program__attach_xdp(const struct bpf_program *prog, int ifindex)
{
	char what[IF_NAMESIZE + 64];

	device_name(ifindex, what, sizeof(what));
	return link_create(prog, ifindex, BPF_XDP, NULL, what);
}

/* The two attach types of a device hook with several programs: tcx, netkit. */
struct dev_hook {
	const char *kind;		/* "tcx" */
	const char *sides[2];		/* its SEC() suffixes: "ingress", "egress" */
	unsigned int types[2];
};

/*
 * A link on device ifindex as the program's attach type, one of hook's, at
 * the place lopts gives (relative_fd, relative_id: its hook's fields).
 */
static struct bpf_link *dev_hook_link(const struct bpf_program *prog, int ifindex,
				      const struct dev_hook *hook,
				      const struct bpf_link_create_opts *lopts,
				      __u32 relative_fd, __u32 relative_id)
{
	enum bpf_attach_type type = bpf_program__expected_attach_type(prog);
	char what[IF_NAMESIZE + 96], dev[IF_NAMESIZE + 64];
	const char *name = bpf_program__name(prog);

	if (!ifindex) {
		pr_warn("prog '%s': can't attach to %s: no device (ifindex 0)\n", name, hook->kind);
		return libbpf_err_ptr(-EINVAL);
	}
	device_name(ifindex, dev, sizeof(dev));
	snprintf(what, sizeof(what), "%s as %s", dev, attach_type_name(type));
	if ((unsigned int)type != hook->types[0] && (unsigned int)type != hook->types[1]) {
		pr_warn("prog '%s': can't attach to %s: not a %s program (SEC(\"%s/%s\") "
			"or SEC(\"%s/%s\"))\n", name, dev, hook->kind, hook->kind, hook->sides[0],
			hook->kind, hook->sides[1]);
		return libbpf_err_ptr(-EINVAL);
	}
	if (!mprog_place_valid(prog, what, relative_fd, relative_id))
		return libbpf_err_ptr(-EINVAL);
	return link_create(prog, ifindex, type, lopts, what);
}

struct bpf_link *bpf_program__attach_tcx(const struct bpf_program *prog, int ifindex,
					 const struct bpf_tcx_opts *opts)
{
	static const struct dev_hook tcx = {
		"tcx", { "ingress", "egress" }, { AT_TCX_INGRESS, AT_TCX_EGRESS }
	};
	LIBBPF_OPTS(bpf_link_create_opts, lopts);

	if (!OPTS_VALID(opts, bpf_tcx_opts))
		return libbpf_err_ptr(-EINVAL);
	lopts.flags = OPTS_GET(opts, flags, 0);
	lopts.tcx.relative_fd = OPTS_GET(opts, relative_fd, 0);
	lopts.tcx.relative_id = OPTS_GET(opts, relative_id, 0);
	lopts.tcx.expected_revision = OPTS_GET(opts, expected_revision, 0);
	return dev_hook_link(prog, ifindex, &tcx, &lopts, lopts.tcx.relative_fd,
			     lopts.tcx.relative_id);
}

struct bpf_link *bpf_program__attach_netkit(const struct bpf_program *prog, int ifindex,
					    const struct bpf_netkit_opts *opts)
{
	static const struct dev_hook netkit = {
		"netkit", { "primary", "peer" }, { ATTACH_NETKIT_PRIMARY, ATTACH_NETKIT_PEER }
	};
	LIBBPF_OPTS(bpf_link_create_opts, lopts);

	if (!OPTS_VALID(opts, bpf_netkit_opts))
		return libbpf_err_ptr(-EINVAL);
	lopts.flags = OPTS_GET(opts, flags, 0);
	lopts.netkit.relative_fd = OPTS_GET(opts, relative_fd, 0);
	lopts.netkit.relative_id = OPTS_GET(opts, relative_id, 0);
	lopts.netkit.expected_revision = OPTS_GET(opts, expected_revision, 0);
	return dev_hook_link(prog, ifindex, &netkit, &lopts, lopts.netkit.relative_fd,
			     lopts.netkit.relative_id);
}

struct bpf_link *bpf_program__attach_iter(const struct bpf_program *prog,
					  const struct bpf_iter_attach_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	const char *sec = bpf_program__section_name(prog), *slash = strchr(sec, '/');
	char what[300];

	if (!OPTS_VALID(opts, bpf_iter_attach_opts))
		return libbpf_err_ptr(-EINVAL);
	lopts.iter_info = OPTS_GET(opts, link_info, NULL);
	lopts.iter_info_len = OPTS_GET(opts, link_info_len, 0);
	snprintf(what, sizeof(what), "iterator '%s'", slash ? slash + 1 : sec);
	return link_create(prog, 0, BPF_TRACE_ITER, &lopts, what);
}

/* BTF id of the function func in the BTF of the loaded program prog_fd. */
static int target_prog_func_id(const char *prog, int target_fd, const char *func)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	struct btf *btf;
	int id;

	memset(&info, 0, sizeof(info));
	if (bpf_prog_get_info_by_fd(target_fd, &info, &len)) {
		id = -errno;
		pr_warn("prog '%s': can't replace '%s' in program fd %d: %s\n", prog, func,
			target_fd, strerror(-id));
		return id;
	}
	if (!info.btf_id) {
		pr_warn("prog '%s': can't replace '%s' in program id %u: it has no BTF\n", prog,
			func, info.id);
		return -EINVAL;
	}
	btf = btf__load_from_kernel_by_id(info.btf_id);
	if (!btf) {
		id = -errno;
		pr_warn("prog '%s': can't replace '%s' in program id %u: can't read its BTF: %s\n",
			prog, func, info.id, strerror(-id));
		return id;
	}
	id = btf__find_by_name_kind(btf, func, BTF_KIND_FUNC);
	if (id < 0)
		pr_warn("prog '%s': can't replace '%s' in program id %u: it has no such "
			"function\n", prog, func, info.id);
	btf__free(btf);
	return id < 0 ? -ENOENT : id;
}

struct bpf_link *bpf_program__attach_freplace(const struct bpf_program *prog, int target_fd,
					      const char *attach_func_name)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	char what[300];
	int id;

	if (!!target_fd != !!attach_func_name) {
		pr_warn("prog '%s': freplace needs both a target program and a function, or "
			"neither\n", bpf_program__name(prog));
		return libbpf_err_ptr(-EINVAL);
	}
	if (!target_fd)
		return bpf_program__attach_trace(prog);
	id = target_prog_func_id(bpf_program__name(prog), target_fd, attach_func_name);
	if (id < 0)
		return libbpf_err_ptr(id);
	lopts.target_btf_id = id;
	snprintf(what, sizeof(what), "function '%s' of program fd %d", attach_func_name,
		 target_fd);
	return link_create(prog, target_fd, bpf_program__expected_attach_type(prog), &lopts,
			   what);
}

struct bpf_link *bpf_program__attach_raw_tracepoint_opts(const struct bpf_program *prog,
							 const char *tp_name,
							 struct bpf_raw_tracepoint_opts *opts)
{
	LIBBPF_OPTS(bpf_raw_tp_opts, ropts);
	int prog_fd = attach_prog_fd(prog), fd, err;

	if (!OPTS_VALID(opts, bpf_raw_tracepoint_opts) || !tp_name)
		return libbpf_err_ptr(-EINVAL);
	if (prog_fd < 0)
		return libbpf_err_ptr(prog_fd);
	ropts.tp_name = tp_name;
	ropts.cookie = OPTS_GET(opts, cookie, 0);
	fd = bpf_raw_tracepoint_open_opts(prog_fd, &ropts);
	if (fd < 0) {
		err = -errno;
		pr_warn("prog '%s': can't attach to raw tracepoint '%s': %s\n",
			bpf_program__name(prog), tp_name,
			err == -ENOENT ? "no such tracepoint in the kernel" : strerror(-err));
		return libbpf_err_ptr(err);
	}
	return link_new(fd);
}

struct bpf_link *bpf_program__attach_raw_tracepoint(const struct bpf_program *prog,
						    const char *tp_name)
{
	return bpf_program__attach_raw_tracepoint_opts(prog, tp_name, NULL);
}

/* "fentry 'do_unlinkat'" for a BTF-typed program, from its section name. */
static void trace_target_name(const struct bpf_program *prog, char *buf, size_t size)
{
	const char *sec = bpf_program__section_name(prog), *slash = strchr(sec, '/');

	if (slash)
		snprintf(buf, size, "%.*s '%s'", (int)(slash - sec), sec, slash + 1);
	else
		snprintf(buf, size, "%s", sec);
}

/* Why a BTF-typed program didn't attach: trampolines are what most lack. */
static void trace_failed(const struct bpf_program *prog, const char *what, int err)
{
	enum bpf_attach_type type = bpf_program__expected_attach_type(prog);
	bool trampoline = type == BPF_TRACE_FENTRY || type == BPF_TRACE_FEXIT ||
			  type == BPF_MODIFY_RETURN || type == BPF_LSM_MAC ||
			  bpf_program__type(prog) == BPF_PROG_TYPE_EXT;
	const char *why = strerror(-err);

	if (trampoline && (err == -ENOTSUPP || err == -EOPNOTSUPP || err == -ENODEV))
		why = "the kernel can't attach BPF trampolines (fentry/fexit/fmod_ret/lsm/freplace "
		      "unsupported on this kernel or architecture)";
	else if (trampoline && (err == -EPERM || err == -EACCES))
		why = type == BPF_LSM_MAC ?
		      "the kernel refused (is 'bpf' in the active LSMs, /sys/kernel/security/lsm?)" :
		      "the kernel refused to attach a BPF trampoline there (operation not "
		      "permitted)";
	else if (err == -ENOENT || err == -ESRCH)
		why = "the target is not in the kernel or not traceable";
	pr_warn("prog '%s': can't attach %s: %s (%s)\n", bpf_program__name(prog), what, why,
		strerror(-err));
}

struct bpf_link *bpf_program__attach_trace_opts(const struct bpf_program *prog,
						const struct bpf_trace_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	int prog_fd = attach_prog_fd(prog), fd, err;
	__u64 cookie = OPTS_GET(opts, cookie, 0);
	char what[300];

	if (!OPTS_VALID(opts, bpf_trace_opts))
		return libbpf_err_ptr(-EINVAL);
	if (prog_fd < 0)
		return libbpf_err_ptr(prog_fd);
	trace_target_name(prog, what, sizeof(what));
	lopts.tracing.cookie = cookie;
	fd = bpf_link_create(prog_fd, 0, bpf_program__expected_attach_type(prog), &lopts);
	err = fd < 0 ? -errno : 0;
	/* kernels before 5.19 (no BPF_LINK_CREATE for tracing) take a raw_tp open */
	if (err == -EINVAL && !cookie) {
		fd = bpf_raw_tracepoint_open(NULL, prog_fd);
		err = fd < 0 ? -errno : 0;
	}
	if (err) {
		trace_failed(prog, what, err);
		return libbpf_err_ptr(err);
	}
	return link_new(fd);
}

struct bpf_link *bpf_program__attach_trace(const struct bpf_program *prog)
{
	return bpf_program__attach_trace_opts(prog, NULL);
}

struct bpf_link *bpf_program__attach_lsm(const struct bpf_program *prog)
{
	return bpf_program__attach_trace_opts(prog, NULL);
}
