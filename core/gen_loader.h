/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader program generator behind bpf_object__gen_loader(): instead of
 * making bpf(2) calls, bpf_object__load() records them as instructions of
 * a BPF_PROG_TYPE_SYSCALL program and the data those calls take (attrs,
 * BTF, program instructions, names) as a blob. skel_internal.h's
 * bpf_load_and_run() puts the blob in a one-element array map, loads the
 * program with that map as fd_array[0] and runs it with a struct
 * bpf_loader_ctx followed by one struct bpf_map_desc per map and one
 * struct bpf_prog_desc per program, where the program leaves the fds.
 *
 * The blob starts with a header naming the step that failed, so that the
 * user space side can say what went wrong rather than only an errno.
 */
#ifndef __BPFCORE_GEN_LOADER_H
#define __BPFCORE_GEN_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

struct bpf_object;
struct gen_loader_opts;

/* "BCLD": the blob is ours and has the header below. */
#define GEN_BLOB_MAGIC	0x444c4342u

/* The start of the blob; skel_internal.h reads it after a failed run. */
struct gen_blob_hdr {
	__u32 magic;
	__u32 failed_step;	/* written by the program before each step: 1-based */
	__u32 steps_off;	/* __u32 offsets of the steps' descriptions */
	__u32 nr_steps;
};

/* The context the loader program reads and writes: skel_internal.h's layout. */
#define GEN_CTX_HDR_SZ		24	/* struct bpf_loader_ctx */
#define GEN_CTX_FLAGS		4
#define GEN_CTX_LOG_LEVEL	8
#define GEN_CTX_LOG_SIZE	12
#define GEN_CTX_LOG_BUF		16
#define GEN_MAP_DESC_SZ		16	/* struct bpf_map_desc */
#define GEN_MAP_DESC_FD		0
#define GEN_MAP_DESC_MAX_ENTRIES 4
#define GEN_MAP_DESC_INIT_VALUE	8
#define GEN_PROG_DESC_SZ	4	/* struct bpf_prog_desc */
#define GEN_SKEL_KERNEL		1	/* bpf_loader_ctx.flags: initial values in kernel memory */

struct gen_loader {
	struct gen_loader_opts *opts;
	bool keep_blob;			/* gen_hash: the context overrides nothing */
	struct bpf_insn *insns;
	size_t insn_cnt;
	size_t insn_cap;
	char *blob;
	size_t blob_sz;
	size_t blob_cap;
	size_t *err_jumps;		/* jumps to the clean-up code, patched at the end */
	size_t nr_err_jumps;
	char **steps;			/* what each step does, for messages */
	__u32 nr_steps;
	__u32 nr_maps;			/* bpf_map_desc entries in the context */
	__u32 nr_progs;			/* bpf_prog_desc entries */
	__u32 map_slots;		/* blob offset: fd_array, one fd per map, then extras */
	__u32 nr_extra;			/* fd_array slots for module BTF fds after the maps' */
	__u32 next_extra;
	__u32 prog_slots;		/* blob offset: one fd per program */
	__u32 btf_slot;			/* blob offset: the object's BTF fd */
	__u32 inner_slot;		/* blob offset: the inner map being used */
	int error;			/* first failure while recording */
};

/* ---- gen_loader_emit.c: the instruction and blob builders ---- */

/* Append bytes to the blob, 8-aligned; their offset, or -errno (also g->error). */
int gen_blob_add(struct gen_loader *g, const void *data, size_t size);
/* Name the next step for messages (printf-style); the program records it when run. */
void gen_step(struct gen_loader *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Store the kernel address of blob[target] into the u64 at blob[field]. */
void gen_store_blob_addr(struct gen_loader *g, __u32 field, __u32 target);
/* Copy size (4 or 8) bytes from blob[src] to blob[dst]. */
void gen_copy_blob(struct gen_loader *g, __u32 dst, __u32 src, int size);
/* Copy size bytes at ctx_off of the context to blob[dst]; if skip_zero, not a zero. */
void gen_copy_ctx(struct gen_loader *g, __u32 dst, __u32 ctx_off, int size, bool skip_zero);
/* bpf(cmd, &blob[attr], size); a negative result ends the run with it. */
void gen_sys_bpf(struct gen_loader *g, int cmd, __u32 attr, __u32 size);
/* The last bpf() result (an fd) into the int at blob[slot]. */
void gen_save_fd(struct gen_loader *g, __u32 slot);
/* Close the fd at blob[slot] if there is one, and clear the slot. */
void gen_close_slot(struct gen_loader *g, __u32 slot);
/* Copy size bytes from user (or kernel, GEN_SKEL_KERNEL) memory at the u64 ctx[ctx_off]. */
void gen_copy_initial_value(struct gen_loader *g, __u32 dst, __u32 size, __u32 ctx_off);
/* The prologue: context pointer kept in r6, blob header, fd slots. */
int gen_begin(struct gen_loader *g, __u32 nr_maps, __u32 nr_progs, __u32 nr_extra);

/*
 * A name the run looks up in the kernel's BTF (bpf_btf_find_by_name_kind):
 * its id goes into the u32 at blob[id_off]. Found in a module, that
 * module's BTF fd goes into fd_array slot fd_idx (closed at the end) and,
 * by fd_size, the fd itself (4) or fd_idx (2) into blob[fd_off]. Not
 * found: the run fails, or if weak the byte at blob[src_off] becomes
 * src_byte (the instruction no longer takes an id) and the id stays 0.
 */
struct gen_btf_ref {
	const char *name;
	int kind;
	bool weak;
	__u32 id_off;
	__u32 fd_idx;
	__u32 fd_off;
	int fd_size;
	__u32 src_off;
	__u8 src_byte;
};
void gen_find_btf_id(struct gen_loader *g, const struct gen_btf_ref *ref);
/* The blob offset of fd_array slot idx. */
__u32 gen_fd_slot(const struct gen_loader *g, __u32 idx);
/* Epilogue: fds to the context or all closed; fills opts. Returns 0 or -errno. */
int gen_finish(struct gen_loader *g);
void gen_free(struct gen_loader *g);

/* ---- gen_loader.c: recording an object ---- */

/* bpf_object__load() of an object set up by bpf_object__gen_loader(). */
int gen_object_load(struct bpf_object *obj);

#endif /* __BPFCORE_GEN_LOADER_H */
