// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl btf show": the BTF objects loaded in the kernel, each with the
 * programs and maps that use it (found by going through all programs and
 * maps, as bpftool does) and the processes that hold it, in bpftool's
 * text and JSON shapes. The ids of programs and maps are listed in
 * increasing order.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "btf_show.h"
#include "cmd.h"
#include "json_writer.h"
#include "number.h"
#include "obj_pids.h"
#include "output.h"
#include "report.h"

/* A program or map (obj_id) that uses the BTF object btf_id. */
struct obj_ref {
	__u32 btf_id;
	__u32 obj_id;
};

/* All references of one kind, sorted by BTF id, then object id. */
struct ref_table {
	struct obj_ref *refs;
	size_t cnt;
	size_t cap;
};

struct ref_kind {
	const char *noun;
	int (*next_id)(__u32 start_id, __u32 *next_id);
	int (*open)(__u32 id);
	int (*btf_id)(int fd, __u32 *btf_id);
};

static int prog_btf_id(int fd, __u32 *btf_id)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_prog_get_info_by_fd(fd, &info, &len);
	*btf_id = info.btf_id;
	return err;
}

static int map_open(__u32 id)
{
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, opts, .open_flags = BPF_F_RDONLY);

	return bpf_map_get_fd_by_id_opts(id, &opts);
}

static int map_btf_id(int fd, __u32 *btf_id)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_map_get_info_by_fd(fd, &info, &len);
	*btf_id = info.btf_id;
	return err;
}

static const struct ref_kind prog_refs = {
	"program", bpf_prog_get_next_id, bpf_prog_get_fd_by_id, prog_btf_id,
};

static const struct ref_kind map_refs = {
	"map", bpf_map_get_next_id, map_open, map_btf_id,
};

static int ref_add(struct ref_table *t, __u32 btf_id, __u32 obj_id)
{
	struct obj_ref *refs;
	size_t cap;

	if (t->cnt == t->cap) {
		cap = t->cap ? t->cap * 2 : 64;
		refs = realloc(t->refs, cap * sizeof(*refs));
		if (!refs) {
			p_err("can't list the users of BTF objects: %s", strerror(ENOMEM));
			return -ENOMEM;
		}
		t->refs = refs;
		t->cap = cap;
	}
	t->refs[t->cnt].btf_id = btf_id;
	t->refs[t->cnt].obj_id = obj_id;
	t->cnt++;
	return 0;
}

static int ref_cmp(const void *a, const void *b)
{
	const struct obj_ref *x = a, *y = b;

	if (x->btf_id != y->btf_id)
		return x->btf_id < y->btf_id ? -1 : 1;
	if (x->obj_id != y->obj_id)
		return x->obj_id < y->obj_id ? -1 : 1;
	return 0;
}

/* The BTF id one object of kind k uses (0: none); 1 if it is gone, or -errno. */
static int ref_btf_id(const struct ref_kind *k, __u32 id, __u32 *btf_id)
{
	int fd = k->open(id), err;

	if (fd == -ENOENT)
		return 1;
	if (fd < 0) {
		p_err("can't open %s id %u: %s", k->noun, id, strerror(-fd));
		return fd;
	}
	err = k->btf_id(fd, btf_id);
	close(fd);
	if (err)
		p_err("can't get info of %s id %u: %s", k->noun, id, strerror(-err));
	return err;
}

static int collect_refs(const struct ref_kind *k, struct ref_table *t)
{
	__u32 id = 0, btf_id = 0;
	int err;

	for (;;) {
		err = k->next_id(id, &id);
		if (err == -ENOENT)
			break;
		if (err) {
			p_err("can't get the next %s id after %u: %s", k->noun, id, strerror(-err));
			return err;
		}
		err = ref_btf_id(k, id, &btf_id);
		if (err < 0)
			return err;
		if (!err && btf_id && ref_add(t, btf_id, id))
			return -ENOMEM;
	}
	if (t->cnt)
		qsort(t->refs, t->cnt, sizeof(*t->refs), ref_cmp);
	return 0;
}

/* Index of the first reference to btf_id, or t->cnt if there is none. */
static size_t ref_first(const struct ref_table *t, __u32 btf_id)
{
	size_t lo = 0, hi = t->cnt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->refs[mid].btf_id < btf_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int btf_obj_info_by_fd(int fd, struct btf_obj_info *out)
{
	struct bpf_btf_info info;
	__u32 len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_btf_get_info_by_fd(fd, &info, &len);
	/* a kernel that knows object names reports the length of this one */
	if (!err && info.name_len) {
		memset(&info, 0, sizeof(info));
		memset(out->name, 0, sizeof(out->name));
		info.name = (__u64)(uintptr_t)out->name;
		info.name_len = sizeof(out->name);
		len = sizeof(info);
		err = bpf_btf_get_info_by_fd(fd, &info, &len);
	} else {
		out->name[0] = '\0';
	}
	out->name[sizeof(out->name) - 1] = '\0';
	out->id = info.id;
	out->size = info.btf_size;
	out->kernel = info.kernel_btf;
	return err;
}

static int btf_obj_open(__u32 id)
{
	int fd = bpf_btf_get_fd_by_id(id);

	if (fd < 0)
		p_err("can't open BTF id %u: %s", id, strerror(-fd));
	return fd;
}

static int btf_obj_info_of(int fd, __u32 id, struct btf_obj_info *info)
{
	int err = btf_obj_info_by_fd(fd, info);

	if (err)
		p_err("can't get info of BTF id %u: %s", id, strerror(-err));
	return err;
}

int btf_obj_info_by_id(__u32 id, struct btf_obj_info *info)
{
	int fd = btf_obj_open(id), err;

	if (fd < 0)
		return fd;
	err = btf_obj_info_of(fd, id, info);
	close(fd);
	return err;
}

struct show_ctx {
	struct ref_table progs;
	struct ref_table maps;
	struct pid_table *pids;	/* the processes holding each BTF object */
};

static void ids_text(FILE *f, const char *label, const struct ref_table *t, __u32 btf_id)
{
	size_t i;

	for (i = ref_first(t, btf_id); i < t->cnt && t->refs[i].btf_id == btf_id; i++)
		fprintf(f, "%s%u", i == ref_first(t, btf_id) ? label : ",", t->refs[i].obj_id);
}

static void show_text(const struct show_ctx *c, const struct btf_obj_info *info)
{
	FILE *f = out_stream();

	fprintf(f, "%u: ", info->id);
	if (info->kernel)
		fprintf(f, "name [%s]  ", info->name);
	else if (info->name[0])
		fprintf(f, "name %s  ", info->name);
	else
		fputs("name <anon>  ", f);
	fprintf(f, "size %uB", info->size);
	ids_text(f, "  prog_ids ", &c->progs, info->id);
	ids_text(f, "  map_ids ", &c->maps, info->id);
	pid_table_text(c->pids, OBJ_BTF, info->id, f);
	fputc('\n', f);
}

static void ids_json(struct json_writer *jw, const char *name, const struct ref_table *t,
		     __u32 btf_id)
{
	size_t i;

	jsonw_name(jw, name);
	jsonw_start_array(jw);
	for (i = ref_first(t, btf_id); i < t->cnt && t->refs[i].btf_id == btf_id; i++)
		jsonw_uint(jw, t->refs[i].obj_id);
	jsonw_end_array(jw);
}

static void show_json(const struct show_ctx *c, const struct btf_obj_info *info)
{
	struct json_writer *jw = out_json();

	jsonw_start_object(jw);
	jsonw_uint_field(jw, "id", info->id);
	jsonw_uint_field(jw, "size", info->size);
	ids_json(jw, "prog_ids", &c->progs, info->id);
	ids_json(jw, "map_ids", &c->maps, info->id);
	pid_table_json(c->pids, OBJ_BTF, info->id, jw);
	jsonw_bool_field(jw, "kernel", info->kernel);
	if (info->name[0])
		jsonw_string_field(jw, "name", info->name);
	jsonw_end_object(jw);
}

static int show_fd(const struct show_ctx *c, int fd, __u32 id)
{
	struct btf_obj_info info;
	int err = btf_obj_info_of(fd, id, &info);

	if (err)
		return err;
	if (out_json())
		show_json(c, &info);
	else
		show_text(c, &info);
	return 0;
}

/* Show BTF object id; 1 if it went away meanwhile. */
static int show_next(const struct show_ctx *c, __u32 id)
{
	int fd = bpf_btf_get_fd_by_id(id), err;

	if (fd == -ENOENT)
		return 1;
	if (fd < 0) {
		p_err("can't open BTF id %u: %s", id, strerror(-fd));
		return fd;
	}
	err = show_fd(c, fd, id);
	close(fd);
	return err;
}

static int show_all(const struct show_ctx *c)
{
	__u32 id = 0;
	int err;

	if (out_json())
		jsonw_start_array(out_json());
	for (;;) {
		err = bpf_btf_get_next_id(id, &id);
		if (err == -ENOENT)
			break;
		if (err) {
			p_err("can't get the next BTF id after %u: %s", id, strerror(-err));
			return err;
		}
		err = show_next(c, id);
		if (err < 0)
			return err;
	}
	if (out_json())
		jsonw_end_array(out_json());
	return 0;
}

static const struct keyword show_keywords[] = {
	{ "id" },
};

/* "[id ID]": 1 and *id set, 0 for none, or -errno. */
static int parse_show_args(int argc, char **argv, __u32 *id)
{
	const char *val;
	int k;

	if (!argc)
		return 0;
	k = KEYWORD_MATCH(argv[0], show_keywords, "btf show keyword");
	if (k < 0)
		return k;
	val = keyword_value(argc, argv, "id", "BTF_ID");
	if (!val || parse_u32(val, "BTF id", id))
		return -EINVAL;
	return expect_no_more_args(argc - 2, argv + 2, "btf show id BTF_ID") ? : 1;
}

int do_btf_show(int argc, char **argv)
{
	struct show_ctx c = { .progs = { NULL }, .maps = { NULL } };
	int fd = -1, err;
	__u32 id = 0;

	err = parse_show_args(argc, argv, &id);
	if (err < 0)
		return err;
	if (err) {
		fd = btf_obj_open(id);
		if (fd < 0)
			return fd;
	}
	err = pid_table_build(OBJ_BTF, &c.pids);
	if (!err)
		err = collect_refs(&prog_refs, &c.progs);
	if (!err)
		err = collect_refs(&map_refs, &c.maps);
	if (!err)
		err = fd >= 0 ? show_fd(&c, fd, id) : show_all(&c);
	if (fd >= 0)
		close(fd);
	free(c.progs.refs);
	free(c.maps.refs);
	pid_table_free(c.pids);
	return err;
}
