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

#include "btf_endian.h"
#include "btf_ext.h"
#include "btf_internal.h"
#include "log.h"

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
	/* the header, in the host's byte order, hdr_len bytes */
	void *hdr;
	__u32 hdr_len;
	/* read in (and written back in) the other byte order */
	bool swapped_endian;
	/* btf_ext__raw_data()'s buffer, until the next change */
	void *raw_out;
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

	for (i = 0; sec->sec_name && i < area->sec_cnt; i++) {
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
	if (sec->sec_name) {
		secs[area->sec_cnt].sec_name = strdup(sec->sec_name);
		if (!secs[area->sec_cnt].sec_name)
			return -ENOMEM;
	}
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
	sec.sec_name_off = is->sec_name_off;
	sec.sec_name = btf ? btf__str_by_offset(btf, is->sec_name_off) : "";
	if (btf && (!sec.sec_name || !sec.sec_name[0])) {
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
	if (!btf) {
		sec.sec_name = NULL;
		return add_sec(&ext->areas[kind], &sec);
	}
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

/* The (off, len) of each info area named by a host-order header. */
static void header_areas(const struct btf_ext_header *hdr, __u32 off[], __u32 len[])
{
	off[BTF_EXT_FUNC_INFO] = hdr->func_info_off;
	len[BTF_EXT_FUNC_INFO] = hdr->func_info_len;
	off[BTF_EXT_LINE_INFO] = hdr->line_info_off;
	len[BTF_EXT_LINE_INFO] = hdr->line_info_len;
	off[BTF_EXT_CORE_RELO] = hdr->core_relo_off;
	len[BTF_EXT_CORE_RELO] = hdr->core_relo_len;
}

/* Swap the info areas of data (after a host-order header) to or from the host's order. */
static void bswap_areas(const struct btf_ext_header *hdr, void *data, size_t size,
			bool to_native)
{
	__u32 off[BTF_EXT_KIND_CNT], len[BTF_EXT_KIND_CNT];
	int k;

	header_areas(hdr, off, len);
	for (k = 0; k < BTF_EXT_KIND_CNT; k++)
		btf_ext_bswap_area(data, size, off[k], len[k], min_rec_sizes[k], to_native);
}

/*
 * Data of the other byte order (a copy) to the host's: the header as far
 * as it is there, then the areas it names. Returns whether it swapped.
 */
static bool to_host_order(void *raw, size_t size)
{
	struct btf_ext_header hdr;
	__u32 hdr_len;

	if (size < BTF_EXT_HDR_MIN)
		return false;
	memcpy(&hdr, raw, BTF_EXT_HDR_MIN);
	if (hdr.magic != __builtin_bswap16(BTF_EXT_MAGIC))
		return false;
	hdr_len = __builtin_bswap32(hdr.hdr_len);
	btf_ext_bswap_header(raw, hdr_len < size ? hdr_len : size);
	/* a bad header is left for parse_header() to report */
	if (hdr_len < BTF_EXT_HDR_MIN || hdr_len > size)
		return true;
	memset(&hdr, 0, sizeof(hdr));
	memcpy(&hdr, raw, hdr_len < sizeof(hdr) ? hdr_len : sizeof(hdr));
	bswap_areas(&hdr, (char *)raw + hdr_len, size - hdr_len, true);
	return true;
}

static int parse_areas(struct btf_ext *ext, const struct btf_ext_header *hdr,
		       const struct btf *btf)
{
	__u32 off[BTF_EXT_KIND_CNT], len[BTF_EXT_KIND_CNT];
	int k, err;

	header_areas(hdr, off, len);
	for (k = 0; k < BTF_EXT_KIND_CNT; k++) {
		err = parse_area(ext, k, btf, off[k], len[k]);
		if (err)
			return err;
	}
	return 0;
}

struct btf_ext *btf_ext_parse(const void *data, size_t size, const struct btf *btf)
{
	struct btf_ext_header hdr;
	struct btf_ext *ext;
	char *raw;
	int err;

	if (!data)
		return libbpf_err_ptr(-EINVAL);
	ext = calloc(1, sizeof(*ext));
	raw = malloc(size ? size : 1);
	if (!ext || !raw) {
		err = -ENOMEM;
		goto err_free;
	}
	memcpy(raw, data, size);
	ext->swapped_endian = to_host_order(raw, size);
	err = parse_header(raw, size, &hdr);
	if (err)
		goto err_free;
	ext->hdr_len = hdr.hdr_len;
	ext->data_size = size - hdr.hdr_len;
	ext->data = malloc(ext->data_size ? ext->data_size : 1);
	ext->hdr = malloc(hdr.hdr_len);
	if (!ext->data || !ext->hdr) {
		err = -ENOMEM;
		goto err_free;
	}
	memcpy(ext->hdr, raw, hdr.hdr_len);
	memcpy(ext->data, raw + hdr.hdr_len, ext->data_size);
	err = parse_areas(ext, &hdr, btf);
	if (err)
		goto err_free;
	free(raw);
	return ext;

err_free:
	free(raw);
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
	free(ext->hdr);
	free(ext->raw_out);
	free(ext);
}

void *btf_ext_sec_recs_mut(struct btf_ext *ext, const struct btf_ext_sec *sec)
{
	(void)ext;	/* the records are in ext->data, which ext owns */
	return (void *)sec->recs;
}

void btf_ext_changed(struct btf_ext *ext)
{
	free(ext->raw_out);
	ext->raw_out = NULL;
}

struct btf_ext *btf_ext__new(const __u8 *data, __u32 size)
{
	return btf_ext_parse(data, size, NULL);
}

void btf_ext__free(struct btf_ext *btf_ext)
{
	btf_ext_free(btf_ext);
}

/* Header and data in one buffer, in the byte order ext is set to. */
static void *ext_serialize(const struct btf_ext *ext)
{
	size_t size = ext->hdr_len + ext->data_size;
	struct btf_ext_header hdr;
	char *raw;

	raw = malloc(size);
	if (!raw)
		return NULL;
	memcpy(raw, ext->hdr, ext->hdr_len);
	memcpy(raw + ext->hdr_len, ext->data, ext->data_size);
	if (ext->swapped_endian) {
		memset(&hdr, 0, sizeof(hdr));
		memcpy(&hdr, ext->hdr, ext->hdr_len < sizeof(hdr) ? ext->hdr_len : sizeof(hdr));
		bswap_areas(&hdr, raw + ext->hdr_len, ext->data_size, false);
		btf_ext_bswap_header(raw, ext->hdr_len);
	}
	return raw;
}

const void *btf_ext__raw_data(const struct btf_ext *btf_ext, __u32 *size)
{
	struct btf_ext *cache = (struct btf_ext *)btf_ext;

	if (!btf_ext->raw_out)
		cache->raw_out = ext_serialize(btf_ext);
	if (!btf_ext->raw_out) {
		errno = ENOMEM;
		return NULL;
	}
	*size = btf_ext->hdr_len + btf_ext->data_size;
	return btf_ext->raw_out;
}

const void *btf_ext__get_raw_data(const struct btf_ext *btf_ext, __u32 *size)
{
	return btf_ext__raw_data(btf_ext, size);
}

enum btf_endianness btf_ext__endianness(const struct btf_ext *btf_ext)
{
	return btf_endian_of(btf_ext->swapped_endian);
}

int btf_ext__set_endianness(struct btf_ext *btf_ext, enum btf_endianness endian)
{
	bool swapped;
	int err;

	err = btf_endian_swapped(endian, &swapped);
	if (err)
		return libbpf_err(err);
	btf_ext->swapped_endian = swapped;
	btf_ext_changed(btf_ext);
	return 0;
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
		const char *name = ext->areas[kind].secs[i].sec_name;

		if (name && !strcmp(name, sec_name))
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
