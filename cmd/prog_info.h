/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the kernel tells about a loaded program: its bpf_prog_info and,
 * on request, the arrays the info points to (map ids, translated
 * instructions, func_info and line_info records, jited symbols).
 */
#ifndef __BPFCTL_PROG_INFO_H
#define __BPFCTL_PROG_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

/* Arrays to fetch along with the info. */
enum {
	PROG_INFO_MAP_IDS	= 1 << 0,
	PROG_INFO_XLATED	= 1 << 1,	/* + func_info, line_info, jited ksyms */
	PROG_INFO_JITED		= 1 << 2,	/* + jited func lengths and line info */
};

struct prog_info {
	struct bpf_prog_info info;
	/*
	 * The program's bound device is gone: the kernel keeps the id but
	 * refuses the info (bpftool calls such programs "orphaned").
	 */
	bool orphaned;
	/*
	 * One allocation behind the pointers in info. Only the arrays asked
	 * for are there: others keep their count, with a null pointer.
	 */
	void *arrays;
};

/*
 * Fill pi for the program behind fd, with the arrays asked for in
 * want (PROG_INFO_*). Reports the error and returns -errno; on success
 * the caller releases pi with prog_info_free().
 */
int prog_info_get(int fd, unsigned int want, struct prog_info *pi);

void prog_info_free(struct prog_info *pi);

/* The i-th func_info / line_info record (i below the count in info). */
const struct bpf_func_info *prog_func_info(const struct prog_info *pi, __u32 i);
const struct bpf_line_info *prog_line_info(const struct prog_info *pi, __u32 i);

/*
 * The program's name, full length: the kernel keeps 15 characters, so a
 * name that fills them is replaced by the name of the program's BTF
 * function, as bpftool does. Writes into buf.
 */
const char *prog_full_name(int fd, const struct bpf_prog_info *info, char *buf, size_t size);

/* The program behind fd has the name name, full length, as bpftool matches it. */
bool prog_name_is(int fd, const char *name);

/* The "memlock" of fd's fdinfo, or -1 if there is none. */
long long prog_memlock(int fd);

#endif /* __BPFCTL_PROG_INFO_H */
