// SPDX-License-Identifier: BSD-2-Clause
/*
 * The object's BPF token (Linux 6.9), created at prepare from a bpffs with
 * delegation: its maps, programs, BTF and feature probes then get the
 * rights the bpffs delegates, e.g. in a user namespace without CAP_BPF.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "log.h"
#include "object_internal.h"

#define TOKEN_DEFAULT_BPFFS	"/sys/fs/bpf"

/*
 * A path given by bpf_token_path or LIBBPF_BPF_TOKEN_PATH must give a
 * token; the default bpffs is only tried, as libbpf does: most of them
 * delegate nothing, and loading goes on as without tokens.
 */
int object_token_create(struct bpf_object *obj)
{
	bool required = obj->token_path != NULL;
	const char *path = required ? obj->token_path : TOKEN_DEFAULT_BPFFS;
	enum libbpf_print_level level = required ? LIBBPF_WARN : LIBBPF_DEBUG;
	int bpffs_fd, fd;

	if (required && !path[0]) {
		pr_debug("object '%s': BPF token disabled by an empty token path\n", obj->name);
		return 0;
	}
	bpffs_fd = open(path, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (bpffs_fd < 0) {
		fd = -errno;
		libbpf_print(level, "object '%s': cannot open BPF FS '%s' for a BPF token: %s\n",
			     obj->name, path, strerror(-fd));
		return required ? fd : 0;
	}
	fd = bpf_token_create(bpffs_fd, NULL);
	close(bpffs_fd);
	if (fd < 0) {
		libbpf_print(level, "object '%s': cannot create a BPF token from '%s': %s\n",
			     obj->name, path, strerror(-fd));
		return required ? fd : 0;
	}
	obj->token_fd = fd;
	pr_debug("object '%s': BPF token created from '%s'\n", obj->name, path);
	return 0;
}
