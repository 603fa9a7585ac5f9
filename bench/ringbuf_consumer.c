// SPDX-License-Identifier: BSD-2-Clause
/*
 * Minimal ring buffer consumer for bench/ringbuf-tail: counts records of a
 * pinned ring buffer with ring_buffer__poll() until it has N of them (or
 * nothing came for 2 s), and prints "<records> <seconds>".
 *
 * Uses only libbpf's API, so the same source builds against our core
 * (libbpfcore.a) and against Debian's libbpf, for comparison.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static int count_record(void *ctx, void *data, size_t size)
{
	(void)data;
	(void)size;
	++*(unsigned long *)ctx;
	return 0;
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long want, got = 0;
	struct ring_buffer *rb;
	double start, last;
	int fd, n;

	if (argc != 3) {
		fprintf(stderr, "usage: ringbuf_consumer PINNED_RINGBUF N\n");
		return 2;
	}
	want = strtoul(argv[2], NULL, 0);
	fd = bpf_obj_get(argv[1]);
	rb = fd >= 0 ? ring_buffer__new(fd, count_record, &got, NULL) : NULL;
	if (!rb) {
		fprintf(stderr, "ringbuf_consumer: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	start = last = seconds();
	while (got < want && seconds() - last < 2) {
		n = ring_buffer__poll(rb, 100);
		if (n < 0 && n != -EINTR)
			break;
		if (n > 0)
			last = seconds();
	}
	printf("%lu %.6f\n", got, last - start);
	ring_buffer__free(rb);
	return 0;
}
