/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Values in memory rendered as JSON through their BTF type: what map dump,
 * map lookup and map tail print as "formatted" (JSON) or as the typed form
 * (text, which is the same JSON, pretty-printed).
 */
#ifndef __BPFCORE_TYPED_VALUE_H
#define __BPFCORE_TYPED_VALUE_H

#include <stddef.h>
#include <linux/types.h>

struct btf;
struct json_writer;

/**
 * @brief Write the size bytes at data, of BTF type type_id, as one JSON value.
 *
 * Shapes follow bpftool's BTF dumper: structs and unions as objects keyed
 * by member name ("" for anonymous ones), arrays as arrays, char arrays
 * holding printable ASCII up to a NUL as strings, enums by enumerator name
 * (the number when none matches), bitfields, 128-bit integers and integers
 * of odd widths as "0x.." strings, pointers as numbers, bools as true/false,
 * floats as numbers (null when not finite), a VAR as {"<var>": value} and
 * a DATASEC as {"<section>": [{"<var>": value}, ...]}. Typedefs, modifiers
 * and type tags are transparent. Unlike bpftool the output is always valid
 * JSON.
 *
 * The types are checked before anything is written: every member, element
 * and variable must lie inside its parent and the parent inside size bytes
 * (more bytes than the type needs are ignored). The success path allocates
 * nothing. On failure the reason is logged as a warning (pr_warn).
 *
 * @param btf types
 * @param type_id type of the value
 * @param data the bytes, in host byte order
 * @param size how many there are; fewer than the type needs is an error
 * @param jw where to write
 * @return 0; -EINVAL when the type is not one a value can have (void,
 *         forward declaration, function), refers to missing types, or
 *         needs more bytes than there are; -E2BIG when types nest deeper
 *         than 128 levels or the value would print more than 2^20 + 8 per
 *         byte values. Nothing is written on error.
 */
int btf_typed_value_json(const struct btf *btf, __u32 type_id, const void *data, size_t size,
			 struct json_writer *jw);

#endif /* __BPFCORE_TYPED_VALUE_H */
