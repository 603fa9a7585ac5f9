// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_prog_linfo: a loaded program's line info, from its bpf_prog_info,
 * indexed for "which source line is this instruction" (translated
 * instruction offsets) and "which line is this JITed address" (per JITed
 * function, the kernel's jited_line_info addresses parallel to line_info).
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "log.h"

struct bpf_prog_linfo {
	void *linfo;		/* nr_linfo records of rec_size bytes */
	__u32 nr_linfo;
	__u32 rec_size;
	__u64 *jited_addr;	/* the JITed address of each record, or NULL */
	__u32 nr_func;		/* JITed functions */
	__u32 *func_first;	/* each function's first record */
	__u32 *func_cnt;	/* and its number of records */
};

static const struct bpf_line_info *linfo_rec(const struct bpf_prog_linfo *l, __u32 i)
{
	return (const struct bpf_line_info *)((const char *)l->linfo + (size_t)i * l->rec_size);
}

void bpf_prog_linfo__free(struct bpf_prog_linfo *prog_linfo)
{
	if (!prog_linfo)
		return;
	free(prog_linfo->linfo);
	free(prog_linfo->jited_addr);
	free(prog_linfo->func_first);
	free(prog_linfo->func_cnt);
	free(prog_linfo);
}

/* info has what address lookups need, consistently. */
static bool info_has_jited(const struct bpf_prog_info *info)
{
	return info->nr_jited_ksyms && info->jited_line_info && info->jited_ksyms &&
	       info->jited_func_lens && info->nr_jited_line_info == info->nr_line_info &&
	       info->jited_line_info_rec_size >= sizeof(__u64) &&
	       info->nr_jited_func_lens == info->nr_jited_ksyms;
}

/*
 * Cut the records into JITed functions: function f starts at the record
 * whose address is ksyms[f]; within a function addresses increase and stay
 * inside the function's length.
 */
static int linfo_split_funcs(struct bpf_prog_linfo *l, const __u64 *ksyms, const __u32 *lens)
{
	__u32 i, f = 0;

	if (l->jited_addr[0] != ksyms[0])
		return -EINVAL;
	l->func_first[0] = 0;
	for (i = 1; i < l->nr_linfo; i++) {
		if (f + 1 < l->nr_func && l->jited_addr[i] == ksyms[f + 1]) {
			if (l->jited_addr[i - 1] - ksyms[f] >= lens[f])
				return -EINVAL;
			l->func_cnt[f] = i - l->func_first[f];
			l->func_first[++f] = i;
		} else if (l->jited_addr[i] <= l->jited_addr[i - 1]) {
			return -EINVAL;
		}
	}
	if (f + 1 != l->nr_func)
		return -EINVAL;
	l->func_cnt[f] = l->nr_linfo - l->func_first[f];
	return 0;
}

static int linfo_copy_jited(struct bpf_prog_linfo *l, const struct bpf_prog_info *info)
{
	const char *src = (const char *)(unsigned long)info->jited_line_info;
	__u32 i;

	l->nr_func = info->nr_jited_ksyms;
	l->jited_addr = calloc(l->nr_linfo, sizeof(*l->jited_addr));
	l->func_first = calloc(l->nr_func, sizeof(*l->func_first));
	l->func_cnt = calloc(l->nr_func, sizeof(*l->func_cnt));
	if (!l->jited_addr || !l->func_first || !l->func_cnt)
		return -ENOMEM;
	for (i = 0; i < l->nr_linfo; i++)
		memcpy(&l->jited_addr[i], src + (size_t)i * info->jited_line_info_rec_size,
		       sizeof(__u64));
	return linfo_split_funcs(l, (const __u64 *)(unsigned long)info->jited_ksyms,
				 (const __u32 *)(unsigned long)info->jited_func_lens);
}

struct bpf_prog_linfo *bpf_prog_linfo__new(const struct bpf_prog_info *info)
{
	struct bpf_prog_linfo *l;
	size_t sz;
	int err;

	if (!info || !info->nr_line_info || !info->line_info ||
	    info->line_info_rec_size < offsetof(struct bpf_line_info, file_name_off))
		return libbpf_err_ptr(-EINVAL);
	l = calloc(1, sizeof(*l));
	if (!l)
		return libbpf_err_ptr(-ENOMEM);
	l->nr_linfo = info->nr_line_info;
	l->rec_size = info->line_info_rec_size;
	sz = (size_t)l->nr_linfo * l->rec_size;
	l->linfo = malloc(sz);
	if (!l->linfo) {
		err = -ENOMEM;
		goto err_out;
	}
	memcpy(l->linfo, (const void *)(unsigned long)info->line_info, sz);
	/* without JITed info, instruction lookups still work */
	if (!info_has_jited(info))
		return l;
	err = linfo_copy_jited(l, info);
	if (err)
		goto err_out;
	return l;
err_out:
	bpf_prog_linfo__free(l);
	/* an inconsistent info is the caller's input, not memory */
	return libbpf_err_ptr(err == -ENOMEM ? -ENOMEM : -EINVAL);
}

const struct bpf_line_info *bpf_prog_linfo__lfind_addr_func(const struct bpf_prog_linfo *prog_linfo,
							     __u64 addr, __u32 func_idx,
							     __u32 nr_skip)
{
	const struct bpf_prog_linfo *l = prog_linfo;
	__u32 first, end, i;

	if (!l || func_idx >= l->nr_func || nr_skip >= l->func_cnt[func_idx])
		return libbpf_err_ptr(-ENOENT);
	first = l->func_first[func_idx] + nr_skip;
	end = l->func_first[func_idx] + l->func_cnt[func_idx];
	if (addr < l->jited_addr[first])
		return libbpf_err_ptr(-ENOENT);
	for (i = first + 1; i < end && l->jited_addr[i] <= addr; i++)
		;
	return linfo_rec(l, i - 1);
}

const struct bpf_line_info *bpf_prog_linfo__lfind(const struct bpf_prog_linfo *prog_linfo,
						  __u32 insn_off, __u32 nr_skip)
{
	const struct bpf_prog_linfo *l = prog_linfo;
	__u32 i;

	if (!l || nr_skip >= l->nr_linfo || insn_off < linfo_rec(l, nr_skip)->insn_off)
		return libbpf_err_ptr(-ENOENT);
	for (i = nr_skip + 1; i < l->nr_linfo && linfo_rec(l, i)->insn_off <= insn_off; i++)
		;
	return linfo_rec(l, i - 1);
}
