// SPDX-License-Identifier: BSD-2-Clause
/*
 * BTF from an ELF object, as `btf dump file OBJ.o` reads it: the input is
 * the object, handed to btf__parse_elf() through a memfd (the library has
 * no in-memory entry point, and the file path is the one users take), then
 * dumped as C (sorted) and raw text.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "c_header.h"
#include "fuzz.h"
#include "raw_dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf_ext *ext;
	char path[64];
	struct btf *btf;
	FILE *sink;
	int fd;

	fd = memfd_create("fuzz_btf_elf", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	btf = btf__parse_elf(path, &ext);
	close(fd);
	if (!btf)
		return 0;
	/* btf__parse_elf() hands over the object's .BTF.ext too, as libbpf's does */
	if (ext) {
		__u32 ext_size;

		btf_ext__raw_data(ext, &ext_size);
		btf_ext__free(ext);
	}
	sink = fopen("/dev/null", "w");
	if (sink) {
		btf_c_header_write(btf, sink, NULL, 0, true);
		btf_raw_dump(btf, sink, NULL, NULL, 0);
		fclose(sink);
	}
	btf__free(btf);
	return 0;
}
