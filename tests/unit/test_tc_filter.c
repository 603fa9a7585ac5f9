// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of core/tc_filter.c's parser of cls_bpf filter messages, on
 * messages built here: what the kernel sends for a filter with bpf
 * actions (act_bpf, not loadable on every test machine), a chain's head,
 * other classifiers, and malformed messages.
 */
#include <errno.h>
#include <linux/tc_act/tc_bpf.h>

#include "unit.h"
#include "netlink.h"
#include "tc_filter.h"

struct msg {
	struct tc_req r;
	size_t size;
};

static void msg_init(struct msg *m, __u16 type)
{
	tc_req_init(&m->r, type, 0, 3, TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS));
	m->r.t.tcm_handle = 1;
	m->r.t.tcm_info = TC_H_MAKE(49152U << 16, 0x0300);
	m->size = sizeof(m->r);
}

static void put(struct msg *m, __u16 type, const void *data, size_t len)
{
	if (nl_put_attr(&m->r.nh, m->size, type, data, len))
		abort();
}

static void put_u32(struct msg *m, __u16 type, __u32 v)
{
	put(m, type, &v, sizeof(v));
}

static struct nlattr *nest(struct msg *m, __u16 type)
{
	struct nlattr *a = nl_begin_nest(&m->r.nh, m->size, type);

	if (!a)
		abort();
	return a;
}

/* Action number order of kind: gact (no options of interest) or bpf. */
static void put_act(struct msg *m, __u16 order, const char *kind, const char *name, __u32 id,
		    bool parms)
{
	struct nlattr *act = nest(m, order), *opt;
	struct tc_act_bpf p = {};

	put(m, TCA_ACT_KIND, kind, strlen(kind) + 1);
	opt = nest(m, TCA_ACT_OPTIONS);
	if (parms)
		put(m, TCA_ACT_BPF_PARMS, &p, sizeof(p));
	if (name)
		put(m, TCA_ACT_BPF_NAME, name, strlen(name) + 1);
	if (id)
		put_u32(m, TCA_ACT_BPF_ID, id);
	nl_end_nest(&m->r.nh, opt);
	nl_end_nest(&m->r.nh, act);
}

/* A direct-action filter "cls:[7]" running program 7, with two actions. */
static void build_full(struct msg *m, bool act_parms)
{
	static const __u8 tag[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct nlattr *opt, *acts;

	msg_init(m, RTM_NEWTFILTER);
	put(m, TCA_KIND, "bpf", 4);
	opt = nest(m, TCA_OPTIONS);
	put(m, TCA_BPF_NAME, "cls:[7]", 8);
	put_u32(m, TCA_BPF_ID, 7);
	put_u32(m, TCA_BPF_FLAGS, TCA_BPF_FLAG_ACT_DIRECT);
	put(m, TCA_BPF_TAG, tag, sizeof(tag));
	acts = nest(m, TCA_BPF_ACT);
	put_act(m, 1, "gact", NULL, 0, false);
	put_act(m, 2, "bpf", "act_prog", 9, act_parms);
	nl_end_nest(&m->r.nh, acts);
	nl_end_nest(&m->r.nh, opt);
}

static void test_full(void)
{
	struct tc_bpf_filter f;
	struct msg m;

	build_full(&m, true);
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == 1, "a cls_bpf filter with options parses");
	CHECK(f.name && !strcmp(f.name, "cls:[7]"), "its name");
	CHECK(f.has_prog_id && f.prog_id == 7, "its program id");
	CHECK(f.direct_action, "direct-action flag");
	CHECK(f.has_tag && f.tag[0] == 1 && f.tag[7] == 8, "its tag");
	CHECK(f.handle == 1 && f.priority == 49152, "handle and priority from tcmsg");
	CHECK(f.parent == TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS), "parent from tcmsg");
	CHECK(f.has_acts && f.act_cnt == 1, "the bpf action counted, the gact one skipped");
	CHECK(f.acts[0].name && !strcmp(f.acts[0].name, "act_prog") && f.acts[0].has_id &&
	      f.acts[0].id == 9, "the bpf action's name and id");
	CHECK(!f.parent_kind, "no parent kind from a message alone");
	build_full(&m, false);
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == -EBADMSG,
	      "a bpf action without parameters is malformed");
}

static void test_not_ours(void)
{
	struct tc_bpf_filter f;
	struct nlattr *opt;
	struct msg m;

	msg_init(&m, RTM_NEWTFILTER);
	put(&m, TCA_KIND, "bpf", 4);
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == 0, "a chain's head (no options) is skipped");
	msg_init(&m, RTM_NEWTFILTER);
	put(&m, TCA_KIND, "u32", 4);
	opt = nest(&m, TCA_OPTIONS);
	nl_end_nest(&m.r.nh, opt);
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == 0, "another classifier is skipped");
	msg_init(&m, RTM_NEWQDISC);
	put(&m, TCA_KIND, "bpf", 4);
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == 0, "a message of another type is skipped");
	msg_init(&m, RTM_NEWTFILTER);
	opt = nest(&m, TCA_OPTIONS);
	nl_end_nest(&m.r.nh, opt);
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == 0, "a filter without a kind is skipped");
}

static void test_malformed(void)
{
	struct tc_bpf_filter f;
	struct nlattr *opt;
	struct msg m;

	msg_init(&m, RTM_NEWTFILTER);
	m.r.nh.nlmsg_len = NLMSG_LENGTH(sizeof(m.r.t) - 4);
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == -EBADMSG, "shorter than a tcmsg");
	msg_init(&m, RTM_NEWTFILTER);
	put(&m, TCA_KIND, "bpf", 4);
	opt = nest(&m, TCA_OPTIONS);
	put(&m, TCA_BPF_NAME, "cls", 3);	/* no NUL */
	put_u32(&m, TCA_BPF_ID, 5);
	nl_end_nest(&m.r.nh, opt);
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == 1 && !f.name && f.prog_id == 5,
	      "a name without its NUL is left out");
	opt->nla_len += 64;	/* past the message */
	CHECK(tc_bpf_filter_parse(&m.r.nh, &f) == -EBADMSG, "an attribute overrunning the message");
}

int main(void)
{
	test_full();
	test_not_ours();
	test_malformed();
	return unit_done();
}
