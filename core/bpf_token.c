// SPDX-License-Identifier: BSD-2-Clause
/*
 * BPF tokens (Linux 6.9): a bpffs mounted in a user namespace with
 * delegate_cmds=, delegate_maps=, ... options lends those bpf(2) rights to
 * whoever holds a token created from it.
 */
#include <string.h>

#include <bpf/bpf.h>
#include "bpf_attr_recent.h"
#include "bpf_sys.h"
#include "opts.h"

int bpf_token_create(int bpffs_fd, struct bpf_token_create_opts *opts)
{
	union attr_recent u;

	if (!OPTS_VALID(opts, bpf_token_create_opts))
		return libbpf_err(-EINVAL);
	memset(&u, 0, sizeof(u));
	u.token_create.flags = OPTS_GET(opts, flags, 0);
	u.token_create.bpffs_fd = bpffs_fd;
	return sys_bpf_err(CMD_TOKEN_CREATE, &u.attr, sizeof(u.token_create));
}
