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
#include "map_batch.h"
#include "map_cmds.h"
#include "map_info.h"
#include "map_print.h"
#include "object.h"
#include "output.h"
#include "report.h"

/* stdout (or -o FILE) buffer: big writes for big dumps */
static char out_buf[1 << 18];

struct dump {
	struct map_printer p;
	const struct map_ref *m;
	size_t value_size;	/* one value with all its CPUs' copies */
	unsigned long count;	/* entries printed */
};

/*
 * Dump in batches. Returns 0 when done, 1 when the kernel can't do
 * batches for this map (before anything was printed), or -errno, reported.
 */
static int dump_batches(struct dump *d)
{
	struct map_batch_opts o = { d->m->fd, d->m->info.key_size, d->value_size,
				    d->m->info.max_entries };
	const __u8 *keys, *values;
	struct map_batch *b;
	__u32 cnt, i;
	int err;

	err = map_batch_open(&o, &b);
	if (err < 0)
		p_err("%s: batch lookup failed: %s", d->m->desc, lib_reason(err));
	if (err)
		return err;
	do {
		err = map_batch_next(b, &keys, &values, &cnt);
		for (i = 0; i < cnt; i++)
			map_print_entry(&d->p, keys + (size_t)i * d->m->info.key_size,
					values + (size_t)i * d->value_size);
		d->count += cnt;
	} while (!err && cnt);
	if (err)
		p_err("%s: batch lookup failed after %lu entries: %s", d->m->desc, d->count,
		      lib_reason(err));
	map_batch_close(b);
	return err;
}

/* Why a map can't be walked key by key, for the types with a better command. */
static const char *walk_hint(__u32 type)
{
	switch (type) {
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		return ": it has no keys (use 'map peek' or 'map pop')";
	case BPF_MAP_TYPE_RINGBUF:
	case BPF_MAP_TYPE_USER_RINGBUF:
		return ": it has no keys (use 'map tail')";
	case BPF_MAP_TYPE_BLOOM_FILTER:
		return ": it has no keys";
	default:
		return "";
	}
}

static void dump_keys_failed(const struct dump *d, int err, bool first)
{
	const char *type = libbpf_bpf_map_type_str(d->m->info.type);
	const char *hint = walk_hint(d->m->info.type);

	if (first && (hint[0] || map_op_unsupported(err)))
		p_err("%s: a %s map can't be dumped%s", d->m->desc, type ? type : "such",
		      hint[0] ? hint : ": the kernel can't walk its keys");
	else
		p_err("%s: can't get the next key after %lu entries: %s", d->m->desc, d->count,
		      lib_reason(err));
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
			dump_keys_failed(d, err, first);
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
	if (walk_hint(m.info.type)[0]) {
		dump_keys_failed(&d, -EINVAL, true);
		err = -EINVAL;
		goto out;
	}
	dump_header(&m, several);
	if (d.p.jw)
		jsonw_start_array(d.p.jw);
	err = dump_entries(&d);
	/* on error, JSON stays open: the error goes in where the dump stopped */
	if (err)
		goto out;
	if (d.p.jw)
		jsonw_end_array(d.p.jw);
	else
		fprintf(out_stream(), "Found %lu element%s\n", d.count, d.count == 1 ? "" : "s");
	if (several && out_json())
		jsonw_end_object(out_json());
	if (map_printer_typed_text(&d.p))
		jsonw_close_all(d.p.jw);
	if (several && !last && !out_json())
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
