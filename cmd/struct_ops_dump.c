// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct_ops values in JSON: structs that hold function pointers are
 * written member by member, so that each function pointer, a program id
 * in the kernel's copy, can name its program; everything else goes to the
 * BTF-typed formatter of map dumps.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "json_writer.h"
#include "prog_func_sig.h"
#include "prog_info.h"
#include "report.h"
#include "struct_ops_dump.h"
#include "typed_value.h"

#define MAX_DEPTH	8

static const struct btf_type *skip_typedefs(const struct btf *btf, __u32 id, __u32 *res)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res)
		*res = id;
	return t;
}

/* The FUNC_PROTO a function pointer member points to, or NULL if it is no such member. */
static const struct btf_type *func_ptr_proto(const struct btf *btf, __u32 type_id, __u32 *id)
{
	const struct btf_type *t = skip_typedefs(btf, type_id, NULL);

	if (!t || !btf_is_ptr(t))
		return NULL;
	t = skip_typedefs(btf, t->type, id);
	return t && btf_is_func_proto(t) ? t : NULL;
}

/* A struct written member by member: one with function pointers, no bitfields. */
static bool walk_members(const struct btf *btf, const struct btf_type *t, int depth)
{
	const struct btf_member *m = btf_members(t);
	bool fptr = false;
	__u16 i;

	if (!btf_is_struct(t) || depth >= MAX_DEPTH)
		return false;
	for (i = 0; i < btf_vlen(t); i++, m++) {
		const struct btf_type *mt = skip_typedefs(btf, m->type, NULL);

		if (btf_member_bitfield_size(t, i))
			return false;
		fptr |= func_ptr_proto(btf, m->type, NULL) ||
			(mt && walk_members(btf, mt, depth + 1));
	}
	return fptr;
}

/* "SIGNATURE NAME/prog_id:ID", or "SIGNATURE 0" for no program. */
static void func_ptr_json(const struct btf *btf, __u32 proto_id, __u64 prog_id,
			  struct json_writer *jw)
{
	char sig[512], name[256], str[1024];
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	const char *pname = "<unknown_prog_name>";
	int fd = -1;

	if (func_sig(btf, proto_id, sig, sizeof(sig)))
		snprintf(sig, sizeof(sig), "<unknown signature>");
	if (!prog_id) {
		snprintf(str, sizeof(str), "%s 0", sig);
		jsonw_string(jw, str);
		return;
	}
	memset(&info, 0, sizeof(info));
	if (prog_id <= UINT32_MAX)
		fd = bpf_prog_get_fd_by_id(prog_id);
	if (fd >= 0 && !bpf_prog_get_info_by_fd(fd, &info, &len))
		pname = prog_full_name(fd, &info, name, sizeof(name));
	if (fd >= 0)
		close(fd);
	snprintf(str, sizeof(str), "%s %s/prog_id:%llu", sig, pname, (unsigned long long)prog_id);
	jsonw_string(jw, str);
}

static int value_json(const struct btf *btf, __u32 type_id, const char *data, size_t size,
		      struct json_writer *jw, int depth)
{
	const struct btf_type *t = skip_typedefs(btf, type_id, &type_id);
	const struct btf_member *m;
	__u32 off, proto_id;
	__u64 id;
	__u16 i;
	int err = 0;

	if (!t || !walk_members(btf, t, depth) || t->size > size)
		return btf_typed_value_json(btf, type_id, data, size, jw);
	jsonw_start_object(jw);
	m = btf_members(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		off = btf_member_bit_offset(t, i) / 8;
		jsonw_name(jw, btf__name_by_offset(btf, m->name_off) ?: "");
		if (func_ptr_proto(btf, m->type, &proto_id) && off + sizeof(id) <= t->size) {
			memcpy(&id, data + off, sizeof(id));
			func_ptr_json(btf, proto_id, id, jw);
			continue;
		}
		/* a member that can't be written is null: the document stays whole */
		if (value_json(btf, m->type, data + off, t->size - off, jw, depth + 1)) {
			jsonw_null(jw);
			err = -EINVAL;
		}
	}
	jsonw_end_object(jw);
	return err;
}

int st_ops_value_json(const struct btf *btf, __u32 type_id, const void *data, size_t size,
		      struct json_writer *jw)
{
	return value_json(btf, type_id, data, size, jw, 0);
}
