// SPDX-License-Identifier: BSD-2-Clause
/*
 * Exclusive maps (Linux 6.18): a map created with the SHA-256 of one
 * program's instructions may only be used by that program. The kernel
 * hashes the instructions it is given with the fds and values of map loads
 * zeroed, so the hash is taken of the fully linked program, which exists
 * only after relocation, while relocation needs the maps' fds. So the
 * programs are linked once before the maps exist, hashed, and put back as
 * they were opened; the load links them again with the real fds.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "object_internal.h"
#include "sha256.h"

static bool object_has_excl_maps(const struct bpf_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++)
		if (obj->maps[i].excl_prog)
			return true;
	return false;
}

static bool is_map_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW) &&
	       (insn->src_reg == BPF_PSEUDO_MAP_FD || insn->src_reg == BPF_PSEUDO_MAP_VALUE);
}

/* The kernel's digest of prog: both immediates of every map load zeroed. */
static int prog_hash(const struct bpf_program *prog, __u8 *out)
{
	struct bpf_insn *insns;
	size_t i;

	insns = malloc(prog->insns_cnt ? prog->insns_cnt * sizeof(*insns) : 1);
	if (!insns)
		return -ENOMEM;
	memcpy(insns, prog->insns, prog->insns_cnt * sizeof(*insns));
	for (i = 0; i < prog->insns_cnt; i++) {
		if (!is_map_ldimm64(&insns[i]))
			continue;
		if (i + 1 >= prog->insns_cnt) {
			pr_warn("prog '%s': map load at insn %zu lacks its second half\n",
				prog->name, i);
			free(insns);
			return -EINVAL;
		}
		insns[i].imm = 0;
		insns[++i].imm = 0;
	}
	sha256_digest(insns, prog->insns_cnt * sizeof(*insns), out);
	free(insns);
	return 0;
}

/* What linking changes of the programs, saved to undo it. */
struct link_snapshot {
	struct bpf_insn **insns;	/* each entry program's own instructions, or NULL */
};

static bool prog_gets_linked(const struct bpf_program *prog)
{
	return !prog->is_subprog && prog->autoload && !prog->insns_set;
}

static int snapshot_take(struct bpf_object *obj, struct link_snapshot *snap)
{
	size_t i, sz;

	snap->insns = calloc(obj->nr_programs ? obj->nr_programs : 1, sizeof(*snap->insns));
	if (!snap->insns)
		return -ENOMEM;
	for (i = 0; i < obj->nr_programs; i++) {
		const struct bpf_program *prog = &obj->progs[i];

		if (!prog_gets_linked(prog))
			continue;
		sz = prog->sec_insn_cnt * sizeof(struct bpf_insn);
		snap->insns[i] = malloc(sz ? sz : 1);
		if (!snap->insns[i])
			return -ENOMEM;
		memcpy(snap->insns[i], prog->insns, sz);
	}
	return 0;
}

/* Put back the opened instructions and drop the infos linking gathered. */
static void snapshot_restore(struct bpf_object *obj, struct link_snapshot *snap)
{
	size_t i;

	for (i = 0; i < obj->nr_programs && snap->insns; i++) {
		struct bpf_program *prog = &obj->progs[i];

		if (!snap->insns[i])
			continue;
		memcpy(prog->insns, snap->insns[i], prog->sec_insn_cnt * sizeof(struct bpf_insn));
		prog->insns_cnt = prog->sec_insn_cnt;
		free(prog->func_info);
		free(prog->line_info);
		prog->func_info = prog->line_info = NULL;
		prog->func_info_cnt = prog->line_info_cnt = 0;
		prog->func_info_rec_size = prog->line_info_rec_size = 0;
		free(snap->insns[i]);
	}
	free(snap->insns);
}

static int maps_hash(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (!map->excl_prog)
			continue;
		err = prog_hash(map->excl_prog, map->excl_prog_hash);
		if (err)
			return err;
	}
	return 0;
}

int maps_hash_excl_progs(struct bpf_object *obj)
{
	struct link_snapshot snap = {};
	int err;

	if (!object_has_excl_maps(obj))
		return 0;
	err = snapshot_take(obj, &snap);
	if (!err)
		err = reloc_link_programs(obj);
	if (!err)
		err = maps_hash(obj);
	snapshot_restore(obj, &snap);
	return err;
}
