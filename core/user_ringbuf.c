// SPDX-License-Identifier: BSD-2-Clause
/*
 * Producer side of user ring buffers (BPF_MAP_TYPE_USER_RINGBUF, Linux 6.1):
 * user space writes records that BPF programs drain with
 * bpf_user_ringbuf_drain().
 *
 * The roles of the ring buffer map's pages are reversed: the consumer page
 * (the kernel's position) is mapped read-only, the producer page and the
 * data area (mapped twice back to back, so that a record running past the
 * end is one piece) read-write. A reserved record's length word carries
 * the busy bit until it is submitted or discarded, and the kernel stops
 * draining at a busy record. Not safe for concurrent producers: callers
 * serialise reserve (submit and discard need no lock).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/mman.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "log.h"
#include "opts.h"

struct user_ring_buffer {
	struct epoll_event event;
	unsigned long *consumer_pos;	/* read-only: the kernel's position */
	unsigned long *producer_pos;	/* ours, then the data area */
	void *data;
	unsigned long mask;		/* size of the data area - 1 */
	size_t page_size;
	int map_fd;
	int epoll_fd;			/* writable when the kernel drained records */
};

struct record_hdr {
	__u32 len;	/* with BPF_RINGBUF_BUSY_BIT / _DISCARD_BIT */
	__u32 pad;
};

void user_ring_buffer__free(struct user_ring_buffer *rb)
{
	if (!rb)
		return;
	if (rb->consumer_pos)
		munmap(rb->consumer_pos, rb->page_size);
	if (rb->producer_pos)
		munmap(rb->producer_pos, rb->page_size + 2 * (rb->mask + 1));
	if (rb->epoll_fd >= 0)
		close(rb->epoll_fd);
	free(rb);
}

/* The data area's size, after checking map_fd is a user ring buffer. */
static int user_ring_size(int map_fd, __u32 *size)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(map_fd, &info, &len)) {
		err = -errno;
		pr_warn("user ringbuf: can't get the info of map fd %d: %s\n", map_fd,
			strerror(-err));
		return err;
	}
	if (info.type != BPF_MAP_TYPE_USER_RINGBUF) {
		pr_warn("user ringbuf: map '%s' (id %u) is not a user ring buffer (type %u)\n",
			info.name, info.id, info.type);
		return -EINVAL;
	}
	*size = info.max_entries;
	return 0;
}

static int user_ring_map(struct user_ring_buffer *rb, int map_fd)
{
	size_t data_map_size;
	__u32 size = 0;
	void *p;
	int err;

	err = user_ring_size(map_fd, &size);
	if (err)
		return err;
	rb->map_fd = map_fd;
	rb->mask = size - 1;
	p = mmap(NULL, rb->page_size, PROT_READ, MAP_SHARED, map_fd, 0);
	if (p == MAP_FAILED) {
		err = -errno;
		pr_warn("user ringbuf: can't map the consumer page of map fd %d: %s\n", map_fd,
			strerror(-err));
		return err;
	}
	rb->consumer_pos = p;
	data_map_size = rb->page_size + 2 * (size_t)size;
	p = mmap(NULL, data_map_size, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, rb->page_size);
	if (p == MAP_FAILED) {
		err = -errno;
		pr_warn("user ringbuf: can't map the data of map fd %d: %s\n", map_fd,
			strerror(-err));
		return err;
	}
	rb->producer_pos = p;
	rb->data = (char *)p + rb->page_size;
	rb->event.events = EPOLLOUT;
	if (epoll_ctl(rb->epoll_fd, EPOLL_CTL_ADD, map_fd, &rb->event)) {
		err = -errno;
		pr_warn("user ringbuf: can't add map fd %d to epoll: %s\n", map_fd,
			strerror(-err));
		return err;
	}
	return 0;
}

struct user_ring_buffer *user_ring_buffer__new(int map_fd, const struct user_ring_buffer_opts *opts)
{
	struct user_ring_buffer *rb;
	int err;

	if (!OPTS_VALID(opts, user_ring_buffer_opts))
		return libbpf_err_ptr(-EINVAL);
	rb = calloc(1, sizeof(*rb));
	if (!rb)
		return libbpf_err_ptr(-ENOMEM);
	rb->page_size = sysconf(_SC_PAGESIZE);
	rb->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (rb->epoll_fd < 0) {
		err = -errno;
		pr_warn("user ringbuf: can't create an epoll instance: %s\n", strerror(-err));
		goto err_free;
	}
	err = user_ring_map(rb, map_fd);
	if (err)
		goto err_free;
	return rb;

err_free:
	user_ring_buffer__free(rb);
	return libbpf_err_ptr(err);
}

void *user_ring_buffer__reserve(struct user_ring_buffer *rb, __u32 size)
{
	unsigned long cons = __atomic_load_n(rb->consumer_pos, __ATOMIC_ACQUIRE);
	unsigned long prod = __atomic_load_n(rb->producer_pos, __ATOMIC_ACQUIRE);
	__u64 ring_size = rb->mask + 1, total;
	struct record_hdr *hdr;

	/* the length word's top bits are the flags */
	if (size & (BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT))
		return libbpf_err_ptr(-E2BIG);
	total = ((__u64)size + BPF_RINGBUF_HDR_SZ + 7) / 8 * 8;
	if (total > ring_size)
		return libbpf_err_ptr(-E2BIG);
	if (ring_size - (prod - cons) < total)
		return libbpf_err_ptr(-ENOSPC);
	hdr = (void *)((char *)rb->data + (prod & rb->mask));
	hdr->len = size | BPF_RINGBUF_BUSY_BIT;
	hdr->pad = 0;
	/* the kernel may now see the record, busy, and stop there */
	__atomic_store_n(rb->producer_pos, prod + total, __ATOMIC_RELEASE);
	return (char *)rb->data + ((prod + BPF_RINGBUF_HDR_SZ) & rb->mask);
}

/* Clear the busy bit of sample's record, marking it discarded or not. */
static void record_commit(struct user_ring_buffer *rb, void *sample, bool discard)
{
	uintptr_t off = (uintptr_t)((char *)sample - (char *)rb->data) - BPF_RINGBUF_HDR_SZ;
	struct record_hdr *hdr = (void *)((char *)rb->data + (off & rb->mask));
	__u32 len = hdr->len & ~BPF_RINGBUF_BUSY_BIT;

	if (discard)
		len |= BPF_RINGBUF_DISCARD_BIT;
	__atomic_exchange_n(&hdr->len, len, __ATOMIC_ACQ_REL);
}

void user_ring_buffer__submit(struct user_ring_buffer *rb, void *sample)
{
	record_commit(rb, sample, false);
}

void user_ring_buffer__discard(struct user_ring_buffer *rb, void *sample)
{
	record_commit(rb, sample, true);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

void *user_ring_buffer__reserve_blocking(struct user_ring_buffer *rb, __u32 size, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	int wait_ms = timeout_ms;
	void *sample;

	if (timeout_ms < -1)
		return libbpf_err_ptr(-EINVAL);
	for (;;) {
		sample = user_ring_buffer__reserve(rb, size);
		if (sample || errno != ENOSPC || wait_ms == 0)
			return sample;
		/* the kernel wakes us when a drain consumed records */
		if (epoll_wait(rb->epoll_fd, &rb->event, 1, wait_ms) < 0 && errno != EINTR)
			return NULL;
		if (timeout_ms == -1)
			continue;
		wait_ms = deadline - now_ms();
		if (wait_ms < 0)
			wait_ms = 0;
	}
}
