// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl map show|list [MAP]": the loaded maps in bpftool's text layout
 * and JSON fields, with their pinned paths under -f.
 */
#include <stdio.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "map_cmds.h"
#include "map_info.h"
#include "obj_pids.h"
#include "obj_show.h"
#include "object.h"
#include "offload_dev.h"
#include "output.h"
#include "pinned.h"
#include "report.h"

struct show_ctx {
	struct show_tables t;
};

void map_header_text(const struct bpf_map_info *info)
{
	const char *type = libbpf_bpf_map_type_str(info->type);
	FILE *f = out_stream();

	fprintf(f, "%u: ", info->id);
	if (type)
		fprintf(f, "%s  ", type);
	else
		fprintf(f, "type %u  ", info->type);
	if (info->name[0])
		fprintf(f, "name %s  ", info->name);
	fprintf(f, "flags 0x%x", info->map_flags);
	offload_dev_text(f, info->ifindex, info->netns_dev, info->netns_ino);
	fputc('\n', f);
}

void map_header_json(const struct bpf_map_info *info)
{
	const char *type = libbpf_bpf_map_type_str(info->type);
	struct json_writer *w = out_json();

	jsonw_uint_field(w, "id", info->id);
	if (type)
		jsonw_string_field(w, "type", type);
	else
		jsonw_uint_field(w, "type", info->type);
	if (info->name[0])
		jsonw_string_field(w, "name", info->name);
	jsonw_uint_field(w, "flags", info->map_flags);
}

static void owner_text(const struct map_fdinfo *fi)
{
	const char *type;
	FILE *f = out_stream();

	if (fi->owner_prog_type < 0 && fi->owner_jited < 0)
		return;
	fputs("\n\t", f);
	if (fi->owner_prog_type >= 0) {
		type = libbpf_bpf_prog_type_str(fi->owner_prog_type);
		if (type)
			fprintf(f, "owner_prog_type %s  ", type);
		else
			fprintf(f, "owner_prog_type %lld  ", fi->owner_prog_type);
	}
	if (fi->owner_jited >= 0)
		fprintf(f, "owner%s jited", fi->owner_jited ? "" : " not");
}

static void show_text(const struct map_ref *m, const struct show_ctx *c)
{
	const struct bpf_map_info *info = &m->info;
	struct map_fdinfo fi;
	FILE *f = out_stream();

	map_fdinfo_read(m->fd, &fi);
	map_header_text(info);
	fprintf(f, "\tkey %uB  value %uB  max_entries %u", info->key_size, info->value_size,
		info->max_entries);
	if (fi.memlock >= 0)
		fprintf(f, "  memlock %lldB", fi.memlock);
	if (map_is_prog_array(info->type))
		owner_text(&fi);
	pin_table_text(c->t.pins, info->id, f);
	if (info->btf_id || fi.frozen)
		fputs("\n\t", f);
	if (info->btf_id)
		fprintf(f, "btf_id %u", info->btf_id);
	if (fi.frozen)
		fprintf(f, "%sfrozen", info->btf_id ? "  " : "");
	pid_table_text(c->t.pids, OBJ_MAP, info->id, f);
	fputc('\n', f);
}

static void owner_json(const struct map_fdinfo *fi)
{
	struct json_writer *w = out_json();
	const char *type;

	if (fi->owner_prog_type >= 0) {
		type = libbpf_bpf_prog_type_str(fi->owner_prog_type);
		if (type)
			jsonw_string_field(w, "owner_prog_type", type);
		else
			jsonw_uint_field(w, "owner_prog_type", fi->owner_prog_type);
	}
	if (fi->owner_jited >= 0)
		jsonw_bool_field(w, "owner_jited", fi->owner_jited);
}

static void show_json(const struct map_ref *m, const struct show_ctx *c)
{
	const struct bpf_map_info *info = &m->info;
	struct json_writer *w = out_json();
	struct map_fdinfo fi;

	map_fdinfo_read(m->fd, &fi);
	jsonw_start_object(w);
	map_header_json(info);
	offload_dev_json(w, info->ifindex, info->netns_dev, info->netns_ino);
	jsonw_uint_field(w, "bytes_key", info->key_size);
	jsonw_uint_field(w, "bytes_value", info->value_size);
	jsonw_uint_field(w, "max_entries", info->max_entries);
	if (fi.memlock >= 0)
		jsonw_int_field(w, "bytes_memlock", fi.memlock);
	if (map_is_prog_array(info->type))
		owner_json(&fi);
	jsonw_int_field(w, "frozen", fi.frozen);
	if (info->btf_id)
		jsonw_uint_field(w, "btf_id", info->btf_id);
	pin_table_json(c->t.pins, info->id, w);
	pid_table_json(c->t.pids, OBJ_MAP, info->id, w);
	jsonw_end_object(w);
}

static int show_one(int fd, __u32 id, void *ctx)
{
	struct map_ref m;
	int err;

	(void)id;
	err = map_ref_init(fd, &m);
	if (err)
		return err;
	if (out_json())
		show_json(&m, ctx);
	else
		show_text(&m, ctx);
	return 0;
}

int do_map_show(int argc, char **argv)
{
	struct show_ctx c = { 0 };

	return obj_show(OBJ_MAP, "map", argc, argv, show_one, &c, &c.t);
}
