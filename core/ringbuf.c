// SPDX-License-Identifier: BSD-2-Clause
/*
 * Consumer of BPF ring buffers (BPF_MAP_TYPE_RINGBUF), several rings behind
 * one epoll fd.
 *
 * A ring buffer map is mapped in two parts: the consumer page, which only
 * we write (our position), and, read-only, the producer page followed by
 * the data area, which the kernel maps twice back to back so that a record
 * running past the end of the area can be read in one piece. Each record
 * starts with an 8-byte header whose length word carries a busy bit (still
 * being written) and a discard bit (dropped by the program); records are
 * 8-byte aligned. Positions only grow; offsets in the area are taken
 * modulo its size, a power of two.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/mman.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "log.h"
#include "opts.h"

struct ring {
	ring_buffer_sample_fn sample_cb;
	void *ctx;
	void *data;			/* the data area, mapped twice */
	unsigned long *consumer_pos;	/* the consumer page, read-write */
	unsigned long *producer_pos;	/* the producer page, read-only */
	unsigned long mask;		/* size of the data area - 1 */
	int map_fd;
};

struct ring_buffer {
	struct epoll_event *events;
	struct ring **rings;
	size_t page_size;
	int epoll_fd;
	int ring_cnt;
};

static unsigned long load_acquire(const unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store_release(unsigned long *p, unsigned long v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static void ring_unmap(struct ring *r, size_t page_size)
{
	if (r->consumer_pos)
		munmap(r->consumer_pos, page_size);
	if (r->producer_pos)
		munmap(r->producer_pos, page_size + 2 * (r->mask + 1));
}

static void ring_free(struct ring *r, size_t page_size)
{
	if (!r)
		return;
	ring_unmap(r, page_size);
	free(r);
}

void ring_buffer__free(struct ring_buffer *rb)
{
	int i;

	if (!rb)
		return;
	for (i = 0; i < rb->ring_cnt; i++)
		ring_free(rb->rings[i], rb->page_size);
	if (rb->epoll_fd >= 0)
		close(rb->epoll_fd);
	free(rb->events);
	free(rb->rings);
	free(rb);
}

struct ring_buffer *ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb, void *ctx,
				     const struct ring_buffer_opts *opts)
{
	struct ring_buffer *rb;
	int err;

	if (!OPTS_VALID(opts, ring_buffer_opts))
		return libbpf_err_ptr(-EINVAL);
	rb = calloc(1, sizeof(*rb));
	if (!rb)
		return libbpf_err_ptr(-ENOMEM);
	rb->page_size = sysconf(_SC_PAGESIZE);
	rb->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (rb->epoll_fd < 0) {
		err = -errno;
		pr_warn("ringbuf: can't create an epoll instance: %s\n", strerror(-err));
		goto err_free;
	}
	err = ring_buffer__add(rb, map_fd, sample_cb, ctx);
	if (err)
		goto err_free;
	return rb;

err_free:
	ring_buffer__free(rb);
	return libbpf_err_ptr(err);
}

/* The size of the data area of map_fd, after checking it is a ring buffer. */
static int ring_map_size(int map_fd, __u32 *size)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_map_get_info_by_fd(map_fd, &info, &len);
	if (err) {
		err = -errno;
		pr_warn("ringbuf: can't get the info of map fd %d: %s\n", map_fd, strerror(-err));
		return err;
	}
	if (info.type != BPF_MAP_TYPE_RINGBUF) {
		pr_warn("ringbuf: map '%s' (id %u) is not a ring buffer (type %u)\n", info.name,
			info.id, info.type);
		return -EINVAL;
	}
	*size = info.max_entries;
	return 0;
}

static int ring_map(struct ring *r, int map_fd, __u32 size, size_t page_size)
{
	void *p;
	int err;

	p = mmap(NULL, page_size, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, 0);
	if (p == MAP_FAILED) {
		err = -errno;
		pr_warn("ringbuf: can't map the consumer page of map fd %d: %s\n", map_fd,
			strerror(-err));
		return err;
	}
	r->consumer_pos = p;
	/* the data area twice, after the producer page */
	p = mmap(NULL, page_size + 2 * (size_t)size, PROT_READ, MAP_SHARED, map_fd, page_size);
	if (p == MAP_FAILED) {
		err = -errno;
		pr_warn("ringbuf: can't map the producer page and data of map fd %d: %s\n",
			map_fd, strerror(-err));
		return err;
	}
	r->producer_pos = p;
	r->data = (char *)p + page_size;
	return 0;
}

/* Room for one more ring in rb's arrays. */
static int rings_grow(struct ring_buffer *rb)
{
	struct epoll_event *events;
	struct ring **rings;

	rings = realloc(rb->rings, (rb->ring_cnt + 1) * sizeof(*rings));
	if (!rings)
		return -ENOMEM;
	rb->rings = rings;
	events = realloc(rb->events, (rb->ring_cnt + 1) * sizeof(*events));
	if (!events)
		return -ENOMEM;
	rb->events = events;
	return 0;
}

int ring_buffer__add(struct ring_buffer *rb, int map_fd, ring_buffer_sample_fn sample_cb,
		     void *ctx)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct ring *r;
	__u32 size = 0;
	int err;

	if (!rb || !sample_cb)
		return libbpf_err(-EINVAL);
	err = ring_map_size(map_fd, &size);
	if (err)
		return libbpf_err(err);
	err = rings_grow(rb);
	if (err)
		return libbpf_err(err);
	r = calloc(1, sizeof(*r));
	if (!r)
		return libbpf_err(-ENOMEM);
	r->sample_cb = sample_cb;
	r->ctx = ctx;
	r->map_fd = map_fd;
	r->mask = size - 1;
	err = ring_map(r, map_fd, size, rb->page_size);
	if (err)
		goto err_free;
	ev.data.u32 = rb->ring_cnt;
	if (epoll_ctl(rb->epoll_fd, EPOLL_CTL_ADD, map_fd, &ev)) {
		err = -errno;
		pr_warn("ringbuf: can't add map fd %d to epoll: %s\n", map_fd, strerror(-err));
		goto err_free;
	}
	rb->rings[rb->ring_cnt++] = r;
	return 0;

err_free:
	ring_free(r, rb->page_size);
	return libbpf_err(err);
}

/* Bytes a record of len data bytes takes in the area, header and padding included. */
static unsigned long record_span(__u32 len)
{
	return ((unsigned long)len + BPF_RINGBUF_HDR_SZ + 7) & ~7UL;
}

/*
 * Hand the committed records of r to its callback, at most n of them, in
 * order, stopping at the first one still being written. The consumer
 * position is published after each record, so the producer gets room back
 * as early as possible. Returns the records handed over, or the callback's
 * negative result.
 */
static long ring_process(struct ring *r, size_t n)
{
	unsigned long cons = load_acquire(r->consumer_pos), prod;
	size_t cnt = 0;
	bool progress;
	__u32 len;
	void *hdr;
	int err;

	do {
		progress = false;
		prod = load_acquire(r->producer_pos);
		while (cons < prod && cnt < n) {
			hdr = (char *)r->data + (cons & r->mask);
			len = __atomic_load_n((__u32 *)hdr, __ATOMIC_ACQUIRE);
			if (len & BPF_RINGBUF_BUSY_BIT)
				return cnt;
			progress = true;
			cons += record_span(len & ~BPF_RINGBUF_DISCARD_BIT);
			if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
				err = r->sample_cb(r->ctx, (char *)hdr + BPF_RINGBUF_HDR_SZ,
						   len & ~BPF_RINGBUF_DISCARD_BIT);
				if (err < 0) {
					store_release(r->consumer_pos, cons);
					return err;
				}
				cnt++;
			}
			store_release(r->consumer_pos, cons);
		}
	} while (progress && cnt < n);
	return cnt;
}

/* Records handed over as the API returns them: capped at INT_MAX. */
static int ring_result(long res)
{
	return res > INT_MAX ? INT_MAX : (int)res;
}

int ring__consume_n(struct ring *r, size_t n)
{
	if (!r)
		return libbpf_err(-EINVAL);
	return libbpf_err(ring_result(ring_process(r, n)));
}

int ring__consume(struct ring *r)
{
	return ring__consume_n(r, SIZE_MAX);
}

int ring_buffer__consume_n(struct ring_buffer *rb, size_t n)
{
	long res, total = 0;
	int i;

	for (i = 0; i < rb->ring_cnt && (size_t)total < n; i++) {
		res = ring_process(rb->rings[i], n - total);
		if (res < 0)
			return libbpf_err((int)res);
		total += res;
	}
	return ring_result(total);
}

int ring_buffer__consume(struct ring_buffer *rb)
{
	return ring_buffer__consume_n(rb, SIZE_MAX);
}

int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms)
{
	long res, total = 0;
	int i, cnt;

	cnt = epoll_wait(rb->epoll_fd, rb->events, rb->ring_cnt, timeout_ms);
	if (cnt < 0)
		return libbpf_err(-errno);
	for (i = 0; i < cnt; i++) {
		res = ring_process(rb->rings[rb->events[i].data.u32], SIZE_MAX);
		if (res < 0)
			return libbpf_err((int)res);
		total += res;
	}
	return ring_result(total);
}

int ring_buffer__epoll_fd(const struct ring_buffer *rb)
{
	return rb->epoll_fd;
}

struct ring *ring_buffer__ring(struct ring_buffer *rb, unsigned int idx)
{
	if (idx >= (unsigned int)rb->ring_cnt)
		return libbpf_err_ptr(-ENOENT);
	return rb->rings[idx];
}

unsigned long ring__consumer_pos(const struct ring *r)
{
	return load_acquire(r->consumer_pos);
}

unsigned long ring__producer_pos(const struct ring *r)
{
	return load_acquire(r->producer_pos);
}

size_t ring__avail_data_size(const struct ring *r)
{
	return ring__producer_pos(r) - ring__consumer_pos(r);
}

size_t ring__size(const struct ring *r)
{
	return r->mask + 1;
}

int ring__map_fd(const struct ring *r)
{
	return r->map_fd;
}
