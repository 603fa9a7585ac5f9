/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal rtnetlink client: one request, its acknowledgement or its
 * replies, and the attributes of a reply. Enough for XDP (RTM_SETLINK,
 * RTM_GETLINK) and for tc qdiscs and filters (RTM_*QDISC, RTM_*TFILTER).
 */
#ifndef __BPFCORE_NETLINK_H
#define __BPFCORE_NETLINK_H

#include <stddef.h>
#include <linux/netlink.h>
#include <linux/types.h>

/* Called for each reply message; non-zero stops and is returned. */
typedef int (*nl_reply_fn)(const struct nlmsghdr *nh, void *ctx);

/*
 * Send req (a complete message, nlmsg_len set) on a new NETLINK_ROUTE
 * socket and read until the acknowledgement or the end of a dump, calling
 * fn (may be NULL) for each reply. Returns 0 or -errno (the kernel's error
 * for the request, with its extended message logged).
 */
int nl_transact(struct nlmsghdr *req, nl_reply_fn fn, void *ctx);

/*
 * One buffer of replies to request seq, as recv() returned them (len
 * bytes): fn for each reply, the kernel's error or the end of a dump.
 * Returns 1 when more replies are to be read, 0 when done, or -errno.
 */
int nl_handle_replies(char *buf, int len, __u32 seq, nl_reply_fn fn, void *ctx);

/* Append attribute type with len bytes of data to msg (room: size bytes). */
int nl_put_attr(struct nlmsghdr *msg, size_t size, unsigned short type, const void *data,
		size_t len);

/* Open a nested attribute; close it with nl_end_nest(). NULL if no room. */
struct nlattr *nl_begin_nest(struct nlmsghdr *msg, size_t size, unsigned short type);
void nl_end_nest(struct nlmsghdr *msg, struct nlattr *nest);

/*
 * Index the attributes in [attrs, attrs + len) by type into tb (max + 1
 * entries, zeroed first); later duplicates win. -EINVAL if malformed.
 */
int nl_parse_attrs(const struct nlattr **tb, int max, const void *attrs, size_t len);

/*
 * Index the attributes of message nh, which follow its fixed header of
 * hdr_size bytes (struct ifinfomsg, struct tcmsg...). -EBADMSG if the
 * message is shorter than that header or its attributes are malformed.
 */
int nl_parse_msg(const struct nlattr **tb, int max, const struct nlmsghdr *nh, size_t hdr_size);

/* Index the attributes nested in a. -EBADMSG if malformed. */
int nl_parse_nested(const struct nlattr **tb, int max, const struct nlattr *a);

/* The payload of a as a number; 0 if a is NULL or too short. */
__u32 nl_attr_u32(const struct nlattr *a);
__u8 nl_attr_u8(const struct nlattr *a);

/* The payload of a as a string; NULL if a is NULL or not NUL-terminated. */
const char *nl_attr_str(const struct nlattr *a);

#endif /* __BPFCORE_NETLINK_H */
