// SPDX-License-Identifier: BSD-2-Clause
/*
 * A BPF ELF object as bpf_object__open_mem() takes it: everything opening
 * collects (sections, programs and their relocations, maps with their
 * initial values and slots, externs, .BTF and .BTF.ext) is then read back
 * through the getters, so that ASan sees every byte the loader kept.
 */
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_ext.h"
#include "fuzz.h"
#include "object_internal.h"

/* Where the bytes read back go, so that no read is optimised away. */
static volatile unsigned long sink;

static void touch(const void *p, size_t size)
{
	const unsigned char *b = p;
	unsigned long sum = 0;
	size_t i;

	for (i = 0; p && i < size; i++)
		sum += b[i];
	sink += sum;
}

static void touch_str(const char *s)
{
	if (s)
		touch(s, strlen(s) + 1);
}

static void walk_progs(struct bpf_object *obj)
{
	struct bpf_program *prog;
	int i;

	bpf_object__for_each_program(prog, obj) {
		touch_str(bpf_program__name(prog));
		touch_str(bpf_program__section_name(prog));
		sink += bpf_program__type(prog) + bpf_program__expected_attach_type(prog) +
			bpf_program__flags(prog) + bpf_program__autoload(prog);
		touch(bpf_program__insns(prog),
		      bpf_program__insn_cnt(prog) * sizeof(struct bpf_insn));
		for (i = 0; i < prog->nr_relos; i++)
			touch(&prog->relos[i], sizeof(prog->relos[i]));
	}
}

static void walk_map(struct bpf_map *map)
{
	size_t size = 0;
	const void *init;
	int i;

	touch_str(bpf_map__name(map));
	touch_str(bpf_map__pin_path(map));
	sink += bpf_map__type(map) + bpf_map__key_size(map) + bpf_map__value_size(map) +
		bpf_map__max_entries(map) + bpf_map__map_flags(map) + bpf_map__numa_node(map) +
		bpf_map__map_extra(map) + bpf_map__btf_key_type_id(map) +
		bpf_map__btf_value_type_id(map) + bpf_map__is_internal(map) +
		bpf_map__autocreate(map);
	init = bpf_map__initial_value(map, &size);
	touch(init, size);
	for (i = 0; i < map->init_slots_sz; i++)
		sink += map->init_slots[i];
}

static void walk_maps(struct bpf_object *obj)
{
	struct bpf_map *map, *inner;

	bpf_object__for_each_map(map, obj) {
		walk_map(map);
		inner = bpf_map__inner_map(map);
		if (inner)
			walk_map(inner);
	}
}

static void walk_btf(const struct btf *btf, const struct btf_ext *ext)
{
	const struct btf_ext_sec *sec;
	__u32 id, n, i;
	int kind;

	n = btf ? btf__type_cnt(btf) : 0;
	for (id = 1; id < n; id++)
		touch_str(btf__name_by_offset(btf, btf__type_by_id(btf, id)->name_off));
	for (kind = 0; ext && kind < BTF_EXT_KIND_CNT; kind++) {
		for (n = 0; n < btf_ext_sec_cnt(ext, kind); n++) {
			sec = btf_ext_sec(ext, kind, n);
			touch_str(sec->sec_name);
			for (i = 0; i < sec->rec_cnt; i++)
				touch(btf_ext_rec(sec, i), sec->rec_size);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "fuzz");
	struct bpf_object *obj;
	int i;

	obj = bpf_object__open_mem(data, size, &opts);
	if (!obj)
		return 0;
	touch_str(bpf_object__name(obj));
	sink += bpf_object__kversion(obj);
	walk_progs(obj);
	walk_maps(obj);
	for (i = 0; i < obj->nr_extern; i++)
		touch_str(obj->externs[i].name);
	walk_btf(bpf_object__btf(obj), obj->btf_ext);
	bpf_object__close(obj);
	return 0;
}
