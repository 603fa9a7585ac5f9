// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl map dump MAP": every entry of a map, read in batches
 * (BPF_MAP_LOOKUP_BATCH) where the kernel supports them for the map's
 * type, else key by key, and printed as it is read: memory stays that of
 * one batch whatever the size of the map.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "map_cmds.h"
#include "map_info.h"
#include "map_print.h"
#include "object.h"
#include "output.h"
#include "report.h"

#define BATCH_BYTES	(1U << 20)	/* keys and values read at once */
#define BATCH_MIN	64
#define ENOTSUPP	524		/* the kernel's internal "not supported" */

/* stdout (or -o FILE) buffer: big writes for big dumps */
static char out_buf[1 << 18];

struct dump {
	struct map_printer p;
	const struct map_ref *m;
	size_t value_size;	/* one value with all its CPUs' copies */
	unsigned long count;	/* entries printed */
};

/* The kernel has no batch lookup for this map (type), nothing read yet. */
static bool batch_unsupported(int err)
{
	return err == -EINVAL || err == -ENOTSUPP || err == -EOPNOTSUPP;
}

static void print_batch(struct dump *d, const __u8 *keys, const __u8 *values, __u32 cnt)
{
	__u32 i;

	for (i = 0; i < cnt; i++)
		map_print_entry(&d->p, keys + (size_t)i * d->m->info.key_size,
				values + (size_t)i * d->value_size);
	d->count += cnt;
}

/*
 * Room for cnt entries and the batch positions. The kernel reads and
 * writes the position as a key of the map (arrays) or as a 32-bit bucket
 * number (hash maps).
 */
static int batch_alloc(struct dump *d, __u32 cnt, __u8 **keys, __u8 **values, __u8 **pos)
{
	size_t pos_size = d->m->info.key_size + sizeof(__u64);

	free(*keys);
	free(*values);
	*keys = malloc((size_t)cnt * d->m->info.key_size + 1);
	*values = malloc((size_t)cnt * d->value_size + 1);
	if (!*pos)
		*pos = calloc(2, pos_size);
	if (!*keys || !*values || !*pos) {
		p_err("%s: out of memory for a batch of %u entries", d->m->desc, cnt);
		return -ENOMEM;
	}
	return 0;
}

static __u32 batch_entries(const struct dump *d)
{
	size_t each = d->m->info.key_size + d->value_size;
	size_t cnt = BATCH_BYTES / (each ? each : 1);

	if (cnt < BATCH_MIN)
		cnt = BATCH_MIN;
	if (cnt > d->m->info.max_entries)
		cnt = d->m->info.max_entries;
	return cnt ? cnt : 1;
}

/*
 * Dump in batches. Returns 0 when done, 1 when the kernel can't do
 * batches for this map (before anything was printed), or -errno, reported.
 */
static int dump_batches(struct dump *d)
{
	size_t pos_size = d->m->info.key_size + sizeof(__u64);
	__u8 *keys = NULL, *values = NULL, *pos = NULL;
	__u32 cap = batch_entries(d), cnt;
	bool first = true;
	int err;

	err = batch_alloc(d, cap, &keys, &values, &pos);
	while (!err) {
		cnt = cap;
		err = bpf_map_lookup_batch(d->m->fd, first ? NULL : pos, pos + pos_size, keys,
					   values, &cnt, NULL);
		if (first && !d->count && batch_unsupported(err)) {
			err = 1;
			break;
		}
		if (err == -ENOSPC && cap < d->m->info.max_entries) {
			/* one hash bucket holds more than cap entries: retry it bigger */
			cap = cap > d->m->info.max_entries / 2 ? d->m->info.max_entries : cap * 2;
			err = batch_alloc(d, cap, &keys, &values, &pos);
			continue;
		}
		if (err && err != -ENOENT) {
			p_err("%s: batch lookup failed after %lu entries: %s", d->m->desc,
			      d->count, lib_reason(err));
			break;
		}
		print_batch(d, keys, values, cnt);
		if (err == -ENOENT) {
			err = 0;
			break;
		}
		memcpy(pos, pos + pos_size, pos_size);
		first = false;
	}
	free(keys);
	free(values);
	free(pos);
	return err;
}

/* Key by key: get-next-key, then a lookup of each. */
static int dump_keys(struct dump *d)
{
	const struct bpf_map_info *info = &d->m->info;
	__u8 *key, *next, *value, *tmp;
	bool first = true;
	int err;

	key = malloc(info->key_size + 1);
	next = malloc(info->key_size + 1);
	value = malloc(d->value_size + 1);
	err = key && next && value ? 0 : -ENOMEM;
	if (err)
		p_err("%s: out of memory", d->m->desc);
	while (!err) {
		err = bpf_map_get_next_key(d->m->fd, first ? NULL : key, next);
		if (err == -ENOENT) {
			err = 0;
			break;
		}
		if (err) {
			p_err("%s: can't get the next key after %lu entries: %s", d->m->desc,
			      d->count, lib_reason(err));
			break;
		}
		first = false;
		tmp = key, key = next, next = tmp;
		err = bpf_map_lookup_elem(d->m->fd, key, value);
		if (!err) {
			map_print_entry(&d->p, key, value);
			d->count++;
			continue;
		}
		/* empty slots of maps of maps and program arrays are no entries */
		if (err != -ENOENT || !(map_is_map_of_maps(info->type) ||
					map_is_prog_array(info->type)))
			map_print_entry_error(&d->p, key, err);
		err = 0;
	}
	free(key);
	free(next);
	free(value);
	return err;
}

static int dump_entries(struct dump *d)
{
	int err = 1;

	if (d->m->info.key_size && d->m->info.max_entries)
		err = dump_batches(d);
	if (err == 1) {
		p_debug("%s: no batch lookup for this map, reading key by key", d->m->desc);
		err = dump_keys(d);
	}
	return err;
}

static void dump_header(const struct map_ref *m, bool several)
{
	if (!several)
		return;
	if (out_json()) {
		jsonw_start_object(out_json());
		map_header_json(&m->info);
		jsonw_name(out_json(), "elements");
	} else {
		map_header_text(&m->info);
	}
}

static int dump_one(int fd, bool several, bool last)
{
	struct map_ref m;
	struct dump d = { .m = &m };
	int err;

	err = map_ref_init(fd, &m);
	if (err)
		return err;
	err = map_printer_init(&d.p, &m);
	if (err)
		goto out;
	d.value_size = map_value_buf_size(&m.info, d.p.ncpus);
	dump_header(&m, several);
	if (d.p.jw)
		jsonw_start_array(d.p.jw);
	err = dump_entries(&d);
	if (d.p.jw)
		jsonw_end_array(d.p.jw);
	else if (!err)
		fprintf(out_stream(), "Found %lu element%s\n", d.count, d.count == 1 ? "" : "s");
	if (several && out_json())
		jsonw_end_object(out_json());
	if (map_printer_typed_text(&d.p))
		jsonw_close_all(d.p.jw);
	if (!err && several && !last && !out_json())
		fputc('\n', out_stream());
out:
	map_printer_free(&d.p);
	return err;
}

int do_map_dump(int argc, char **argv)
{
	int *fds, cnt, i, err;

	if (!argc) {
		p_err("missing MAP after 'map dump': %s", obj_selector_usage(OBJ_MAP));
		return -EINVAL;
	}
	cnt = obj_select(OBJ_MAP, &argc, &argv, &fds);
	if (cnt < 0)
		return cnt;
	err = expect_no_more_args(argc, argv, "map dump MAP");
	if (!err)
		setvbuf(out_stream(), out_buf, _IOFBF, sizeof(out_buf));
	if (!err && out_json() && cnt > 1)
		jsonw_start_array(out_json());
	for (i = 0; !err && i < cnt; i++)
		err = dump_one(fds[i], cnt > 1, i == cnt - 1);
	if (!err && out_json() && cnt > 1)
		jsonw_end_array(out_json());
	obj_fds_close(fds, cnt);
	return err;
}
