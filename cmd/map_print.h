/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Map entries as dump, lookup, peek and pop print them, in bpftool's
 * shapes:
 *   JSON   {"key": ["0x..", ...], "value": [...], "formatted": {"key": T, "value": T}}
 *          per-CPU maps: "values": [{"cpu": N, "value": [...]}, ...]
 *   text   with BTF, the "formatted" object alone, pretty-printed (valid
 *          JSON); without, "key: 0a 00 ..  value: ..." lines.
 * Nothing is allocated per entry.
 */
#ifndef __BPFCTL_MAP_PRINT_H
#define __BPFCTL_MAP_PRINT_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>

struct btf;
struct json_writer;
struct map_ref;

struct map_printer {
	const struct map_ref *m;
	FILE *f;
	/* JSON mode: the output's writer; typed text: a pretty one of our own */
	struct json_writer *jw;
	bool own_jw;
	struct btf *btf;	/* the map's BTF, when values print typed */
	__u32 key_type;		/* 0: the key prints without type */
	__u32 value_type;	/* 0: entries print without types */
	const int *cpu_ids;	/* per-CPU maps */
	int ncpus;
	size_t stride;		/* bytes between CPUs' copies of a value */
	char *hex;		/* room for the hex form of a key or one value */
	/*
	 * Compact JSON: each entry is built in ent and written in one call,
	 * its typed part first made by a writer (tjw) of its own on a memory
	 * stream (tf, over tbuf); all reused from entry to entry.
	 */
	bool compact;
	char *ent;
	size_t ent_size;
	FILE *tf;
	char *tbuf;
	size_t tbuf_size;
	struct json_writer *tjw;
};

/*
 * Prepare to print entries of map m: its BTF, when it has types for its
 * values that format, and the possible CPUs of per-CPU maps. Returns 0 or
 * -errno, reported; map_printer_free() either way.
 */
int map_printer_init(struct map_printer *p, const struct map_ref *m);

/*
 * The same for JSON lines, where the caller writes each entry's text
 * itself (map_entry_json()), whatever the output mode.
 */
int map_printer_init_lines(struct map_printer *p, const struct map_ref *m);

void map_printer_free(struct map_printer *p);

/* Text mode prints entries as typed JSON rather than hex lines. */
static inline bool map_printer_typed_text(const struct map_printer *p)
{
	return p->jw && p->own_jw;
}

/* One entry: key_size bytes of key, a value with every CPU's copy. */
void map_print_entry(struct map_printer *p, const __u8 *key, const __u8 *value);

/*
 * One entry as compact JSON, as "map dump -j" prints it: *len bytes at the
 * result, valid until the next call, or NULL if out of memory. value NULL:
 * the key alone ("key", and "formatted" with the typed key if it has a type).
 */
const char *map_entry_json(struct map_printer *p, const __u8 *key, const __u8 *value,
			   size_t *len);

/*
 * A key alone, for text mode: a "key: .." line, or with BTF a typed
 * {"key": ..} object and a newline.
 */
void map_print_key(struct map_printer *p, const __u8 *key);

/* An entry whose value could not be read (err: -errno), as bpftool shows it. */
void map_print_entry_error(struct map_printer *p, const __u8 *key, int err);

/* Bytes as bpftool's text prints them: "0a 00 ..", 16 a line, 8 per group. */
void map_hex_text(FILE *f, const __u8 *data, size_t size);

/* Bytes as a JSON array of "0x.." strings, into the writer. */
void map_hex_json(struct map_printer *p, const __u8 *data, size_t size);

#endif /* __BPFCTL_MAP_PRINT_H */
