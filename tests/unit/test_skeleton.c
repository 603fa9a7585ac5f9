// SPDX-License-Identifier: BSD-2-Clause
/*
 * The skeleton runtime on bad input: missing or short descriptions, an
 * embedded object that is not one, tables too small for their entries.
 * Each call fails with -EINVAL or the open error, leaves no object or
 * mapping behind, and destroying what is left is safe. (Loading and
 * running real skeletons is tested by tests/bats/gen.bats.)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "unit.h"

struct fake_skel {
	struct bpf_object *obj;
	struct bpf_map *map;
	void *mem;
	struct bpf_program *prog;
	struct bpf_link *link;
};

static struct bpf_object_skeleton *new_skel(struct fake_skel *f, const void *data, size_t size)
{
	struct bpf_object_skeleton *s = calloc(1, sizeof(*s));

	s->sz = sizeof(*s);
	s->name = "fake";
	s->obj = &f->obj;
	s->data = data;
	s->data_sz = size;
	s->map_cnt = 1;
	s->map_skel_sz = sizeof(*s->maps);
	s->maps = calloc(1, sizeof(*s->maps));
	s->maps[0].name = "fake.bss";
	s->maps[0].map = &f->map;
	s->maps[0].mmaped = &f->mem;
	s->prog_cnt = 1;
	s->prog_skel_sz = sizeof(*s->progs);
	s->progs = calloc(1, sizeof(*s->progs));
	s->progs[0].name = "prog";
	s->progs[0].prog = &f->prog;
	s->progs[0].link = &f->link;
	return s;
}

static void garbage_object(void)
{
	static const char junk[] = "\x7f" "ELF but not really an object";
	struct fake_skel f = { 0 };
	struct bpf_object_skeleton *s = new_skel(&f, junk, sizeof(junk));
	int err = bpf_object__open_skeleton(s, NULL);

	CHECK(err < 0, "open of a non-object fails (%d)", err);
	CHECK(!f.obj && !f.map && !f.mem && !f.prog, "nothing is left open or mapped");
	CHECK(bpf_object__load_skeleton(s) == -EINVAL, "load of an unopened skeleton: -EINVAL");
	CHECK(bpf_object__attach_skeleton(s) == -EINVAL, "attach of an unopened skeleton: -EINVAL");
	bpf_object__detach_skeleton(s);
	bpf_object__destroy_skeleton(s);
	CHECK(true, "destroying it is safe");
}

static void bad_descriptions(void)
{
	static const char junk[] = "x";
	struct fake_skel f = { 0 };
	struct bpf_object_skeleton *s = new_skel(&f, junk, sizeof(junk));
	struct bpf_object_open_opts opts = { .sz = 3 };

	CHECK(bpf_object__open_skeleton(NULL, NULL) == -EINVAL, "NULL skeleton: -EINVAL");
	s->sz = 8;
	CHECK(bpf_object__open_skeleton(s, NULL) == -EINVAL, "sz too small: -EINVAL");
	s->sz = sizeof(*s);
	s->map_skel_sz = 8;
	CHECK(bpf_object__open_skeleton(s, NULL) == -EINVAL, "map entries too small: -EINVAL");
	s->map_skel_sz = sizeof(*s->maps);
	s->prog_skel_sz = 4;
	CHECK(bpf_object__open_skeleton(s, NULL) == -EINVAL, "program entries too small: -EINVAL");
	s->prog_skel_sz = sizeof(*s->progs);
	s->data_sz = 0;
	CHECK(bpf_object__open_skeleton(s, NULL) == -EINVAL, "no embedded object: -EINVAL");
	s->data_sz = sizeof(junk);
	CHECK(bpf_object__open_skeleton(s, &opts) == -EINVAL, "bad open options: -EINVAL");
	CHECK(!f.obj && !f.mem, "nothing opened");
	bpf_object__destroy_skeleton(s);
	bpf_object__destroy_skeleton(NULL);
	CHECK(true, "destroy of NULL is a no-op");
}

static void bad_subskeleton(void)
{
	struct bpf_object_subskeleton *s = calloc(1, sizeof(*s));

	CHECK(bpf_object__open_subskeleton(NULL) == -EINVAL, "NULL subskeleton: -EINVAL");
	s->sz = sizeof(*s);
	CHECK(bpf_object__open_subskeleton(s) == -EINVAL, "subskeleton without object: -EINVAL");
	bpf_object__destroy_subskeleton(s);
	bpf_object__destroy_subskeleton(NULL);
	CHECK(true, "destroying subskeletons is safe");
}

int main(void)
{
	libbpf_set_print(NULL);
	garbage_object();
	bad_descriptions();
	bad_subskeleton();
	return unit_done();
}
