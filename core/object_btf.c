// SPDX-License-Identifier: BSD-2-Clause
/*
 * The object's BTF: reading .BTF and .BTF.ext, the fix-ups the kernel
 * needs before it accepts clang's output (DATASEC sizes and variable
 * offsets come from the ELF symbols, hidden global functions become
 * static), loading it, and finding attach targets in the kernel's BTF.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "btf_ext.h"
#include "log.h"
#include "object_internal.h"

static const struct elf_sec *sec_by_name(const struct bpf_object *obj, const char *name)
{
	size_t i;

	for (i = 1; i < obj->sec_cnt; i++)
		if (obj->secs[i].name && !strcmp(obj->secs[i].name, name))
			return &obj->secs[i];
	return NULL;
}

/* The object's own types are ours to patch: writable view of one. */
static struct btf_type *btf_type_mut(struct btf *btf, __u32 id)
{
	return (struct btf_type *)btf__type_by_id(btf, id);
}

static bool elf_sym_by_name(const struct bpf_object *obj, const char *name, GElf_Sym *sym)
{
	size_t i;

	for (i = 0; i < obj->sym_cnt; i++) {
		const char *n;

		if (!elf_sym(obj, i, sym) || GELF_ST_TYPE(sym->st_info) != STT_OBJECT)
			continue;
		n = elf_sym_name(obj, sym);
		if (n && !strcmp(n, name))
			return true;
	}
	return false;
}

static int secinfo_cmp(const void *a, const void *b)
{
	const struct btf_var_secinfo *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

void btf_datasec_sort(struct btf_type *t)
{
	qsort(btf_var_secinfos(t), btf_vlen(t), sizeof(struct btf_var_secinfo), secinfo_cmp);
}

/* Section size and variable offsets of one DATASEC, as clang may leave them 0. */
static int btf_fixup_datasec(struct bpf_object *obj, struct btf_type *t)
{
	const char *sec_name = btf__name_by_offset(obj->btf, t->name_off);
	struct btf_var_secinfo *vs = btf_var_secinfos(t);
	const struct elf_sec *sec;
	GElf_Sym sym;
	int i;

	if (!sec_name || !strcmp(sec_name, ".kconfig") || !strcmp(sec_name, ".ksyms"))
		return 0;	/* extern sections: laid out in externs.c */
	sec = sec_by_name(obj, sec_name);
	if (!sec) {
		pr_warn("btf: DATASEC '%s' has no ELF section\n", sec_name);
		return -ENOENT;
	}
	if (!t->size)
		t->size = sec->shdr.sh_size;
	for (i = 0; i < btf_vlen(t); i++, vs++) {
		struct btf_type *var = btf_type_mut(obj->btf, vs->type);
		const char *name;

		if (!var || !btf_is_var(var)) {
			pr_warn("btf: DATASEC '%s' lists type %u, which is not a variable\n",
				sec_name, vs->type);
			return -EINVAL;
		}
		if (btf_var(var)->linkage == BTF_VAR_STATIC)
			continue;
		name = btf__name_by_offset(obj->btf, var->name_off);
		if (!name || !elf_sym_by_name(obj, name, &sym)) {
			pr_warn("btf: variable '%s' of '%s' has no ELF symbol\n",
				name ? name : "?", sec_name);
			return -ENOENT;
		}
		vs->offset = sym.st_value;
		if (GELF_ST_VISIBILITY(sym.st_other) == STV_HIDDEN ||
		    GELF_ST_VISIBILITY(sym.st_other) == STV_INTERNAL)
			btf_var(var)->linkage = BTF_VAR_STATIC;
	}
	btf_datasec_sort(t);
	return 0;
}

/* A global function the object hides is verified as a static one. */
static void btf_mark_static_funcs(struct bpf_object *obj)
{
	size_t i;
	__s32 id;

	for (i = 0; i < obj->nr_programs; i++) {
		struct btf_type *t;

		if (!obj->progs[i].mark_btf_static)
			continue;
		id = btf__find_by_name_kind(obj->btf, obj->progs[i].name, BTF_KIND_FUNC);
		if (id <= 0)
			continue;
		t = btf_type_mut(obj->btf, id);
		t->info = (t->info & ~0xffffU) | BTF_FUNC_STATIC;
	}
}

static int btf_fixup(struct bpf_object *obj)
{
	__u32 id, n = btf__type_cnt(obj->btf);
	int err;

	for (id = 1; id < n; id++) {
		struct btf_type *t = btf_type_mut(obj->btf, id);

		if (!btf_is_datasec(t))
			continue;
		err = btf_fixup_datasec(obj, t);
		if (err)
			return err;
	}
	btf_mark_static_funcs(obj);
	return 0;
}

int btf_collect(struct bpf_object *obj)
{
	const struct elf_sec *btf_sec = sec_by_name(obj, ".BTF");
	const struct elf_sec *ext_sec = sec_by_name(obj, ".BTF.ext");

	if (!btf_sec)
		return 0;
	obj->btf = btf__new(btf_sec->data->d_buf, btf_sec->data->d_size);
	if (!obj->btf) {
		pr_warn("elf: '%s': cannot parse .BTF (%s); continuing without BTF\n",
			obj->path, strerror(errno));
		return 0;
	}
	if (btf_fixup(obj))
		return -EINVAL;
	if (!ext_sec)
		return 0;
	obj->btf_ext = btf_ext_parse(ext_sec->data->d_buf, ext_sec->data->d_size, obj->btf);
	if (!obj->btf_ext)
		pr_warn("elf: '%s': cannot parse .BTF.ext (%s); continuing without it\n",
			obj->path, strerror(errno));
	return 0;
}

int btf_vmlinux_load(struct bpf_object *obj)
{
	const char *what = obj->kernel_btf_path ? obj->kernel_btf_path : "the kernel";

	if (obj->btf_vmlinux)
		return 0;
	if (obj->kernel_btf_path)
		obj->btf_vmlinux = btf__parse(obj->kernel_btf_path, NULL);
	else
		obj->btf_vmlinux = btf__load_vmlinux_btf();
	if (!obj->btf_vmlinux) {
		pr_warn("object '%s': cannot load BTF of %s: %s\n", obj->name, what,
			strerror(errno));
		return -errno ? -errno : -ENOENT;
	}
	return 0;
}

/* Why the kernel refused the object's BTF, from probes; NULL if it should have taken it. */
static const char *btf_missing_feature(struct bpf_object *obj)
{
	if (!kernel_supports(obj, FEAT_BTF))
		return "the kernel does not support BTF";
	if (!kernel_supports(obj, FEAT_BTF_FUNC))
		return "the kernel does not support BTF functions";
	if (!kernel_supports(obj, FEAT_BTF_DATASEC))
		return "the kernel does not support BTF data sections";
	return NULL;
}

/* Say why the kernel refused the object's BTF, with its log if it should have taken it. */
static void btf_explain_refusal(struct bpf_object *obj, const void *raw, __u32 size, int err)
{
	const char *missing = btf_missing_feature(obj);

	if (missing) {
		pr_info("object '%s': %s; loading without BTF\n", obj->name, missing);
		return;
	}
	pr_warn("btf: the kernel rejects the object's BTF: %s\n", strerror(-err));
	btf_print_kernel_log(raw, size, "btf", object_token(obj));
	pr_warn("object '%s': loading without BTF (no func_info, line_info)\n", obj->name);
}

/*
 * The kernel taking the object's BTF proves the kinds in it are supported:
 * probes run only to explain a refusal.
 */
int btf_load_into_kernel(struct bpf_object *obj)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .token_fd = object_token(obj));
	__u32 size;
	void *raw;
	int fd, err;

	if (!obj->btf)
		return 0;
	err = externs_fixup_btf(obj, &raw, &size);
	if (err)
		return err;
	fd = bpf_btf_load(raw, size, &opts);
	if (fd < 0)
		btf_explain_refusal(obj, raw, size, fd);
	else
		obj->btf_fd = fd;
	free(raw);
	return 0;
}

/* Kernel BTF name and kind of the attach target of a SEC_ATTACH_BTF program. */
int btf_attach_target_name(const struct bpf_program *prog, char *buf, size_t size, int *kind)
{
	const char *slash = strchr(prog->sec_name, '/');
	const char *pfx = "";

	if (!slash || !slash[1]) {
		pr_warn("prog '%s': section '%s' names no attach target\n", prog->name,
			prog->sec_name);
		return -EINVAL;
	}
	*kind = BTF_KIND_FUNC;
	if (prog->expected_attach_type == BPF_TRACE_RAW_TP) {
		pfx = "btf_trace_";
		*kind = BTF_KIND_TYPEDEF;
	} else if (prog->type == BPF_PROG_TYPE_LSM) {
		pfx = "bpf_lsm_";
	} else if (prog->expected_attach_type == BPF_TRACE_ITER) {
		pfx = "bpf_iter_";
	} else if (prog->type == BPF_PROG_TYPE_EXT) {
		pr_warn("prog '%s': freplace needs a target program: "
			"bpf_program__set_attach_target()\n", prog->name);
		return -EINVAL;
	}
	snprintf(buf, size, "%s%s", pfx, slash + 1);
	return 0;
}

int btf_attach_target(struct bpf_object *obj, struct bpf_program *prog)
{
	char name[256];
	int kind, err;
	__s32 id;

	if (!prog->sec_def || !(prog->sec_def->flags & SEC_ATTACH_BTF) || prog->attach_btf_id)
		return 0;
	if (prog->attach_prog_fd) {
		/* a target program without a function name: the section names it */
		const char *slash = strchr(prog->sec_name, '/');

		if (!slash || !slash[1]) {
			pr_warn("prog '%s': section '%s' names no function of the target program\n",
				prog->name, prog->sec_name);
			return -EINVAL;
		}
		id = btf_find_prog_func(prog->attach_prog_fd, slash + 1, object_token(obj));
		if (id < 0)
			return id;
		prog->attach_btf_id = id;
		return 0;
	}
	err = btf_attach_target_name(prog, name, sizeof(name), &kind);
	if (!err)
		err = btf_vmlinux_load(obj);
	if (err)
		return err;
	id = btf__find_by_name_kind(obj->btf_vmlinux, name, kind);
	if (id <= 0) {
		pr_warn("prog '%s': attach target '%s' not found in the kernel's BTF\n",
			prog->name, name);
		return -ESRCH;
	}
	prog->attach_btf_id = id;
	return 0;
}

int btf_find_prog_func(int prog_fd, const char *name, __u32 token_fd)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	struct btf *btf;
	int err;
	__s32 id;

	memset(&info, 0, sizeof(info));
	err = bpf_prog_get_info_by_fd(prog_fd, &info, &len);
	if (err) {
		pr_warn("can't get info of target program fd %d: %s\n", prog_fd, strerror(-err));
		return err;
	}
	if (!info.btf_id) {
		pr_warn("target program fd %d (id %u) has no BTF to find '%s' in\n", prog_fd,
			info.id, name);
		return -EINVAL;
	}
	btf = btf_kernel_load_by_id(info.btf_id, NULL, token_fd);
	if (!btf) {
		err = -errno;
		pr_warn("can't load BTF id %u of target program id %u: %s\n", info.btf_id,
			info.id, strerror(-err));
		return err;
	}
	id = btf__find_by_name_kind(btf, name, BTF_KIND_FUNC);
	btf__free(btf);
	if (id <= 0) {
		pr_warn("target program id %u has no function '%s'\n", info.id, name);
		return -ESRCH;
	}
	return id;
}

int btf_find_vmlinux_attach_id(const struct btf *vmlinux, const char *name,
			       enum bpf_attach_type attach_type)
{
	const char *pfx = "";
	char buf[256];
	int kind = BTF_KIND_FUNC;
	__s32 id;

	switch (attach_type) {
	case BPF_TRACE_RAW_TP:
		pfx = "btf_trace_";
		kind = BTF_KIND_TYPEDEF;
		break;
	case BPF_LSM_MAC:
	case BPF_LSM_CGROUP:
		pfx = "bpf_lsm_";
		break;
	case BPF_TRACE_ITER:
		pfx = "bpf_iter_";
		break;
	default:
		break;
	}
	if ((size_t)snprintf(buf, sizeof(buf), "%s%s", pfx, name) >= sizeof(buf))
		return -ENAMETOOLONG;
	id = btf__find_by_name_kind(vmlinux, buf, kind);
	return id > 0 ? id : -ESRCH;
}
