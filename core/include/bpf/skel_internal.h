/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Runtime of light skeletons (*.lskel.h, `bpftool gen skeleton -L`): the
 * generated header includes this one and needs nothing else, no library.
 * A light skeleton carries a loader program (BPF_PROG_TYPE_SYSCALL) and its
 * data blob; bpf_load_and_run() loads that program and runs it once, and the
 * loader creates the maps and programs and writes their fds into the
 * skeleton's context (struct bpf_loader_ctx followed by the map and program
 * descriptors). The layouts below are what the generated loader reads and
 * writes: they must stay as they are.
 *
 * User space only; the calls are raw bpf(2) syscalls.
 */
#ifndef __BPFCORE_SKEL_INTERNAL_H
#define __BPFCORE_SKEL_INTERNAL_H

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/bpf.h>

#ifndef __NR_bpf
# if defined(__x86_64__)
#  define __NR_bpf 321
# elif defined(__aarch64__) || defined(__riscv) || defined(__loongarch__)
#  define __NR_bpf 280
# elif defined(__i386__)
#  define __NR_bpf 357
# elif defined(__s390__)
#  define __NR_bpf 351
# elif defined(__arm__)
#  define __NR_bpf 386
# else
#  error "__NR_bpf is not known for this architecture"
# endif
#endif

/* One map: the loader writes map_fd; max_entries and initial_value are its input. */
struct bpf_map_desc {
	int map_fd;
	__u32 max_entries;
	__aligned_u64 initial_value;
};

/* One program: the loader writes prog_fd. */
struct bpf_prog_desc {
	int prog_fd;
};

enum {
	BPF_SKEL_KERNEL = (1ULL << 0),	/* loaded from the kernel (bpf_preload) */
};

/* Head of a light skeleton's context, which its map and program descriptors follow. */
struct bpf_loader_ctx {
	__u32 sz;		/* size of the whole context */
	__u32 flags;		/* BPF_SKEL_* */
	__u32 log_level;	/* verifier log of the programs the loader loads */
	__u32 log_size;
	__u64 log_buf;
};

/* What bpf_load_and_run() loads and runs; errstr says which step failed. */
struct bpf_load_and_run_opts {
	struct bpf_loader_ctx *ctx;
	const void *data;
	const void *insns;
	__u32 data_sz;
	__u32 insns_sz;
	const char *errstr;
	/* signed loaders (newer generators): refused, see bpf_load_and_run() */
	void *signature;
	__u32 signature_sz;
	__s32 keyring_id;
	void *excl_prog_hash;
	__u32 excl_prog_hash_sz;
};

static inline int skel_sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	return (int)syscall(__NR_bpf, cmd, attr, size);
}

static inline void *skel_alloc(size_t size)
{
	return calloc(1, size);
}

static inline void skel_free(void *p)
{
	free(p);
}

/* An anonymous shared mapping holding a map's initial value (the loader copies it). */
static inline void *skel_prep_map_data(const void *val, size_t mmap_sz, size_t val_sz)
{
	void *addr = mmap(NULL, mmap_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			  -1, 0);

	if (addr == MAP_FAILED)
		return NULL;
	memcpy(addr, val, val_sz);
	return addr;
}

/* The map fd mapped over that same address, so the skeleton's pointers stay valid. */
static inline void *skel_finalize_map_data(__u64 *init_val, size_t mmap_sz, int flags, int fd)
{
	void *addr = mmap((void *)(long)*init_val, mmap_sz, flags, MAP_SHARED | MAP_FIXED,
			  fd, 0);

	return addr == MAP_FAILED ? NULL : addr;
}

static inline void skel_free_map_data(void *p, __u64 addr, size_t sz)
{
	(void)addr;
	munmap(p, sz);
}

/* Close fd if the loader set it (fd 0 means "not created"). */
static inline int skel_closenz(int fd)
{
	return fd > 0 ? close(fd) : -EINVAL;
}

#ifndef offsetofend
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof(((TYPE *)0)->MEMBER))
#endif

static inline int skel_map_create(enum bpf_map_type map_type, const char *map_name,
				  __u32 key_size, __u32 value_size, __u32 max_entries)
{
	const size_t sz = offsetofend(union bpf_attr, map_extra);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_type = map_type;
	strncpy(attr.map_name, map_name, sizeof(attr.map_name) - 1);
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	return skel_sys_bpf(BPF_MAP_CREATE, &attr, sz);
}

static inline int skel_map_update_elem(int fd, const void *key, const void *value, __u64 flags)
{
	const size_t sz = offsetofend(union bpf_attr, flags);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	attr.key = (unsigned long)key;
	attr.value = (unsigned long)value;
	attr.flags = flags;
	return skel_sys_bpf(BPF_MAP_UPDATE_ELEM, &attr, sz);
}

static inline int skel_map_delete_elem(int fd, const void *key)
{
	const size_t sz = offsetofend(union bpf_attr, flags);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	attr.key = (unsigned long)key;
	return skel_sys_bpf(BPF_MAP_DELETE_ELEM, &attr, sz);
}

static inline int skel_map_get_fd_by_id(__u32 id)
{
	const size_t sz = offsetofend(union bpf_attr, open_flags);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_id = id;
	return skel_sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr, sz);
}

static inline int skel_map_freeze(int fd)
{
	const size_t sz = offsetofend(union bpf_attr, map_fd);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	return skel_sys_bpf(BPF_MAP_FREEZE, &attr, sz);
}

static inline int skel_raw_tracepoint_open(const char *name, int prog_fd)
{
	const size_t sz = offsetofend(union bpf_attr, raw_tracepoint.prog_fd);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.raw_tracepoint.name = (unsigned long)name;
	attr.raw_tracepoint.prog_fd = prog_fd;
	return skel_sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr, sz);
}

static inline int skel_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type)
{
	const size_t sz = offsetofend(union bpf_attr, link_create.iter_info_len);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.target_fd = target_fd;
	attr.link_create.attach_type = attach_type;
	return skel_sys_bpf(BPF_LINK_CREATE, &attr, sz);
}

/* The loader's data blob in a one-slot array, frozen: the loader's fd_array[0]. */
static inline int __skel_loader_map(struct bpf_load_and_run_opts *opts)
{
	int fd, key = 0, err;

	fd = skel_map_create(BPF_MAP_TYPE_ARRAY, "__loader.map", 4, opts->data_sz, 1);
	if (fd < 0) {
		opts->errstr = "failed to create loader map";
		return -errno;
	}
	err = skel_map_update_elem(fd, &key, opts->data, 0);
	if (!err)
		err = skel_map_freeze(fd);
	if (err) {
		err = -errno;
		opts->errstr = "failed to fill and freeze the loader map";
		close(fd);
		return err;
	}
	return fd;
}

/*
 * Load the skeleton's loader program and run it once on opts->ctx: 0 when
 * the loader created everything (the fds are in the context), else a
 * negative errno (errno set too) with opts->errstr saying which step failed.
 */
static inline int bpf_load_and_run(struct bpf_load_and_run_opts *opts)
{
	const size_t load_sz = offsetofend(union bpf_attr, fd_array);
	const size_t run_sz = offsetofend(union bpf_attr, test);
	int map_fd, prog_fd = -1, err;
	union bpf_attr attr;

	if (opts->signature || opts->signature_sz || opts->excl_prog_hash) {
		opts->errstr = "signed loader programs are not supported";
		errno = EOPNOTSUPP;
		return -EOPNOTSUPP;
	}
	map_fd = __skel_loader_map(opts);
	if (map_fd < 0) {
		errno = -map_fd;
		return map_fd;
	}
	memset(&attr, 0, load_sz);
	attr.prog_type = BPF_PROG_TYPE_SYSCALL;
	attr.insns = (unsigned long)opts->insns;
	attr.insn_cnt = opts->insns_sz / sizeof(struct bpf_insn);
	attr.license = (unsigned long)"Dual BSD/GPL";
	memcpy(attr.prog_name, "__loader.prog", sizeof("__loader.prog"));
	attr.fd_array = (unsigned long)&map_fd;
	attr.log_level = opts->ctx->log_level;
	attr.log_size = opts->ctx->log_size;
	attr.log_buf = opts->ctx->log_buf;
	attr.prog_flags = BPF_F_SLEEPABLE;
	prog_fd = skel_sys_bpf(BPF_PROG_LOAD, &attr, load_sz);
	if (prog_fd < 0) {
		err = -errno;
		opts->errstr = "failed to load loader prog";
		goto out;
	}
	memset(&attr, 0, run_sz);
	attr.test.prog_fd = prog_fd;
	attr.test.ctx_in = (unsigned long)opts->ctx;
	attr.test.ctx_size_in = opts->ctx->sz;
	if (skel_sys_bpf(BPF_PROG_RUN, &attr, run_sz) < 0) {
		err = -errno;
		opts->errstr = "failed to execute loader prog";
	} else if ((int)attr.test.retval < 0) {
		err = (int)attr.test.retval;
		opts->errstr = "error returned by loader prog";
	} else {
		err = 0;
	}
out:
	close(map_fd);
	if (prog_fd >= 0)
		close(prog_fd);
	if (err)
		errno = -err;
	return err;
}

#endif /* __BPFCORE_SKEL_INTERNAL_H */
