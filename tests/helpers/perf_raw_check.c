// SPDX-License-Identifier: BSD-2-Clause
/*
 * perf_buffer__new_raw and perf_buffer__buffer against the kernel
 * (tests/progs/api_perf_raw.bpf.c): on CPU 0, at key 0, a BPF output event
 * of our own attributes; getpgid(MAGIC) calls become records handed raw to
 * the callback, which can stop the consumption (LIBBPF_PERF_EVENT_DONE);
 * the ring's memory is what perf_buffer__buffer gives. One line per check.
 *
 * usage: perf_raw_check OBJ
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define MAGIC_PERF_RAW	0x7ead0101
#define PAGES		4

struct seen {
	int records;
	int stop_after;		/* return DONE after this many records, or 0 */
	__u64 last;
	int cpu;
	__u32 type;
};

/* PERF_SAMPLE_RAW: the header, the raw size, then the bytes. */
struct raw_sample {
	struct perf_event_header header;
	__u32 size;
	__u64 value;
} __attribute__((packed));

static enum bpf_perf_event_ret on_event(void *ctx, int cpu, struct perf_event_header *event)
{
	struct seen *s = ctx;
	struct raw_sample *r = (void *)event;

	s->records++;
	s->cpu = cpu;
	s->type = event->type;
	if (event->type == PERF_RECORD_SAMPLE && r->size >= sizeof(__u64))
		s->last = r->value;
	if (s->stop_after && s->records == s->stop_after)
		return LIBBPF_PERF_EVENT_DONE;
	return LIBBPF_PERF_EVENT_CONT;
}

static void emit(int n)
{
	while (n--)
		syscall(SYS_getpgid, MAGIC_PERF_RAW);
}

int main(int argc, char **argv)
{
	struct perf_event_attr attr = {
		.size = sizeof(attr),
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_BPF_OUTPUT,
		.sample_type = PERF_SAMPLE_RAW,
		.sample_period = 1,
		.wakeup_events = 1,
	};
	int cpus[1] = { 0 }, keys[1] = { 0 };
	LIBBPF_OPTS(perf_buffer_raw_opts, opts, .cpu_cnt = 1, .cpus = cpus, .map_keys = keys);
	struct perf_event_mmap_page *page;
	struct seen seen = { 0 };
	struct perf_buffer *pb;
	struct bpf_object *obj;
	struct bpf_link *link;
	cpu_set_t set;
	size_t size;
	void *buf;
	int map_fd, n;

	if (argc != 2)
		return 2;
	setvbuf(stdout, NULL, _IONBF, 0);
	/* BPF_F_CURRENT_CPU: the program writes at our CPU's key */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return printf("FAIL sched_setaffinity\n"), 1;
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj))
		return printf("FAIL load\n"), 1;
	map_fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "raw_perf"));
	link = bpf_program__attach(bpf_object__find_program_by_name(obj, "perf_raw_emit"));
	if (!link)
		return printf("FAIL attach\n"), 1;

	pb = perf_buffer__new_raw(map_fd, PAGES, NULL, on_event, &seen, &opts);
	printf("no attr: %s\n", pb ? "buffer" : strerror(errno));
	opts.cpus = NULL;
	pb = perf_buffer__new_raw(map_fd, PAGES, &attr, on_event, &seen, &opts);
	printf("cpu_cnt without cpus: %s\n", pb ? "buffer" : strerror(errno));
	opts.cpus = cpus;
	pb = perf_buffer__new_raw(map_fd, 3, &attr, on_event, &seen, &opts);
	printf("3 pages: %s\n", pb ? "buffer" : strerror(errno));
	pb = perf_buffer__new_raw(map_fd, PAGES, &attr, on_event, &seen, &opts);
	if (!pb)
		return printf("FAIL perf_buffer__new_raw: %s\n", strerror(errno)), 1;
	printf("buffers %zu\n", perf_buffer__buffer_cnt(pb));

	emit(3);
	n = perf_buffer__poll(pb, 1000);
	printf("poll %d: records %d, last %llu, cpu %d, type %u\n", n, seen.records,
	       (unsigned long long)seen.last, seen.cpu, seen.type);

	seen = (struct seen){ .stop_after = 1 };
	emit(2);
	n = perf_buffer__consume(pb);
	printf("consume stopping after one: %d, records %d, last %llu\n", n, seen.records,
	       (unsigned long long)seen.last);
	seen.stop_after = 0;
	n = perf_buffer__consume(pb);
	printf("consume again: %d, records %d, last %llu\n", n, seen.records,
	       (unsigned long long)seen.last);

	if (perf_buffer__buffer(pb, 0, &buf, &size))
		return printf("FAIL perf_buffer__buffer\n"), 1;
	page = buf;
	printf("buffer 0: %zu pages of data, head %s tail\n", size / sysconf(_SC_PAGESIZE),
	       page->data_head == page->data_tail ? "at" : "not at");
	errno = 0;
	n = perf_buffer__buffer(pb, 1, &buf, &size);
	printf("buffer 1: %d (errno %s)\n", n, strerror(errno));
	n = perf_buffer__buffer(pb, -1, &buf, &size);
	printf("buffer -1: %d (errno %s)\n", n, strerror(errno));

	perf_buffer__free(pb);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	printf("ok\n");
	return 0;
}
