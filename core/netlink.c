// SPDX-License-Identifier: BSD-2-Clause
/*
 * rtnetlink requests: build, send, receive, parse.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "log.h"
#include "netlink.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define NL_BUF_SIZE 32768	/* replies the kernel batches into one read */

static int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	/* extended acks name what the kernel disliked; fine without them */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}

/* The kernel's message in an NLMSG_ERROR with extended ack, if any. */
static void log_ext_ack(const struct nlmsghdr *nh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nh);
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);
	const char *msg;

	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS) || nh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
		return;
	if (!(nh->nlmsg_flags & NLM_F_CAPPED)) {
		/* the request echoed whole, by a length the reply itself gives */
		if (e->msg.nlmsg_len < NLMSG_HDRLEN ||
		    e->msg.nlmsg_len - NLMSG_HDRLEN > nh->nlmsg_len)
			return;
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	/* the kernel starts the attributes aligned, whatever the echoed request's length */
	off = NLMSG_ALIGN(off);
	if (NLMSG_LENGTH(off) > nh->nlmsg_len)
		return;
	if (nl_parse_attrs(tb, NLMSGERR_ATTR_MAX, (const char *)e + off,
			   nh->nlmsg_len - NLMSG_LENGTH(off)))
		return;
	msg = nl_attr_str(tb[NLMSGERR_ATTR_MSG]);
	if (msg)
		pr_warn("netlink: %s\n", msg);
}

/*
 * NLMSG_OK() with len signed: after a last message of unaligned length,
 * NLMSG_NEXT() leaves len negative, which as unsigned would pass.
 */
static bool nl_msg_ok(const struct nlmsghdr *nh, int len)
{
	return len >= (int)sizeof(*nh) && nh->nlmsg_len >= sizeof(*nh) &&
	       nh->nlmsg_len <= (unsigned int)len;
}

int nl_handle_replies(char *buf, int len, __u32 seq, nl_reply_fn fn, void *ctx)
{
	struct nlmsghdr *nh;
	const struct nlmsgerr *e;
	int ret;

	for (nh = (struct nlmsghdr *)buf; nl_msg_ok(nh, len);
	     nh = NLMSG_NEXT(nh, len)) {
		if (nh->nlmsg_seq != seq)
			continue;	/* not ours */
		if (nh->nlmsg_type == NLMSG_DONE)
			return 0;
		if (nh->nlmsg_type == NLMSG_ERROR) {
			if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				return -EBADMSG;
			e = NLMSG_DATA(nh);
			if (e->error)
				log_ext_ack(nh);
			return e->error;
		}
		if (fn) {
			ret = fn(nh, ctx);
			if (ret)
				return ret;
		}
		if (!(nh->nlmsg_flags & NLM_F_MULTI))
			return 0;
	}
	return 1;
}

int nl_transact(struct nlmsghdr *req, nl_reply_fn fn, void *ctx)
{
	int fd, len, ret;
	char *buf;

	buf = malloc(NL_BUF_SIZE);
	if (!buf)
		return -ENOMEM;
	fd = nl_open();
	if (fd < 0) {
		free(buf);
		return fd;
	}
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = 1;
	if (send(fd, req, req->nlmsg_len, 0) < 0) {
		ret = -errno;
		goto out;
	}
	do {
		len = recv(fd, buf, NL_BUF_SIZE, 0);
		if (len < 0 && errno == EINTR)
			continue;
		ret = len < 0 ? -errno : len == 0 ? -ECONNRESET :
				nl_handle_replies(buf, len, req->nlmsg_seq, fn, ctx);
	} while (ret == 1);
out:
	close(fd);
	free(buf);
	return ret;
}

int nl_put_attr(struct nlmsghdr *msg, size_t size, unsigned short type, const void *data,
		size_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)msg + NLMSG_ALIGN(msg->nlmsg_len));

	if (NLMSG_ALIGN(msg->nlmsg_len) + NLA_ALIGN(NLA_HDRLEN + len) > size)
		return -EMSGSIZE;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	msg->nlmsg_len = NLMSG_ALIGN(msg->nlmsg_len) + NLA_ALIGN(a->nla_len);
	return 0;
}

struct nlattr *nl_begin_nest(struct nlmsghdr *msg, size_t size, unsigned short type)
{
	struct nlattr *nest = (struct nlattr *)((char *)msg + NLMSG_ALIGN(msg->nlmsg_len));

	if (nl_put_attr(msg, size, type | NLA_F_NESTED, NULL, 0))
		return NULL;
	return nest;
}

void nl_end_nest(struct nlmsghdr *msg, struct nlattr *nest)
{
	nest->nla_len = (char *)msg + msg->nlmsg_len - (char *)nest;
}

int nl_parse_attrs(const struct nlattr **tb, int max, const void *attrs, size_t len)
{
	const struct nlattr *a = attrs;
	int type;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	while (len >= NLA_HDRLEN) {
		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return -EINVAL;
		type = a->nla_type & NLA_TYPE_MASK;
		if (type <= max)
			tb[type] = a;
		if ((size_t)NLA_ALIGN(a->nla_len) >= len)
			break;
		len -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
	return 0;
}

int nl_parse_msg(const struct nlattr **tb, int max, const struct nlmsghdr *nh, size_t hdr_size)
{
	size_t off = NLMSG_ALIGN(NLMSG_LENGTH(hdr_size));
	size_t len = nh->nlmsg_len > off ? nh->nlmsg_len - off : 0;

	if (nh->nlmsg_len < NLMSG_LENGTH(hdr_size))
		return -EBADMSG;
	return nl_parse_attrs(tb, max, (const char *)nh + off, len) ? -EBADMSG : 0;
}

int nl_parse_nested(const struct nlattr **tb, int max, const struct nlattr *a)
{
	return nl_parse_attrs(tb, max, (const char *)a + NLA_HDRLEN, a->nla_len - NLA_HDRLEN) ?
	       -EBADMSG : 0;
}

__u32 nl_attr_u32(const struct nlattr *a)
{
	__u32 v = 0;

	if (a && a->nla_len >= NLA_HDRLEN + sizeof(v))
		memcpy(&v, (const char *)a + NLA_HDRLEN, sizeof(v));
	return v;
}

__u8 nl_attr_u8(const struct nlattr *a)
{
	return a && a->nla_len >= NLA_HDRLEN + 1 ? *((const __u8 *)a + NLA_HDRLEN) : 0;
}

const char *nl_attr_str(const struct nlattr *a)
{
	const char *s;

	if (!a || a->nla_len <= NLA_HDRLEN)
		return NULL;
	s = (const char *)a + NLA_HDRLEN;
	return memchr(s, '\0', a->nla_len - NLA_HDRLEN) ? s : NULL;
}
