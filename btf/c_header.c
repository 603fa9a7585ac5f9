// SPDX-License-Identifier: BSD-2-Clause
/*
 * The C header writer ("btf dump ... format c"): bpftool's vmlinux.h
 * layout around the btf_dump emitter, with output collected in a large
 * buffer and written in big chunks.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "c_header.h"
#include "c_sort.h"
#include "log.h"

#define SINK_CAP (1024 * 1024)

#define PUT(s, lit) sink_write(s, lit, sizeof(lit) - 1)

static const char prelude[] =
	"#ifndef __VMLINUX_H__\n"
	"#define __VMLINUX_H__\n"
	"\n"
	"#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
	"#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
	"#endif\n"
	"\n"
	"#ifndef __ksym\n"
	"#define __ksym __attribute__((section(\".ksyms\")))\n"
	"#endif\n"
	"\n"
	"#ifndef __weak\n"
	"#define __weak __attribute__((weak))\n"
	"#endif\n"
	"\n"
	"#ifndef __bpf_fastcall\n"
	"#if __has_attribute(bpf_fastcall)\n"
	"#define __bpf_fastcall __attribute__((bpf_fastcall))\n"
	"#else\n"
	"#define __bpf_fastcall\n"
	"#endif\n"
	"#endif\n"
	"\n";

static const char epilogue[] =
	"#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
	"#pragma clang attribute pop\n"
	"#endif\n"
	"\n"
	"#endif /* __VMLINUX_H__ */\n";

/* Everything written, by this file or by the emitter, goes through here. */
struct sink {
	FILE *out;
	char *buf;
	size_t len;
	int err;
};

static void sink_flush(struct sink *s)
{
	if (s->len && fwrite(s->buf, 1, s->len, s->out) != s->len && !s->err)
		s->err = -EIO;
	s->len = 0;
}

static void sink_write(struct sink *s, const char *data, size_t n)
{
	if (SINK_CAP - s->len < n)
		sink_flush(s);
	if (n > SINK_CAP) {
		if (fwrite(data, 1, n, s->out) != n && !s->err)
			s->err = -EIO;
		return;
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
}

static void sink_vprintf(struct sink *s, const char *fmt, va_list ap)
{
	char small[256], *big;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0) {
		s->err = s->err ? : -EINVAL;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		sink_write(s, small, n);
		return;
	}
	big = malloc((size_t)n + 1);
	if (!big) {
		s->err = s->err ? : -ENOMEM;
		return;
	}
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	sink_write(s, big, n);
	free(big);
}

/*
 * The emitter hands over whole buffers as "%.*s"; copying those directly
 * avoids a trip through vfprintf for each of them.
 */
static void sink_printf_cb(void *ctx, const char *fmt, va_list ap)
{
	struct sink *s = ctx;
	const char *data;
	int len;

	if (strcmp(fmt, "%.*s") != 0) {
		sink_vprintf(s, fmt, ap);
		return;
	}
	len = va_arg(ap, int);
	data = va_arg(ap, const char *);
	if (len > 0)
		sink_write(s, data, strnlen(data, len));
}

static int dump_all(struct btf_dump *d, const struct btf *btf, bool sorted)
{
	__u32 i, cnt = btf__type_cnt(btf), *ids = NULL;
	int err;

	if (sorted) {
		err = btf_c_sort_ids(btf, &ids, &cnt);
		if (err)
			return err;
	}
	for (i = 0; i < cnt; i++) {
		__u32 id = ids ? ids[i] : i;

		/* void sorts somewhere in the middle; it is never dumped */
		if (id == 0)
			continue;
		err = btf_dump__dump_type(d, id);
		if (err)
			break;
	}
	free(ids);
	return err;
}

static int dump_roots(struct btf_dump *d, const __u32 *root_ids, int root_cnt)
{
	int i, err;

	for (i = 0; i < root_cnt; i++) {
		err = btf_dump__dump_type(d, root_ids[i]);
		if (err)
			return err;
	}
	return 0;
}

struct kfunc_list {
	__u32 *ids;
	__u32 cnt;
	/* per type id: a bpf_fastcall decl tag targets this function */
	bool *fastcall;
};

/* The FUNC a declaration tag named name tags as a whole, or 0. */
static __u32 tagged_func(const struct btf *btf, const struct btf_type *t, const char *name)
{
	const struct btf_type *target;

	if (!btf_is_decl_tag(t) || btf_decl_tag(t)->component_idx != -1)
		return 0;
	target = btf__type_by_id(btf, t->type);
	if (!target || !btf_is_func(target))
		return 0;
	return strcmp(btf__name_by_offset(btf, t->name_off), name) == 0 ? t->type : 0;
}

static int collect_kfuncs(const struct btf *btf, struct kfunc_list *k)
{
	__u32 i, id, cnt = btf__type_cnt(btf);

	k->ids = malloc((size_t)cnt * sizeof(*k->ids));
	k->fastcall = calloc(cnt, sizeof(*k->fastcall));
	if (!k->ids || !k->fastcall)
		return -ENOMEM;
	for (i = 1; i < cnt; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		/* a function tagged twice is declared twice, as bpftool does */
		id = tagged_func(btf, t, "bpf_kfunc");
		if (id)
			k->ids[k->cnt++] = id;
		id = tagged_func(btf, t, "bpf_fastcall");
		if (id)
			k->fastcall[id] = true;
	}
	return 0;
}

static int kfunc_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct btf *btf = ctx;
	__u32 a = *(const __u32 *)pa, b = *(const __u32 *)pb;
	int r;

	r = strcmp(btf__name_by_offset(btf, btf__type_by_id(btf, a)->name_off),
		   btf__name_by_offset(btf, btf__type_by_id(btf, b)->name_off));
	if (r)
		return r;
	return a < b ? -1 : a > b;
}

static int emit_kfunc(struct btf_dump *d, struct sink *s, const struct btf *btf, __u32 id,
		      bool fastcall)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts);
	const struct btf_type *fn = btf__type_by_id(btf, id);
	int err;

	PUT(s, "extern ");
	if (fastcall)
		PUT(s, "__bpf_fastcall ");
	opts.field_name = btf__name_by_offset(btf, fn->name_off);
	err = btf_dump__emit_type_decl(d, fn->type, &opts);
	if (err)
		return err;
	PUT(s, " __weak __ksym;\n");
	return 0;
}

/* Prototypes of the kernel functions BPF programs may call, by name. */
static int dump_kfuncs(struct btf_dump *d, struct sink *s, const struct btf *btf)
{
	struct kfunc_list k = {};
	__u32 i;
	int err;

	err = collect_kfuncs(btf, &k);
	if (err)
		goto out;
	qsort_r(k.ids, k.cnt, sizeof(*k.ids), kfunc_cmp, (void *)btf);

	PUT(s, "\n/* BPF kfuncs */\n#ifndef BPF_NO_KFUNC_PROTOTYPES\n");
	for (i = 0; i < k.cnt; i++) {
		err = emit_kfunc(d, s, btf, k.ids[i], k.fastcall[k.ids[i]]);
		if (err)
			goto out;
	}
	PUT(s, "#endif\n\n");
out:
	free(k.fastcall);
	free(k.ids);
	return err;
}

static int write_body(struct btf_dump *d, struct sink *s, const struct btf *btf,
		      const __u32 *root_ids, int root_cnt, bool sorted)
{
	int err;

	if (root_cnt)
		return dump_roots(d, root_ids, root_cnt);
	err = dump_all(d, btf, sorted);
	if (err)
		return err;
	return dump_kfuncs(d, s, btf);
}

int btf_c_header_write(const struct btf *btf, FILE *out, const __u32 *root_ids, int root_cnt,
		       bool sorted)
{
	struct sink s = { .out = out };
	struct btf_dump *d;
	int err;

	if (!btf || !out || root_cnt < 0 || (root_cnt && !root_ids))
		return -EINVAL;
	s.buf = malloc(SINK_CAP);
	if (!s.buf)
		return -ENOMEM;
	d = btf_dump__new(btf, sink_printf_cb, &s, NULL);
	if (!d) {
		err = -errno;
		goto out_buf;
	}

	PUT(&s, prelude);
	err = write_body(d, &s, btf, root_ids, root_cnt, sorted);
	if (!err)
		PUT(&s, epilogue);
	/* what was produced goes out even on error, as bpftool prints as it goes */
	sink_flush(&s);
	if (!err)
		err = s.err;
	if (!err && (fflush(out) || ferror(out)))
		err = -EIO;

	btf_dump__free(d);
out_buf:
	free(s.buf);
	return err;
}
