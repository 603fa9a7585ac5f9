// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test helper: a user program of the light skeleton of
 * tests/progs/gen_light.bpf.c (named "gen_light"), built with libc only
 * against whichever gen_light.lskel.h and skel_internal.h the test puts on
 * the include path (bpfctl's or bpftool's). It sets .rodata and .data
 * through the skeleton, loads, attaches the raw tracepoint program with
 * __attach() and the tracepoint program through a perf event, makes N
 * getpgid() calls and checks what the programs counted: .bss, the
 * counts map, the ring buffer and the CO-RE read of the task's tgid.
 *
 *   gen_light_user N [STEP [MAX_ENTRIES]]
 *
 * prints the counts and exits 0 if all match. MAX_ENTRIES resizes the
 * counts map through its bpf_map_desc. When the load fails it prints the
 * kernel's verifier log (the skeleton's context asks for one) and exits 1.
 * Either way it then checks that no fd is left open ("fds leaked N").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>

#include "fd_count.h"
#include "gen_light.lskel.h"
#include "tracefs.h"

static int lookup_u64(int map_fd, __u32 key, __u64 *value)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map_fd;
	attr.key = (long)&key;
	attr.value = (long)value;
	return syscall(__NR_bpf, BPF_MAP_LOOKUP_ELEM, &attr, sizeof(attr));
}

/* Records in the ring buffer holding tgid; -1 if it can't be read. */
static int ringbuf_count(int map_fd, __u32 tgid)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t data_sz = 4096, n = 0;
	unsigned long *cons, *prod, pos, end;
	char *data;

	cons = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, 0);
	if (cons == MAP_FAILED)
		return -1;
	/* the producer page, then the data mapped twice */
	prod = mmap(NULL, page + 2 * data_sz, PROT_READ, MAP_SHARED, map_fd, page);
	if (prod == MAP_FAILED) {
		munmap(cons, page);
		return -1;
	}
	data = (char *)prod + page;
	pos = __atomic_load_n(cons, __ATOMIC_ACQUIRE);
	end = __atomic_load_n(prod, __ATOMIC_ACQUIRE);
	while (pos < end) {
		__u32 len = __atomic_load_n((__u32 *)(data + (pos & (data_sz - 1))),
					    __ATOMIC_ACQUIRE);
		__u32 *rec = (__u32 *)(data + (pos & (data_sz - 1)) + 8);

		if (len & (1u << 31))
			break;	/* not committed yet */
		if (!(len & (1u << 30)) && *rec == tgid)
			n++;
		pos += ((len & ~(3u << 30)) + 8 + 7) & ~7ul;
	}
	__atomic_store_n(cons, pos, __ATOMIC_RELEASE);
	munmap(prod, page + 2 * data_sz);
	munmap(cons, page);
	return n;
}

/* The tracepoint program's link: a perf event of the tracepoint, then BPF_LINK_CREATE. */
static int attach_tracepoint(int prog_fd, int *pfd)
{
	struct perf_event_attr pe;
	int id = tracepoint_id("syscalls", "sys_enter_getpgid");

	if (id < 0) {
		fprintf(stderr, "no tracepoint syscalls/sys_enter_getpgid\n");
		return -1;
	}
	memset(&pe, 0, sizeof(pe));
	pe.size = sizeof(pe);
	pe.type = PERF_TYPE_TRACEPOINT;
	pe.config = id;
	*pfd = syscall(__NR_perf_event_open, &pe, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (*pfd < 0) {
		perror("perf_event_open");
		return -1;
	}
	return skel_link_create(prog_fd, *pfd, BPF_PERF_EVENT);
}

static char verifier_log[1 << 20];

/* Load and attach; 0 or 1 after saying what failed. */
static int load_attach(struct gen_light *skel, int *link, int *pfd)
{
	int err;

	skel->ctx.log_level = 1;
	skel->ctx.log_size = sizeof(verifier_log);
	skel->ctx.log_buf = (long)verifier_log;
	err = gen_light__load(skel);
	if (err) {
		fprintf(stderr, "gen_light__load: %s\n-- verifier log --\n%s\n", strerror(-err),
			verifier_log);
		return 1;
	}
	err = gen_light__attach(skel);
	*link = err ? -1 : attach_tracepoint(skel->progs.handle_getpgid.prog_fd, pfd);
	if (err || *link < 0) {
		fprintf(stderr, "attach: %s\n", strerror(err ? -err : errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10;
	__u32 step = argc > 2 ? atoi(argv[2]) : 1;
	struct gen_light *skel;
	__u64 count = 0;
	int fds = open_fds(), i, link = -1, pfd = -1, ring, ok;

	skel = gen_light__open();
	if (!skel) {
		perror("gen_light__open");
		return 1;
	}
	skel->rodata->target_tgid = getpid();
	skel->rodata->getpgid_nr = SYS_getpgid;
	skel->data->step = step;
	if (argc > 3)
		skel->maps.counts.max_entries = strtoul(argv[3], NULL, 0);
	if (load_attach(skel, &link, &pfd)) {
		if (pfd >= 0)
			close(pfd);
		gen_light__destroy(skel);
		printf("fds leaked %d\n", open_fds() - fds);
		return 1;
	}
	for (i = 0; i < n; i++)
		syscall(SYS_getpgid, 0);
	close(link);
	close(pfd);
	gen_light__detach(skel);
	skel->links.handle_sys_enter_fd = 0;
	skel->links.handle_btf_enter_fd = 0;
	lookup_u64(skel->maps.counts.map_fd, 0, &count);
	ring = ringbuf_count(skel->maps.events.map_fd, getpid());
	printf("tp_hits %llu raw_hits %llu btf_hits %llu counts %llu ring %d core_tgid %s "
	       "step %u\n",
	       (unsigned long long)skel->bss->tp_hits, (unsigned long long)skel->bss->raw_hits,
	       (unsigned long long)skel->bss->btf_hits,
	       (unsigned long long)count, ring,
	       skel->bss->core_tgid == (__u32)getpid() ? "ok" : "wrong", skel->data->step);
	ok = skel->bss->tp_hits == (__u64)n * step && skel->bss->raw_hits == (__u64)n &&
	     skel->bss->btf_hits == (__u64)n &&
	     count == (__u64)n && ring == n && skel->bss->core_tgid == (__u32)getpid();
	gen_light__destroy(skel);
	printf("fds leaked %d\n", open_fds() - fds);
	return ok && open_fds() == fds ? 0 : 1;
}
