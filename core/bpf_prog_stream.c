// SPDX-License-Identifier: BSD-2-Clause
/*
 * BPF streams (Linux 6.17): per-program stdout and stderr that programs
 * write with bpf_stream_printk() and the kernel with its own reports
 * (e.g. a program stopped by a fault), read back by user space.
 */
#include <string.h>

#include <bpf/bpf.h>
#include "bpf_attr_recent.h"
#include "bpf_sys.h"
#include "opts.h"

int bpf_prog_stream_read(int prog_fd, __u32 stream_id, void *buf, __u32 buf_len,
			 struct bpf_prog_stream_read_opts *opts)
{
	union attr_recent u;

	if (!OPTS_VALID(opts, bpf_prog_stream_read_opts))
		return libbpf_err(-EINVAL);
	memset(&u, 0, sizeof(u));
	u.stream_read.stream_buf = ptr_to_u64(buf);
	u.stream_read.stream_buf_len = buf_len;
	u.stream_read.stream_id = stream_id;
	u.stream_read.prog_fd = prog_fd;
	return sys_bpf_err(CMD_PROG_STREAM_READ_BY_FD, &u.attr,
			   offsetofend(struct attr_prog_stream_read, prog_fd));
}
