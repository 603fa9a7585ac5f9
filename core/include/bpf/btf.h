/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BTF (BPF Type Format) API of the bpfcore library.
 *
 * Function names, argument orders and error conventions follow libbpf's
 * btf.h: pointer-returning functions return NULL and set errno on failure,
 * int-returning functions return a negative errno and also set errno.
 * Detailed reasons for a failure (which type, which offset) are reported
 * through the print callback set with libbpf_set_print().
 */
#ifndef __BPFCORE_BTF_H
#define __BPFCORE_BTF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/btf.h>
#include <linux/types.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define BTF_ELF_SEC ".BTF"
#define BTF_EXT_ELF_SEC ".BTF.ext"
#define MAPS_ELF_SEC ".maps"

struct btf;
struct btf_ext;
struct btf_type;

/**
 * @brief Free a BTF object and everything it owns. NULL is a no-op.
 * @param btf BTF object
 */
LIBBPF_API void btf__free(struct btf *btf);

/**
 * @brief Parse raw BTF from memory. The data is copied.
 * @param data raw BTF, starting with struct btf_header
 * @param size size of data in bytes
 * @return new BTF object, or NULL with errno set (EINVAL for malformed BTF)
 */
LIBBPF_API struct btf *btf__new(const void *data, __u32 size);

/**
 * @brief Parse raw split BTF from memory on top of base_btf.
 * @param data raw BTF whose type ids continue after base_btf's
 * @param size size of data in bytes
 * @param base_btf base BTF; must outlive the returned object
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__new_split(const void *data, __u32 size, struct btf *base_btf);

/**
 * @brief Create an empty BTF object (only the void type).
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__new_empty(void);

/**
 * @brief Parse BTF from a file: an ELF object's .BTF section, or raw BTF.
 * @param path file path
 * @param btf_ext if not NULL, receives .BTF.ext (NULL if not supported)
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__parse(const char *path, struct btf_ext **btf_ext);

/**
 * @brief As btf__parse(), with split BTF on top of base_btf.
 * @param path file path
 * @param base_btf base BTF, or NULL
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__parse_split(const char *path, struct btf *base_btf);

/**
 * @brief Parse BTF from the .BTF section of an ELF file.
 * @param path ELF file path
 * @param btf_ext if not NULL, receives .BTF.ext (NULL if not supported)
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__parse_elf(const char *path, struct btf_ext **btf_ext);

/**
 * @brief As btf__parse_elf(), with split BTF on top of base_btf.
 * @param path ELF file path
 * @param base_btf base BTF, or NULL
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__parse_elf_split(const char *path, struct btf *base_btf);

/**
 * @brief Parse a raw BTF file (such as /sys/kernel/btf/vmlinux), read in one go.
 * @param path file path
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__parse_raw(const char *path);

/**
 * @brief As btf__parse_raw(), with split BTF on top of base_btf.
 * @param path file path
 * @param base_btf base BTF, or NULL
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__parse_raw_split(const char *path, struct btf *base_btf);

/**
 * @brief **libbpf_find_kernel_btf()** loads the running kernel's BTF
 * (/sys/kernel/btf/vmlinux).
 * @return the BTF, to free with btf__free(); NULL with errno set on error
 */
LIBBPF_API struct btf *libbpf_find_kernel_btf(void);

/**
 * @brief Load the running kernel's BTF from /sys/kernel/btf/vmlinux.
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__load_vmlinux_btf(void);

/**
 * @brief Load a kernel module's BTF from /sys/kernel/btf/<module_name>.
 * @param module_name module name
 * @param vmlinux_btf base BTF of the kernel
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__load_module_btf(const char *module_name, struct btf *vmlinux_btf);

/**
 * @brief Fetch a BTF object loaded in the kernel by its id.
 * @param id kernel BTF object id
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__load_from_kernel_by_id(__u32 id);

/**
 * @brief As btf__load_from_kernel_by_id(), with split BTF on top of base_btf.
 * @param id kernel BTF object id
 * @param base_btf base BTF, or NULL
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__load_from_kernel_by_id_split(__u32 id, struct btf *base_btf);

/**
 * @brief Number of types, counting void (id 0) and the base BTF's types.
 * @param btf BTF object
 * @return the highest valid type id plus one
 */
LIBBPF_API __u32 btf__type_cnt(const struct btf *btf);

/**
 * @brief Base BTF of a split BTF object.
 * @param btf BTF object
 * @return base BTF, or NULL if btf is not split
 */
LIBBPF_API const struct btf *btf__base_btf(const struct btf *btf);

/**
 * @brief Look a type up by id in O(1).
 * @param btf BTF object
 * @param id type id (0 is void)
 * @return the type, or NULL with errno EINVAL if id is out of range
 */
LIBBPF_API const struct btf_type *btf__type_by_id(const struct btf *btf, __u32 id);

/**
 * @brief Pointer size of the BTF's target, guessed from its "long" types.
 * @param btf BTF object
 * @return 4 or 8, or 0 if it cannot be determined
 */
LIBBPF_API size_t btf__pointer_size(const struct btf *btf);

/**
 * @brief Override the pointer size of a BTF object.
 * @param btf BTF object
 * @param ptr_sz 4 or 8
 * @return 0, or -EINVAL
 */
LIBBPF_API int btf__set_pointer_size(struct btf *btf, size_t ptr_sz);

/**
 * @brief Size in bytes of a type, following modifiers, typedefs and arrays.
 * @param btf BTF object
 * @param type_id type id
 * @return size, or a negative errno (-EINVAL for sizeless types, -E2BIG on overflow)
 */
LIBBPF_API __s64 btf__resolve_size(const struct btf *btf, __u32 type_id);

/**
 * @brief Skip modifiers and typedefs (and variables) to the underlying type.
 * @param btf BTF object
 * @param type_id type id
 * @return resolved type id, or a negative errno
 */
LIBBPF_API int btf__resolve_type(const struct btf *btf, __u32 type_id);

/**
 * @brief Natural alignment of a type in bytes.
 * @param btf BTF object
 * @param id type id
 * @return alignment (1 for a packed struct), or 0 with errno set
 */
LIBBPF_API int btf__align_of(const struct btf *btf, __u32 id);

/**
 * @brief Find a type by name, of any kind; searches the base BTF too.
 * @param btf BTF object
 * @param type_name type name
 * @return type id, or -ENOENT
 */
LIBBPF_API __s32 btf__find_by_name(const struct btf *btf, const char *type_name);

/**
 * @brief Find a type by name and kind through a hash index (built on first use).
 * @param btf BTF object
 * @param type_name type name ("void" with BTF_KIND_UNKN finds id 0)
 * @param kind BTF_KIND_*
 * @return type id, or -ENOENT
 */
LIBBPF_API __s32 btf__find_by_name_kind(const struct btf *btf, const char *type_name,
					__u32 kind);

/**
 * @brief String at an offset of the string section (base BTF's first).
 * @param btf BTF object
 * @param offset string offset
 * @return the string, or NULL with errno EINVAL if offset is out of range
 */
LIBBPF_API const char *btf__str_by_offset(const struct btf *btf, __u32 offset);

/**
 * @brief Same as btf__str_by_offset().
 * @param btf BTF object
 * @param offset string offset
 * @return the string, or NULL with errno EINVAL if offset is out of range
 */
LIBBPF_API const char *btf__name_by_offset(const struct btf *btf, __u32 offset);

/**
 * @brief The raw BTF: the bytes it was parsed from, or once modified its
 * types and strings laid out anew after a 24-byte header.
 * @param btf BTF object
 * @param size receives the size in bytes
 * @return pointer to the data, owned by btf (valid until the next change),
 * or NULL with errno set
 */
LIBBPF_API const void *btf__raw_data(const struct btf *btf, __u32 *size);

/**
 * @brief File descriptor of the BTF loaded into the kernel, or -1.
 * @param btf BTF object
 * @return fd or -1
 */
LIBBPF_API int btf__fd(const struct btf *btf);

/**
 * @brief Record a kernel BTF fd for this object (not owned).
 * @param btf BTF object
 * @param fd file descriptor
 */
LIBBPF_API void btf__set_fd(struct btf *btf, int fd);

/*
 * BTF construction, as libbpf's btf__add_*(): the first change of a parsed
 * BTF copies its types and strings into growable buffers (pointers from
 * btf__type_by_id() and btf__raw_data() are invalid after any change).
 * Type ids given as references are only range-checked, so types may refer
 * to ids added later. Functions returning int give the new type id (or
 * string offset) >= 0, or a negative errno with errno set.
 */

/**
 * @brief Create an empty split BTF object on top of base_btf.
 * @param base_btf base BTF; must outlive the returned object
 * @return new BTF object, or NULL with errno set
 */
LIBBPF_API struct btf *btf__new_empty_split(struct btf *base_btf);

/**
 * @brief Serialized BTF (same as btf__raw_data(), older name).
 * @param btf BTF object
 * @param size receives the size in bytes
 * @return pointer to the data, owned by btf, or NULL with errno set
 */
LIBBPF_API const void *btf__get_raw_data(const struct btf *btf, __u32 *size);

/**
 * @brief Find a string in the string section (base BTF's first).
 * @param btf BTF object
 * @param s string
 * @return its offset, or -ENOENT
 */
LIBBPF_API int btf__find_str(struct btf *btf, const char *s);

/**
 * @brief Add a string, or find it if present (strings are deduplicated).
 * @param btf BTF object
 * @param s string
 * @return its offset, or a negative errno (-E2BIG when the section is full)
 */
LIBBPF_API int btf__add_str(struct btf *btf, const char *s);

/**
 * @brief Append a copy of another BTF's type; its strings are re-added, its
 * type ids are kept as they are.
 * @param btf destination BTF object
 * @param src_btf BTF of src_type
 * @param src_type type to copy
 * @return new type id, or a negative errno
 */
LIBBPF_API int btf__add_type(struct btf *btf, const struct btf *src_btf,
			     const struct btf_type *src_type);

/**
 * @brief Append all own types of another BTF, remapping their type ids to
 * follow the types of btf (references to void stay 0).
 * @param btf destination BTF object
 * @param src_btf source BTF, not split
 * @return id of the first appended type, or a negative errno (nothing is
 * appended on failure)
 */
LIBBPF_API int btf__add_btf(struct btf *btf, const struct btf *src_btf);

/**
 * @brief Add an INT type.
 * @param btf BTF object
 * @param name non-empty name
 * @param byte_sz 1, 2, 4, 8 or 16
 * @param encoding 0 or BTF_INT_SIGNED, BTF_INT_CHAR, BTF_INT_BOOL
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_int(struct btf *btf, const char *name, size_t byte_sz, int encoding);

/**
 * @brief Add a FLOAT type.
 * @param btf BTF object
 * @param name non-empty name
 * @param byte_sz 2, 4, 8, 12 or 16
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_float(struct btf *btf, const char *name, size_t byte_sz);

/**
 * @brief Add a PTR type.
 * @param btf BTF object
 * @param ref_type_id pointed-to type
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_ptr(struct btf *btf, int ref_type_id);

/**
 * @brief Add an ARRAY type.
 * @param btf BTF object
 * @param index_type_id index type
 * @param elem_type_id element type
 * @param nr_elems number of elements
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_array(struct btf *btf, int index_type_id, int elem_type_id,
			      __u32 nr_elems);

/**
 * @brief Add a STRUCT type; its fields follow with btf__add_field().
 * @param btf BTF object
 * @param name name, or NULL or "" for an anonymous struct
 * @param sz size in bytes
 * @return new type id, or a negative errno
 */
LIBBPF_API int btf__add_struct(struct btf *btf, const char *name, __u32 sz);

/**
 * @brief Add a UNION type; its fields follow with btf__add_field().
 * @param btf BTF object
 * @param name name, or NULL or "" for an anonymous union
 * @param sz size in bytes
 * @return new type id, or a negative errno
 */
LIBBPF_API int btf__add_union(struct btf *btf, const char *name, __u32 sz);

/**
 * @brief Add a field to the struct or union that is the last type added.
 * A bitfield (bit_size, or an offset that is not a whole byte) sets the
 * kind flag of the struct.
 * @param btf BTF object
 * @param name name, or NULL or "" for an anonymous field
 * @param field_type_id type of the field
 * @param bit_offset offset in bits (0 in a union)
 * @param bit_size bitfield size (at most 255), or 0
 * @return 0, or -EINVAL
 */
LIBBPF_API int btf__add_field(struct btf *btf, const char *name, int field_type_id,
			      __u32 bit_offset, __u32 bit_size);

/**
 * @brief Add an ENUM type; its values follow with btf__add_enum_value().
 * @param btf BTF object
 * @param name name, or NULL or "" for an anonymous enum
 * @param bytes_sz 1, 2, 4 or 8
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_enum(struct btf *btf, const char *name, __u32 bytes_sz);

/**
 * @brief Add a value to the ENUM that is the last type added; a negative
 * value makes the enum signed (kind flag).
 * @param btf BTF object
 * @param name non-empty name
 * @param value value, from INT_MIN to UINT_MAX
 * @return 0, -EINVAL, or -E2BIG if value does not fit 32 bits
 */
LIBBPF_API int btf__add_enum_value(struct btf *btf, const char *name, __s64 value);

/**
 * @brief Add an ENUM64 type; its values follow with btf__add_enum64_value().
 * @param btf BTF object
 * @param name name, or NULL or "" for an anonymous enum
 * @param bytes_sz 1, 2, 4 or 8
 * @param is_signed whether the values are signed (kind flag)
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_enum64(struct btf *btf, const char *name, __u32 bytes_sz,
			       bool is_signed);

/**
 * @brief Add a value to the ENUM64 that is the last type added.
 * @param btf BTF object
 * @param name non-empty name
 * @param value value
 * @return 0, or -EINVAL
 */
LIBBPF_API int btf__add_enum64_value(struct btf *btf, const char *name, __u64 value);

enum btf_fwd_kind {
	BTF_FWD_STRUCT = 0,
	BTF_FWD_UNION = 1,
	BTF_FWD_ENUM = 2,
};

/**
 * @brief Add a forward declaration (an ENUM of no value for BTF_FWD_ENUM).
 * @param btf BTF object
 * @param name non-empty name
 * @param fwd_kind BTF_FWD_STRUCT, BTF_FWD_UNION or BTF_FWD_ENUM
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_fwd(struct btf *btf, const char *name, enum btf_fwd_kind fwd_kind);

/**
 * @brief Add a TYPEDEF.
 * @param btf BTF object
 * @param name non-empty name
 * @param ref_type_id aliased type
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_typedef(struct btf *btf, const char *name, int ref_type_id);

/**
 * @brief Add a VOLATILE modifier.
 * @param btf BTF object
 * @param ref_type_id modified type
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_volatile(struct btf *btf, int ref_type_id);

/**
 * @brief Add a CONST modifier.
 * @param btf BTF object
 * @param ref_type_id modified type
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_const(struct btf *btf, int ref_type_id);

/**
 * @brief Add a RESTRICT modifier.
 * @param btf BTF object
 * @param ref_type_id modified type
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_restrict(struct btf *btf, int ref_type_id);

/**
 * @brief Add a TYPE_TAG.
 * @param btf BTF object
 * @param value non-empty tag
 * @param ref_type_id tagged type
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_type_tag(struct btf *btf, const char *value, int ref_type_id);

/**
 * @brief Add a FUNC.
 * @param btf BTF object
 * @param name non-empty name
 * @param linkage BTF_FUNC_STATIC, BTF_FUNC_GLOBAL or BTF_FUNC_EXTERN
 * @param proto_type_id its FUNC_PROTO
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_func(struct btf *btf, const char *name, enum btf_func_linkage linkage,
			     int proto_type_id);

/**
 * @brief Add a FUNC_PROTO; its parameters follow with btf__add_func_param().
 * @param btf BTF object
 * @param ret_type_id return type (0 for void)
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_func_proto(struct btf *btf, int ret_type_id);

/**
 * @brief Add a parameter to the FUNC_PROTO that is the last type added.
 * @param btf BTF object
 * @param name name, or NULL or ""
 * @param type_id parameter type (0 for a trailing "...")
 * @return 0, or -EINVAL
 */
LIBBPF_API int btf__add_func_param(struct btf *btf, const char *name, int type_id);

/**
 * @brief Add a VAR.
 * @param btf BTF object
 * @param name non-empty name
 * @param linkage BTF_VAR_STATIC, BTF_VAR_GLOBAL_ALLOCATED or BTF_VAR_GLOBAL_EXTERN
 * @param type_id type of the variable
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_var(struct btf *btf, const char *name, int linkage, int type_id);

/**
 * @brief Add a DATASEC; its variables follow with btf__add_datasec_var_info().
 * @param btf BTF object
 * @param name non-empty section name
 * @param byte_sz section size
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_datasec(struct btf *btf, const char *name, __u32 byte_sz);

/**
 * @brief Add a variable to the DATASEC that is the last type added.
 * @param btf BTF object
 * @param var_type_id the VAR
 * @param offset its offset in the section
 * @param byte_sz its size
 * @return 0, or -EINVAL
 */
LIBBPF_API int btf__add_datasec_var_info(struct btf *btf, int var_type_id, __u32 offset,
					 __u32 byte_sz);

/**
 * @brief Add a DECL_TAG.
 * @param btf BTF object
 * @param value non-empty tag
 * @param ref_type_id tagged type
 * @param component_idx member or parameter index, or -1 for the type itself
 * @return new type id, or -EINVAL
 */
LIBBPF_API int btf__add_decl_tag(struct btf *btf, const char *value, int ref_type_id,
				 int component_idx);

/* Type deduplication */

struct btf_dedup_opts {
	size_t sz;
	/* optional .BTF.ext info to dedup along the main BTF info */
	struct btf_ext *btf_ext;
	/* force hash collisions (used for testing) */
	bool force_collisions;
	size_t :0;
};
#define btf_dedup_opts__last_field force_collisions

/**
 * @brief Deduplicate the types and strings of btf in place, as libbpf's
 * btf__dedup() does: equal types (struct/union graphs compared across
 * compilation units, forward declarations resolved) collapse into one, and
 * type ids are renumbered. VAR and DATASEC are never merged. For split BTF
 * only the split types are deduplicated, those equal to base types mapped
 * onto them.
 * @param btf BTF object
 * @param opts NULL, or options: btf_ext whose type ids and strings follow
 * the renumbering, force_collisions for tests
 * @return 0, or a negative errno (also in errno); on failure btf still
 * describes the same types, possibly with its strings compacted
 */
LIBBPF_API int btf__dedup(struct btf *btf, const struct btf_dedup_opts *opts);

/* C header emitter (vmlinux.h) */

struct btf_dump;

struct btf_dump_opts {
	size_t sz;
};
#define btf_dump_opts__last_field sz

typedef void (*btf_dump_printf_fn_t)(void *ctx, const char *fmt, va_list args);

/**
 * @brief Create a C emitter for btf that writes through printf_fn.
 * @param btf BTF object; must outlive the emitter
 * @param printf_fn output callback
 * @param ctx passed to printf_fn
 * @param opts options, or NULL
 * @return new emitter, or NULL with errno set
 */
LIBBPF_API struct btf_dump *btf_dump__new(const struct btf *btf, btf_dump_printf_fn_t printf_fn,
					  void *ctx, const struct btf_dump_opts *opts);

/**
 * @brief Free an emitter. NULL is a no-op.
 * @param d emitter
 */
LIBBPF_API void btf_dump__free(struct btf_dump *d);

/**
 * @brief Emit the C definition of a type and of all it depends on that was not
 *        emitted before by this emitter.
 * @param d emitter
 * @param id type id
 * @return 0, or a negative errno (-EINVAL bad id, -ELOOP unsatisfiable type cycle)
 */
LIBBPF_API int btf_dump__dump_type(struct btf_dump *d, __u32 id);

struct btf_dump_emit_type_decl_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
	/* optional field name for type declaration, e.g.:
	 * - struct my_struct <FNAME>
	 * - void (*<FNAME>)(int)
	 * - char (*<FNAME>)[123]
	 */
	const char *field_name;
	/* extra indentation level (in number of tabs) to emit for multi-line
	 * type declarations (e.g., anonymous struct); applies for lines
	 * starting from the second one (first line is assumed to have
	 * necessary indentation already
	 */
	int indent_level;
	/* strip all the const/volatile/restrict mods */
	bool strip_mods;
	size_t :0;
};
#define btf_dump_emit_type_decl_opts__last_field strip_mods

/**
 * @brief Emit a C declaration of a type, optionally naming it (field_name).
 * @param d emitter
 * @param id type id
 * @param opts options, or NULL
 * @return 0, or a negative errno
 */
LIBBPF_API int btf_dump__emit_type_decl(struct btf_dump *d, __u32 id,
					const struct btf_dump_emit_type_decl_opts *opts);

/* Accessors for struct btf_type, as in libbpf. */

static inline __u16 btf_kind(const struct btf_type *t)
{
	return BTF_INFO_KIND(t->info);
}

static inline __u16 btf_vlen(const struct btf_type *t)
{
	return BTF_INFO_VLEN(t->info);
}

static inline bool btf_kflag(const struct btf_type *t)
{
	return BTF_INFO_KFLAG(t->info);
}

static inline bool btf_is_void(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_UNKN;
}

static inline bool btf_is_int(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_INT;
}

static inline bool btf_is_ptr(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_PTR;
}

static inline bool btf_is_array(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ARRAY;
}

static inline bool btf_is_struct(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_STRUCT;
}

static inline bool btf_is_union(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_UNION;
}

static inline bool btf_is_composite(const struct btf_type *t)
{
	__u16 kind = btf_kind(t);

	return kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION;
}

static inline bool btf_is_enum(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ENUM;
}

static inline bool btf_is_enum64(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ENUM64;
}

static inline bool btf_is_any_enum(const struct btf_type *t)
{
	return btf_is_enum(t) || btf_is_enum64(t);
}

static inline bool btf_is_fwd(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FWD;
}

static inline bool btf_is_typedef(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_TYPEDEF;
}

static inline bool btf_is_volatile(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_VOLATILE;
}

static inline bool btf_is_const(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_CONST;
}

static inline bool btf_is_restrict(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_RESTRICT;
}

static inline bool btf_is_mod(const struct btf_type *t)
{
	__u16 kind = btf_kind(t);

	return kind == BTF_KIND_VOLATILE || kind == BTF_KIND_CONST ||
	       kind == BTF_KIND_RESTRICT || kind == BTF_KIND_TYPE_TAG;
}

static inline bool btf_is_func(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FUNC;
}

static inline bool btf_is_func_proto(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FUNC_PROTO;
}

static inline bool btf_is_var(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_VAR;
}

static inline bool btf_is_datasec(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_DATASEC;
}

static inline bool btf_is_float(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FLOAT;
}

static inline bool btf_is_decl_tag(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_DECL_TAG;
}

static inline bool btf_is_type_tag(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_TYPE_TAG;
}

static inline __u8 btf_int_encoding(const struct btf_type *t)
{
	return BTF_INT_ENCODING(*(const __u32 *)(t + 1));
}

static inline __u8 btf_int_offset(const struct btf_type *t)
{
	return BTF_INT_OFFSET(*(const __u32 *)(t + 1));
}

static inline __u8 btf_int_bits(const struct btf_type *t)
{
	return BTF_INT_BITS(*(const __u32 *)(t + 1));
}

static inline struct btf_array *btf_array(const struct btf_type *t)
{
	return (struct btf_array *)(t + 1);
}

static inline struct btf_enum *btf_enum(const struct btf_type *t)
{
	return (struct btf_enum *)(t + 1);
}

static inline struct btf_enum64 *btf_enum64(const struct btf_type *t)
{
	return (struct btf_enum64 *)(t + 1);
}

static inline __u64 btf_enum64_value(const struct btf_enum64 *e)
{
	return ((__u64)e->val_hi32 << 32) | e->val_lo32;
}

static inline struct btf_member *btf_members(const struct btf_type *t)
{
	return (struct btf_member *)(t + 1);
}

/* Bit offset of member member_idx; the kind flag packs bitfield sizes in. */
static inline __u32 btf_member_bit_offset(const struct btf_type *t, __u32 member_idx)
{
	const struct btf_member *m = btf_members(t) + member_idx;

	return btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
}

static inline __u32 btf_member_bitfield_size(const struct btf_type *t, __u32 member_idx)
{
	const struct btf_member *m = btf_members(t) + member_idx;

	return btf_kflag(t) ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
}

static inline struct btf_param *btf_params(const struct btf_type *t)
{
	return (struct btf_param *)(t + 1);
}

static inline struct btf_var *btf_var(const struct btf_type *t)
{
	return (struct btf_var *)(t + 1);
}

static inline struct btf_var_secinfo *btf_var_secinfos(const struct btf_type *t)
{
	return (struct btf_var_secinfo *)(t + 1);
}

static inline struct btf_decl_tag *btf_decl_tag(const struct btf_type *t)
{
	return (struct btf_decl_tag *)(t + 1);
}

#ifdef __cplusplus
}
#endif

#endif /* __BPFCORE_BTF_H */
