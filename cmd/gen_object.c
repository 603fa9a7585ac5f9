// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl gen object OUTPUT_FILE INPUT_FILE...": BPF object files linked
 * statically into one, as bpftool does. The output is written to a
 * temporary file next to OUTPUT_FILE and renamed onto it only once the
 * link succeeded, so a failed link leaves nothing behind.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "gen_object.h"
#include "report.h"

/* A temporary file in the directory of path: its fd, its name in *tmp. */
static int tmp_create(const char *path, char **tmp)
{
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;
	mode_t mask;
	int fd;

	if (asprintf(tmp, "%.*s.%s.XXXXXX", dir_len, path, slash ? slash + 1 : path) < 0) {
		*tmp = NULL;
		return -ENOMEM;
	}
	fd = mkstemp(*tmp);
	if (fd < 0) {
		fd = -errno;
		p_err("can't create '%s': %s", path, strerror(-fd));
		free(*tmp);
		*tmp = NULL;
		return fd;
	}
	/* the mode a plain create would give, not mkstemp's 0600 */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0644 & ~mask);
	return fd;
}

static int link_all(struct bpf_linker *linker, const char *output, int argc, char **argv)
{
	int i, err;

	for (i = 0; i < argc; i++) {
		lib_flush();
		err = bpf_linker__add_file(linker, argv[i], NULL);
		if (err) {
			p_err("failed to link '%s': %s", argv[i], lib_reason(err));
			return err;
		}
	}
	lib_flush();
	err = bpf_linker__finalize(linker);
	if (err)
		p_err("failed to finalize ELF file '%s': %s", output, lib_reason(err));
	return err;
}

int do_gen_object(int argc, char **argv)
{
	struct bpf_linker *linker;
	const char *output;
	char *tmp = NULL;
	int fd, err;

	if (argc < 2) {
		p_err("'gen object' needs an OUTPUT_FILE and at least one INPUT_FILE");
		return -EINVAL;
	}
	if (cli.output_path) {
		p_err("'gen object' writes OUTPUT_FILE itself: -o does not apply");
		return -EINVAL;
	}
	output = argv[0];
	fd = tmp_create(output, &tmp);
	if (fd < 0)
		return fd;
	linker = bpf_linker__new_fd(fd, NULL);
	if (!linker) {
		err = -errno;
		p_err("failed to create BPF linker instance: %s", lib_reason(err));
		goto out;
	}
	err = link_all(linker, output, argc - 1, argv + 1);
	bpf_linker__free(linker);
	if (!err && (fsync(fd) || rename(tmp, output))) {
		err = -errno;
		p_err("can't write '%s': %s", output, strerror(-err));
	}
out:
	close(fd);
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}
