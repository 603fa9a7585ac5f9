// SPDX-License-Identifier: BSD-2-Clause
/*
 * A BPF ELF object given to the static linker: added from memory with
 * bpf_linker__add_buf() and linked alone into a memfd, so that reading the
 * object, resolving its symbols, merging and deduplicating its BTF,
 * remapping its .BTF.ext and writing the output all see hostile input.
 * The output, when there is one, is opened again by the loader.
 */
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "fuzz.h"

/* Open the linked output (fd, size bytes) the way a user of it would. */
static void reopen(int fd)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "fuzz");
	struct bpf_object *obj;
	off_t size = lseek(fd, 0, SEEK_END);
	void *buf;

	if (size <= 0 || size > (64 << 20))
		return;
	buf = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (buf == MAP_FAILED)
		return;
	obj = bpf_object__open_mem(buf, size, &opts);
	bpf_object__close(obj);
	munmap(buf, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bpf_linker *linker;
	int fd = memfd_create("fuzz_linker", MFD_CLOEXEC);

	if (fd < 0)
		return 0;
	linker = bpf_linker__new_fd(fd, NULL);
	if (linker && size && !bpf_linker__add_buf(linker, (void *)data, size, NULL) &&
	    !bpf_linker__finalize(linker))
		reopen(fd);
	bpf_linker__free(linker);
	close(fd);
	return 0;
}
