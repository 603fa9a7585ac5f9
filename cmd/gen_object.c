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

#include <bpf/libbpf.h>

#include "atomic_file.h"
#include "cmd.h"
#include "gen_object.h"
#include "report.h"

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
	fd = atomic_file_create(output, &tmp);
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
out:
	return atomic_file_finish(fd, &tmp, output, err);
}
