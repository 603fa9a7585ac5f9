// SPDX-License-Identifier: BSD-2-Clause
/*
 * Record types for "map tail": which BTF to search, the named type, and
 * the one struct of a record's size, decided once per size.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "map_users.h"
#include "object.h"
#include "report.h"
#include "tail_type.h"

#define MAX_BTFS 16		/* program BTFs searched */
#define SIZE_CACHE 16		/* record sizes remembered */
#define NAMES_SHOWN 4		/* candidate names in the notice */

struct size_answer {
	size_t size;
	const struct btf *btf;
	__u32 type_id;
};

struct tail_types {
	struct btf *btfs[MAX_BTFS];
	int btf_cnt;
	char desc[160];
	bool padded;
	bool disabled;
	/* the named type, if one was given */
	const struct btf *named_btf;
	__u32 named_id;
	size_t named_size;
	const char *named;
	struct size_answer answers[SIZE_CACHE];
	int answer_cnt, answer_next;
};

void tail_types_free(struct tail_types *t)
{
	int i;

	if (!t)
		return;
	for (i = 0; i < t->btf_cnt; i++)
		btf__free(t->btfs[i]);
	free(t);
}

void tail_types_disable(struct tail_types *t)
{
	if (t)
		t->disabled = true;
}

struct prog_scan {
	struct tail_types *t;
	__u32 btf_ids[MAX_BTFS];
};

static bool btf_id_seen(const struct prog_scan *s, __u32 btf_id)
{
	int i;

	for (i = 0; i < s->t->btf_cnt; i++)
		if (s->btf_ids[i] == btf_id)
			return true;
	return false;
}

/* map_users_for_each() callback: keep the BTF of a program that uses the map. */
static int scan_prog(const struct map_user *u, void *ctx)
{
	struct prog_scan *s = ctx;
	struct tail_types *t = s->t;
	struct btf *btf;

	if (!u->btf_id || btf_id_seen(s, u->btf_id) || t->btf_cnt == MAX_BTFS)
		return 0;
	btf = btf__load_from_kernel_by_id(u->btf_id);
	if (!btf) {
		p_debug("skipping the BTF (id %u) of program id %u: %s", u->btf_id, u->prog_id,
			strerror(errno));
		return 0;
	}
	s->btf_ids[t->btf_cnt] = u->btf_id;
	t->btfs[t->btf_cnt++] = btf;
	return 0;
}

static int load_prog_btfs(struct tail_types *t, int map_fd)
{
	struct prog_scan scan = { .t = t };
	__u32 map_id = obj_fd_id(OBJ_MAP, map_fd);

	if (!map_id)
		return -EINVAL;
	return map_users_for_each(map_id, scan_prog, &scan);
}

static int load_btf_file(struct tail_types *t, const char *path)
{
	struct btf *btf;

	lib_flush();
	btf = btf__parse(path, NULL);
	if (!btf) {
		p_err("can't read BTF from '%s': %s", path, lib_reason(errno));
		return -errno ?: -EINVAL;
	}
	t->btfs[t->btf_cnt++] = btf;
	return 0;
}

/* A struct, union or typedef called name, in the first BTF that has one. */
static int find_named(struct tail_types *t, const char *name)
{
	static const int kinds[] = { BTF_KIND_STRUCT, BTF_KIND_UNION, BTF_KIND_TYPEDEF };
	__s64 size;
	size_t k;
	__s32 id;
	int i;

	for (i = 0; i < t->btf_cnt; i++) {
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			id = btf__find_by_name_kind(t->btfs[i], name, kinds[k]);
			if (id <= 0)
				continue;
			size = btf__resolve_size(t->btfs[i], id);
			if (size <= 0)
				continue;
			t->named_btf = t->btfs[i];
			t->named_id = id;
			t->named_size = size;
			t->named = name;
			return 0;
		}
	}
	p_err("type '%s' not found in %s", name, t->desc);
	return -ENOENT;
}

int tail_types_open(const struct tail_types_opts *opts, struct tail_types **types)
{
	struct tail_types *t = calloc(1, sizeof(*t));
	int err;

	*types = NULL;
	if (!t) {
		p_err("can't set up type decoding: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	t->padded = opts->padded;
	if (opts->btf_path) {
		snprintf(t->desc, sizeof(t->desc), "the BTF of '%s'", opts->btf_path);
		err = load_btf_file(t, opts->btf_path);
	} else {
		snprintf(t->desc, sizeof(t->desc), "the BTF of the programs using %s",
			 opts->map_desc);
		err = load_prog_btfs(t, opts->map_fd);
	}
	if (err)
		goto err_free;
	if (opts->type_name) {
		if (!t->btf_cnt) {
			p_err("no BTF to find type '%s' in: no program using %s has BTF; "
			      "name a file with 'btf FILE'", opts->type_name, opts->map_desc);
			err = -ENOENT;
			goto err_free;
		}
		err = find_named(t, opts->type_name);
		if (err)
			goto err_free;
	}
	if (!t->btf_cnt) {
		p_debug("no BTF for the records of %s: printing them as hex", opts->map_desc);
		tail_types_free(t);
		return 0;
	}
	*types = t;
	return 0;

err_free:
	tail_types_free(t);
	return err;
}

/* A type of type_size bytes fits a record of size bytes. */
static bool size_fits(const struct tail_types *t, size_t type_size, size_t size)
{
	if (!t->padded)
		return type_size == size;
	return type_size <= size && ((type_size + 4 + 7) & ~(size_t)7) - 4 == size;
}

struct candidates {
	int cnt;
	const struct btf *btf;
	__u32 id;
	const char *names[NAMES_SHOWN];
};

static bool name_listed(const struct candidates *c, const char *name)
{
	int i;

	for (i = 0; i < c->cnt && i < NAMES_SHOWN; i++)
		if (!strcmp(c->names[i], name))
			return true;
	return false;
}

/* Named structs of one BTF that fit size; the same name in two BTFs counts once. */
static void find_by_size(const struct tail_types *t, const struct btf *btf, size_t size,
			 struct candidates *c)
{
	__u32 id, n = btf__type_cnt(btf);
	const struct btf_type *bt;
	const char *name;

	for (id = 1; id < n; id++) {
		bt = btf__type_by_id(btf, id);
		if (!bt || !btf_is_struct(bt) || !size_fits(t, bt->size, size))
			continue;
		name = btf__name_by_offset(btf, bt->name_off);
		if (!name || !*name || name_listed(c, name))
			continue;
		if (c->cnt < NAMES_SHOWN)
			c->names[c->cnt] = name;
		if (!c->cnt++) {
			c->btf = btf;
			c->id = id;
		}
	}
}

static void notice_ambiguous(const struct tail_types *t, size_t size, const struct candidates *c)
{
	char list[256] = "";
	size_t len = 0;
	int i;

	for (i = 0; i < c->cnt && i < NAMES_SHOWN; i++)
		len += snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
				c->names[i]);
	p_info("records of %zu bytes: %d structs of that size in %s (%s%s); printing them "
	       "as hex, name one with 'type NAME'", size, c->cnt, t->desc, list,
	       c->cnt > NAMES_SHOWN ? ", ..." : "");
}

static struct size_answer answer(struct tail_types *t, size_t size)
{
	struct size_answer a = { .size = size };
	struct candidates c = { 0 };
	int i;

	if (t->named) {
		if (t->named_size <= size) {
			a.btf = t->named_btf;
			a.type_id = t->named_id;
		} else {
			p_info("records of %zu bytes are shorter than type '%s' (%zu bytes): "
			       "printing them as hex", size, t->named, t->named_size);
		}
		return a;
	}
	for (i = 0; i < t->btf_cnt; i++)
		find_by_size(t, t->btfs[i], size, &c);
	if (c.cnt == 1) {
		a.btf = c.btf;
		a.type_id = c.id;
	} else if (c.cnt > 1) {
		notice_ambiguous(t, size, &c);
	} else {
		p_debug("no struct of %zu bytes in %s: printing records as hex", size, t->desc);
	}
	return a;
}

__u32 tail_type_of(struct tail_types *t, size_t size, const struct btf **btf)
{
	struct size_answer *a;
	int i;

	if (!t || t->disabled)
		return 0;
	for (i = 0; i < t->answer_cnt; i++) {
		if (t->answers[i].size == size) {
			*btf = t->answers[i].btf;
			return t->answers[i].type_id;
		}
	}
	/* sizes beyond the cache replace the oldest; a notice may repeat then */
	a = &t->answers[t->answer_next];
	t->answer_next = (t->answer_next + 1) % SIZE_CACHE;
	if (t->answer_cnt < SIZE_CACHE)
		t->answer_cnt++;
	*a = answer(t, size);
	*btf = a->btf;
	return a->type_id;
}
