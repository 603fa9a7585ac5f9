/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "bpfctl btf show" and the facts about a kernel BTF object it prints.
 */
#ifndef __BPFCTL_BTF_SHOW_H
#define __BPFCTL_BTF_SHOW_H

#include <stdbool.h>
#include <linux/types.h>

#define BTF_OBJ_NAME_MAX 64	/* module names are shorter (MODULE_NAME_LEN) */

struct btf_obj_info {
	__u32 id;
	__u32 size;		/* bytes of raw BTF */
	bool kernel;		/* vmlinux or module BTF */
	char name[BTF_OBJ_NAME_MAX];	/* "vmlinux", a module's name, or "" */
};

/* Info of the kernel BTF object id; reports the error (naming id). */
int btf_obj_info_by_id(__u32 id, struct btf_obj_info *info);

/* "btf show [id ID]" and "btf list [id ID]". */
int do_btf_show(int argc, char **argv);

#endif /* __BPFCTL_BTF_SHOW_H */
