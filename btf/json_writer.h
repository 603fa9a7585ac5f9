/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Streaming JSON writer that always produces valid JSON: strings are escaped
 * (control characters as \u00XX, bytes that are not UTF-8 as \u00XX of their
 * value), commas and nesting are tracked, and pretty mode indents by 4.
 *
 * Internal to bpfctl and bpfcore (hidden symbols), shared by the BTF raw
 * dumper, the value formatter and every command's output.
 */
#ifndef __BPFCORE_JSON_WRITER_H
#define __BPFCORE_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct json_writer;

/* Create a writer on out (not owned). Returns NULL on ENOMEM. */
struct json_writer *jsonw_new(FILE *out);
/* Close any open object/array, flush and free. NULL is a no-op. */
void jsonw_destroy(struct json_writer *w);
void jsonw_pretty(struct json_writer *w, bool on);
/* Nesting depth: 0 when no object or array is open. */
unsigned int jsonw_depth(const struct json_writer *w);

void jsonw_start_object(struct json_writer *w);
void jsonw_end_object(struct json_writer *w);
void jsonw_start_array(struct json_writer *w);
void jsonw_end_array(struct json_writer *w);
/* Close everything that is open, then end the line (pretty) or not. */
void jsonw_close_all(struct json_writer *w);

/* Member name inside an object; the next value call is its value. */
void jsonw_name(struct json_writer *w, const char *name);

void jsonw_string(struct json_writer *w, const char *s);
/* String from len bytes that may hold NULs. */
void jsonw_string_len(struct json_writer *w, const char *s, size_t len);
void jsonw_uint(struct json_writer *w, uint64_t v);
void jsonw_int(struct json_writer *w, int64_t v);
void jsonw_bool(struct json_writer *w, bool v);
void jsonw_null(struct json_writer *w);
/* A number printed with printf; non-finite values become null. */
void jsonw_double(struct json_writer *w, double v);
/* A pre-formatted JSON value (caller guarantees validity). */
__attribute__((format(printf, 2, 3)))
void jsonw_printf(struct json_writer *w, const char *fmt, ...);

void jsonw_string_field(struct json_writer *w, const char *name, const char *v);
void jsonw_uint_field(struct json_writer *w, const char *name, uint64_t v);
void jsonw_int_field(struct json_writer *w, const char *name, int64_t v);
void jsonw_bool_field(struct json_writer *w, const char *name, bool v);
void jsonw_null_field(struct json_writer *w, const char *name);

#endif /* __BPFCORE_JSON_WRITER_H */
