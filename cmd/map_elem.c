// SPDX-License-Identifier: BSD-2-Clause
/*
 * The map commands on single entries: lookup, update, delete, getnext,
 * and for queues and stacks peek, push (enqueue) and pop (dequeue).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "map_cmds.h"
#include "map_data.h"
#include "map_info.h"
#include "map_print.h"
#include "object.h"
#include "output.h"
#include "report.h"

#define KEY_TEXT_BYTES	32	/* of a key quoted in a message */

struct elem_cmd {
	const char *name;	/* "map lookup", for messages */
	unsigned int allowed, required;	/* ELEM_* */
};

/* The key as hex for messages: "09 00 00 00", shortened past 32 bytes. */
static const char *key_text(const struct map_ref *m, const __u8 *key, char *buf, size_t size)
{
	__u32 n = m->info.key_size < KEY_TEXT_BYTES ? m->info.key_size : KEY_TEXT_BYTES;
	size_t len = 0;
	__u32 i;

	buf[0] = '\0';
	for (i = 0; i < n && len + 4 < size; i++)
		len += snprintf(buf + len, size - len, "%s%02x", i ? " " : "", key[i]);
	if (n < m->info.key_size && len + 4 < size)
		snprintf(buf + len, size - len, " ..");
	return buf;
}

/* Open MAP at the head of argv and parse the element words after it. */
static int elem_open(const struct elem_cmd *c, int argc, char **argv, struct map_ref *m,
		     struct map_elem *e)
{
	int err;

	m->fd = -1;
	e->key = e->value = NULL;
	e->value_fd = -1;
	if (!argc) {
		p_err("missing MAP after '%s': %s", c->name, obj_selector_usage(OBJ_MAP));
		return -EINVAL;
	}
	err = map_ref_open(&argc, &argv, m);
	if (err)
		return err;
	e->allowed = c->allowed;
	e->required = c->required;
	return map_elem_parse(m, argc, argv, e);
}

static void elem_close(struct map_ref *m, struct map_elem *e)
{
	map_elem_free(e);
	if (m->fd >= 0)
		close(m->fd);
}

/* The key to pass: none for maps without keys (queues, stacks). */
static const void *key_arg(const struct map_ref *m, const struct map_elem *e)
{
	return m->info.key_size ? e->key : NULL;
}

static int print_one(const struct map_ref *m, const __u8 *key, const __u8 *value)
{
	struct map_printer p;
	int err = map_printer_init(&p, m);

	if (!err) {
		map_print_entry(&p, key, value);
		if (map_printer_typed_text(&p))
			jsonw_close_all(p.jw);
	}
	map_printer_free(&p);
	return err;
}

static int not_found(const struct map_ref *m, const __u8 *key)
{
	char text[KEY_TEXT_BYTES * 3 + 8];

	if (!m->info.key_size)
		p_err("%s is empty", m->desc);
	else
		p_err("%s: key %s not found", m->desc, key_text(m, key, text, sizeof(text)));
	return -ENOENT;
}

static int lookup(const struct elem_cmd *c, int argc, char **argv)
{
	struct map_elem e;
	struct map_ref m;
	int err;

	err = elem_open(c, argc, argv, &m, &e);
	if (!err) {
		err = bpf_map_lookup_elem(m.fd, key_arg(&m, &e), e.value);
		if (err == -ENOENT)
			err = not_found(&m, e.key);
		else if (err)
			p_err("%s: lookup failed: %s", m.desc, lib_reason(err));
	}
	if (!err)
		err = print_one(&m, e.key, e.value);
	elem_close(&m, &e);
	return err;
}

int do_map_lookup(int argc, char **argv)
{
	static const struct elem_cmd c = { "map lookup", ELEM_KEY, ELEM_KEY };

	return lookup(&c, argc, argv);
}

int do_map_peek(int argc, char **argv)
{
	static const struct elem_cmd c = { "map peek", 0, 0 };

	return lookup(&c, argc, argv);
}

static int update_failed(const struct map_ref *m, const struct map_elem *e, int err)
{
	char text[KEY_TEXT_BYTES * 3 + 8];
	struct map_fdinfo fi;

	switch (err) {
	case -E2BIG:
		if (map_is_array(m->info.type) || map_is_prog_array(m->info.type) ||
		    m->info.type == BPF_MAP_TYPE_ARRAY_OF_MAPS)
			p_err("%s: key %s is past the last index %u", m->desc,
			      key_text(m, e->key, text, sizeof(text)), m->info.max_entries - 1);
		else
			p_err("%s is full (max_entries %u)", m->desc, m->info.max_entries);
		return err;
	case -EEXIST:
		p_err("%s: key %s exists already (noexist given)", m->desc,
		      key_text(m, e->key, text, sizeof(text)));
		return err;
	case -ENOENT:
		if (e->flags == BPF_EXIST)
			return not_found(m, e->key);
		break;
	case -EPERM:
		map_fdinfo_read(m->fd, &fi);
		if (fi.frozen) {
			p_err("%s is frozen: user space can't change it", m->desc);
			return err;
		}
		break;
	}
	p_err("%s: update failed: %s", m->desc, lib_reason(err));
	return err;
}

static int update(const struct elem_cmd *c, int argc, char **argv)
{
	struct map_elem e;
	struct map_ref m;
	int err;

	err = elem_open(c, argc, argv, &m, &e);
	if (!err) {
		err = bpf_map_update_elem(m.fd, key_arg(&m, &e), e.value, e.flags);
		if (err)
			err = update_failed(&m, &e, err);
	}
	elem_close(&m, &e);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

int do_map_update(int argc, char **argv)
{
	static const struct elem_cmd c = { "map update", ELEM_KEY | ELEM_VALUE | ELEM_FLAGS,
					   ELEM_KEY | ELEM_VALUE };

	return update(&c, argc, argv);
}

int do_map_push(int argc, char **argv)
{
	static const struct elem_cmd c = { "map push", ELEM_VALUE | ELEM_FLAGS, ELEM_VALUE };

	return update(&c, argc, argv);
}

int do_map_delete(int argc, char **argv)
{
	static const struct elem_cmd c = { "map delete", ELEM_KEY, ELEM_KEY };
	struct map_elem e;
	struct map_ref m;
	int err;

	err = elem_open(&c, argc, argv, &m, &e);
	if (!err) {
		err = bpf_map_delete_elem(m.fd, e.key);
		if (err == -ENOENT)
			err = not_found(&m, e.key);
		else if (err)
			p_err("%s: delete failed: %s", m.desc, lib_reason(err));
	}
	elem_close(&m, &e);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

int do_map_pop(int argc, char **argv)
{
	static const struct elem_cmd c = { "map pop", 0, 0 };
	struct map_elem e;
	struct map_ref m;
	int err;

	err = elem_open(&c, argc, argv, &m, &e);
	if (!err) {
		err = bpf_map_lookup_and_delete_elem(m.fd, key_arg(&m, &e), e.value);
		if (err == -ENOENT)
			err = not_found(&m, e.key);
		else if (err)
			p_err("%s: pop failed: %s", m.desc, lib_reason(err));
	}
	if (!err)
		err = print_one(&m, e.key, e.value);
	elem_close(&m, &e);
	return err;
}

static int getnext_json(const struct map_ref *m, const __u8 *key, const __u8 *next)
{
	struct map_printer p = { .m = m, .jw = out_json() };

	p.hex = malloc((size_t)m->info.key_size * 7 + 2);
	if (!p.hex) {
		p_err("%s: out of memory", m->desc);
		return -ENOMEM;
	}
	jsonw_start_object(p.jw);
	jsonw_name(p.jw, "key");
	if (key)
		map_hex_json(&p, key, m->info.key_size);
	else
		jsonw_null(p.jw);
	jsonw_name(p.jw, "next_key");
	map_hex_json(&p, next, m->info.key_size);
	jsonw_end_object(p.jw);
	free(p.hex);
	return 0;
}

static int getnext_print(const struct map_ref *m, const __u8 *key, const __u8 *next)
{
	FILE *f = out_stream();

	if (out_json())
		return getnext_json(m, key, next);
	if (key) {
		fputs("key:\n", f);
		map_hex_text(f, key, m->info.key_size);
		fputc('\n', f);
	} else {
		fputs("key: None\n", f);
	}
	fputs("next key:\n", f);
	map_hex_text(f, next, m->info.key_size);
	fputc('\n', f);
	return 0;
}

int do_map_getnext(int argc, char **argv)
{
	static const struct elem_cmd c = { "map getnext", ELEM_KEY, 0 };
	char text[KEY_TEXT_BYTES * 3 + 8];
	struct map_elem e;
	struct map_ref m;
	__u8 *next = NULL;
	const __u8 *key;
	int err;

	err = elem_open(&c, argc, argv, &m, &e);
	if (err)
		goto out;
	key = e.given & ELEM_KEY ? e.key : NULL;
	next = malloc((size_t)m.info.key_size + 1);
	err = next ? bpf_map_get_next_key(m.fd, key, next) : -ENOMEM;
	if (err == -ENOENT && key)
		p_err("%s: no key after %s", m.desc, key_text(&m, key, text, sizeof(text)));
	else if (err == -ENOENT)
		p_err("%s is empty", m.desc);
	else if (err)
		p_err("%s: can't get the next key: %s", m.desc, lib_reason(err));
	else
		err = getnext_print(&m, key, next);
out:
	free(next);
	elem_close(&m, &e);
	return err;
}
