// SPDX-License-Identifier: BSD-2-Clause
/*
 * The optional kind layout section (libbpf 1.8): after the types, one
 * { info_sz, elem_sz, flags } entry per kind the writer knew, saying how
 * long each kind's record is, so that a reader can step over kinds it
 * does not know. Its place is in two header fields after the classic
 * 24 bytes. btf__new_empty_opts() starts a BTF that carries it; a parsed
 * BTF that has one keeps it when written anew.
 */
#include <errno.h>
#include <string.h>

#include "btf_internal.h"
#include "btf_write.h"
#include "log.h"
#include "opts.h"

struct kind_layout {
	__u8 info_sz;	/* bytes of the one item after struct btf_type */
	__u8 elem_sz;	/* bytes of each of the vlen items */
	__u16 flags;
};

static const struct kind_layout kind_layouts[NR_BTF_KINDS] = {
	[BTF_KIND_INT] = { sizeof(__u32), 0, 0 },
	[BTF_KIND_ARRAY] = { sizeof(struct btf_array), 0, 0 },
	[BTF_KIND_STRUCT] = { 0, sizeof(struct btf_member), 0 },
	[BTF_KIND_UNION] = { 0, sizeof(struct btf_member), 0 },
	[BTF_KIND_ENUM] = { 0, sizeof(struct btf_enum), 0 },
	[BTF_KIND_FUNC_PROTO] = { 0, sizeof(struct btf_param), 0 },
	[BTF_KIND_VAR] = { sizeof(struct btf_var), 0, 0 },
	[BTF_KIND_DATASEC] = { 0, sizeof(struct btf_var_secinfo), 0 },
	[BTF_KIND_DECL_TAG] = { sizeof(struct btf_decl_tag), 0, 0 },
	[BTF_KIND_ENUM64] = { 0, sizeof(struct btf_enum64), 0 },
};

const void *btf_kind_layout(__u32 *len)
{
	*len = sizeof(kind_layouts);
	return kind_layouts;
}

int btf_layout_sec_parse(struct btf *btf, const void *raw, __u32 size)
{
	struct btf_layout_header lh;

	memcpy(&lh.h, raw, sizeof(lh.h));
	if (lh.h.hdr_len < sizeof(lh))
		return 0;
	memcpy(&lh, raw, sizeof(lh));
	if (!lh.layout_len)
		return 0;
	if (lh.layout_off % 4 || lh.layout_len % sizeof(struct kind_layout) ||
	    (__u64)lh.layout_off < (__u64)lh.h.type_off + lh.h.type_len ||
	    (__u64)lh.layout_off + lh.layout_len > lh.h.str_off ||
	    (__u64)lh.h.hdr_len + lh.h.str_off > size) {
		pr_warn("BTF kind layout section (%u+%u) is misplaced: it goes between the types "
			"(%u+%u) and the strings (at %u), 4-byte aligned\n", lh.layout_off,
			lh.layout_len, lh.h.type_off, lh.h.type_len, lh.h.str_off);
		return -EINVAL;
	}
	btf->has_layout = true;
	return 0;
}

void btf_bswap_layout_sec(void *raw, __u32 size, const struct btf_layout_header *lh)
{
	__u64 start = (__u64)lh->h.hdr_len + lh->layout_off, i;
	__u16 flags;
	char *p;

	if (lh->h.hdr_len < sizeof(*lh) || start + lh->layout_len > size)
		return;
	for (i = 0; i + sizeof(struct kind_layout) <= lh->layout_len; i += 4) {
		p = (char *)raw + start + i + offsetof(struct kind_layout, flags);
		memcpy(&flags, p, sizeof(flags));
		flags = __builtin_bswap16(flags);
		memcpy(p, &flags, sizeof(flags));
	}
}

struct btf *btf__new_empty_opts(struct btf_new_opts *opts)
{
	if (!OPTS_VALID(opts, btf_new_opts))
		return libbpf_err_ptr(-EINVAL);
	return btf_new_empty(OPTS_GET(opts, base_btf, NULL), OPTS_GET(opts, add_layout, false));
}
