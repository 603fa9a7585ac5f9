/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The key and value words of the map element commands:
 *   key DATA  value VALUE  [any | exist | noexist]
 *   DATA  := [hex] BYTES
 *   VALUE := DATA | MAP | PROG  (maps of maps, program arrays)
 * BYTES are decimal, 0x-prefixed hexadecimal or 0-prefixed octal numbers
 * of one byte each, as bpftool reads them; after "hex", words of hex
 * digits, one byte per two digits ("0a", "0a000001"; a single digit is
 * a byte too).
 */
#ifndef __BPFCTL_MAP_DATA_H
#define __BPFCTL_MAP_DATA_H

#include <linux/types.h>

struct map_ref;

/* Parts of an element on the command line. */
enum {
	ELEM_KEY	= 1 << 0,
	ELEM_VALUE	= 1 << 1,
	ELEM_FLAGS	= 1 << 2,
};

struct map_elem {
	unsigned int allowed;	/* ELEM_* the command takes */
	unsigned int required;	/* ELEM_* it can't do without */
	unsigned int given;	/* ELEM_* found */
	__u8 *key;		/* key_size bytes */
	__u8 *value;		/* map_value_buf_size() bytes: all CPUs' copies */
	__u64 flags;		/* BPF_ANY, BPF_EXIST or BPF_NOEXIST */
	int value_fd;		/* the map or program in the value, or -1 */
};

/*
 * Allocate the buffers of e for map m (with the parts allowed and
 * required set by the caller) and parse the words of argv into them;
 * a per-CPU value given once goes to every CPU. Returns 0, or -errno after
 * reporting an error that names the map; map_elem_free() either way.
 */
int map_elem_parse(const struct map_ref *m, int argc, char **argv, struct map_elem *e);

void map_elem_free(struct map_elem *e);

#endif /* __BPFCTL_MAP_DATA_H */
