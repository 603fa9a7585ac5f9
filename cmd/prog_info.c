// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_prog_info with its arrays: a first call learns the counts, a second
 * one fills buffers of those sizes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "prog_info.h"
#include "report.h"

#define FDINFO_LINE_MAX 256
#define PROG_FULL_NAME_MAX 128

/* Where each array goes in the one allocation, and how big it is. */
struct info_layout {
	size_t ksyms, xlated, map_ids, func_info, line_info, jited, func_lens, jited_lines, total;
};

static size_t layout_add(struct info_layout *l, size_t bytes)
{
	size_t at = l->total;

	l->total += (bytes + 7) & ~(size_t)7;
	return at;
}

/* The request: counts and buffer sizes kept from info, everything else zero. */
static void request_init(const struct bpf_prog_info *info, unsigned int want,
			 struct bpf_prog_info *req, struct info_layout *l)
{
	memset(req, 0, sizeof(*req));
	memset(l, 0, sizeof(*l));
	if (want & PROG_INFO_XLATED) {
		req->nr_jited_ksyms = info->nr_jited_ksyms;
		l->ksyms = layout_add(l, (size_t)info->nr_jited_ksyms * sizeof(__u64));
		req->xlated_prog_len = info->xlated_prog_len;
		l->xlated = layout_add(l, info->xlated_prog_len);
		req->nr_func_info = info->nr_func_info;
		req->func_info_rec_size = info->func_info_rec_size;
		l->func_info = layout_add(l, (size_t)info->nr_func_info *
					     info->func_info_rec_size);
		req->nr_line_info = info->nr_line_info;
		req->line_info_rec_size = info->line_info_rec_size;
		l->line_info = layout_add(l, (size_t)info->nr_line_info *
					     info->line_info_rec_size);
	}
	if (want & PROG_INFO_MAP_IDS) {
		req->nr_map_ids = info->nr_map_ids;
		l->map_ids = layout_add(l, (size_t)info->nr_map_ids * sizeof(__u32));
	}
	if (want & PROG_INFO_JITED) {
		req->jited_prog_len = info->jited_prog_len;
		l->jited = layout_add(l, info->jited_prog_len);
		req->nr_jited_func_lens = info->nr_jited_func_lens;
		l->func_lens = layout_add(l, (size_t)info->nr_jited_func_lens * sizeof(__u32));
		req->nr_jited_line_info = info->nr_jited_line_info;
		req->jited_line_info_rec_size = info->jited_line_info_rec_size;
		l->jited_lines = layout_add(l, (size_t)info->nr_jited_line_info *
					       info->jited_line_info_rec_size);
	}
}

static __u64 ptr_at(void *base, size_t off, __u32 cnt)
{
	return cnt ? (__u64)(uintptr_t)((char *)base + off) : 0;
}

static void request_point(struct bpf_prog_info *req, const struct info_layout *l, void *base)
{
	req->jited_ksyms = ptr_at(base, l->ksyms, req->nr_jited_ksyms);
	req->xlated_prog_insns = ptr_at(base, l->xlated, req->xlated_prog_len);
	req->func_info = ptr_at(base, l->func_info, req->nr_func_info);
	req->line_info = ptr_at(base, l->line_info, req->nr_line_info);
	req->map_ids = ptr_at(base, l->map_ids, req->nr_map_ids);
	req->jited_prog_insns = ptr_at(base, l->jited, req->jited_prog_len);
	req->jited_func_lens = ptr_at(base, l->func_lens, req->nr_jited_func_lens);
	req->jited_line_info = ptr_at(base, l->jited_lines, req->nr_jited_line_info);
}

/*
 * The kernel reports the real counts; of the arrays we asked for, only what
 * fit in our buffers is there. Counts of arrays not asked for stay as
 * reported, with a null pointer.
 */
static void clamp_counts(struct bpf_prog_info *got, const struct bpf_prog_info *req)
{
#define CLAMP(f) do { if (req->f && got->f > req->f) got->f = req->f; } while (0)
	CLAMP(nr_jited_ksyms);
	CLAMP(xlated_prog_len);
	CLAMP(nr_func_info);
	CLAMP(nr_line_info);
	CLAMP(nr_map_ids);
	CLAMP(jited_prog_len);
	CLAMP(nr_jited_func_lens);
	CLAMP(nr_jited_line_info);
#undef CLAMP
	if (req->nr_func_info && got->func_info_rec_size != req->func_info_rec_size)
		got->nr_func_info = 0;
	if (req->nr_line_info && got->line_info_rec_size != req->line_info_rec_size)
		got->nr_line_info = 0;
	if (req->nr_jited_line_info &&
	    got->jited_line_info_rec_size != req->jited_line_info_rec_size)
		got->nr_jited_line_info = 0;
}

static int fetch_arrays(int fd, unsigned int want, struct prog_info *pi)
{
	struct bpf_prog_info req;
	struct info_layout l;
	__u32 len = sizeof(req);
	int err;

	request_init(&pi->info, want, &req, &l);
	pi->arrays = calloc(1, l.total ? l.total : 1);
	if (!pi->arrays) {
		p_err("can't read program id %u: %s", pi->info.id, strerror(ENOMEM));
		return -ENOMEM;
	}
	request_point(&req, &l, pi->arrays);
	pi->info = req;
	err = bpf_prog_get_info_by_fd(fd, &pi->info, &len);
	if (err) {
		p_err("can't get info of program id %u: %s", req.id, strerror(-err));
		return err;
	}
	clamp_counts(&pi->info, &req);
	return 0;
}

int prog_info_get(int fd, unsigned int want, struct prog_info *pi)
{
	__u32 len = sizeof(pi->info);
	int err;

	memset(pi, 0, sizeof(*pi));
	err = bpf_prog_get_info_by_fd(fd, &pi->info, &len);
	if (err == -ENODEV) {
		pi->orphaned = true;
		return 0;
	}
	if (err) {
		p_err("can't get program info (fd %d): %s", fd, strerror(-err));
		return err;
	}
	if (!want)
		return 0;
	err = fetch_arrays(fd, want, pi);
	if (err)
		prog_info_free(pi);
	return err;
}

void prog_info_free(struct prog_info *pi)
{
	free(pi->arrays);
	pi->arrays = NULL;
}

const struct bpf_func_info *prog_func_info(const struct prog_info *pi, __u32 i)
{
	return (const void *)(uintptr_t)(pi->info.func_info +
					 (__u64)i * pi->info.func_info_rec_size);
}

const struct bpf_line_info *prog_line_info(const struct prog_info *pi, __u32 i)
{
	return (const void *)(uintptr_t)(pi->info.line_info +
					 (__u64)i * pi->info.line_info_rec_size);
}

/* The name of the BTF function the program starts with, into buf. */
static int btf_func_name(int fd, const struct bpf_prog_info *info, char *buf, size_t size)
{
	struct bpf_prog_info req;
	struct bpf_func_info fi[1];
	const struct btf_type *t;
	__u32 len = sizeof(req);
	struct btf *btf;
	int err;

	memset(&req, 0, sizeof(req));
	req.nr_func_info = 1;
	req.func_info_rec_size = sizeof(fi[0]);
	req.func_info = (__u64)(uintptr_t)fi;
	err = bpf_prog_get_info_by_fd(fd, &req, &len);
	if (err || !req.nr_func_info || req.func_info_rec_size != sizeof(fi[0]))
		return -ENOENT;
	btf = btf__load_from_kernel_by_id(info->btf_id);
	if (!btf)
		return -ENOENT;
	t = btf__type_by_id(btf, fi[0].type_id);
	err = t && btf_is_func(t) ? 0 : -ENOENT;
	if (!err)
		snprintf(buf, size, "%s", btf__name_by_offset(btf, t->name_off));
	btf__free(btf);
	return err;
}

const char *prog_full_name(int fd, const struct bpf_prog_info *info, char *buf, size_t size)
{
	if (strnlen(info->name, BPF_OBJ_NAME_LEN) < BPF_OBJ_NAME_LEN - 1 || !info->btf_id ||
	    !info->nr_func_info || btf_func_name(fd, info, buf, size))
		snprintf(buf, size, "%.*s", BPF_OBJ_NAME_LEN, info->name);
	return buf;
}

bool prog_name_is(int fd, const char *name)
{
	char full[PROG_FULL_NAME_MAX];
	struct bpf_prog_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_prog_get_info_by_fd(fd, &info, &len))
		return false;
	return !strcmp(prog_full_name(fd, &info, full, sizeof(full)), name);
}

long long prog_memlock(int fd)
{
	char path[64], line[FDINFO_LINE_MAX];
	long long val = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "memlock: %lld", &val) == 1)
			break;
	}
	fclose(f);
	return val;
}
