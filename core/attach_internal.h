/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the attach files (attach*.c) and the link object (link.c) share: the
 * struct bpf_link behind the public handle and the kernel facts several
 * attach kinds need (tracefs, perf events).
 */
#ifndef __BPFCORE_ATTACH_INTERNAL_H
#define __BPFCORE_ATTACH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/perf_event.h>

#include <bpf/libbpf.h>

/*
 * A program's attachment. Most are BPF links (fd is the link); a perf
 * event attached with PERF_EVENT_IOC_SET_BPF has no BPF link, fd is then
 * the perf event itself. Probes made through tracefs (legacy kprobes and
 * uprobes) are removed again when the link goes.
 */
struct bpf_link {
	int fd;			/* BPF link, or perf event for ioctl attachments */
	int perf_fd;		/* perf event under a perf-event link, or -1 */
	bool perf_ioctl;	/* fd is a perf event with the program set by ioctl */
	bool disconnected;	/* destroy leaves the attachment alone */
	/*
	 * From bpf_map__attach_struct_ops(): st_ops_link for a struct_ops BPF
	 * link; st_ops_map when fd is (a dup of) the map itself, registered
	 * by updating its element, which detaching deletes.
	 */
	bool st_ops_link;
	bool st_ops_map;
	char *legacy_probe;	/* "kprobe:group/event" or "uprobe:..." to remove, or NULL */
	char *pin_path;
	/*
	 * A link made of several attachments (USDT: one uprobe per probe
	 * site) owns them in subs; fd is then the only one's, or -1.
	 * release frees what the attach kind keeps in priv.
	 */
	struct bpf_link **subs;
	size_t sub_cnt;
	void (*release)(struct bpf_link *link);
	void *priv;
};

/* ---- link.c ---- */

/* A link around fd (taken over); NULL with errno set on ENOMEM (fd closed). */
struct bpf_link *link_new(int fd);

/* ---- struct_ops_attach.c ---- */

/* Unregister the struct_ops map of an st_ops_map link: delete its element. */
int struct_ops_unregister(struct bpf_link *link);

/* ---- probe.c ---- */

/*
 * Try a uprobe_multi link of attach_type for prog_fd on "/" (no regular
 * file) at offset 0 for pid: 0 if the kernel made one, else its errno
 * (EBADF: it has such links and got as far as the file).
 */
int uprobe_multi_try(int prog_fd, __u32 attach_type, __u32 pid);

/* ---- attach.c ---- */

/* fd of a loaded program, or -EINVAL with a warning naming it. */
int attach_prog_fd(const struct bpf_program *prog);

/* ---- tracefs.c ---- */

#include "tracefs.h"

/* ---- attach_perf.c ---- */

/* Read a small (sysfs, tracefs) file into buf, NUL-terminated; 0 or -errno. */
int read_small_file(const char *path, char *buf, size_t size);


/*
 * Id of the tracefs event cat/name; -ENOENT with a warning (for prog,
 * naming what) when there is no such event.
 */
int tracefs_event_id(const char *prog, const char *what, const char *cat, const char *name);

/* perf_event_open(2); the fd or -errno. */
int perf_event_open_fd(struct perf_event_attr *attr, int pid, int cpu);

/*
 * Attach prog to the perf event pfd, which the link takes over on success
 * (the caller closes it on failure): a perf-event BPF link, or
 * PERF_EVENT_IOC_SET_BPF where the kernel has no such links or force_ioctl
 * is set. what names the target in errors ("tracepoint 'a/b'").
 */
struct bpf_link *attach_perf_fd(const struct bpf_program *prog, int pfd, __u64 cookie,
				bool force_ioctl, const char *what);

/* ---- attach_tracing_multi.c ---- */

/*
 * The kernel functions a trampoline can trace whose names match pattern,
 * "GLOB" in vmlinux BTF or "MODULE:GLOB" in a module's: their count, with
 * their BTF ids in *ids (to free), or -errno (-EINVAL: none) with a warning
 * naming prog.
 */
int tracing_multi_ids(const char *prog, const char *pattern, __u32 **ids);

/* ---- attach_probe.c ---- */

/* Remove a tracefs probe made for a legacy kprobe/uprobe attachment. */
void probe_legacy_remove(const char *probe);

/* ---- attach_elf.c ---- */

/*
 * File offset of function func (optionally "func@VERSION") in the ELF file
 * path, found in .symtab or .dynsym; -ENOENT with a warning naming prog,
 * the file and the function when it has no such symbol.
 */
long elf_func_offset(const char *prog, const char *path, const char *func);

/*
 * File offsets of the functions syms[0..cnt) (each "func" or
 * "func@VERSION") of the ELF file path, into offsets. -errno with a
 * warning naming prog, what it attaches and the missing function.
 */
int elf_syms_offsets(const char *prog, const char *what, const char *path,
		     const char *const *syms, size_t cnt, unsigned long *offsets);

/*
 * File offsets of the functions of the ELF file path whose names match the
 * glob pattern ('*', '?', [...]), from .symtab or, when nothing matches
 * there, .dynsym; sorted, each once. *offsets is allocated (the caller
 * frees it). -ENOENT with a warning naming prog, what it attaches, the
 * pattern and the file when nothing matches.
 */
int elf_pattern_offsets(const char *prog, const char *what, const char *path,
			const char *pattern, unsigned long **offsets, size_t *cnt);

/*
 * Full path of a binary or shared library given by name ("libc.so.6",
 * "bash") into buf: names with a '/' are kept, libraries are searched in
 * LD_LIBRARY_PATH and the system library directories, programs in PATH.
 */
int elf_resolve_path(const char *name, char *buf, size_t size);

#endif /* __BPFCORE_ATTACH_INTERNAL_H */
