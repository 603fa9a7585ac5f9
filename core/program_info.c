// SPDX-License-Identifier: BSD-2-Clause
/*
 * A program's instructions and the BTF records that describe them
 * (func_info, line_info), as the kernel gets them: gathered when the object
 * is prepared, replaceable by bpf_program__set_insns() until it is loaded.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "log.h"
#include "object_internal.h"

struct bpf_func_info *bpf_program__func_info(const struct bpf_program *prog)
{
	if (prog->func_info_rec_size != sizeof(struct bpf_func_info))
		return libbpf_err_ptr(-EOPNOTSUPP);
	return prog->func_info;
}

__u32 bpf_program__func_info_cnt(const struct bpf_program *prog)
{
	return prog->func_info_cnt;
}

struct bpf_line_info *bpf_program__line_info(const struct bpf_program *prog)
{
	if (prog->line_info_rec_size != sizeof(struct bpf_line_info))
		return libbpf_err_ptr(-EOPNOTSUPP);
	return prog->line_info;
}

__u32 bpf_program__line_info_cnt(const struct bpf_program *prog)
{
	return prog->line_info_cnt;
}

/*
 * Keep the records whose instruction (their first __u32) is below cnt; the
 * kernel refuses records past the program's end. Records are in order.
 */
static void infos_trim(const void *recs, __u32 *rec_cnt, __u32 rec_size, size_t cnt)
{
	__u32 keep = 0;

	while (keep < *rec_cnt && *(const __u32 *)((const char *)recs + keep * rec_size) < cnt)
		keep++;
	*rec_cnt = keep;
}

/* Before linking the new code loads as given; after it the infos are trimmed to it. */
static int prog_insns_replace(struct bpf_program *prog, const struct bpf_insn *insns, size_t cnt)
{
	struct bpf_insn *copy;

	copy = malloc(cnt ? cnt * sizeof(*copy) : 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, insns, cnt * sizeof(*copy));
	free(prog->insns);
	prog->insns = copy;
	prog->insns_cnt = cnt;
	if (!prog->obj->prepared) {
		/* the relocations name instructions of the code replaced */
		prog->insns_set = true;
		return 0;
	}
	if (prog->func_info)
		infos_trim(prog->func_info, &prog->func_info_cnt, prog->func_info_rec_size, cnt);
	if (prog->line_info)
		infos_trim(prog->line_info, &prog->line_info_cnt, prog->line_info_rec_size, cnt);
	return 0;
}

int bpf_program__set_insns(struct bpf_program *prog, struct bpf_insn *new_insns,
			   size_t new_insn_cnt)
{
	if (!prog || (new_insn_cnt && !new_insns))
		return libbpf_err(-EINVAL);
	if (prog->obj->loaded) {
		pr_warn("prog '%s': instructions can't be replaced once the object is loaded\n",
			prog->name);
		return libbpf_err(-EBUSY);
	}
	return libbpf_err(prog_insns_replace(prog, new_insns, new_insn_cnt));
}
