// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog show": the loaded programs in bpftool's text layout and
 * JSON fields, with their pinned paths under -f.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "obj_pids.h"
#include "obj_show.h"
#include "object.h"
#include "offload_dev.h"
#include "output.h"
#include "pinned.h"
#include "prog_show.h"
#include "report.h"

#define NS_PER_SEC	1000000000ULL
#define PROG_NAME_MAX	128	/* full names come from BTF */
#define TIME_TEXT_MAX	64

struct show_ctx {
	struct show_tables t;
};

static void tag_hex(const struct bpf_prog_info *info, char *buf)
{
	int i;

	for (i = 0; i < BPF_TAG_SIZE; i++)
		sprintf(buf + 2 * i, "%02x", info->tag[i]);
}

/* Wall-clock seconds of a load time given in ns since boot. */
static long long load_wallclock(__u64 load_ns)
{
	struct timespec real, boot;

	if (clock_gettime(CLOCK_REALTIME, &real) || clock_gettime(CLOCK_BOOTTIME, &boot))
		return (long long)(load_ns / NS_PER_SEC);
	return (long long)(real.tv_sec - boot.tv_sec) +
	       ((long long)real.tv_nsec - boot.tv_nsec + (long long)load_ns) /
	       (long long)NS_PER_SEC;
}

/* "2026-11-22T18:34:16+0000", in local time. */
static void load_time_text(__u64 load_ns, char *buf, size_t size)
{
	time_t secs = (time_t)load_wallclock(load_ns);
	struct tm tm;

	if (!localtime_r(&secs, &tm) || !strftime(buf, size, "%FT%T%z", &tm))
		snprintf(buf, size, "%llu", (unsigned long long)(load_ns / NS_PER_SEC));
}

void prog_header_text(int fd, const struct prog_info *pi)
{
	const struct bpf_prog_info *info = &pi->info;
	const char *type = libbpf_bpf_prog_type_str(info->type);
	char name[PROG_NAME_MAX], tag[2 * BPF_TAG_SIZE + 1];
	FILE *f = out_stream();

	fprintf(f, "%u: ", info->id);
	if (type)
		fprintf(f, "%s  ", type);
	else
		fprintf(f, "type %u  ", info->type);
	if (info->name[0])
		fprintf(f, "name %s  ", prog_full_name(fd, info, name, sizeof(name)));
	tag_hex(info, tag);
	fprintf(f, "tag %s", tag);
	offload_dev_text(f, info->ifindex, info->netns_dev, info->netns_ino);
	if (info->gpl_compatible)
		fputs("  gpl", f);
	if (info->run_time_ns)
		fprintf(f, " run_time_ns %llu run_cnt %llu", (unsigned long long)info->run_time_ns,
			(unsigned long long)info->run_cnt);
	if (info->recursion_misses)
		fprintf(f, " recursion_misses %llu", (unsigned long long)info->recursion_misses);
	fputc('\n', f);
}

void prog_header_json(int fd, const struct prog_info *pi)
{
	const struct bpf_prog_info *info = &pi->info;
	const char *type = libbpf_bpf_prog_type_str(info->type);
	char name[PROG_NAME_MAX], tag[2 * BPF_TAG_SIZE + 1];
	struct json_writer *w = out_json();

	jsonw_uint_field(w, "id", info->id);
	if (type)
		jsonw_string_field(w, "type", type);
	else
		jsonw_uint_field(w, "type", info->type);
	if (info->name[0])
		jsonw_string_field(w, "name", prog_full_name(fd, info, name, sizeof(name)));
	tag_hex(info, tag);
	jsonw_string_field(w, "tag", tag);
	jsonw_bool_field(w, "gpl_compatible", info->gpl_compatible);
	if (info->run_time_ns) {
		jsonw_uint_field(w, "run_time_ns", info->run_time_ns);
		jsonw_uint_field(w, "run_cnt", info->run_cnt);
	}
	if (info->recursion_misses)
		jsonw_uint_field(w, "recursion_misses", info->recursion_misses);
}

static const __u32 *map_ids(const struct bpf_prog_info *info)
{
	return (const __u32 *)(uintptr_t)info->map_ids;
}

static void show_text(int fd, const struct prog_info *pi, const struct show_ctx *c)
{
	const struct bpf_prog_info *info = &pi->info;
	char when[TIME_TEXT_MAX];
	FILE *f = out_stream();
	long long memlock;
	__u32 i;

	prog_header_text(fd, pi);
	if (info->load_time) {
		load_time_text(info->load_time, when, sizeof(when));
		fprintf(f, "\tloaded_at %s  uid %u\n", when, info->created_by_uid);
	}
	fprintf(f, "\txlated %uB", info->xlated_prog_len);
	if (info->jited_prog_len)
		fprintf(f, "  jited %uB", info->jited_prog_len);
	else
		fputs("  not jited", f);
	memlock = prog_memlock(fd);
	if (memlock >= 0)
		fprintf(f, "  memlock %lldB", memlock);
	if (pi->orphaned)
		fputs("  orphaned", f);
	for (i = 0; i < info->nr_map_ids; i++)
		fprintf(f, "%s%u", i ? "," : "  map_ids ", map_ids(info)[i]);
	pin_table_text(c->t.pins, info->id, f);
	if (info->btf_id)
		fprintf(f, "\n\tbtf_id %u", info->btf_id);
	pid_table_text(c->t.pids, OBJ_PROG, info->id, f);
	fputc('\n', f);
}

static void show_json(int fd, const struct prog_info *pi, const struct show_ctx *c)
{
	const struct bpf_prog_info *info = &pi->info;
	struct json_writer *w = out_json();
	long long memlock;
	__u32 i;

	jsonw_start_object(w);
	prog_header_json(fd, pi);
	offload_dev_json(w, info->ifindex, info->netns_dev, info->netns_ino);
	if (info->load_time) {
		jsonw_int_field(w, "loaded_at", load_wallclock(info->load_time));
		jsonw_uint_field(w, "uid", info->created_by_uid);
	}
	jsonw_bool_field(w, "orphaned", pi->orphaned);
	jsonw_uint_field(w, "bytes_xlated", info->xlated_prog_len);
	jsonw_bool_field(w, "jited", info->jited_prog_len != 0);
	if (info->jited_prog_len)
		jsonw_uint_field(w, "bytes_jited", info->jited_prog_len);
	memlock = prog_memlock(fd);
	if (memlock >= 0)
		jsonw_int_field(w, "bytes_memlock", memlock);
	if (info->nr_map_ids) {
		jsonw_name(w, "map_ids");
		jsonw_start_array(w);
		for (i = 0; i < info->nr_map_ids; i++)
			jsonw_uint(w, map_ids(info)[i]);
		jsonw_end_array(w);
	}
	if (info->btf_id)
		jsonw_uint_field(w, "btf_id", info->btf_id);
	if (info->verified_insns)
		jsonw_uint_field(w, "verified_insns", info->verified_insns);
	pin_table_json(c->t.pins, info->id, w);
	pid_table_json(c->t.pids, OBJ_PROG, info->id, w);
	jsonw_end_object(w);
}

static int show_one(int fd, __u32 id, void *ctx)
{
	struct prog_info pi;
	int err;

	(void)id;
	err = prog_info_get(fd, PROG_INFO_MAP_IDS, &pi);
	if (err)
		return err;
	if (out_json())
		show_json(fd, &pi, ctx);
	else
		show_text(fd, &pi, ctx);
	prog_info_free(&pi);
	return 0;
}

int do_prog_show(int argc, char **argv)
{
	struct show_ctx c = { 0 };

	return obj_show(OBJ_PROG, "prog", argc, argv, show_one, &c, &c.t);
}
