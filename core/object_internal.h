/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The BPF object loader's internal state: what bpf_object__open() finds in
 * the ELF file (programs, maps, externs, relocations) and what
 * bpf_object__load() creates from it. Shared by the core/object*.c,
 * global_data.c, reloc.c, prog_load.c and probe.c files only.
 */
#ifndef __BPFCORE_OBJECT_INTERNAL_H
#define __BPFCORE_OBJECT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <gelf.h>
#include <linux/bpf.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

struct btf;
struct btf_ext;
struct btf_type;
struct usdt_ids;
struct gen_loader;
struct struct_ops;
struct bpf_map_create_opts;

/* Flags of a SEC() table entry. */
enum sec_def_flags {
	SEC_NONE		= 0,
	SEC_EXP_ATTACH_OPT	= 1 << 0,	/* expected attach type may be dropped */
	SEC_ATTACHABLE		= 1 << 1,	/* passes expected_attach_type */
	SEC_ATTACH_BTF		= 1 << 2,	/* needs attach_btf_id from kernel BTF */
	SEC_SLEEPABLE		= 1 << 3,	/* BPF_F_SLEEPABLE */
	SEC_XDP_FRAGS		= 1 << 4,	/* BPF_F_XDP_HAS_FRAGS */
	SEC_USDT		= 1 << 5,	/* uprobe_multi attach type where supported */
};

/*
 * One SEC() name pattern: "name+" matches "name" and "name/...", "name/"
 * any name starting so, anything else matches exactly.
 */
struct sec_def {
	const char *sec;
	enum bpf_prog_type prog_type;
	enum bpf_attach_type attach_type;
	int flags;
};

/* The table entry for a section name, or NULL. */
const struct sec_def *sec_def_find(const char *sec_name);
/* A SEC() pattern ("name", "name/", "name+") matches section name. */
bool sec_pattern_matches(const char *pattern, const char *name);

/* The callbacks of a libbpf_register_prog_handler() handler, copied into each program it claims. */
struct prog_handler_ops {
	long cookie;
	libbpf_prog_setup_fn_t setup;
	libbpf_prog_prepare_load_fn_t prepare_load;
	libbpf_prog_attach_fn_t attach;
};

enum reloc_type {
	RELO_MAP,		/* ld_imm64 of a map (BPF_PSEUDO_MAP_FD) */
	RELO_DATA,		/* ld_imm64 into a global data map (BPF_PSEUDO_MAP_VALUE) */
	RELO_CALL,		/* bpf-to-bpf call of a sub-program */
	RELO_SUBPROG_ADDR,	/* ld_imm64 of a callback (BPF_PSEUDO_FUNC) */
	RELO_EXTERN,		/* ld_imm64 of an extern (kconfig or ksym variable) */
	RELO_EXTERN_CALL,	/* call of a kfunc */
};

struct reloc_desc {
	enum reloc_type type;
	int insn_idx;		/* within the program's own instructions */
	int map_idx;		/* RELO_MAP, RELO_DATA */
	int ext_idx;		/* RELO_EXTERN* */
	int sym_off;		/* RELO_DATA: offset in the section; RELO_CALL: target insn */
};

/* A loader program: an instruction the kernel's BTF id of a __ksym goes into, at run time. */
struct ksym_site {
	int insn_idx;		/* in the linked program */
	int ext_idx;
	bool call;		/* a kfunc call, else an ld_imm64 of an address */
};

struct bpf_program {
	struct bpf_object *obj;
	char *name;
	char *sec_name;
	size_t sec_idx;
	size_t sec_insn_off;	/* first instruction within its ELF section */
	size_t sec_insn_cnt;	/* its own instructions, without sub-programs */
	struct bpf_insn *insns;	/* own instructions, then appended sub-programs */
	size_t insns_cnt;
	const struct sec_def *sec_def;
	enum bpf_prog_type type;
	enum bpf_attach_type expected_attach_type;
	bool attach_type_set;	/* by bpf_program__set_expected_attach_type() */
	__u32 prog_flags;
	__u32 attach_btf_id;
	int ifindex;
	bool autoload;
	bool autoattach;	/* attached by skeletons and autoattach */
	int attach_prog_fd;	/* freplace target, from bpf_program__set_attach_target() */
	int attach_btf_obj_fd;	/* struct_ops of a module: that module's BTF (not owned) */
	bool is_subprog;	/* in .text or otherwise not an entry point */
	bool insns_set;		/* set_insns() before linking: loaded as given */
	bool has_handler;	/* claimed by a custom SEC() handler (prog_handler.c) */
	struct prog_handler_ops handler;
	bool mark_btf_static;	/* hidden global function: load as static */
	struct reloc_desc *relos;
	int nr_relos;
	size_t sub_insn_off;	/* where this sub-program sits in the main program being linked */
	void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;
	void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;
	char *log_buf;
	size_t log_size;
	__u32 log_level;
	int fd;
	char *pin_path;		/* where bpf_program__pin() put it, for unpin */
	struct bpf_core_relo *core_relos;	/* loader program: left to the kernel */
	__u32 core_relo_cnt;
	struct ksym_site *ksym_sites;		/* loader program: resolved by it */
	int nr_ksym_sites;
};

/* Why a map exists in the object. */
enum map_origin {
	MAP_USER,		/* .maps */
	MAP_DATA,		/* .data, .data.* */
	MAP_RODATA,		/* .rodata, .rodata.* */
	MAP_BSS,		/* .bss */
	MAP_KCONFIG,		/* .kconfig externs */
	MAP_STRUCT_OPS,		/* a variable of .struct_ops or .struct_ops.link */
};

struct bpf_map {
	struct bpf_object *obj;
	char *name;		/* as the kernel gets it: ".rodata" maps prefixed by object */
	char *real_name;	/* as in the source: "flows", ".rodata" */
	enum map_origin origin;
	int sec_idx;
	size_t sec_offset;	/* of its BTF variable in .maps; 0 for data maps */
	enum bpf_map_type type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
	__u32 numa_node;
	__u64 map_extra;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_var_id;	/* the BTF VAR describing it in .maps */
	int pinning;		/* LIBBPF_PIN_* */
	bool autocreate;	/* false: not created, loads of it poisoned */
	bool autoattach;	/* struct_ops maps: attached by skeletons */
	__u32 ifindex;		/* device to offload the map to, or 0 */
	int inner_map_fd;	/* map-in-map: the caller's inner map template, or -1 */
	struct bpf_program *excl_prog;	/* the only program allowed to use the map, or NULL */
	__u8 excl_prog_hash[32];	/* SHA-256 of excl_prog's instructions, at creation */
	char *pin_path;
	bool pinned;		/* pinned by us or reused from pin_path */
	bool reused;		/* fd was given or found, not created */
	bool pinned_here;	/* pinned by this load: unpinned if the load fails */
	void *data;		/* initial value of a data map, value_size bytes */
	void *mmaped;		/* a data map's memory in the process (skeletons), or NULL */
	struct bpf_map *inner;	/* template of a map-in-map's inner map */
	int *init_slots;	/* map-in-map: map index, prog array: program index; -1 empty */
	int init_slots_sz;
	struct struct_ops *st_ops;	/* MAP_STRUCT_OPS only */
	int fd;
};

enum kcfg_type {
	KCFG_UNKNOWN,
	KCFG_CHAR,
	KCFG_BOOL,
	KCFG_INT,
	KCFG_TRISTATE,
	KCFG_CHAR_ARR,
};

enum extern_type {
	EXT_KCFG,
	EXT_KSYM,
};

struct extern_desc {
	enum extern_type type;
	const char *name;
	int sym_idx;
	int btf_id;		/* its VAR or FUNC in the object's BTF */
	bool is_weak;
	bool is_set;
	struct {
		enum kcfg_type type;
		int sz;
		int align;
		int data_off;
		bool is_signed;
	} kcfg;
	struct {
		bool is_func;
		__u32 type_id;		/* the variable's type in the object's BTF */
		__s32 kernel_btf_id;
	} ksym;
};

/* What ELF sections hold, by index. */
enum sec_kind {
	SEC_UNUSED = 0,
	SEC_PROGS,
	SEC_DATA,
	SEC_RELO,
	SEC_BSS,
	SEC_ST_OPS,		/* .struct_ops, .struct_ops.link (optionally with '?') */
};

struct elf_sec {
	enum sec_kind kind;
	const char *name;
	Elf_Data *data;
	GElf_Shdr shdr;
	int map_idx;		/* the data map made from it, or -1 */
};

struct bpf_object {
	char name[64];
	char *path;
	void *elf_buf;		/* the object file's bytes, owned */
	size_t elf_size;
	Elf *elf;
	size_t shstrndx;
	struct elf_sec *secs;
	size_t sec_cnt;
	Elf_Data *symbols;
	size_t sym_cnt;
	int symtab_shndx;
	int maps_shndx;
	int text_shndx;
	int kconfig_map_idx;
	char license[64];
	__u32 kern_version;
	struct bpf_program *progs;
	size_t nr_programs;
	struct bpf_map *maps;
	size_t nr_maps;
	struct extern_desc *externs;
	int nr_extern;
	struct btf *btf;
	struct btf_ext *btf_ext;
	struct btf *btf_vmlinux;
	int btf_fd;		/* the object's BTF in the kernel, or -1 */
	char *kernel_btf_path;
	char *pin_root_path;
	char *kconfig;		/* extra kconfig lines from the open options */
	__u32 kernel_log_level;
	bool relaxed_maps;	/* unknown .maps definition fields are skipped, not refused */
	signed char feat[8];	/* probe results: 0 unknown, 1 yes, -1 no */
	char *token_path;	/* bpffs to take a token from: NULL default, "" none */
	int token_fd;		/* BPF token from bpf_object__prepare(), or -1 */
	bool prepared;		/* bpf_object__prepare() ran: maps created, programs linked */
	bool loaded;		/* bpf_object__load() ran, successfully or not */
	struct usdt_ids *usdt_ids;	/* slots of __bpf_usdt_specs in use (usdt.c), or NULL */
	struct gen_loader *gen;		/* bpf_object__gen_loader(): load records instead */
};

/* ---- object_elf.c ---- */
int elf_open(struct bpf_object *obj);
int elf_collect(struct bpf_object *obj);
const GElf_Sym *elf_sym(const struct bpf_object *obj, size_t idx, GElf_Sym *sym);
const char *elf_sym_name(const struct bpf_object *obj, const GElf_Sym *sym);
const char *elf_sec_name_by_idx(const struct bpf_object *obj, size_t idx);

/* ---- object_maps.c ---- */
struct bpf_map *object_add_map(struct bpf_object *obj);
int maps_collect_btf(struct bpf_object *obj);
int maps_collect_init_slots(struct bpf_object *obj, size_t relo_sec_idx);
int maps_create(struct bpf_object *obj);
int maps_fill_prog_slots(struct bpf_object *obj);
/* Where an ld_imm64 of a map that was not created becomes two calls of this helper + index. */
#define POISON_MAP_BASE	2001000000
int map_create_one(struct bpf_map *map, int inner_fd);
/* The name the kernel gets: at most 15 characters of [A-Za-z0-9_.]. */
void map_kernel_name(const struct bpf_map *map, char *buf);
/* A perf event array without max_entries: one slot per possible CPU. */
int map_perf_array_size(struct bpf_map *map);
void map_close(struct bpf_map *map);

/* ---- global_data.c ---- */
int global_data_collect(struct bpf_object *obj);
int global_data_populate(struct bpf_map *map);
bool map_is_internal(const struct bpf_map *map);

/* ---- externs.c ---- */
int externs_collect(struct bpf_object *obj);
int externs_resolve(struct bpf_object *obj);
int externs_fixup_btf(struct bpf_object *obj, void **raw, __u32 *raw_size);

/* ---- reloc.c ---- */
int reloc_collect(struct bpf_object *obj, size_t relo_sec_idx);
int reloc_link_programs(struct bpf_object *obj);

/* ---- object_btf.c ---- */
int btf_collect(struct bpf_object *obj);
int btf_vmlinux_load(struct bpf_object *obj);
int btf_load_into_kernel(struct bpf_object *obj);

/* ---- btf_load.c ---- */
/* Load raw BTF again with the kernel's verifier log, and report the log as what. */
void btf_print_kernel_log(const void *raw, __u32 size, const char *what, int token_fd);
int btf_attach_target(struct bpf_object *obj, struct bpf_program *prog);
/* The kernel BTF name and kind a SEC_ATTACH_BTF program attaches to, from its section. */
int btf_attach_target_name(const struct bpf_program *prog, char *buf, size_t size, int *kind);
/* The BTF id of FUNC name in the BTF of the loaded program prog_fd, or -errno. */
int btf_find_prog_func(int prog_fd, const char *name, __u32 token_fd);
/* The kernel BTF id of what attach_type attaches to under name, or -errno. */
int btf_find_vmlinux_attach_id(const struct btf *vmlinux, const char *name,
			       enum bpf_attach_type attach_type);
/* The kernel wants the variables of a DATASEC in ascending offset order. */
void btf_datasec_sort(struct btf_type *t);

/* ---- prog_load.c ---- */
int programs_load(struct bpf_object *obj);
/* The load options of prog from the object (BTF, infos, attach), without a log; or -errno. */
int prog_load_opts_fill(struct bpf_object *obj, struct bpf_program *prog,
			struct bpf_prog_load_opts *opts);
/* Run the prepare_load callback of prog's custom SEC() handler, if any. */
int prog_handler_prepare_load(struct bpf_program *prog, struct bpf_prog_load_opts *opts);

/* ---- prog_handler.c ---- */
/* Claim prog for a custom handler matching its section, if any: type, attach type, callbacks. */
void prog_handler_claim(struct bpf_program *prog, bool builtin_matched);
/* Run the claiming handlers' setup callbacks of every program of obj. */
int prog_handlers_setup(struct bpf_object *obj);
/* bpf_program__attach() of a program a custom handler claimed: its attach callback. */
struct bpf_link *prog_handler_attach(const struct bpf_program *prog);
/* The types a custom handler gives section name: true if one matches. */
bool prog_handler_types(const char *name, enum bpf_prog_type *type,
			enum bpf_attach_type *attach_type);

/* ---- map_excl.c ---- */
/* Hash the programs that maps are exclusive to, before the maps are created. */
int maps_hash_excl_progs(struct bpf_object *obj);
/* A kernel log at level under the heading what: all of it, or with tail its last lines. */
void log_print(const char *what, enum libbpf_print_level level, const char *log, bool tail);

/* ---- struct_ops.c ---- */
/* Open: one map per variable of each struct_ops section. */
int struct_ops_collect(struct bpf_object *obj);
/* Open: the programs a struct_ops section's relocations put in function pointers. */
int struct_ops_collect_relos(struct bpf_object *obj, size_t relo_sec_idx);
/* Load, before maps are created: match each map with its kernel type. */
int struct_ops_init_kern(struct bpf_object *obj);
/* Load, after programs: their fds into the kernel values. */
void struct_ops_prepare(struct bpf_object *obj);
/* The map create options a struct_ops map needs. */
void struct_ops_create_opts(const struct bpf_map *map, struct bpf_map_create_opts *opts);
void struct_ops_free(struct struct_ops *st_ops);
/* The shadow value (function pointers as struct bpf_program *) and its size. */
void *struct_ops_shadow(const struct bpf_map *map, size_t *size);
/* The value to register: the kernel's layout, program fds in function pointers. */
const void *struct_ops_kern_value(const struct bpf_map *map);

/* ---- probe.c ---- */
/* BPF_TRACE_UPROBE_MULTI: newer than the installed (6.1) UAPI header */
#define ATTACH_UPROBE_MULTI	48

enum probe_feature {
	FEAT_PROG_NAME,
	FEAT_BTF,
	FEAT_BTF_FUNC,
	FEAT_BTF_DATASEC,
	FEAT_UPROBE_MULTI_LINK,	/* with process (not thread) pid filtering */
	FEAT_CNT,
};
bool kernel_supports(struct bpf_object *obj, enum probe_feature feat);
/* r0 = 0; exit: the smallest program every type accepts. */
extern const struct bpf_insn probe_return_zero[2];
/* Load raw BTF made of types and strs (both small): a BTF fd or -errno. */
int probe_btf_load(const __u32 *types, __u32 types_len, const char *strs, __u32 strs_len,
		   __u32 token_fd);

/* ---- btf_kernel.c ---- */
/* Kernel BTF object id, opened with token_fd (0: none), split over base_btf; NULL, errno. */
struct btf *btf_kernel_load_by_id(__u32 id, struct btf *base_btf, __u32 token_fd);

/* ---- object_token.c ---- */
/* Create the object's BPF token as its token path says; -errno only where one is required. */
int object_token_create(struct bpf_object *obj);
/* The token_fd field of the object's bpf(2) options: its token, or 0 for none. */
static inline __u32 object_token(const struct bpf_object *obj)
{
	return obj->token_fd > 0 ? (__u32)obj->token_fd : 0;
}

/* ---- object.c ---- */
/* Close and free what map holds (not map itself). */
void map_free(struct bpf_map *map);
struct bpf_program *object_prog_at_insn(struct bpf_object *obj, size_t sec_idx,
					size_t insn_idx);
struct bpf_map *object_map_by_sec(struct bpf_object *obj, size_t sec_idx);

#endif /* __BPFCORE_OBJECT_INTERNAL_H */
