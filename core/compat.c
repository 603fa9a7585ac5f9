// SPDX-License-Identifier: BSD-2-Clause
/*
 * Small library-wide calls that libbpf applications make from their
 * shared helpers: error pointers, strict mode, RLIMIT_MEMLOCK, the
 * version, and kernel BTF lookups by name.
 */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "log.h"
#include "object_internal.h"

__u32 libbpf_major_version(void)
{
	return LIBBPF_MAJOR_VERSION;
}

__u32 libbpf_minor_version(void)
{
	return LIBBPF_MINOR_VERSION;
}

long libbpf_get_error(const void *ptr)
{
	/* the 1.x convention: NULL with errno; older callers may still pass an error pointer */
	if (!ptr)
		return -errno;
	if ((unsigned long)ptr >= (unsigned long)-4095)
		return (long)ptr;
	return 0;
}

int libbpf_set_strict_mode(enum libbpf_strict_mode mode)
{
	/* strict is the only mode since libbpf 1.0: accepted for old callers */
	(void)mode;
	return 0;
}

/*
 * Kernels since 5.11 account BPF memory to the memory cgroup and ignore
 * RLIMIT_MEMLOCK, so this sets it right away rather than before the first
 * load as libbpf does: no library state to keep, same effect.
 */
int libbpf_set_memlock_rlim(size_t memlock_bytes)
{
	struct rlimit rl = { .rlim_cur = memlock_bytes, .rlim_max = memlock_bytes };

	if (!memlock_bytes)
		return 0;
	if (setrlimit(RLIMIT_MEMLOCK, &rl)) {
		int err = -errno;

		pr_warn("can't set RLIMIT_MEMLOCK to %zu bytes: %s\n", memlock_bytes,
			strerror(-err));
		return libbpf_err(err);
	}
	return 0;
}

struct btf *libbpf_find_kernel_btf(void)
{
	return btf__load_vmlinux_btf();
}

int libbpf_find_vmlinux_btf_id(const char *name, enum bpf_attach_type attach_type)
{
	struct btf *btf;
	int id;

	if (!name)
		return libbpf_err(-EINVAL);
	btf = btf__load_vmlinux_btf();
	if (!btf) {
		id = -errno;
		pr_warn("can't load the kernel's BTF to find '%s': %s\n", name, strerror(-id));
		return libbpf_err(id);
	}
	id = btf_find_vmlinux_attach_id(btf, name, attach_type);
	btf__free(btf);
	if (id < 0)
		pr_warn("'%s' (attach type %d) not found in the kernel's BTF\n", name, attach_type);
	return libbpf_err(id);
}
