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
 * by member name, arrays as arrays, char arrays as strings, enums by
 * enumerator name, bitfields as "0x.." strings, pointers as numbers, a
 * DATASEC as {"<section>": [{"<var>": value}, ...]}.
 *
 * @param btf types
 * @param type_id type of the value
 * @param data the bytes
 * @param size how many there are; fewer than the type needs is an error
 * @param jw where to write
 * @return 0, or -EINVAL (bad type, too short) / -E2BIG (nested too deep)
 *         with nothing written
 */
int btf_typed_value_json(const struct btf *btf, __u32 type_id, const void *data, size_t size,
			 struct json_writer *jw);

#endif /* __BPFCORE_TYPED_VALUE_H */
