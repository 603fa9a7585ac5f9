// SPDX-License-Identifier: BSD-2-Clause
/*
 * libbpf's BTF API on real objects, for tests/bats/api_btf.bats: built
 * against libbpfcore.a and (as an oracle) against Debian's libbpf.
 *
 *   btf_api endian OBJ BTF_OUT EXT_OUT  write OBJ's .BTF and .BTF.ext in the
 *                                       byte order other than the host's
 *                                       (.BTF.ext not with libbpf < 1.5)
 *   btf_api reparse BTF EXT|-           parse them back; print their orders
 *   btf_api load                        btf__load_into_kernel() BTF of every
 *                                       kind; check the kernel's copy
 *   btf_api reject                      load BTF the kernel refuses
 *   btf_api distill DIR                 split BTF on the running kernel's
 *                                       vmlinux BTF: distilled (DIR/base,
 *                                       DIR/split), parsed back, relocated
 *                                       onto vmlinux, compared with itself
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

/* libbpf 1.1 (the oracle) lacks .BTF.ext byte order, distill and relocate: 1.5 added them */
#define HAVE_LIBBPF_1_5 (LIBBPF_MAJOR_VERSION > 1 || LIBBPF_MINOR_VERSION >= 5)

static int fail(const char *what, int err)
{
	fprintf(stderr, "FAIL %s: %d (%s)\n", what, err, strerror(err < 0 ? -err : err));
	return 1;
}

static const char *order_name(enum btf_endianness e)
{
	return e == BTF_LITTLE_ENDIAN ? "little" : "big";
}

static enum btf_endianness other_order(void)
{
	return __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? BTF_LITTLE_ENDIAN : BTF_BIG_ENDIAN;
}

static int write_file(const char *path, const void *data, __u32 size)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size)
		return fail(path, errno);
	fclose(f);
	return 0;
}

static void *read_file(const char *path, __u32 *size)
{
	FILE *f = fopen(path, "rb");
	void *buf = malloc(1 << 24);

	*size = f ? fread(buf, 1, 1 << 24, f) : 0;
	if (f)
		fclose(f);
	return buf;
}

static int endian(const char *obj, const char *btf_out, const char *ext_out)
{
	struct btf_ext *ext = NULL;
	const void *raw;
	struct btf *btf;
	__u32 size;

	btf = btf__parse(obj, &ext);
	if (!btf || !ext)
		return fail("btf__parse with .BTF.ext", -errno);
	if (btf__set_endianness(btf, other_order()))
		return fail("btf__set_endianness", -errno);
	raw = btf__raw_data(btf, &size);
	if (!raw || write_file(btf_out, raw, size))
		return fail("btf__raw_data", -errno);
#if HAVE_LIBBPF_1_5
	if (btf_ext__set_endianness(ext, other_order()))
		return fail("btf_ext__set_endianness", -errno);
	raw = btf_ext__raw_data(ext, &size);
	if (!raw || write_file(ext_out, raw, size))
		return fail("btf_ext__raw_data", -errno);
#else
	(void)ext_out;
#endif
	btf_ext__free(ext);
	btf__free(btf);
	return 0;
}

static int reparse(const char *btf_path, const char *ext_path)
{
	struct btf_ext *ext;
	struct btf *btf;
	void *data;
	__u32 size;

	data = read_file(btf_path, &size);
	btf = btf__new(data, size);
	free(data);
	if (!btf)
		return fail("btf__new", -errno);
	printf("btf %s %u types", order_name(btf__endianness(btf)), btf__type_cnt(btf));
	if (!strcmp(ext_path, "-"))
		goto out;
	data = read_file(ext_path, &size);
	ext = btf_ext__new(data, size);
	free(data);
	if (!ext)
		return fail("btf_ext__new", -errno);
#if HAVE_LIBBPF_1_5
	printf(", ext %s", order_name(btf_ext__endianness(ext)));
#endif
	btf_ext__free(ext);
out:
	printf("\n");
	btf__free(btf);
	return 0;
}

/* BTF of each kind the kernel takes outside an object's data sections. */
static struct btf *every_kind(void)
{
	struct btf *btf = btf__new_empty();
	int i, s, p, c;

	i = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	c = btf__add_int(btf, "char", 1, BTF_INT_CHAR);
	s = btf__add_struct(btf, "btfmisc_pair", 16);
	btf__add_field(btf, "a", i, 0, 0);
	btf__add_field(btf, "bits", i, 32, 5);
	btf__add_field(btf, "name", btf__add_array(btf, i, c, 4), 64, 0);
	btf__add_union(btf, "btfmisc_u", 4);
	btf__add_field(btf, "x", i, 0, 0);
	btf__add_enum(btf, "btfmisc_e", 4);
	btf__add_enum_value(btf, "BTFMISC_A", -1);
	btf__add_fwd(btf, "btfmisc_fwd", BTF_FWD_STRUCT);
	btf__add_typedef(btf, "btfmisc_pair_t", s);
	btf__add_const(btf, btf__add_volatile(btf, i));
	btf__add_float(btf, "double", 8);
	p = btf__add_func_proto(btf, i);
	btf__add_func_param(btf, "ptr", btf__add_ptr(btf, s));
	btf__add_func(btf, "btfmisc_fn", BTF_FUNC_GLOBAL, p);
	btf__add_decl_tag(btf, "btfmisc_tag", s, 0);
	return btf;
}

static int load(void)
{
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info), size, ksize;
	const void *raw, *kraw;
	struct btf *btf, *kbtf;
	int err;

	btf = every_kind();
	if (btf__fd(btf) >= 0)
		return fail("fd before loading", btf__fd(btf));
	err = btf__load_into_kernel(btf);
	if (err)
		return fail("btf__load_into_kernel", err);
	err = bpf_obj_get_info_by_fd(btf__fd(btf), &info, &len);
	if (err)
		return fail("bpf_obj_get_info_by_fd", err);
	kbtf = btf__load_from_kernel_by_id(info.id);
	if (!kbtf)
		return fail("btf__load_from_kernel_by_id", -errno);
	raw = btf__raw_data(btf, &size);
	kraw = btf__raw_data(kbtf, &ksize);
	printf("loaded: %s, %u types, the kernel's copy %s\n", btf__fd(btf) >= 0 ? "fd" : "no fd",
	       btf__type_cnt(kbtf) - 1,
	       size == ksize && !memcmp(raw, kraw, size) ? "the same" : "differs");
	errno = 0;
	err = btf__load_into_kernel(btf);
	printf("again: %d errno %d\n", err, errno);
	btf__free(kbtf);
	btf__free(btf);
	return 0;
}

static int reject(void)
{
	struct btf *btf = btf__new_empty();
	int err, id;

	id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	/* a name that is no C identifier: ours and libbpf's writers take it, the kernel not */
	btf__add_struct(btf, "not an identifier", 4);
	btf__add_field(btf, "x", id, 0, 0);
	errno = 0;
	err = btf__load_into_kernel(btf);
	printf("rejected: %d errno %d fd %d\n", err, errno, btf__fd(btf));
	btf__free(btf);
	return 0;
}

#if HAVE_LIBBPF_1_5
static char decl[4096];
static size_t decl_len;

static void decl_cb(void *ctx, const char *fmt, va_list args)
{
	(void)ctx;
	decl_len += vsnprintf(decl + decl_len, sizeof(decl) - decl_len, fmt, args);
}

/* The C declaration of id in btf. */
static const char *decl_of(const struct btf *btf, __u32 id)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = "v");
	struct btf_dump *d = btf_dump__new(btf, decl_cb, NULL, NULL);

	decl_len = 0;
	decl[0] = '\0';
	btf_dump__emit_type_decl(d, id, &opts);
	btf_dump__free(d);
	return decl;
}

/* A module's split BTF: a struct of kernel types by value, pointer and typedef. */
static struct btf *module_on(struct btf *vmlinux)
{
	struct btf *m = btf__new_empty_split(vmlinux);
	int s, file_ptr;

	file_ptr = btf__add_ptr(m, btf__find_by_name_kind(vmlinux, "file", BTF_KIND_STRUCT));
	s = btf__add_struct(m, "btfmisc_dev", 48);
	btf__add_field(m, "list", btf__find_by_name_kind(vmlinux, "list_head", BTF_KIND_STRUCT),
		       0, 0);
	btf__add_field(m, "file", file_ptr, 128, 0);
	btf__add_field(m, "flags", btf__find_by_name_kind(vmlinux, "u64", BTF_KIND_TYPEDEF),
		       192, 0);
	btf__add_field(m, "mode", btf__find_by_name_kind(vmlinux, "umode_t", BTF_KIND_TYPEDEF),
		       256, 0);
	btf__add_ptr(m, s);
	return m;
}

static int write_raw(const char *dir, const char *name, const struct btf *btf)
{
	char path[4096];
	const void *raw;
	__u32 size;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	raw = btf__raw_data(btf, &size);
	return raw ? write_file(path, raw, size) : fail("btf__raw_data", -errno);
}

static int distill(const char *dir)
{
	struct btf *vmlinux = btf__load_vmlinux_btf(), *target = btf__load_vmlinux_btf();
	struct btf *mod, *base, *split, *pbase, *psplit;
	char path[4096];
	__u32 id, same = 0, nr_own;
	void *data;
	__u32 size;
	int err;

	if (!vmlinux || !target)
		return fail("btf__load_vmlinux_btf", -errno);
	mod = module_on(vmlinux);
	err = btf__distill_base(mod, &base, &split);
	if (err)
		return fail("btf__distill_base", err);
	if (write_raw(dir, "base", base) || write_raw(dir, "split", split))
		return 1;
	snprintf(path, sizeof(path), "%s/base", dir);
	data = read_file(path, &size);
	pbase = btf__new(data, size);
	free(data);
	snprintf(path, sizeof(path), "%s/split", dir);
	data = read_file(path, &size);
	psplit = pbase ? btf__new_split(data, size, pbase) : NULL;
	free(data);
	if (!psplit)
		return fail("parsing the distilled BTF back", -errno);
	printf("distilled: %u base types, %u split types\n", btf__type_cnt(pbase) - 1,
	       btf__type_cnt(psplit) - btf__type_cnt(pbase));
	err = btf__relocate(psplit, target);
	if (err)
		return fail("btf__relocate", err);
	nr_own = btf__type_cnt(mod) - btf__type_cnt(vmlinux);
	for (id = btf__type_cnt(vmlinux); id < btf__type_cnt(mod); id++) {
		char *want = strdup(decl_of(mod, id));

		same += !strcmp(want, decl_of(psplit, id));
		free(want);
	}
	printf("relocated: on vmlinux %s, %u of %u types declared alike\n",
	       btf__base_btf(psplit) == target ? "yes" : "no", same, nr_own);
	btf__free(psplit);
	btf__free(pbase);
	btf__free(split);
	btf__free(base);
	btf__free(mod);
	btf__free(target);
	btf__free(vmlinux);
	return 0;
}
#else
static int distill(const char *dir)
{
	(void)dir;
	return fail("distill needs libbpf 1.5", -ENOTSUP);
}
#endif

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "endian"))
		return endian(argv[2], argv[3], argv[4]);
	if (argc == 4 && !strcmp(argv[1], "reparse"))
		return reparse(argv[2], argv[3]);
	if (argc == 2 && !strcmp(argv[1], "load"))
		return load();
	if (argc == 2 && !strcmp(argv[1], "reject"))
		return reject();
	if (argc == 3 && !strcmp(argv[1], "distill"))
		return distill(argv[2]);
	fprintf(stderr, "usage: btf_api endian|reparse|load|reject|distill ...\n");
	return 2;
}
