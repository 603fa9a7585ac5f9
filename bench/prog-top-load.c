// SPDX-License-Identifier: BSD-2-Clause
/*
 * Load N tiny socket filter programs ("return 0") and hold them until
 * stdin closes: the prog-top bench's helper, built against the project's
 * static library. Prints "ready N" once they are all loaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

int main(int argc, char **argv)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char name[BPF_OBJ_NAME_LEN], buf[64];
	unsigned long n, i;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PROGRAMS\n", argv[0]);
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "bench_top_%u", (unsigned int)(i % 100000));
		fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, name, "GPL", insns, 2, NULL);
		if (fd < 0) {
			fprintf(stderr, "can't load program %lu: %s\n", i, strerror(-fd));
			return 1;
		}
	}
	printf("ready %lu\n", n);
	fflush(stdout);
	/* the fds stay open until the bench closes our stdin */
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	return 0;
}
