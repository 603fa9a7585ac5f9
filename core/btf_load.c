// SPDX-License-Identifier: BSD-2-Clause
/*
 * Loading BTF into the kernel (BPF_BTF_LOAD): btf__load_into_kernel(), and
 * the verifier log that says why the kernel refused BTF, shared with the
 * object loader.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "btf_internal.h"
#include "log.h"
#include "object_internal.h"

/* The kernel's BTF log is small: 64 KiB, doubled while it says ENOSPC, up to this. */
#define BTF_LOG_MAX (16U << 20)

void btf_print_kernel_log(const void *raw, __u32 size, const char *what, int token_fd)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .token_fd = token_fd > 0 ? token_fd : 0);
	__u32 log_size = 1U << 16;
	char *log = NULL, *p;
	int fd;

	for (;;) {
		p = realloc(log, log_size);
		if (!p)
			break;
		log = p;
		log[0] = '\0';
		opts.log_buf = log;
		opts.log_size = log_size;
		opts.log_level = 1;
		fd = bpf_btf_load(raw, size, &opts);
		if (fd >= 0) {
			/* accepted with a log: nothing to explain */
			close(fd);
			break;
		}
		if (errno != ENOSPC || log_size >= BTF_LOG_MAX) {
			if (log[0])
				log_print(what, LIBBPF_WARN, log, true);
			break;
		}
		log_size *= 2;
	}
	free(log);
}

int btf__load_into_kernel(struct btf *btf)
{
	const void *raw;
	__u32 size;
	int fd;

	if (btf->fd >= 0)
		return libbpf_err(-EEXIST);
	/* the kernel takes its own byte order, whatever btf__endianness() says */
	raw = btf_raw_native(btf, &size);
	if (!raw)
		return libbpf_err(-ENOMEM);
	fd = bpf_btf_load(raw, size, NULL);
	if (fd < 0) {
		fd = -errno;
		pr_warn("btf: the kernel rejects BTF of %u types (%u bytes): %s\n",
			btf__type_cnt(btf) - 1, size, strerror(-fd));
		btf_print_kernel_log(raw, size, "btf", -1);
		return libbpf_err(fd);
	}
	btf->fd = fd;
	return 0;
}
