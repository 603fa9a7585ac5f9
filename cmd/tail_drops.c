// SPDX-License-Identifier: BSD-2-Clause
/*
 * The drop counter of "map tail": a global variable of the programs that
 * write into the ring, found by name in the DATASEC value type of their
 * global data maps and read with a lookup of key 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "map_users.h"
#include "report.h"
#include "tail_drops.h"

struct tail_drops {
	int map_fd;		/* the global data map that holds the variable */
	__u32 map_id;
	__u32 value_size;
	__u32 offset;		/* of the variable in the value */
	__u32 size;		/* of the variable: 1, 2, 4 or 8 bytes */
	char desc[128];		/* "'dropped' in map 'x.bss' (id 12)" */
	void *value;
};

void tail_drops_free(struct tail_drops *d)
{
	if (!d)
		return;
	if (d->map_fd >= 0)
		close(d->map_fd);
	free(d->value);
	free(d);
}

#define MAPS_REMEMBERED 64	/* maps already searched: programs share them */

/* The search: the variable's name, where it was found, the maps searched. */
struct drops_scan {
	const char *var;
	const char *ring_desc;
	__u32 ring_id;
	struct tail_drops *found;
	__u32 searched[MAPS_REMEMBERED];
	int searched_cnt;
};

/* Whether map_id was searched already; if not, it is now remembered. */
static bool map_searched(struct drops_scan *s, __u32 map_id)
{
	int i;

	if (map_id == s->ring_id || (s->found && s->found->map_id == map_id))
		return true;
	for (i = 0; i < s->searched_cnt; i++)
		if (s->searched[i] == map_id)
			return true;
	if (s->searched_cnt < MAPS_REMEMBERED)
		s->searched[s->searched_cnt++] = map_id;
	return false;
}

/* An integer of 1, 2, 4 or 8 bytes behind type_id; else why not in *why. */
static bool counter_type(const struct btf *btf, __u32 type_id, __u32 *size, const char **why)
{
	int id = btf__resolve_type(btf, type_id);
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, id) : NULL;

	if (!t || !(btf_is_int(t) || btf_is_any_enum(t))) {
		*why = "it is not an integer";
		return false;
	}
	if (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8) {
		*why = "integers of 1, 2, 4 or 8 bytes only";
		return false;
	}
	*size = t->size;
	return true;
}

/* Where var is in the DATASEC value type of a map: its secinfo, or NULL. */
static const struct btf_var_secinfo *find_var(const struct btf *btf, __u32 value_type_id,
					      const char *var)
{
	const struct btf_type *sec = btf__type_by_id(btf, value_type_id);
	const struct btf_var_secinfo *vs;
	const struct btf_type *v;
	int i;

	if (!sec || !btf_is_datasec(sec))
		return NULL;
	vs = btf_var_secinfos(sec);
	for (i = 0; i < btf_vlen(sec); i++, vs++) {
		v = btf__type_by_id(btf, vs->type);
		if (v && btf_is_var(v) && !strcmp(btf__name_by_offset(btf, v->name_off), var))
			return vs;
	}
	return NULL;
}

static int found_here(struct drops_scan *s, int map_fd, const struct bpf_map_info *info,
		      const struct btf_var_secinfo *vs, const struct btf *btf)
{
	const struct btf_type *v = btf__type_by_id(btf, vs->type);
	const char *why = "its size doesn't match its place";
	struct tail_drops *d;
	__u32 size = 0;

	if (s->found) {
		p_err("more than one global variable '%s' in the programs using %s (in map ids "
		      "%u and %u)", s->var, s->ring_desc, s->found->map_id, info->id);
		return -EINVAL;
	}
	if (!counter_type(btf, v->type, &size, &why) || vs->size != size ||
	    vs->offset + size > info->value_size) {
		p_err("global variable '%s' in map '%s' (id %u) can't count drops: %s", s->var,
		      info->name, info->id, why);
		return -EINVAL;
	}
	d = calloc(1, sizeof(*d));
	if (d)
		d->value = malloc(info->value_size);
	if (!d || !d->value) {
		free(d);
		p_err("can't read '%s': %s", s->var, strerror(ENOMEM));
		return -ENOMEM;
	}
	d->map_fd = dup(map_fd);
	d->map_id = info->id;
	d->value_size = info->value_size;
	d->offset = vs->offset;
	d->size = size;
	snprintf(d->desc, sizeof(d->desc), "'%s' in map '%s' (id %u)", s->var, info->name,
		 info->id);
	s->found = d;
	if (d->map_fd < 0) {
		p_err("can't read %s: %s", d->desc, strerror(errno));
		return -errno;
	}
	return 0;
}

/* Look for the variable in the map with id map_id, if it is a global data map. */
static int scan_map(struct drops_scan *s, __u32 map_id)
{
	const struct btf_var_secinfo *vs;
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	struct btf *btf = NULL;
	int fd, err = 0;

	if (map_searched(s, map_id))
		return 0;
	fd = bpf_map_get_fd_by_id(map_id);
	if (fd < 0)
		return 0;
	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(fd, &info, &len) || info.type != BPF_MAP_TYPE_ARRAY ||
	    info.max_entries != 1 || !info.btf_id || !info.btf_value_type_id)
		goto out;
	btf = btf__load_from_kernel_by_id(info.btf_id);
	vs = btf ? find_var(btf, info.btf_value_type_id, s->var) : NULL;
	if (vs)
		err = found_here(s, fd, &info, vs, btf);
out:
	btf__free(btf);
	close(fd);
	return err;
}

/* map_users_for_each() callback: search the maps of a program that uses the ring. */
static int scan_user(const struct map_user *u, void *ctx)
{
	__u32 i;
	int err;

	for (i = 0; i < u->map_cnt; i++) {
		err = scan_map(ctx, u->map_ids[i]);
		if (err)
			return err;
	}
	return 0;
}

int tail_drops_open(__u32 ring_id, const char *ring_desc, const char *var,
		    struct tail_drops **drops)
{
	struct drops_scan s = { .var = var, .ring_desc = ring_desc, .ring_id = ring_id };
	int err;

	*drops = NULL;
	err = map_users_for_each(ring_id, scan_user, &s);
	if (err) {
		tail_drops_free(s.found);
		return err;
	}
	if (!s.found) {
		p_err("no global variable '%s' in the programs using %s (drops VAR names a "
		      "counter of failed bpf_ringbuf_reserve() or bpf_ringbuf_output() calls)", var,
		      ring_desc);
		return -ENOENT;
	}
	*drops = s.found;
	return 0;
}

int tail_drops_read(const struct tail_drops *d, __u64 *count)
{
	const unsigned char *p;
	__u32 key = 0;

	if (bpf_map_lookup_elem(d->map_fd, &key, d->value)) {
		p_err("can't read %s: %s", d->desc, strerror(errno));
		return -errno;
	}
	p = (const unsigned char *)d->value + d->offset;
	switch (d->size) {
	case 1:
		*count = *p;
		break;
	case 2:
		*count = *(const __u16 *)p;
		break;
	case 4:
		*count = *(const __u32 *)p;
		break;
	default:
		*count = *(const __u64 *)p;
	}
	return 0;
}
