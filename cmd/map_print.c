// SPDX-License-Identifier: BSD-2-Clause
/*
 * Printing map entries (see map_print.h). Dumps of big maps spend their
 * time here: hex arrays are built from a table into one buffer and
 * written in one call, and BTF types are checked once per map rather
 * than once per entry.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "cmd.h"
#include "json_writer.h"
#include "map_info.h"
#include "map_print.h"
#include "output.h"
#include "report.h"
#include "typed_value.h"

#define HEX_JSON_ELEM	7	/* "0x0a", */
#define HEX_TEXT_LINE	16	/* bytes per line of text */

static const char hex_digits[] = "0123456789abcdef";

/* The JSON array of "0x.." strings of size bytes at buf; returns its end. */
static char *hex_json(char *s, const __u8 *data, size_t size)
{
	size_t i;

	*s++ = '[';
	for (i = 0; i < size; i++) {
		memcpy(s, "\"0x", 3);
		s[3] = hex_digits[data[i] >> 4];
		s[4] = hex_digits[data[i] & 0xf];
		s[5] = '"';
		s[6] = ',';
		s += HEX_JSON_ELEM;
	}
	if (size)
		s--;	/* the last comma */
	*s++ = ']';
	return s;
}

void map_hex_json(struct map_printer *p, const __u8 *data, size_t size)
{
	char *end = hex_json(p->hex, data, size);

	jsonw_printf(p->jw, "%.*s", (int)(end - p->hex), p->hex);
}

void map_hex_text(FILE *f, const __u8 *data, size_t size)
{
	char line[HEX_TEXT_LINE * 3 + 2];
	size_t i, n = 0;

	for (i = 0; i < size; i++) {
		if (i && !(i % HEX_TEXT_LINE)) {
			line[n++] = '\n';
			fwrite(line, 1, n, f);
			n = 0;
		} else if (i && !(i % 8)) {
			line[n++] = ' ';
			line[n++] = ' ';
		} else if (i) {
			line[n++] = ' ';
		}
		line[n++] = hex_digits[data[i] >> 4];
		line[n++] = hex_digits[data[i] & 0xf];
	}
	fwrite(line, 1, n, f);
}

/* A typed value, or null if the formatter refuses it after all. */
static void typed_json(struct map_printer *p, struct json_writer *w, __u32 type,
		       const __u8 *data, size_t size)
{
	if (btf_typed_value_json(p->btf, type, data, size, w))
		jsonw_null(w);
}

typedef void (*value_json_fn)(struct map_printer *p, struct json_writer *w, const __u8 *value);

/* Per-CPU value writers; w is p->jw for hex, which map_hex_json() writes to. */
static void hex_value_json(struct map_printer *p, struct json_writer *w, const __u8 *value)
{
	(void)w;
	map_hex_json(p, value, p->m->info.value_size);
}

static void typed_value_json(struct map_printer *p, struct json_writer *w, const __u8 *value)
{
	typed_json(p, w, p->value_type, value, p->m->info.value_size);
}

/* bpftool's "values": [{"cpu": N, "value": ...}], each value written by fn. */
static void per_cpu_values_json(struct map_printer *p, struct json_writer *w,
				const __u8 *value, value_json_fn fn)
{
	int i;

	jsonw_name(w, "values");
	jsonw_start_array(w);
	for (i = 0; i < p->ncpus; i++) {
		jsonw_start_object(w);
		jsonw_int_field(w, "cpu", p->cpu_ids[i]);
		jsonw_name(w, "value");
		fn(p, w, value + i * p->stride);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

/* bpftool's "formatted" object: key and value(s) by their BTF types; no value: the key. */
static void typed_entry(struct map_printer *p, struct json_writer *w, const __u8 *key,
			const __u8 *value)
{
	const struct bpf_map_info *info = &p->m->info;

	jsonw_start_object(w);
	if (p->key_type) {
		jsonw_name(w, "key");
		typed_json(p, w, p->key_type, key, info->key_size);
	}
	if (!value) {
		/* the key alone: a deleted entry */
	} else if (!map_is_per_cpu(info->type)) {
		jsonw_name(w, "value");
		typed_value_json(p, w, value);
	} else {
		per_cpu_values_json(p, w, value, typed_value_json);
	}
	jsonw_end_object(w);
}

/* The "formatted" object as text in p->tbuf: its length, or -errno. */
static long typed_text(struct map_printer *p, const __u8 *key, const __u8 *value)
{
	long end;

	if (fseek(p->tf, 0, SEEK_SET))
		return -errno;
	typed_entry(p, p->tjw, key, value);
	jsonw_close_all(p->tjw);	/* ends the object with a newline, not kept */
	if (fflush(p->tf))
		return -ENOMEM;
	end = ftell(p->tf);
	return end > 0 ? end - 1 : -EIO;
}

/* Room for the entry past its fixed part: extra bytes of typed text. */
static bool ent_room(struct map_printer *p, size_t fixed, size_t extra)
{
	char *ent;

	if (fixed + extra <= p->ent_size)
		return true;
	ent = realloc(p->ent, fixed + extra);
	if (!ent)
		return false;
	p->ent = ent;
	p->ent_size = fixed + extra;
	return true;
}

static char *put(char *s, const char *text)
{
	size_t len = strlen(text);

	memcpy(s, text, len);
	return s + len;
}

/* The fixed part of a compact entry, all but the typed text. */
static size_t compact_fixed_size(const struct map_printer *p)
{
	const struct bpf_map_info *info = &p->m->info;
	size_t value = (size_t)info->value_size * HEX_JSON_ELEM + 48;

	return 64 + (size_t)info->key_size * HEX_JSON_ELEM +
	       (map_is_per_cpu(info->type) ? value * p->ncpus : value);
}

static char *compact_values(struct map_printer *p, char *s, const __u8 *value)
{
	const struct bpf_map_info *info = &p->m->info;
	__u32 inner;
	int i;

	if (!map_is_per_cpu(info->type)) {
		s = put(s, ",\"value\":");
		s = hex_json(s, value, info->value_size);
		if (map_is_map_of_maps(info->type) && info->value_size >= sizeof(inner)) {
			memcpy(&inner, value, sizeof(inner));
			s += sprintf(s, ",\"inner_map_id\":%u", inner);
		}
		return s;
	}
	s = put(s, ",\"values\":[");
	for (i = 0; i < p->ncpus; i++) {
		s += sprintf(s, "%s{\"cpu\":%d,\"value\":", i ? "," : "", p->cpu_ids[i]);
		s = hex_json(s, value + i * p->stride, info->value_size);
		*s++ = '}';
	}
	*s++ = ']';
	return s;
}

/*
 * An entry of compact JSON, built whole in p->ent: its length, 0 if out of
 * memory. Without a value, the key alone, typed if its type is known.
 */
static size_t compact_build(struct map_printer *p, const __u8 *key, const __u8 *value)
{
	size_t fixed = compact_fixed_size(p);
	bool formatted = value ? p->value_type : p->key_type;
	long typed = 0;
	char *s;

	if (formatted)
		typed = typed_text(p, key, value);
	if (!ent_room(p, fixed, typed > 0 ? typed : 0))
		return 0;
	s = put(p->ent, "{\"key\":");
	s = hex_json(s, key, p->m->info.key_size);
	if (value)
		s = compact_values(p, s, value);
	if (formatted) {
		s = put(s, ",\"formatted\":");
		if (typed > 0) {
			memcpy(s, p->tbuf, typed);
			s += typed;
		} else {
			s = put(s, "null");
		}
	}
	*s++ = '}';
	return s - p->ent;
}

/* An entry of compact JSON, written in one call. */
static void entry_compact(struct map_printer *p, const __u8 *key, const __u8 *value)
{
	size_t len = compact_build(p, key, value);

	if (len)
		jsonw_printf(p->jw, "%.*s", (int)len, p->ent);
	else
		jsonw_null(p->jw);
}

const char *map_entry_json(struct map_printer *p, const __u8 *key, const __u8 *value,
			   size_t *len)
{
	*len = compact_build(p, key, value);
	return *len ? p->ent : NULL;
}

static void entry_json(struct map_printer *p, const __u8 *key, const __u8 *value)
{
	const struct bpf_map_info *info = &p->m->info;
	struct json_writer *w = p->jw;
	__u32 inner;

	jsonw_start_object(w);
	jsonw_name(w, "key");
	map_hex_json(p, key, info->key_size);
	if (!map_is_per_cpu(info->type)) {
		jsonw_name(w, "value");
		map_hex_json(p, value, info->value_size);
		if (map_is_map_of_maps(info->type) && info->value_size >= sizeof(inner)) {
			memcpy(&inner, value, sizeof(inner));
			jsonw_uint_field(w, "inner_map_id", inner);
		}
	} else {
		per_cpu_values_json(p, w, value, hex_value_json);
	}
	if (p->value_type) {
		jsonw_name(w, "formatted");
		typed_entry(p, w, key, value);
	}
	jsonw_end_object(w);
}

static void entry_text(struct map_printer *p, const __u8 *key, const __u8 *value)
{
	const struct bpf_map_info *info = &p->m->info;
	bool break_names = info->key_size > 16 || info->value_size > 16;
	bool one_line = info->key_size + info->value_size <= 24 && !break_names;
	FILE *f = p->f;
	__u32 inner;

	if (info->key_size) {
		fprintf(f, "key:%c", break_names ? '\n' : ' ');
		map_hex_text(f, key, info->key_size);
		fputs(one_line ? "  " : "\n", f);
	}
	if (info->value_size && map_is_map_of_maps(info->type) &&
	    info->value_size >= sizeof(inner)) {
		memcpy(&inner, value, sizeof(inner));
		fprintf(f, "inner_map_id:%c%u ", break_names ? '\n' : ' ', inner);
	} else if (info->value_size) {
		fprintf(f, "value:%c", break_names ? '\n' : ' ');
		map_hex_text(f, value, info->value_size);
	}
	fputc('\n', f);
}

static void entry_text_per_cpu(struct map_printer *p, const __u8 *key, const __u8 *value)
{
	const struct bpf_map_info *info = &p->m->info;
	FILE *f = p->f;
	int i;

	if (info->key_size) {
		fputs("key:\n", f);
		map_hex_text(f, key, info->key_size);
		fputc('\n', f);
	}
	for (i = 0; info->value_size && i < p->ncpus; i++) {
		fprintf(f, "value (CPU %02d):%c", p->cpu_ids[i], info->value_size > 16 ? '\n' : ' ');
		map_hex_text(f, value + i * p->stride, info->value_size);
		fputc('\n', f);
	}
}

void map_print_entry(struct map_printer *p, const __u8 *key, const __u8 *value)
{
	if (!p->jw) {
		if (map_is_per_cpu(p->m->info.type))
			entry_text_per_cpu(p, key, value);
		else
			entry_text(p, key, value);
	} else if (p->own_jw) {
		typed_entry(p, p->jw, key, value);
	} else if (p->compact) {
		entry_compact(p, key, value);
	} else {
		entry_json(p, key, value);
	}
}

void map_print_key(struct map_printer *p, const __u8 *key)
{
	const struct bpf_map_info *info = &p->m->info;

	if (p->own_jw && p->key_type) {
		jsonw_start_object(p->jw);
		jsonw_name(p->jw, "key");
		typed_json(p, p->jw, p->key_type, key, info->key_size);
		jsonw_close_all(p->jw);
		return;
	}
	fprintf(p->f, "key:%c", info->key_size > 16 ? '\n' : ' ');
	map_hex_text(p->f, key, info->key_size);
	fputc('\n', p->f);
}

void map_print_entry_error(struct map_printer *p, const __u8 *key, int err)
{
	const struct bpf_map_info *info = &p->m->info;
	const char *msg = err == -ENOENT ? "<no entry>" : strerror(-err);
	bool break_names = info->key_size > 16 || strlen(msg) > 16;

	if (p->jw) {
		jsonw_start_object(p->jw);
		jsonw_name(p->jw, "key");
		map_hex_json(p, key, info->key_size);
		jsonw_name(p->jw, "value");
		jsonw_start_object(p->jw);
		jsonw_string_field(p->jw, "error", strerror(-err));
		jsonw_end_object(p->jw);
		jsonw_end_object(p->jw);
		return;
	}
	fprintf(p->f, "key:%c", break_names ? '\n' : ' ');
	map_hex_text(p->f, key, info->key_size);
	fputs(!break_names && info->key_size + strlen(msg) <= 24 ? "  " : "\n", p->f);
	fprintf(p->f, "value:%c%s\n", break_names ? '\n' : ' ', msg);
}

/* Whether type formats values of size bytes: tried on zeros, written nowhere. */
static int type_formats(struct map_printer *p, FILE *sink, __u32 type, size_t size)
{
	struct json_writer *jw;
	void *zeros;
	int err;

	zeros = calloc(1, size + 1);
	jw = jsonw_new(sink);
	err = zeros && jw ? btf_typed_value_json(p->btf, type, zeros, size, jw) : -ENOMEM;
	jsonw_destroy(jw);
	free(zeros);
	return err;
}

/* The map's BTF, if its key and value format by their types. */
static void find_types(struct map_printer *p)
{
	const struct bpf_map_info *info = &p->m->info;
	__u32 value_type = info->btf_vmlinux_value_type_id ?: info->btf_value_type_id;
	__u32 key_type;
	FILE *sink;
	int err;

	if (!value_type)
		return;
	lib_flush();
	p->btf = info->btf_vmlinux_value_type_id ? btf__load_vmlinux_btf() :
		 btf__load_from_kernel_by_id(info->btf_id);
	if (!p->btf) {
		p_warn("%s: can't read its BTF (id %u), printing bytes: %s", p->m->desc,
		       info->btf_id, lib_reason(errno));
		return;
	}
	sink = fopen("/dev/null", "w");
	err = sink ? 0 : -errno;
	/* a key type id is one of the map's BTF, which is not vmlinux's */
	key_type = info->btf_vmlinux_value_type_id ? 0 : info->btf_key_type_id;
	if (!err && key_type)
		err = type_formats(p, sink, key_type, info->key_size);
	if (!err)
		err = type_formats(p, sink, value_type, info->value_size);
	if (sink)
		fclose(sink);
	if (err == -EOPNOTSUPP) {
		p_debug("%s: no BTF value formatter, printing bytes", p->m->desc);
	} else if (err) {
		p_warn("%s: its BTF types don't fit its keys or values, printing bytes: %s",
		       p->m->desc, lib_reason(err));
	} else {
		p->key_type = key_type;
		p->value_type = value_type;
		return;
	}
	btf__free(p->btf);
	p->btf = NULL;
}

static int compact_init(struct map_printer *p)
{
	p->compact = true;
	p->ent_size = compact_fixed_size(p);
	p->ent = malloc(p->ent_size);
	if (p->ent && p->value_type) {
		p->tf = open_memstream(&p->tbuf, &p->tbuf_size);
		p->tjw = p->tf ? jsonw_new(p->tf) : NULL;
	}
	if (!p->ent || (p->value_type && !p->tjw)) {
		p_err("%s: out of memory", p->m->desc);
		return -ENOMEM;
	}
	return 0;
}

/* What every printer needs: sizes, CPUs, the hex buffer, the BTF types. */
static int printer_setup(struct map_printer *p, const struct map_ref *m)
{
	size_t biggest = m->info.key_size > m->info.value_size ? m->info.key_size :
			 m->info.value_size;

	memset(p, 0, sizeof(*p));
	p->m = m;
	p->f = out_stream();
	p->jw = out_json();
	p->ncpus = 1;
	p->stride = map_percpu_stride(&m->info);
	if (map_is_per_cpu(m->info.type)) {
		p->ncpus = map_possible_cpus(&p->cpu_ids);
		if (p->ncpus < 0)
			return p->ncpus;
	}
	p->hex = malloc(biggest * HEX_JSON_ELEM + 2);
	if (!p->hex) {
		p_err("%s: out of memory", m->desc);
		return -ENOMEM;
	}
	find_types(p);
	return 0;
}

int map_printer_init(struct map_printer *p, const struct map_ref *m)
{
	int err = printer_setup(p, m);

	if (err)
		return err;
	if (p->jw && !cli.pretty)
		return compact_init(p);
	if (!p->jw && p->value_type) {
		p->jw = jsonw_new(p->f);
		if (!p->jw) {
			p_err("%s: out of memory", m->desc);
			return -ENOMEM;
		}
		p->own_jw = true;
		jsonw_pretty(p->jw, true);
	}
	return 0;
}

int map_printer_init_lines(struct map_printer *p, const struct map_ref *m)
{
	int err = printer_setup(p, m);

	p->jw = NULL;
	return err ?: compact_init(p);
}

void map_printer_free(struct map_printer *p)
{
	if (p->own_jw)
		jsonw_destroy(p->jw);
	p->jw = NULL;
	p->own_jw = false;
	btf__free(p->btf);
	p->btf = NULL;
	free(p->hex);
	p->hex = NULL;
	jsonw_destroy(p->tjw);
	p->tjw = NULL;
	if (p->tf)
		fclose(p->tf);
	p->tf = NULL;
	free(p->tbuf);
	p->tbuf = NULL;
	free(p->ent);
	p->ent = NULL;
}
