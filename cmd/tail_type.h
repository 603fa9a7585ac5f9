/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The types of the records "map tail" prints: a struct named with "type",
 * or the one struct of the record's size, looked up in "btf FILE" or in
 * the BTF of the programs that use the map.
 */
#ifndef __BPFCTL_TAIL_TYPE_H
#define __BPFCTL_TAIL_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct btf;
struct tail_types;

struct tail_types_opts {
	int map_fd;
	const char *map_desc;	/* "map 'events' (id 12)", for messages */
	const char *btf_path;	/* "btf FILE", or NULL: the programs' BTF */
	const char *type_name;	/* "type NAME", or NULL: found by size */
	/*
	 * Perf samples carry their data padded so that size + 4 is a
	 * multiple of 8: a record of size bytes may hold a type up to 7
	 * bytes smaller.
	 */
	bool padded;
};

/*
 * Find the BTF to search (and the named type). Returns 0 with *types set
 * (NULL when there is nothing to search: records print as hex), or a
 * negative errno after reporting the error.
 */
int tail_types_open(const struct tail_types_opts *opts, struct tail_types **types);

void tail_types_free(struct tail_types *types);

/*
 * The type of a record of size bytes: its id (0: print as hex) and, in
 * *btf, the BTF it is in. The answer for a size is looked up once; a
 * notice says why records of that size print as hex when a type was
 * expected.
 */
__u32 tail_type_of(struct tail_types *types, size_t size, const struct btf **btf);

/* Stop decoding types: the formatter can't (notice given by the caller). */
void tail_types_disable(struct tail_types *types);

#endif /* __BPFCTL_TAIL_TYPE_H */
