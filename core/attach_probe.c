// SPDX-License-Identifier: BSD-2-Clause
/*
 * kprobes, uprobes and syscall probes: a perf event of the kprobe or uprobe
 * PMU (its type in /sys/bus/event_source/devices/<pmu>/type) where the
 * kernel has one, else a probe event created in tracefs ("legacy") and
 * opened as a tracepoint; then the program goes on the perf event. A kernel
 * without either says so, by name, instead of a bare errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "log.h"
#include "opts.h"

#define PMU_DIR "/sys/bus/event_source/devices"
#define LEGACY_GROUP "bpfctl"
/* where perf_event_attr.config carries a uprobe's reference counter offset */
#define UPROBE_REF_CTR_SHIFT 32

enum probe_kind { PROBE_KERNEL, PROBE_USER };

/* Where and how to probe; binary is NULL for kprobes. */
struct probe_spec {
	enum probe_kind kind;
	const char *prog;	/* program name, for messages */
	const char *what;	/* "kprobe 'func'", for messages */
	const char *func;	/* kprobe: kernel function */
	const char *binary;	/* uprobe: resolved path */
	size_t offset;		/* from func (kprobe) or from the file start (uprobe) */
	size_t ref_ctr_off;
	bool retprobe;
	int pid;
	__u64 cookie;
	enum probe_attach_mode mode;
};

static const char *pmu_name(enum probe_kind kind)
{
	return kind == PROBE_KERNEL ? "kprobe" : "uprobe";
}

/* Type of the kprobe or uprobe PMU, or -ENOENT when the kernel has none. */
static int pmu_type(enum probe_kind kind)
{
	char path[128], buf[16];

	snprintf(path, sizeof(path), PMU_DIR "/%s/type", pmu_name(kind));
	if (read_small_file(path, buf, sizeof(buf)))
		return -ENOENT;
	return atoi(buf);
}

/* Bit of perf_event_attr.config that makes a return probe ("config:N"). */
static int pmu_retprobe_bit(enum probe_kind kind)
{
	char path[128], buf[32];
	int err;

	snprintf(path, sizeof(path), PMU_DIR "/%s/format/retprobe", pmu_name(kind));
	err = read_small_file(path, buf, sizeof(buf));
	if (err)
		return err;
	if (strncmp(buf, "config:", 7))
		return -EINVAL;
	return atoi(buf + 7);
}

/* The tracefs file that creates legacy probes of kind, if the kernel has it. */
static bool legacy_events_file(enum probe_kind kind, char *path, size_t size)
{
	char root[PATH_MAX];

	if (tracefs_root(root, sizeof(root)))
		return false;
	snprintf(path, size, "%s/%s_events", root, pmu_name(kind));
	return access(path, F_OK) == 0;
}

/*
 * Whether the kernel can make probes of kind at all; if not, say so for
 * spec: a kernel without CONFIG_KPROBES has neither the PMU nor the file.
 */
static int probe_supported(const struct probe_spec *spec)
{
	char path[PATH_MAX + 32];

	if (pmu_type(spec->kind) >= 0 || legacy_events_file(spec->kind, path, sizeof(path)))
		return 0;
	pr_warn("prog '%s': can't attach %s: kernel built without %ss (no %s/%s, no %s_events "
		"in tracefs)\n", spec->prog, spec->what, pmu_name(spec->kind), PMU_DIR,
		pmu_name(spec->kind), pmu_name(spec->kind));
	/* not EOPNOTSUPP, which callers of bpf_program__attach() take as "no target" */
	return -ENOSYS;
}

/* Whether /proc/kallsyms lists the kernel function name. */
static bool kallsyms_has(const char *name)
{
	char line[512], sym[256], type;
	unsigned long long addr;
	bool found = false;
	FILE *f = fopen("/proc/kallsyms", "re");

	if (!f)
		return true;	/* can't tell: don't claim it is missing */
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%llx %c %255s", &addr, &type, sym) == 3 && !strcmp(sym, name);
	fclose(f);
	return found;
}

/* Explain a failed probe creation in terms of its target where we can. */
static void probe_failed(const struct probe_spec *spec, const char *how, int err)
{
	if (spec->kind == PROBE_KERNEL && (err == -ENOENT || err == -EINVAL) &&
	    !kallsyms_has(spec->func)) {
		pr_warn("prog '%s': can't attach %s: no such function in the kernel "
			"(not in /proc/kallsyms)\n", spec->prog, spec->what);
		return;
	}
	pr_warn("prog '%s': can't attach %s: %s: %s\n", spec->prog, spec->what, how,
		strerror(-err));
}

static int probe_pmu_open(const struct probe_spec *spec, int type)
{
	struct perf_event_attr attr = { .size = sizeof(attr), .type = type };
	int bit, pfd;

	if (spec->retprobe) {
		bit = pmu_retprobe_bit(spec->kind);
		if (bit < 0) {
			pr_warn("prog '%s': can't attach %s: the %s PMU has no retprobe format\n",
				spec->prog, spec->what, pmu_name(spec->kind));
			return bit;
		}
		attr.config |= 1ULL << bit;
	}
	if (spec->kind == PROBE_KERNEL) {
		attr.config1 = (__u64)(unsigned long)spec->func;
	} else {
		attr.config1 = (__u64)(unsigned long)spec->binary;
		attr.config |= (__u64)spec->ref_ctr_off << UPROBE_REF_CTR_SHIFT;
	}
	attr.config2 = spec->offset;
	/* one process on any CPU, or every process through CPU 0's context */
	pfd = perf_event_open_fd(&attr, spec->pid < 0 ? -1 : spec->pid, spec->pid < 0 ? 0 : -1);
	if (pfd < 0)
		probe_failed(spec, "perf_event_open", pfd);
	return pfd;
}

/* Append line to a tracefs control file. */
static int tracefs_write(const char *path, const char *line)
{
	ssize_t len = strlen(line), n;
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	n = write(fd, line, len);
	if (n != len)
		err = n < 0 ? -errno : -EIO;
	close(fd);
	return err;
}

void probe_legacy_remove(const char *probe)
{
	enum probe_kind kind = probe[0] == 'k' ? PROBE_KERNEL : PROBE_USER;
	char path[PATH_MAX + 32], line[256];
	int err;

	if (!legacy_events_file(kind, path, sizeof(path)))
		return;
	snprintf(line, sizeof(line), "-:%s\n", probe + 2);
	err = tracefs_write(path, line);
	if (err)
		pr_warn("can't remove probe event '%s' from %s: %s\n", probe + 2, path,
			strerror(-err));
}

/* A tracefs event name for spec, unique to this process and moment. */
static void legacy_event_name(const struct probe_spec *spec, char *buf, size_t size)
{
	struct timespec ts;
	char *p;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(buf, size, "%c%d_%.64s_%zx_%lx", spec->kind == PROBE_KERNEL ? 'k' : 'u',
		 getpid(), spec->func ? spec->func : "addr", spec->offset,
		 (unsigned long)ts.tv_nsec ^ (unsigned long)ts.tv_sec);
	for (p = buf; *p; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			*p = '_';
}

/* Create the tracefs probe for spec and open it; *probe receives what to remove. */
static int probe_legacy_open(const struct probe_spec *spec, char **probe)
{
	struct perf_event_attr attr = { .size = sizeof(attr), .type = PERF_TYPE_TRACEPOINT };
	char path[PATH_MAX + 32], event[128], line[PATH_MAX + 256];
	int err, id, pfd;

	if (!legacy_events_file(spec->kind, path, sizeof(path))) {
		pr_warn("prog '%s': can't attach %s: no %s_events in tracefs\n", spec->prog,
			spec->what, pmu_name(spec->kind));
		return -EOPNOTSUPP;
	}
	legacy_event_name(spec, event, sizeof(event));
	if (spec->kind == PROBE_KERNEL)
		snprintf(line, sizeof(line), "%c:%s/%s %s+%zu\n", spec->retprobe ? 'r' : 'p',
			 LEGACY_GROUP, event, spec->func, spec->offset);
	else
		snprintf(line, sizeof(line), "%c:%s/%s %s:0x%zx\n", spec->retprobe ? 'r' : 'p',
			 LEGACY_GROUP, event, spec->binary, spec->offset);
	err = tracefs_write(path, line);
	if (err) {
		probe_failed(spec, "can't create the tracefs probe", err);
		return err;
	}
	if (asprintf(probe, "%c:%s/%s", spec->kind == PROBE_KERNEL ? 'k' : 'u', LEGACY_GROUP,
		     event) < 0) {
		*probe = NULL;
		err = -ENOMEM;
		goto err_remove;
	}
	id = tracefs_event_id(spec->prog, spec->what, LEGACY_GROUP, event);
	if (id < 0) {
		err = id;
		goto err_remove;
	}
	attr.config = id;
	pfd = perf_event_open_fd(&attr, spec->pid < 0 ? -1 : spec->pid, spec->pid < 0 ? 0 : -1);
	if (pfd < 0) {
		err = pfd;
		probe_failed(spec, "perf_event_open", err);
		goto err_remove;
	}
	return pfd;

err_remove:
	snprintf(line, sizeof(line), "-:%s/%s\n", LEGACY_GROUP, event);
	tracefs_write(path, line);
	free(*probe);
	*probe = NULL;
	return err;
}

/* Open the perf event of spec the way its mode asks and attach the program to it. */
static struct bpf_link *probe_attach(const struct bpf_program *prog,
				     const struct probe_spec *spec)
{
	int type = pmu_type(spec->kind), pfd, err;
	struct bpf_link *link;
	char *probe = NULL;
	bool legacy;

	err = probe_supported(spec);
	if (err)
		return libbpf_err_ptr(err);
	legacy = spec->mode == PROBE_ATTACH_MODE_LEGACY ||
		 (spec->mode == PROBE_ATTACH_MODE_DEFAULT && type < 0);
	if (!legacy && type < 0) {
		pr_warn("prog '%s': can't attach %s: kernel has no %s PMU (%s/%s), needed for "
			"this attach mode\n", spec->prog, spec->what, pmu_name(spec->kind),
			PMU_DIR, pmu_name(spec->kind));
		return libbpf_err_ptr(-ENOSYS);
	}
	pfd = legacy ? probe_legacy_open(spec, &probe) : probe_pmu_open(spec, type);
	if (pfd < 0)
		return libbpf_err_ptr(pfd);
	link = attach_perf_fd(prog, pfd, spec->cookie,
			      legacy || spec->mode == PROBE_ATTACH_MODE_PERF, spec->what);
	if (!link) {
		err = -errno;
		close(pfd);
		if (probe)
			probe_legacy_remove(probe);
		free(probe);
		return libbpf_err_ptr(err);
	}
	link->legacy_probe = probe;
	return link;
}

struct bpf_link *bpf_program__attach_kprobe_opts(const struct bpf_program *prog,
						 const char *func_name,
						 const struct bpf_kprobe_opts *opts)
{
	struct probe_spec spec = { .kind = PROBE_KERNEL, .pid = -1 };
	char what[320];

	if (!OPTS_VALID(opts, bpf_kprobe_opts) || !func_name || !*func_name)
		return libbpf_err_ptr(-EINVAL);
	spec.retprobe = OPTS_GET(opts, retprobe, false);
	spec.offset = OPTS_GET(opts, offset, 0);
	spec.cookie = OPTS_GET(opts, bpf_cookie, 0);
	spec.mode = OPTS_GET(opts, attach_mode, PROBE_ATTACH_MODE_DEFAULT);
	spec.func = func_name;
	spec.prog = bpf_program__name(prog);
	if (spec.offset)
		snprintf(what, sizeof(what), "%s to '%s+0x%zx'",
			 spec.retprobe ? "kretprobe" : "kprobe", func_name, spec.offset);
	else
		snprintf(what, sizeof(what), "%s to '%s'", spec.retprobe ? "kretprobe" : "kprobe",
			 func_name);
	spec.what = what;
	return probe_attach(prog, &spec);
}

struct bpf_link *bpf_program__attach_kprobe(const struct bpf_program *prog, bool retprobe,
					    const char *func_name)
{
	LIBBPF_OPTS(bpf_kprobe_opts, opts, .retprobe = retprobe);

	return bpf_program__attach_kprobe_opts(prog, func_name, &opts);
}

/* The kernel's prefix of syscall entry points on this architecture. */
static const char *syscall_arch_prefix(void)
{
#if defined(__x86_64__)
	return "x64";
#elif defined(__aarch64__)
	return "arm64";
#elif defined(__s390x__)
	return "s390x";
#elif defined(__riscv)
	return "riscv";
#elif defined(__powerpc64__)
	return "powerpc";
#else
	return NULL;
#endif
}

struct bpf_link *bpf_program__attach_ksyscall(const struct bpf_program *prog,
					      const char *syscall_name,
					      const struct bpf_ksyscall_opts *opts)
{
	LIBBPF_OPTS(bpf_kprobe_opts, kopts);
	const char *arch = syscall_arch_prefix();
	struct probe_spec spec = { .kind = PROBE_KERNEL, .prog = bpf_program__name(prog) };
	char func[128], what[160];
	int err;

	if (!OPTS_VALID(opts, bpf_ksyscall_opts) || !syscall_name || !*syscall_name)
		return libbpf_err_ptr(-EINVAL);
	kopts.retprobe = OPTS_GET(opts, retprobe, false);
	kopts.bpf_cookie = OPTS_GET(opts, bpf_cookie, 0);
	snprintf(what, sizeof(what), "%s to syscall '%s'",
		 kopts.retprobe ? "kretsyscall" : "ksyscall", syscall_name);
	spec.what = what;
	err = probe_supported(&spec);
	if (err)
		return libbpf_err_ptr(err);
	/* kernels with syscall wrappers name the entry __<arch>_sys_<name> */
	snprintf(func, sizeof(func), "__%s_sys_%s", arch ? arch : "", syscall_name);
	if (!arch || !kallsyms_has(func))
		snprintf(func, sizeof(func), "sys_%s", syscall_name);
	return bpf_program__attach_kprobe_opts(prog, func, &kopts);
}

struct bpf_link *bpf_program__attach_uprobe_opts(const struct bpf_program *prog, pid_t pid,
						 const char *binary_path, size_t func_offset,
						 const struct bpf_uprobe_opts *opts)
{
	struct probe_spec spec = { .kind = PROBE_USER, .pid = pid };
	const char *func = OPTS_GET(opts, func_name, NULL);
	char path[PATH_MAX], what[PATH_MAX + 128];
	long off;
	int err;

	if (!OPTS_VALID(opts, bpf_uprobe_opts) || !binary_path || !*binary_path)
		return libbpf_err_ptr(-EINVAL);
	spec.prog = bpf_program__name(prog);
	spec.retprobe = OPTS_GET(opts, retprobe, false);
	spec.ref_ctr_off = OPTS_GET(opts, ref_ctr_offset, 0);
	spec.cookie = OPTS_GET(opts, bpf_cookie, 0);
	spec.mode = OPTS_GET(opts, attach_mode, PROBE_ATTACH_MODE_DEFAULT);
	snprintf(what, sizeof(what), "%s to '%s:%s'", spec.retprobe ? "uretprobe" : "uprobe",
		 binary_path, func ? func : "");
	spec.what = what;
	err = elf_resolve_path(binary_path, path, sizeof(path));
	if (err) {
		pr_warn("prog '%s': can't attach %s: no such binary or library '%s'\n", spec.prog,
			what, binary_path);
		return libbpf_err_ptr(err);
	}
	spec.binary = path;
	spec.offset = func_offset;
	if (func && *func) {
		off = elf_func_offset(spec.prog, path, func);
		if (off < 0)
			return libbpf_err_ptr((int)off);
		spec.offset += off;
		spec.func = func;
	}
	return probe_attach(prog, &spec);
}

struct bpf_link *bpf_program__attach_uprobe(const struct bpf_program *prog, bool retprobe,
					    pid_t pid, const char *binary_path,
					    size_t func_offset)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .retprobe = retprobe);

	return bpf_program__attach_uprobe_opts(prog, pid, binary_path, func_offset, &opts);
}
