// SPDX-License-Identifier: BSD-2-Clause
/*
 * For tests/bats/btf_multi.bats: two split BTFs on a base (the running
 * kernel's vmlinux BTF), as two kernel modules' BTFs would be, written as
 * raw BTF files. Both define struct loadopts_shared (identically), so that
 * a merge keeps one; the first also carries its own copy of the base's
 * "int", which deduplication against the base removes.
 *
 *   btf_split_make BASE OUT1 OUT2
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

static int base_id(const struct btf *base, const char *name, int kind)
{
	int id = btf__find_by_name_kind(base, name, kind);

	if (id <= 0)
		fprintf(stderr, "base BTF has no %s\n", name);
	return id;
}

/* struct loadopts_shared { int count; int flags; } */
static int add_shared(struct btf *btf, int int_id)
{
	int id = btf__add_struct(btf, "loadopts_shared", 8);

	if (id < 0 || btf__add_field(btf, "count", int_id, 0, 0) ||
	    btf__add_field(btf, "flags", int_id, 32, 0))
		return -1;
	return id;
}

/* struct NAME { F1 at 0; F2 at 8 } of 16 bytes, both 8-byte members */
static int add_pair_struct(struct btf *btf, const char *name, const char *f1, int t1,
			   const char *f2, int t2)
{
	if (btf__add_struct(btf, name, 16) < 0 || btf__add_field(btf, f1, t1, 0, 0) ||
	    btf__add_field(btf, f2, t2, 64, 0))
		return -1;
	return 0;
}

/* int (a copy of the base's); loadopts_shared; struct loadopts_mod1 { shared *; task_struct * } */
static int fill_mod1(struct btf *btf, const struct btf *base)
{
	int task = base_id(base, "task_struct", BTF_KIND_STRUCT);
	int int_id, shared, shared_ptr, task_ptr;

	int_id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	shared = int_id < 0 ? -1 : add_shared(btf, int_id);
	shared_ptr = shared < 0 ? -1 : btf__add_ptr(btf, shared);
	task_ptr = task <= 0 ? -1 : btf__add_ptr(btf, task);
	if (shared_ptr < 0 || task_ptr < 0)
		return -1;
	return add_pair_struct(btf, "loadopts_mod1", "shared", shared_ptr, "task", task_ptr);
}

/* loadopts_shared on the base's int; enum loadopts_mod2_state; struct loadopts_mod2 */
static int fill_mod2(struct btf *btf, const struct btf *base)
{
	int int_id = base_id(base, "int", BTF_KIND_INT);
	int shared, shared_ptr, state;

	shared = int_id <= 0 ? -1 : add_shared(btf, int_id);
	shared_ptr = shared < 0 ? -1 : btf__add_ptr(btf, shared);
	state = btf__add_enum(btf, "loadopts_mod2_state", 4);
	if (shared_ptr < 0 || state < 0 || btf__add_enum_value(btf, "LOADOPTS_IDLE", 0) ||
	    btf__add_enum_value(btf, "LOADOPTS_BUSY", 1))
		return -1;
	return add_pair_struct(btf, "loadopts_mod2", "shared", shared_ptr, "state", state);
}

static int write_split(struct btf *base, const char *path,
		       int (*fill)(struct btf *, const struct btf *))
{
	struct btf *btf = btf__new_empty_split(base);
	const void *data;
	__u32 size;
	FILE *f;
	int err = -1;

	if (!btf || fill(btf, base)) {
		fprintf(stderr, "can't build the split BTF for %s: %s\n", path, strerror(errno));
		goto out;
	}
	data = btf__get_raw_data(btf, &size);
	f = data ? fopen(path, "wb") : NULL;
	if (!f || fwrite(data, 1, size, f) != size) {
		fprintf(stderr, "can't write %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		goto out;
	}
	err = fclose(f) ? -1 : 0;
out:
	btf__free(btf);
	return err;
}

int main(int argc, char **argv)
{
	struct btf *base;
	int err;

	if (argc != 4) {
		fprintf(stderr, "usage: %s BASE OUT1 OUT2\n", argv[0]);
		return 2;
	}
	base = btf__parse(argv[1], NULL);
	if (!base) {
		fprintf(stderr, "can't read %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	err = write_split(base, argv[2], fill_mod1) || write_split(base, argv[3], fill_mod2);
	btf__free(base);
	return err ? 1 : 0;
}
