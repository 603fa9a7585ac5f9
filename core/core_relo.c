// SPDX-License-Identifier: BSD-2-Clause
/*
 * CO-RE relocation driver: for each record, parse the local access spec,
 * find the target types of the same essential name and kind (cached per
 * local type), match the spec against each, insist that all matches agree,
 * and patch or poison the instruction.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core_relo.h"
#include "core_relo_internal.h"
#include "log.h"

/* Target types a local type may stand for; narrowed as relocations match. */
struct core_cands {
	__u32 *ids;
	__u32 cnt;
	bool searched;
};

struct core_relo_ctx {
	const struct btf *local_btf;
	const struct btf *targ_btf;
	struct core_cands *cands;	/* indexed by local type id */
	__u32 local_cnt;
	/* scratch specs: too big for the stack of a deep call chain */
	struct core_spec local, cand, targ;
	bool targ_found;	/* targ holds the last relocation's target */
};

struct core_relo_ctx *core_relo_ctx_new(const struct btf *local_btf, const struct btf *targ_btf)
{
	struct core_relo_ctx *ctx;

	if (!local_btf || !targ_btf)
		return libbpf_err_ptr(-EINVAL);
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return libbpf_err_ptr(-ENOMEM);
	ctx->local_btf = local_btf;
	ctx->targ_btf = targ_btf;
	ctx->local_cnt = btf__type_cnt(local_btf);
	ctx->cands = calloc(ctx->local_cnt, sizeof(*ctx->cands));
	if (!ctx->cands) {
		free(ctx);
		return libbpf_err_ptr(-ENOMEM);
	}
	return ctx;
}

void core_relo_ctx_free(struct core_relo_ctx *ctx)
{
	__u32 i;

	if (!ctx)
		return;
	for (i = 0; i < ctx->local_cnt; i++)
		free(ctx->cands[i].ids);
	free(ctx->cands);
	free(ctx);
}

static int add_cand(struct core_cands *c, __u32 id, __u32 *cap)
{
	__u32 *ids;

	if (c->cnt == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		ids = realloc(c->ids, *cap * sizeof(*ids));
		if (!ids)
			return -ENOMEM;
		c->ids = ids;
	}
	c->ids[c->cnt++] = id;
	return 0;
}

/* Every target type of a compatible kind whose name equals local_t's, flavours aside. */
static int search_cands(const struct core_relo_ctx *ctx, const struct btf_type *local_t,
			const char *local_name, struct core_cands *c)
{
	size_t len = core_essential_name_len(local_name);
	__u32 id, n = btf__type_cnt(ctx->targ_btf), cap = 0;
	const struct btf_type *t;
	const char *name;
	int err;

	for (id = 1; id < n; id++) {
		t = btf__type_by_id(ctx->targ_btf, id);
		if (!t || !core_kinds_compat(t, local_t))
			continue;
		name = btf__name_by_offset(ctx->targ_btf, t->name_off);
		if (!name || !name[0] || strncmp(name, local_name, len) ||
		    core_essential_name_len(name) != len)
			continue;
		err = add_cand(c, id, &cap);
		if (err)
			return err;
	}
	c->searched = true;
	return 0;
}

static const char *type_name(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const char *name = t ? btf__name_by_offset(btf, t->name_off) : NULL;

	return name ? name : "";
}

/* Keep the candidates in order, dropping those that did not match. */
struct match_state {
	struct core_relo_res res;
	__u32 kept;
};

static int check_agreement(const struct core_relo_ctx *ctx, const char *prog_name,
			   int relo_idx, const struct core_relo_res *cand_res,
			   struct match_state *st)
{
	if (!st->kept)
		return 0;
	if (ctx->cand.bit_offset != ctx->targ.bit_offset) {
		pr_warn("prog '%s': relo #%d: ambiguous field offset: candidates give bit %llu "
			"and bit %llu\n", prog_name, relo_idx,
			(unsigned long long)ctx->cand.bit_offset,
			(unsigned long long)ctx->targ.bit_offset);
		return -EINVAL;
	}
	if (cand_res->poison != st->res.poison || cand_res->new_val != st->res.new_val) {
		pr_warn("prog '%s': relo #%d: ambiguous result: candidates give %s %llu and "
			"%s %llu\n", prog_name, relo_idx,
			cand_res->poison ? "failure" : "success",
			(unsigned long long)cand_res->new_val,
			st->res.poison ? "failure" : "success",
			(unsigned long long)st->res.new_val);
		return -EINVAL;
	}
	return 0;
}

static int match_cands(struct core_relo_ctx *ctx, const char *prog_name, int relo_idx,
		       const struct bpf_core_relo *relo, struct core_cands *c,
		       struct core_relo_res *res)
{
	struct match_state st = { 0 };
	struct core_relo_res cand_res;
	char buf[256];
	__u32 i;
	int err;

	for (i = 0; i < c->cnt; i++) {
		err = core_spec_match(&ctx->local, ctx->targ_btf, c->ids[i], &ctx->cand);
		core_spec_format(buf, sizeof(buf), &ctx->cand);
		if (err < 0) {
			pr_warn("prog '%s': relo #%d: matching candidate [%u] %s failed: %d\n",
				prog_name, relo_idx, c->ids[i], buf, err);
			return -EINVAL;
		}
		pr_debug("prog '%s': relo #%d: %s candidate %s\n", prog_name, relo_idx,
			 err ? "matching" : "non-matching", buf);
		if (!err)
			continue;
		err = core_relo_calc(prog_name, relo_idx, relo, &ctx->local, &ctx->cand,
				     &cand_res);
		if (!err)
			err = check_agreement(ctx, prog_name, relo_idx, &cand_res, &st);
		if (err)
			return -EINVAL;
		if (!st.kept) {
			st.res = cand_res;
			ctx->targ = ctx->cand;
			ctx->targ_found = true;
		}
		c->ids[st.kept++] = c->ids[i];
	}
	if (!st.kept) {
		/* nothing matched: the kind decides between 0 and poisoning */
		pr_debug("prog '%s': relo #%d: no matching target\n", prog_name, relo_idx);
		return core_relo_calc(prog_name, relo_idx, relo, &ctx->local, NULL, res) ?
		       -EINVAL : 0;
	}
	/* later relocations of this type only consider what matched here */
	c->cnt = st.kept;
	*res = st.res;
	return 0;
}

static int resolve(struct core_relo_ctx *ctx, const char *prog_name, int relo_idx,
		   const struct bpf_core_relo *relo, struct core_relo_res *res)
{
	const struct btf_type *local_t = btf__type_by_id(ctx->local_btf, relo->type_id);
	const char *local_name = type_name(ctx->local_btf, relo->type_id);
	struct core_cands *c;
	int err;

	ctx->targ_found = false;
	if (relo->kind == BPF_CORE_TYPE_ID_LOCAL) {
		/* the id may have changed when objects were linked: no check */
		*res = (struct core_relo_res){ .orig_val = relo->type_id,
					       .new_val = relo->type_id };
		return 0;
	}
	if (!local_name[0]) {
		pr_warn("prog '%s': relo #%d: %s relocation of anonymous type [%u] "
			"is not supported\n", prog_name, relo_idx,
			core_relo_kind_str(relo->kind), relo->type_id);
		return -EINVAL;
	}
	c = &ctx->cands[relo->type_id];
	if (!c->searched) {
		err = search_cands(ctx, local_t, local_name, c);
		if (err) {
			pr_warn("prog '%s': relo #%d: candidate search for '%s' failed: %d\n",
				prog_name, relo_idx, local_name, err);
			return err;
		}
	}
	return match_cands(ctx, prog_name, relo_idx, relo, c, res);
}

/* Check relo's type id and parse its access spec into ctx->local. */
static int parse_local(struct core_relo_ctx *ctx, const char *prog_name, int relo_idx,
		       const struct bpf_core_relo *relo)
{
	const char *access;
	char buf[256];
	int err;

	if (relo->type_id >= ctx->local_cnt || !relo->type_id) {
		pr_warn("prog '%s': relo #%d: type id %u out of range (1..%u)\n", prog_name,
			relo_idx, relo->type_id, ctx->local_cnt - 1);
		return -EINVAL;
	}
	err = core_spec_parse(prog_name, relo_idx, ctx->local_btf, relo, &ctx->local);
	if (err) {
		access = btf__str_by_offset(ctx->local_btf, relo->access_str_off);
		pr_warn("prog '%s': relo #%d: %s of [%u] %s with access '%s' is malformed: %d\n",
			prog_name, relo_idx, core_relo_kind_str(relo->kind), relo->type_id,
			type_name(ctx->local_btf, relo->type_id), access ? access : "<bad offset>",
			err);
		return -EINVAL;
	}
	core_spec_format(buf, sizeof(buf), &ctx->local);
	pr_debug("prog '%s': relo #%d: %s\n", prog_name, relo_idx, buf);
	return 0;
}

int core_relo_apply(struct core_relo_ctx *ctx, const char *prog_name, int relo_idx,
		    struct bpf_insn *insns, size_t insn_cnt, const struct bpf_core_relo *relo)
{
	struct core_relo_res res;
	char buf[256];
	size_t insn_idx;
	int err;

	if (!prog_name)
		prog_name = "";
	if (!ctx || !insns || !relo)
		return libbpf_err(-EINVAL);
	insn_idx = relo->insn_off / sizeof(struct bpf_insn);
	if (relo->insn_off % sizeof(struct bpf_insn) || insn_idx >= insn_cnt) {
		pr_warn("prog '%s': relo #%d: instruction offset %u is outside the %zu "
			"instructions of the program\n", prog_name, relo_idx, relo->insn_off,
			insn_cnt);
		return libbpf_err(-EINVAL);
	}
	err = parse_local(ctx, prog_name, relo_idx, relo);
	if (err)
		return libbpf_err(err);
	err = resolve(ctx, prog_name, relo_idx, relo, &res);
	if (!err)
		err = core_relo_patch(prog_name, relo_idx, insns, insn_cnt, insn_idx, &res);
	if (err) {
		core_spec_format(buf, sizeof(buf), &ctx->local);
		pr_warn("prog '%s': relo #%d: failed to relocate %s\n", prog_name, relo_idx, buf);
		return libbpf_err(err == -ENOMEM ? err : -EINVAL);
	}
	return 0;
}

int core_relo_resolve(struct core_relo_ctx *ctx, const char *prog_name, int relo_idx,
		      const struct bpf_core_relo *relo, const struct core_spec **targ)
{
	struct core_relo_res res;
	int err;

	if (!prog_name)
		prog_name = "";
	if (!ctx || !relo || !targ)
		return libbpf_err(-EINVAL);
	*targ = NULL;
	err = parse_local(ctx, prog_name, relo_idx, relo);
	if (err)
		return libbpf_err(err);
	/* resolve() has said why (ambiguous candidates): the caller gets that last */
	err = resolve(ctx, prog_name, relo_idx, relo, &res);
	if (err)
		return libbpf_err(err == -ENOMEM ? err : -EINVAL);
	if (ctx->targ_found)
		*targ = &ctx->targ;
	return 0;
}
