// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct_ops maps against the running kernel: the kernel type of each map
 * (bpf_struct_ops_<name> wrapping struct <name>, in vmlinux or in a
 * module's BTF), the value rebuilt in the kernel's layout member by member,
 * and the programs' attach_btf_id / expected_attach_type (kernel type and
 * member index), which the verifier uses to check each one against the
 * member it implements.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "core_relo_internal.h"
#include "log.h"
#include "object_internal.h"
#include "struct_ops.h"

#define ST_OPS_VALUE_PREFIX	"bpf_struct_ops_"
/* Not in the 6.1 UAPI headers: value_type_btf_obj_fd is set (6.9). */
#define MAP_F_VTYPE_BTF_OBJ_FD	(1U << 15)


/* Where a struct_ops type lives in the kernel. */
struct kern_st_ops {
	struct btf *btf;		/* vmlinux's (the object's) or a module's */
	bool own_btf;			/* a module's split BTF, freed by the caller */
	int mod_fd;			/* that module's BTF fd, or -1 */
	__u32 type_id;			/* struct <name> */
	__u32 vtype_id;			/* struct bpf_struct_ops_<name> */
	__u32 data_off;			/* of <name> within the bpf_struct_ops_<name> */
	__u32 vsize;			/* of bpf_struct_ops_<name>: the map's value */
};

/* Fill k if btf has bpf_struct_ops_<tname> wrapping struct <tname>; -ESRCH if not. */
static int kern_types_in(struct kern_st_ops *k, const char *tname, const char *vname)
{
	const struct btf_type *vt;
	const struct btf_member *m;
	int vid, id;
	__u16 i;

	vid = btf__find_by_name_kind(k->btf, vname, BTF_KIND_STRUCT);
	id = btf__find_by_name_kind(k->btf, tname, BTF_KIND_STRUCT);
	if (vid <= 0 || id <= 0)
		return -ESRCH;
	vt = btf__type_by_id(k->btf, vid);
	m = btf_members(vt);
	for (i = 0; i < btf_vlen(vt); i++, m++) {
		if (m->type != (__u32)id)
			continue;
		k->type_id = id;
		k->vtype_id = vid;
		k->data_off = btf_member_bit_offset(vt, i) / 8;
		k->vsize = vt->size;
		return 0;
	}
	return -ESRCH;
}

/* Is BTF object id a module's BTF holding the types? Then k owns it. */
static int kern_types_in_module(struct kern_st_ops *k, struct btf *vmlinux, __u32 id,
				const char *tname, const char *vname)
{
	struct bpf_btf_info info;
	__u32 len = sizeof(info);
	char name[64] = "";
	int fd;

	fd = bpf_btf_get_fd_by_id(id);
	if (fd < 0)
		return -ESRCH;	/* gone meanwhile */
	memset(&info, 0, sizeof(info));
	info.name = (__u64)(unsigned long)name;
	info.name_len = sizeof(name);
	if (bpf_btf_get_info_by_fd(fd, &info, &len) || !info.kernel_btf ||
	    !strcmp(name, "vmlinux"))
		goto miss;
	k->btf = btf__load_from_kernel_by_id_split(id, vmlinux);
	if (!k->btf)
		goto miss;
	if (!kern_types_in(k, tname, vname)) {
		k->own_btf = true;
		k->mod_fd = fd;
		return 0;
	}
	btf__free(k->btf);
miss:
	close(fd);
	return -ESRCH;
}

static int kern_types_find(struct bpf_object *obj, const char *tname, struct kern_st_ops *k)
{
	char vname[256];
	__u32 id = 0;
	int err;

	snprintf(vname, sizeof(vname), "%s%s", ST_OPS_VALUE_PREFIX, tname);
	k->mod_fd = -1;
	k->own_btf = false;
	err = btf_vmlinux_load(obj);
	if (err)
		return err;
	k->btf = obj->btf_vmlinux;
	if (!kern_types_in(k, tname, vname))
		return 0;
	/* a kernel BTF given by path has no modules to look in */
	while (!obj->kernel_btf_path && !bpf_btf_get_next_id(id, &id))
		if (!kern_types_in_module(k, obj->btf_vmlinux, id, tname, vname))
			return 0;
	pr_warn("struct_ops: the kernel has no struct_ops type %s (no struct %s in its BTF)\n",
		tname, vname);
	return -ENOTSUP;
}

/* kmt, a pointer in the kernel's BTF, points to a function. */
static bool is_kern_func_ptr(const struct btf *btf, const struct btf_type *kmt)
{
	const struct btf_type *t = core_skip_mods_typedefs(btf, kmt->type, NULL);

	return t && btf_is_func_proto(t);
}

/* Program prog implements member idx of k's type; a program serves one member only. */
static int st_ops_bind_prog(struct bpf_map *map, struct bpf_program *prog,
			    const struct kern_st_ops *k, __u32 idx, const char *mname)
{
	if (!prog->attach_btf_id) {
		prog->attach_btf_id = k->type_id;
		prog->expected_attach_type = idx;
		prog->attach_btf_obj_fd = k->mod_fd >= 0 ? k->mod_fd : 0;
	}
	if (prog->attach_btf_id != k->type_id || prog->expected_attach_type != idx) {
		pr_warn("struct_ops %s: member '%s': program '%s' already implements member %u "
			"of kernel type %u, not member %u of %u\n", map->name, mname, prog->name,
			prog->expected_attach_type, prog->attach_btf_id, idx, k->type_id);
		return -EINVAL;
	}
	return 0;
}

/* The shadow member i of map copied into the kernel value, or its program noted. */
static int st_ops_member(struct bpf_map *map, const struct kern_st_ops *k, __u32 i)
{
	struct struct_ops *st = map->st_ops;
	const struct btf *btf = map->obj->btf;
	const struct btf_type *t = btf__type_by_id(btf, st->type_id);
	const struct btf_type *kt = btf__type_by_id(k->btf, k->type_id), *mt, *kmt;
	const struct btf_member *m = btf_members(t) + i, *km = btf_members(kt);
	const char *mname = btf__name_by_offset(btf, m->name_off);
	__u32 moff = btf_member_bit_offset(t, i) / 8, koff, kidx, kmt_id;
	__s64 msize = btf__resolve_size(btf, m->type), ksize;
	const char *mdata = (const char *)st->data + moff;
	struct bpf_program *prog;

	if (msize < 0 || moff + msize > st->size) {
		pr_warn("struct_ops %s: member '%s' has no usable size\n", map->name, mname);
		return -EINVAL;
	}
	for (kidx = 0; kidx < btf_vlen(kt); kidx++, km++)
		if (!strcmp(btf__name_by_offset(k->btf, km->name_off), mname))
			break;
	if (kidx == btf_vlen(kt)) {
		/*
		 * A member this kernel lacks is fine as long as it is empty; a
		 * program the skeleton took out of it then stays unloaded.
		 */
		for (koff = 0; koff < msize; koff++)
			if (mdata[koff])
				break;
		if (koff < msize) {
			pr_warn("struct_ops %s: member '%s' is set but the kernel's struct has no "
				"such member\n", map->name, mname);
			return -ENOTSUP;
		}
		if (st->progs[i]) {
			pr_info("struct_ops %s: member '%s' not in the kernel: program '%s' "
				"not loaded for it\n", map->name, mname, st->progs[i]->name);
			st->progs[i]->autoload = false;
			st->progs[i] = NULL;
		}
		return 0;
	}
	if (btf_member_bitfield_size(t, i) || btf_member_bitfield_size(kt, kidx)) {
		pr_warn("struct_ops %s: member '%s' is a bitfield, which is not supported\n",
			map->name, mname);
		return -ENOTSUP;
	}
	koff = k->data_off + btf_member_bit_offset(kt, kidx) / 8;
	if (koff >= k->vsize) {
		pr_warn("struct_ops %s: kernel member '%s' lies outside its value\n", map->name,
			mname);
		return -EINVAL;
	}
	mt = core_skip_mods_typedefs(btf, m->type, NULL);
	kmt = core_skip_mods_typedefs(k->btf, km->type, &kmt_id);
	if (!mt || !kmt || btf_kind(mt) != btf_kind(kmt)) {
		pr_warn("struct_ops %s: member '%s' is of another kind than the kernel's\n",
			map->name, mname);
		return -ENOTSUP;
	}
	if (btf_is_ptr(mt)) {
		memcpy(&prog, mdata, sizeof(prog));
		/* the skeleton may have swapped or cleared the compiled-in program */
		if (st->progs[i] && st->progs[i] != prog)
			st->progs[i]->autoload = false;
		st->progs[i] = prog;
		if (!prog)
			return 0;
		if (prog < map->obj->progs || prog >= map->obj->progs + map->obj->nr_programs ||
		    prog->type != BPF_PROG_TYPE_STRUCT_OPS) {
			pr_warn("struct_ops %s: member '%s' is not set to a struct_ops program of "
				"this object\n", map->name, mname);
			return -EINVAL;
		}
		if (!is_kern_func_ptr(k->btf, kmt) || koff + sizeof(long) > k->vsize) {
			pr_warn("struct_ops %s: kernel member '%s' is no function pointer\n",
				map->name, mname);
			return -ENOTSUP;
		}
		st->kern_func_off[i] = koff;
		return st_ops_bind_prog(map, prog, k, kidx, mname);
	}
	ksize = btf__resolve_size(k->btf, kmt_id);
	if (ksize != msize || koff + ksize > k->vsize) {
		pr_warn("struct_ops %s: member '%s' has %lld bytes, the kernel's %lld\n",
			map->name, mname, (long long)msize, (long long)ksize);
		return -ENOTSUP;
	}
	memcpy((char *)st->kern_vdata + koff, mdata, msize);
	return 0;
}

static int st_ops_init_map(struct bpf_map *map)
{
	struct struct_ops *st = map->st_ops;
	const struct btf *btf = map->obj->btf;
	const struct btf_type *t = btf__type_by_id(btf, st->type_id), *vt;
	struct kern_st_ops k;
	char tname[192];
	const char *raw = btf__name_by_offset(btf, t->name_off);
	__u32 i;
	int err;

	/* "tcp_congestion_ops___v2" is the object's flavour of tcp_congestion_ops */
	snprintf(tname, sizeof(tname), "%.*s", (int)core_essential_name_len(raw), raw);
	err = kern_types_find(map->obj, tname, &k);
	if (err)
		return err;
	vt = btf__type_by_id(k.btf, k.vtype_id);
	st->kern_vdata = calloc(1, vt->size ? vt->size : 1);
	if (!st->kern_vdata) {
		err = -ENOMEM;
		goto out;
	}
	map->value_size = vt->size;
	st->kern_vtype_id = k.vtype_id;
	for (i = 0; i < btf_vlen(t) && !err; i++)
		err = st_ops_member(map, &k, i);
	if (!err && k.mod_fd >= 0) {
		st->mod_btf_fd = k.mod_fd;
		k.mod_fd = -1;
	}
	pr_debug("struct_ops %s: kernel type %s (id %u), value %u bytes%s\n", map->name, tname,
		 k.vtype_id, vt->size, st->mod_btf_fd >= 0 ? ", in a module" : "");
out:
	if (k.mod_fd >= 0)
		close(k.mod_fd);
	if (k.own_btf)
		btf__free(k.btf);
	return err;
}

/*
 * A program that struct_ops maps point to loads when one of those maps is
 * created, and not when none is: a "?.struct_ops" map left out takes its
 * programs with it. Programs no map names keep their autoload.
 */
static void st_ops_adjust_autoload(struct bpf_object *obj)
{
	size_t i, j;
	__u32 k;

	for (i = 0; i < obj->nr_programs; i++) {
		struct bpf_program *prog = &obj->progs[i];
		bool used = false, load = false;

		if (prog->type != BPF_PROG_TYPE_STRUCT_OPS)
			continue;
		for (j = 0; j < obj->nr_maps; j++) {
			const struct bpf_map *map = &obj->maps[j];
			const struct btf_type *t;

			if (!map->st_ops)
				continue;
			t = btf__type_by_id(obj->btf, map->st_ops->type_id);
			for (k = 0; k < btf_vlen(t); k++) {
				if (map->st_ops->progs[k] != prog)
					continue;
				used = true;
				load |= map->autocreate;
			}
		}
		if (used)
			prog->autoload = load;
	}
}

int struct_ops_init_kern(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (!map->st_ops || !map->autocreate || map->fd >= 0)
			continue;
		err = st_ops_init_map(map);
		if (err) {
			pr_warn("struct_ops %s: can't match the kernel's type: %s\n", map->name,
				strerror(-err));
			return err;
		}
	}
	st_ops_adjust_autoload(obj);
	return 0;
}

void struct_ops_prepare(struct bpf_object *obj)
{
	size_t i;
	__u32 k;

	for (i = 0; i < obj->nr_maps; i++) {
		const struct bpf_map *map = &obj->maps[i];
		const struct btf_type *t;
		unsigned long fd;

		if (!map->st_ops || !map->st_ops->kern_vdata)
			continue;
		t = btf__type_by_id(obj->btf, map->st_ops->type_id);
		for (k = 0; k < btf_vlen(t); k++) {
			if (!map->st_ops->progs[k])
				continue;
			/* the kernel takes a program fd where the function pointer goes */
			fd = map->st_ops->progs[k]->fd;
			memcpy((char *)map->st_ops->kern_vdata + map->st_ops->kern_func_off[k], &fd,
			       sizeof(fd));
		}
	}
}

void struct_ops_create_opts(const struct bpf_map *map, struct bpf_map_create_opts *opts)
{
	/* the kernel finds its type through the object's BTF fd, with no value type */
	opts->btf_fd = map->obj->btf_fd >= 0 ? map->obj->btf_fd : 0;
	opts->btf_key_type_id = 0;
	opts->btf_value_type_id = 0;
	opts->btf_vmlinux_value_type_id = map->st_ops->kern_vtype_id;
	if (map->st_ops->mod_btf_fd >= 0) {
		opts->value_type_btf_obj_fd = map->st_ops->mod_btf_fd;
		opts->map_flags |= MAP_F_VTYPE_BTF_OBJ_FD;
	}
}
