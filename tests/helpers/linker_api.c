// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper for the static linker API, built by tests/bats/gen_object.bats
 * against the project's libbpfcore.a.
 *
 *   linker_api OUT IN1 IN2 [IN...]
 *
 * Links the inputs into OUT through bpf_linker__new_fd() on an fd the
 * helper opened (and still owns afterwards), IN1 with
 * bpf_linker__add_buf(), IN2 with bpf_linker__add_fd() and the rest with
 * bpf_linker__add_file(); then checks the API's error conventions: bad
 * opts, a buffer that is no ELF, adding after finalize, a second finalize,
 * bpf_linker__new() on a path in a missing directory. Prints "ok: ..." per
 * check and exits 1 on the first failed one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/libbpf.h>

static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	printf(cond ? "ok: " : "failed: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		exit(1);
}

static void *read_all(const char *path, size_t *size)
{
	struct stat st;
	void *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st))
		return NULL;
	buf = malloc(st.st_size);
	if (buf && read(fd, buf, st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*size = st.st_size;
	return buf;
}

static void check_errors(struct bpf_linker *linker, const char *in)
{
	struct bpf_linker_file_opts bad_opts = { .sz = 1 };
	char garbage[64] = "not an ELF object at all";
	int err;

	errno = 0;
	err = bpf_linker__add_file(linker, in, &bad_opts);
	check(err == -EINVAL && errno == EINVAL, "add_file with opts.sz 1: %d, errno %d", err,
	      errno);
	errno = 0;
	err = bpf_linker__add_buf(linker, garbage, sizeof(garbage), NULL);
	check(err < 0 && errno == -err, "add_buf of no ELF: %d, errno %d", err, errno);
	err = bpf_linker__add_file(linker, "/nonexistent/x.bpf.o", NULL);
	check(err == -ENOENT && errno == ENOENT, "add_file of a missing file: %d", err);
}

int main(int argc, char **argv)
{
	struct bpf_linker_opts opts = { .sz = sizeof(opts) };
	struct bpf_linker *linker;
	size_t size;
	void *buf;
	int fd, in_fd, i, err;

	if (argc < 4) {
		fprintf(stderr, "usage: %s OUT IN1 IN2 [IN...]\n", argv[0]);
		return 2;
	}
	linker = bpf_linker__new("/nonexistent-dir/out.o", NULL);
	err = errno;
	check(!linker && err == ENOENT, "new() in a missing directory: NULL, errno %d", err);
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	check(fd >= 0, "open %s", argv[1]);
	linker = bpf_linker__new_fd(fd, &opts);
	check(linker != NULL, "new_fd(%d)", fd);

	buf = read_all(argv[2], &size);
	check(buf != NULL, "read %s", argv[2]);
	err = bpf_linker__add_buf(linker, buf, size, NULL);
	/* the linker keeps a copy: the caller's buffer may go at once */
	memset(buf, 0, size);
	free(buf);
	check(err == 0, "add_buf(%s): %d", argv[2], err);

	in_fd = open(argv[3], O_RDONLY);
	check(in_fd >= 0 && lseek(in_fd, 16, SEEK_SET) == 16, "open %s", argv[3]);
	err = bpf_linker__add_fd(linker, in_fd, NULL);
	check(err == 0, "add_fd(%s) from a moved file position: %d", argv[3], err);
	close(in_fd);

	for (i = 4; i < argc; i++) {
		err = bpf_linker__add_file(linker, argv[i], NULL);
		check(err == 0, "add_file(%s): %d", argv[i], err);
	}
	err = bpf_linker__finalize(linker);
	check(err == 0, "finalize: %d", err);
	check(fcntl(fd, F_GETFD) >= 0, "new_fd's fd still open after finalize");
	errno = 0;
	err = bpf_linker__add_file(linker, argv[2], NULL);
	check(err == -EINVAL && errno == EINVAL, "add after finalize: %d", err);
	check(bpf_linker__finalize(linker) == -EINVAL, "second finalize: -EINVAL");
	bpf_linker__free(linker);
	check(fcntl(fd, F_GETFD) >= 0, "new_fd's fd still open after free");
	close(fd);

	fd = open("/dev/null", O_WRONLY);
	linker = bpf_linker__new_fd(fd, NULL);
	check(linker != NULL, "new_fd(/dev/null)");
	check_errors(linker, argv[2]);
	bpf_linker__free(linker);
	close(fd);
	bpf_linker__free(NULL);
	errno = 0;
	check(!bpf_linker__new_fd(-1, NULL) && errno == EINVAL, "new_fd(-1): EINVAL");
	return 0;
}
