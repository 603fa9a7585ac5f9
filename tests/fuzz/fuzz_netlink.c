// SPDX-License-Identifier: BSD-2-Clause
/*
 * rtnetlink replies as one recv() returns them: the reply loop
 * (nl_handle_replies(), with the acknowledgement's extended message), and
 * for each reply what the library's callbacks parse: a cls_bpf filter
 * (tc_bpf_filter_parse()), a qdisc or class (kind), a link's XDP state.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>

#include "fuzz.h"
#include "netlink.h"
#include "tc_filter.h"

static volatile unsigned long sink;

static void touch_str(const char *s)
{
	if (s)
		sink += strlen(s);
}

static void filter(const struct nlmsghdr *nh)
{
	struct tc_bpf_filter f;
	unsigned int i;

	if (tc_bpf_filter_parse(nh, &f) != 1)
		return;
	touch_str(f.name);
	sink += f.handle + f.priority + f.prog_id + f.tag[7];
	for (i = 0; i < f.act_cnt && i < TCA_ACT_MAX_PRIO; i++) {
		touch_str(f.acts[i].name);
		sink += f.acts[i].id;
	}
}

static void qdisc(const struct nlmsghdr *nh)
{
	const struct nlattr *tb[TCA_MAX + 1];

	if (!nl_parse_msg(tb, TCA_MAX, nh, sizeof(struct tcmsg)))
		touch_str(nl_attr_str(tb[TCA_KIND]));
}

static void xdp(const struct nlmsghdr *nh)
{
	const struct nlattr *tb[IFLA_MAX + 1], *x[IFLA_XDP_MAX + 1];

	if (nl_parse_msg(tb, IFLA_MAX, nh, sizeof(struct ifinfomsg)) || !tb[IFLA_XDP])
		return;
	if (nl_parse_nested(x, IFLA_XDP_MAX, tb[IFLA_XDP]))
		return;
	sink += nl_attr_u8(x[IFLA_XDP_ATTACHED]) + nl_attr_u32(x[IFLA_XDP_PROG_ID]) +
		nl_attr_u32(x[IFLA_XDP_DRV_PROG_ID]) + nl_attr_u32(x[IFLA_XDP_SKB_PROG_ID]);
}

static int reply(const struct nlmsghdr *nh, void *ctx)
{
	(void)ctx;
	filter(nh);
	qdisc(nh);
	xdp(nh);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;

	/* a recv() buffer: aligned, at most what nl_transact() reads at once */
	if (size > 32768)
		return 0;
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	sink += nl_handle_replies(buf, (int)size, 1, reply, NULL);
	free(buf);
	return 0;
}
