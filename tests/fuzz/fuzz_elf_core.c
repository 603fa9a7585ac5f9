// SPDX-License-Identifier: BSD-2-Clause
/*
 * CO-RE relocation of a BPF ELF object against the fixture kernel BTF:
 * bpf_object__open_mem(), then what bpf_object__load() does before it
 * creates anything in the kernel: placing sub-programs, moving .BTF.ext
 * records with them and computing every CO-RE relocation
 * (reloc_link_programs(), with the target BTF given as the object's
 * kernel BTF). Map and extern relocations see no file descriptors, which
 * only changes the numbers written into the instructions.
 */
#include <stdlib.h>
#include <zlib.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "fuzz.h"
#include "object_internal.h"

static struct btf *vmlinux;

/* The fixture is kept compressed; btf__parse() reads only plain files. */
static struct btf *parse_gz(const char *path)
{
	size_t len = 0, cap = 1 << 20;
	struct btf *btf = NULL;
	char *buf = NULL, *p;
	gzFile gz;
	int n;

	gz = gzopen(path, "rb");
	if (!gz)
		return NULL;
	for (;;) {
		if (!buf || len == cap) {
			p = realloc(buf, buf ? cap *= 2 : cap);
			if (!p)
				goto out;
			buf = p;
		}
		n = gzread(gz, buf + len, cap - len);
		if (n < 0)
			goto out;
		if (!n)
			break;
		len += n;
	}
	btf = btf__new(buf, len);
out:
	free(buf);
	gzclose(gz);
	return btf;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	vmlinux = parse_gz(FUZZ_FIXTURE("vmlinux.btf.gz"));
	if (!vmlinux)
		abort();	/* without a target the harness tests nothing */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "fuzz");
	struct bpf_object *obj;

	obj = bpf_object__open_mem(data, size, &opts);
	if (!obj)
		return 0;
	/* borrowed, never freed by the object: it is taken back before closing */
	obj->btf_vmlinux = vmlinux;
	reloc_link_programs(obj);
	obj->btf_vmlinux = NULL;
	bpf_object__close(obj);
	return 0;
}
