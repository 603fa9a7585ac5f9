/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A struct_ops map's own state, shared by core/struct_ops*.c only.
 */
#ifndef __BPFCORE_STRUCT_OPS_H
#define __BPFCORE_STRUCT_OPS_H

#include <linux/types.h>

struct bpf_program;

/* Newer than the 6.1 UAPI headers (6.4): a struct_ops map registered through links. */
#define MAP_F_LINK		(1U << 13)
#define ATTACH_STRUCT_OPS	44

struct struct_ops {
	__u32 type_id;			/* the struct in the object's BTF */
	__u32 size;			/* of that struct: the shadow value */
	void *data;			/* the shadow value */
	struct bpf_program **progs;	/* by member index of type_id, or NULL */
	__u32 *kern_func_off;		/* by member index: its fd's offset in kern_vdata */
	void *kern_vdata;		/* bpf_struct_ops_<type>, after struct_ops_init_kern() */
	__u32 kern_vtype_id;		/* bpf_struct_ops_<type> in the kernel's BTF */
	int mod_btf_fd;			/* the module BTF holding the kernel type, or -1 */
};

#endif /* __BPFCORE_STRUCT_OPS_H */
