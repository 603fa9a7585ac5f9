// SPDX-License-Identifier: BSD-2-Clause
/*
 * User ring buffers against the kernel (tests/progs/api_user_ringbuf.bpf.c):
 * records written with user_ring_buffer__reserve/submit/discard are what a
 * BPF program drains with bpf_user_ringbuf_drain() (run by
 * BPF_PROG_TEST_RUN); a full ring refuses reserve (ENOSPC), blocks
 * reserve_blocking until its timeout, and wakes it when a drain from
 * another thread makes room. Prints one line per check, "ok" at the end.
 *
 * usage: user_ringbuf_check OBJ
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

struct drain_report {
	__s64 ret;
	__u64 cnt;
	__u64 sum;
};

static int prog_fd;

static int drain(struct drain_report *r)
{
	/* a syscall program's context is written back to ctx_in */
	LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = r, .ctx_size_in = sizeof(*r));

	memset(r, 0, sizeof(*r));
	return bpf_prog_test_run_opts(prog_fd, &t);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int fail(const char *what)
{
	printf("FAIL %s (errno %d: %s)\n", what, errno, strerror(errno));
	return 1;
}

static int put(struct user_ring_buffer *rb, __u64 v, bool discard)
{
	__u64 *p = user_ring_buffer__reserve(rb, sizeof(*p));

	if (!p)
		return -errno;
	*p = v;
	if (discard)
		user_ring_buffer__discard(rb, p);
	else
		user_ring_buffer__submit(rb, p);
	return 0;
}

/* Submitted records reach the program; a discarded one does not. */
static int check_drain(struct user_ring_buffer *rb)
{
	struct drain_report r;

	if (put(rb, 11, false) || put(rb, 22, true) || put(rb, 33, false))
		return fail("reserve 3 records");
	if (drain(&r))
		return fail("test run");
	printf("drained ret %lld cnt %llu sum %llu\n", (long long)r.ret,
	       (unsigned long long)r.cnt, (unsigned long long)r.sum);
	return 0;
}

/* Fill the ring with 8-byte records (16 bytes each with their header). */
static int fill(struct user_ring_buffer *rb, __u64 *sum)
{
	int n = 0;

	*sum = 0;
	while (!put(rb, n + 1, false)) {
		*sum += n + 1;
		n++;
	}
	return errno == ENOSPC ? n : -errno;
}

static void *drain_later(void *arg)
{
	struct drain_report *r = arg;

	usleep(200 * 1000);
	drain(r);
	return NULL;
}

static int check_full(struct user_ring_buffer *rb)
{
	struct drain_report r;
	pthread_t thread;
	long long t0;
	__u64 sum;
	void *p;
	int n;

	n = fill(rb, &sum);
	printf("full after %d records\n", n);
	errno = 0;
	p = user_ring_buffer__reserve(rb, 8);
	printf("reserve on full: %s\n", p ? "record" : strerror(errno));
	p = user_ring_buffer__reserve(rb, 8192);
	printf("reserve 8192: %s\n", p ? "record" : strerror(errno));
	p = user_ring_buffer__reserve(rb, 1U << 31);
	printf("reserve 2^31: %s\n", p ? "record" : strerror(errno));
	p = user_ring_buffer__reserve_blocking(rb, 8, -2);
	printf("reserve_blocking -2: %s\n", p ? "record" : strerror(errno));
	t0 = now_ms();
	p = user_ring_buffer__reserve_blocking(rb, 8, 0);
	printf("reserve_blocking 0: %s after %s\n", p ? "record" : strerror(errno),
	       now_ms() - t0 < 100 ? "no wait" : "a wait");
	t0 = now_ms();
	p = user_ring_buffer__reserve_blocking(rb, 8, 300);
	printf("reserve_blocking 300: %s after %s\n", p ? "record" : strerror(errno),
	       now_ms() - t0 >= 290 ? "the timeout" : "less than the timeout");
	if (pthread_create(&thread, NULL, drain_later, &r))
		return fail("pthread_create");
	t0 = now_ms();
	p = user_ring_buffer__reserve_blocking(rb, 8, 10000);
	t0 = now_ms() - t0;
	pthread_join(thread, NULL);
	printf("reserve_blocking 10000 with a drain at 200ms: %s %s\n",
	       p ? "record" : strerror(errno),
	       t0 >= 150 && t0 < 5000 ? "woken by the drain" : "at the wrong time");
	printf("the drain consumed %s of them\n", r.cnt == (__u64)n && r.sum == sum ?
	       "all" : "not all");
	if (p)
		user_ring_buffer__discard(rb, p);
	return 0;
}

int main(int argc, char **argv)
{
	struct user_ring_buffer *rb;
	struct bpf_object *obj;
	struct bpf_map *map;
	int err = 1, fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OBJ\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj))
		return fail("open and load");
	prog_fd = bpf_program__fd(bpf_object__find_program_by_name(obj, "drain"));
	map = bpf_object__find_map_by_name(obj, "urb");
	/* a map of another type is refused */
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "rt_not_urb", 4, 8, 1, NULL);
	rb = user_ring_buffer__new(fd, NULL);
	printf("new on an array: %s\n", rb ? "producer" : strerror(errno));
	close(fd);
	rb = user_ring_buffer__new(bpf_map__fd(map), NULL);
	if (!rb) {
		fail("user_ring_buffer__new");
		goto out;
	}
	err = check_drain(rb) || check_full(rb);
	user_ring_buffer__free(rb);
	if (!err)
		printf("ok\n");
out:
	bpf_object__close(obj);
	return err;
}
