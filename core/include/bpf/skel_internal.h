/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The runtime of light skeletons ("bpfctl gen skeleton -L", "bpftool gen
 * skeleton -L"): a light skeleton embeds a loader program and its data,
 * and needs nothing but this header, libc and the kernel's UAPI headers.
 * bpf_load_and_run() hands the data to the kernel in an array map, loads
 * the loader as a BPF_PROG_TYPE_SYSCALL program with that map as
 * fd_array[0], and runs it once with the skeleton as its context: the
 * loader creates the maps, loads the programs and leaves their fds in the
 * skeleton's bpf_map_desc and bpf_prog_desc entries.
 *
 * User space only. The layout of the structs below is what generated
 * light skeletons and the loader programs agree on.
 */
#ifndef __SKEL_INTERNAL_H
#define __SKEL_INTERNAL_H

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/bpf.h>

#ifndef __NR_bpf
#error "__NR_bpf is not defined for this architecture"
#endif

/* One map of the skeleton. */
struct bpf_map_desc {
	int map_fd;			/* set by the loader */
	__u32 max_entries;		/* 0, or the size the map is created with */
	__aligned_u64 initial_value;	/* a data map's memory, read by the loader */
};

/* One program of the skeleton. */
struct bpf_prog_desc {
	int prog_fd;			/* set by the loader */
};

enum {
	BPF_SKEL_KERNEL = (1ULL << 0),	/* initial values are kernel memory */
};

/* The start of the loader's context: the skeleton itself. */
struct bpf_loader_ctx {
	__u32 sz;			/* up to the skeleton's links */
	__u32 flags;
	__u32 log_level;		/* verifier log of the object's programs and BTF */
	__u32 log_size;
	__u64 log_buf;
};

struct bpf_load_and_run_opts {
	struct bpf_loader_ctx *ctx;
	const void *data;
	const void *insns;
	__u32 data_sz;
	__u32 insns_sz;
	const char *errstr;		/* what failed, when bpf_load_and_run() fails */
	/* signed loaders (bpftool gen skeleton -L -S): refused, see bpf_load_and_run() */
	void *signature;
	__u32 signature_sz;
	__s32 keyring_id;
	void *excl_prog_hash;
	__u32 excl_prog_hash_sz;
};

/* bpf(2): the result, or -1 with errno set. */
static inline int skel_sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	return syscall(__NR_bpf, cmd, attr, size);
}

static inline void *skel_alloc(size_t size)
{
	return calloc(1, size);
}

static inline void skel_free(void *p)
{
	free(p);
}

/*
 * A data map's memory before load: shared anonymous pages holding the
 * object's initial value, which the program may change and the loader
 * copies into the map.
 */
static inline void *skel_prep_map_data(const void *val, size_t mmap_sz, size_t val_sz)
{
	void *addr = mmap(NULL, mmap_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			  -1, 0);

	if (addr == MAP_FAILED)
		return NULL;
	memcpy(addr, val, val_sz);
	return addr;
}

/* After load: the map's own memory replaces those pages, at the same address. */
static inline void *skel_finalize_map_data(__u64 *init_val, size_t mmap_sz, int flags, int fd)
{
	void *addr = mmap((void *)(long)*init_val, mmap_sz, flags, MAP_SHARED | MAP_FIXED, fd, 0);

	return addr == MAP_FAILED ? NULL : addr;
}

static inline void skel_free_map_data(void *p, __u64 addr, size_t sz)
{
	(void)addr;
	if (p)
		munmap(p, sz);
}

/* Close fd if the loader set it (fds it makes are never 0). */
static inline int skel_closenz(int fd)
{
	return fd > 0 ? close(fd) : -EINVAL;
}

#define skel_attr_end(field) \
	(offsetof(union bpf_attr, field) + sizeof(((union bpf_attr *)0)->field))

static inline int skel_map_create(enum bpf_map_type map_type, const char *map_name,
				  __u32 key_size, __u32 value_size, __u32 max_entries)
{
	const size_t sz = skel_attr_end(map_extra);
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
	const size_t sz = skel_attr_end(flags);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	attr.key = (long)key;
	attr.value = (long)value;
	attr.flags = flags;
	return skel_sys_bpf(BPF_MAP_UPDATE_ELEM, &attr, sz);
}

static inline int skel_map_lookup_elem(int fd, const void *key, void *value)
{
	const size_t sz = skel_attr_end(flags);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	attr.key = (long)key;
	attr.value = (long)value;
	return skel_sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr, sz);
}

static inline int skel_map_delete_elem(int fd, const void *key)
{
	const size_t sz = skel_attr_end(flags);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_fd = fd;
	attr.key = (long)key;
	return skel_sys_bpf(BPF_MAP_DELETE_ELEM, &attr, sz);
}

static inline int skel_map_get_fd_by_id(__u32 id)
{
	const size_t sz = skel_attr_end(flags);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.map_id = id;
	return skel_sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr, sz);
}

/* A raw tracepoint (name) or BTF-typed tracing program (NULL) link. */
static inline int skel_raw_tracepoint_open(const char *name, int prog_fd)
{
	const size_t sz = skel_attr_end(raw_tracepoint.prog_fd);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.raw_tracepoint.name = (long)name;
	attr.raw_tracepoint.prog_fd = prog_fd;
	return skel_sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr, sz);
}

static inline int skel_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type)
{
	const size_t sz = skel_attr_end(link_create.iter_info_len);
	union bpf_attr attr;

	memset(&attr, 0, sz);
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.target_fd = target_fd;
	attr.link_create.attach_type = attach_type;
	return skel_sys_bpf(BPF_LINK_CREATE, &attr, sz);
}

/* What a bpfctl loader's data starts with: which of its steps failed. */
struct skel_loader_hdr {
	__u32 magic;		/* "BCLD" */
	__u32 failed_step;	/* 1-based, 0: none */
	__u32 steps_off;	/* __u32 offsets of the steps' descriptions */
	__u32 nr_steps;
};

/*
 * Say on stderr what the failed run of the loader was doing: a bpfctl
 * loader names its step in its data; other loaders are named by errstr.
 */
static inline void skel_report_failure(const struct bpf_load_and_run_opts *opts, int map_fd,
				       int err)
{
	const struct skel_loader_hdr *h;
	char *data = NULL;
	const char *what = NULL;
	__u32 key = 0, off;

	if (map_fd >= 0 && opts->data_sz >= sizeof(*h))
		data = (char *)malloc(opts->data_sz + 1);
	if (data && !skel_map_lookup_elem(map_fd, &key, data)) {
		data[opts->data_sz] = '\0';
		h = (const struct skel_loader_hdr *)data;
		if (h->magic == 0x444c4342u && h->failed_step && h->failed_step <= h->nr_steps &&
		    h->steps_off <= opts->data_sz - 4 * h->nr_steps) {
			memcpy(&off, data + h->steps_off + 4 * (h->failed_step - 1), sizeof(off));
			if (off < opts->data_sz)
				what = data + off;
		}
	}
	if (what)
		fprintf(stderr, "light skeleton: %s: %s failed: %s\n", opts->errstr, what,
			strerror(-err));
	else
		fprintf(stderr, "light skeleton: %s: %s\n", opts->errstr, strerror(-err));
	free(data);
}

/*
 * Run the loader: 0 with the skeleton's fds set, or -errno with errno set,
 * opts->errstr saying what failed and a message on stderr.
 */
static inline int bpf_load_and_run(struct bpf_load_and_run_opts *opts)
{
	const size_t load_sz = skel_attr_end(fd_array);
	const size_t run_sz = skel_attr_end(test);
	int map_fd, prog_fd = -1, key = 0, err = 0;
	union bpf_attr attr;

	opts->errstr = NULL;
	/* verifying a signed loader needs a keyring we do not manage */
	if (opts->signature || opts->signature_sz || opts->excl_prog_hash) {
		opts->errstr = "signed loader programs are not supported";
		errno = EOPNOTSUPP;
		return -EOPNOTSUPP;
	}
	map_fd = skel_map_create(BPF_MAP_TYPE_ARRAY, "__loader.map", 4, opts->data_sz, 1);
	if (map_fd < 0) {
		opts->errstr = "failed to create the loader's data map";
		err = -errno;
		goto out;
	}
	if (skel_map_update_elem(map_fd, &key, opts->data, 0) < 0) {
		opts->errstr = "failed to store the loader's data";
		err = -errno;
		goto out;
	}
	memset(&attr, 0, load_sz);
	attr.prog_type = BPF_PROG_TYPE_SYSCALL;
	attr.insns = (long)opts->insns;
	attr.insn_cnt = opts->insns_sz / sizeof(struct bpf_insn);
	attr.license = (long)"Dual BSD/GPL";
	memcpy(attr.prog_name, "__loader.prog", sizeof("__loader.prog"));
	attr.fd_array = (long)&map_fd;
	attr.log_level = opts->ctx->log_level;
	attr.log_size = opts->ctx->log_size;
	attr.log_buf = opts->ctx->log_buf;
	attr.prog_flags = BPF_F_SLEEPABLE;
	prog_fd = skel_sys_bpf(BPF_PROG_LOAD, &attr, load_sz);
	if (prog_fd < 0) {
		opts->errstr = "failed to load the loader program";
		err = -errno;
		goto out;
	}
	memset(&attr, 0, run_sz);
	attr.test.prog_fd = prog_fd;
	attr.test.ctx_in = (long)opts->ctx;
	attr.test.ctx_size_in = opts->ctx->sz;
	if (skel_sys_bpf(BPF_PROG_RUN, &attr, run_sz) < 0) {
		opts->errstr = "failed to run the loader program";
		err = -errno;
	} else if ((int)attr.test.retval < 0) {
		opts->errstr = "the loader program failed";
		err = (int)attr.test.retval;
	}
out:
	if (err)
		skel_report_failure(opts, map_fd, err);
	if (map_fd >= 0)
		close(map_fd);
	if (prog_fd >= 0)
		close(prog_fd);
	if (err)
		errno = -err;
	return err;
}

#endif /* __SKEL_INTERNAL_H */
