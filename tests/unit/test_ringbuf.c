// SPDX-License-Identifier: BSD-2-Clause
/*
 * Ring buffer and perf buffer consumers against the real kernel: events
 * come from hand-assembled BPF programs (tests/helpers/tail_prog.h) run
 * with BPF_PROG_TEST_RUN, so the tests know exactly what arrived.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "tests/helpers/tail_prog.h"
#include "tests/helpers/tracefs.h"
#include "unit.h"

#define MAX_SEEN 4096

/* What the callbacks saw. */
struct seen {
	int cnt;
	int stop_after;		/* return -EINTR at this many, 0: never */
	__u64 seq[MAX_SEEN];
	size_t size[MAX_SEEN];
	int cpu[MAX_SEEN];
	bool bad_content;
	__u64 lost;
};

static bool event_ok(const struct tail_event *e, size_t size)
{
	char tag[8] = TAIL_EVENT_TAG;

	return size >= sizeof(*e) && e->pid == (__u32)getpid() && e->kind == TAIL_EVENT_KIND &&
	       !memcmp(e->tag, tag, sizeof(tag));
}

static void seen_add(struct seen *s, int cpu, const void *data, size_t size)
{
	struct tail_event e = { 0 };

	/* perf samples start 4 bytes into 8-byte aligned records: copy */
	memcpy(&e, data, size < sizeof(e) ? size : sizeof(e));
	if (!event_ok(&e, size))
		s->bad_content = true;
	if (s->cnt < MAX_SEEN) {
		s->seq[s->cnt] = size >= sizeof(e) ? e.seq : ~0ULL;
		s->size[s->cnt] = size;
		s->cpu[s->cnt] = cpu;
	}
	s->cnt++;
}

static int ring_cb(void *ctx, void *data, size_t size)
{
	struct seen *s = ctx;

	seen_add(s, -1, data, size);
	return s->stop_after && s->cnt == s->stop_after ? -EINTR : 0;
}

static void perf_cb(void *ctx, int cpu, void *data, __u32 size)
{
	seen_add(ctx, cpu, data, size);
}

static void lost_cb(void *ctx, int cpu, __u64 cnt)
{
	struct seen *s = ctx;

	(void)cpu;
	s->lost += cnt;
}

/* seq[from..from+cnt) of s are first, first + step, ... */
static bool seqs_from(const struct seen *s, int from, int cnt, __u64 first, __u64 step)
{
	int i;

	for (i = 0; i < cnt; i++)
		if (s->seq[from + i] != first + i * step)
			return false;
	return true;
}

struct producer {
	int counter_fd;
	int out_fd;
	int prog_fd;
};

static void producer_close(struct producer *p)
{
	if (p->prog_fd > 0)
		close(p->prog_fd);
	if (p->out_fd > 0)
		close(p->out_fd);
	if (p->counter_fd > 0)
		close(p->counter_fd);
	memset(p, 0, sizeof(*p));
}

static char verifier_log[1 << 16];

/*
 * A producer of how into a new output map of type/max_entries, as a
 * program of prog_type emitting for process tgid (0: any).
 */
static bool producer_open_type(struct producer *p, enum bpf_prog_type prog_type,
			       enum tail_emit how, enum bpf_map_type type, __u32 max_entries,
			       __u32 tgid)
{
	__u32 ksz = type == BPF_MAP_TYPE_RINGBUF ? 0 : 4;

	memset(p, 0, sizeof(*p));
	p->counter_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "tail_seq", 4, 8, 1, NULL);
	p->out_fd = bpf_map_create(type, "tail_out", ksz, ksz, max_entries, NULL);
	if (p->counter_fd < 0 || p->out_fd < 0) {
		printf("# map create: %s\n", strerror(errno));
		return false;
	}
	p->prog_fd = tail_prog_load_type(prog_type, how, p->counter_fd, p->out_fd, tgid, 0, 0,
					 verifier_log, sizeof(verifier_log));
	if (p->prog_fd < 0) {
		printf("# prog load: %s\n%s\n", strerror(-p->prog_fd), verifier_log);
		return false;
	}
	return true;
}

/* A producer run by BPF_PROG_TEST_RUN. */
static bool producer_open(struct producer *p, enum tail_emit how, enum bpf_map_type type,
			  __u32 max_entries)
{
	return producer_open_type(p, BPF_PROG_TYPE_SCHED_CLS, how, type, max_entries, 0);
}

static void test_ringbuf_output(void)
{
	struct seen s = { 0 };
	struct producer p;
	struct ring_buffer *rb;
	struct ring *r;

	if (!CHECK(producer_open(&p, TAIL_RINGBUF_OUTPUT, BPF_MAP_TYPE_RINGBUF, 1 << 16),
		   "ringbuf_output producer loads"))
		return;
	rb = ring_buffer__new(p.out_fd, ring_cb, &s, NULL);
	if (!CHECK(rb, "ring_buffer__new: %s", rb ? "ok" : strerror(errno)))
		goto out;
	r = ring_buffer__ring(rb, 0);
	CHECK(r && ring__size(r) == 1 << 16 && ring__map_fd(r) == p.out_fd,
	      "ring 0: size and map fd");
	CHECK(!ring_buffer__ring(rb, 1) && errno == ENOENT, "no ring 1: ENOENT");
	CHECK(tail_prog_run(p.prog_fd, 100) == 0, "producer runs 100 times");
	CHECK(ring__avail_data_size(r) == 100 * 32, "100 records of 32 bytes available (%zu)",
	      ring__avail_data_size(r));
	CHECK(ring_buffer__consume(rb) == 100, "consume: 100 records");
	CHECK(s.cnt == 100 && seqs_from(&s, 0, 100, 0, 1), "in order, seq 0..99");
	CHECK(!s.bad_content && s.size[0] == sizeof(struct tail_event), "content and size");
	CHECK(ring__consumer_pos(r) == ring__producer_pos(r) && ring__consumer_pos(r) == 3200,
	      "consumer caught up with the producer at 3200");
	CHECK(ring_buffer__consume(rb) == 0, "nothing left");

	s.cnt = 0;
	s.stop_after = 3;
	tail_prog_run(p.prog_fd, 10);
	CHECK(ring_buffer__consume(rb) == -EINTR && s.cnt == 3,
	      "a negative callback result stops and is returned");
	CHECK(ring__avail_data_size(r) == 7 * 32, "the records up to the stop are consumed");
	s.stop_after = 0;
	CHECK(ring_buffer__consume_n(rb, 5) == 5 && s.cnt == 8, "consume_n(5): 5 records");
	CHECK(ring__consume(r) == 2 && s.cnt == 10 && seqs_from(&s, 0, 10, 100, 1),
	      "ring__consume takes the other 2, in order");
	ring_buffer__free(rb);
out:
	producer_close(&p);
}

static void test_ringbuf_discard(void)
{
	struct seen s = { 0 };
	struct producer p;
	struct ring_buffer *rb;

	if (!CHECK(producer_open(&p, TAIL_RINGBUF_RESERVE, BPF_MAP_TYPE_RINGBUF, 4096),
		   "reserve/submit/discard producer loads"))
		return;
	rb = ring_buffer__new(p.out_fd, ring_cb, &s, NULL);
	if (!CHECK(rb, "ring_buffer__new"))
		goto out;
	tail_prog_run(p.prog_fd, 10);
	CHECK(ring_buffer__consume(rb) == 5, "5 of 10 records submitted");
	CHECK(s.cnt == 5 && seqs_from(&s, 0, 5, 0, 2) && !s.bad_content,
	      "discarded (odd) records skipped, even ones in order");
	CHECK(ring__consumer_pos(ring_buffer__ring(rb, 0)) == 10 * 32,
	      "discarded records are consumed too");
	ring_buffer__free(rb);
out:
	producer_close(&p);
}

/* 48-byte records in a 4096-byte ring: some straddle its end. */
static void test_ringbuf_wrap(void)
{
	struct seen s = { 0 };
	struct producer p;
	struct ring_buffer *rb;
	int round, ok = 1;

	if (!CHECK(producer_open(&p, TAIL_RINGBUF_OUTPUT_LONG, BPF_MAP_TYPE_RINGBUF, 4096),
		   "long-record producer loads"))
		return;
	rb = ring_buffer__new(p.out_fd, ring_cb, &s, NULL);
	if (!CHECK(rb, "ring_buffer__new"))
		goto out;
	for (round = 0; round < 10; round++) {
		tail_prog_run(p.prog_fd, 60);
		ok &= ring_buffer__consume(rb) == 60;
	}
	CHECK(ok, "10 rounds of 60 records (2880 bytes) through a 4096-byte ring");
	CHECK(s.cnt == 600 && seqs_from(&s, 0, 600, 0, 1) && !s.bad_content &&
	      s.size[599] == TAIL_LONG_SIZE, "records wrapping around read whole, in order");
	s.cnt = 0;
	tail_prog_run(p.prog_fd, 200);
	CHECK(ring_buffer__consume(rb) == 85, "a full ring holds 85 records, the rest dropped");
	ring_buffer__free(rb);
out:
	producer_close(&p);
}

static void test_ringbuf_two_rings(void)
{
	struct seen a = { 0 }, b = { 0 };
	struct producer pa, pb;
	struct ring_buffer *rb;
	struct epoll_event ev;
	int efd;

	if (!CHECK(producer_open(&pa, TAIL_RINGBUF_OUTPUT, BPF_MAP_TYPE_RINGBUF, 4096) &&
		   producer_open(&pb, TAIL_RINGBUF_OUTPUT, BPF_MAP_TYPE_RINGBUF, 8192),
		   "two producers load"))
		goto out_close;
	rb = ring_buffer__new(pa.out_fd, ring_cb, &a, NULL);
	if (!CHECK(rb && ring_buffer__add(rb, pb.out_fd, ring_cb, &b) == 0,
		   "one poller, two rings"))
		goto out;
	efd = ring_buffer__epoll_fd(rb);
	CHECK(epoll_wait(efd, &ev, 1, 0) == 0, "epoll fd not readable while the rings are empty");
	CHECK(ring_buffer__poll(rb, 0) == 0, "poll(0) on empty rings: 0");
	tail_prog_run(pa.prog_fd, 3);
	tail_prog_run(pb.prog_fd, 5);
	CHECK(epoll_wait(efd, &ev, 1, 0) == 1, "epoll fd readable after records arrive");
	CHECK(ring_buffer__poll(rb, 100) == 8, "poll: 3 + 5 records");
	CHECK(a.cnt == 3 && b.cnt == 5 && seqs_from(&a, 0, 3, 0, 1) && seqs_from(&b, 0, 5, 0, 1),
	      "each ring's records to its own callback");
	CHECK(ring__size(ring_buffer__ring(rb, 1)) == 8192 &&
	      ring__map_fd(ring_buffer__ring(rb, 1)) == pb.out_fd, "ring 1 is the second map");
	CHECK(ring_buffer__add(rb, pa.counter_fd, ring_cb, &a) == -EINVAL && errno == EINVAL,
	      "adding an array map: -EINVAL");
out:
	ring_buffer__free(rb);
out_close:
	producer_close(&pa);
	producer_close(&pb);
}

static void test_ringbuf_bad_map(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "not_ring", 4, 4, 1, NULL);
	struct ring_buffer *rb = ring_buffer__new(fd, ring_cb, NULL, NULL);

	CHECK(!rb && errno == EINVAL, "ring_buffer__new on an array map: NULL, EINVAL");
	rb = ring_buffer__new(-1, ring_cb, NULL, NULL);
	/* the kernel says EBADFD for it since 6.10 */
	CHECK(!rb && (errno == EBADF || errno == EBADFD), "ring_buffer__new on a bad fd: NULL, %s",
	      strerror(errno));
	close(fd);
}

static int online_cpu_count(void)
{
	return (int)sysconf(_SC_NPROCESSORS_ONLN);
}

/* Perf samples are 28 bytes: the raw data is padded so that size + 4 is a multiple of 8. */
#define PERF_RAW_SIZE 28

static void test_perf_buffer(void)
{
	struct seen s = { 0 };
	struct producer p;
	struct perf_buffer *pb;
	int i, ok = 1;

	if (!CHECK(producer_open(&p, TAIL_PERF_OUTPUT, BPF_MAP_TYPE_PERF_EVENT_ARRAY,
				 online_cpu_count()), "perf producer loads"))
		return;
	pb = perf_buffer__new(p.out_fd, 8, perf_cb, lost_cb, &s, NULL);
	if (!CHECK(pb, "perf_buffer__new: %s", pb ? "ok" : strerror(errno)))
		goto out;
	CHECK((int)perf_buffer__buffer_cnt(pb) == online_cpu_count(), "one buffer per online CPU");
	CHECK(perf_buffer__buffer_fd(pb, 0) >= 0 && perf_buffer__buffer_fd(pb, 99) == -EINVAL,
	      "buffer fds");
	tail_prog_run(p.prog_fd, 50);
	CHECK(perf_buffer__poll(pb, 1000) >= 1, "poll: a buffer had data");
	perf_buffer__consume(pb);
	CHECK(s.cnt == 50 && seqs_from(&s, 0, 50, 0, 1) && !s.bad_content,
	      "50 samples, in order, content intact");
	for (i = 0; i < 50; i++)
		ok &= s.size[i] == PERF_RAW_SIZE && s.cpu[i] == 0;
	CHECK(ok, "sample size %d, CPU 0 (%zu, %d)", PERF_RAW_SIZE, s.size[0], s.cpu[0]);
	CHECK(s.lost == 0, "nothing lost");
	CHECK(perf_buffer__poll(pb, 0) == 0, "poll(0) with nothing new: 0");
	perf_buffer__free(pb);
out:
	producer_close(&p);
}

/* 40-byte records in a one-page buffer: some wrap, and a burst overflows it. */
static void test_perf_buffer_wrap_and_lost(void)
{
	struct seen s = { 0 };
	struct producer p;
	struct perf_buffer *pb;
	int round;

	if (!CHECK(producer_open(&p, TAIL_PERF_OUTPUT, BPF_MAP_TYPE_PERF_EVENT_ARRAY,
				 online_cpu_count()), "perf producer loads"))
		return;
	pb = perf_buffer__new(p.out_fd, 1, perf_cb, lost_cb, &s, NULL);
	if (!CHECK(pb, "perf_buffer__new with one page"))
		goto out;
	for (round = 0; round < 5; round++) {
		tail_prog_run(p.prog_fd, 80);
		perf_buffer__consume(pb);
	}
	CHECK(s.cnt == 400 && seqs_from(&s, 0, 400, 0, 1) && !s.bad_content && !s.lost,
	      "records wrapping around the page arrive whole, in order (%d)", s.cnt);
	s.cnt = 0;
	tail_prog_run(p.prog_fd, 1000);
	perf_buffer__consume(pb);
	CHECK(s.cnt > 0 && s.cnt < 1000, "an overflowing burst: %d of 1000 arrive", s.cnt);
	/* the kernel reports the loss with the next sample that fits */
	tail_prog_run(p.prog_fd, 1);
	perf_buffer__consume(pb);
	CHECK(s.lost > 0 && s.cnt + s.lost == 1001, "lost count %llu + %d samples = 1001",
	      (unsigned long long)s.lost, s.cnt);
	perf_buffer__free(pb);
out:
	producer_close(&p);
}

static void test_perf_buffer_bad(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "not_perf", 0, 0, 4096, NULL);
	struct perf_buffer *pb = perf_buffer__new(fd, 8, perf_cb, NULL, NULL, NULL);

	CHECK(!pb && errno == EINVAL, "perf_buffer__new on a ring buffer: NULL, EINVAL");
	close(fd);
	fd = bpf_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, "perf", 4, 4, 2, NULL);
	pb = perf_buffer__new(fd, 3, perf_cb, NULL, NULL, NULL);
	CHECK(!pb && errno == EINVAL, "3 pages (not a power of two): EINVAL");
	close(fd);
}

/* Attach prog_fd to the getppid tracepoint for this process: the perf event fd, or -errno. */
static int attach_getppid(int prog_fd)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT, .size = sizeof(attr),
					.sample_period = 1, .wakeup_events = 1 };
	int fd, id = tracepoint_id("syscalls", "sys_enter_getppid");

	if (id < 0)
		return -ENOENT;
	attr.config = id;
	fd = syscall(__NR_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog_fd) || ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
		id = -errno;
		close(fd);
		return id;
	}
	return fd;
}

static void call_getppid(int times)
{
	while (times--)
		syscall(__NR_getppid);
}

/* The producer on a tracepoint: exactly the syscalls this process makes arrive. */
static void test_tracepoint(enum tail_emit how, enum bpf_map_type type, __u32 max_entries)
{
	bool perf = type == BPF_MAP_TYPE_PERF_EVENT_ARRAY;
	struct ring_buffer *rb = NULL;
	struct perf_buffer *pb = NULL;
	struct seen s = { 0 };
	struct producer p;
	int pfd;

	if (!CHECK(producer_open_type(&p, BPF_PROG_TYPE_TRACEPOINT, how, type, max_entries,
				      getpid()), "%s: tracepoint producer loads",
		   perf ? "perf" : "ringbuf"))
		return;
	pfd = attach_getppid(p.prog_fd);
	if (!CHECK(pfd >= 0, "attached to syscalls:sys_enter_getppid: %s",
		   pfd >= 0 ? "ok" : strerror(-pfd)))
		goto out;
	if (perf)
		pb = perf_buffer__new(p.out_fd, 4, perf_cb, lost_cb, &s, NULL);
	else
		rb = ring_buffer__new(p.out_fd, ring_cb, &s, NULL);
	if (!CHECK(rb || pb, "consumer on the output map"))
		goto out_detach;
	call_getppid(17);
	if (perf) {
		CHECK(perf_buffer__poll(pb, 1000) >= 1, "perf: woken up");
		perf_buffer__consume(pb);
	} else {
		CHECK(ring_buffer__poll(rb, 1000) == 17, "ringbuf: poll returns 17 records");
	}
	CHECK(s.cnt == 17 && seqs_from(&s, 0, 17, 0, 1) && !s.bad_content && !s.lost,
	      "17 getppid() calls: 17 events of this process, in order (%d)", s.cnt);
	ring_buffer__free(rb);
	perf_buffer__free(pb);
out_detach:
	close(pfd);
out:
	producer_close(&p);
}

int main(void)
{
	cpu_set_t set;

	/* one CPU, so that perf samples and lost records all go to one buffer */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
	libbpf_set_print(NULL);
	test_ringbuf_output();
	test_ringbuf_discard();
	test_ringbuf_wrap();
	test_ringbuf_two_rings();
	test_ringbuf_bad_map();
	test_perf_buffer();
	test_perf_buffer_wrap_and_lost();
	test_perf_buffer_bad();
	test_tracepoint(TAIL_RINGBUF_OUTPUT, BPF_MAP_TYPE_RINGBUF, 4096);
	test_tracepoint(TAIL_PERF_OUTPUT, BPF_MAP_TYPE_PERF_EVENT_ARRAY, online_cpu_count());
	return unit_done();
}
