// SPDX-License-Identifier: BSD-2-Clause
/*
 * Placeholder: the BTF value formatter lands with the map commands.
 */
#include <errno.h>

#include "typed_value.h"

int btf_typed_value_json(const struct btf *btf, __u32 type_id, const void *data, size_t size,
			 struct json_writer *jw)
{
	(void)btf;
	(void)type_id;
	(void)data;
	(void)size;
	(void)jw;
	return -EOPNOTSUPP;
}
