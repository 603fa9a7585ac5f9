// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__distill_base() and btf__relocate() on split BTF built on the
 * fixture vmlinux BTF, as a module's is: the distilled base holds only
 * named identities, relocate(distill(x)) onto the real base gives back
 * types equivalent to x's, and a base that does not fit is refused.
 */
#include <errno.h>
#include <stdio.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "unit.h"

static char out[1 << 16];
static size_t out_len;

static void print_cb(void *ctx, const char *fmt, va_list args)
{
	(void)ctx;
	out_len += vsnprintf(out + out_len, sizeof(out) - out_len, fmt, args);
}

/* C declaration of type id, and for an aggregate its definition. */
static const char *c_of(const struct btf *btf, __u32 id)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = "v");
	struct btf_dump *d = btf_dump__new(btf, print_cb, NULL, NULL);
	const struct btf_type *t = btf__type_by_id(btf, id);

	out_len = 0;
	out[0] = '\0';
	if (btf_is_func(t) || btf_is_var(t))
		id = t->type;
	btf_dump__emit_type_decl(d, id, &opts);
	btf_dump__free(d);
	return out;
}

static int find(const struct btf *btf, const char *name, __u32 kind)
{
	return btf__find_by_name_kind(btf, name, kind);
}

/* A module's split BTF: its own struct using vmlinux types by pointer, by value, by typedef. */
static struct btf *module_btf(struct btf *vmlinux)
{
	struct btf *m = btf__new_empty_split(vmlinux);
	int s, proto, anon_ptr, arr;

	arr = btf__add_array(m, find(vmlinux, "int", BTF_KIND_INT),
			     find(vmlinux, "char", BTF_KIND_INT), 16);
	anon_ptr = btf__add_ptr(m, find(vmlinux, "task_struct", BTF_KIND_STRUCT));
	s = btf__add_struct(m, "btfmisc_mod_state", 56);
	btf__add_field(m, "task", anon_ptr, 0, 0);
	btf__add_field(m, "node", find(vmlinux, "list_head", BTF_KIND_STRUCT), 64, 0);
	btf__add_field(m, "count", find(vmlinux, "u32", BTF_KIND_TYPEDEF), 192, 0);
	btf__add_field(m, "name", arr, 224, 0);
	btf__add_field(m, "lock", find(vmlinux, "spinlock_t", BTF_KIND_TYPEDEF), 352, 0);
	proto = btf__add_func_proto(m, find(vmlinux, "int", BTF_KIND_INT));
	btf__add_func_param(m, "st", btf__add_ptr(m, s));
	btf__add_func_param(m, "sk", btf__add_ptr(m, find(vmlinux, "sock", BTF_KIND_STRUCT)));
	btf__add_func(m, "btfmisc_mod_fn", BTF_FUNC_GLOBAL, proto);
	return m;
}

static void test_distill_relocate(struct btf *vmlinux, struct btf *vmlinux2)
{
	struct btf *mod = module_btf(vmlinux), *base = NULL, *split = NULL;
	__u32 id, n, bad = 0, nr_mod = btf__type_cnt(mod);
	const struct btf_type *t;
	char *want;

	CHECK(btf__distill_base(mod, &base, &split) == 0, "distill: succeeds");
	if (!base)
		goto out;
	n = btf__type_cnt(base);
	for (id = 1; id < n; id++) {
		t = btf__type_by_id(base, id);
		if (!t->name_off || (btf_is_composite(t) && btf_vlen(t)) ||
		    (!btf_is_int(t) && !btf_is_float(t) && !btf_is_composite(t) &&
		     !btf_is_enum(t) && !btf_is_fwd(t)))
			bad++;
	}
	CHECK(!bad && n > 5 && n < 100, "distill: a base of %u named identities, no members", n);
	t = btf__type_by_id(base, find(base, "list_head", BTF_KIND_STRUCT));
	CHECK(t && t->size == 16 && !btf_vlen(t), "distill: struct list_head, 16 bytes, no member");
	CHECK(find(base, "u32", BTF_KIND_TYPEDEF) < 0 &&
	      find(split, "u32", BTF_KIND_TYPEDEF) > 0,
	      "distill: a base typedef goes into the split BTF");
	CHECK(btf__base_btf(split) == base &&
	      find(split, "btfmisc_mod_state", BTF_KIND_STRUCT) == (int)btf__type_cnt(base) + 2,
	      "distill: the split BTF's own types come first on the new base");

	CHECK(btf__relocate(split, vmlinux2) == 0, "relocate: onto the real base");
	CHECK(btf__base_btf(split) == vmlinux2 && btf__type_cnt(split) >= nr_mod,
	      "relocate: the new base is the real one, own types at their old ids");
	for (id = btf__type_cnt(vmlinux), bad = 0; id < nr_mod; id++) {
		want = strdup(c_of(mod, id));
		if (strcmp(want, c_of(split, id))) {
			printf("# [%u] %s != %s\n", id, want, out);
			bad++;
		}
		free(want);
	}
	CHECK(!bad, "relocate(distill(x)) declares every type of x alike");
	t = btf__type_by_id(split, find(split, "btfmisc_mod_state", BTF_KIND_STRUCT));
	CHECK(t && btf_members(t)[1].type == (__u32)find(vmlinux2, "list_head", BTF_KIND_STRUCT),
	      "relocate: a member of a base struct refers to the base's struct");
	{
		__u32 size;
		const void *raw = btf__raw_data(split, &size);
		struct btf *back = btf__new_split(raw, size, vmlinux2);

		CHECK(back && btf__type_cnt(back) == btf__type_cnt(split),
		      "relocate: the result serializes and parses on the base");
		btf__free(back);
	}
out:
	btf__free(split);
	btf__free(base);
	btf__free(mod);
}

/* A base of the distilled types, list_head of size 8 if shrink; with decoys around. */
static struct btf *fake_base(const struct btf *dist, bool shrink)
{
	struct btf *b = btf__new_empty();
	const struct btf_type *t;
	__u32 id;

	btf__add_int(b, "decoy", 4, 0);
	for (id = btf__type_cnt(dist) - 1; id > 0; id--) {
		t = btf__type_by_id(dist, id);
		if (shrink && btf_is_struct(t) &&
		    !strcmp(btf__name_by_offset(dist, t->name_off), "list_head"))
			btf__add_struct(b, "list_head", 8);
		else
			btf__add_type(b, dist, t);
	}
	btf__add_struct(b, "sock___other", 8);
	return b;
}

static void test_relocate_checks(struct btf *vmlinux)
{
	struct btf *mod = module_btf(vmlinux), *base = NULL, *split = NULL, *fb;
	__u32 size, size2;
	const void *raw;
	void *before;

	btf__distill_base(mod, &base, &split);
	raw = btf__raw_data(split, &size);
	before = malloc(size);
	memcpy(before, raw, size);

	fb = fake_base(base, true);
	errno = 0;
	CHECK(btf__relocate(split, fb) == -EINVAL && errno == EINVAL,
	      "relocate: an embedded struct of another size is -EINVAL");
	raw = btf__raw_data(split, &size2);
	CHECK(btf__base_btf(split) == base && size2 == size && !memcmp(raw, before, size),
	      "relocate: and leaves the split BTF as it was");
	btf__free(fb);

	fb = fake_base(base, false);
	CHECK(btf__relocate(split, fb) == 0 && btf__base_btf(split) == fb,
	      "relocate: onto another base with the same identities in another order");
	CHECK(find(split, "btfmisc_mod_state", BTF_KIND_STRUCT) == (int)btf__type_cnt(fb) + 2,
	      "relocate: own types follow the new base");
	btf__free(split);
	btf__free(fb);

	CHECK(btf__relocate(mod, vmlinux) == -EINVAL, "relocate: onto its own base is -EINVAL");
	CHECK(btf__distill_base(vmlinux, &base, &split) == -EINVAL,
	      "distill: BTF that is not split is -EINVAL");
	free(before);
	btf__free(base);
	btf__free(mod);
}

int main(void)
{
	struct btf *vmlinux, *vmlinux2;
	size_t size;
	void *raw;

	libbpf_set_print(NULL);
	raw = gunzip_file(UNIT_FIXTURE("vmlinux.btf.gz"), &size);
	vmlinux = raw ? btf__new(raw, size) : NULL;
	vmlinux2 = raw ? btf__new(raw, size) : NULL;
	if (!CHECK(vmlinux && vmlinux2, "vmlinux fixture parses"))
		return unit_done();
	test_distill_relocate(vmlinux, vmlinux2);
	test_relocate_checks(vmlinux);
	btf__free(vmlinux2);
	btf__free(vmlinux);
	free(raw);
	return unit_done();
}
