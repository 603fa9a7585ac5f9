// SPDX-License-Identifier: BSD-2-Clause
/*
 * Extern variables and functions of a BPF object: "__kconfig" externs
 * (.kconfig: kernel config values and LINUX_KERNEL_VERSION, laid out in
 * a frozen array map) and "__ksym" externs (.ksyms: kernel variables and
 * kfuncs, resolved by name in the kernel's BTF). Also the BTF rewrite the
 * kernel needs for them: it accepts no extern variables, so they become
 * allocated ones, and extern functions leave the DATASEC for a dummy
 * variable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "core_relo_internal.h"
#include "kconfig.h"
#include "log.h"
#include "object_internal.h"

/* Which kind of kconfig value a variable of type id can hold. */
static enum kcfg_type kcfg_type_of(const struct btf *btf, __u32 id, int *sz, bool *is_signed)
{
	const struct btf_type *t = core_skip_mods_typedefs(btf, id, NULL);
	const struct btf_type *elem;
	const char *name;

	if (!t)
		return KCFG_UNKNOWN;
	*sz = t->size;
	*is_signed = false;
	if (btf_is_int(t)) {
		*is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
		if (btf_int_encoding(t) & BTF_INT_BOOL)
			return t->size == 1 ? KCFG_BOOL : KCFG_UNKNOWN;
		if (btf_int_encoding(t) & BTF_INT_CHAR)
			return t->size == 1 ? KCFG_CHAR : KCFG_UNKNOWN;
		return t->size <= 8 && btf_int_bits(t) == t->size * 8 ? KCFG_INT : KCFG_UNKNOWN;
	}
	if (btf_is_enum(t)) {
		name = btf__name_by_offset(btf, t->name_off);
		return name && !strcmp(name, "libbpf_tristate") && t->size == 4 ?
		       KCFG_TRISTATE : KCFG_UNKNOWN;
	}
	if (btf_is_array(t)) {
		elem = core_skip_mods_typedefs(btf, btf_array(t)->type, NULL);
		if (!elem || !btf_is_int(elem) || elem->size != 1)
			return KCFG_UNKNOWN;
		*sz = btf_array(t)->nelems;
		return KCFG_CHAR_ARR;
	}
	return KCFG_UNKNOWN;
}

/* The DATASEC (".kconfig" or ".ksyms") that lists BTF type id, or NULL. */
static const char *extern_datasec(const struct btf *btf, __u32 id)
{
	__u32 i, n = btf__type_cnt(btf);
	int j;

	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const struct btf_var_secinfo *vs;

		if (!btf_is_datasec(t))
			continue;
		vs = btf_var_secinfos(t);
		for (j = 0; j < btf_vlen(t); j++)
			if (vs[j].type == id)
				return btf__name_by_offset(btf, t->name_off);
	}
	return NULL;
}

static int extern_init(struct bpf_object *obj, struct extern_desc *ext, size_t sym_idx,
		       const GElf_Sym *sym, const char *name)
{
	const struct btf_type *t;
	const char *sec;
	__s32 id;

	ext->name = name;
	ext->sym_idx = sym_idx;
	ext->is_weak = GELF_ST_BIND(sym->st_info) == STB_WEAK;
	id = obj->btf ? btf__find_by_name_kind(obj->btf, name, BTF_KIND_VAR) : -1;
	if (id <= 0 && obj->btf)
		id = btf__find_by_name_kind(obj->btf, name, BTF_KIND_FUNC);
	if (id <= 0) {
		pr_warn("extern '%s': not described in BTF\n", name);
		return -ESRCH;
	}
	ext->btf_id = id;
	t = btf__type_by_id(obj->btf, id);
	sec = extern_datasec(obj->btf, id);
	if (btf_is_func(t) || (sec && !strcmp(sec, ".ksyms"))) {
		ext->type = EXT_KSYM;
		ext->ksym.is_func = btf_is_func(t);
		ext->ksym.type_id = t->type;
		return 0;
	}
	if (!sec || strcmp(sec, ".kconfig")) {
		pr_warn("extern '%s': neither __kconfig nor __ksym (section '%s')\n", name,
			sec ? sec : "none");
		return -ENOTSUP;
	}
	ext->type = EXT_KCFG;
	ext->kcfg.type = kcfg_type_of(obj->btf, t->type, &ext->kcfg.sz, &ext->kcfg.is_signed);
	ext->kcfg.align = btf__align_of(obj->btf, t->type);
	if (ext->kcfg.type == KCFG_UNKNOWN || ext->kcfg.align <= 0) {
		pr_warn("extern (kcfg) '%s': type is not supported\n", name);
		return -ENOTSUP;
	}
	return 0;
}

/*
 * Externs in libbpf's order: kconfig before ksym; kconfig ones by
 * descending alignment, then ascending size, so that the .kconfig map has
 * libbpf's layout; ties by name.
 */
static int extern_cmp(const void *pa, const void *pb)
{
	const struct extern_desc *a = pa, *b = pb;

	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->type == EXT_KCFG) {
		if (a->kcfg.align != b->kcfg.align)
			return a->kcfg.align > b->kcfg.align ? -1 : 1;
		if (a->kcfg.sz != b->kcfg.sz)
			return a->kcfg.sz < b->kcfg.sz ? -1 : 1;
	}
	return strcmp(a->name, b->name);
}

/*
 * The kernel caps an array map's value at KMALLOC_MAX_SIZE (4 MiB with 4 KiB
 * pages); a .kconfig claiming more comes from a broken or hostile object.
 */
#define KCONFIG_DATA_MAX (4u << 20)

/* The .kconfig map holds every kconfig extern, each at its alignment. */
static int kconfig_map_add(struct bpf_object *obj)
{
	struct bpf_map *map;
	__u64 off = 0;
	__s32 btf_id;
	int i;

	if (obj->nr_extern)
		qsort(obj->externs, obj->nr_extern, sizeof(*obj->externs), extern_cmp);

	for (i = 0; i < obj->nr_extern; i++) {
		struct extern_desc *e = &obj->externs[i];

		if (e->type != EXT_KCFG)
			continue;
		off = (off + e->kcfg.align - 1) / e->kcfg.align * e->kcfg.align;
		e->kcfg.data_off = off;
		off += (__u32)e->kcfg.sz;
		if (off > KCONFIG_DATA_MAX) {
			pr_warn("extern (kcfg) '%s': .kconfig needs %llu bytes, a map value %u at most\n",
				e->name, (unsigned long long)off, KCONFIG_DATA_MAX);
			return -E2BIG;
		}
	}
	if (!off)
		return 0;
	map = object_add_map(obj);
	if (!map)
		return -ENOMEM;
	obj->kconfig_map_idx = obj->nr_maps - 1;
	map->origin = MAP_KCONFIG;
	map->type = BPF_MAP_TYPE_ARRAY;
	map->key_size = sizeof(__u32);
	map->value_size = off;
	map->max_entries = 1;
	map->map_flags = BPF_F_MMAPABLE | BPF_F_RDONLY_PROG;
	map->real_name = strdup(".kconfig");
	if (asprintf(&map->name, "%.8s.kconfig", obj->name) < 0)
		map->name = NULL;
	map->data = calloc(1, off);
	if (!map->real_name || !map->name || !map->data)
		return -ENOMEM;
	btf_id = btf__find_by_name_kind(obj->btf, ".kconfig", BTF_KIND_DATASEC);
	if (btf_id > 0)
		map->btf_value_type_id = btf_id;
	return 0;
}

int externs_collect(struct bpf_object *obj)
{
	GElf_Sym sym;
	size_t i;
	int err;

	for (i = 1; i < obj->sym_cnt; i++) {
		struct extern_desc *e;
		const char *name;

		if (!elf_sym(obj, i, &sym) || sym.st_shndx != SHN_UNDEF ||
		    GELF_ST_TYPE(sym.st_info) == STT_SECTION ||
		    (GELF_ST_BIND(sym.st_info) != STB_GLOBAL &&
		     GELF_ST_BIND(sym.st_info) != STB_WEAK))
			continue;
		name = elf_sym_name(obj, &sym);
		if (!name || !*name)
			continue;
		e = realloc(obj->externs, (obj->nr_extern + 1) * sizeof(*e));
		if (!e)
			return -ENOMEM;
		obj->externs = e;
		e = &e[obj->nr_extern++];
		memset(e, 0, sizeof(*e));
		err = extern_init(obj, e, i, &sym, name);
		if (err)
			return err;
	}
	return kconfig_map_add(obj);
}

/* ---- resolution at load ---- */

static enum kconfig_type kcfg_want(const struct extern_desc *ext)
{
	switch (ext->kcfg.type) {
	case KCFG_BOOL:
		return KCONFIG_BOOL;
	case KCFG_TRISTATE:
		return KCONFIG_TRISTATE;
	case KCFG_CHAR:
		return KCONFIG_CHAR;
	case KCFG_CHAR_ARR:
		return KCONFIG_STR;
	default:
		return ext->kcfg.is_signed ? KCONFIG_INT : KCONFIG_UINT;
	}
}

/*
 * The kernel's syscall entry wrapper of bpf(2) (what a kprobe on a syscall
 * attaches to on kernels that have wrappers), or NULL for architectures
 * whose kernels call syscalls directly.
 */
static const char *syscall_wrapper_name(void)
{
#if defined(__x86_64__)
	return "__x64_sys_bpf";
#elif defined(__aarch64__)
	return "__arm64_sys_bpf";
#elif defined(__s390x__)
	return "__s390x_sys_bpf";
#elif defined(__riscv)
	return "__riscv_sys_bpf";
#elif defined(__arm__)
	return "__arm_sys_bpf";
#else
	return NULL;
#endif
}

/* Whether the kernel's enum bpf_func_id has enumerator name (knows that helper). */
static bool kernel_has_helper(const struct btf *vmlinux, const char *name)
{
	const struct btf_type *t;
	const struct btf_enum *e;
	__s32 id;
	int i;

	id = btf__find_by_name_kind(vmlinux, "bpf_func_id", BTF_KIND_ENUM);
	t = id > 0 ? btf__type_by_id(vmlinux, id) : NULL;
	if (!t)
		return false;
	e = btf_enum(t);
	for (i = 0; i < btf_vlen(t); i++) {
		const char *n = btf__name_by_offset(vmlinux, e[i].name_off);

		if (n && !strcmp(n, name))
			return true;
	}
	return false;
}

/*
 * libbpf's two boolean externs about the running kernel, read from its
 * BTF: LINUX_HAS_BPF_COOKIE (bpf_get_attach_cookie exists, as libbpf's
 * usdt.bpf.h asks) and LINUX_HAS_SYSCALL_WRAPPER (syscalls enter through
 * __<arch>_sys_NAME, as libbpf's BPF_KSYSCALL asks). 1 if ext is one of
 * them and is set, 0 if it is another extern, negative errno on error.
 */
static int kcfg_kernel_feature(struct bpf_object *obj, struct extern_desc *ext, char *dst)
{
	bool cookie = !strcmp(ext->name, "LINUX_HAS_BPF_COOKIE");
	const char *wrapper;
	int err;

	if (!cookie && strcmp(ext->name, "LINUX_HAS_SYSCALL_WRAPPER"))
		return 0;
	if (ext->kcfg.type != KCFG_BOOL) {
		pr_warn("extern (kcfg) '%s' must be a bool\n", ext->name);
		return -EINVAL;
	}
	err = btf_vmlinux_load(obj);
	if (err)
		return err;
	wrapper = syscall_wrapper_name();
	*dst = cookie ? kernel_has_helper(obj->btf_vmlinux, "BPF_FUNC_get_attach_cookie") :
		wrapper && btf__find_by_name_kind(obj->btf_vmlinux, wrapper, BTF_KIND_FUNC) > 0;
	ext->is_set = true;
	return 1;
}

/* The value of one kconfig extern into the .kconfig map's initial value. */
static int kcfg_lookup(struct bpf_object *obj, const struct kconfig *kc, struct extern_desc *ext)
{
	char *dst = (char *)obj->maps[obj->kconfig_map_idx].data + ext->kcfg.data_off;
	__u32 ver;
	int err;

	err = kcfg_kernel_feature(obj, ext, dst);
	if (err)
		return err < 0 ? err : 0;

	if (!strcmp(ext->name, "LINUX_KERNEL_VERSION")) {
		if (ext->kcfg.type != KCFG_INT || ext->kcfg.sz != sizeof(ver)) {
			pr_warn("extern (kcfg) 'LINUX_KERNEL_VERSION' must be a 32-bit integer\n");
			return -EINVAL;
		}
		ver = kconfig_kernel_version();
		memcpy(dst, &ver, sizeof(ver));
		ext->is_set = ver != 0;
		return 0;
	}
	if (strncmp(ext->name, "CONFIG_", 7)) {
		pr_warn("extern (kcfg) '%s': only CONFIG_*, LINUX_KERNEL_VERSION, "
			"LINUX_HAS_BPF_COOKIE and LINUX_HAS_SYSCALL_WRAPPER exist\n",
			ext->name);
		return -EINVAL;
	}
	err = kconfig_value(kc, ext->name, kcfg_want(ext), dst, ext->kcfg.sz);
	if (err == -ENOENT)
		return 0;
	if (err) {
		pr_warn("extern (kcfg) '%s': value '%s' does not fit its type\n", ext->name,
			kconfig_get(kc, ext->name) ?: "?");
		return err;
	}
	ext->is_set = true;
	return 0;
}

/* The kernel's config (when a CONFIG_ extern asks), then the caller's overrides. */
static int kcfg_read(struct bpf_object *obj, struct kconfig *kc)
{
	bool need_kernel = false;
	int i, err;

	for (i = 0; i < obj->nr_extern; i++)
		need_kernel |= obj->externs[i].type == EXT_KCFG &&
			       !strncmp(obj->externs[i].name, "CONFIG_", 7);
	if (need_kernel) {
		err = kconfig_add_kernel(kc);
		if (err)
			pr_debug("object '%s': kernel config not readable (%s), CONFIG_* "
				 "externs keep their defaults\n", obj->name, strerror(-err));
	}
	if (obj->kconfig) {
		err = kconfig_add_text(kc, obj->kconfig, strlen(obj->kconfig));
		if (err) {
			pr_warn("object '%s': malformed kconfig option text\n", obj->name);
			return err;
		}
	}
	return 0;
}

static int externs_resolve_kcfg(struct bpf_object *obj)
{
	struct kconfig *kc;
	int i, err;

	if (obj->kconfig_map_idx < 0)
		return 0;
	kc = kconfig_new();
	if (!kc)
		return -ENOMEM;
	err = kcfg_read(obj, kc);
	for (i = 0; i < obj->nr_extern && !err; i++) {
		struct extern_desc *e = &obj->externs[i];

		if (e->type != EXT_KCFG)
			continue;
		err = kcfg_lookup(obj, kc, e);
		if (!err && !e->is_set && !e->is_weak) {
			pr_warn("extern (kcfg) '%s': not set in the kernel config and not __weak\n",
				e->name);
			err = -ESRCH;
		}
	}
	kconfig_free(kc);
	return err;
}

static int extern_resolve_ksym(struct bpf_object *obj, struct extern_desc *e)
{
	__s32 id;

	id = btf__find_by_name_kind(obj->btf_vmlinux, e->name,
				    e->ksym.is_func ? BTF_KIND_FUNC : BTF_KIND_VAR);
	if (id <= 0) {
		if (e->is_weak)
			return 0;
		if (e->ksym.is_func)
			pr_warn("function '%s' is defined neither in the object nor as a kfunc in "
				"the kernel's BTF\n", e->name);
		else
			pr_warn("extern (ksym) '%s': not found in the kernel's BTF\n", e->name);
		return -ESRCH;
	}
	e->ksym.kernel_btf_id = id;
	e->is_set = true;
	return 0;
}

int externs_resolve(struct bpf_object *obj)
{
	int i, err;

	err = externs_resolve_kcfg(obj);
	if (err || obj->gen)
		return err;	/* a loader program resolves __ksym in the kernel it runs on */
	for (i = 0; i < obj->nr_extern; i++) {
		if (obj->externs[i].type != EXT_KSYM)
			continue;
		err = btf_vmlinux_load(obj);
		if (!err)
			err = extern_resolve_ksym(obj, &obj->externs[i]);
		if (err)
			return err;
	}
	return 0;
}

/* ---- the BTF the kernel gets ---- */

/*
 * The BTF to patch: obj->btf's laid out anew as the UAPI header, the types,
 * the strings. The file's own layout may have a longer header or the
 * strings first, which would leave the types where they can't be patched
 * in place (misaligned, or past the strings this code appends to).
 */
struct btf_copy {
	char *raw;
	__u32 size;
	const char *types;	/* obj->btf's type section, for type offsets */
};

static int copy_init(struct btf_copy *c, const struct btf *btf)
{
	struct btf_header h;
	const char *orig;
	__u32 size, hdr_len, str_off;

	orig = btf__raw_data(btf, &size);
	memcpy(&h, orig, sizeof(h));
	hdr_len = h.hdr_len;
	str_off = h.str_off;
	h.hdr_len = sizeof(h);
	h.type_off = 0;
	h.str_off = h.type_len;
	c->size = sizeof(h) + h.type_len + h.str_len;
	c->raw = malloc(c->size);
	if (!c->raw)
		return -ENOMEM;
	/* an object's BTF is never split: its first type starts the section */
	c->types = btf__type_cnt(btf) > 1 ? (const char *)btf__type_by_id(btf, 1) : NULL;
	memcpy(c->raw, &h, sizeof(h));
	if (h.type_len)
		memcpy(c->raw + sizeof(h), c->types, h.type_len);
	memcpy(c->raw + sizeof(h) + h.type_len, orig + hdr_len + str_off, h.str_len);
	return 0;
}

static struct btf_type *copy_type(struct btf_copy *c, const struct btf *btf, __u32 id)
{
	const char *t = (const char *)btf__type_by_id(btf, id);

	return (struct btf_type *)(c->raw + sizeof(struct btf_header) + (t - c->types));
}

/*
 * Append a 4-byte int (when the object has none) and a "dummy_ksym" variable
 * of it, for the kfuncs' DATASEC slots and their unnamed parameters. The
 * header's type and string sections grow; ids of existing types stay.
 */
static int copy_append_dummy(struct btf_copy *c, const struct btf *btf, __u32 *var_id,
			     __u32 *int_id, __u32 *name_off)
{
	static const char names[] = "int\0dummy_ksym";
	struct btf_header *h = (struct btf_header *)c->raw;
	__u32 types_end = h->hdr_len + h->type_off + h->type_len;
	__u32 strs = h->hdr_len + h->str_off;
	__u32 add_types = 0, words[8];
	__u32 n = btf__type_cnt(btf);
	char *raw;

	*int_id = 0;
	for (__u32 i = 1; i < n && !*int_id; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (btf_is_int(t) && t->size == 4 && btf_int_bits(t) == 32 && !btf_int_offset(t))
			*int_id = i;
	}
	if (!*int_id) {
		words[0] = h->str_len;
		words[1] = BTF_KIND_INT << 24;
		words[2] = 4;
		words[3] = (BTF_INT_SIGNED << 24) | 32;
		add_types = 16;
		*int_id = n++;
	}
	*var_id = n;
	*name_off = h->str_len + 4;
	words[add_types / 4] = *name_off;
	words[add_types / 4 + 1] = BTF_KIND_VAR << 24;
	words[add_types / 4 + 2] = *int_id;
	words[add_types / 4 + 3] = BTF_VAR_GLOBAL_ALLOCATED;
	add_types += 16;
	raw = malloc(c->size + add_types + sizeof(names));
	if (!raw)
		return -ENOMEM;
	memcpy(raw, c->raw, types_end);
	memcpy(raw + types_end, words, add_types);
	memcpy(raw + types_end + add_types, c->raw + strs, h->str_len);
	memcpy(raw + types_end + add_types + h->str_len, names, sizeof(names));
	h = (struct btf_header *)raw;
	h->type_len += add_types;
	h->str_off = h->type_off + h->type_len;
	h->str_len += sizeof(names);
	free(c->raw);
	c->raw = raw;
	c->size = h->hdr_len + h->str_off + h->str_len;
	return 0;
}

static void fixup_kconfig_sec(struct bpf_object *obj, struct btf_copy *c, struct btf_type *sec)
{
	struct btf_var_secinfo *vs = btf_var_secinfos(sec);
	int i, j;

	sec->size = obj->maps[obj->kconfig_map_idx].value_size;
	for (i = 0; i < btf_vlen(sec); i++) {
		btf_var(copy_type(c, obj->btf, vs[i].type))->linkage = BTF_VAR_GLOBAL_ALLOCATED;
		for (j = 0; j < obj->nr_extern; j++)
			if (obj->externs[j].btf_id == (int)vs[i].type)
				vs[i].offset = obj->externs[j].kcfg.data_off;
	}
	btf_datasec_sort(sec);
}

static void fixup_ksyms_sec(struct bpf_object *obj, struct btf_copy *c, struct btf_type *sec,
			    __u32 var_id, __u32 int_id, __u32 name_off)
{
	struct btf_var_secinfo *vs = btf_var_secinfos(sec);
	int i, j;

	for (i = 0; i < btf_vlen(sec); i++, vs++) {
		struct btf_type *t = copy_type(c, obj->btf, vs->type);

		if (btf_is_func(t)) {
			struct btf_type *proto = copy_type(c, obj->btf, t->type);
			struct btf_param *p = btf_params(proto);

			for (j = 0; j < btf_vlen(proto); j++)
				if (!p[j].name_off && p[j].type)
					p[j].name_off = name_off;
			t->info = (t->info & ~0xffffU) | BTF_FUNC_GLOBAL;
			vs->type = var_id;
		} else {
			btf_var(t)->linkage = BTF_VAR_GLOBAL_ALLOCATED;
			t->type = int_id;
		}
		vs->offset = i * sizeof(int);
		vs->size = sizeof(int);
	}
	sec->size = btf_vlen(sec) * sizeof(int);
}

int externs_fixup_btf(struct bpf_object *obj, void **raw, __u32 *raw_size)
{
	struct btf_copy c;
	__s32 kcfg_id = -1, ksym_id = -1;
	__u32 var_id = 0, int_id = 0, name_off = 0;
	int err;

	err = copy_init(&c, obj->btf);
	if (err)
		return err;
	if (obj->nr_extern) {
		kcfg_id = btf__find_by_name_kind(obj->btf, ".kconfig", BTF_KIND_DATASEC);
		ksym_id = btf__find_by_name_kind(obj->btf, ".ksyms", BTF_KIND_DATASEC);
	}
	if (ksym_id > 0) {
		err = copy_append_dummy(&c, obj->btf, &var_id, &int_id, &name_off);
		if (err) {
			free(c.raw);
			return err;
		}
		fixup_ksyms_sec(obj, &c, copy_type(&c, obj->btf, ksym_id), var_id, int_id,
				name_off);
	}
	if (kcfg_id > 0 && obj->kconfig_map_idx >= 0)
		fixup_kconfig_sec(obj, &c, copy_type(&c, obj->btf, kcfg_id));
	*raw = c.raw;
	*raw_size = c.size;
	return 0;
}
