// SPDX-License-Identifier: BSD-2-Clause
/*
 * The parts of the attach code that need no loaded program: where a uprobe
 * goes (binary and library lookup, function offsets from the ELF symbol
 * tables, checked against where the function really is mapped), tracefs
 * event lookup, and the link object on bad input (pins outside bpffs,
 * opening what is no link, unpinning twice). Each failure must say what
 * it failed on. (Attaching real programs: tests/bats/attach.bats.)
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "unit.h"

static char last_msg[1024];

static int capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	return 0;
}

/* noinline and used: it has a symbol and a body of its own */
__attribute__((noinline, used)) int unit_probe_target(int x)
{
	asm volatile("" : "+r"(x));
	return x * 3;
}

/* File offset of addr in the executable mapping of /proc/self/exe that holds it. */
static long mapped_offset(const void *addr)
{
	unsigned long start, end, off, a = (unsigned long)addr;
	char line[512], perms[8];
	long result = -1;
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && result < 0 && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %7s %lx", &start, &end, perms, &off) == 4 &&
		    a >= start && a < end)
			result = (long)(a - start + off);
	if (f)
		fclose(f);
	return result;
}

int main(void);

static void func_offsets(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	long off;

	if (!CHECK(n > 0, "readlink /proc/self/exe"))
		return;
	exe[n] = '\0';
	off = elf_func_offset("t", exe, "unit_probe_target");
	CHECK(off > 0 && off == mapped_offset((void *)unit_probe_target),
	      "offset of a function in this binary is where it is mapped (%ld)", off);
	off = elf_func_offset("t", exe, "main");
	CHECK(off > 0 && off == mapped_offset((void *)main), "offset of main");
	last_msg[0] = '\0';
	off = elf_func_offset("t", exe, "unit_no_such_function");
	CHECK(off == -ENOENT && strstr(last_msg, "binary has no such symbol") &&
	      strstr(last_msg, "unit_no_such_function"), "missing symbol: %s", last_msg);
	/* data symbols are no functions */
	off = elf_func_offset("t", exe, "last_msg");
	CHECK(off == -ENOENT, "a variable is not a function");
	off = elf_func_offset("t", "/proc/self/status", "f");
	CHECK(off == -EINVAL && strstr(last_msg, "not an ELF file"), "not an ELF file: %s",
	      last_msg);
	off = elf_func_offset("t", "/nonexistent/bin", "f");
	CHECK(off == -ENOENT, "missing file");
}

static void library_offsets(void)
{
	char libc[PATH_MAX];
	long off;

	if (!CHECK(!elf_resolve_path("libc.so.6", libc, sizeof(libc)), "libc.so.6 found"))
		return;
	CHECK(strchr(libc, '/') && !access(libc, R_OK), "libc path %s", libc);
	/* dynsym names carry versions: getppid@@GLIBC_2.2.5 */
	off = elf_func_offset("t", libc, "getppid");
	CHECK(off > 0, "getppid in libc at 0x%lx", off);
	CHECK(elf_func_offset("t", libc, "getppid@GLIBC_2.2.5") == off ||
	      elf_func_offset("t", libc, "getppid@GLIBC_2.17") == off,
	      "versioned name resolves to the same function");
	CHECK(elf_func_offset("t", libc, "getppid@GLIBC_0.0") == -ENOENT,
	      "a version libc doesn't define");
}

static void path_lookup(void)
{
	char buf[PATH_MAX], tiny[4];

	CHECK(!elf_resolve_path("sh", buf, sizeof(buf)) && buf[0] == '/', "sh found in PATH: %s",
	      buf);
	CHECK(elf_resolve_path("bpfctl-no-such-program", buf, sizeof(buf)) == -ENOENT,
	      "missing program");
	CHECK(elf_resolve_path("libbpfctl-no-such.so.1", buf, sizeof(buf)) == -ENOENT,
	      "missing library");
	CHECK(elf_resolve_path("/nonexistent/x", buf, sizeof(buf)) == -ENOENT, "missing path");
	CHECK(elf_resolve_path("/bin/sh", tiny, sizeof(tiny)) == -ENAMETOOLONG,
	      "path longer than the buffer");
}

static void tracefs_lookup(void)
{
	char root[PATH_MAX] = "";
	int id;

	if (!CHECK(tracefs_root(root, sizeof(root)) == 0, "tracefs is mounted (at %s)", root))
		return;
	id = tracefs_event_id("t", "tracepoint 'syscalls/sys_enter_getppid'", "syscalls",
			      "sys_enter_getppid");
	CHECK(id > 0, "id of syscalls/sys_enter_getppid: %d", id);
	id = tracefs_event_id("t", "tracepoint 'nope/nope'", "nope", "nope");
	CHECK(id == -ENOENT && strstr(last_msg, "prog 't': can't attach to tracepoint 'nope/nope': "
				      "no such tracepoint"), "missing tracepoint: %s", last_msg);
}

static void link_object(void)
{
	struct bpf_link *link;
	int fd, map_fd;
	char path[64];

	CHECK(bpf_link__destroy(NULL) == 0, "destroy NULL");
	link = bpf_link__open("/nonexistent/bpfctl-link");
	CHECK(!link && errno == ENOENT && strstr(last_msg, "can't open"), "open missing: %s",
	      last_msg);
	/* a pinned map is no link */
	map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "unit", 4, 4, 1, NULL);
	snprintf(path, sizeof(path), "/sys/fs/bpf/bpfctl-unit-attach-%d", getpid());
	if (CHECK(map_fd >= 0 && !bpf_obj_pin(map_fd, path), "pin a map")) {
		link = bpf_link__open(path);
		CHECK(!link && strstr(last_msg, "not a BPF link"), "open a map: %s", last_msg);
		unlink(path);
	}
	/* the link object around some fd, for the checks before any syscall */
	fd = open("/dev/null", O_RDONLY);
	link = link_new(fd);
	if (!CHECK(link && bpf_link__fd(link) == fd, "link_new"))
		return;
	CHECK(!bpf_link__pin_path(link), "no pin path");
	CHECK(bpf_link__pin(link, "/tmp/bpfctl-unit-link") == -EINVAL &&
	      strstr(last_msg, "not on a BPF filesystem"), "pin outside bpffs: %s", last_msg);
	CHECK(bpf_link__pin(link, "/nonexistent/dir/link") == -ENOENT, "pin in a missing dir");
	CHECK(bpf_link__pin(link, path) < 0 && !bpf_link__pin_path(link) && access(path, F_OK),
	      "pinning what is no BPF object fails and leaves nothing");
	CHECK(bpf_link__unpin(link) == -EINVAL, "unpin what isn't pinned");
	CHECK(bpf_link__detach(link) < 0, "detach what is no link");
	bpf_link__disconnect(link);
	bpf_link__destroy(link);
	CHECK(fcntl(fd, F_GETFD) == 0, "a disconnected link's fd stays open");
	close(fd);
	close(map_fd);
}

int main(void)
{
	libbpf_set_print(capture);
	func_offsets();
	library_offsets();
	path_lookup();
	tracefs_lookup();
	link_object();
	return unit_done();
}
