/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Library-internal: the cls_bpf filters of tc, read through rtnetlink. One
 * filter message is parsed here (for bpf_tc_query() and bpf_tc_attach()'s
 * echo), and a device's filters are listed the way "bpftool net show"
 * walks them: under each class, each qdisc with a handle, the root, and
 * the clsact ingress and egress points.
 */
#ifndef __BPFCORE_TC_FILTER_H
#define __BPFCORE_TC_FILTER_H

#include <stdbool.h>
#include <linux/netlink.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <linux/types.h>

#define TC_REQ_ATTRS 512	/* a kind, a filter's options with a 256-byte name */

/* A tc request: header, struct tcmsg, attributes (room for TC_REQ_ATTRS). */
struct tc_req {
	struct nlmsghdr nh;
	struct tcmsg t;
	char attrs[TC_REQ_ATTRS];
};

/* Start request r of type (RTM_*) with flags on device ifindex, under parent. */
void tc_req_init(struct tc_req *r, __u16 type, __u16 flags, int ifindex, __u32 parent);

/* A bpf action (act_bpf) of a filter; name NULL when the kernel sent none. */
struct tc_bpf_act {
	const char *name;
	__u32 id;
	bool has_id;
};

/*
 * One cls_bpf filter. Its strings point into the netlink reply: valid only
 * during the callback that receives the filter.
 */
struct tc_bpf_filter {
	const char *parent_kind;	/* "clsact/ingress", "root", or the qdisc's kind */
	__u32 parent;
	__u32 handle;
	__u32 priority;
	const char *name;		/* TCA_BPF_NAME, or NULL */
	__u32 prog_id;
	bool has_prog_id;
	bool direct_action;
	bool has_tag;
	__u8 tag[8];
	bool has_acts;			/* TCA_BPF_ACT present, maybe with no bpf action */
	unsigned int act_cnt;
	struct tc_bpf_act acts[TCA_ACT_MAX_PRIO];
};

/*
 * Parse filter message nh into f (parent_kind left NULL). Returns 1 for a
 * cls_bpf filter with options, 0 for any other message (another
 * classifier, a chain's head), -EBADMSG if malformed.
 */
int tc_bpf_filter_parse(const struct nlmsghdr *nh, struct tc_bpf_filter *f);

/* Called for each filter; non-zero stops the walk and is returned. */
typedef int (*tc_bpf_filter_fn)(const struct tc_bpf_filter *f, void *ctx);

/*
 * Call fn for each cls_bpf filter of device ifindex, in bpftool's order:
 * filters of each class, of each qdisc with a handle (clsact aside), of the
 * root, of clsact ingress, of clsact egress. Returns 0 or -errno.
 */
int tc_bpf_filters(int ifindex, tc_bpf_filter_fn fn, void *ctx);

#endif /* __BPFCORE_TC_FILTER_H */
