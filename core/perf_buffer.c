// SPDX-License-Identifier: BSD-2-Clause
/*
 * Consumer of perf event arrays (BPF_MAP_TYPE_PERF_EVENT_ARRAY): one
 * PERF_COUNT_SW_BPF_OUTPUT event per CPU, its fd stored in the array at
 * that CPU's slot so that bpf_perf_event_output() finds it, and its ring
 * (a control page then 2^n data pages) mapped and read here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cpus.h"
#include "log.h"
#include "opts.h"
#include "perf_buffer.h"


/* One CPU's ring. */
struct perf_cpu_buf {
	struct perf_buffer *pb;
	void *base;		/* the control page, data pages after it */
	void *copy;		/* a record that wraps around, made contiguous */
	size_t copy_size;
	int fd;
	int cpu;
	int key;		/* its slot in the map */
	bool stored;		/* the map holds our event at key */
};

struct perf_buffer {
	perf_buffer_sample_fn sample_cb;
	perf_buffer_lost_fn lost_cb;
	perf_buffer_event_fn event_cb;	/* raw: every record goes here instead */
	void *ctx;
	struct perf_event_attr attr;	/* of each CPU's event */
	size_t page_size;
	size_t mmap_size;	/* control page + data pages */
	struct perf_cpu_buf **bufs;
	struct epoll_event *events;
	size_t buf_cnt;
	int epoll_fd;
	int map_fd;
};

/* A sample: the header, then PERF_SAMPLE_RAW's size and bytes. */
struct perf_sample_raw {
	struct perf_event_header header;
	__u32 size;
	char data[];
};

/* PERF_RECORD_LOST. */
struct perf_sample_lost {
	struct perf_event_header header;
	__u64 id;
	__u64 lost;
};

static void cpu_buf_free(struct perf_cpu_buf *b)
{
	if (!b)
		return;
	if (b->stored)
		bpf_map_delete_elem(b->pb->map_fd, &b->key);
	if (b->base)
		munmap(b->base, b->pb->mmap_size);
	if (b->fd >= 0) {
		ioctl(b->fd, PERF_EVENT_IOC_DISABLE, 0);
		close(b->fd);
	}
	free(b->copy);
	free(b);
}

void perf_buffer__free(struct perf_buffer *pb)
{
	size_t i;

	if (!pb)
		return;
	for (i = 0; i < pb->buf_cnt; i++)
		cpu_buf_free(pb->bufs[i]);
	if (pb->epoll_fd >= 0)
		close(pb->epoll_fd);
	free(pb->bufs);
	free(pb->events);
	free(pb);
}

/* The event of perf_buffer__new(): BPF output samples, a wake-up every period. */
static void bpf_output_attr(struct perf_event_attr *attr, __u32 sample_period)
{
	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	attr->type = PERF_TYPE_SOFTWARE;
	attr->config = PERF_COUNT_SW_BPF_OUTPUT;
	attr->sample_type = PERF_SAMPLE_RAW;
	attr->sample_period = sample_period;
	attr->wakeup_events = sample_period;
}

static int cpu_event_open(struct perf_buffer *pb, int cpu)
{
	int fd = syscall(__NR_perf_event_open, &pb->attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);

	if (fd < 0) {
		fd = -errno;
		pr_warn("perf buffer: can't open a perf event (type %u, config %llu) on CPU %d: "
			"%s\n", pb->attr.type, (unsigned long long)pb->attr.config, cpu,
			strerror(errno));
	}
	return fd;
}

static struct perf_cpu_buf *cpu_buf_open(struct perf_buffer *pb, int cpu, int key, int *errp)
{
	struct perf_cpu_buf *b = calloc(1, sizeof(*b));
	void *base;
	int err;

	if (!b) {
		*errp = -ENOMEM;
		return NULL;
	}
	b->pb = pb;
	b->cpu = cpu;
	b->key = key;
	b->fd = cpu_event_open(pb, cpu);
	if (b->fd < 0) {
		err = b->fd;
		goto err_free;
	}
	base = mmap(NULL, pb->mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED, b->fd, 0);
	if (base == MAP_FAILED) {
		err = -errno;
		pr_warn("perf buffer: can't map the ring of CPU %d: %s\n", cpu, strerror(errno));
		goto err_free;
	}
	b->base = base;
	if (ioctl(b->fd, PERF_EVENT_IOC_ENABLE, 0)) {
		err = -errno;
		pr_warn("perf buffer: can't enable the event of CPU %d: %s\n", cpu,
			strerror(errno));
		goto err_free;
	}
	if (bpf_map_update_elem(pb->map_fd, &key, &b->fd, BPF_ANY)) {
		err = -errno;
		pr_warn("perf buffer: can't store the event of CPU %d at key %d: %s\n", cpu, key,
			strerror(errno));
		goto err_free;
	}
	b->stored = true;
	return b;

err_free:
	cpu_buf_free(b);
	*errp = err;
	return NULL;
}

static int perf_map_check(int map_fd, __u32 *max_entries)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(map_fd, &info, &len)) {
		pr_warn("perf buffer: can't get the info of map fd %d: %s\n", map_fd,
			strerror(errno));
		return -errno;
	}
	if (info.type != BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
		pr_warn("perf buffer: map '%s' (id %u) is not a perf event array (type %u)\n",
			info.name, info.id, info.type);
		return -EINVAL;
	}
	*max_entries = info.max_entries;
	return 0;
}

static int perf_buffer_setup(struct perf_buffer *pb, size_t page_cnt, size_t cnt)
{
	pb->page_size = sysconf(_SC_PAGESIZE);
	pb->mmap_size = pb->page_size * (page_cnt + 1);
	pb->bufs = calloc(cnt ? cnt : 1, sizeof(*pb->bufs));
	pb->events = calloc(cnt ? cnt : 1, sizeof(*pb->events));
	if (!pb->bufs || !pb->events)
		return -ENOMEM;
	pb->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (pb->epoll_fd < 0) {
		pr_warn("perf buffer: can't create an epoll instance: %s\n", strerror(errno));
		return -errno;
	}
	return 0;
}

static int perf_buffer_add_cpu(struct perf_buffer *pb, int cpu, int key)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct perf_cpu_buf *b;
	int err = 0;

	b = cpu_buf_open(pb, cpu, key, &err);
	if (!b)
		return err;
	pb->bufs[pb->buf_cnt++] = b;
	ev.data.ptr = b;
	if (epoll_ctl(pb->epoll_fd, EPOLL_CTL_ADD, b->fd, &ev)) {
		pr_warn("perf buffer: can't add the event of CPU %d to epoll: %s\n", cpu,
			strerror(errno));
		return -errno;
	}
	return 0;
}

/*
 * A perf buffer of cnt rings, the i-th on CPU cpus[i] at key keys[i], for
 * events of pb_init's attr, with pb_init's callbacks. NULL with errno set.
 */
static struct perf_buffer *perf_buffer_open(int map_fd, size_t page_cnt, const int *cpus,
					    const int *keys, size_t cnt,
					    const struct perf_buffer *pb_init)
{
	struct perf_buffer *pb;
	__u32 max_entries;
	size_t i;
	int err;

	if (!page_cnt || (page_cnt & (page_cnt - 1))) {
		pr_warn("perf buffer: page count %zu is not a power of two\n", page_cnt);
		return libbpf_err_ptr(-EINVAL);
	}
	err = perf_map_check(map_fd, &max_entries);
	if (err)
		return libbpf_err_ptr(err);
	pb = calloc(1, sizeof(*pb));
	if (!pb)
		return libbpf_err_ptr(-ENOMEM);
	*pb = *pb_init;
	pb->epoll_fd = -1;
	pb->map_fd = map_fd;
	err = perf_buffer_setup(pb, page_cnt, cnt);
	for (i = 0; !err && i < cnt; i++) {
		if ((__u32)keys[i] >= max_entries) {
			pr_warn("perf buffer: key %d is out of the map's %u entries\n", keys[i],
				max_entries);
			err = -E2BIG;
			break;
		}
		err = perf_buffer_add_cpu(pb, cpus[i], keys[i]);
	}
	if (err) {
		perf_buffer__free(pb);
		return libbpf_err_ptr(err);
	}
	return pb;
}

struct perf_buffer *perf_buffer_new_on_cpus(int map_fd, size_t page_cnt, const int *cpus,
					    const int *keys, size_t cnt,
					    perf_buffer_sample_fn sample_cb,
					    perf_buffer_lost_fn lost_cb, void *ctx,
					    __u32 sample_period)
{
	struct perf_buffer init = { .sample_cb = sample_cb, .lost_cb = lost_cb, .ctx = ctx };

	if (!sample_cb || !sample_period)
		return libbpf_err_ptr(-EINVAL);
	bpf_output_attr(&init.attr, sample_period);
	return perf_buffer_open(map_fd, page_cnt, cpus, keys, cnt, &init);
}

/* A buffer on every online CPU below the map's size, each at its CPU's key. */
static struct perf_buffer *perf_buffer_open_online(int map_fd, size_t page_cnt,
						   const struct perf_buffer *init)
{
	struct perf_buffer *pb = NULL;
	__u32 max_entries;
	bool *online = NULL;
	int *cpus = NULL;
	size_t cnt = 0;
	int cpu, err;

	err = perf_map_check(map_fd, &max_entries);
	if (err)
		return libbpf_err_ptr(err);
	online = calloc(CPUS_MAX, sizeof(*online));
	cpus = malloc(CPUS_MAX * sizeof(*cpus));
	err = online && cpus ? cpu_list_read(CPUS_ONLINE, online) : -ENOMEM;
	if (err)
		goto out;
	for (cpu = 0; cpu < CPUS_MAX && (__u32)cpu < max_entries; cpu++)
		if (online[cpu])
			cpus[cnt++] = cpu;
	pb = perf_buffer_open(map_fd, page_cnt, cpus, cpus, cnt, init);
	err = pb ? 0 : -errno;
out:
	free(online);
	free(cpus);
	return pb ? pb : libbpf_err_ptr(err);
}

struct perf_buffer *perf_buffer__new(int map_fd, size_t page_cnt, perf_buffer_sample_fn sample_cb,
				     perf_buffer_lost_fn lost_cb, void *ctx,
				     const struct perf_buffer_opts *opts)
{
	struct perf_buffer init = { .sample_cb = sample_cb, .lost_cb = lost_cb, .ctx = ctx };

	if (!OPTS_VALID(opts, perf_buffer_opts) || !sample_cb)
		return libbpf_err_ptr(-EINVAL);
	bpf_output_attr(&init.attr, OPTS_GET(opts, sample_period, 0) ?: 1);
	return perf_buffer_open_online(map_fd, page_cnt, &init);
}

struct perf_buffer *perf_buffer__new_raw(int map_fd, size_t page_cnt, struct perf_event_attr *attr,
					 perf_buffer_event_fn event_cb, void *ctx,
					 const struct perf_buffer_raw_opts *opts)
{
	struct perf_buffer init = { .event_cb = event_cb, .ctx = ctx };
	int cnt = OPTS_GET(opts, cpu_cnt, 0);
	int *cpus = OPTS_GET(opts, cpus, NULL), *keys = OPTS_GET(opts, map_keys, NULL);

	if (!OPTS_VALID(opts, perf_buffer_raw_opts) || !attr || !event_cb)
		return libbpf_err_ptr(-EINVAL);
	if (cnt > 0 && (!cpus || !keys)) {
		pr_warn("perf buffer: %d CPUs asked for without their cpus and map_keys\n", cnt);
		return libbpf_err_ptr(-EINVAL);
	}
	init.attr = *attr;
	if (cnt > 0)
		return perf_buffer_open(map_fd, page_cnt, cpus, keys, cnt, &init);
	return perf_buffer_open_online(map_fd, page_cnt, &init);
}

/*
 * The record at offset tail of b's data area, made contiguous in b->copy
 * when it runs past the end. NULL on ENOMEM.
 */
static struct perf_event_header *record_at(struct perf_cpu_buf *b, __u64 tail)
{
	size_t data_size = b->pb->mmap_size - b->pb->page_size;
	char *data = (char *)b->base + b->pb->page_size;
	size_t off = tail & (data_size - 1), first;
	struct perf_event_header *hdr = (void *)(data + off);
	size_t size = hdr->size;
	void *copy;

	if (off + size <= data_size)
		return hdr;
	if (size > b->copy_size) {
		copy = realloc(b->copy, size);
		if (!copy)
			return NULL;
		b->copy = copy;
		b->copy_size = size;
	}
	first = data_size - off;
	memcpy(b->copy, hdr, first);
	memcpy((char *)b->copy + first, data, size - first);
	return b->copy;
}

static void record_deliver(struct perf_cpu_buf *b, struct perf_event_header *hdr)
{
	struct perf_buffer *pb = b->pb;
	struct perf_sample_raw *s;
	struct perf_sample_lost *l;

	if (hdr->type == PERF_RECORD_SAMPLE && hdr->size >= sizeof(*s)) {
		s = (void *)hdr;
		pb->sample_cb(pb->ctx, b->cpu, s->data, s->size);
	} else if (hdr->type == PERF_RECORD_LOST && hdr->size >= sizeof(*l)) {
		l = (void *)hdr;
		if (pb->lost_cb)
			pb->lost_cb(pb->ctx, b->cpu, l->lost);
	} else {
		pr_debug("perf buffer: CPU %d: skipped a record of type %u\n", b->cpu, hdr->type);
	}
}

/*
 * Read every record of one CPU's ring; 0 or -errno, or what a raw
 * callback returned to stop early (LIBBPF_PERF_EVENT_DONE or _ERROR).
 */
static int cpu_buf_consume(struct perf_cpu_buf *b)
{
	struct perf_event_mmap_page *page = b->base;
	__u64 head = __atomic_load_n(&page->data_head, __ATOMIC_ACQUIRE);
	__u64 tail = page->data_tail;
	struct perf_event_header *hdr;
	int err = 0, ret;

	while (tail != head) {
		hdr = record_at(b, tail);
		if (!hdr) {
			err = -ENOMEM;
			break;
		}
		if (!hdr->size) {
			err = -EINVAL;	/* a corrupt ring: never spin on it */
			break;
		}
		tail += hdr->size;
		if (!b->pb->event_cb) {
			record_deliver(b, hdr);
			continue;
		}
		ret = b->pb->event_cb(b->pb->ctx, b->cpu, hdr);
		if (ret != LIBBPF_PERF_EVENT_CONT) {
			err = ret;
			break;
		}
	}
	__atomic_store_n(&page->data_tail, tail, __ATOMIC_RELEASE);
	return err;
}

int perf_buffer__poll(struct perf_buffer *pb, int timeout_ms)
{
	int i, cnt, err;

	cnt = epoll_wait(pb->epoll_fd, pb->events, pb->buf_cnt, timeout_ms);
	if (cnt < 0)
		return libbpf_err(-errno);
	for (i = 0; i < cnt; i++) {
		err = cpu_buf_consume(pb->events[i].data.ptr);
		if (err)
			return libbpf_err(err);
	}
	return cnt;
}

int perf_buffer__consume_buffer(struct perf_buffer *pb, size_t buf_idx)
{
	if (buf_idx >= pb->buf_cnt)
		return libbpf_err(-EINVAL);
	return libbpf_err(cpu_buf_consume(pb->bufs[buf_idx]));
}

int perf_buffer__consume(struct perf_buffer *pb)
{
	size_t i;
	int err;

	for (i = 0; i < pb->buf_cnt; i++) {
		err = cpu_buf_consume(pb->bufs[i]);
		if (err)
			return libbpf_err(err);
	}
	return 0;
}

int perf_buffer__epoll_fd(const struct perf_buffer *pb)
{
	return pb->epoll_fd;
}

size_t perf_buffer__buffer_cnt(const struct perf_buffer *pb)
{
	return pb->buf_cnt;
}

int perf_buffer__buffer_fd(const struct perf_buffer *pb, size_t buf_idx)
{
	if (buf_idx >= pb->buf_cnt)
		return libbpf_err(-EINVAL);
	return pb->bufs[buf_idx]->fd;
}

int perf_buffer__buffer(struct perf_buffer *pb, int buf_idx, void **buf, size_t *buf_size)
{
	if (buf_idx < 0 || (size_t)buf_idx >= pb->buf_cnt)
		return libbpf_err(-EINVAL);
	*buf = pb->bufs[buf_idx]->base;
	/* libbpf's size: the data pages, not the control page before them */
	*buf_size = pb->mmap_size - pb->page_size;
	return 0;
}
