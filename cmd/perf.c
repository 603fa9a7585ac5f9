// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl perf show": programs attached to perf events (tracepoints,
 * kprobes, uprobes) through the file descriptors processes hold, found by
 * asking the kernel about every fd of every process (BPF_TASK_FD_QUERY).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "output.h"
#include "report.h"

#define ENOTSUPP 524	/* the kernel's, for "no BPF program on this fd" */

struct perf_attach {
	int pid, fd;
	__u32 prog_id, fd_type;
	__u64 offset, addr;
	char buf[PATH_MAX];
};

static const char *fd_type_name(__u32 type)
{
	switch (type) {
	case BPF_FD_TYPE_RAW_TRACEPOINT:
		return "raw_tracepoint";
	case BPF_FD_TYPE_TRACEPOINT:
		return "tracepoint";
	case BPF_FD_TYPE_KPROBE:
		return "kprobe";
	case BPF_FD_TYPE_KRETPROBE:
		return "kretprobe";
	case BPF_FD_TYPE_UPROBE:
		return "uprobe";
	case BPF_FD_TYPE_URETPROBE:
		return "uretprobe";
	default:
		return NULL;
	}
}

static void print_json(struct json_writer *jw, const struct perf_attach *a)
{
	const char *type = fd_type_name(a->fd_type);

	jsonw_start_object(jw);
	jsonw_int_field(jw, "pid", a->pid);
	jsonw_int_field(jw, "fd", a->fd);
	jsonw_uint_field(jw, "prog_id", a->prog_id);
	if (type)
		jsonw_string_field(jw, "fd_type", type);
	switch (a->fd_type) {
	case BPF_FD_TYPE_RAW_TRACEPOINT:
	case BPF_FD_TYPE_TRACEPOINT:
		jsonw_string_field(jw, "tracepoint", a->buf);
		break;
	case BPF_FD_TYPE_KPROBE:
	case BPF_FD_TYPE_KRETPROBE:
		if (a->buf[0]) {
			jsonw_string_field(jw, "func", a->buf);
			jsonw_uint_field(jw, "offset", a->offset);
		} else {
			jsonw_uint_field(jw, "addr", a->addr);
		}
		break;
	case BPF_FD_TYPE_UPROBE:
	case BPF_FD_TYPE_URETPROBE:
		jsonw_string_field(jw, "filename", a->buf);
		jsonw_uint_field(jw, "offset", a->offset);
		break;
	}
	jsonw_end_object(jw);
}

static void print_text(FILE *f, const struct perf_attach *a)
{
	const char *type = fd_type_name(a->fd_type);

	fprintf(f, "pid %d  fd %d: prog_id %u  ", a->pid, a->fd, a->prog_id);
	switch (a->fd_type) {
	case BPF_FD_TYPE_RAW_TRACEPOINT:
	case BPF_FD_TYPE_TRACEPOINT:
		fprintf(f, "%s  %s\n", type, a->buf);
		break;
	case BPF_FD_TYPE_KPROBE:
	case BPF_FD_TYPE_KRETPROBE:
		if (a->buf[0])
			fprintf(f, "%s  func %s  offset %llu\n", type, a->buf,
				(unsigned long long)a->offset);
		else
			fprintf(f, "%s  addr %llu\n", type, (unsigned long long)a->addr);
		break;
	case BPF_FD_TYPE_UPROBE:
	case BPF_FD_TYPE_URETPROBE:
		fprintf(f, "%s  filename %s  offset %llu\n", type, a->buf,
			(unsigned long long)a->offset);
		break;
	default:
		fprintf(f, "type %u\n", a->fd_type);
		break;
	}
}

/* A decimal number and nothing else: the names under /proc and /proc/PID/fd. */
static int parse_number(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || v > INT_MAX / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return (int)v;
}

static void show_process(int pid)
{
	struct perf_attach a = { .pid = pid };
	char path[64];
	struct dirent *de;
	__u32 len;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return;		/* gone, or a kernel thread */
	while ((de = readdir(d))) {
		a.fd = parse_number(de->d_name);
		if (a.fd < 0)
			continue;
		len = sizeof(a.buf);
		if (bpf_task_fd_query(pid, a.fd, 0, a.buf, &len, &a.prog_id, &a.fd_type,
				      &a.offset, &a.addr))
			continue;
		if (out_json())
			print_json(out_json(), &a);
		else
			print_text(out_stream(), &a);
	}
	closedir(d);
}

/*
 * The kernel answers BPF_TASK_FD_QUERY on an fd without a BPF program with
 * ENOTSUPP; anything else means it can't answer at all.
 */
static int check_query_support(void)
{
	__u32 len = 0, prog_id, fd_type;
	__u64 offset, addr;
	int fd, err;

	fd = open("/", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		p_err("can't open '/': %s", strerror(errno));
		return -errno;
	}
	err = bpf_task_fd_query(getpid(), fd, 0, NULL, &len, &prog_id, &fd_type, &offset,
				&addr);
	close(fd);
	if (err == -ENOTSUPP)
		return 0;
	p_err("the kernel can't tell which programs perf events run (BPF_TASK_FD_QUERY): %s",
	      strerror(-err));
	return err ? err : -EINVAL;
}

static int do_show(int argc, char **argv)
{
	struct dirent *de;
	int err, pid;
	DIR *proc;

	err = expect_no_more_args(argc, argv, "perf show");
	if (!err)
		err = check_query_support();
	if (err)
		return err;
	proc = opendir("/proc");
	if (!proc) {
		p_err("can't list processes in /proc: %s", strerror(errno));
		return -errno;
	}
	if (out_json())
		jsonw_start_array(out_json());
	while ((de = readdir(proc))) {
		pid = parse_number(de->d_name);
		if (pid > 0)
			show_process(pid);
	}
	if (out_json())
		jsonw_end_array(out_json());
	closedir(proc);
	return 0;
}

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "perf help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s perf { show | list }\n"
		"       %1$s perf help\n"
		"\n"
		"Lists the programs attached to perf events (tracepoints, kprobes, uprobes)\n"
		"through file descriptors held by processes, with their pid and fd.\n",
		BIN_NAME);
	return 0;
}

static const struct cmd perf_cmds[] = {
	{ { "show" }, do_show },
	{ { "list" }, do_show },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(perf, perf_cmds, do_show)
