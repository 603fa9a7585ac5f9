/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Object-level API of the bpfcore library, named as in libbpf's libbpf.h.
 */
#ifndef __BPFCORE_LIBBPF_H
#define __BPFCORE_LIBBPF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
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
	bool relaxed_maps;
	const char *pin_root_path;	/* for LIBBPF_PIN_BY_NAME maps; default /sys/fs/bpf */
	__u32 :32;
	const char *kconfig;		/* extra "CONFIG_X=y" lines, overriding the kernel's */
	const char *btf_custom_path;	/* kernel BTF file for CO-RE and __ksym */
	char *kernel_log_buf;		/* not used: logs go through libbpf_print */
	size_t kernel_log_size;
	__u32 kernel_log_level;		/* non-zero: every program's verifier log */
	const char *bpf_token_path;	/* not supported, must be NULL */
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
 * @brief Create the maps, relocate and load every program marked autoload.
 * Nothing stays loaded or pinned when it fails.
 * @param obj opened object
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
/** @brief Instructions (relocated after load). @param prog program @return instructions */
LIBBPF_API const struct bpf_insn *bpf_program__insns(const struct bpf_program *prog);
/** @brief Number of instructions. @param prog program @return count */
LIBBPF_API size_t bpf_program__insn_cnt(const struct bpf_program *prog);
/** @brief Offload to a device. @param prog program @param ifindex device @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_ifindex(struct bpf_program *prog, __u32 ifindex);
/** @brief Pin the loaded program. @param prog program @param path bpffs path @return 0 or -errno */
LIBBPF_API int bpf_program__pin(struct bpf_program *prog, const char *path);
/** @brief Remove a pin. @param prog program @param path bpffs path @return 0 or -errno */
LIBBPF_API int bpf_program__unpin(struct bpf_program *prog, const char *path);
/** @brief Caller's verifier log buffer. @param prog program @param log_size receives its size @return buffer or NULL */
LIBBPF_API const char *bpf_program__log_buf(const struct bpf_program *prog, size_t *log_size);
/** @brief Give a buffer for the verifier log. @param prog program @param log_buf buffer @param log_size size @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_log_buf(struct bpf_program *prog, char *log_buf, size_t log_size);
/** @brief Verifier log level. @param prog program @return level */
LIBBPF_API __u32 bpf_program__log_level(const struct bpf_program *prog);
/** @brief Set the verifier log level (1, 2, 4 bits). @param prog program @param log_level level @return 0 or -EBUSY */
LIBBPF_API int bpf_program__set_log_level(struct bpf_program *prog, __u32 log_level);

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
/** @brief map_extra (bloom filter hashes, ...). @param map map @return value */
LIBBPF_API __u64 bpf_map__map_extra(const struct bpf_map *map);
/** @brief BTF id of the key type. @param map map @return id or 0 */
LIBBPF_API __u32 bpf_map__btf_key_type_id(const struct bpf_map *map);
/** @brief BTF id of the value type. @param map map @return id or 0 */
LIBBPF_API __u32 bpf_map__btf_value_type_id(const struct bpf_map *map);
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
	struct bpf_link **link;	/* struct_ops maps: not used by this library */
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
