// SPDX-License-Identifier: BSD-2-Clause
/*
 * libbpf's classic tc API: a clsact qdisc as the hook, cls_bpf filters in
 * direct-action mode as the attachments, all through rtnetlink, so they
 * outlive the process that made them (as "tc filter add ... bpf da" does).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "log.h"
#include "netlink.h"
#include "opts.h"
#include "tc_filter.h"

#define TC_NAME_MAX 256		/* "<prog name>:[<prog id>]" */

/* What the caller of a filter request asked about, as plain values. */
struct tc_target {
	int ifindex;
	__u32 parent;
	__u32 handle;
	__u32 priority;
};

/* The clsact hooks take no parent; a custom one needs one. */
static int tc_parent(const struct bpf_tc_hook *hook, __u32 *parent)
{
	__u32 custom = OPTS_GET(hook, parent, 0);

	switch (OPTS_GET(hook, attach_point, 0)) {
	case BPF_TC_INGRESS:
		*parent = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS);
		return custom ? -EINVAL : 0;
	case BPF_TC_EGRESS:
		*parent = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS);
		return custom ? -EINVAL : 0;
	case BPF_TC_CUSTOM:
		*parent = custom;
		return custom ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

/* The clsact qdisc request (create or delete) for a hook on one or both points. */
static int tc_clsact(const struct bpf_tc_hook *hook, __u16 type, __u16 flags)
{
	struct tc_req r;
	int err;

	switch (OPTS_GET(hook, attach_point, 0)) {
	case BPF_TC_INGRESS:
	case BPF_TC_EGRESS:
	case BPF_TC_INGRESS | BPF_TC_EGRESS:
		if (OPTS_GET(hook, parent, 0))
			return -EINVAL;
		break;
	case BPF_TC_CUSTOM:
		return -EOPNOTSUPP;	/* a custom qdisc is the caller's to make */
	default:
		return -EINVAL;
	}
	tc_req_init(&r, type, flags, OPTS_GET(hook, ifindex, 0), TC_H_CLSACT);
	r.t.tcm_handle = TC_H_MAKE(TC_H_CLSACT, 0);
	err = nl_put_attr(&r.nh, sizeof(r), TCA_KIND, "clsact", sizeof("clsact"));
	return err ? err : nl_transact(&r.nh, NULL, NULL);
}

static bool hook_valid(const struct bpf_tc_hook *hook)
{
	return hook && OPTS_VALID(hook, bpf_tc_hook) && OPTS_GET(hook, ifindex, 0) > 0;
}

int bpf_tc_hook_create(struct bpf_tc_hook *hook)
{
	if (!hook_valid(hook))
		return libbpf_err(-EINVAL);
	return libbpf_err(tc_clsact(hook, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL));
}

/*
 * A filter request on t: named, it is about the filter of t's handle and
 * priority (0 and 0 let the kernel choose, when adding); unnamed, about
 * every filter of the parent (a flush).
 */
static void tc_filter_req(struct tc_req *r, __u16 type, __u16 flags, const struct tc_target *t,
			  bool named)
{
	tc_req_init(r, type, flags, t->ifindex, t->parent);
	if (named) {
		r->t.tcm_handle = t->handle;
		r->t.tcm_info = TC_H_MAKE(t->priority << 16, htons(ETH_P_ALL));
	}
}

static int tc_flush(const struct bpf_tc_hook *hook)
{
	struct tc_target t = { .ifindex = OPTS_GET(hook, ifindex, 0) };
	struct tc_req r;
	int err;

	err = tc_parent(hook, &t.parent);
	if (err)
		return err;
	tc_filter_req(&r, RTM_DELTFILTER, 0, &t, false);
	return nl_transact(&r.nh, NULL, NULL);
}

int bpf_tc_hook_destroy(struct bpf_tc_hook *hook)
{
	if (!hook_valid(hook))
		return libbpf_err(-EINVAL);
	switch (OPTS_GET(hook, attach_point, 0)) {
	case BPF_TC_INGRESS:
	case BPF_TC_EGRESS:
		return libbpf_err(tc_flush(hook));
	case BPF_TC_INGRESS | BPF_TC_EGRESS:
		return libbpf_err(tc_clsact(hook, RTM_DELQDISC, 0));
	case BPF_TC_CUSTOM:
		return libbpf_err(-EOPNOTSUPP);
	default:
		return libbpf_err(-EINVAL);
	}
}

/*
 * The hook and opts of attach, detach and query, checked as libbpf checks
 * them: a device, a priority that fits in 16 bits, flags only where allowed.
 */
static int tc_target_get(const struct bpf_tc_hook *hook, const struct bpf_tc_opts *opts,
			 struct tc_target *t)
{
	if (!hook_valid(hook) || !opts || !OPTS_VALID(opts, bpf_tc_opts))
		return -EINVAL;
	t->ifindex = OPTS_GET(hook, ifindex, 0);
	t->handle = OPTS_GET(opts, handle, 0);
	t->priority = OPTS_GET(opts, priority, 0);
	if (t->priority > UINT16_MAX || OPTS_GET(opts, prog_id, 0))
		return -EINVAL;
	return tc_parent(hook, &t->parent);
}

/* The filter named by a reply: its program, handle and priority into ctx. */
static int tc_filter_reply(const struct nlmsghdr *nh, void *ctx)
{
	struct bpf_tc_opts *found = ctx;
	struct tc_bpf_filter f;
	int ret;

	ret = tc_bpf_filter_parse(nh, &f);
	if (ret <= 0)
		return ret;
	if (!f.has_prog_id)
		return -EINVAL;
	found->prog_id = f.prog_id;
	found->handle = f.handle;
	found->priority = f.priority;
	return 0;
}

/* Send r, whose reply names one filter, and give the caller what it names. */
static int tc_transact_one(struct tc_req *r, struct bpf_tc_opts *opts)
{
	struct bpf_tc_opts found = { .sz = sizeof(found) };
	int err;

	err = nl_transact(&r->nh, tc_filter_reply, &found);
	if (err)
		return err;
	if (!found.prog_id)
		return -ENOENT;
	OPTS_SET(opts, prog_id, found.prog_id);
	OPTS_SET(opts, handle, found.handle);
	OPTS_SET(opts, priority, found.priority);
	return 0;
}

/* TCA_OPTIONS of a direct-action filter running prog_fd, named as libbpf names it. */
static int tc_put_bpf_options(struct tc_req *r, int prog_fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), flags = TCA_BPF_FLAG_ACT_DIRECT;
	char name[TC_NAME_MAX];
	struct nlattr *nest;
	int n, err;

	err = bpf_prog_get_info_by_fd(prog_fd, &info, &len);
	if (err)
		return err;
	n = snprintf(name, sizeof(name), "%s:[%u]", info.name, info.id);
	if (n < 0 || (size_t)n >= sizeof(name))
		return -ENAMETOOLONG;
	nest = nl_begin_nest(&r->nh, sizeof(*r), TCA_OPTIONS);
	if (!nest)
		return -EMSGSIZE;
	err = nl_put_attr(&r->nh, sizeof(*r), TCA_BPF_FD, &prog_fd, sizeof(prog_fd));
	if (!err)
		err = nl_put_attr(&r->nh, sizeof(*r), TCA_BPF_NAME, name, n + 1);
	if (!err)
		err = nl_put_attr(&r->nh, sizeof(*r), TCA_BPF_FLAGS, &flags, sizeof(flags));
	if (err)
		return err;
	nl_end_nest(&r->nh, nest);
	return 0;
}

static int tc_attach(const struct bpf_tc_hook *hook, struct bpf_tc_opts *opts)
{
	int prog_fd = OPTS_GET(opts, prog_fd, 0), err;
	__u32 flags = OPTS_GET(opts, flags, 0);
	struct tc_target t;
	struct tc_req r;

	err = tc_target_get(hook, opts, &t);
	if (err)
		return err;
	if (!prog_fd || (flags & ~BPF_TC_F_REPLACE))
		return -EINVAL;
	/* the kernel echoes the new filter: that is how handle and priority come back */
	tc_filter_req(&r, RTM_NEWTFILTER, NLM_F_CREATE | NLM_F_ECHO |
		      (flags & BPF_TC_F_REPLACE ? NLM_F_REPLACE : NLM_F_EXCL), &t, true);
	err = nl_put_attr(&r.nh, sizeof(r), TCA_KIND, "bpf", sizeof("bpf"));
	if (!err)
		err = tc_put_bpf_options(&r, prog_fd);
	return err ? err : tc_transact_one(&r, opts);
}

int bpf_tc_attach(const struct bpf_tc_hook *hook, struct bpf_tc_opts *opts)
{
	return libbpf_err(tc_attach(hook, opts));
}

/* Detach and query name one filter: a handle, a priority, nothing else. */
static int tc_one_filter(const struct bpf_tc_hook *hook, const struct bpf_tc_opts *opts,
			 struct tc_req *r, __u16 type)
{
	struct tc_target t;
	int err;

	err = tc_target_get(hook, opts, &t);
	if (err)
		return err;
	if (OPTS_GET(opts, prog_fd, 0) || OPTS_GET(opts, flags, 0) || !t.handle || !t.priority)
		return -EINVAL;
	tc_filter_req(r, type, 0, &t, true);
	return nl_put_attr(&r->nh, sizeof(*r), TCA_KIND, "bpf", sizeof("bpf"));
}

int bpf_tc_detach(const struct bpf_tc_hook *hook, const struct bpf_tc_opts *opts)
{
	struct tc_req r;
	int err;

	err = tc_one_filter(hook, opts, &r, RTM_DELTFILTER);
	if (!err)
		err = nl_transact(&r.nh, NULL, NULL);
	return libbpf_err(err);
}

int bpf_tc_query(const struct bpf_tc_hook *hook, struct bpf_tc_opts *opts)
{
	struct tc_req r;
	int err;

	err = tc_one_filter(hook, opts, &r, RTM_GETTFILTER);
	if (!err)
		err = tc_transact_one(&r, opts);
	return libbpf_err(err);
}
