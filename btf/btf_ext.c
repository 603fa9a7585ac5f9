// SPDX-License-Identifier: BSD-2-Clause
/*
 * .BTF.ext parsing: a header naming up to three info areas (func_info,
 * line_info, CO-RE relocations), each a record size followed by
 * per-section blocks { sec_name_off, num_info, records[] }. Everything is
 * bounds-checked here once so that users index records without checks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>

#include "btf_ext.h"
#include "btf_internal.h"
#include "log.h"

#define BTF_EXT_MAGIC 0xeB9F
#define BTF_EXT_VERSION 1

/* The header as clang writes it; core_relo_* is absent in old objects. */
struct btf_ext_header {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 func_info_off;
	__u32 func_info_len;
	__u32 line_info_off;
	__u32 line_info_len;
	__u32 core_relo_off;
	__u32 core_relo_len;
};

/* Header of one section's block inside an info area. */
struct btf_ext_info_sec {
	__u32 sec_name_off;
	__u32 num_info;
};

/* Shortest header: without the CO-RE relocation fields. */
#define BTF_EXT_HDR_MIN offsetof(struct btf_ext_header, core_relo_off)

struct btf_ext_area {
	struct btf_ext_sec *secs;
	unsigned int sec_cnt;
};

struct btf_ext {
	/* owned copy of everything after the header, 8-byte aligned by malloc */
	void *data;
	size_t data_size;
	struct btf_ext_area areas[BTF_EXT_KIND_CNT];
};

static const char *const kind_names[BTF_EXT_KIND_CNT] = {
	[BTF_EXT_FUNC_INFO] = "func_info",
	[BTF_EXT_LINE_INFO] = "line_info",
	[BTF_EXT_CORE_RELO] = "core_relo",
};

static const __u32 min_rec_sizes[BTF_EXT_KIND_CNT] = {
	[BTF_EXT_FUNC_INFO] = sizeof(struct bpf_func_info),
	[BTF_EXT_LINE_INFO] = sizeof(struct bpf_line_info),
	[BTF_EXT_CORE_RELO] = sizeof(struct bpf_core_relo),
};

/* A string of btf at off, or NULL (with a warning naming what) if off is past the strings. */
static const char *ext_str(const struct btf *btf, __u32 off, const char *kind, const char *sec,
			   __u32 rec, const char *what)
{
	const char *s = btf__str_by_offset(btf, off);

	if (!s)
		pr_warn(".BTF.ext %s of section '%s' record %u: %s offset %u is past the strings\n",
			kind, sec, rec, what, off);
	return s;
}

static int check_insn_off(__u32 insn_off, const char *kind, const char *sec, __u32 rec)
{
	if (insn_off % sizeof(struct bpf_insn) == 0)
		return 0;
	pr_warn(".BTF.ext %s of section '%s' record %u: insn_off %u is not a multiple of %zu\n",
		kind, sec, rec, insn_off, sizeof(struct bpf_insn));
	return -EINVAL;
}

static int check_func_info(const struct btf *btf, const struct btf_ext_sec *sec, __u32 i)
{
	const struct bpf_func_info *fi = btf_ext_rec(sec, i);
	const struct btf_type *t;

	if (check_insn_off(fi->insn_off, "func_info", sec->sec_name, i))
		return -EINVAL;
	t = btf__type_by_id(btf, fi->type_id);
	if (!t || !btf_is_func(t)) {
		pr_warn(".BTF.ext func_info of section '%s' record %u: type id %u is not a FUNC\n",
			sec->sec_name, i, fi->type_id);
		return -EINVAL;
	}
	return 0;
}

static int check_line_info(const struct btf *btf, const struct btf_ext_sec *sec, __u32 i)
{
	const struct bpf_line_info *li = btf_ext_rec(sec, i);

	if (check_insn_off(li->insn_off, "line_info", sec->sec_name, i))
		return -EINVAL;
	if (!ext_str(btf, li->file_name_off, "line_info", sec->sec_name, i, "file name") ||
	    !ext_str(btf, li->line_off, "line_info", sec->sec_name, i, "line"))
		return -EINVAL;
	return 0;
}

static int check_core_relo(const struct btf *btf, const struct btf_ext_sec *sec, __u32 i)
{
	const struct bpf_core_relo *r = btf_ext_rec(sec, i);

	if (check_insn_off(r->insn_off, "core_relo", sec->sec_name, i))
		return -EINVAL;
	if (r->type_id >= btf__type_cnt(btf)) {
		pr_warn(".BTF.ext core_relo of section '%s' record %u: type id %u out of range "
			"(BTF has %u types)\n", sec->sec_name, i, r->type_id, btf__type_cnt(btf));
		return -EINVAL;
	}
	if (!ext_str(btf, r->access_str_off, "core_relo", sec->sec_name, i, "access string"))
		return -EINVAL;
	if ((__u32)r->kind > BPF_CORE_TYPE_MATCHES) {
		pr_warn(".BTF.ext core_relo of section '%s' record %u: unknown kind %u\n",
			sec->sec_name, i, (__u32)r->kind);
		return -EINVAL;
	}
	return 0;
}

static int check_rec(enum btf_ext_kind kind, const struct btf *btf,
		     const struct btf_ext_sec *sec, __u32 i)
{
	switch (kind) {
	case BTF_EXT_FUNC_INFO:
		return check_func_info(btf, sec, i);
	case BTF_EXT_LINE_INFO:
		return check_line_info(btf, sec, i);
	default:
		return check_core_relo(btf, sec, i);
	}
}

static int add_sec(struct btf_ext_area *area, const struct btf_ext_sec *sec)
{
	struct btf_ext_sec *secs;
	unsigned int i;

	for (i = 0; i < area->sec_cnt; i++) {
		if (!strcmp(area->secs[i].sec_name, sec->sec_name)) {
			pr_warn(".BTF.ext: section '%s' has two blocks of records of one kind\n",
				sec->sec_name);
			return -EINVAL;
		}
	}
	secs = realloc(area->secs, (area->sec_cnt + 1) * sizeof(*secs));
	if (!secs)
		return -ENOMEM;
	area->secs = secs;
	secs[area->sec_cnt] = *sec;
	/* own copy: the object's BTF may go away before the records */
	secs[area->sec_cnt].sec_name = strdup(sec->sec_name);
	if (!secs[area->sec_cnt].sec_name)
		return -ENOMEM;
	area->sec_cnt++;
	return 0;
}

/* Parse one section block at *pos of the area [.., end); advances *pos. */
static int parse_sec(struct btf_ext *ext, enum btf_ext_kind kind, const struct btf *btf,
		     __u32 rec_size, size_t *pos, size_t end)
{
	const char *kname = kind_names[kind];
	const struct btf_ext_info_sec *is;
	struct btf_ext_sec sec;
	__u32 i;
	int err;

	if (end - *pos < sizeof(*is)) {
		pr_warn(".BTF.ext %s: section header at offset %zu truncated\n", kname, *pos);
		return -EINVAL;
	}
	is = (const void *)((const char *)ext->data + *pos);
	*pos += sizeof(*is);
	sec.sec_name = btf__str_by_offset(btf, is->sec_name_off);
	if (!sec.sec_name || !sec.sec_name[0]) {
		pr_warn(".BTF.ext %s: section name offset %u is %s\n", kname, is->sec_name_off,
			sec.sec_name ? "the empty string" : "past the strings");
		return -EINVAL;
	}
	if (!is->num_info || is->num_info > (end - *pos) / rec_size) {
		pr_warn(".BTF.ext %s of section '%s': %u records of %u bytes do not fit in the "
			"%zu bytes left\n", kname, sec.sec_name, is->num_info, rec_size,
			end - *pos);
		return -EINVAL;
	}
	sec.recs = (const char *)ext->data + *pos;
	sec.rec_cnt = is->num_info;
	sec.rec_size = rec_size;
	*pos += (size_t)rec_size * is->num_info;
	for (i = 0; i < sec.rec_cnt; i++) {
		err = check_rec(kind, btf, &sec, i);
		if (err)
			return err;
	}
	return add_sec(&ext->areas[kind], &sec);
}

static int parse_area(struct btf_ext *ext, enum btf_ext_kind kind, const struct btf *btf,
		      __u32 off, __u32 len)
{
	const char *kname = kind_names[kind];
	size_t pos = off, end = (size_t)off + len;
	__u32 rec_size;
	int err;

	if (!len)
		return 0;
	if (off % 4 || end > ext->data_size) {
		pr_warn(".BTF.ext %s: area at offset %u, %u bytes, %s (%zu bytes of data)\n",
			kname, off, len, off % 4 ? "is not 4-byte aligned" : "runs past the end",
			ext->data_size);
		return -EINVAL;
	}
	if (len < sizeof(__u32)) {
		pr_warn(".BTF.ext %s: area of %u bytes has no record size\n", kname, len);
		return -EINVAL;
	}
	memcpy(&rec_size, (const char *)ext->data + pos, sizeof(rec_size));
	pos += sizeof(rec_size);
	if (rec_size < min_rec_sizes[kind] || rec_size % 4) {
		pr_warn(".BTF.ext %s: record size %u is invalid (at least %u, a multiple of 4)\n",
			kname, rec_size, min_rec_sizes[kind]);
		return -EINVAL;
	}
	while (pos < end) {
		err = parse_sec(ext, kind, btf, rec_size, &pos, end);
		if (err)
			return err;
	}
	return 0;
}

static int parse_header(const void *data, size_t size, struct btf_ext_header *hdr)
{
	memset(hdr, 0, sizeof(*hdr));
	if (size < BTF_EXT_HDR_MIN) {
		pr_warn(".BTF.ext: %zu bytes, too short for a header (%zu bytes)\n",
			size, BTF_EXT_HDR_MIN);
		return -EINVAL;
	}
	memcpy(hdr, data, BTF_EXT_HDR_MIN);
	if (hdr->magic != BTF_EXT_MAGIC) {
		pr_warn(".BTF.ext: bad magic 0x%04x (expected 0x%04x%s)\n", hdr->magic,
			BTF_EXT_MAGIC, hdr->magic == 0x9FeB ? ", other byte order" : "");
		return -EINVAL;
	}
	if (hdr->version != BTF_EXT_VERSION || hdr->flags) {
		pr_warn(".BTF.ext: unsupported version %u flags 0x%x\n", hdr->version, hdr->flags);
		return -ENOTSUP;
	}
	if (hdr->hdr_len < BTF_EXT_HDR_MIN || hdr->hdr_len > size) {
		pr_warn(".BTF.ext: header length %u is outside %zu..%zu\n", hdr->hdr_len,
			BTF_EXT_HDR_MIN, size);
		return -EINVAL;
	}
	/* a longer header than ours is fine as long as the fields beyond are unused */
	memcpy(hdr, data, hdr->hdr_len < sizeof(*hdr) ? hdr->hdr_len : sizeof(*hdr));
	return 0;
}

struct btf_ext *btf_ext_parse(const void *data, size_t size, const struct btf *btf)
{
	struct btf_ext_header hdr;
	struct btf_ext *ext;
	int err;

	if (!data || !btf)
		return libbpf_err_ptr(-EINVAL);
	err = parse_header(data, size, &hdr);
	if (err)
		return libbpf_err_ptr(err);
	ext = calloc(1, sizeof(*ext));
	if (!ext)
		return libbpf_err_ptr(-ENOMEM);
	ext->data_size = size - hdr.hdr_len;
	ext->data = malloc(ext->data_size ? ext->data_size : 1);
	if (!ext->data) {
		err = -ENOMEM;
		goto err_free;
	}
	memcpy(ext->data, (const char *)data + hdr.hdr_len, ext->data_size);
	err = parse_area(ext, BTF_EXT_FUNC_INFO, btf, hdr.func_info_off, hdr.func_info_len);
	if (!err)
		err = parse_area(ext, BTF_EXT_LINE_INFO, btf, hdr.line_info_off,
				 hdr.line_info_len);
	if (!err)
		err = parse_area(ext, BTF_EXT_CORE_RELO, btf, hdr.core_relo_off,
				 hdr.core_relo_len);
	if (err)
		goto err_free;
	return ext;

err_free:
	btf_ext_free(ext);
	return libbpf_err_ptr(err);
}

void btf_ext_free(struct btf_ext *ext)
{
	unsigned int i;
	int k;

	if (!ext)
		return;
	for (k = 0; k < BTF_EXT_KIND_CNT; k++) {
		for (i = 0; i < ext->areas[k].sec_cnt; i++)
			free((char *)ext->areas[k].secs[i].sec_name);
		free(ext->areas[k].secs);
	}
	free(ext->data);
	free(ext);
}

unsigned int btf_ext_sec_cnt(const struct btf_ext *ext, enum btf_ext_kind kind)
{
	if (!ext || (unsigned int)kind >= BTF_EXT_KIND_CNT)
		return 0;
	return ext->areas[kind].sec_cnt;
}

const struct btf_ext_sec *btf_ext_sec(const struct btf_ext *ext, enum btf_ext_kind kind,
				      unsigned int idx)
{
	if (idx >= btf_ext_sec_cnt(ext, kind))
		return NULL;
	return &ext->areas[kind].secs[idx];
}

const struct btf_ext_sec *btf_ext_find_sec(const struct btf_ext *ext, enum btf_ext_kind kind,
					   const char *sec_name)
{
	unsigned int i, n = btf_ext_sec_cnt(ext, kind);

	for (i = 0; i < n; i++) {
		if (!strcmp(ext->areas[kind].secs[i].sec_name, sec_name))
			return &ext->areas[kind].secs[i];
	}
	return NULL;
}

/* Record i of sec, writable: the records live in ext->data, which ext owns. */
static void *rec_rw(const struct btf_ext_sec *sec, __u32 i)
{
	return (void *)btf_ext_rec(sec, i);
}

int btf_ext_visit_type_ids(struct btf_ext *ext, btf_field_fn fn, void *ctx)
{
	const struct btf_ext_sec *sec;
	unsigned int s;
	__u32 i;
	int err;

	for (s = 0; (sec = btf_ext_sec(ext, BTF_EXT_FUNC_INFO, s)); s++) {
		for (i = 0; i < sec->rec_cnt; i++) {
			err = fn(&((struct bpf_func_info *)rec_rw(sec, i))->type_id, ctx);
			if (err)
				return err;
		}
	}
	for (s = 0; (sec = btf_ext_sec(ext, BTF_EXT_CORE_RELO, s)); s++) {
		for (i = 0; i < sec->rec_cnt; i++) {
			err = fn(&((struct bpf_core_relo *)rec_rw(sec, i))->type_id, ctx);
			if (err)
				return err;
		}
	}
	return 0;
}

/* The string offsets of record i of a section of kind, at most two. */
static unsigned int rec_str_offs(enum btf_ext_kind kind, const struct btf_ext_sec *sec, __u32 i,
				 __u32 *offs[2])
{
	struct bpf_line_info *li;

	switch (kind) {
	case BTF_EXT_LINE_INFO:
		li = rec_rw(sec, i);
		offs[0] = &li->file_name_off;
		offs[1] = &li->line_off;
		return 2;
	case BTF_EXT_CORE_RELO:
		offs[0] = &((struct bpf_core_relo *)rec_rw(sec, i))->access_str_off;
		return 1;
	default:
		return 0;
	}
}

static int visit_sec_strs(enum btf_ext_kind kind, const struct btf_ext_sec *sec, btf_field_fn fn,
			  void *ctx)
{
	/* the block header { sec_name_off, num_info } sits right before the records */
	struct btf_ext_info_sec *is = (struct btf_ext_info_sec *)rec_rw(sec, 0) - 1;
	unsigned int j, n;
	__u32 *offs[2];
	__u32 i;
	int err;

	err = fn(&is->sec_name_off, ctx);
	for (i = 0; !err && i < sec->rec_cnt; i++) {
		n = rec_str_offs(kind, sec, i, offs);
		for (j = 0; !err && j < n; j++)
			err = fn(offs[j], ctx);
	}
	return err;
}

int btf_ext_visit_str_offs(struct btf_ext *ext, btf_field_fn fn, void *ctx)
{
	const struct btf_ext_sec *sec;
	unsigned int s;
	int k, err;

	for (k = 0; k < BTF_EXT_KIND_CNT; k++) {
		for (s = 0; (sec = btf_ext_sec(ext, k, s)); s++) {
			err = visit_sec_strs(k, sec, fn, ctx);
			if (err)
				return err;
		}
	}
	return 0;
}
