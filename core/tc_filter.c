// SPDX-License-Identifier: BSD-2-Clause
/*
 * cls_bpf filters read through rtnetlink: one filter message parsed, and a
 * device's filters listed under every parent that can hold them, in the
 * order "bpftool net show" lists them (so that both print the same).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/tc_act/tc_bpf.h>

#include "netlink.h"
#include "tc_filter.h"

#define TC_KIND_MAX 32		/* the kernel caps a kind at IFNAMSIZ */

void tc_req_init(struct tc_req *r, __u16 type, __u16 flags, int ifindex, __u32 parent)
{
	memset(r, 0, sizeof(*r));
	r->nh.nlmsg_len = NLMSG_LENGTH(sizeof(r->t));
	r->nh.nlmsg_type = type;
	r->nh.nlmsg_flags = flags;
	r->t.tcm_family = AF_UNSPEC;
	r->t.tcm_ifindex = ifindex;
	r->t.tcm_parent = parent;
}

/* One action of TCA_BPF_ACT: a bpf action is recorded, others skipped. */
static int act_parse(const struct nlattr *a, struct tc_bpf_filter *f)
{
	const struct nlattr *tb[TCA_ACT_MAX + 1], *opt[TCA_ACT_BPF_MAX + 1];
	struct tc_bpf_act *act;
	const char *kind;
	int err;

	err = nl_parse_nested(tb, TCA_ACT_MAX, a);
	if (err)
		return err;
	kind = nl_attr_str(tb[TCA_ACT_KIND]);
	if (!kind || strcmp(kind, "bpf"))
		return 0;
	if (!tb[TCA_ACT_OPTIONS])
		return -EBADMSG;
	err = nl_parse_nested(opt, TCA_ACT_BPF_MAX, tb[TCA_ACT_OPTIONS]);
	if (err)
		return err;
	if (!opt[TCA_ACT_BPF_PARMS])
		return -EBADMSG;
	act = &f->acts[f->act_cnt++];
	act->name = nl_attr_str(opt[TCA_ACT_BPF_NAME]);
	act->has_id = opt[TCA_ACT_BPF_ID] != NULL;
	act->id = nl_attr_u32(opt[TCA_ACT_BPF_ID]);
	return 0;
}

/* TCA_BPF_ACT: actions nested by their order (1, 2, ...). */
static int acts_parse(const struct nlattr *a, struct tc_bpf_filter *f)
{
	const struct nlattr *tb[TCA_ACT_MAX_PRIO + 1];
	int i, err;

	f->has_acts = true;
	err = nl_parse_nested(tb, TCA_ACT_MAX_PRIO, a);
	for (i = 1; !err && i <= TCA_ACT_MAX_PRIO; i++)
		if (tb[i])
			err = act_parse(tb[i], f);
	return err;
}

int tc_bpf_filter_parse(const struct nlmsghdr *nh, struct tc_bpf_filter *f)
{
	const struct nlattr *tb[TCA_MAX + 1], *opt[TCA_BPF_MAX + 1];
	const struct tcmsg *t = NLMSG_DATA(nh);
	const char *kind;
	int err;

	if (nh->nlmsg_type != RTM_NEWTFILTER)
		return 0;
	err = nl_parse_msg(tb, TCA_MAX, nh, sizeof(*t));
	if (err)
		return err;
	kind = nl_attr_str(tb[TCA_KIND]);
	/* a chain's head (a priority with no filter yet) has no options */
	if (!kind || strcmp(kind, "bpf") || !tb[TCA_OPTIONS])
		return 0;
	err = nl_parse_nested(opt, TCA_BPF_MAX, tb[TCA_OPTIONS]);
	if (err)
		return err;
	memset(f, 0, sizeof(*f));
	f->parent = t->tcm_parent;
	f->handle = t->tcm_handle;
	f->priority = TC_H_MAJ(t->tcm_info) >> 16;
	f->name = nl_attr_str(opt[TCA_BPF_NAME]);
	f->has_prog_id = opt[TCA_BPF_ID] != NULL;
	f->prog_id = nl_attr_u32(opt[TCA_BPF_ID]);
	f->direct_action = nl_attr_u32(opt[TCA_BPF_FLAGS]) & TCA_BPF_FLAG_ACT_DIRECT;
	if (opt[TCA_BPF_TAG] && opt[TCA_BPF_TAG]->nla_len >= NLA_HDRLEN + sizeof(f->tag)) {
		memcpy(f->tag, (const char *)opt[TCA_BPF_TAG] + NLA_HDRLEN, sizeof(f->tag));
		f->has_tag = true;
	}
	if (opt[TCA_BPF_ACT]) {
		err = acts_parse(opt[TCA_BPF_ACT], f);
		if (err)
			return err;
	}
	return 1;
}

/* ---- walking a device's parents ---- */

struct tc_parent {
	__u32 handle;
	char kind[TC_KIND_MAX];
};

struct tc_parents {
	int ifindex;
	__u16 reply_type;	/* RTM_NEWTCLASS or RTM_NEWQDISC */
	struct tc_parent *v;
	size_t cnt, cap;
};

static int parent_add(struct tc_parents *p, __u32 handle, const char *kind)
{
	struct tc_parent *v;

	if (p->cnt == p->cap) {
		v = realloc(p->v, (p->cap + 16) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		p->v = v;
		p->cap += 16;
	}
	p->v[p->cnt].handle = handle;
	snprintf(p->v[p->cnt].kind, sizeof(p->v[p->cnt].kind), "%s", kind);
	p->cnt++;
	return 0;
}

/*
 * A class, or a qdisc with a handle of its own: its filters are dumped
 * under its handle. clsact is left to its ingress and egress points.
 */
static int parent_reply(const struct nlmsghdr *nh, void *ctx)
{
	const struct nlattr *tb[TCA_MAX + 1];
	const struct tcmsg *t = NLMSG_DATA(nh);
	struct tc_parents *p = ctx;
	const char *kind;
	int err;

	if (nh->nlmsg_type != p->reply_type)
		return 0;
	err = nl_parse_msg(tb, TCA_MAX, nh, sizeof(*t));
	if (err)
		return err;
	/* the kernel dumps the qdiscs of every device, whatever tcm_ifindex says */
	if (t->tcm_ifindex != p->ifindex)
		return 0;
	kind = nl_attr_str(tb[TCA_KIND]);
	if (p->reply_type == RTM_NEWQDISC &&
	    ((kind && !strcmp(kind, "clsact")) || !t->tcm_handle))
		return 0;
	return parent_add(p, t->tcm_handle, kind ? kind : "unknown");
}

static int parents_dump(struct tc_parents *p, __u16 type, __u16 reply_type)
{
	struct tc_req r;

	tc_req_init(&r, type, NLM_F_DUMP, p->ifindex, 0);
	p->reply_type = reply_type;
	return nl_transact(&r.nh, parent_reply, p);
}

struct filter_walk {
	const char *kind;
	tc_bpf_filter_fn fn;
	void *ctx;
};

static int filter_reply(const struct nlmsghdr *nh, void *ctx)
{
	struct filter_walk *w = ctx;
	struct tc_bpf_filter f;
	int ret;

	ret = tc_bpf_filter_parse(nh, &f);
	if (ret <= 0)
		return ret;
	f.parent_kind = w->kind;
	return w->fn(&f, w->ctx);
}

static int filters_dump(int ifindex, __u32 parent, struct filter_walk *w)
{
	struct tc_req r;

	tc_req_init(&r, RTM_GETTFILTER, NLM_F_DUMP, ifindex, parent);
	return nl_transact(&r.nh, filter_reply, w);
}

int tc_bpf_filters(int ifindex, tc_bpf_filter_fn fn, void *ctx)
{
	static const struct tc_parent fixed[] = {
		{ TC_H_ROOT, "root" },
		{ TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS), "clsact/ingress" },
		{ TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS), "clsact/egress" },
	};
	struct tc_parents p = { .ifindex = ifindex };
	struct filter_walk w = { .fn = fn, .ctx = ctx };
	size_t i;
	int err;

	err = parents_dump(&p, RTM_GETTCLASS, RTM_NEWTCLASS);
	if (!err)
		err = parents_dump(&p, RTM_GETQDISC, RTM_NEWQDISC);
	for (i = 0; !err && i < p.cnt; i++) {
		w.kind = p.v[i].kind;
		err = filters_dump(ifindex, p.v[i].handle, &w);
	}
	for (i = 0; !err && i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		w.kind = fixed[i].kind;
		err = filters_dump(ifindex, fixed[i].handle, &w);
	}
	free(p.v);
	return err;
}
