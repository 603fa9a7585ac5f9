/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Object-level API of the bpfcore library, named as in libbpf's libbpf.h.
 */
#ifndef __BPFCORE_LIBBPF_H
#define __BPFCORE_LIBBPF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/* libbpf's libbpf.h includes <stdio.h>, and programs use stderr through it */
#include <stdio.h>
#include <sys/types.h>
#include <linux/bpf.h>

#include "libbpf_common.h"
#include "libbpf_legacy.h"

#ifdef __cplusplus
extern "C" {
#endif

enum libbpf_print_level {
	LIBBPF_WARN,
	LIBBPF_INFO,
	LIBBPF_DEBUG,
};

typedef int (*libbpf_print_fn_t)(enum libbpf_print_level level, const char *, va_list ap);

/**
 * @brief Set the callback that receives the library's log messages.
 * @param fn new callback, or NULL to silence the library
 * @return the previous callback
 */
LIBBPF_API libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn);

/**
 * @brief Describe a (positive or negative) libbpf error code.
 * @param err error code
 * @param buf output buffer
 * @param size size of buf
 * @return 0, or -EINVAL if buf is too small
 */
LIBBPF_API int libbpf_strerror(int err, char *buf, size_t size);

/**
 * @brief The number of possible CPUs (/sys/devices/system/cpu/possible):
 * the values a per-CPU map holds per key.
 * @return the count, or a negative errno
 */
LIBBPF_API int libbpf_num_possible_cpus(void);

/**
 * @brief Version of the library as "v<major>.<minor>".
 * @return static string
 */
LIBBPF_API const char *libbpf_version_string(void);

/**
 * @brief **libbpf_major_version()** provides the major version of the libbpf
 * API the library implements.
 * @return the major version number
 */
LIBBPF_API __u32 libbpf_major_version(void);

/**
 * @brief **libbpf_minor_version()** provides the minor version of the libbpf
 * API the library implements.
 * @return the minor version number
 */
LIBBPF_API __u32 libbpf_minor_version(void);

/**
 * @brief **libbpf_find_vmlinux_btf_id()** finds the kernel BTF id of what a
 * program of attach_type attaches to: "btf_trace_<name>" for BPF_TRACE_RAW_TP,
 * "bpf_lsm_<name>" for LSM, "bpf_iter_<name>" for iterators, else function name.
 * @param name attach target
 * @param attach_type the program's expected attach type
 * @return the BTF id (> 0), or a negative errno
 */
LIBBPF_API int libbpf_find_vmlinux_btf_id(const char *name, enum bpf_attach_type attach_type);


/* ---- names of kernel enums, as libbpf and bpftool spell them ---- */

/**
 * @brief Name of a program type ("socket_filter", "xdp", ...).
 * @param t program type
 * @return static string, or NULL for an unknown type
 */
LIBBPF_API const char *libbpf_bpf_prog_type_str(enum bpf_prog_type t);
/** @brief Name of a map type ("hash", ...). @param t map type @return static string or NULL */
LIBBPF_API const char *libbpf_bpf_map_type_str(enum bpf_map_type t);
/** @brief Name of an attach type ("cgroup_inet_ingress", ...). @param t attach type @return static string or NULL */
LIBBPF_API const char *libbpf_bpf_attach_type_str(enum bpf_attach_type t);
/** @brief Name of a link type ("tracing", ...). @param t link type @return static string or NULL */
LIBBPF_API const char *libbpf_bpf_link_type_str(enum bpf_link_type t);

/* ---- BPF objects: open an ELF file, load its maps and programs ---- */

struct bpf_object;
struct bpf_program;
struct bpf_map;
struct btf;

enum libbpf_pin_type {
	LIBBPF_PIN_NONE,
	LIBBPF_PIN_BY_NAME,	/* pin maps at <pin_root_path>/<map name> */
};

struct bpf_object_open_opts {
	size_t sz;
	const char *object_name;	/* default: file name, or "<addr>-<size>" for memory */
	bool relaxed_maps;		/* skip unknown .maps fields (legacy "maps": refused) */
	const char *pin_root_path;	/* for LIBBPF_PIN_BY_NAME maps; default /sys/fs/bpf */
	__u32 :32;
	const char *kconfig;		/* extra "CONFIG_X=y" lines, overriding the kernel's */
	const char *btf_custom_path;	/* kernel BTF file for CO-RE and __ksym */
	char *kernel_log_buf;		/* not used: logs go through libbpf_print */
	size_t kernel_log_size;
	__u32 kernel_log_level;		/* non-zero: every program's verifier log */
	/*
	 * bpffs to create the object's BPF token from at load; it must give
	 * one. NULL: LIBBPF_BPF_TOKEN_PATH if set, else /sys/fs/bpf is tried
	 * and loading goes on without a token if it delegates nothing.
	 * "" (here or in the variable): no token.
	 */
	const char *bpf_token_path;
	const char *kernel_btf_path;	/* bpfcore's name for btf_custom_path */
	size_t :0;
};
#define bpf_object_open_opts__last_field kernel_btf_path

/**
 * @brief Open a BPF ELF object file: parse programs, maps and relocations.
 * @param path object file
 * @param opts options, or NULL
 * @return the object, or NULL with errno set
 */
LIBBPF_API struct bpf_object *bpf_object__open_file(const char *path,
						   const struct bpf_object_open_opts *opts);
/**
 * @brief Open a BPF ELF object from memory (copied).
 * @param obj_buf object bytes
 * @param obj_buf_sz their size
 * @param opts options, or NULL
 * @return the object, or NULL with errno set
 */
LIBBPF_API struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
						  const struct bpf_object_open_opts *opts);
/** @brief bpf_object__open_file() without options. @param path object file @return object or NULL */
LIBBPF_API struct bpf_object *bpf_object__open(const char *path);
/**
 * @brief **bpf_object__prepare()** does all of the load but the programs':
 * externs, the object's BTF, maps created (and pinned), programs relocated
 * and linked, so bpf_program__insns() gives their final instructions. A
 * later bpf_object__load() loads the programs; bpf_program__clone() may
 * load one of them any number of times.
 * @param obj opened object, not prepared or loaded before
 * @return 0, or a negative errno (-EINVAL when called twice); on failure
 * nothing stays created or pinned and the object can't be loaded
 */
LIBBPF_API int bpf_object__prepare(struct bpf_object *obj);
/**
 * @brief Create the maps, relocate and load every program marked autoload
 * (after bpf_object__prepare(), only the programs are left to load).
 * Nothing stays loaded or pinned when it fails.
 * @param obj opened or prepared object
 * @return 0 or -errno
 */
LIBBPF_API int bpf_object__load(struct bpf_object *obj);
/** @brief Close the object's fds and free it. @param obj object or NULL */
LIBBPF_API void bpf_object__close(struct bpf_object *obj);
/** @brief Object name. @param obj object @return name */
LIBBPF_API const char *bpf_object__name(const struct bpf_object *obj);
/** @brief The object's BTF. @param obj object @return BTF or NULL */
LIBBPF_API struct btf *bpf_object__btf(const struct bpf_object *obj);
/** @brief fd of the object's BTF in the kernel. @param obj object @return fd or -1 */
LIBBPF_API int bpf_object__btf_fd(const struct bpf_object *obj);
/** @brief Kernel version from the "version" section. @param obj object @return version */
LIBBPF_API unsigned int bpf_object__kversion(const struct bpf_object *obj);
/**
 * @brief Set the kernel version programs are loaded with (only old
 * kernels' kprobes check it).
 * @param obj object, not yet loaded
 * @param kern_version KERNEL_VERSION(a, b, c) value
 * @return 0, or -EINVAL once the object is loaded
 */
LIBBPF_API int bpf_object__set_kversion(struct bpf_object *obj, __u32 kern_version);
/**
 * @brief **bpf_object__token_fd** is an accessor for the BPF token FD
 * associated with the object.
 * @param obj object
 * @return the token fd created at load (see bpf_token_path), or -1 if
 * there is none (not loaded yet, disabled, or no delegating bpffs)
 */
LIBBPF_API int bpf_object__token_fd(const struct bpf_object *obj);
/** @brief Program by function name. @param obj object @param name name @return program or NULL (errno ENOENT) */
LIBBPF_API struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
								const char *name);
/** @brief Map by name. @param obj object @param name name (".rodata" etc. for data maps) @return map or NULL */
LIBBPF_API struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj,
							const char *name);
/** @brief fd of a map by name. @param obj object @param name name @return fd or -errno */
LIBBPF_API int bpf_object__find_map_fd_by_name(const struct bpf_object *obj, const char *name);
/** @brief Next entry-point program. @param obj object @param prog current, NULL for the first @return program or NULL */
LIBBPF_API struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
							struct bpf_program *prog);
/** @brief Previous entry-point program. @param obj object @param prog current, NULL for the last @return program or NULL */
LIBBPF_API struct bpf_program *bpf_object__prev_program(const struct bpf_object *obj,
							struct bpf_program *prog);
/** @brief Next map. @param obj object @param map current, NULL for the first @return map or NULL */
LIBBPF_API struct bpf_map *bpf_object__next_map(const struct bpf_object *obj,
						const struct bpf_map *map);
/** @brief Previous map. @param obj object @param map current, NULL for the last @return map or NULL */
LIBBPF_API struct bpf_map *bpf_object__prev_map(const struct bpf_object *obj,
						const struct bpf_map *map);

#define bpf_object__for_each_program(pos, obj)			\
	for ((pos) = bpf_object__next_program((obj), NULL);	\
	     (pos) != NULL;					\
	     (pos) = bpf_object__next_program((obj), (pos)))

#define bpf_object__for_each_map(pos, obj)			\
	for ((pos) = bpf_object__next_map((obj), NULL);		\
	     (pos) != NULL;					\
	     (pos) = bpf_object__next_map((obj), (pos)))

/**
 * @brief Pin every map: at its pin path if set, else at path/<name>.
 * @param obj loaded object
 * @param path directory, or NULL to use each map's pin path
 * @return 0 or -errno (what was pinned is unpinned again)
 */
LIBBPF_API int bpf_object__pin_maps(struct bpf_object *obj, const char *path);
/** @brief Unpin the maps pinned by bpf_object__pin_maps(). @param obj object @param path as given to pin @return 0 or -errno */
LIBBPF_API int bpf_object__unpin_maps(struct bpf_object *obj, const char *path);
/** @brief Pin every loaded program at path/<name>. @param obj object @param path directory @return 0 or -errno (nothing left pinned) */
LIBBPF_API int bpf_object__pin_programs(struct bpf_object *obj, const char *path);
/** @brief Unpin path/<name> of every program. @param obj object @param path directory @return 0 or -errno */
LIBBPF_API int bpf_object__unpin_programs(struct bpf_object *obj, const char *path);
/**
 * @brief Pin every map, then every program, at path/<name>.
 * @param object loaded object
 * @param path bpffs directory, created if missing
 * @return 0, or a negative errno with nothing of this call left pinned
 */
LIBBPF_API int bpf_object__pin(struct bpf_object *object, const char *path);
/**
 * @brief Unpin the programs, then the maps, that bpf_object__pin() pinned.
 * @param object object
 * @param path the directory given to bpf_object__pin()
 * @return 0, or the first negative errno
 */
LIBBPF_API int bpf_object__unpin(struct bpf_object *object, const char *path);

/**
 * @brief Program type and expected attach type for a SEC() name.
 * @param name section name ("xdp", "cgroup/connect4", "kprobe/x", ...)
 * @param prog_type receives the program type
 * @param expected_attach_type receives the attach type
 * @return 0, or -ESRCH when no section name matches
 */
LIBBPF_API int libbpf_prog_type_by_name(const char *name, enum bpf_prog_type *prog_type,
					enum bpf_attach_type *expected_attach_type);
/** @brief Attach type for an attachable SEC() name. @param name section name @param attach_type receives it @return 0 or -EINVAL */
LIBBPF_API int libbpf_attach_type_by_name(const char *name, enum bpf_attach_type *attach_type);

/** @brief Function name. @param prog program @return name */
LIBBPF_API const char *bpf_program__name(const struct bpf_program *prog);
/** @brief ELF section name. @param prog program @return name */
LIBBPF_API const char *bpf_program__section_name(const struct bpf_program *prog);
/** @brief fd after load. @param prog program @return fd or -errno (-EINVAL before load) */
LIBBPF_API int bpf_program__fd(const struct bpf_program *prog);
/** @brief Program type. @param prog program @return type */
LIBBPF_API enum bpf_prog_type bpf_program__type(const struct bpf_program *prog);
/** @brief Override the type (before load). @param prog program @param type type @return 0 or -EBUSY after load */
LIBBPF_API int bpf_program__set_type(struct bpf_program *prog, enum bpf_prog_type type);
/** @brief Expected attach type. @param prog program @return attach type */
LIBBPF_API enum bpf_attach_type bpf_program__expected_attach_type(const struct bpf_program *prog);
/** @brief Override the expected attach type. @param prog program @param type attach type @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_expected_attach_type(struct bpf_program *prog,
						     enum bpf_attach_type type);
/** @brief Program flags (BPF_F_SLEEPABLE, ...). @param prog program @return flags */
LIBBPF_API __u32 bpf_program__flags(const struct bpf_program *prog);
/** @brief Set program flags. @param prog program @param flags flags @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_flags(struct bpf_program *prog, __u32 flags);
/** @brief Whether load loads it. @param prog program @return true by default */
LIBBPF_API bool bpf_program__autoload(const struct bpf_program *prog);
/** @brief Include or skip the program at load. @param prog program @param autoload flag @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_autoload(struct bpf_program *prog, bool autoload);
/**
 * @brief Whether skeletons (bpf_object__attach_skeleton()) and "autoattach"
 * attach the program.
 * @param prog program
 * @return true by default
 */
LIBBPF_API bool bpf_program__autoattach(const struct bpf_program *prog);
/**
 * @brief Have the skeleton's attach step attach the program or leave it.
 * @param prog program
 * @param autoattach whether to attach it automatically
 */
LIBBPF_API void bpf_program__set_autoattach(struct bpf_program *prog, bool autoattach);
/**
 * @brief **bpf_program__set_attach_target()** sets the BTF-based attach target
 * of a tp_btf, fentry/fexit/fmod_ret, lsm or freplace program.
 * @param prog program to configure; must be not yet loaded
 * @param attach_prog_fd FD of the target BPF program (freplace), or 0. If > 0
 * and attach_func_name is NULL, the function the section names ("freplace/FN")
 * is looked up in the target's BTF at load.
 * @param attach_func_name target function: in attach_prog_fd's BTF, or with
 * attach_prog_fd 0 in the kernel's BTF. Must be given if attach_prog_fd is 0.
 * @return 0, or a negative errno (-EINVAL after load or on bad arguments,
 * -ESRCH if the function is not found)
 */
LIBBPF_API int bpf_program__set_attach_target(struct bpf_program *prog, int attach_prog_fd,
					      const char *attach_func_name);

struct bpf_prog_assoc_struct_ops_opts; /* defined in bpf.h */

/**
 * @brief Associate a loaded (non-struct_ops) program with a struct_ops map,
 * with bpf_prog_assoc_struct_ops(); needs a kernel with
 * BPF_PROG_ASSOC_STRUCT_OPS (newer than 6.18).
 * @param prog loaded program, not itself a struct_ops program
 * @param map created struct_ops map
 * @param opts optional options, can be NULL
 * @return 0 or -errno
 */
LIBBPF_API int bpf_program__assoc_struct_ops(struct bpf_program *prog, struct bpf_map *map,
					     struct bpf_prog_assoc_struct_ops_opts *opts);
/** @brief Instructions (relocated after load). @param prog program @return instructions */
LIBBPF_API const struct bpf_insn *bpf_program__insns(const struct bpf_program *prog);
/**
 * @brief **bpf_program__set_insns()** replaces the program's instructions
 * (copied). Before bpf_object__prepare() they load as given, without
 * relocation or sub-programs; after it (e.g. from a prog_prepare_load_fn
 * callback) they replace the linked ones, and func_info/line_info records
 * past the new end are dropped.
 * @param prog program of an object not yet loaded
 * @param new_insns instructions
 * @param new_insn_cnt their number
 * @return 0, or -EBUSY once the object is loaded, -EINVAL, -ENOMEM
 */
LIBBPF_API int bpf_program__set_insns(struct bpf_program *prog,
				      struct bpf_insn *new_insns, size_t new_insn_cnt);
/** @brief Number of instructions. @param prog program @return count */
LIBBPF_API size_t bpf_program__insn_cnt(const struct bpf_program *prog);
/** @brief Offload to a device. @param prog program @param ifindex device @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_ifindex(struct bpf_program *prog, __u32 ifindex);
/** @brief Pin the loaded program. @param prog program @param path bpffs path @return 0 or -errno */
LIBBPF_API int bpf_program__pin(struct bpf_program *prog, const char *path);
/** @brief Remove a pin. @param prog program @param path bpffs path @return 0 or -errno */
LIBBPF_API int bpf_program__unpin(struct bpf_program *prog, const char *path);
/**
 * @brief Close the program's fd (the kernel frees it unless pinned or
 * attached) and drop its func_info and line_info.
 * @param prog program, or NULL
 */
LIBBPF_API void bpf_program__unload(struct bpf_program *prog);
/** @brief Caller's verifier log buffer. @param prog program @param log_size receives its size @return buffer or NULL */
LIBBPF_API const char *bpf_program__log_buf(const struct bpf_program *prog, size_t *log_size);
/** @brief Give a buffer for the verifier log. @param prog program @param log_buf buffer @param log_size size @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_log_buf(struct bpf_program *prog, char *log_buf, size_t log_size);
/** @brief Verifier log level. @param prog program @return level */
LIBBPF_API __u32 bpf_program__log_level(const struct bpf_program *prog);
/** @brief Set the verifier log level (1, 2, 4 bits). @param prog program @param log_level level @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_log_level(struct bpf_program *prog, __u32 log_level);

/**
 * @brief The program's BTF func_info records, as the kernel gets them
 * (after bpf_object__prepare() or load; none before).
 * @param prog program
 * @return records, NULL with errno EOPNOTSUPP when their size is not
 * sizeof(struct bpf_func_info) (or there are none)
 */
LIBBPF_API struct bpf_func_info *bpf_program__func_info(const struct bpf_program *prog);
/** @brief Number of func_info records. @param prog program @return count */
LIBBPF_API __u32 bpf_program__func_info_cnt(const struct bpf_program *prog);

/**
 * @brief The program's BTF line_info records, as the kernel gets them.
 * @param prog program
 * @return records, or NULL with errno EOPNOTSUPP as bpf_program__func_info()
 */
LIBBPF_API struct bpf_line_info *bpf_program__line_info(const struct bpf_program *prog);
/** @brief Number of line_info records. @param prog program @return count */
LIBBPF_API __u32 bpf_program__line_info_cnt(const struct bpf_program *prog);

/** @brief Map name. @param map map @return name */
LIBBPF_API const char *bpf_map__name(const struct bpf_map *map);
/** @brief fd after load (or reuse). @param map map @return fd or -errno */
LIBBPF_API int bpf_map__fd(const struct bpf_map *map);
/** @brief Map type. @param map map @return type */
LIBBPF_API enum bpf_map_type bpf_map__type(const struct bpf_map *map);
/** @brief Set the type before load. @param map map @param type type @return 0 or -EBUSY */
LIBBPF_API int bpf_map__set_type(struct bpf_map *map, enum bpf_map_type type);
/** @brief Key size. @param map map @return bytes */
LIBBPF_API __u32 bpf_map__key_size(const struct bpf_map *map);
/** @brief Set the key size. @param map map @param size bytes @return 0 or -EBUSY */
LIBBPF_API int bpf_map__set_key_size(struct bpf_map *map, __u32 size);
/** @brief Value size. @param map map @return bytes */
LIBBPF_API __u32 bpf_map__value_size(const struct bpf_map *map);
/** @brief Set the value size. @param map map @param size bytes @return 0 or -EBUSY */
LIBBPF_API int bpf_map__set_value_size(struct bpf_map *map, __u32 size);
/** @brief Capacity. @param map map @return entries */
LIBBPF_API __u32 bpf_map__max_entries(const struct bpf_map *map);
/** @brief Set the capacity before load. @param map map @param max_entries entries @return 0 or -EBUSY */
LIBBPF_API int bpf_map__set_max_entries(struct bpf_map *map, __u32 max_entries);
/** @brief Map flags. @param map map @return flags */
LIBBPF_API __u32 bpf_map__map_flags(const struct bpf_map *map);
/** @brief Set map flags before load. @param map map @param flags flags @return 0 or -EBUSY */
LIBBPF_API int bpf_map__set_map_flags(struct bpf_map *map, __u32 flags);
/** @brief NUMA node. @param map map @return node */
LIBBPF_API __u32 bpf_map__numa_node(const struct bpf_map *map);
/**
 * @brief Create the map's memory on NUMA node numa_node. A non-zero node
 * adds BPF_F_NUMA_NODE; for node 0 set that flag with bpf_map__set_map_flags().
 * @param map map, not yet created
 * @param numa_node node
 * @return 0 or -EBUSY
 */
LIBBPF_API int bpf_map__set_numa_node(struct bpf_map *map, __u32 numa_node);
/** @brief map_extra (bloom filter hashes, ...). @param map map @return value */
LIBBPF_API __u64 bpf_map__map_extra(const struct bpf_map *map);
/**
 * @brief Set map_extra: a bloom filter's number of hash functions (low 4
 * bits; 0 is 5), an arena's address.
 * @param map map, not yet created
 * @param map_extra value
 * @return 0 or -EBUSY
 */
LIBBPF_API int bpf_map__set_map_extra(struct bpf_map *map, __u64 map_extra);
/** @brief BTF id of the key type. @param map map @return id or 0 */
LIBBPF_API __u32 bpf_map__btf_key_type_id(const struct bpf_map *map);
/** @brief BTF id of the value type. @param map map @return id or 0 */
LIBBPF_API __u32 bpf_map__btf_value_type_id(const struct bpf_map *map);
/** @brief Device the map is offloaded to. @param map map @return ifindex or 0 */
LIBBPF_API __u32 bpf_map__ifindex(const struct bpf_map *map);
/**
 * @brief Offload the map to a device (the kernel refuses devices that
 * can't offload BPF).
 * @param map map, not yet created
 * @param ifindex device, 0 for none
 * @return 0 or -EBUSY
 */
LIBBPF_API int bpf_map__set_ifindex(struct bpf_map *map, __u32 ifindex);
/** @brief Set where the map is pinned (LIBBPF_PIN_BY_NAME, bpf_object__pin_maps). @param map map @param path bpffs path or NULL @return 0 or -errno */
LIBBPF_API int bpf_map__set_pin_path(struct bpf_map *map, const char *path);
/** @brief Pin path. @param map map @return path or NULL */
LIBBPF_API const char *bpf_map__pin_path(const struct bpf_map *map);
/** @brief Whether the map is pinned (by us or reused from its pin path). @param map map @return bool */
LIBBPF_API bool bpf_map__is_pinned(const struct bpf_map *map);
/** @brief Pin at path (or the pin path when NULL). @param map map @param path path or NULL @return 0 or -errno */
LIBBPF_API int bpf_map__pin(struct bpf_map *map, const char *path);
/** @brief Remove the pin. @param map map @param path path or NULL for the pin path @return 0 or -errno */
LIBBPF_API int bpf_map__unpin(struct bpf_map *map, const char *path);
/** @brief Use an existing map instead of creating one (a dup of fd is kept). @param map map @param fd map fd @return 0 or -errno */
LIBBPF_API int bpf_map__reuse_fd(struct bpf_map *map, int fd);
/** @brief Initial contents of a global data map. @param map map @param psize receives the size @return data or NULL */
LIBBPF_API void *bpf_map__initial_value(const struct bpf_map *map, size_t *psize);
/** @brief Replace the initial contents before load. @param map map @param data bytes @param size must equal the value size @return 0 or -errno */
LIBBPF_API int bpf_map__set_initial_value(struct bpf_map *map, const void *data, size_t size);
/** @brief Template inner map of a map-in-map. @param map map @return inner map or NULL */
LIBBPF_API struct bpf_map *bpf_map__inner_map(struct bpf_map *map);
/**
 * @brief Create a map-in-map with fd as its inner map template, instead of
 * the inner map its definition gives (which is dropped). The caller keeps
 * fd open until the object is loaded and closes it.
 * @param map array or hash of maps, not yet created
 * @param fd a map of the inner maps' kind
 * @return 0, -EINVAL for another map type or when set twice, -EBUSY
 */
LIBBPF_API int bpf_map__set_inner_map_fd(struct bpf_map *map, int fd);
/** @brief Whether the map holds global data or kconfig (made by the loader). @param map map @return bool */
LIBBPF_API bool bpf_map__is_internal(const struct bpf_map *map);
/** @brief Whether load creates the map. @param map map @return bool */
LIBBPF_API bool bpf_map__autocreate(const struct bpf_map *map);
/**
 * @brief **bpf_map__set_autocreate()** sets whether the object's load creates
 * the map. Loads of a map not created are turned into invalid instructions:
 * the verifier must see them as dead code, else the program fails to load
 * with a message naming the map.
 * @param map the map
 * @param autocreate whether to create it at load
 * @return 0, or -EBUSY once the object is loaded
 */
LIBBPF_API int bpf_map__set_autocreate(struct bpf_map *map, bool autocreate);
/**
 * @brief **bpf_map__set_autoattach()** sets whether the skeleton's attach
 * step attaches a struct_ops map.
 * @param map struct_ops map
 * @param autoattach whether to attach it
 * @return 0, or -EINVAL for a map of another type
 */
LIBBPF_API int bpf_map__set_autoattach(struct bpf_map *map, bool autoattach);
/**
 * @brief **bpf_map__autoattach()** tells whether the skeleton's attach step
 * attaches the map.
 * @param map map
 * @return true for a struct_ops map left to auto-attach (the default);
 * false otherwise, and always for maps of other types
 */
LIBBPF_API bool bpf_map__autoattach(const struct bpf_map *map);

/**
 * @brief **bpf_map__lookup_elem()** looks up the value of key, checking the
 * sizes against the map's definition first.
 * @param map created map
 * @param key key bytes
 * @param key_sz must equal the map's key size
 * @param value receives the value
 * @param value_sz the map's value size; for per-CPU maps the value size
 * rounded up to 8, times libbpf_num_possible_cpus()
 * @param flags BPF_F_LOCK, ...
 * @return 0; -EINVAL (logged) on a size mismatch; -ENOENT if the map is
 * not created; else the kernel's -errno
 */
LIBBPF_API int bpf_map__lookup_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz,
				    void *value, size_t value_sz, __u64 flags);
/**
 * @brief **bpf_map__update_elem()** inserts or updates key's value, with
 * bpf_map__lookup_elem()'s size checks.
 * @param map created map
 * @param key key bytes
 * @param key_sz must equal the map's key size
 * @param value value bytes
 * @param value_sz as for bpf_map__lookup_elem()
 * @param flags BPF_ANY, BPF_NOEXIST, BPF_EXIST, BPF_F_LOCK
 * @return 0 or a negative errno
 */
LIBBPF_API int bpf_map__update_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz,
				    const void *value, size_t value_sz, __u64 flags);
/**
 * @brief **bpf_map__delete_elem()** deletes key, checking its size.
 * @param map created map
 * @param key key bytes
 * @param key_sz must equal the map's key size
 * @param flags flags for the kernel
 * @return 0 or a negative errno
 */
LIBBPF_API int bpf_map__delete_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz, __u64 flags);
/**
 * @brief **bpf_map__lookup_and_delete_elem()** looks up key's value and
 * deletes it atomically, with bpf_map__lookup_elem()'s size checks.
 * @param map created map
 * @param key key bytes (NULL for queues and stacks)
 * @param key_sz must equal the map's key size
 * @param value receives the value
 * @param value_sz as for bpf_map__lookup_elem()
 * @param flags flags for the kernel
 * @return 0 or a negative errno
 */
LIBBPF_API int bpf_map__lookup_and_delete_elem(const struct bpf_map *map,
					       const void *key, size_t key_sz,
					       void *value, size_t value_sz, __u64 flags);
/**
 * @brief **bpf_map__get_next_key()** fetches the key after cur_key,
 * checking the key size.
 * @param map created map
 * @param cur_key current key, or NULL for the first
 * @param next_key receives the next key
 * @param key_sz must equal the map's key size
 * @return 0, -ENOENT after the last key, or another negative errno
 */
LIBBPF_API int bpf_map__get_next_key(const struct bpf_map *map,
				     const void *cur_key, void *next_key, size_t key_sz);
/**
 * @brief **bpf_map__set_exclusive_program()** makes prog the only program
 * that may use the map: the map is created with the SHA-256 of prog's
 * final instructions, and the kernel refuses any other program using it.
 * @param map map of an object not yet prepared or loaded
 * @param prog program of the same object
 * @return 0, or -EINVAL (logged) once the map is created or for a program
 * of another object
 */
LIBBPF_API int bpf_map__set_exclusive_program(struct bpf_map *map, struct bpf_program *prog);
/**
 * @brief **bpf_map__exclusive_program()** returns the program the map is
 * exclusive to.
 * @param map map
 * @return the program, or NULL
 */
LIBBPF_API struct bpf_program *bpf_map__exclusive_program(struct bpf_map *map);

/* ---- ring buffers (BPF_MAP_TYPE_RINGBUF, BPF_MAP_TYPE_USER_RINGBUF) ---- */

struct ring_buffer;
struct ring;

/* Called for each record; a negative return stops the consumption and is returned. */
typedef int (*ring_buffer_sample_fn)(void *ctx, void *data, size_t size);

struct ring_buffer_opts {
	size_t sz;
};
#define ring_buffer_opts__last_field sz

/**
 * @brief Consumer of one ring buffer map, more can be added.
 * @param map_fd BPF_MAP_TYPE_RINGBUF map
 * @param sample_cb called for each record
 * @param ctx passed to sample_cb
 * @param opts NULL
 * @return the consumer, or NULL with errno set
 */
LIBBPF_API struct ring_buffer *ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb,
						void *ctx, const struct ring_buffer_opts *opts);
/** @brief Release the consumer and its mappings. @param rb consumer or NULL */
LIBBPF_API void ring_buffer__free(struct ring_buffer *rb);
/** @brief Add another ring. @param rb consumer @param map_fd ring buffer map @param sample_cb callback @param ctx its context @return 0 or -errno */
LIBBPF_API int ring_buffer__add(struct ring_buffer *rb, int map_fd,
				ring_buffer_sample_fn sample_cb, void *ctx);
/** @brief Wait up to timeout_ms for records and consume them. @param rb consumer @param timeout_ms -1 waits forever @return records consumed (INT_MAX at most) or -errno */
LIBBPF_API int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms);
/** @brief Consume what is available, without waiting. @param rb consumer @return records consumed or -errno */
LIBBPF_API int ring_buffer__consume(struct ring_buffer *rb);
/** @brief Consume at most n records. @param rb consumer @param n limit @return records consumed or -errno */
LIBBPF_API int ring_buffer__consume_n(struct ring_buffer *rb, size_t n);
/** @brief The epoll fd that becomes readable when records arrive. @param rb consumer @return fd */
LIBBPF_API int ring_buffer__epoll_fd(const struct ring_buffer *rb);
/** @brief The idx-th ring, in the order added. @param rb consumer @param idx index @return ring or NULL (errno ENOENT) */
LIBBPF_API struct ring *ring_buffer__ring(struct ring_buffer *rb, unsigned int idx);

/** @brief Consumer position. @param r ring @return bytes consumed since creation */
LIBBPF_API unsigned long ring__consumer_pos(const struct ring *r);
/** @brief Producer position. @param r ring @return bytes produced since creation */
LIBBPF_API unsigned long ring__producer_pos(const struct ring *r);
/** @brief Bytes produced but not consumed. @param r ring @return bytes */
LIBBPF_API size_t ring__avail_data_size(const struct ring *r);
/** @brief Size of the data area. @param r ring @return bytes */
LIBBPF_API size_t ring__size(const struct ring *r);
/** @brief The ring's map fd. @param r ring @return fd */
LIBBPF_API int ring__map_fd(const struct ring *r);
/** @brief Consume this ring only. @param r ring @return records or -errno */
LIBBPF_API int ring__consume(struct ring *r);
/** @brief Consume at most n records of this ring. @param r ring @param n limit @return records or -errno */
LIBBPF_API int ring__consume_n(struct ring *r, size_t n);

/* ---- user ring buffers (BPF_MAP_TYPE_USER_RINGBUF): user space produces ---- */

struct user_ring_buffer;

struct user_ring_buffer_opts {
	size_t sz;
};
#define user_ring_buffer_opts__last_field sz

/**
 * @brief **user_ring_buffer__new()** maps a user ring buffer for writing
 * records that BPF programs drain with bpf_user_ringbuf_drain().
 * @param map_fd BPF_MAP_TYPE_USER_RINGBUF map
 * @param opts NULL
 * @return the producer, or NULL with errno set
 */
LIBBPF_API struct user_ring_buffer *
user_ring_buffer__new(int map_fd, const struct user_ring_buffer_opts *opts);
/**
 * @brief **user_ring_buffer__reserve()** reserves room for a record of size
 * bytes, to fill and then submit or discard. Not thread safe: concurrent
 * producers must serialise their reserve calls.
 * @param rb producer
 * @param size record bytes
 * @return the record (8-byte aligned), or NULL with errno E2BIG (larger than
 * the ring) or ENOSPC (the ring is full for now)
 */
LIBBPF_API void *user_ring_buffer__reserve(struct user_ring_buffer *rb, __u32 size);
/**
 * @brief **user_ring_buffer__reserve_blocking()** is reserve() waiting for
 * room up to timeout_ms: the kernel wakes the producer when a drain
 * consumed records (unless the program passed BPF_RB_NO_WAKEUP).
 * @param rb producer
 * @param size record bytes
 * @param timeout_ms how long to wait: 0 not at all, -1 forever
 * @return the record, or NULL with errno E2BIG, ENOSPC (no room by the
 * deadline) or EINVAL (timeout_ms below -1)
 */
LIBBPF_API void *user_ring_buffer__reserve_blocking(struct user_ring_buffer *rb,
						    __u32 size,
						    int timeout_ms);
/**
 * @brief **user_ring_buffer__submit()** hands a reserved record to the kernel.
 * @param rb producer
 * @param sample the record
 */
LIBBPF_API void user_ring_buffer__submit(struct user_ring_buffer *rb, void *sample);
/**
 * @brief **user_ring_buffer__discard()** drops a reserved record; drains skip it.
 * @param rb producer
 * @param sample the record
 */
LIBBPF_API void user_ring_buffer__discard(struct user_ring_buffer *rb, void *sample);
/**
 * @brief **user_ring_buffer__free()** unmaps the ring and frees the producer.
 * @param rb producer or NULL
 */
LIBBPF_API void user_ring_buffer__free(struct user_ring_buffer *rb);

/* ---- perf buffers (BPF_MAP_TYPE_PERF_EVENT_ARRAY) ---- */

struct perf_buffer;

typedef void (*perf_buffer_sample_fn)(void *ctx, int cpu, void *data, __u32 size);
typedef void (*perf_buffer_lost_fn)(void *ctx, int cpu, __u64 cnt);

struct perf_buffer_opts {
	size_t sz;
	__u32 sample_period;	/* wake-up every N samples, default 1 */
	size_t :0;
};
#define perf_buffer_opts__last_field sample_period

/**
 * @brief Per-CPU perf ring buffers for a perf event array, one per CPU.
 * @param map_fd BPF_MAP_TYPE_PERF_EVENT_ARRAY map
 * @param page_cnt data pages per CPU, a power of two
 * @param sample_cb called for each sample
 * @param lost_cb called with counts of lost samples, or NULL
 * @param ctx passed to the callbacks
 * @param opts NULL or sample_period
 * @return the buffer, or NULL with errno set
 */
LIBBPF_API struct perf_buffer *perf_buffer__new(int map_fd, size_t page_cnt,
						perf_buffer_sample_fn sample_cb,
						perf_buffer_lost_fn lost_cb, void *ctx,
						const struct perf_buffer_opts *opts);
enum bpf_perf_event_ret {
	LIBBPF_PERF_EVENT_DONE	= 0,
	LIBBPF_PERF_EVENT_ERROR	= -1,
	LIBBPF_PERF_EVENT_CONT	= -2,
};

struct perf_event_header;

/* Called for each record of a raw perf buffer; anything but _CONT stops the ring's consumption. */
typedef enum bpf_perf_event_ret
(*perf_buffer_event_fn)(void *ctx, int cpu, struct perf_event_header *event);

struct perf_buffer_raw_opts {
	size_t sz;
	long :0;
	long :0;
	int cpu_cnt;		/* 0: every online CPU, at its own key */
	int *cpus;		/* with cpu_cnt > 0: the CPUs */
	int *map_keys;		/* with cpu_cnt > 0: the key of each */
};
#define perf_buffer_raw_opts__last_field map_keys

struct perf_event_attr;

/**
 * @brief **perf_buffer__new_raw()** is perf_buffer__new() for any perf
 * event: one of attr per CPU, stored in the map, every record of its ring
 * handed to event_cb as it is.
 * @param map_fd BPF_MAP_TYPE_PERF_EVENT_ARRAY map
 * @param page_cnt data pages per CPU, a power of two
 * @param attr the events' attributes
 * @param event_cb called with each record
 * @param ctx passed to event_cb
 * @param opts CPUs and keys, or NULL
 * @return the buffer, or NULL with errno set
 */
LIBBPF_API struct perf_buffer *
perf_buffer__new_raw(int map_fd, size_t page_cnt, struct perf_event_attr *attr,
		     perf_buffer_event_fn event_cb, void *ctx,
		     const struct perf_buffer_raw_opts *opts);

/** @brief Release it; removes the events from the map. @param pb buffer or NULL */
LIBBPF_API void perf_buffer__free(struct perf_buffer *pb);
/** @brief epoll fd. @param pb buffer @return fd */
LIBBPF_API int perf_buffer__epoll_fd(const struct perf_buffer *pb);
/** @brief Wait up to timeout_ms and consume. @param pb buffer @param timeout_ms -1 forever @return buffers that had data, or -errno */
LIBBPF_API int perf_buffer__poll(struct perf_buffer *pb, int timeout_ms);
/** @brief Consume everything available. @param pb buffer @return 0 or -errno */
LIBBPF_API int perf_buffer__consume(struct perf_buffer *pb);
/** @brief Consume one CPU's buffer. @param pb buffer @param buf_idx index @return 0 or -errno */
LIBBPF_API int perf_buffer__consume_buffer(struct perf_buffer *pb, size_t buf_idx);
/** @brief Number of per-CPU buffers. @param pb buffer @return count */
LIBBPF_API size_t perf_buffer__buffer_cnt(const struct perf_buffer *pb);
/** @brief fd of one per-CPU buffer. @param pb buffer @param buf_idx index @return fd or -errno */
LIBBPF_API int perf_buffer__buffer_fd(const struct perf_buffer *pb, size_t buf_idx);
/**
 * @brief **perf_buffer__buffer()** gives one ring's memory, for a consumer
 * of its own: a struct perf_event_mmap_page, then the data pages.
 * @param pb buffer
 * @param buf_idx index, below perf_buffer__buffer_cnt()
 * @param buf receives the start of the mapping (the control page)
 * @param buf_size receives the size of the data area after it (as libbpf)
 * @return 0, or -EINVAL for an index out of range
 */
LIBBPF_API int perf_buffer__buffer(struct perf_buffer *pb, int buf_idx, void **buf,
				   size_t *buf_size);

/*
 * ---- feature probes ----
 * Each loads a program or creates a map; many in a row may hit
 * RLIMIT_MEMLOCK on kernels before 5.11 (see libbpf_set_memlock_rlim()).
 */

/**
 * @brief **libbpf_probe_bpf_prog_type()** tells whether the kernel supports
 * BPF programs of a type.
 * @param prog_type BPF_PROG_TYPE_*
 * @param opts must be NULL
 * @return 1 supported, 0 not, or a negative errno (-EOPNOTSUPP: a type this
 * library cannot probe; -EINVAL: opts not NULL)
 */
LIBBPF_API int libbpf_probe_bpf_prog_type(enum bpf_prog_type prog_type, const void *opts);
/**
 * @brief **libbpf_probe_bpf_map_type()** tells whether the kernel supports
 * BPF maps of a type.
 * @param map_type BPF_MAP_TYPE_*
 * @param opts must be NULL
 * @return 1 supported, 0 not, or a negative errno (-EOPNOTSUPP: a type this
 * library cannot probe; -EINVAL: opts not NULL)
 */
LIBBPF_API int libbpf_probe_bpf_map_type(enum bpf_map_type map_type, const void *opts);
/**
 * @brief **libbpf_probe_bpf_helper()** tells whether programs of a type may
 * call a helper, from the verifier's answer to a program calling it.
 * @param prog_type BPF_PROG_TYPE_*
 * @param helper_id BPF_FUNC_*
 * @param opts must be NULL
 * @return 1 supported, 0 not, or a negative errno (-EOPNOTSUPP for tracing,
 * extension, LSM and struct_ops programs, which need a real target)
 */
LIBBPF_API int libbpf_probe_bpf_helper(enum bpf_prog_type prog_type,
				       enum bpf_func_id helper_id, const void *opts);

/* ---- line info of loaded programs (from bpf_prog_get_info_by_fd()) ---- */

struct bpf_prog_linfo;
struct bpf_prog_info;

/** @brief Free a line info index. @param prog_linfo index or NULL */
LIBBPF_API void bpf_prog_linfo__free(struct bpf_prog_linfo *prog_linfo);
/**
 * @brief Index a loaded program's line info for lookups by instruction or
 * by JITed address.
 * @param info program info filled with nr_line_info, line_info and
 * line_info_rec_size; and for address lookups also jited_line_info,
 * nr_jited_ksyms, jited_ksyms, nr_jited_func_lens and jited_func_lens
 * @return the index (copies of the records), or NULL with errno EINVAL
 * (no or malformed line info) or ENOMEM
 */
LIBBPF_API struct bpf_prog_linfo *
bpf_prog_linfo__new(const struct bpf_prog_info *info);
/**
 * @brief The line of a JITed address within one function.
 * @param prog_linfo index with JITed line info
 * @param addr address in the JITed image of function func_idx
 * @param func_idx function (its index in jited_ksyms)
 * @param nr_skip number of the function's records to skip first
 * @return the last record of the function at or before addr, or NULL with
 * errno ENOENT
 */
LIBBPF_API const struct bpf_line_info *
bpf_prog_linfo__lfind_addr_func(const struct bpf_prog_linfo *prog_linfo,
				__u64 addr, __u32 func_idx, __u32 nr_skip);
/**
 * @brief The line of a translated instruction.
 * @param prog_linfo index
 * @param insn_off instruction index in the translated program
 * @param nr_skip number of records to skip first
 * @return the last record at or before insn_off, or NULL with errno ENOENT
 */
LIBBPF_API const struct bpf_line_info *
bpf_prog_linfo__lfind(const struct bpf_prog_linfo *prog_linfo,
		      __u32 insn_off, __u32 nr_skip);

/* ---- XDP through rtnetlink ---- */

struct bpf_xdp_attach_opts {
	size_t sz;
	int old_prog_fd;	/* replace only this program (XDP_FLAGS_REPLACE) */
	size_t :0;
};
#define bpf_xdp_attach_opts__last_field old_prog_fd

struct bpf_xdp_query_opts {
	size_t sz;
	__u32 prog_id;		/* out: the program, in a single mode */
	__u32 drv_prog_id;	/* out: native mode */
	__u32 hw_prog_id;	/* out: offloaded */
	__u32 skb_prog_id;	/* out: generic mode */
	__u8 attach_mode;	/* out: XDP_ATTACHED_* */
	__u64 feature_flags;	/* out: not filled (needs netdev genetlink): 0 */
	__u32 xdp_zc_max_segs;	/* out: not filled: 0 */
	size_t :0;
};
#define bpf_xdp_query_opts__last_field xdp_zc_max_segs

/**
 * @brief Attach an XDP program to a device; it stays when the process exits.
 * @param ifindex device
 * @param prog_fd program
 * @param flags XDP_FLAGS_* (mode, UPDATE_IF_NOEXIST)
 * @param opts old_prog_fd to replace, or NULL
 * @return 0 or -errno
 */
LIBBPF_API int bpf_xdp_attach(int ifindex, int prog_fd, __u32 flags,
			      const struct bpf_xdp_attach_opts *opts);
/** @brief Detach the XDP program of a device. @param ifindex device @param flags mode @param opts old_prog_fd or NULL @return 0 or -errno */
LIBBPF_API int bpf_xdp_detach(int ifindex, __u32 flags, const struct bpf_xdp_attach_opts *opts);
/** @brief XDP programs of a device, per mode. @param ifindex device @param flags 0 @param opts receives the ids @return 0 or -errno */
LIBBPF_API int bpf_xdp_query(int ifindex, int flags, struct bpf_xdp_query_opts *opts);
/** @brief The XDP program of a device in one mode. @param ifindex device @param flags mode or 0 @param prog_id receives it (0: none) @return 0 or -errno */
LIBBPF_API int bpf_xdp_query_id(int ifindex, int flags, __u32 *prog_id);

/* ---- skeletons (headers from "gen skeleton" / "gen subskeleton") ---- */

struct bpf_link;

/**
 * @brief Attach a program where its SEC() name says (tracepoints and raw
 * tracepoints).
 * @param prog loaded program
 * @return the link, or NULL with errno set (EOPNOTSUPP: the section names
 *         no attach point)
 */
LIBBPF_API struct bpf_link *bpf_program__attach(const struct bpf_program *prog);
/** @brief Detach and free a link. @param link link or NULL @return 0 or -errno */
LIBBPF_API int bpf_link__destroy(struct bpf_link *link);
/** @brief fd of a link. @param link link @return fd */
LIBBPF_API int bpf_link__fd(const struct bpf_link *link);

struct bpf_map_skeleton {
	const char *name;
	struct bpf_map **map;
	void **mmaped;		/* global data: where its memory is published */
	struct bpf_link **link;	/* struct_ops maps: registered by attach */
};

struct bpf_prog_skeleton {
	const char *name;
	struct bpf_program **prog;
	struct bpf_link **link;
};

struct bpf_object_skeleton {
	size_t sz;		/* size of this struct, for compatibility */
	const char *name;
	const void *data;	/* the object file */
	size_t data_sz;
	struct bpf_object **obj;
	int map_cnt;
	int map_skel_sz;	/* sizeof(struct bpf_map_skeleton) of the caller */
	struct bpf_map_skeleton *maps;
	int prog_cnt;
	int prog_skel_sz;	/* sizeof(struct bpf_prog_skeleton) of the caller */
	struct bpf_prog_skeleton *progs;
};

/**
 * @brief Open the skeleton's embedded object and fill its map and program
 * pointers; global data becomes reachable through the mmaped pointers, to
 * set before load.
 * @param s skeleton
 * @param opts open options, or NULL (object_name defaults to s->name)
 * @return 0 or -errno
 */
LIBBPF_API int bpf_object__open_skeleton(struct bpf_object_skeleton *s,
					 const struct bpf_object_open_opts *opts);
/**
 * @brief Load the object; afterwards the mmaped pointers show the maps'
 * memory in the kernel (read-only for .rodata).
 * @param s opened skeleton
 * @return 0 or -errno
 */
LIBBPF_API int bpf_object__load_skeleton(struct bpf_object_skeleton *s);
/**
 * @brief Attach every loaded program whose section names an attach point,
 * into its link pointer; the others are skipped.
 * @param s loaded skeleton
 * @return 0 or -errno
 */
LIBBPF_API int bpf_object__attach_skeleton(struct bpf_object_skeleton *s);
/** @brief Destroy the skeleton's links. @param s skeleton */
LIBBPF_API void bpf_object__detach_skeleton(struct bpf_object_skeleton *s);
/** @brief Detach, unmap, close the object and free s. @param s skeleton or NULL */
LIBBPF_API void bpf_object__destroy_skeleton(struct bpf_object_skeleton *s);

struct bpf_var_skeleton {
	const char *name;
	struct bpf_map **map;
	void **addr;
};

struct bpf_object_subskeleton {
	size_t sz;		/* size of this struct, for compatibility */
	const struct bpf_object *obj;
	int map_cnt;
	int map_skel_sz;
	struct bpf_map_skeleton *maps;
	int prog_cnt;
	int prog_skel_sz;
	struct bpf_prog_skeleton *progs;
	int var_cnt;
	int var_skel_sz;
	struct bpf_var_skeleton *vars;
};

/**
 * @brief Find a library's maps and programs in the object it was linked
 * into (opened by the application's skeleton).
 * @param s subskeleton
 * Variables point into the memory the application's skeleton mapped.
 * @return 0 or -errno
 */
LIBBPF_API int bpf_object__open_subskeleton(struct bpf_object_subskeleton *s);
/** @brief Free a subskeleton (not the object). @param s subskeleton or NULL */
LIBBPF_API void bpf_object__destroy_subskeleton(struct bpf_object_subskeleton *s);

/* ---- light skeletons: a loader program instead of a load ---- */

struct gen_loader_opts {
	size_t sz; /* size of this struct, for forward/backward compatibility */
	const char *data;
	const char *insns;
	__u32 data_sz;
	__u32 insns_sz;
	bool gen_hash;
};

#define gen_loader_opts__last_field gen_hash
/**
 * @brief Make the next bpf_object__load() of obj record a loader program
 * instead of loading: a BPF_PROG_TYPE_SYSCALL program and its data blob
 * that, run by BPF_PROG_RUN (skel_internal.h's bpf_load_and_run()), load
 * the object's BTF, create its maps and load its programs, returning
 * their fds in the run's context.
 * @param obj opened, not loaded object
 * @param opts receives data/data_sz and insns/insns_sz after the load;
 * gen_hash keeps the blob's max_entries and initial values authoritative
 * over the run's context
 * @return 0 or -errno
 */
LIBBPF_API int bpf_object__gen_loader(struct bpf_object *obj,
				      struct gen_loader_opts *opts);

/* ---- attaching programs and managing links ---- */

/*
 * A link returned by the attach functions below owns the attachment:
 * bpf_link__destroy() detaches it, unless it was pinned (the pin keeps the
 * kernel link) or disconnected.
 */

/**
 * @brief Pin the link on bpffs so it outlives the process.
 * @param link link
 * @param path path on bpffs
 * @return 0 or -errno (-EBUSY if already pinned)
 */
LIBBPF_API int bpf_link__pin(struct bpf_link *link, const char *path);
/** @brief Remove the link's pin. @param link link @return 0 or -errno (-EINVAL if not pinned) */
LIBBPF_API int bpf_link__unpin(struct bpf_link *link);
/** @brief Where the link is pinned. @param link link @return path or NULL */
LIBBPF_API const char *bpf_link__pin_path(const struct bpf_link *link);
/** @brief Open a link pinned at path. @param path bpffs path @return link or NULL with errno set */
LIBBPF_API struct bpf_link *bpf_link__open(const char *path);
/**
 * @brief Detach the program, keeping the link object (BPF_LINK_DETACH).
 * @param link link
 * @return 0 or -errno
 */
LIBBPF_API int bpf_link__detach(struct bpf_link *link);
/** @brief Make bpf_link__destroy() leave the attachment in place. @param link link */
LIBBPF_API void bpf_link__disconnect(struct bpf_link *link);
/**
 * @brief Replace the link's program (BPF_LINK_UPDATE).
 * @param link link
 * @param prog loaded program
 * @return 0 or -errno
 */
LIBBPF_API int bpf_link__update_program(struct bpf_link *link, struct bpf_program *prog);

enum probe_attach_mode {
	PROBE_ATTACH_MODE_DEFAULT = 0,	/* perf PMU with a BPF link where possible */
	PROBE_ATTACH_MODE_LEGACY,	/* tracefs probe event, attached by ioctl */
	PROBE_ATTACH_MODE_PERF,		/* perf PMU, attached by ioctl */
	PROBE_ATTACH_MODE_LINK,		/* perf PMU with a BPF link */
};

struct bpf_perf_event_opts {
	size_t sz;
	__u64 bpf_cookie;		/* for bpf_get_attach_cookie() */
	bool force_ioctl_attach;	/* PERF_EVENT_IOC_SET_BPF even with perf links */
	size_t :0;
};
#define bpf_perf_event_opts__last_field force_ioctl_attach

/**
 * @brief Attach to a perf event; the link takes over pfd.
 * @param prog loaded program
 * @param pfd perf event fd
 * @return link or NULL with errno set
 */
LIBBPF_API struct bpf_link *bpf_program__attach_perf_event(const struct bpf_program *prog,
							   int pfd);
/**
 * @brief bpf_program__attach_perf_event() with a cookie or ioctl attachment.
 * @param prog program
 * @param pfd perf event fd
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *
bpf_program__attach_perf_event_opts(const struct bpf_program *prog, int pfd,
				    const struct bpf_perf_event_opts *opts);

struct bpf_tracepoint_opts {
	size_t sz;
	__u64 bpf_cookie;
};
#define bpf_tracepoint_opts__last_field bpf_cookie

/**
 * @brief Attach to tracepoint category/name (tracefs events/).
 * @param prog program
 * @param tp_category e.g. "syscalls"
 * @param tp_name e.g. "sys_enter_getpid"
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_tracepoint(const struct bpf_program *prog,
							   const char *tp_category,
							   const char *tp_name);
/**
 * @brief bpf_program__attach_tracepoint() with a cookie.
 * @param prog program
 * @param tp_category category
 * @param tp_name name
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *
bpf_program__attach_tracepoint_opts(const struct bpf_program *prog, const char *tp_category,
				    const char *tp_name, const struct bpf_tracepoint_opts *opts);

struct bpf_raw_tracepoint_opts {
	size_t sz;
	__u64 cookie;
	size_t :0;
};
#define bpf_raw_tracepoint_opts__last_field cookie

/**
 * @brief Attach to a raw tracepoint.
 * @param prog program
 * @param tp_name e.g. "sys_enter"
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_raw_tracepoint(const struct bpf_program *prog,
							       const char *tp_name);
/**
 * @brief Raw tracepoint with a cookie (kernel 6.10+).
 * @param prog program
 * @param tp_name name
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *
bpf_program__attach_raw_tracepoint_opts(const struct bpf_program *prog, const char *tp_name,
					struct bpf_raw_tracepoint_opts *opts);

struct bpf_trace_opts {
	size_t sz;
	__u64 cookie;
};
#define bpf_trace_opts__last_field cookie

/**
 * @brief Attach a BTF-typed program (tp_btf, fentry, fexit, fmod_ret, freplace) to its load-time
 *  target.
 * @param prog program
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_trace(const struct bpf_program *prog);
/**
 * @brief bpf_program__attach_trace() with a cookie.
 * @param prog program
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_trace_opts(const struct bpf_program *prog,
							   const struct bpf_trace_opts *opts);
/** @brief Attach an lsm program to its hook. @param prog program @return link or NULL */
LIBBPF_API struct bpf_link *bpf_program__attach_lsm(const struct bpf_program *prog);

struct bpf_kprobe_opts {
	size_t sz;
	__u64 bpf_cookie;
	size_t offset;			/* into the function */
	bool retprobe;
	enum probe_attach_mode attach_mode;
	size_t :0;
};
#define bpf_kprobe_opts__last_field attach_mode

/**
 * @brief Attach a kprobe or kretprobe.
 * @param prog program
 * @param retprobe at return
 * @param func_name kernel function
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_kprobe(const struct bpf_program *prog,
						       bool retprobe, const char *func_name);
/**
 * @brief Attach a kprobe with options.
 * @param prog program
 * @param func_name kernel function
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_kprobe_opts(const struct bpf_program *prog,
							    const char *func_name,
							    const struct bpf_kprobe_opts *opts);

struct bpf_kprobe_multi_opts {
	size_t sz;
	const char **syms;
	const unsigned long *addrs;
	const __u64 *cookies;
	size_t cnt;
	bool retprobe;
	bool session;			/* kprobe.session: entry decides whether return runs */
	size_t :0;
};
#define bpf_kprobe_multi_opts__last_field session

/**
 * @brief One kprobe.multi link on the functions matching a glob, or on opts' syms/addrs.
 * @param prog program
 * @param pattern glob, or NULL
 * @param opts options
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe_multi_opts(const struct bpf_program *prog, const char *pattern,
				      const struct bpf_kprobe_multi_opts *opts);

struct bpf_uprobe_multi_opts {
	size_t sz;
	const char **syms;			/* function names (exact), or NULL */
	const unsigned long *offsets;		/* file offsets, or NULL */
	const unsigned long *ref_ctr_offsets;	/* optional: USDT semaphores */
	const __u64 *cookies;			/* optional: bpf_get_attach_cookie() */
	size_t cnt;				/* elements of the arrays */
	bool retprobe;				/* uretprobes */
	bool session;				/* uprobe.session: entry decides on return */
	size_t :0;
};
#define bpf_uprobe_multi_opts__last_field session

/**
 * @brief One uprobe_multi link on many functions of a binary: those matching func_pattern,
 *  or opts' syms (exact names) or offsets (not both), with optional ref_ctr_offsets and
 *  cookies. The program must be loaded as uprobe.multi (or uprobe.session with
 *  opts->session).
 * @param prog program
 * @param pid process to probe, 0 this one, -1 every process
 * @param binary_path binary or library (names without '/' are searched like uprobes')
 * @param func_pattern glob over the binary's functions, or NULL to use opts
 * @param opts options; cnt and syms or offsets when func_pattern is NULL
 * @return link or NULL with errno set
 */
LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe_multi(const struct bpf_program *prog, pid_t pid,
				 const char *binary_path, const char *func_pattern,
				 const struct bpf_uprobe_multi_opts *opts);

struct bpf_ksyscall_opts {
	size_t sz;
	__u64 bpf_cookie;
	bool retprobe;
	size_t :0;
};
#define bpf_ksyscall_opts__last_field retprobe

/**
 * @brief kprobe on a syscall's entry point (__<arch>_sys_NAME).
 * @param prog program
 * @param syscall_name e.g. "getpid"
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_ksyscall(const struct bpf_program *prog,
							 const char *syscall_name,
							 const struct bpf_ksyscall_opts *opts);

struct bpf_tracing_multi_opts {
	size_t sz;
	const __u32 *ids;		/* kernel BTF ids of the functions, not a pattern */
	const __u64 *cookies;		/* one per id, for bpf_get_attach_cookie(), or NULL */
	size_t cnt;
	size_t :0;
};
#define bpf_tracing_multi_opts__last_field cnt

/**
 * @brief **bpf_program__attach_tracing_multi()** attaches an fentry.multi,
 * fexit.multi or fsession.multi program to many kernel functions at once:
 * those of vmlinux BTF whose names match pattern ("MODULE:pattern" for a
 * module's; * and ? wildcards) and that a trampoline can trace, or those
 * given by opts->ids.
 * @param prog loaded program
 * @param pattern glob, or NULL with opts->ids
 * @param opts ids, cookies, cnt, or NULL
 * @return link, or NULL with errno set (-EINVAL: pattern and ids both or
 * neither given, or nothing matches)
 */
LIBBPF_API struct bpf_link *
bpf_program__attach_tracing_multi(const struct bpf_program *prog, const char *pattern,
				  const struct bpf_tracing_multi_opts *opts);

struct bpf_uprobe_opts {
	size_t sz;
	size_t ref_ctr_offset;		/* USDT semaphore */
	__u64 bpf_cookie;
	bool retprobe;
	const char *func_name;		/* resolved in the binary's symbol tables, plus func_offset */
	enum probe_attach_mode attach_mode;
	size_t :0;
};
#define bpf_uprobe_opts__last_field attach_mode

/**
 * @brief Attach a uprobe at an offset of a binary.
 * @param prog program
 * @param retprobe at return
 * @param pid process, 0 self, -1 all
 * @param binary_path binary or library (searched when it has no '/')
 * @param func_offset file offset
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_uprobe(const struct bpf_program *prog,
						       bool retprobe, pid_t pid,
						       const char *binary_path,
						       size_t func_offset);
/**
 * @brief Attach a uprobe, optionally at a function by name.
 * @param prog program
 * @param pid process, 0 self, -1 all
 * @param binary_path binary or library
 * @param func_offset offset (from func_name if given)
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_uprobe_opts(const struct bpf_program *prog,
							    pid_t pid, const char *binary_path,
							    size_t func_offset,
							    const struct bpf_uprobe_opts *opts);

struct bpf_usdt_opts {
	size_t sz;
	__u64 usdt_cookie;
	size_t :0;
};
#define bpf_usdt_opts__last_field usdt_cookie

/**
 * @brief Attach a USDT probe: a uprobe at each of its sites in the binary (.note.stapsdt),
 *  with the argument specs the program reads through <bpf/usdt.bpf.h>. The object must
 *  hold usdt.bpf.h's __bpf_usdt_specs map. A program loaded for uprobe_multi links (the
 *  default for SEC("usdt") where the kernel has them) gets one such link for all sites,
 *  which can be pinned; otherwise a link of several sites (one uprobe each) can't be.
 * @param prog program (SEC("usdt"))
 * @param pid process, 0 self, -1 all
 * @param binary_path binary or library (searched when it has no '/')
 * @param usdt_provider provider
 * @param usdt_name probe
 * @param opts options (usdt_cookie, for bpf_usdt_cookie()) or NULL
 * @return link or NULL with errno set
 */
LIBBPF_API struct bpf_link *bpf_program__attach_usdt(const struct bpf_program *prog, pid_t pid,
						     const char *binary_path,
						     const char *usdt_provider,
						     const char *usdt_name,
						     const struct bpf_usdt_opts *opts);

/**
 * @brief Link on a cgroup, as the program's expected attach type.
 * @param prog program
 * @param cgroup_fd cgroup directory fd
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_cgroup(const struct bpf_program *prog,
						       int cgroup_fd);
/**
 * @brief Link on a network namespace (flow_dissector, sk_lookup).
 * @param prog program
 * @param netns_fd namespace fd
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_netns(const struct bpf_program *prog,
						      int netns_fd);
/**
 * @brief **bpf_program__attach_sockmap()** links an sk_msg or sk_skb
 * program to a sockmap or sockhash (Linux 6.10), as its expected attach type.
 * @param prog program
 * @param map_fd sockmap or sockhash
 * @return link or NULL with errno set
 */
LIBBPF_API struct bpf_link *bpf_program__attach_sockmap(const struct bpf_program *prog,
							int map_fd);
/** @brief XDP link on a device. @param prog program @param ifindex device @return link or NULL */
LIBBPF_API struct bpf_link *bpf_program__attach_xdp(const struct bpf_program *prog, int ifindex);
/**
 * @brief Replace function attach_func_name of program target_fd, or the load-time target.
 * @param prog freplace program
 * @param target_fd program or 0
 * @param attach_func_name function or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_freplace(const struct bpf_program *prog,
							 int target_fd,
							 const char *attach_func_name);

struct bpf_netfilter_opts {
	size_t sz;
	__u32 pf;		/* NFPROTO_IPV4, NFPROTO_IPV6 */
	__u32 hooknum;		/* NF_INET_PRE_ROUTING, ... */
	__s32 priority;		/* among the hook's functions; the extremes are reserved */
	__u32 flags;		/* BPF_F_NETFILTER_IP_DEFRAG (1) */
};
#define bpf_netfilter_opts__last_field flags

/**
 * @brief **bpf_program__attach_netfilter()** links a netfilter program to
 * a netfilter hook (Linux 6.4).
 * @param prog SEC("netfilter") program
 * @param opts family, hook, priority and flags
 * @return link or NULL with errno set
 */
LIBBPF_API struct bpf_link *bpf_program__attach_netfilter(const struct bpf_program *prog,
							  const struct bpf_netfilter_opts *opts);

struct bpf_tcx_opts {
	size_t sz;
	__u32 flags;			/* BPF_F_BEFORE, BPF_F_AFTER, ... */
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_tcx_opts__last_field expected_revision

/**
 * @brief tcx link on a device, ingress or egress by the program's SEC().
 * @param prog program
 * @param ifindex device
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_tcx(const struct bpf_program *prog, int ifindex,
						    const struct bpf_tcx_opts *opts);

struct bpf_netkit_opts {
	size_t sz;
	__u32 flags;			/* BPF_F_BEFORE, BPF_F_AFTER, ... */
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_netkit_opts__last_field expected_revision

/**
 * @brief **bpf_program__attach_netkit()** links a program to a netkit
 * device (Linux 6.7), on its primary or peer side by the program's SEC().
 * @param prog SEC("netkit/primary") or SEC("netkit/peer") program
 * @param ifindex netkit device
 * @param opts placement among the device's programs, or NULL
 * @return link or NULL with errno set
 */
LIBBPF_API struct bpf_link *bpf_program__attach_netkit(const struct bpf_program *prog,
						       int ifindex,
						       const struct bpf_netkit_opts *opts);

struct bpf_cgroup_opts {
	size_t sz;
	__u32 flags;			/* BPF_F_BEFORE, BPF_F_AFTER, ... */
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_cgroup_opts__last_field expected_revision

/**
 * @brief **bpf_program__attach_cgroup_opts()** links a program to a cgroup,
 * as its expected attach type, placed among the cgroup's programs (Linux
 * 6.16 for placement and revisions).
 * @param prog program
 * @param cgroup_fd cgroup directory fd
 * @param opts placement and expected revision, or NULL
 * @return link or NULL with errno set
 */
LIBBPF_API struct bpf_link *bpf_program__attach_cgroup_opts(const struct bpf_program *prog,
							    int cgroup_fd,
							    const struct bpf_cgroup_opts *opts);

struct bpf_map;

/**
 * @brief Register a loaded struct_ops map with the kernel. A map of
 * .struct_ops.link gets a BPF link (unregistered when the link goes); any
 * other is registered by updating its element, and destroying the returned
 * link deletes the element, which unregisters it.
 * @param map struct_ops map of a loaded object
 * @return link, or NULL with errno set
 */
LIBBPF_API struct bpf_link *bpf_map__attach_struct_ops(const struct bpf_map *map);
/**
 * @brief Put another struct_ops map behind a struct_ops link (BPF_LINK_UPDATE),
 * for one made from a .struct_ops.link map.
 * @param link link from bpf_map__attach_struct_ops()
 * @param map loaded struct_ops map of the same kernel type
 * @return 0 or -errno
 */
LIBBPF_API int bpf_link__update_map(struct bpf_link *link, const struct bpf_map *map);

struct bpf_iter_attach_opts {
	size_t sz;
	union bpf_iter_link_info *link_info;	/* e.g. the map of a map iterator */
	__u32 link_info_len;
};
#define bpf_iter_attach_opts__last_field link_info_len

/**
 * @brief Iterator link; read it through bpf_iter_create().
 * @param prog iter program
 * @param opts options or NULL
 * @return link or NULL
 */
LIBBPF_API struct bpf_link *bpf_program__attach_iter(const struct bpf_program *prog,
						     const struct bpf_iter_attach_opts *opts);

/* ---- classic tc: cls_bpf filters on a clsact qdisc, through rtnetlink ---- */

enum bpf_tc_attach_point {
	BPF_TC_INGRESS = 1 << 0,	/* clsact ingress (parent ffff:fff2) */
	BPF_TC_EGRESS = 1 << 1,		/* clsact egress (parent ffff:fff3) */
	BPF_TC_CUSTOM = 1 << 2,		/* the qdisc or class in hook->parent */
};

/* Parent handle "a:b" for BPF_TC_CUSTOM. */
#define BPF_TC_PARENT(a, b) ((((a) << 16) & 0xFFFF0000U) | ((b) & 0x0000FFFFU))

enum bpf_tc_flags {
	BPF_TC_F_REPLACE = 1 << 0,	/* replace the filter of the same handle and priority */
};

struct bpf_tc_hook {
	size_t sz;
	int ifindex;
	enum bpf_tc_attach_point attach_point;
	__u32 parent;			/* BPF_TC_CUSTOM only */
	size_t :0;
};
#define bpf_tc_hook__last_field parent

struct bpf_tc_opts {
	size_t sz;
	int prog_fd;		/* attach: the program */
	__u32 flags;		/* attach: BPF_TC_F_REPLACE */
	__u32 prog_id;		/* out of attach and query */
	__u32 handle;		/* in, or out of attach when 0 (the kernel picks one) */
	__u32 priority;		/* in, or out of attach when 0; at most 65535 */
	size_t :0;
};
#define bpf_tc_opts__last_field priority

/**
 * @brief Create the clsact qdisc of hook->ifindex (ingress and egress points).
 * @param hook ifindex and attach_point (BPF_TC_INGRESS and/or BPF_TC_EGRESS)
 * @return 0, -EEXIST if the device has a clsact qdisc already, or -errno
 */
LIBBPF_API int bpf_tc_hook_create(struct bpf_tc_hook *hook);
/**
 * @brief Remove a hook: both points delete the clsact qdisc and all its filters;
 * one point deletes all filters of that point.
 * @param hook ifindex and attach_point
 * @return 0 or -errno
 */
LIBBPF_API int bpf_tc_hook_destroy(struct bpf_tc_hook *hook);
/**
 * @brief Attach opts->prog_fd as a direct-action cls_bpf filter (all protocols);
 * it stays after the process exits, until detached or its qdisc is deleted.
 * @param hook device and attach point (or BPF_TC_CUSTOM with parent)
 * @param opts prog_fd, flags, handle, priority (0: chosen by the kernel, returned);
 * prog_id must be 0 and is filled
 * @return 0 or -errno (-EEXIST: a filter of that handle and priority exists)
 */
LIBBPF_API int bpf_tc_attach(const struct bpf_tc_hook *hook, struct bpf_tc_opts *opts);
/**
 * @brief Delete the filter of opts->handle and opts->priority.
 * @param hook device and attach point
 * @param opts handle and priority (both non-zero); prog_fd, prog_id, flags 0
 * @return 0 or -errno (-ENOENT: no such filter)
 */
LIBBPF_API int bpf_tc_detach(const struct bpf_tc_hook *hook, const struct bpf_tc_opts *opts);
/**
 * @brief The program of the filter of opts->handle and opts->priority.
 * @param hook device and attach point
 * @param opts handle and priority in (non-zero), prog_id out; prog_fd, flags 0
 * @return 0 or -errno (-ENOENT: no such filter)
 */
LIBBPF_API int bpf_tc_query(const struct bpf_tc_hook *hook, struct bpf_tc_opts *opts);

/* ---- custom SEC() handlers ---- */

struct bpf_prog_load_opts; /* defined in bpf.h */

/* Called by bpf_object__open() for each program the handler claims: bpf_program__set_*() work. */
typedef int (*libbpf_prog_setup_fn_t)(struct bpf_program *prog, long cookie);

/* Called right before the program is loaded; may adjust the load options. */
typedef int (*libbpf_prog_prepare_load_fn_t)(struct bpf_program *prog,
					     struct bpf_prog_load_opts *opts, long cookie);

/*
 * Called by bpf_program__attach() and skeleton attach: 0 with *link set on
 * success, 0 with *link NULL when it can't auto-attach, else a negative errno.
 */
typedef int (*libbpf_prog_attach_fn_t)(const struct bpf_program *prog, long cookie,
				       struct bpf_link **link);

struct libbpf_prog_handler_opts {
	size_t sz;
	long cookie;			/* passed to each callback */
	libbpf_prog_setup_fn_t prog_setup_fn;			/* optional */
	libbpf_prog_prepare_load_fn_t prog_prepare_load_fn;	/* optional */
	libbpf_prog_attach_fn_t prog_attach_fn;			/* optional */
};
#define libbpf_prog_handler_opts__last_field prog_attach_fn

/**
 * @brief **libbpf_register_prog_handler()** registers a custom SEC()
 * handler for the whole process: objects opened afterwards get its program
 * type, expected attach type and callbacks for matching programs.
 * @param sec "abc" matches SEC("abc") only, "abc/" SEC("abc/anything"),
 * "abc+" both; custom handlers win over the built-in SEC() names. NULL
 * registers the one fallback for sections nothing else matches.
 * @param prog_type program type of matching programs
 * @param exp_attach_type their expected attach type
 * @param opts cookie and callbacks, or NULL
 * @return a positive handler id, or -EINVAL, -EBUSY (a fallback exists
 * already), -E2BIG, -ENOMEM
 */
LIBBPF_API int libbpf_register_prog_handler(const char *sec,
					    enum bpf_prog_type prog_type,
					    enum bpf_attach_type exp_attach_type,
					    const struct libbpf_prog_handler_opts *opts);
/**
 * @brief *libbpf_unregister_prog_handler()* removes a handler; programs of
 * objects opened before keep what it gave them.
 * @param handler_id id from libbpf_register_prog_handler()
 * @return 0, or -ENOENT if no handler has that id
 */
LIBBPF_API int libbpf_unregister_prog_handler(int handler_id);

/**
 * @brief **bpf_program__clone()** loads one program of a prepared object
 * again, as a new kernel program owned by the caller.
 * @param prog program of an object after bpf_object__prepare() or load
 * @param opts load options or NULL: its non-zero fields override what the
 * object gives (func_info and line_info only as complete triples); the
 * verifier log is only the caller's
 * @return the program fd (the caller closes it), or a negative errno
 */
LIBBPF_API int bpf_program__clone(struct bpf_program *prog, const struct bpf_prog_load_opts *opts);

/*
 * Static linking: several BPF object files into one, as "bpftool gen
 * object" does (sections merged, globals and externs resolved, BTF merged
 * and deduplicated).
 */
struct bpf_linker_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
};
#define bpf_linker_opts__last_field sz

struct bpf_linker_file_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
};
#define bpf_linker_file_opts__last_field sz

struct bpf_linker;

/**
 * @brief A linker writing to filename (created or truncated now).
 * @param filename the output object file
 * @param opts NULL or size-checked options (none yet)
 * @return the linker, or NULL with errno set
 */
LIBBPF_API struct bpf_linker *bpf_linker__new(const char *filename, struct bpf_linker_opts *opts);
/**
 * @brief A linker writing to fd, which the caller keeps and closes.
 * @param fd a writable file descriptor
 * @param opts NULL or size-checked options (none yet)
 * @return the linker, or NULL with errno set
 */
LIBBPF_API struct bpf_linker *bpf_linker__new_fd(int fd, struct bpf_linker_opts *opts);
/**
 * @brief Merge the BPF object file filename into the output.
 * @param linker the linker
 * @param filename a BPF ELF relocatable object
 * @param opts NULL or size-checked options (none yet)
 * @return 0 or -errno (-EINVAL: not a BPF object, or a symbol conflict)
 */
LIBBPF_API int bpf_linker__add_file(struct bpf_linker *linker,
				    const char *filename,
				    const struct bpf_linker_file_opts *opts);
/**
 * @brief Merge the BPF object read from fd (from its start) into the output.
 * @param linker the linker
 * @param fd a readable file descriptor of a regular file, kept by the caller
 * @param opts NULL or size-checked options (none yet)
 * @return 0 or -errno
 */
LIBBPF_API int bpf_linker__add_fd(struct bpf_linker *linker, int fd,
				  const struct bpf_linker_file_opts *opts);
/**
 * @brief Merge the BPF object in memory (buf_sz bytes at buf, copied) into the output.
 * @param linker the linker
 * @param buf the object's bytes
 * @param buf_sz their number
 * @param opts NULL or size-checked options (none yet)
 * @return 0 or -errno
 */
LIBBPF_API int bpf_linker__add_buf(struct bpf_linker *linker, void *buf, size_t buf_sz,
				   const struct bpf_linker_file_opts *opts);
/**
 * @brief Deduplicate the merged BTF and write the output object.
 * @param linker the linker; nothing may be added afterwards
 * @return 0 or -errno
 */
LIBBPF_API int bpf_linker__finalize(struct bpf_linker *linker);
/**
 * @brief Free the linker (closing the output file it opened itself).
 * @param linker the linker, or NULL
 */
LIBBPF_API void bpf_linker__free(struct bpf_linker *linker);

#ifdef __cplusplus
}
#endif

#endif /* __BPFCORE_LIBBPF_H */
