/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * USDT probes, the user side: the probe sites of a binary
 * (.note.stapsdt, usdt_elf.c), their argument specs (usdt_arg.c) and the
 * attachment (usdt.c). The spec layout is the one <bpf/usdt.bpf.h> reads.
 */
#ifndef __BPFCORE_USDT_H
#define __BPFCORE_USDT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define USDT_MAX_ARGS 12
#define USDT_SPECS_MAP "__bpf_usdt_specs"

/* struct __bpf_usdt_arg_spec.kind */
enum usdt_arg_kind {
	USDT_ARG_CONST,
	USDT_ARG_REG,
	USDT_ARG_REG_DEREF,
	USDT_ARG_SIB,
};

/* = struct __bpf_usdt_arg_spec of usdt.bpf.h */
struct usdt_arg_spec {
	__u64 val_off;
	__u8 kind;
	__u8 size;
	__u8 is_signed;
	__u8 idx_scale_shift;
	__s16 reg_off;
	__s16 idx_reg_off;
};

/* = struct __bpf_usdt_spec of usdt.bpf.h */
struct usdt_spec {
	struct usdt_arg_spec args[USDT_MAX_ARGS];
	__u64 usdt_cookie;
	__u16 arg_cnt;
	__u16 pad[3];
};

_Static_assert(sizeof(struct usdt_arg_spec) == 16, "USDT arg spec layout");
_Static_assert(sizeof(struct usdt_spec) == 208, "USDT spec layout");

/* ---- usdt_arg.c ---- */

/*
 * Parse the argument specs of a note ("-4@%eax 8@-16(%rbp) 4@$5") for
 * the architecture machine (EM_X86_64, EM_AARCH64) into spec (args and
 * arg_cnt; the rest is left alone). -EINVAL with a warning naming what
 * and the argument's text on anything not understood.
 */
int usdt_parse_args(unsigned int machine, const char *args, struct usdt_spec *spec,
		    const char *what);

/* ---- usdt_elf.c ---- */

/* What one .note.stapsdt note says. Strings point into the note. */
struct usdt_note {
	__u64 pc;
	__u64 base;		/* link-time address of .stapsdt.base */
	__u64 sema;		/* semaphore address, or 0 */
	const char *provider;
	const char *name;
	const char *args;
};

/*
 * Decode the description of a stapsdt note (size bytes, 64-bit
 * addresses); -EINVAL when it is too short or its strings are not
 * terminated within it.
 */
int usdt_note_parse(const void *desc, size_t size, struct usdt_note *note);

/* A probe site, ready for a uprobe. */
struct usdt_site {
	__u64 offset;		/* file offset of the probe instruction */
	__u64 sema_offset;	/* file offset of the semaphore, or 0 */
	char *args;		/* argument specs, from the note */
};

struct usdt_sites {
	struct usdt_site *v;
	size_t cnt;
	unsigned int machine;	/* ELF e_machine of the binary */
};

/*
 * The sites of probe provider:name in the ELF file path. -ENOENT when
 * it has none, other errors for unreadable or malformed files; each with
 * a warning that starts with what.
 */
int usdt_sites_find(const char *path, const char *provider, const char *name,
		    const char *what, struct usdt_sites *sites);

/* usdt_sites_find() of an ELF image in memory (size bytes, left unchanged). */
int usdt_sites_find_mem(void *image, size_t size, const char *provider, const char *name,
			const char *what, struct usdt_sites *sites);
void usdt_sites_free(struct usdt_sites *sites);

/* ---- usdt.c ---- */

/* An object's spec slots; see usdt.c. */
struct usdt_ids;

/* Drop a reference (the object's, or a link's) to the slots. */
void usdt_ids_put(struct usdt_ids *ids);

#endif /* __BPFCORE_USDT_H */
