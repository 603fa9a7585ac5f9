// SPDX-License-Identifier: BSD-2-Clause
/*
 * The main() of a fuzz harness outside libFuzzer: replays every file under
 * the directories it is given (by default the harness's kept inputs,
 * tests/fuzz/regress/NAME/ and tests/fuzz/corpus/NAME/) and prints one TAP
 * test point per input. A crash, a sanitizer report, a hang (SIGALRM after
 * FUZZ_TIMEOUT seconds) or an allocation over FUZZ_MALLOC_LIMIT_MB ends
 * the process, which tests/run counts as a failure of the stream.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME (the harness's name) must be defined"
#endif

#define FUZZ_TIMEOUT	25	/* seconds per input; libFuzzer's run uses 10 */
#define FUZZ_INPUT_MAX	(64u << 20)

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif

#ifdef FUZZ_ASAN
/* ASan enforces the allocation limit; ASAN_OPTIONS may still override it. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "max_allocation_size_mb=512:allocator_may_return_null=0";
}
#else
/*
 * Without ASan, glibc's allocator is wrapped so an input that makes the
 * library ask for more than the limit is a finding, as under libFuzzer's
 * -malloc_limit_mb: a huge calloc() need not touch memory to be a bug.
 */
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);

static void check_size(const char *fn, size_t size)
{
	if (size <= (size_t)FUZZ_MALLOC_LIMIT_MB << 20)
		return;
	fprintf(stderr, "# %s(%zu): over the %u MiB limit\n", fn, size, FUZZ_MALLOC_LIMIT_MB);
	abort();
}

void *malloc(size_t size)
{
	check_size("malloc", size);
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return __libc_calloc(n, size);	/* overflow: glibc fails it */
	check_size("calloc", n * size);
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	check_size("realloc", size);
	return __libc_realloc(p, size);
}
#endif

static int tests, failed;

static void *read_input(const char *path, size_t *size)
{
	struct stat st;
	void *buf = NULL;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (size_t)st.st_size > FUZZ_INPUT_MAX)
		goto out;
	/* one spare byte so an empty input still has a distinct buffer */
	buf = malloc(st.st_size + 1);
	if (buf && read(fd, buf, st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	*size = st.st_size;
out:
	close(fd);
	return buf;
}

static void replay_one(const char *path)
{
	size_t size = 0;
	void *buf = read_input(path, &size);

	tests++;
	if (!buf) {
		failed++;
		printf("not ok %d - %s: can't read: %s\n", tests, path, strerror(errno));
		return;
	}
	alarm(FUZZ_TIMEOUT);
	LLVMFuzzerTestOneInput(buf, size);
	alarm(0);
	free(buf);
	printf("ok %d - %s\n", tests, path);
	fflush(stdout);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every file of dir, in name order; a missing dir holds nothing; a file is itself. */
static void replay_path(const char *dir)
{
	struct dirent **names;
	char path[4096];
	struct stat st;
	int i, n;

	if (stat(dir, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		replay_one(dir);
		return;
	}
	n = scandir(dir, &names, NULL, by_name);
	if (n < 0)
		return;
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.' &&
		    snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name) <
			    (int)sizeof(path))
			replay_one(path);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	static const uint8_t empty[1];
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	LLVMFuzzerInitialize(&argc, &argv);
	/* the empty input always runs, so a stream never has an empty plan */
	LLVMFuzzerTestOneInput(empty, 0);
	printf("ok %d - %s: the empty input\n", ++tests, FUZZ_NAME);
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			replay_path(argv[i]);
	} else {
		replay_path("tests/fuzz/regress/" FUZZ_NAME);
		replay_path("tests/fuzz/corpus/" FUZZ_NAME);
	}
	printf("1..%d\n", tests);
	return failed ? 1 : 0;
}
