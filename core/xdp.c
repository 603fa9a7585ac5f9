// SPDX-License-Identifier: BSD-2-Clause
/*
 * XDP programs attached the way "ip link set dev X xdp" attaches them:
 * through rtnetlink, so that the attachment outlives the process (an XDP
 * link would not, unless pinned).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <bpf/libbpf.h>

#include "log.h"
#include "netlink.h"
#include "opts.h"

#define XDP_MSG_SIZE 256

struct xdp_msg {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
	char attrs[XDP_MSG_SIZE];
};

static void xdp_msg_init(struct xdp_msg *m, __u16 type, int ifindex)
{
	memset(m, 0, sizeof(*m));
	m->nh.nlmsg_len = NLMSG_LENGTH(sizeof(m->ifi));
	m->nh.nlmsg_type = type;
	m->ifi.ifi_family = AF_UNSPEC;
	m->ifi.ifi_index = ifindex;
}

static int xdp_set(int ifindex, int fd, __u32 flags, int old_fd)
{
	struct xdp_msg m;
	struct nlattr *nest;
	int err;

	xdp_msg_init(&m, RTM_SETLINK, ifindex);
	nest = nl_begin_nest(&m.nh, sizeof(m), IFLA_XDP);
	if (!nest)
		return -EMSGSIZE;
	err = nl_put_attr(&m.nh, sizeof(m), IFLA_XDP_FD, &fd, sizeof(fd));
	if (!err && flags)
		err = nl_put_attr(&m.nh, sizeof(m), IFLA_XDP_FLAGS, &flags, sizeof(flags));
	if (!err && (flags & XDP_FLAGS_REPLACE))
		err = nl_put_attr(&m.nh, sizeof(m), IFLA_XDP_EXPECTED_FD, &old_fd,
				  sizeof(old_fd));
	if (err)
		return err;
	nl_end_nest(&m.nh, nest);
	return nl_transact(&m.nh, NULL, NULL);
}

int bpf_xdp_attach(int ifindex, int prog_fd, __u32 flags, const struct bpf_xdp_attach_opts *opts)
{
	int old_fd = OPTS_GET(opts, old_prog_fd, 0), err;

	if (!OPTS_VALID(opts, bpf_xdp_attach_opts))
		return libbpf_err(-EINVAL);
	if (old_fd)
		flags |= XDP_FLAGS_REPLACE;
	else
		old_fd = -1;
	err = xdp_set(ifindex, prog_fd, flags, old_fd);
	return libbpf_err(err);
}

int bpf_xdp_detach(int ifindex, __u32 flags, const struct bpf_xdp_attach_opts *opts)
{
	return bpf_xdp_attach(ifindex, -1, flags, opts);
}

static int xdp_query_reply(const struct nlmsghdr *nh, void *ctx)
{
	struct bpf_xdp_query_opts *q = ctx;
	const struct nlattr *tb[IFLA_MAX + 1], *xdp[IFLA_XDP_MAX + 1];
	int err;

	if (nh->nlmsg_type != RTM_NEWLINK)
		return 0;
	err = nl_parse_msg(tb, IFLA_MAX, nh, sizeof(struct ifinfomsg));
	if (err || !tb[IFLA_XDP])
		return err;
	err = nl_parse_nested(xdp, IFLA_XDP_MAX, tb[IFLA_XDP]);
	if (err)
		return err;
	q->attach_mode = nl_attr_u8(xdp[IFLA_XDP_ATTACHED]);
	q->prog_id = nl_attr_u32(xdp[IFLA_XDP_PROG_ID]);
	q->drv_prog_id = nl_attr_u32(xdp[IFLA_XDP_DRV_PROG_ID]);
	q->skb_prog_id = nl_attr_u32(xdp[IFLA_XDP_SKB_PROG_ID]);
	q->hw_prog_id = nl_attr_u32(xdp[IFLA_XDP_HW_PROG_ID]);
	/* in a single mode the kernel names the program only once */
	if (q->attach_mode == XDP_ATTACHED_DRV && !q->drv_prog_id)
		q->drv_prog_id = q->prog_id;
	if (q->attach_mode == XDP_ATTACHED_SKB && !q->skb_prog_id)
		q->skb_prog_id = q->prog_id;
	if (q->attach_mode == XDP_ATTACHED_HW && !q->hw_prog_id)
		q->hw_prog_id = q->prog_id;
	return 0;
}

int bpf_xdp_query(int ifindex, int flags, struct bpf_xdp_query_opts *opts)
{
	struct bpf_xdp_query_opts q = { .sz = sizeof(q) };
	struct xdp_msg m;
	int err;

	if (!OPTS_VALID(opts, bpf_xdp_query_opts) || (flags & ~XDP_FLAGS_MASK))
		return libbpf_err(-EINVAL);
	xdp_msg_init(&m, RTM_GETLINK, ifindex);
	err = nl_transact(&m.nh, xdp_query_reply, &q);
	if (err)
		return libbpf_err(err);
	OPTS_SET(opts, prog_id, q.prog_id);
	OPTS_SET(opts, drv_prog_id, q.drv_prog_id);
	OPTS_SET(opts, hw_prog_id, q.hw_prog_id);
	OPTS_SET(opts, skb_prog_id, q.skb_prog_id);
	OPTS_SET(opts, attach_mode, q.attach_mode);
	OPTS_SET(opts, feature_flags, 0);
	OPTS_SET(opts, xdp_zc_max_segs, 0);
	return 0;
}

int bpf_xdp_query_id(int ifindex, int flags, __u32 *prog_id)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	int err = bpf_xdp_query(ifindex, flags, &q);

	if (err)
		return err;
	if (flags & XDP_FLAGS_DRV_MODE)
		*prog_id = q.drv_prog_id;
	else if (flags & XDP_FLAGS_HW_MODE)
		*prog_id = q.hw_prog_id;
	else if (flags & XDP_FLAGS_SKB_MODE)
		*prog_id = q.skb_prog_id;
	else if (q.attach_mode != XDP_ATTACHED_MULTI)
		*prog_id = q.prog_id;
	else
		return libbpf_err(-EINVAL);	/* several modes: say which */
	return 0;
}
