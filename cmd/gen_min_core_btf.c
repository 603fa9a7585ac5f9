// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl gen min_core_btf INPUT OUTPUT OBJECT...": the part of the BTF
 * in INPUT that the CO-RE relocations of the OBJECTs need, written to
 * OUTPUT as raw BTF, as bpftool does. The OBJECTs then load on the kernel
 * INPUT describes with "kernel_btf OUTPUT". OUTPUT is replaced only when
 * everything succeeded.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "atomic_file.h"
#include "cmd.h"
#include "gen_object.h"
#include "min_core_btf.h"
#include "report.h"

static int mark_objects(struct min_core_btf *m, int argc, char **argv)
{
	int i, err;

	for (i = 0; i < argc; i++) {
		lib_flush();
		err = min_core_btf_add_object(m, argv[i]);
		if (err) {
			p_err("can't record the CO-RE relocations of '%s': %s", argv[i],
			      lib_reason(err));
			return err;
		}
	}
	return 0;
}

static int write_all(int fd, const char *data, size_t size)
{
	ssize_t n;

	while (size) {
		n = write(fd, data, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		data += n;
		size -= n;
	}
	return 0;
}

static int save(const struct btf *btf, const char *output)
{
	const void *data;
	char *tmp = NULL;
	__u32 size;
	int fd, err;

	data = btf__raw_data(btf, &size);
	if (!data) {
		err = -errno;
		p_err("can't serialize the BTF for '%s': %s", output, strerror(-err));
		return err;
	}
	fd = atomic_file_create(output, &tmp);
	if (fd < 0)
		return fd;
	err = write_all(fd, data, size);
	if (err)
		p_err("can't write '%s': %s", output, strerror(-err));
	return atomic_file_finish(fd, &tmp, output, err);
}

int do_gen_min_core_btf(int argc, char **argv)
{
	struct min_core_btf *m = NULL;
	struct btf *src, *btf = NULL;
	const char *input, *output;
	int err;

	if (argc < 3) {
		p_err("'gen min_core_btf' needs an INPUT, an OUTPUT and at least one OBJECT");
		return -EINVAL;
	}
	if (cli.output_path) {
		p_err("'gen min_core_btf' writes OUTPUT itself: -o does not apply");
		return -EINVAL;
	}
	input = argv[0];
	output = argv[1];
	lib_flush();
	src = btf__parse(input, NULL);
	if (!src) {
		err = -errno;
		p_err("can't read BTF from '%s': %s", input, lib_reason(err));
		return err;
	}
	m = min_core_btf_new(src);
	if (!m) {
		err = -errno;
		p_err("can't allocate the type marks of '%s': %s", input, strerror(-err));
		goto out;
	}
	err = mark_objects(m, argc - 2, argv + 2);
	if (err)
		goto out;
	lib_flush();
	btf = min_core_btf_build(m);
	if (!btf) {
		err = -errno;
		p_err("can't generate the BTF for '%s': %s", output, lib_reason(err));
		goto out;
	}
	err = save(btf, output);
out:
	btf__free(btf);
	min_core_btf_free(m);
	btf__free(src);
	return err;
}
