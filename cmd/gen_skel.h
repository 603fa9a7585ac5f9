/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What "gen skeleton" and "gen subskeleton" know about an object before
 * writing C: its name and identifiers, its maps and programs, and the BTF
 * sections that type the global data maps.
 */
#ifndef __BPFCTL_GEN_SKEL_H
#define __BPFCTL_GEN_SKEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <linux/types.h>

struct bpf_object;
struct bpf_map;
struct bpf_program;
struct btf;
struct btf_type;

/* Longest object name kept, as bpftool's. */
#define GEN_NAME_MAX	64
#define GEN_IDENT_MAX	256

struct gen_map {
	const struct bpf_map *map;
	const char *name;		/* bpf_map__name() */
	const char *sec_name;		/* data maps: ".rodata" etc.; else the name */
	char ident[GEN_IDENT_MAX];	/* field name in "maps" and of the section */
	bool mmaped;			/* global data: memory-mapped, typed */
	bool read_only;			/* .rodata, .kconfig: PROT_READ after load */
	bool st_ops;			/* a struct_ops map: shadow type and link */
	__u32 sec_id;			/* its DATASEC in the BTF, 0 if none */
};

struct gen_object {
	char name[GEN_NAME_MAX];	/* C identifier: struct and function prefix */
	char guard[GEN_NAME_MAX + 32];	/* include guard */
	const char *file;		/* for messages */
	const void *bytes;		/* the object file, embedded */
	size_t size;
	struct bpf_object *obj;
	const struct btf *btf;		/* NULL: no typed sections */
	struct gen_map *maps;
	size_t map_cnt;
	struct bpf_program **progs;
	size_t prog_cnt;
	FILE *out;
};

/* ---- gen_names.c ---- */

/* Replace every character that can't be in a C identifier by '_'. */
void gen_sanitize(char *s);

/* The object name bpftool derives from a file: base name, ".o" dropped. */
void gen_name_from_file(char *name, size_t size, const char *path);

/* "__<NAME>_<SUFFIX>__", upper case. */
void gen_guard(char *guard, size_t size, const char *name, const char *suffix);

/*
 * Collect the maps, programs and data sections of an opened object into g
 * (g->obj set). Returns 0 or a negative errno after reporting.
 */
int gen_collect(struct gen_object *g);

/* Release what gen_collect() allocated. */
void gen_release(struct gen_object *g);

/* The identifier of a data section name (".data.x" -> "data_x"), or false. */
bool gen_datasec_ident(const char *sec_name, char *buf, size_t size);

/* ---- gen_datasec.c ---- */

enum gen_datasec_style {
	DATASEC_SKELETON,	/* struct <obj>__<sec> { <type> var; ... } *<sec>; */
	DATASEC_SUBSKELETON,	/* struct <obj>__<sec> { <type> *var; ... } <sec>; */
};

/* The typed structs of every memory-mapped data map. Returns 0 or -errno, reported. */
int gen_datasecs(const struct gen_object *g, enum gen_datasec_style style);

/* "<obj>__assert()": compile-time checks of the variables' sizes and offsets. */
void gen_datasec_asserts(const struct gen_object *g);

/* A variable the skeleton exposes: not static, in a typed data section. */
struct gen_var {
	const char *name;		/* as in the BTF */
	char ident[GEN_IDENT_MAX];	/* sanitised: "func.var" -> "func_var" */
	__u32 type_id;
	__u32 offset;
	__u32 size;
};

typedef int (*gen_var_fn)(const struct gen_object *g, const struct gen_map *m,
			  const struct gen_var *v, void *ctx);

/* Call fn for each variable of m, in section order; stops at a non-zero return. */
int gen_for_each_var(const struct gen_object *g, const struct gen_map *m, gen_var_fn fn,
		     void *ctx);

/* ---- gen_bytes.c ---- */

/*
 * The bytes as the body of a C string literal: "\xNN" escapes ("\0" for
 * zero), lines continued with a backslash. Returns 0 or -errno.
 */
int gen_bytes_literal(FILE *out, const void *bytes, size_t size);

/* ---- gen.c ---- */

/* The start every generated header shares: licence, what it is, guard, includes. */
void gen_header_start(const struct gen_object *g, const char *what);

/* ---- gen_skeleton.c, gen_subskeleton.c ---- */

int gen_skeleton_write(const struct gen_object *g);
/* The maps, struct_ops and progs members of a skeleton or subskeleton. */
int gen_handles(const struct gen_object *g);

/* ---- gen_st_ops.c ---- */

/* The number of struct_ops maps. */
size_t gen_st_ops_cnt(const struct gen_object *g);

/* The "struct_ops" member: a pointer to each struct_ops map's shadow type. */
int gen_st_ops_shadow(const struct gen_object *g);

/* Statements of X__open_opts() pointing those at the maps' initial values. */
void gen_st_ops_init(const struct gen_object *g);
int gen_subskeleton_write(const struct gen_object *g);

/* ---- gen_light.c ---- */

/* "gen skeleton -L": records the object's loader program, so g->obj ends up loaded. */
int gen_light_skeleton_write(const struct gen_object *g);

#endif /* __BPFCTL_GEN_SKEL_H */
